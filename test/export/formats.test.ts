import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
import { expandHostlist, hostlist } from '../../src/export/hostlist';
import { dot as dotLines } from '../../src/export/dot';
import { expectedIbnetdiscover, graphvizRender, parseIbnetdiscover, parseTopologyConf } from './grammars';

const text = (id: string, s: ExportSubject) => [...exportFormat(id)!.write(s)].join('');

function run(input: object): Result {
  const r = optimize(ScenarioSchema.parse(input), defaultCatalog);
  if (!r.ok) throw new Error(r.reason);
  return r.result;
}

function subject(result: Result, pick: (r: Result) => string = (r) => r.candidates[0].id): ExportSubject {
  const s = exportSubject(result, defaultCatalog, pick(result));
  if (!s.ok) throw new Error(s.message);
  return s.value;
}

let ib: ExportSubject; // the 1,024-GPU NDR example's best design
let ib3: ExportSubject; // a 3-tier rail-optimized design
let eth: ExportSubject; // a small 2-plane RoCE design

beforeAll(() => {
  ib = subject(run({ cluster: { gpus: 1024 }, fabric: { technologies: ['infiniband'] } }));
  ib3 = subject(run({ cluster: { gpus: 4096, serverProfile: 'hgx-b200-8x400g' }, fabric: { technologies: ['infiniband'], switchModels: ['QM9700'], families: ['rail-optimized'] }, search: { topK: 1 } }));
  eth = subject(run({ cluster: { gpus: 128, serverProfile: 'hgx-b300-8x800g' }, fabric: { technologies: ['ethernet'], planes: [2], families: ['rail-optimized'], maxTiers: 2 }, search: { topK: 1 } }));
});

const classCounts = (s: ExportSubject) => Object.fromEntries(s.candidate.links.map((l) => [l.between, l.count]));

describe('cable schedule CSV', () => {
  const bEnds = (r: Record<string, string>) => {
    const out: { device: string; port: string; rack: string }[] = [];
    for (let k = 1; r[`b${k}_device`] !== undefined; k++) if (r[`b${k}_device`]) out.push({ device: r[`b${k}_device`], port: r[`b${k}_port`], rack: r[`b${k}_rack`] });
    return out;
  };

  it('has one row per physical cable whose legs add up to the links of each class, each NIC port once, unique IDs', () => {
    for (const s of [ib, ib3, eth]) {
      const rows: Record<string, string>[] = parseCsv(text('cables-csv', s), { columns: true });
      const cables = [...s.listing.cables()];
      expect(rows.length).toBe(cables.length);
      const legsPerClass: Record<string, number> = {};
      cables.forEach((c) => (legsPerClass[c.linkClass] = (legsPerClass[c.linkClass] ?? 0) + c.links.length));
      expect(legsPerClass).toEqual(classCounts(s));
      const nicPorts = rows.filter((r) => r.link_class === 'node-leaf').flatMap((r) => bEnds(r).map((b) => `${b.device}#${b.port}`));
      expect(new Set(nicPorts).size).toBe(nicPorts.length);
      expect(nicPorts.length).toBe(classCounts(s)['node-leaf']);
      expect(new Set(rows.map((r) => r.cable_id)).size).toBe(rows.length);
      expect(rows.every((r) => Number(r.cable_length_m) >= Number(r.run_length_m))).toBe(true);
    }
  });

  it('writes a splitter cable as one row with two B ends (512 cables for the 1,024 node links of the 1,024-GPU example)', () => {
    const rows: Record<string, string>[] = parseCsv(text('cables-csv', ib), { columns: true });
    const node = rows.filter((r) => r.link_class === 'node-leaf');
    expect(ib.candidate.links[0].count).toBe(1024);
    expect(node.length).toBe(512);
    for (const r of node) {
      expect(bEnds(r)).toHaveLength(2);
      expect(r.media).toBe('dac');
      expect(r.a_transceiver).toBe('');
      expect(r.b1_transceiver).toBe('');
      // The splitter's one plug takes a whole twin-port cage of the leaf.
      expect(r.a_port).toMatch(/^\d+$/);
    }
  });

  it('names the transceiver at each end of an optical cable and none for copper', () => {
    const rows: Record<string, string>[] = parseCsv(text('cables-csv', ib), { columns: true });
    const fibre = rows.filter((r) => r.media === 'fiber');
    expect(fibre.length).toBeGreaterThan(0);
    for (const r of fibre) {
      expect(r.a_transceiver).toBe('MMA4Z00-NS');
      expect(r.b1_transceiver).toBe('MMA4Z00-NS');
    }
  });

  it('orders length-coded part numbers where the catalog lists them (MCP7Y00-N002 for a 2 m splitter)', () => {
    const rows: Record<string, string>[] = parseCsv(text('cables-csv', ib), { columns: true });
    const splitter = rows.find((r) => r.media === 'dac')!;
    expect([splitter.cable_part_number, splitter.part_number_kind, splitter.cable_length_m]).toEqual(['MCP7Y00-N002', 'orderable', '2']);
    for (const r of rows) expect(r.part_number_kind === 'orderable' ? !/x$/.test(r.cable_part_number) : true).toBe(true);
  });

  it('sorts rows by the rack of their A end, racks in walking order, and places every end in a rack', () => {
    for (const s of [ib, ib3, eth]) {
      const order = new Map(s.listing.placement().racks.map((r) => [r.name, r.index]));
      const rows: Record<string, string>[] = parseCsv(text('cables-csv', s), { columns: true });
      const racks = rows.map((r) => order.get(r.a_rack)!);
      expect(racks.every((x) => x !== undefined)).toBe(true);
      expect(racks.every((x, i) => i === 0 || x >= racks[i - 1])).toBe(true);
      for (const r of rows) for (const b of bEnds(r)) expect(order.has(b.rack)).toBe(true);
      expect(rows.every((r) => /^U\d+$/.test(r.a_position) || /^slot \d+$/.test(r.a_position))).toBe(true);
    }
  });
});

describe('BOM CSV', () => {
  it('parses, and its extended prices add up to the capex', () => {
    const rows = (parseCsv(text('bom-csv', ib), { columns: true }) as Record<string, string>[]).filter((r) => r.row === 'item');
    expect(rows.length).toBe(ib.candidate.bom.length);
    const total = rows.reduce((a, r) => a + Number(r.extendedPrice), 0);
    expect(Math.round(total * 100)).toBe(Math.round(ib.candidate.metrics.capex * 100));
    const switches = rows.filter((r) => r.category === 'switch').reduce((a, r) => a + Number(r.quantity), 0);
    expect(switches).toBe(ib.candidate.metrics.switchCount);
  });
});

describe('Graphviz DOT', () => {
  const edgeLabelSum = (dot: string) => [...dot.matchAll(/ -- \S+ \[label="([\d,]+) links/g)].reduce((a, m) => a + Number(m[1].replace(/,/g, '')), 0);

  it('aggregates tiers per plane with link counts that add up to the candidate, and renders with dot', () => {
    for (const s of [ib, ib3, eth]) {
      const dot = [...dotLines(s, 'aggregated')].join('');
      expect(dot.startsWith('graph ')).toBe(true);
      expect(dot.split('{').length).toBe(dot.split('}').length);
      expect(edgeLabelSum(dot)).toBe(s.candidate.metrics.linkCount);
      expect(graphvizRender(dot, 'svg')).toContain('<svg');
    }
  });

  it('draws every device and link in full mode', () => {
    const dot = text('dot-full', eth);
    expect((dot.match(/ -- /g) ?? []).length).toBe(eth.candidate.metrics.linkCount);
    expect(graphvizRender(dot, 'svg')).toContain('<svg');
  });
});

describe('ibnetdiscover listing', () => {
  it('follows the ibnetdiscover grammar and lists both ends of every link', () => {
    const listing = parseIbnetdiscover(text('ibnetdiscover', ib));
    const expected = expectedIbnetdiscover(ib);
    expect(listing.switches.size).toBe(ib.candidate.metrics.switchCount);
    for (const [name, sw] of listing.switches) expect(sw.ports).toEqual(expected.switchPorts.get(name));
    expect(listing.cas).toEqual(expected.caPorts);
    const n = classCounts(ib);
    const switchPorts = [...listing.switches.values()].reduce((a, sw) => a + sw.ports.size, 0);
    const caPorts = [...listing.cas.values()].reduce((a, ports) => a + ports.size, 0);
    expect(caPorts).toBe(n['node-leaf']);
    expect(switchPorts).toBe(n['node-leaf'] + 2 * (n['leaf-spine'] ?? 0) + 2 * (n['spine-core'] ?? 0));
  });

  it('is refused for an Ethernet design', () => {
    expect(exportFormat('ibnetdiscover')!.unsuitable!(eth)).toMatch(/InfiniBand/);
  });
});

describe('Slurm topology.conf', () => {
  for (const [name, get] of [['2-tier', () => ib], ['3-tier rail-optimized', () => ib3]] as const) {
    it(`puts every node under exactly one leaf-level switch and names only defined switches (${name})`, () => {
      const s = get();
      const entries = parseTopologyConf(text('topology-conf', s));
      const nodes = entries.filter((e) => e.kind === 'Nodes').flatMap((e) => e.members);
      expect(nodes.length).toBe(new Set(nodes).size);
      expect(nodes.length).toBe(s.candidate.links[0].count / s.candidate.planes / (s.result.scenario.cluster.railsPerNode ?? 8));
      const defined = new Set(entries.map((e) => e.name));
      for (const e of entries.filter((x) => x.kind === 'Switches')) for (const m of e.members) expect(defined.has(m)).toBe(true);
      expect(entries.filter((e) => e.kind === 'Switches').length).toBeGreaterThan(0);
    });
  }

  it('compresses and expands hostlists', () => {
    const names = ['node-001', 'node-002', 'node-003', 'node-007', 'su10'];
    expect(hostlist(names)).toBe('node-[001-003,007],su10');
    expect(expandHostlist(hostlist(names)).sort()).toEqual([...names].sort());
  });
});

describe('containerlab topology', () => {
  it('parses as YAML with every link between defined nodes', () => {
    const doc = parseYaml(text('containerlab', eth));
    const nodes = doc.topology.nodes as Record<string, { kind: string }>;
    const links = doc.topology.links as { endpoints: string[] }[];
    expect(links.length).toBe(eth.candidate.metrics.linkCount);
    const used = new Set<string>();
    for (const l of links) {
      expect(l.endpoints).toHaveLength(2);
      for (const e of l.endpoints) {
        const [node] = e.split(':');
        expect(nodes[node]).toBeDefined();
        expect(used.has(e)).toBe(false);
        used.add(e);
      }
    }
    for (const n of Object.values(nodes)) expect(doc.topology.kinds[n.kind]?.image).toBeTruthy();
  });

  it('is refused for an InfiniBand design', () => {
    expect(exportFormat('containerlab')!.unsuitable!(ib)).toMatch(/Ethernet/);
  });
});

describe('railyard export', () => {
  it('streams a cable schedule from a result file and refuses a candidate that is not in it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'railyard-export-'));
    const resultPath = join(dir, 'r.json');
    writeFileSync(resultPath, JSON.stringify(ib.result));
    const bin = join(__dirname, '..', '..', 'bin', 'railyard.mjs');
    const out = join(dir, 'cables.csv');
    execFileSync(process.execPath, [bin, 'export', resultPath, '--format', 'cables-csv', '--out', out]);
    const rows = parseCsv(require('node:fs').readFileSync(out, 'utf8'), { columns: true });
    expect(rows.length).toBe([...ib.listing.cables()].length);
    const bad = spawnSync(process.execPath, [bin, 'export', resultPath, '--format', 'dot', '--candidate', 'nope'], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('--candidate: must be a candidate id of this result');
  });
});
