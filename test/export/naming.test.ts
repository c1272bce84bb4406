import { subjectOf } from '../fixtures/export-subject';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { parse as parseYaml } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/catalog/default';
import { ScenarioSchema } from '../../src/model/scenario';
import type { Result } from '../../src/model/result';
import { optimize } from '../../src/topology/optimize';
import { exportSubject, type ExportSubject } from '../../src/export/fabric';
import { exportFormat } from '../../src/export/formats';
import { labInterface, PortNamer } from '../../src/topology/naming';
import { parseIbnetdiscover, parseTopologyConf } from './grammars';

type Row = Record<string, string>;
const text = (id: string, s: ExportSubject) => [...exportFormat(id)!.write(s)].join('');
const csv = (id: string, s: ExportSubject): Row[] => parseCsv(text(id, s), { columns: true });

function run(input: object): Result {
  const r = optimize(ScenarioSchema.parse(input), defaultCatalog);
  if (!r.ok) throw new Error(r.reason);
  return r.result;
}

const H100 = { cluster: { gpus: 1024 }, fabric: { technologies: ['infiniband'] } };
const ETH = { cluster: { gpus: 128, serverProfile: 'hgx-b300-8x800g' }, fabric: { technologies: ['ethernet'], planes: [2], families: ['rail-optimized'], maxTiers: 2 }, search: { topK: 1 } };
let ib: ExportSubject;
let eth: ExportSubject;
beforeAll(() => {
  ib = subjectOf(run(H100));
  eth = subjectOf(run(ETH));
});

/** Devices and cabled ports (device#port) as the listing names them. */
function expected(s: ExportSubject) {
  const devices = new Set([...s.listing.devices()].map((d) => d.name));
  const ports = new Set<string>();
  for (const l of s.listing.links()) for (const e of [l.a, l.b]) ports.add(`${e.device}#${e.port}`);
  return { devices, ports };
}

const sorted = (xs: Iterable<string>) => [...xs].sort();

describe('one naming scheme across every export', () => {
  it('names the same devices and cabled ports in the cable schedule, NetBox, rack CSV, DOT, ibnetdiscover and topology.conf (InfiniBand)', () => {
    const want = expected(ib);
    // Cable schedule: every end's device, and every logical port its plugs carry.
    const schedule = ib.listing.cables();
    const cableDevices = new Set<string>();
    const cablePorts = new Set<string>();
    for (const c of schedule) for (const e of [c.a, ...c.b]) {
      cableDevices.add(e.device);
      for (const p of e.ports) cablePorts.add(`${e.device}#${p}`);
    }
    const rows = csv('cables-csv', ib);
    for (const r of rows) for (const k of Object.keys(r).filter((x) => x.endsWith('_device'))) if (r[k]) expect(cableDevices.has(r[k])).toBe(true);
    expect(sorted(cableDevices)).toEqual(sorted(want.devices));
    expect(sorted(cablePorts)).toEqual(sorted(want.ports));
    // NetBox: devices, and the interfaces its cables join.
    expect(sorted(csv('netbox-devices', ib).map((r) => r.name))).toEqual(sorted(want.devices));
    const nbPorts = csv('netbox-cables', ib).flatMap((r) => [`${r.side_a_device}#${r.side_a_name}`, `${r.side_b_device}#${r.side_b_name}`]);
    expect(sorted(nbPorts)).toEqual(sorted(want.ports));
    // Rack CSV: every device once.
    expect(sorted(csv('rack-csv', ib).filter((r) => r.device).map((r) => r.device))).toEqual(sorted(want.devices));
    // DOT, every device: node IDs and the port labels at each edge end.
    const dot = text('dot-full', ib);
    expect(sorted(new Set([...dot.matchAll(/^ {2}"([^"]+)" \[label=/gm)].map((m) => m[1])))).toEqual(sorted(want.devices));
    const dotPorts = [...dot.matchAll(/^ {2}"([^"]+)" -- "([^"]+)" \[taillabel="([^"]+)", headlabel="([^"]+)"/gm)].flatMap((m) => [`${m[1]}#${m[3]}`, `${m[2]}#${m[4]}`]);
    expect(sorted(dotPorts)).toEqual(sorted(want.ports));
    // ibnetdiscover: switch names; an HCA is "<node> nicR" with one port per plane; switch ports by logical number.
    const topo = parseIbnetdiscover(text('ibnetdiscover', ib));
    const ibDevices = new Set([...topo.switches.keys(), ...[...topo.cas.keys()].map((ca) => ca.split(' ')[0])]);
    expect(sorted(ibDevices)).toEqual(sorted(want.devices));
    const tierOf = new Map([...ib.listing.devices()].filter((d) => d.role !== 'node').map((d) => [d.name, ['leaf', 'spine', 'core'].indexOf(d.role)]));
    const ibPorts: string[] = [];
    for (const [name, sw] of topo.switches) for (const q of sw.ports.keys()) ibPorts.push(`${name}#${ib.listing.portNamer(tierOf.get(name)!).port(q)}`);
    for (const [ca, ports] of topo.cas) for (const p of ports.keys()) ibPorts.push(`${ca.split(' ')[0]}#${ca.split(' ')[1]}${ib.candidate.planes > 1 ? `/${p}` : ''}`);
    expect(sorted(ibPorts)).toEqual(sorted(want.ports));
    // Slurm: every node by its name; a fat-tree's leaf-level switches are its plane-1 leaves.
    const conf = parseTopologyConf(text('topology-conf', ib));
    const nodes = conf.filter((e) => e.kind === 'Nodes');
    expect(sorted(nodes.flatMap((e) => e.members))).toEqual(sorted([...ib.listing.devices()].filter((d) => d.role === 'node').map((d) => d.name)));
    if (ib.candidate.family === 'fat-tree') for (const e of nodes) expect(want.devices.has(e.name)).toBe(true);
  });

  it('names the same devices and cabled ports in containerlab, as the Linux interfaces containerlab maps them to (Ethernet)', () => {
    const want = expected(eth);
    const doc = parseYaml(text('containerlab', eth));
    expect(sorted(Object.keys(doc.topology.nodes))).toEqual(sorted(want.devices));
    const lab = (doc.topology.links as { endpoints: string[] }[]).flatMap((l) => l.endpoints);
    expect(sorted(lab)).toEqual(sorted([...want.ports].map((k) => {
      const [device, port] = k.split('#');
      return `${device}:${labInterface(port, eth.candidate.planes)}`;
    })));
  });

  it('shows the node names the files hold in the docs: node-001 for 128 nodes, and the first cable schedule row of the 1,024-GPU example', () => {
    const docs = readFileSync(join(__dirname, '..', '..', 'docs', 'exports.md'), 'utf8');
    expect(docs).not.toContain('node-0001');
    const lines = text('cables-csv', ib).split('\r\n');
    expect(docs).toContain(lines[0]);
    expect(docs).toContain(lines[1]);
    expect(docs).toContain(lines.find((l) => l.startsWith('C0017,'))!);
  });
});

describe('naming templates', () => {
  it('apply to every export: hostnames from row, rack and slot, switch names from plane, group and rail', () => {
    const s = subjectOf(run({ ...H100, naming: { node: 'gpu-r{row}-k{rack}-s{slot}', leaf: 'ib{plane}-leaf{index}', spine: 'ib{plane}-spine{index}' } }));
    const names = [...s.listing.devices()].map((d) => d.name);
    expect(names).toContain('gpu-r01-k01-s01');
    expect(names).toContain('ib1-leaf01');
    expect(names.some((n) => n.startsWith('node-'))).toBe(false);
    const slurm = parseTopologyConf(text('topology-conf', s));
    expect(slurm.filter((e) => e.kind === 'Nodes').flatMap((e) => e.members)).toContain('gpu-r01-k01-s04');
    expect(csv('netbox-devices', s).map((r) => r.name)).toContain('ib1-spine01');
    expect(csv('cables-csv', s)[0].b1_device).toBe('gpu-r01-k01-s01');
    expect(text('ibnetdiscover', s)).toContain('"ib1-leaf01"');
  });

  it('refuses an unknown placeholder, or one that means nothing for the role, naming the field', () => {
    const bad = ScenarioSchema.safeParse({ ...H100, naming: { node: 'gpu-{rack}-{bay}' } });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0].path).toEqual(['naming', 'node']);
    expect(bad.error!.issues[0].message).toMatch(/unknown placeholder \{bay\}/);
    const wrongRole = ScenarioSchema.safeParse({ ...H100, naming: { node: 'gpu-{plane}-{index}' } });
    expect(wrongRole.error!.issues[0].message).toMatch(/\{plane\}, which means nothing for a node/);
    expect(ScenarioSchema.safeParse({ ...H100, naming: { leaf: 'leaf' } }).error!.issues[0].message).toMatch(/no placeholder/);
    expect(ScenarioSchema.safeParse({ ...H100, naming: { leaf: 'leaf {index}' } }).error!.issues[0].message).toMatch(/only letters, digits/);
  });

  it('refuses at export a template that gives two devices one name, naming the field', () => {
    // A rail-optimized fabric has a leaf per rail in each scalable unit: {su} alone cannot tell them apart.
    const result = run({ cluster: { gpus: 512 }, fabric: { technologies: ['infiniband'], families: ['rail-optimized'], maxTiers: 2 }, naming: { leaf: 'leaf-{su}' }, search: { topK: 1 } });
    const s = exportSubject(result, defaultCatalog, result.candidates[0].id);
    expect(s.ok).toBe(false);
    expect(!s.ok && s.message).toMatch(/naming\.leaf: "leaf-\{su\}" gives two leaves the same name "leaf-01"/);
    const clash = run({ ...H100, naming: { node: 'x-{index}', leaf: 'x-0{index}' } });
    const c = exportSubject(clash, defaultCatalog, clash.candidates[0].id);
    expect(!c.ok && c.message).toMatch(/naming\.leaf: .* already the name of a node \(naming\.node\)/);
  });
});

describe('port names follow the cage layout in the vendor style', () => {
  const osfp32 = { cageType: 'OSFP' as const, cages: 32 };
  it('InfiniBand: a twin-port OSFP cage holds ports 17/1 and 17/2; one port per cage is the cage number', () => {
    const p = new PortNamer({ ...osfp32, vendor: 'NVIDIA' }, 'infiniband', 64);
    expect([p.port(33), p.port(34), p.cage(17)]).toEqual(['17/1', '17/2', '17']);
    expect(new PortNamer({ ...osfp32, vendor: 'NVIDIA' }, 'infiniband', 32).port(17)).toBe('17');
  });
  it('Ethernet: Cumulus swp17s0/swp17s1, Arista EOS Ethernet17/1 and Ethernet17/5, SONiC Ethernet128 and Ethernet132', () => {
    const sn = { cageType: 'OSFP' as const, cages: 64 };
    expect([new PortNamer({ ...sn, vendor: 'NVIDIA' }, 'ethernet', 128).port(33), new PortNamer({ ...sn, vendor: 'NVIDIA' }, 'ethernet', 128).port(34)]).toEqual(['swp17s0', 'swp17s1']);
    expect(new PortNamer({ ...sn, vendor: 'NVIDIA' }, 'ethernet', 64).port(17)).toBe('swp17');
    const eos = new PortNamer({ ...sn, vendor: 'Arista' }, 'ethernet', 128);
    expect([eos.port(33), eos.port(34)]).toEqual(['Ethernet17/1', 'Ethernet17/5']);
    const sonic = new PortNamer({ ...sn, vendor: 'UfiSpace' }, 'ethernet', 128);
    expect([sonic.port(33), sonic.port(34)]).toEqual(['Ethernet128', 'Ethernet132']);
    expect([labInterface('Ethernet17/5', 1), labInterface('Ethernet128', 1), labInterface('swp17s1', 1), labInterface('nic3/2', 2)]).toEqual(['eth17_5', 'eth129', 'swp17s1', 'eth6']);
  });
});
