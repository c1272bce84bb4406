import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { optimize } from '../../src/topology/optimize';
import { optimizeInProcess } from '../../src/engine/search';
import { nodeKernelModule } from '../../src/engine/wasm-node';
import { labCatalog } from '../fixtures/lab-catalog';
import { scenario } from '../topology/helpers';
import { arbCatalog, arbPhasedScenario } from './random-catalog';
import { comparable } from './helpers';
import type { Scenario } from '../../src/model/scenario';
import type { Catalog } from '../../src/model/catalog';

let module: WebAssembly.Module;
beforeAll(async () => {
  module = await nodeKernelModule();
});

/** The kernel's phased result against the reference's, to the cent, pruned and not. */
async function check(s: Scenario, c: Catalog) {
  const ref = optimize(s, c);
  for (const prune of [false, true]) {
    const k = await optimizeInProcess(s, c, module, { prune });
    expect(k.ok).toBe(ref.ok);
    if (!ref.ok || !k.ok) {
      expect(k).toEqual(ref);
      continue;
    }
    expect(k.result.candidates.map((x) => [x.id, x.objectiveValue])).toEqual(ref.result.candidates.map((x) => [x.id, x.objectiveValue]));
    expect(k.result.candidates.map((x) => x.phases)).toEqual(ref.result.candidates.map((x) => x.phases));
    expect(k.result.pareto).toEqual(ref.result.pareto);
    expect(comparable(k.result, { pruned: prune })).toBe(comparable(ref.result, { pruned: prune }));
  }
  return ref;
}

describe('the phased search in both engines', () => {
  it('the kernel equals the reference on random phase plans', async () => {
    let runs = 0;
    let phased = 0;
    await fc.assert(
      fc.asyncProperty(arbPhasedScenario, arbCatalog, async (s, c) => {
        const ref = await check(s, c);
        runs++;
        if (ref.ok && ref.result.candidates.length > 0 && s.cluster.phases!.length > 1) phased++;
      }),
      { numRuns: 30 },
    );
    expect(runs).toBe(30);
    // Most runs grow a feasible design over more than one phase, or the comparison proves little.
    expect(phased / runs).toBeGreaterThanOrEqual(0.3);
  }, 300_000);

  it('the kernel equals the reference on 3-tier fabrics grown in phases, where pod splits differ in present value', async () => {
    const cat = labCatalog();
    for (const [gpus, rate] of [[1500, 8], [2200, 25]] as const) {
      const s = scenario({
        cluster: { gpus, serverProfile: 'one-port-100g', phases: [{ gpus: 300, month: 0 }, { gpus: 900, month: 12 }, { gpus, month: 30 }] },
        fabric: { maxOversubscription: 2 }, objective: { minimize: 'tco', discountRatePct: rate },
      });
      const ref = await check(s, cat);
      expect(ref.ok && ref.result.candidates.some((x) => x.tiers.length === 3)).toBe(true);
    }
  }, 120_000);
});
