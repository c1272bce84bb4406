import { parse as parseCsv } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/catalog/default';
import { exportSubject, type ExportSubject } from '../../src/export/fabric';
import { bestSubject } from './best-subject';
import { exportFormat } from '../../src/export/formats';
import { RACK_CSV_COLUMNS } from '../../src/export/rack-csv';
import { PATCH_PANEL_U } from '../../src/topology/racks';
import { millionGpuResult } from '../e2e/big-result';

type Row = Record<string, string>;
const rackRows = (s: ExportSubject): Row[] => parseCsv([...exportFormat('rack-csv')!.write(s)].join(''), { columns: true });

const subject = bestSubject;

let ib: ExportSubject; // 1,024 x H100: 4 nodes a rack, a leaf per 4 nodes, so every leaf is top of rack
let railOpt: ExportSubject; // rail-optimized 4,096 x B200: scalable units span racks, leaves beside them
let nvl: ExportSubject; // GB200 NVL72: no switch in a compute rack
let crowded: ExportSubject; // 8 rail leaves for a 32-node rack of 6 U: 6 on top, 2 in a network rack beside it

beforeAll(() => {
  ib = subject({ cluster: { gpus: 1024 }, fabric: { technologies: ['infiniband'] } });
  railOpt = subject({ cluster: { gpus: 4096, serverProfile: 'hgx-b200-8x400g' }, fabric: { technologies: ['infiniband'], switchModels: ['QM9700'], families: ['rail-optimized'] }, search: { topK: 1 } });
  nvl = subject({ cluster: { gpus: 1152, serverProfile: 'gb200-nvl72' }, fabric: { technologies: ['infiniband'] }, search: { topK: 1 } });
  crowded = subject({ cluster: { gpus: 1024 }, fabric: { technologies: ['infiniband'], families: ['rail-optimized'], maxTiers: 2 }, layout: { nodesPerRack: 32, rackUnitsPerNetworkRack: 6 }, search: { topK: 1 } });
});

const all = [['1,024 x H100', () => ib], ['rail-optimized 4,096 x B200', () => railOpt], ['GB200 NVL72', () => nvl], ['more leaves than a compute rack holds', () => crowded]] as const;

describe('switch placement', () => {
  it('puts a leaf in its nodes\' compute rack, at the top, when they share one (1,024 x H100)', () => {
    const pl = ib.listing.placement();
    const leaves = [...ib.listing.devices()].filter((d) => d.role === 'leaf');
    expect(leaves.length).toBe(32);
    for (const d of leaves) {
      const rack = pl.racks.find((r) => r.name === d.rack)!;
      expect(rack.kind).toBe('compute');
      expect(d.u).toBe(rack.heightU);
    }
    // Each leaf sits with the servers it serves.
    for (const c of ib.listing.cables()) if (c.linkClass === 'node-leaf') for (const b of c.b) expect(b.rack).toBe(c.a.rack);
  });

  it('puts leaves in network racks in the rows where compute racks take no switches (NVL72), spines and cores in the central row', () => {
    const pl = nvl.listing.placement();
    for (const d of nvl.listing.devices()) {
      if (d.role === 'node') continue;
      const rack = pl.racks.find((r) => r.name === d.rack)!;
      expect(rack.kind).toBe('network');
      if (d.role === 'leaf') expect(rack.row).not.toBe('NET');
      else expect(rack.row).toBe('NET');
    }
  });

  it('puts the leaves a compute rack has no room for in a network rack beside it, counted as the rack figures count them', () => {
    const pl = crowded.listing.placement();
    const m = crowded.candidate.metrics;
    expect(m.computeRackSwitches).toBe(24);
    const leaves = [...crowded.listing.devices()].filter((d) => d.role === 'leaf');
    expect(leaves.filter((d) => pl.racks.find((r) => r.name === d.rack)!.kind === 'compute')).toHaveLength(24);
    expect(leaves.filter((d) => /^R\d+-N\d+$/.test(d.rack))).toHaveLength(8);
  });

  for (const [name, get] of all) {
    it(`fills every rack without overlap, inside its height, the top ${PATCH_PANEL_U} U of network racks left for patch panels (${name})`, () => {
      const s = get();
      const rows = rackRows(s);
      expect(Object.keys(rows[0])).toEqual([...RACK_CSV_COLUMNS]);
      const used = new Map<string, Set<number>>();
      for (const r of rows) {
        if (r.u === '') continue;
        let u = used.get(r.rack);
        if (!u) used.set(r.rack, (u = new Set()));
        for (let x = Number(r.u); x < Number(r.u) + Number(r.height_u); x++) {
          expect(u.has(x), `${r.rack} U${x}`).toBe(false);
          expect(x).toBeLessThanOrEqual(Number(r.rack_height_u));
          u.add(x);
        }
        if (r.role === 'patch-panel') expect(Number(r.u)).toBe(Number(r.rack_height_u) - PATCH_PANEL_U + 1);
      }
      const network = new Set(rows.filter((r) => r.rack_kind === 'network').map((r) => r.rack));
      expect(rows.filter((r) => r.role === 'patch-panel').map((r) => r.rack).sort()).toEqual([...network].sort());
    });

    it(`lists every device once, and agrees with the design's rack figures: network racks and the most one draws (${name})`, () => {
      const s = get();
      const rows = rackRows(s);
      const devices = rows.filter((r) => r.device).map((r) => r.device);
      expect(new Set(devices).size).toBe(devices.length);
      expect(devices.length).toBe([...s.listing.devices()].length);
      const m = s.candidate.metrics;
      const pl = s.listing.placement();
      const summary = pl.summary(s.result.scenario.layout.maxRackPowerKW ?? 1e9);
      expect(summary.networkRacks).toBe(m.networkRacks);
      expect(summary.computeRacksWithSwitches > 0).toBe(m.computeRackSwitches > 0);
      const networkMax = Math.max(0, ...pl.racks.filter((r) => r.kind === 'network').map((r) => pl.rackPower(r.index).maxW));
      expect(Math.round(networkMax)).toBe(m.maxNetworkRackPowerW);
    });

    it(`reports each rack's typical and maximum power as the sum of its switches, typical never above maximum (${name})`, () => {
      const s = get();
      const byRack = new Map<string, { typical: number; max: number; rackTypical: number; rackMax: number }>();
      for (const r of rackRows(s)) {
        const e = byRack.get(r.rack) ?? { typical: 0, max: 0, rackTypical: Number(r.rack_typical_w), rackMax: Number(r.rack_max_w) };
        e.typical += Number(r.typical_w);
        e.max += Number(r.max_w);
        byRack.set(r.rack, e);
      }
      for (const [rack, e] of byRack) {
        expect(Math.abs(e.typical - e.rackTypical), rack).toBeLessThan(1);
        expect(Math.abs(e.max - e.rackMax), rack).toBeLessThan(1);
        expect(e.rackTypical).toBeLessThanOrEqual(e.rackMax);
      }
      expect([...byRack.values()].some((e) => e.rackMax > e.rackTypical)).toBe(true);
    });
  }
});

describe('a 1,048,576-GPU fabric', () => {
  it('places every switch from counts (no link listing) in seconds, and yields its first cable rows lazily', () => {
    const result = millionGpuResult();
    const s = exportSubject(result, defaultCatalog, result.candidates[0].id);
    if (!s.ok) throw new Error(s.message);
    const started = performance.now();
    const pl = s.value.listing.placement();
    const summary = pl.summary(40);
    expect(summary.networkRacks).toBe(result.candidates[0].metrics.networkRacks);
    const chunks = exportFormat('cables-csv')!.write(s.value)[Symbol.iterator]();
    let rows = 0;
    while (rows < 20_000) rows += (chunks.next().value as string).split('\r\n').length - 1;
    expect(performance.now() - started).toBeLessThan(20_000);
  }, 60_000);

  it('streams its cable schedule in bounded memory: 600,000 rows (over 200 MB of text) with the heap growing less than 150 MB', () => {
    const result = millionGpuResult();
    const s = exportSubject(result, defaultCatalog, result.candidates[0].id);
    if (!s.ok) throw new Error(s.message);
    const base = process.memoryUsage().heapUsed;
    let peak = 0;
    let chars = 0;
    let rows = 0;
    for (const chunk of exportFormat('cables-csv')!.write(s.value)) {
      chars += chunk.length;
      rows += 2000;
      if (rows % 20_000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - base);
      if (rows >= 600_000) break;
    }
    expect(chars).toBeGreaterThan(200e6);
    expect(peak).toBeLessThan(150e6);
  }, 240_000);
});
