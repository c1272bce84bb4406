import { Graphviz, type Format } from '@hpcc-js/wasm-graphviz';
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
      at(caPorts, ca).set(caPort, { peer: l.b.device, peerPort: l.b.number! });
      at(switchPorts, l.b.device).set(l.b.number!, { peer: ca, peerPort: caPort });
    } else {
      at(switchPorts, l.a.device).set(l.a.number!, { peer: l.b.device, peerPort: l.b.number! });
      at(switchPorts, l.b.device).set(l.b.number!, { peer: l.a.device, peerPort: l.a.number! });
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

/**
 * Graphviz itself, compiled to WebAssembly (@hpcc-js/wasm-graphviz), so the tests need Node alone,
 * not a system `dot`. Loaded once per test file.
 */
const graphviz = await Graphviz.load();

/**
 * Lays DOT out with Graphviz's dot engine (what `dot -T<format>` does) and returns the output;
 * throws with Graphviz's message when it cannot read the file.
 */
export function graphvizRender(dot: string, format: 'svg' | 'xdot'): string {
  try {
    // xdot is a Graphviz output format the wasm build has, though its type lists a subset.
    return graphviz.layout(dot, format as Format, 'dot');
  } catch (e) {
    throw new Error(`Graphviz rejected the file: ${(e as Error).message ?? e}`);
  }
}

type Token = { kind: 'id' | 'quoted' | 'op'; text: string };

/** DOT as Graphviz writes it, as tokens: quoted strings unquoted (\" and \\ decoded, continuations joined). */
function dotTokens(text: string): Token[] {
  const tokens: Token[] = [];
  const re = /\s+|\/\/[^\n]*|#[^\n]*|\/\*[\s\S]*?\*\/|"((?:[^"\\]|\\[\s\S])*)"|(--|->|[[\]{}=;,:])|([A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*|-?(?:\.\d+|\d+(?:\.\d*)?))|<|([\s\S])/gy;
  let m: RegExpExecArray | null;
  while (re.lastIndex < text.length && (m = re.exec(text))) {
    if (m[1] !== undefined) tokens.push({ kind: 'quoted', text: m[1].replace(/\\\r?\n/g, '').replace(/\\(["\\])/g, '$1') });
    else if (m[2] !== undefined) tokens.push({ kind: 'op', text: m[2] });
    else if (m[3] !== undefined) tokens.push({ kind: 'id', text: m[3] });
    else if (m[0] === '<') {
      // An HTML-like label: up to the matching '>'.
      let depth = 1;
      let i = re.lastIndex;
      for (; i < text.length && depth; i++) depth += text[i] === '<' ? 1 : text[i] === '>' ? -1 : 0;
      tokens.push({ kind: 'quoted', text: text.slice(re.lastIndex, i - 1) });
      re.lastIndex = i;
    } else if (m[4] !== undefined) throw new Error(`Graphviz wrote a character DOT does not allow: ${JSON.stringify(m[4])}`);
  }
  return tokens;
}

/** The lines of text an xdot drawing draws (its T operations; n counts the text's UTF-8 bytes). */
function xdotTexts(ops: string | undefined): string[] {
  const lines: string[] = [];
  if (!ops) return lines;
  const bytes = Buffer.from(ops, 'utf8');
  const ascii = bytes.toString('latin1');
  const re = /(?:^|\s)T\s+\S+\s+\S+\s+\S+\s+\S+\s+(\d+)\s+-/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(ascii))) {
    const start = m.index + m[0].length;
    const n = Number(m[1]);
    lines.push(bytes.subarray(start, start + n).toString('utf8'));
    re.lastIndex = start + n;
  }
  return lines;
}

/**
 * Reads DOT with Graphviz itself (as `dot -Txdot`): the nodes and edges it sees, with their labels
 * as it draws them (escapes and entities decoded, one entry per line). Not its JSON output: in
 * Graphviz 16 that garbles text containing a backslash (doubled, and later lines dropped).
 */
export function graphvizRead(dot: string): { nodes: Map<string, DotNode>; edges: DotEdge[] } {
  const t = dotTokens(graphvizRender(dot, 'xdot'));
  const nodes = new Map<string, DotNode>();
  const edges: DotEdge[] = [];
  const isKeyword = (k: Token | undefined, ...words: string[]) => k?.kind === 'id' && words.includes(k.text.toLowerCase());
  let i = 0;
  const attrs = (): Record<string, string> => {
    const a: Record<string, string> = {};
    while (t[i]?.text === '[' && t[i].kind === 'op') {
      i++;
      while (!(t[i].kind === 'op' && t[i].text === ']')) {
        const key = t[i++].text;
        if (t[i]?.kind === 'op' && t[i].text === '=') { i++; a[key] = t[i++].text; }
        if (t[i]?.kind === 'op' && (t[i].text === ',' || t[i].text === ';')) i++;
      }
      i++;
    }
    return a;
  };
  const endpoint = (): string => {
    const name = t[i++].text;
    while (t[i]?.kind === 'op' && t[i].text === ':') i += 2; // port and compass point
    return name;
  };
  while (i < t.length) {
    const k = t[i];
    if (isKeyword(k, 'strict')) { i++; continue; }
    if (isKeyword(k, 'graph', 'digraph', 'subgraph') && !(t[i + 1]?.kind === 'op' && t[i + 1].text === '[')) {
      i++;
      if (t[i]?.kind !== 'op') i++; // its name
      continue;
    }
    if (k.kind === 'op') { i++; continue; } // { } ;
    if (isKeyword(k, 'graph', 'node', 'edge')) { i++; attrs(); continue; }
    if (t[i + 1]?.kind === 'op' && t[i + 1].text === '=') { i += 3; continue; } // a graph attribute
    const ends = [endpoint()];
    while (t[i]?.kind === 'op' && (t[i].text === '--' || t[i].text === '->')) { i++; ends.push(endpoint()); }
    const a = attrs();
    if (ends.length === 1) {
      if (nodes.has(ends[0])) throw new Error(`node listed twice: ${ends[0]}`);
      nodes.set(ends[0], { name: ends[0], label: xdotTexts(a._ldraw_) });
    } else {
      for (let e = 1; e < ends.length; e++)
        edges.push({ tail: ends[e - 1], head: ends[e], label: xdotTexts(a._ldraw_), tailLabel: xdotTexts(a._tldraw_), headLabel: xdotTexts(a._hldraw_) });
    }
  }
  return { nodes, edges };
}
