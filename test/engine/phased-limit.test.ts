// A phased ranking prices at most MAX_PHASED_ROWS rows (src/topology/phased-ranking.ts): a plan
// whose floor stays below the K-th best present value would otherwise price every row, millions
// on a large cluster, and run a browser tab out of memory. Both engines stop at the same row with
// the same reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { defaultCatalog } from '../../src/catalog/default';
import { optimizeWithKernel, shutdownKernelPool } from '../../src/engine/node';
import { optimizeInProcess } from '../../src/engine/search';
import { nodeKernelModule } from '../../src/engine/wasm-node';
import { ScenarioSchema } from '../../src/model/scenario';
import { optimize } from '../../src/topology/optimize';
import { MAX_PHASED_ROWS } from '../../src/topology/phased-ranking';
import { labCatalog } from '../fixtures/lab-catalog';
import { scenario } from '../topology/helpers';
import { comparable } from './helpers';

let module: WebAssembly.Module;
beforeAll(async () => {
  module = await nodeKernelModule();
});
afterAll(() => shutdownKernelPool());

// 400 GPUs, half now and the rest at month 67 at 40% a year: the floor passes the best present
// values only at the 16,440th row (test/engine/phased-floor.test.ts prices it in both engines).
const plan = scenario({
  cluster: { gpus: 400, serverProfile: 'one-port-100g', phases: [{ gpus: 200, month: 0 }, { gpus: 400, month: 67 }] },
  fabric: { maxOversubscription: 3 }, objective: { minimize: 'tco', years: 5, discountRatePct: 40 },
});

describe('the most rows a phased ranking prices', () => {
  it('stops both engines at the same row, with the same reason, one row short of settling', async () => {
    const short = 16_439;
    const ref = optimize(plan, labCatalog(), { maxPhasedRows: short });
    const k = await optimizeInProcess(plan, labCatalog(), module, { maxPhasedRows: short });
    expect(k).toEqual(ref);
    if (ref.ok) throw new Error('the reference settled past its limit');
    expect(ref.reason).toBe(
      'the ranking by present value is not settled after pricing 16,439 designs along the phase plan: a design\'s cost at the final size bounds its ' +
      'present value only loosely for this plan (its last phase, at month 67, is discounted to 15.3% of its cost at 40% a year, at or after the ' +
      "objective's 5-year horizon, so running costs add nothing to the floor), so nearly every design would be priced. Lower objective.discountRatePct, " +
      'build the last phase earlier, or narrow the search (fabric.families, fabric.maxTiers, fabric.pin).',
    );
  }, 120_000);

  it('settles both engines alike when the limit reaches the row that settles it', async () => {
    for (const [limit, asked] of [[16_440, 16_441], [20_000, 20_001]]) {
      const ref = optimize(plan, labCatalog(), { maxPhasedRows: limit });
      const k = await optimizeInProcess(plan, labCatalog(), module, { maxPhasedRows: limit });
      if (!ref.ok || !k.ok) throw new Error(`a search stopped at ${limit} rows: ${ref.ok ? '' : ref.reason}${k.ok ? '' : k.reason}`);
      expect(ref.result.stats.phased).toEqual({ rows: 44_955, priced: 16_440, kernelRuns: 0 });
      // The kernel's last ask is one row past the limit, to tell "exactly the limit" from "more".
      expect(k.result.stats.phased).toEqual({ rows: asked, priced: 16_440, kernelRuns: 6 });
      expect(comparable(k.result, { pruned: true })).toBe(comparable(ref.result, { pruned: true }));
    }
  }, 120_000);

  it(`stops the workers' search of a plan that would price every row at ${MAX_PHASED_ROWS.toLocaleString('en-US')} rows, with what to change`, async () => {
    // The worked example at 512 GPUs, the last phase at month 120 at 40% a year: discounted to 3.5%
    // of its cost, the floor never passes a present value. Without the limit, the example itself
    // (4,096 GPUs) with its last phase at month 67 at 40% a year priced 163,840 rows, then ran a
    // 4 GB heap out asking the kernel for 655,360.
    const example = JSON.parse(readFileSync(new URL('../../examples/h100-1024-to-4096-phases.json', import.meta.url), 'utf8'));
    const s = ScenarioSchema.parse({
      ...example, cluster: { ...example.cluster, gpus: 512, phases: [{ gpus: 128, month: 0 }, { gpus: 512, month: 120 }] },
      objective: { ...example.objective, minimize: 'tco', years: 5, discountRatePct: 40 },
    });
    const k = await optimizeWithKernel(s, defaultCatalog, { workers: 2 });
    expect(k.ok).toBe(false);
    if (k.ok) return;
    expect(k.reason).toContain('not settled after pricing 50,000 designs along the phase plan');
    expect(k.reason).toContain('its last phase, at month 120, is discounted to 3.5% of its cost at 40% a year');
    expect(k.reason).toContain('Lower objective.discountRatePct, build the last phase earlier, or narrow the search');
  }, 120_000);
});
