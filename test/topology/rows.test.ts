import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { optimizeWithKernel, shutdownKernelPool } from '../../src/engine/node';
import { runBytes } from '../engine/helpers';
import { labCatalog } from '../fixtures/lab-catalog';
import { optimize } from '../../src/topology/optimize';
import { optimizeInProcess } from '../../src/engine/search';
import { nodeKernelModule } from '../../src/engine/wasm-node';
import type { Candidate } from '../../src/model/result';
import { mustMaterialize, scenario, tier } from './helpers';

const cat = labCatalog();
let kernel: WebAssembly.Module;
beforeAll(async () => {
  kernel = await nodeKernelModule();
});
afterAll(() => shutdownKernelPool());

// 4,096 single-port GPUs: 128 leaves of 32 down / 32 up on 64-port switches, 3 tiers.
const s4096 = (extra: object = {}) => scenario({ cluster: { gpus: 4096, serverProfile: 'one-port-400g' }, fabric: { maxTiers: 3, ...extra } });
const design = (spinesPerPod: number, leavesPerPod: number) => ({
  family: 'fat-tree' as const, technology: 'infiniband' as const, planes: 1, nodesPerLeafGroup: 32, spinesPerPod, leavesPerPod,
  tiers: [tier('SW64', '64x400G', 32, 32), tier('SW64', '64x400G', 32, 32), tier('SW64', '64x400G', 0)],
});
/** Figures of a design that belong to its pod split: the spines each leaf reaches and the paths between two leaves of a pod. */
const PER_SPLIT = ['uplinkSwitchesPerLeaf', 'ecmpPathsCrossLeaf', 'ecmpSwitchPathsCrossLeaf'] as const;
/** What the table ranks a row by: everything but the design's own pod split, its id and the per-split figures (listed with each split). */
const visible = (c: Candidate) => JSON.stringify({
  ...c, id: undefined, design: { ...c.design, spinesPerPod: 0, leavesPerPod: 0 },
  metrics: { ...c.metrics, ...Object.fromEntries(PER_SPLIT.map((k) => [k, undefined])) },
});

describe('rows that differ', () => {
  it('lists 16 pods of 8 and 8 of 16 as one row with both splits', () => {
    const a = mustMaterialize(s4096(), cat, design(8, 8)).candidate;
    const b = mustMaterialize(s4096(), cat, design(16, 16)).candidate;
    expect(a.tiers.map((t) => t.count)).toEqual([128, 128, 64]);
    expect(visible(a)).toBe(visible(b));
    const splits = a.podSplits.map((p) => `${p.pods}x${p.leavesPerPod}`);
    expect(splits).toContain('16x8');
    expect(splits).toContain('8x16');
    expect(splits).toEqual(['64x2', '32x4', '16x8', '8x16', '4x32']);
    expect(a.metrics.growthHeadroomEndpoints).toBe(b.metrics.growthHeadroomEndpoints);
  });

  it('lists with each pod split of a row its own spines per leaf and ECMP paths, as materializing that split gives them', () => {
    const a = mustMaterialize(s4096(), cat, design(8, 8)).candidate;
    for (const p of a.podSplits) {
      const own = mustMaterialize(s4096(), cat, design(p.spinesPerPod, p.leavesPerPod)).candidate.metrics;
      expect(p).toMatchObject({ singleSwitchFailureSafe: own.singleSwitchFailureSafe, uplinkSwitchesPerLeaf: own.uplinkSwitchesPerLeaf, ecmpPathsCrossLeaf: own.ecmpPathsCrossLeaf });
    }
    // 8 pods of 16 leaves: 16 spines per pod, 2 links each (16 x 2^2); 16 pods of 8: 8 spines, 4 links each (8 x 4^2).
    expect(a.podSplits.find((p) => p.leavesPerPod === 16)).toMatchObject({ uplinkSwitchesPerLeaf: 16, ecmpPathsCrossLeaf: 64 });
    expect(a.podSplits.find((p) => p.leavesPerPod === 8)).toMatchObject({ uplinkSwitchesPerLeaf: 8, ecmpPathsCrossLeaf: 128 });
  });

  it('ranks one row per class: no two ranked designs are equal in everything the table and design view show, in both engines', async () => {
    const s = s4096({ technologies: ['infiniband'] });
    const ref = optimize(s, cat);
    const k = await optimizeInProcess(s, cat, kernel);
    if (!ref.ok || !k.ok) throw new Error('search failed');
    const ranked = ref.result.candidates.filter((c) => c.rank !== null);
    expect(ranked.length).toBe(s.search.topK);
    expect(new Set(ranked.map(visible)).size).toBe(ranked.length);
    expect(ranked.some((c) => c.podSplits.length > 1)).toBe(true);
    // The row's representative is its first split: the smallest design key.
    for (const c of ranked.filter((x) => x.tiers.length === 3))
      expect([c.podSplits[0].spinesPerPod, c.podSplits[0].leavesPerPod]).toEqual([c.design.spinesPerPod, c.design.leavesPerPod]);
    expect(k.result.candidates.map((c) => c.id)).toEqual(ref.result.candidates.map((c) => c.id));
    expect(JSON.stringify(k.result.candidates)).toBe(JSON.stringify(ref.result.candidates));
  });

  it('returns byte-identical rows for 1, 2 and 4 workers', async () => {
    const s = s4096({ maxOversubscription: 2, maxEndToEndOversubscription: 3, planes: [1, 2] });
    const bytes: string[] = [];
    for (const workers of [1, 2, 4]) {
      const r = await optimizeWithKernel(s, cat, { workers });
      if (!r.ok) throw new Error(r.reason);
      bytes.push(runBytes(r.result));
    }
    expect(bytes[1]).toBe(bytes[0]);
    expect(bytes[2]).toBe(bytes[0]);
  });
});
