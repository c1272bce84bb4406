import { beforeAll, describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/catalog/default';
import { buildContext, type Context } from '../../src/topology/context';
import { enumerateDesigns } from '../../src/topology/enumerate';
import { shapeOf } from '../../src/topology/shape';
import { Assessor } from '../../src/topology/assess';
import { encode } from '../../src/engine/encode';
import { estimateWork } from '../../src/engine/work';
import { optimizeInProcess } from '../../src/engine/search';
import { nodeKernelModule } from '../../src/engine/wasm-node';
import { optimize } from '../../src/topology/optimize';
import { scenario, tier } from './helpers';

let module: WebAssembly.Module;
beforeAll(async () => {
  module = await nodeKernelModule();
});

function ctxOf(s: ReturnType<typeof scenario>): Context {
  const c = buildContext(s, defaultCatalog);
  if ('ok' in c) throw new Error(c.reason);
  return c;
}

// 256 GPUs, one rail per 8-GPU node: 32 nodes, so a 32-node scalable unit is the whole cluster on one leaf.
const oneRail = scenario({
  cluster: { gpus: 256, railsPerNode: 1 },
  fabric: { families: ['rail-optimized'], technologies: ['infiniband'], switchModels: ['QM9700'] },
});

describe('pruning degenerate spine layers', () => {
  it('never puts a spine tier over the single leaf of a one-rail rail-optimized fabric', () => {
    const ctx = ctxOf(oneRail);
    let designs = 0;
    for (const d of enumerateDesigns(ctx)) {
      designs++;
      expect(Math.ceil(ctx.nodes / d.nodesPerLeafGroup) * ctx.profile.railsPerNode).toBeGreaterThanOrEqual(2);
    }
    // 27,618 designs before the fix: the one 2-tier design of a 32-node unit (32 down, 32 up, one spine) is gone.
    expect(designs).toBe(27_617);
    expect(estimateWork(encode(new Assessor(ctx), { media: false })).designs).toBe(designs);
    const single = shapeOf(ctx, { family: 'rail-optimized', technology: 'infiniband', planes: 1, nodesPerLeafGroup: 32, tiers: [tier('QM9700', '64x400G', 32, 32), tier('QM9700', '64x400G', 0)] });
    expect('ok' in single && single.rule).toBe('degenerate');
  });

  it('keeps the one-SU spine layer of a rail-optimized fabric with several rails (one leaf per rail)', () => {
    const ctx = ctxOf(scenario({ cluster: { gpus: 256 }, fabric: { families: ['rail-optimized'], technologies: ['infiniband'], switchModels: ['QM9700'] } }));
    const whole = [...enumerateDesigns(ctx)].filter((d) => d.nodesPerLeafGroup === ctx.nodes);
    expect(whole.length).toBeGreaterThan(0);
  });

  it('gives the kernel the same, smaller space as the reference for the one-rail case', async () => {
    const ref = optimize(oneRail, defaultCatalog);
    const k = await optimizeInProcess(oneRail, defaultCatalog, module);
    if (!ref.ok || !k.ok) throw new Error('search failed');
    expect(k.result.stats.spaceSize).toBe(ref.result.stats.spaceSize);
    expect(ref.result.stats.spaceSize).toBe(27_617);
    expect(k.result.candidates.map((c) => c.id)).toEqual(ref.result.candidates.map((c) => c.id));
    expect(ref.result.candidates.every((c) => c.tiers[0].count * c.design.planes >= 2 || c.tiers.length === 1)).toBe(true);
  });
});

describe('the space with partial nodes per leaf', () => {
  // 4,096 H100 GPUs on QM9700 fat-trees up to 3 tiers, 10% of leaf ports spare (test/topology/partial-nodes.test.ts).
  const spread = (pin?: object) => scenario({
    cluster: { gpus: 4096 },
    fabric: { families: ['fat-tree'], technologies: ['infiniband'], switchModels: ['QM9700'], sparePortsPct: { leaf: 10 }, pin },
  });

  it('counts every spread g = 1, 2, 4 alike in the enumeration, the work estimate and the kernel, and the pinned spaces partition it', async () => {
    const ctx = ctxOf(spread());
    const designs = [...enumerateDesigns(ctx)].length;
    expect(estimateWork(encode(new Assessor(ctx), { media: false })).designs).toBe(designs);
    const k = await optimizeInProcess(spread(), defaultCatalog, module);
    if (!k.ok) throw new Error(k.reason);
    expect(k.result.stats.spaceSize).toBe(designs);
    const pinned = [1, 2, 4].map((g) => {
      const c = ctxOf(spread({ leavesPerNode: g }));
      const n = [...enumerateDesigns(c)].length;
      expect(estimateWork(encode(new Assessor(c), { media: false })).designs).toBe(n);
      return n;
    });
    expect(pinned.every((n) => n > 0)).toBe(true);
    expect(pinned[0] + pinned[1] + pinned[2]).toBe(designs);
  });
});
