import { beforeAll, describe, expect, it } from 'vitest';
import { labCatalog } from '../fixtures/lab-catalog';
import { optimize } from '../../src/topology/optimize';
import { materialize } from '../../src/topology/materialize';
import { optimizeInProcess } from '../../src/engine/search';
import { nodeKernelModule } from '../../src/engine/wasm-node';
import { mustMaterialize, scenario, tier } from './helpers';

const cat = labCatalog();
let kernel: WebAssembly.Module;
beforeAll(async () => {
  kernel = await nodeKernelModule();
});

// 486 single-port GPUs on 36-port switches: 18 leaves of 27 down / 9 up (3:1), pods of 9 leaves
// whose spines run 27 down / 9 up (3:1): 9:1 from a GPU to the core.
const nineToOne = {
  family: 'fat-tree' as const, technology: 'infiniband' as const, planes: 1, nodesPerLeafGroup: 27, spinesPerPod: 3, leavesPerPod: 9,
  tiers: [tier('SW36', '36x100G', 27, 9), tier('SW36', '36x100G', 27, 9), tier('SW36', '36x100G', 0)],
};
const onePort100 = (gpus: number, fabric: object) => scenario({ cluster: { gpus, serverProfile: 'one-port-100g' }, fabric });

describe('end-to-end oversubscription', () => {
  it('rejects designs whose end-to-end oversubscription exceeds the limit though every tier is within maxOversubscription', () => {
    const m = materialize(onePort100(486, { maxOversubscription: 3 }), cat, nineToOne);
    expect(m.ok).toBe(false);
    if (!m.ok) {
      expect(m.rule).toBe('end-to-end-oversubscription');
      expect(m.reason).toContain('compound to 9:1');
    }
  });

  it('accepts the same design when fabric.maxEndToEndOversubscription allows 9:1, and reports both ratios', () => {
    const m = mustMaterialize(onePort100(486, { maxOversubscription: 3, maxEndToEndOversubscription: 9 }), cat, nineToOne);
    expect(m.candidate.metrics.maxOversubscription).toBe(3);
    expect(m.candidate.metrics.endToEndOversubscription).toBe(9);
  });

  it('holds every ranked design of a 3:1 search to 3:1 end to end by default, in both engines', async () => {
    const s = onePort100(1500, { maxOversubscription: 3 });
    const ref = optimize(s, cat);
    const k = await optimizeInProcess(s, cat, kernel);
    if (!ref.ok || !k.ok) throw new Error('search failed');
    expect(ref.result.candidates.length).toBeGreaterThan(0);
    for (const c of ref.result.candidates) expect(c.metrics.endToEndOversubscription).toBeLessThanOrEqual(3 + 1e-9);
    expect(k.result.candidates.map((c) => c.id)).toEqual(ref.result.candidates.map((c) => c.id));
    // Allowing 9:1 end to end lets compounded designs back in.
    const loose = optimize(onePort100(1500, { maxOversubscription: 3, maxEndToEndOversubscription: 9 }), cat);
    if (!loose.ok) throw new Error(loose.reason);
    expect(Math.max(...loose.result.candidates.map((c) => c.metrics.endToEndOversubscription))).toBeGreaterThan(3);
  });

  it('holds every single tier to a tighter end-to-end limit', () => {
    const r = optimize(onePort100(300, { maxOversubscription: 4, maxEndToEndOversubscription: 1.5 }), cat);
    if (!r.ok) throw new Error(r.reason);
    for (const c of r.result.candidates) {
      expect(c.metrics.maxOversubscription).toBeLessThanOrEqual(1.5);
      expect(c.metrics.endToEndOversubscription).toBeLessThanOrEqual(1.5);
    }
  });
});

describe('rail locality', () => {
  const eightRail = (fabric: object = {}) => scenario({ cluster: { gpus: 256, serverProfile: 'eight-rail-400g' }, fabric: { technologies: ['infiniband'], ...fabric } });
  const railOptimized = { family: 'rail-optimized' as const, technology: 'infiniband' as const, planes: 1, nodesPerLeafGroup: 32, tiers: [tier('SW64', '64x400G', 32, 32), tier('SW64', '64x400G', 0)] };
  const topOfRack = { family: 'fat-tree' as const, technology: 'infiniband' as const, planes: 1, nodesPerLeafGroup: 4, tiers: [tier('SW64', '64x400G', 32, 32), tier('SW64', '64x400G', 0)] };

  it('counts 32 rail-local GPUs for a 2-tier rail-optimized SU of 32 nodes, against 4 for a top-of-rack leaf of 4 nodes', () => {
    const ro = mustMaterialize(eightRail(), cat, railOptimized).candidate.metrics;
    expect(ro.railLocalGpus).toBe(32);
    expect(ro.leafGroupGpus).toBe(256);
    expect([ro.sameRailHops, ro.crossRailHops, ro.crossRailViaScaleUp]).toEqual([3, 3, false]);
    const tor = mustMaterialize(eightRail(), cat, topOfRack).candidate.metrics;
    expect(tor.railLocalGpus).toBe(4);
    expect(tor.leafGroupGpus).toBe(32);
  });

  it('says that rail-only sends cross-rail traffic through the scale-up domain', () => {
    const m = mustMaterialize(eightRail(), cat, { family: 'rail-only', technology: 'infiniband', planes: 1, nodesPerLeafGroup: 32, tiers: [tier('SW64', '64x400G', 32, 0)] }).candidate.metrics;
    expect(m.railLocalGpus).toBe(32);
    expect(m.crossRailViaScaleUp).toBe(true);
    expect(m.sameRailHops).toBe(1);
  });

  it('keeps only designs with at least fabric.minRailLocalGpus same-rail GPUs per switch, in both engines', async () => {
    const s = eightRail({ minRailLocalGpus: 16, maxTiers: 2 });
    const ref = optimize(s, cat);
    const k = await optimizeInProcess(s, cat, kernel);
    if (!ref.ok || !k.ok) throw new Error('search failed');
    expect(ref.result.candidates.length).toBeGreaterThan(0);
    for (const c of ref.result.candidates) expect(c.metrics.railLocalGpus).toBeGreaterThanOrEqual(16);
    expect(k.result.candidates.map((c) => c.id)).toEqual(ref.result.candidates.map((c) => c.id));
    expect(k.result.stats.spaceSize).toBe(ref.result.stats.spaceSize);
    const m = materialize(s, cat, topOfRack);
    expect(m.ok).toBe(false);
    if (!m.ok) expect(m.rule).toBe('rail-locality');
  });

  it('estimates higher all-to-all bandwidth for the larger rail-local group at the same oversubscription', () => {
    const over = (n: number, fam: 'fat-tree' | 'rail-optimized') => mustMaterialize(eightRail({ maxOversubscription: 2 }), cat, {
      family: fam, technology: 'infiniband', planes: 1, nodesPerLeafGroup: n,
      tiers: [tier('SW64', '64x400G', fam === 'fat-tree' ? n * 8 : n, fam === 'fat-tree' ? n * 4 : n / 2), tier('SW64', '64x400G', 0)],
    }).candidate.metrics;
    const tor = over(4, 'fat-tree');
    const ro = over(32, 'rail-optimized');
    expect(tor.endToEndOversubscription).toBe(2);
    expect(ro.endToEndOversubscription).toBe(2);
    // 50 GB/s injection; ToR: 224 of 255 peers leave the leaf group; rail-optimized SU of 32 nodes holds every GPU.
    expect(tor.allToAllGBpsPerGpu).toBe(Math.round((50 / ((224 / 255) * 2)) * 100) / 100);
    expect(ro.allToAllGBpsPerGpu).toBe(50);
    expect(tor.allReduceGBpsPerGpu).toBeLessThan(50);
    expect(tor.allReduceGBpsPerGpu).toBeGreaterThan(tor.allToAllGBpsPerGpu);
  });
});
