import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { SOURCES } from '../../src/model/common';
import type { Scenario } from '../../src/model/scenario';
import { optimize } from '../../src/topology/optimize';
import { Assessor } from '../../src/topology/assess';
import { buildContext } from '../../src/topology/context';
import { applyPrices, drawSamples } from '../../src/topology/price-draws';
import { SampleSearcher } from '../../src/engine/robustness';
import { Kernel } from '../../src/engine/kernel';
import { nodeKernelModule } from '../../src/engine/wasm-node';
import { referenceCanSearch } from './helpers';
import { arbCatalog, arbScenario } from './random-catalog';

let kernel: Kernel;
beforeAll(async () => {
  kernel = await Kernel.create(await nodeKernelModule());
});

/** Ranges for every bought source and category, wide enough to reorder offers and media recipes. */
const arbRanges = fc.array(
  fc.record({
    source: fc.constantFrom(...SOURCES.filter((s) => s !== 'owned')),
    category: fc.constantFrom('switch' as const, 'optic' as const, 'cable' as const),
    lowPct: fc.integer({ min: -95, max: 0 }),
    highPct: fc.integer({ min: 0, max: 500 }),
  }),
  { minLength: 1, maxLength: 9 },
).map((rs) => rs.filter((r, i) => rs.findIndex((x) => x.source === r.source && x.category === r.category) === i));

describe('the per-sample search against the reference', () => {
  it('the kernel equals the reference on drawn price sets of random catalogs and scenarios', async () => {
    let meaningful = 0;
    await fc.assert(
      fc.asyncProperty(arbScenario, arbCatalog, arbRanges, fc.integer({ min: 0, max: 2 ** 32 - 1 }), async (base, catalog, ranges, seed) => {
        const s: Scenario = { ...base, robustness: { ranges, samples: 2, seed } };
        fc.pre(referenceCanSearch(s, catalog));
        const nominal = buildContext(s, catalog);
        if ('ok' in nominal) return;
        const searcher = new SampleSearcher(s, catalog, kernel);
        for (const set of drawSamples(catalog, s.robustness, seed, 2)) {
          const priced = applyPrices(catalog, set);
          const ref = optimize(s, priced);
          if (!ref.ok) throw new Error(ref.reason);
          const ctx = searcher.context(set);
          const top = searcher.search(ctx, s.search.topK);
          if (top.length > 0 && set.offerIndex.length > 0) meaningful++;
          expect(top.map((t) => t.id)).toEqual(ref.result.candidates.filter((c) => c.rank !== null).map((c) => c.id));
          // Each objective is what the reference Assessor gives that design at the sample's prices.
          const refCtx = buildContext(s, priced);
          if ('ok' in refCtx) throw new Error(refCtx.reason);
          const assessor = new Assessor(refCtx);
          for (const t of top) {
            const a = assessor.assess(t.design);
            expect(a.ok && a.objectiveCents).toBe(t.objectiveCents);
          }
        }
      }),
      { numRuns: 40 },
    );
    // Not vacuous: many draws moved prices and left designs to rank.
    expect(meaningful).toBeGreaterThan(20);
  }, 240_000);
});
