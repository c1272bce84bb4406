import { spawnSync } from 'node:child_process';
import { expandHostlist } from '../../src/export/hostlist';
import type { ExportSubject } from '../../src/export/fabric';

/** Readers for the line formats, strict enough that a forged or broken record fails to parse. */

export interface PortPeer {
  peer: string;
  peerPort: number;
}

export interface IbnetdiscoverListing {
  /** Switch name -> model text, radix and cabled ports. */
  switches: Map<string, { model: string; radix: number; ports: Map<number, PortPeer> }>;
  /** HCA name ("node-0001 nic3") -> cabled ports. */
  cas: Map<string, Map<number, PortPeer>>;
}

const IB_HEADER = /^(#.*|vendid=0x[0-9a-f]+|devid=0x[0-9a-f]+|sysimgguid=0x[0-9a-f]{16}|switchguid=0x[0-9a-f]{16}\([0-9a-f]{16}\)|caguid=0x[0-9a-f]{16}|)$/;
const IB_SWITCH = /^Switch\t(\d+) "(S-[0-9a-f]{16})"\t\t# "([^"]+)" ([^"]*) enhanced port 0 lid 0 lmc 0$/;
const IB_CA = /^Ca\t(\d+) "(H-[0-9a-f]{16})"\t\t# "([^"]+)"$/;
const IB_SWITCH_PORT = /^\[(\d+)\]\t"([SH]-[0-9a-f]{16})"\[(\d+)\](\([0-9a-f]{16}\) )?\t\t# "([^"]+)" lid 0 \dx(NDR|HDR|EDR|XDR)$/;
const IB_CA_PORT = /^\[(\d+)\]\([0-9a-f]{16}\) \t"(S-[0-9a-f]{16})"\[(\d+)\]\t\t# lid 0 lmc 0 "([^"]+)" lid 0 \dx(NDR|HDR|EDR|XDR)$/;

/**
 * Reads an ibnetdiscover listing by its grammar: every line is a header, a device line or a port
 * line of the current device; a quoted name is one token; a port's GUID reference and its quoted
 * peer name must name the same device. Throws on the first line that does not fit.
 */
export function parseIbnetdiscover(text: string): IbnetdiscoverListing {
  const switches: IbnetdiscoverListing['switches'] = new Map();
  const cas: IbnetdiscoverListing['cas'] = new Map();
  const nameOfGuid = new Map<string, string>();
  const refs: { guid: string; peer: string; line: string }[] = [];
  let current: Map<number, PortPeer> | null = null;
  let isSwitch = false;
  for (const line of text.split('\n')) {
    let m: RegExpExecArray | null;
    if ((m = IB_SWITCH.exec(line))) {
      current = new Map();
      isSwitch = true;
      if (switches.has(m[3])) throw new Error(`switch listed twice: ${JSON.stringify(line)}`);
      switches.set(m[3], { model: m[4], radix: Number(m[1]), ports: current });
      nameOfGuid.set(m[2], m[3]);
    } else if ((m = IB_CA.exec(line))) {
      current = new Map();
      isSwitch = false;
      if (cas.has(m[3])) throw new Error(`HCA listed twice: ${JSON.stringify(line)}`);
      cas.set(m[3], current);
      nameOfGuid.set(m[2], m[3]);
    } else if (current && isSwitch && (m = IB_SWITCH_PORT.exec(line))) {
      current.set(Number(m[1]), { peer: m[5], peerPort: Number(m[3]) });
      refs.push({ guid: m[2], peer: m[5], line });
    } else if (current && !isSwitch && (m = IB_CA_PORT.exec(line))) {
      current.set(Number(m[1]), { peer: m[4], peerPort: Number(m[3]) });
      refs.push({ guid: m[2], peer: m[4], line });
    } else if (IB_HEADER.test(line)) {
      if (line === '') current = null;
    } else throw new Error(`line does not parse: ${JSON.stringify(line)}`);
  }
  for (const r of refs) if (nameOfGuid.get(r.guid) !== r.peer) throw new Error(`GUID and name disagree: ${JSON.stringify(r.line)}`);
  return { switches, cas };
}

/** What the ibnetdiscover listing of a fabric must hold: every cabled port of every switch and HCA, from both ends. */
export function expectedIbnetdiscover(s: ExportSubject): { switchPorts: Map<string, Map<number, PortPeer>>; caPorts: Map<string, Map<number, PortPeer>> } {
  const switchPorts = new Map<string, Map<number, PortPeer>>();
  const caPorts = new Map<string, Map<number, PortPeer>>();
  const at = (m: Map<string, Map<number, PortPeer>>, name: string) => {
    let ports = m.get(name);
    if (!ports) m.set(name, (ports = new Map()));
    return ports;
  };
  for (const l of s.listing.links()) {
    if (l.linkClass === 'node-leaf') {
      const [nic, plane] = l.a.port.split('/');
      const ca = `${l.a.device} ${nic}`;
      const caPort = plane ? Number(plane) : 1;
      at(caPorts, ca).set(caPort, { peer: l.b.device, peerPort: Number(l.b.port) });
      at(switchPorts, l.b.device).set(Number(l.b.port), { peer: ca, peerPort: caPort });
    } else {
      at(switchPorts, l.a.device).set(Number(l.a.port), { peer: l.b.device, peerPort: Number(l.b.port) });
      at(switchPorts, l.b.device).set(Number(l.b.port), { peer: l.a.device, peerPort: Number(l.a.port) });
    }
  }
  return { switchPorts, caPorts };
}

export interface TopologyConfEntry {
  name: string;
  kind: 'Nodes' | 'Switches';
  members: string[];
}

const TOPOLOGY_CONF_LINE = /^(#.*|SwitchName=[A-Za-z0-9_-]+ (Nodes|Switches)=[A-Za-z0-9_,[\]-]+)$/;

/** Reads a Slurm topology.conf (topology/tree): comment lines and SwitchName records only. Throws on any other line. */
export function parseTopologyConf(text: string): TopologyConfEntry[] {
  const lines = text.split('\n');
  if (lines.pop() !== '') throw new Error('topology.conf must end with a line break');
  const entries: TopologyConfEntry[] = [];
  for (const l of lines) {
    if (!TOPOLOGY_CONF_LINE.test(l)) throw new Error(`line does not parse: ${JSON.stringify(l)}`);
    if (l.startsWith('#')) continue;
    const m = /^SwitchName=(\S+) (Nodes|Switches)=(\S+)$/.exec(l)!;
    entries.push({ name: m[1], kind: m[2] as TopologyConfEntry['kind'], members: expandHostlist(m[3]) });
  }
  return entries;
}

export interface DotNode {
  name: string;
  /** The label as Graphviz draws it, line by line. */
  label: string[];
}

export interface DotEdge {
  tail: string;
  head: string;
  label: string[];
  tailLabel: string[];
  headLabel: string[];
}

type Draw = { op: string; text?: string }[] | undefined;
const texts = (ops: Draw) => (ops ?? []).filter((o) => o.op === 'T').map((o) => o.text!);

/**
 * Reads DOT with Graphviz itself (`dot -Tjson`): the nodes and edges it sees, with their labels as
 * it draws them (escapes and entities decoded, one entry per line).
 */
export function graphvizRead(dot: string): { nodes: Map<string, DotNode>; edges: DotEdge[] } {
  const r = spawnSync('dot', ['-Tjson'], { input: dot, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`dot rejected the file: ${r.stderr || r.error}`);
  type Obj = { _gvid: number; name: string; nodes?: number[]; _ldraw_?: Draw };
  type Edge = { tail: number; head: number; _ldraw_?: Draw; _tldraw_?: Draw; _hldraw_?: Draw };
  const doc = JSON.parse(r.stdout) as { objects?: Obj[]; edges?: Edge[] };
  const nodes = new Map<string, DotNode>();
  const nameOf = new Map<number, string>();
  for (const o of doc.objects ?? []) {
    if (o.nodes) continue; // a subgraph (cluster)
    if (nodes.has(o.name)) throw new Error(`node listed twice: ${o.name}`);
    nodes.set(o.name, { name: o.name, label: texts(o._ldraw_) });
    nameOf.set(o._gvid, o.name);
  }
  const edges = (doc.edges ?? []).map((e) => ({
    tail: nameOf.get(e.tail)!, head: nameOf.get(e.head)!,
    label: texts(e._ldraw_), tailLabel: texts(e._tldraw_), headLabel: texts(e._hldraw_),
  }));
  return { nodes, edges };
}
