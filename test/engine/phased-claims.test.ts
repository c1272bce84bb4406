import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/catalog/default';
import { optimizeWithKernel, shutdownKernelPool } from '../../src/engine/node';
import { optimizeInProcess } from '../../src/engine/search';
import { nodeKernelModule } from '../../src/engine/wasm-node';
import { labCatalog } from '../fixtures/lab-catalog';
import { scenario } from '../topology/helpers';
import { runBytes } from './helpers';

let module: WebAssembly.Module;
beforeAll(async () => {
  module = await nodeKernelModule();
});
afterAll(() => shutdownKernelPool());

describe('ranking designs by the present value of a phased build', () => {
  it('ranks by present value: 1,024 GPUs growing to 4,096 in 12 months at 8%', async () => {
    const s = scenario({
      cluster: { gpus: 4096, serverProfile: 'hgx-h100-8x400g', phases: [{ gpus: 1024, month: 0 }, { gpus: 4096, month: 12 }] },
      objective: { discountRatePct: 8 },
    });
    const k = await optimizeInProcess(s, defaultCatalog, module);
    if (!k.ok) throw new Error(k.reason);
    const ranked = k.result.candidates.filter((c) => c.rank !== null);
    // The rank is the present value's, and each row's objective is its phased capex PV.
    for (let i = 1; i < ranked.length; i++) expect(ranked[i].objectiveValue).toBeGreaterThanOrEqual(ranked[i - 1].objectiveValue);
    const best = ranked[0];
    expect(best.id).toBe('ft-eth-p1-n8-S9321-64E.128x400G.64d64u-S9321-64E.128x400G.128d');
    const p = best.phases!;
    expect(p.phases.map((x) => [x.month, x.gpus, x.capex, x.capexPresentValue])).toEqual([[0, 1024, 2_187_776, 2_187_776], [12, 4096, 4_100_505.6, 3_796_764.44]]);
    expect(p.phases[0].adds.switches).toEqual({ leaf: 16, spine: 32, core: 0 });
    expect(best.objectiveValue).toBe(5_984_540.44);
    expect(p.capex).toBe(best.metrics.capex);
    expect(p.dayOne.capexPresentValue).toBe(6_288_281.6);
    expect(p.savingVsDayOne).toBe(303_741.16);
  }, 120_000);

  it('gives the same bytes for any worker count on a phased plan', async () => {
    const s = scenario({
      cluster: { gpus: 700, serverProfile: 'one-port-100g', phases: [{ gpus: 200, month: 0 }, { gpus: 700, month: 9 }] },
      fabric: { maxOversubscription: 1 }, objective: { discountRatePct: 12.5 }, search: { topK: 8 },
    });
    const bytes = new Set<string>();
    for (const workers of [1, 2, 3]) {
      const r = await optimizeWithKernel(s, labCatalog(), { workers });
      if (!r.ok) throw new Error(r.reason);
      expect(r.result.candidates[0].phases).toBeDefined();
      bytes.add(runBytes(r.result));
    }
    expect(bytes.size).toBe(1);
  }, 120_000);

  it('gives the same bytes for any worker count on a TCO plan ending at the horizon, widened over several kernel runs', async () => {
    const s = scenario({
      cluster: { gpus: 700, serverProfile: 'one-port-100g', phases: [{ gpus: 175, month: 0 }, { gpus: 700, month: 60 }] },
      fabric: { maxOversubscription: 1 }, objective: { minimize: 'tco', years: 5, discountRatePct: 8 },
    });
    const bytes = new Set<string>();
    for (const workers of [1, 2, 3]) {
      const r = await optimizeWithKernel(s, labCatalog(), { workers });
      if (!r.ok) throw new Error(r.reason);
      expect(r.result.stats.phased!.kernelRuns).toBeGreaterThan(1);
      bytes.add(runBytes(r.result));
    }
    expect(bytes.size).toBe(1);
  }, 120_000);
});
