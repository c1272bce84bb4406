import { parse as parseCsv } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/catalog/default';
import { exportSubject, type ExportSubject } from '../../src/export/fabric';
import { dot } from '../../src/export/dot';
import { exportFormat } from '../../src/export/formats';
import { expandHostlist } from '../../src/export/hostlist';
import type { Result } from '../../src/model/result';
import { ScenarioSchema } from '../../src/model/scenario';
import { optimize } from '../../src/topology/optimize';

type Row = Record<string, string>;

// 512 H100 GPUs (64 nodes) on a 2-tier rail-optimized QM9700 fabric of 32-node scalable units, grown
// 72 -> 200 -> 512 GPUs: phase 1 ends at node 9, inside a splitter pair (nodes 9 and 10 share a leaf
// cage), phase 2 fills the first unit without a new leaf, phase 3 adds the second unit.
let result: Result;
beforeAll(() => {
  const s = ScenarioSchema.parse({
    name: 'phased exports',
    cluster: { gpus: 512, serverProfile: 'hgx-h100-8x400g', phases: [{ gpus: 72, month: 0 }, { gpus: 200, month: 6 }, { gpus: 512, month: 12 }] },
    fabric: { switchModels: ['QM9700'], families: ['rail-optimized'], technologies: ['infiniband'], maxTiers: 2 },
    objective: { discountRatePct: 8 },
    search: { topK: 1 },
  });
  const out = optimize(s, defaultCatalog);
  if (!out.ok) throw new Error(out.reason);
  result = out.result;
});

const subject = (phase?: number): ExportSubject => {
  const s = exportSubject(result, defaultCatalog, result.candidates[0].id, phase);
  if (!s.ok) throw new Error(s.message);
  return s.value;
};
const text = (format: string, phase?: number) => [...exportFormat(format)!.write(subject(phase))].join('');
const csv = (format: string, phase?: number): Row[] => parseCsv(text(format, phase), { columns: true });
const PHASES = [1, 2, 3];

describe('BOM CSV for a phase', () => {
  it("lists what the phase buys: the phases' item lines add up to the whole design's BOM, line by line", () => {
    const key = (r: Row) => `${r.row}|${r.part}|${r.offer}|${r.lengthM}|${r.spare}`;
    const sum = new Map<string, number>();
    for (const k of PHASES)
      for (const r of csv('bom-csv', k).filter((x) => x.row === 'item' || x.row === 'reused')) sum.set(key(r), (sum.get(key(r)) ?? 0) + Number(r.quantity));
    const whole = new Map<string, number>();
    for (const r of csv('bom-csv').filter((x) => x.row === 'item' || x.row === 'reused')) whole.set(key(r), (whole.get(key(r)) ?? 0) + Number(r.quantity));
    expect(Object.fromEntries([...sum].sort())).toEqual(Object.fromEntries([...whole].sort()));
  });

  it("totals each phase's capex as the Phases summary gives it, with the phase on every row", () => {
    const summary = result.candidates[0].phases!.phases;
    for (const k of PHASES) {
      const rows = csv('bom-csv', k);
      expect(rows.every((r) => r.phase === String(k))).toBe(true);
      expect(Number(rows.find((r) => r.row === 'total')!.subtotal)).toBe(summary[k - 1].capex);
    }
    // The whole design's BOM keeps its columns: no phase column.
    expect(Object.keys(csv('bom-csv')[0])).not.toContain('phase');
  });
});

describe('cable schedule for a phase', () => {
  it("lists every cable with a leg the phase plugs, under the whole design's cable IDs, and its links per class are what the phase adds", () => {
    const whole = new Map(csv('cables-csv').map((r) => [r.cable_id, r]));
    const summary = result.candidates[0].phases!.phases;
    for (const k of PHASES) {
      const links = { 'node-leaf': 0, 'leaf-spine': 0, 'spine-core': 0 } as Record<string, number>;
      for (const r of csv('cables-csv', k)) {
        expect(r).toEqual(whole.get(r.cable_id));
        const legPhases = [1, 2].map((b) => r[`b${b}_phase`]).filter((x) => x);
        expect(legPhases).toContain(String(k));
        links[r.link_class] += r.b2_device && r.b1_device !== r.b2_device ? legPhases.filter((x) => x === String(k)).length : r.phase === String(k) ? Number(r.links) : 0;
      }
      expect(links).toEqual(summary[k - 1].adds.links);
    }
  });

  it('a splitter whose legs reach nodes of two phases is pulled in the first and its second leg plugged in the next', () => {
    const split = csv('cables-csv', 1).filter((r) => r.b1_phase === '1' && r.b2_phase === '2');
    // One per rail: the cage shared by node 9 (phase 1) and node 10 (phase 2) on each of the 8 rail leaves.
    expect(split.length).toBe(8);
    expect(split.every((r) => r.phase === '1' && r.b1_device === 'node-09' && r.b2_device === 'node-10')).toBe(true);
    const again = new Set(csv('cables-csv', 2).map((r) => r.cable_id));
    expect(split.every((r) => again.has(r.cable_id))).toBe(true);
    // NetBox records each leg in its own phase.
    const legs = csv('netbox-cables', 2).map((r) => r.label);
    expect(split.every((r) => legs.includes(`${r.cable_id}-2`) && !legs.includes(`${r.cable_id}-1`))).toBe(true);
  });

  it('the whole design of a phased result has the phase columns; every cable is pulled in exactly one phase', () => {
    const rows = csv('cables-csv');
    expect(Object.keys(rows[0]).slice(0, 4)).toEqual(['cable_id', 'label', 'phase', 'plane']);
    const pulled = PHASES.map((k) => csv('cables-csv', k).filter((r) => r.phase === String(k)).length);
    expect(pulled.reduce((x, y) => x + y, 0)).toBe(rows.length);
  });
});

describe('install views: rack CSV and NetBox for a phase', () => {
  it('NetBox files of the phases, imported one after another, hold the whole design once', () => {
    for (const table of ['devices', 'interfaces', 'cables', 'racks']) {
      const whole = csv(`netbox-${table}`).map((r) => JSON.stringify(r)).sort();
      const phased = PHASES.flatMap((k) => csv(`netbox-${table}`, k)).map((r) => JSON.stringify(r)).sort();
      expect(phased).toEqual(whole);
    }
    // Sites, makers, roles and types come with phase 1 (it installs a switch of every tier).
    for (const table of ['sites', 'manufacturers', 'device-roles', 'device-types']) {
      expect(csv(`netbox-${table}`, 1)).toEqual(csv(`netbox-${table}`));
      expect(csv(`netbox-${table}`, 2)).toEqual([]);
    }
  });

  it("NetBox devices of a phase are its nodes and switches: what the Phases card says it adds", () => {
    const summary = result.candidates[0].phases!.phases;
    for (const k of PHASES) {
      const devices = csv('netbox-devices', k);
      const adds = summary[k - 1].adds;
      expect(devices.filter((d) => d.role === 'server').length).toBe(adds.nodes);
      expect(devices.filter((d) => d.role === 'leaf').length).toBe(adds.switches.leaf);
      expect(devices.filter((d) => d.role === 'spine').length).toBe(adds.switches.spine);
    }
  });

  it('the rack CSV of a phase lists the devices it installs, and the phases together list every device once', () => {
    const device = (r: Row) => `${r.rack}|${r.device}|${r.role}`;
    const whole = csv('rack-csv').map(device).sort();
    const phased = PHASES.flatMap((k) => csv('rack-csv', k)).map(device).sort();
    expect(phased).toEqual(whole);
    expect(csv('rack-csv', 1).filter((r) => r.role === 'node').map((r) => r.device)).toEqual(['node-01', 'node-02', 'node-03', 'node-04', 'node-05', 'node-06', 'node-07', 'node-08', 'node-09']);
  });
});

describe('as-built views for a phase', () => {
  it('topology.conf after phase 2 lists its first 25 nodes, in their scalable unit under the spines', () => {
    const lines = text('topology-conf', 2).split('\n');
    const entries = lines.filter((l) => l.startsWith('SwitchName='));
    expect(entries[0]).toMatch(/^SwitchName=su01 Nodes=/);
    expect(expandHostlist(entries[0].split('Nodes=')[1])).toEqual(Array.from({ length: 25 }, (_, i) => `node-${String(i + 1).padStart(2, '0')}`));
    expect(entries).toEqual([entries[0], 'SwitchName=spine Switches=su01']);
    expect(lines).toContain('# as built after phase 2 of 3 (200 GPUs at month 6): 25 nodes');
  });

  it('ibnetdiscover after phase 1 holds the switches and HCAs phase 1 installed, and no port to a later node', () => {
    const topo = text('ibnetdiscover', 1);
    const switches = topo.split('\n').filter((l) => l.startsWith('Switch\t')).length;
    expect(switches).toBe(8 + 8);
    const hcas = topo.split('\n').filter((l) => l.startsWith('Ca\t')).length;
    expect(hcas).toBe(9 * 8);
    expect(topo).not.toContain('node-10');
  });

  it('the full DOT after phase 2 draws the standing fabric and marks what phase 2 added in bold blue', () => {
    const dot = text('dot-full', 2);
    expect(dot).toContain('as built after phase 2 of 3 (200 GPUs at month 6)');
    expect(dot).toMatch(/"node-25" \[label="node-25", shape=box3d, color="#1f5fbf"/);
    expect(dot).toMatch(/"node-09" \[label="node-09", shape=box3d\]/);
    expect(dot).not.toContain('"node-26"');
  });
});

describe('the aggregated DOT for a phase', () => {
  it('counts what stands after the phase and what it added, per tier and link class', () => {
    const after = (k: number) => [...dot(subject(k), 'aggregated')].join('');
    // Phase 2 fills the first scalable unit: no leaf, 128 node links (16 nodes x 8 rails).
    expect(after(2)).toContain('"8 x QM9700 leaf\\n');
    expect(after(2)).toMatch(/nodes -- p1_leaf \[label="200 links x 400G \(\+128\)/);
    // Phase 3 adds the second unit's 8 leaves: the whole design stands.
    expect(after(3)).toContain('"16 x QM9700 leaf (+8)\\n');
    expect(after(3)).toMatch(/nodes -- p1_leaf \[label="512 links x 400G \(\+312\)/);
    expect(after(1)).toContain('as built after phase 1 of 3 (72 GPUs at month 0)');
  });
});

describe('choosing a phase', () => {
  it('refuses a phase outside the plan, and any phase for a result without phases, naming the option and the rule', () => {
    expect(exportSubject(result, defaultCatalog, result.candidates[0].id, 4)).toEqual({ ok: false, message: '--phase: must be a phase of this result, an integer from 1 to 3, got 4' });
    const single = { ...result, scenario: { ...result.scenario, cluster: { ...result.scenario.cluster, phases: undefined } } };
    const s = exportSubject(single, defaultCatalog, result.candidates[0].id, 1);
    expect(s.ok ? '' : s.message).toMatch(/^--phase: this result has no phases to choose from/);
  });
});
