import { afterAll, describe, expect, it } from 'vitest';
import { labCatalog } from '../fixtures/lab-catalog';
import { ScenarioSchema, type ScenarioInput } from '../../src/model/scenario';
import type { Catalog } from '../../src/model/catalog';
import { optimize } from '../../src/topology/optimize';
import { Assessor } from '../../src/topology/assess';
import { buildContext } from '../../src/topology/context';
import { applyPrices, drawSamples } from '../../src/topology/price-draws';
import { robustnessWithKernel, shutdownKernelPool } from '../../src/engine/node';
import { analyzeRobustness, designLabel, distinctLabels, inProcessRunner, percentile, SampleSearcher, type RobustnessReport } from '../../src/engine/robustness';
import { Kernel } from '../../src/engine/kernel';
import { nodeKernelModule } from '../../src/engine/wasm-node';
import { CancelledError } from '../../src/engine/pool';

afterAll(() => shutdownKernelPool());

const input: ScenarioInput = {
  cluster: { gpus: 64, serverProfile: 'eight-rail-400g' },
  fabric: { technologies: ['infiniband'], maxOversubscription: 2 },
  robustness: {
    samples: 24,
    seed: 7,
    ranges: [
      { source: 'oem-new', category: 'switch', lowPct: -30, highPct: 30 },
      { source: 'oem-refurbished', category: 'switch', lowPct: -20, highPct: 30 },
      { source: 'compatible-new', category: 'optic', lowPct: -40, highPct: 40 },
      { source: 'oem-new', category: 'cable', lowPct: -40, highPct: 40 },
    ],
  },
};
const scenario = ScenarioSchema.parse(input);

async function report(workers: number, extra: { seed?: number } = {}): Promise<RobustnessReport> {
  const o = await robustnessWithKernel(scenario, labCatalog(), { workers, ...extra });
  if (!o.ok) throw new Error(o.reason);
  return o.report;
}

function referenceTop(catalog: Catalog) {
  const o = optimize(scenario, catalog);
  if (!o.ok) throw new Error(o.reason);
  return o.result.candidates.filter((c) => c.rank !== null).map((c) => ({ id: c.id, cents: Math.round(c.metrics.capex * 100) }));
}

const withOfferPrice = (catalog: Catalog, offerId: string, price: number): Catalog =>
  ({ ...catalog, offers: catalog.offers.map((o) => (o.id === offerId ? { ...o, price } : o)) });

describe('robustness analysis', () => {
  let oneWorker: RobustnessReport;

  it('gives the same bytes for the same seed and any worker count', async () => {
    oneWorker = await report(1);
    const bytes = JSON.stringify(oneWorker);
    expect(JSON.stringify(await report(2))).toBe(bytes);
    expect(JSON.stringify(await report(3))).toBe(bytes);
    const kernel = await Kernel.create(await nodeKernelModule());
    const here = await analyzeRobustness(scenario, labCatalog(), inProcessRunner(scenario, labCatalog(), kernel));
    expect(here.ok && JSON.stringify(here.report)).toBe(bytes);
    expect(oneWorker.samples).toBe(24);
    expect(oneWorker.winnerBySample).toHaveLength(24);
  }, 120_000);

  it('names every reported design differently, adding the design id where counts and models alike would read the same', () => {
    const labels = oneWorker.designs.map((d) => d.label);
    expect(new Set(labels).size).toBe(labels.length);
    const ctx = buildContext(scenario, labCatalog());
    if ('ok' in ctx) throw new Error(ctx.reason);
    const [a] = oneWorker.designs;
    const designs = new Map([[a.id, designOf(a.id)], [`${a.id}-twin`, designOf(a.id)]]);
    const named = distinctLabels(ctx, designs);
    expect(named.get(a.id)).toBe(`${designLabel(ctx, designOf(a.id))} (${a.id})`);
    expect(named.get(`${a.id}-twin`)).toBe(`${designLabel(ctx, designOf(a.id))} (${a.id}-twin)`);
  });

  it('draws other prices for another seed', async () => {
    const other = await report(2, { seed: 8 });
    const a = oneWorker.designs.map((d) => d.mean);
    const b = other.designs.map((d) => d.mean);
    expect(b).not.toEqual(a);
  }, 60_000);

  it('the kernel equals the reference on drawn price sets', async () => {
    const kernel = await Kernel.create(await nodeKernelModule());
    const catalog = labCatalog();
    const searcher = new SampleSearcher(scenario, catalog, kernel);
    for (const set of drawSamples(catalog, scenario.robustness, 11, 4)) {
      const kernelTop = searcher.search(searcher.context(set), scenario.search.topK).map((r) => ({ id: r.id, cents: r.objectiveCents }));
      expect(kernelTop).toEqual(referenceTop(applyPrices(catalog, set)));
    }
  }, 60_000);

  it('reports each design figures that the reference Assessor gives it under every drawn price set', () => {
    const catalog = labCatalog();
    const sets = drawSamples(catalog, scenario.robustness, scenario.robustness!.seed, scenario.robustness!.samples);
    const runnerUp = oneWorker.designs[1];
    const design = designOf(runnerUp.id);
    const values: number[] = [];
    sets.forEach((set, i) => {
      const ctx = buildContext(scenario, applyPrices(catalog, set));
      if ('ok' in ctx) throw new Error(ctx.reason);
      const r = new Assessor(ctx).assess(design);
      if (r.ok) values.push(r.objectiveCents);
      // The sample's winner is the reference's rank 1 at the sample's prices (checked on a few: the reference is slow).
      if (i < 4) expect(oneWorker.designs[oneWorker.winnerBySample[i]].id).toBe(referenceTop(applyPrices(catalog, set))[0].id);
    });
    values.sort((x, y) => x - y);
    expect(runnerUp.feasibleSamples).toBe(values.length);
    expect(runnerUp.p10).toBe(percentile(values, 10) / 100);
    expect(runnerUp.p90).toBe(percentile(values, 90) / 100);
    expect(runnerUp.mean).toBe(Math.round(values.reduce((x, y) => x + y, 0) / values.length) / 100);
    expect(oneWorker.designs.reduce((n, d) => n + d.wins, 0) + oneWorker.infeasibleSamples).toBe(24);
    expect(oneWorker.designs.every((d) => d.winShare === d.wins / 24)).toBe(true);
  }, 60_000);

  it('a break-even price makes the runner-up tie the winner', () => {
    const line = oneWorker.breakEven.find((l) => l.part === 'SW64' && (l.low || l.high));
    expect(line).toBeDefined();
    const side = (line!.low ?? line!.high)!;
    const towardNominal = line!.low ? 0.01 : -0.01;
    const at = (price: number) => referenceTop(withOfferPrice(labCatalog(), line!.offerId, price));
    // At the break-even price the reference ranks the overtaking design first; a cent nearer the nominal price, the nominal winner.
    const there = at(side.unitPrice);
    const before = at(Math.round((side.unitPrice + towardNominal) * 100) / 100);
    expect(there[0].id).toBe(side.overtakenBy.id);
    expect(before[0].id).toBe(oneWorker.nominalWinner);
    // Tie to the cent: the two designs' objectives cross between these two prices.
    const gap = (top: { id: string; cents: number }[]) => {
      const w = top.find((t) => t.id === oneWorker.nominalWinner);
      const d = top.find((t) => t.id === side.overtakenBy.id)!;
      return w ? w.cents - d.cents : Infinity;
    };
    expect(gap(there)).toBeGreaterThanOrEqual(0);
    expect(gap(before)).toBeLessThanOrEqual(0);
  }, 60_000);

  it('stops on cancel, and the next analysis still runs', async () => {
    const controller = new AbortController();
    const run = robustnessWithKernel(scenario, labCatalog(), {
      workers: 2, samples: 200,
      signal: controller.signal,
      onProgress: (p) => { if (p.step === 'samples' && p.done >= 2) controller.abort(); },
    });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect((await report(2)).designs.length).toBe(oneWorker.designs.length);
  }, 60_000);

  it('refuses a scenario with no price swings and says what to set', async () => {
    const plain = ScenarioSchema.parse({ ...input, robustness: undefined });
    const o = await robustnessWithKernel(plain, labCatalog(), { workers: 1 });
    expect(o.ok).toBe(false);
    if (!o.ok) expect(o.reason).toMatch(/robustness\.ranges.*priceLow \/ priceHigh/);
  });
});

/** The design a report names, from the reference's own listing of the nominal search. */
function designOf(id: string) {
  const o = optimize({ ...scenario, search: { topK: 100 } }, labCatalog());
  if (!o.ok) throw new Error(o.reason);
  const c = o.result.candidates.find((x) => x.id === id);
  if (!c) throw new Error(`design ${id} not in the nominal result`);
  return c.design;
}
