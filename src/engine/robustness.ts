// Ranks designs that survive price swings (docs/robustness.md). Prices are drawn N times
// (src/topology/price-draws.ts); each price set gets the exact search, one job per set, on the
// worker pool or in this thread; the designs that win somewhere, and the nominal top K, are then
// priced under every set with the reference Assessor; for the nominal winner, the price of each of
// its largest cost lines at which another design overtakes it is searched for, exactly.
//
// What a run reuses between samples (prices change neither the floor nor the design space): the
// floor plan with its run-length histograms (one per thread), the compiled kernel and its instance,
// and the shard plan. What it recomputes per sample, because prices decide it: the SKU price
// tables (which offer is cheapest), the media choice per run length (which recipe is cheapest),
// hence the kernel input, the branch bounds and the waves.
import * as L from '../../assembly/layout';
import type { Catalog } from '../model/catalog';
import type { Design } from '../model/result';
import type { Scenario } from '../model/scenario';
import { Assessor } from '../topology/assess';
import { buildContext, type Context } from '../topology/context';
import type { FloorPlan } from '../topology/layout';
import { byRank, TopK } from '../topology/optimize';
import { applyPrices, drawPrices, priceRanges, type PriceRange, type PriceSet } from '../topology/price-draws';
import { compareKeys, designId, designKey, shapeOf } from '../topology/shape';
import { encode, type Encoding } from './encode';
import { Kernel, type ShardResult } from './kernel';
import { planShards, planWaves, scoredIn } from './merge';
import { seedFrom } from './seed';
import { prepareSearch } from './search';

/** A unit price forced on one (SKU, offer) of a context: how break-even prices are searched. */
export interface PriceOverride {
  sku: number;
  offerIndex: number;
  unitCents: number;
}

/** One job of a run; every job is a pure function of the run's scenario and catalog and itself. */
export type RobustnessJob =
  | { kind: 'search'; set: PriceSet; topK: number; evaluate: Design[] }
  | { kind: 'evaluate'; set: PriceSet; designs: Design[] }
  | { kind: 'break-even'; sku: number; offerIndex: number; direction: 'up' | 'down'; winner: Design; limitCents: number };

/** A design as a search ranked it. */
export interface RankedDesign {
  id: string;
  design: Design;
  objectiveCents: number;
}

/** Where the nominal winner stops ranking first as one line's unit price moves one way. */
export interface BreakEvenSide {
  /** The first unit price (cents) at which another design ranks first; null when none does up to the limit. */
  cents: number | null;
  /** The design that ranks first at that price. */
  overtakenBy: RankedDesign | null;
  /** The searched limit: 0 going down, the cap going up. */
  limitCents: number;
  /** Exact searches and reference evaluations the search took. */
  searches: number;
  evaluations: number;
}

export type RobustnessJobResult =
  | { kind: 'search'; ranked: RankedDesign[]; objectives: (number | null)[] }
  | { kind: 'evaluate'; objectives: (number | null)[] }
  | { kind: 'break-even'; side: BreakEvenSide };

/**
 * Runs the jobs of one analysis, in any order and on any number of threads, and returns their
 * results by job index. `onDone` hears each finished job.
 */
export interface JobRunner {
  run(jobs: RobustnessJob[], opts: { onDone?: () => void; signal?: AbortSignal }): Promise<RobustnessJobResult[]>;
}

/** The figures of one design as the reference Assessor prices it (null: infeasible at these prices). */
function objectiveOf(assessor: Assessor, design: Design): number | null {
  const a = assessor.assess(design);
  return a.ok ? a.objectiveCents : null;
}

/**
 * Everything one thread keeps for the samples of a run: the nominal context (for the floor plan
 * and the shard plan) and a kernel instance. Each search builds the sample's context (prices
 * decide which offer and which media recipe are cheapest) around the same floor plan.
 */
export class SampleSearcher {
  readonly nominal: Context;
  private readonly plan: FloorPlan;
  private readonly shards: [number, number][];
  private readonly branchCount: number;

  constructor(private readonly scenario: Scenario, private readonly catalog: Catalog, private readonly kernel: Kernel) {
    const ctx = buildContext(scenario, catalog);
    if ('ok' in ctx) throw new Error(ctx.reason);
    this.nominal = ctx;
    const assessor = new Assessor(ctx);
    this.plan = assessor.plan;
    // The shard plan depends on the branches and their weights only: the same for every price set.
    const core = encode(assessor, { media: false });
    this.shards = planShards(core);
    this.branchCount = core.branchCount;
  }

  /** The context of a price set (and an optional forced unit price), with fresh price tables. */
  context(set: PriceSet, override?: PriceOverride): Context {
    const ctx = buildContext(this.scenario, applyPrices(this.catalog, set));
    if ('ok' in ctx) throw new Error(ctx.reason);
    if (override) overridePrice(ctx, override);
    return ctx;
  }

  /** An Assessor of `ctx` that walks the run's one floor plan (its histograms are price-independent). */
  assessor(ctx: Context): Assessor {
    const a = new Assessor(ctx);
    (a as { plan: FloorPlan }).plan = this.plan;
    return a;
  }

  /** The exact search at these prices: the top `topK` designs by the engine's ranking. */
  search(ctx: Context, topK: number): RankedDesign[] {
    const assessor = this.assessor(ctx);
    const encoding = encode(assessor);
    if (encoding.branchCount !== this.branchCount) throw new Error('a price set changed the design space (it must not)');
    const kernel = this.kernel;
    kernel.load(encoding.input);
    const results: (ShardResult | undefined)[] = this.shards.map(() => undefined);
    const cap = encoding.input.ints[L.H_PARETO_CAP];
    const waves = planWaves(encoding, this.shards, kernel.branchBounds(encoding.branchCount));
    for (const wave of waves) {
      const seed = seedFrom(results, topK, cap);
      for (const i of wave) results[i] = kernel.run(i, this.shards[i][0], this.shards[i][1], true, undefined, seed);
    }
    return topDesigns(ctx, encoding, results as ShardResult[], topK);
  }

  run(job: RobustnessJob): RobustnessJobResult {
    if (job.kind === 'search') {
      const ctx = this.context(job.set);
      const ranked = this.search(ctx, job.topK);
      const assessor = this.assessor(ctx);
      return { kind: 'search', ranked, objectives: job.evaluate.map((d) => objectiveOf(assessor, d)) };
    }
    if (job.kind === 'evaluate') {
      const assessor = this.assessor(this.context(job.set));
      return { kind: 'evaluate', objectives: job.designs.map((d) => objectiveOf(assessor, d)) };
    }
    return { kind: 'break-even', side: this.breakEven(job) };
  }

  /**
   * The unit price of one (SKU, offer) line at which the nominal winner stops ranking first, going
   * `up` from the nominal price to `limitCents` or `down` to 0, to the cent. Bisection over the
   * price between the winner and the design the exact search ranks first at the far end (both
   * priced by the reference Assessor); each crossing found is then checked with the exact search a
   * cent on the winner's side, and if some third design ranks first there, the bisection goes on
   * against it. The answer is the crossing nearest the nominal price that the exact search confirms.
   */
  breakEven(job: Extract<RobustnessJob, { kind: 'break-even' }>): BreakEvenSide {
    const nominalCents = offerCents(this.nominal, job.sku, job.offerIndex);
    const winnerKey = designKey(this.nominal, job.winner);
    const winnerId = designId(job.winner);
    const up = job.direction === 'up';
    let searches = 0;
    let evaluations = 0;
    const at = (cents: number) => this.context({ offerIndex: [], price: [], perMeterPrice: [] }, { sku: job.sku, offerIndex: job.offerIndex, unitCents: cents });
    const first = (cents: number): RankedDesign | undefined => {
      searches++;
      return this.search(at(cents), 1)[0];
    };
    // Does `rival` rank ahead of the winner at this price (lower objective, or equal and a smaller key)?
    const ahead = (rival: Design, cents: number): boolean => {
      evaluations++;
      const assessor = this.assessor(at(cents));
      const w = objectiveOf(assessor, job.winner);
      const r = objectiveOf(assessor, rival);
      if (r === null) return false;
      if (w === null) return true;
      return r < w || (r === w && compareKeys(designKey(this.nominal, rival), winnerKey) < 0);
    };
    const limit = up ? job.limitCents : 0;
    const none: BreakEvenSide = { cents: null, overtakenBy: null, limitCents: limit, searches, evaluations };
    let far = first(limit);
    if (!far || far.id === winnerId) return { ...none, searches, evaluations };
    // Invariant: the winner ranks first at `near`; `far.design` ranks ahead of it at `farCents`.
    const near = nominalCents;
    let farCents = limit;
    for (;;) {
      // Bisection between near (not ahead) and farCents (ahead), in whole cents.
      let a = near;
      let b = farCents;
      while (Math.abs(b - a) > 1) {
        const mid = up ? a + Math.floor((b - a) / 2) : a - Math.floor((a - b) / 2);
        if (ahead(far.design, mid)) b = mid;
        else a = mid;
      }
      // b: the rival is ahead; a = b -/+ 1 cent: it is not. Confirm the winner ranks first at a.
      const check = first(a);
      if (check && check.id === winnerId) {
        const there = first(b)!;
        return { cents: b, overtakenBy: there, limitCents: limit, searches, evaluations };
      }
      if (!check) return { ...none, searches, evaluations };
      far = check;
      farCents = a;
      if (farCents === near) throw new Error('the nominal winner does not rank first at the nominal price');
    }
  }
}

/** The current unit price (cents) of one allowed offer of a SKU. */
export function offerCents(ctx: Context, sku: number, offerIndex: number): number {
  const o = ctx.skus[sku].offers.find((x) => x.offerIndex === offerIndex);
  if (!o) throw new Error(`offer ${offerIndex} is not an allowed offer of SKU ${sku}`);
  return o.unitCents;
}

/**
 * Forces one offer's unit price for one SKU and keeps the context consistent: offers stay sorted
 * cheapest first (ties by catalog order), the cheapest allowed price and the all-OEM-new price follow.
 */
export function overridePrice(ctx: Context, o: PriceOverride): void {
  const sku = ctx.skus[o.sku];
  const offers = sku.offers.map((x) => (x.offerIndex === o.offerIndex ? { ...x, unitCents: o.unitCents } : x));
  offers.sort((a, b) => a.unitCents - b.unitCents || a.offerIndex - b.offerIndex);
  sku.offers = offers;
  sku.refCents = offers[0]?.unitCents;
  const offer = ctx.catalog.offers[o.offerIndex];
  if (offer.source === 'oem-new') {
    let oem: number | undefined;
    for (const x of offers) if (x.source === 'oem-new') oem = oem === undefined ? x.unitCents : Math.min(oem, x.unitCents);
    if (oem !== undefined) sku.oemNewCents = Math.min(oem, o.unitCents);
  }
}

/** The top K designs of a search from its shards' kept items, ranked as the engine's merge ranks them. */
function topDesigns(ctx: Context, encoding: Encoding, shards: ShardResult[], k: number): RankedDesign[] {
  const items = shards.flatMap((s) => s.top);
  const objectives = items.map((t) => t.objectiveCents).sort((a, b) => a - b);
  const cut = objectives.length >= k ? objectives[k - 1] : Infinity;
  const top = new TopK(k);
  for (const item of items) {
    if (item.objectiveCents > cut) continue;
    top.offer(scoredIn(ctx, encoding, item));
  }
  return top.items.sort(byRank).map((s) => ({ id: designId(s.design), design: s.design, objectiveCents: s.objectiveCents }));
}

/** Runs jobs one after another on one kernel in this thread (tests, and where workers cannot run). */
export function inProcessRunner(scenario: Scenario, catalog: Catalog, kernel: Kernel): JobRunner {
  let searcher: SampleSearcher | undefined;
  return {
    async run(jobs, opts) {
      searcher ??= new SampleSearcher(scenario, catalog, kernel);
      const out: RobustnessJobResult[] = [];
      for (const job of jobs) {
        if (opts.signal?.aborted) throw Object.assign(new Error('robustness analysis cancelled'), { name: 'AbortError' });
        out.push(searcher.run(job));
        opts.onDone?.();
        // Let a cancel and progress through between samples.
        await new Promise((r) => setTimeout(r, 0));
      }
      return out;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The analysis: nominal search, samples, every reported design under every sample, break-evens.

export interface RobustnessProgress {
  step: 'nominal' | 'samples' | 'designs' | 'break-even';
  done: number;
  total: number;
}

export interface RobustnessOptions {
  /** Price sets to draw (default: the scenario's robustness.samples, else 200). */
  samples?: number;
  /** Seed of the draw (default: the scenario's robustness.seed, else 1). */
  seed?: number;
  /** How many of the nominal winner's largest cost lines get break-even prices (default 5). */
  breakEvenLines?: number;
  /** How far up a break-even price is searched, as a multiple of the line's nominal price (default 10). */
  breakEvenLimit?: number;
  onProgress?: (p: RobustnessProgress) => void;
  signal?: AbortSignal;
}

/** One design's figures over the samples (objective: capex, or TCO when the scenario minimizes it). */
export interface DesignRobustness {
  id: string;
  /** family, links and switches per tier, e.g. "rail-optimized IB 400G: 512 x QM9700 leaf / 256 x QM9700 spine". */
  label: string;
  /** Rank at nominal prices (null: not in the nominal top K). */
  nominalRank: number | null;
  nominalObjective: number | null;
  wins: number;
  winShare: number;
  /** Samples in which the design is feasible (a price can change the media chosen, and with it stock or power). */
  feasibleSamples: number;
  mean: number | null;
  p10: number | null;
  p90: number | null;
  min: number | null;
  max: number | null;
}

export interface BreakEvenLine {
  part: string;
  /** Cables: the standard length bought. */
  lengthM?: number;
  model: string;
  offerId: string;
  source: string;
  vendor: string;
  /** Units the nominal winner buys from this offer (installed and spares). */
  quantity: number;
  nominalUnitPrice: number;
  spend: number;
  /** Lowest unit price above the nominal at which another design ranks first, or null (none up to limitHigh). */
  high: { unitPrice: number; changePct: number; overtakenBy: { id: string; label: string; objective: number } } | null;
  limitHigh: number;
  /** Highest unit price below the nominal at which another design ranks first, or null (none down to 0). */
  low: { unitPrice: number; changePct: number; overtakenBy: { id: string; label: string; objective: number } } | null;
}

export interface RobustnessReport {
  kind: 'railyard-robustness';
  version: 1;
  scenarioName: string | null;
  catalogName: string;
  currency: string;
  objective: 'capex' | 'tco';
  samples: number;
  seed: number;
  /** The offers whose price swings, with their range (catalog currency units). */
  swinging: { offerId: string; part: string; source: string; low: number; high: number; from: 'offer' | 'scenario' }[];
  nominalWinner: string;
  /** Samples in which no design is feasible. */
  infeasibleSamples: number;
  /** Every design that wins a sample, and the nominal top K; most wins first. */
  designs: DesignRobustness[];
  /** The winning design of each sample (an index into designs; -1 when none is feasible). */
  winnerBySample: number[];
  breakEven: BreakEvenLine[];
  /**
   * Present when the scenario grows in phases (cluster.phases): the samples compare designs at the
   * final size, bought and built on day one, not by the present value Optimize ranks them by.
   */
  phases?: { count: number; finalGpus: number; discountRatePct: number; note: string };
}

/** What a robustness report of a phased scenario compares, in words (docs/robustness.md). */
export function phasesNote(scenario: Scenario): RobustnessReport['phases'] {
  const phases = scenario.cluster.phases;
  if (!phases || phases.length < 2) return undefined;
  const gpus = scenario.cluster.gpus;
  const rate = scenario.objective.discountRatePct;
  return {
    count: phases.length, finalGpus: gpus, discountRatePct: rate,
    note: `robustness compares designs at the final size (${gpus.toLocaleString('en-US')} GPUs), bought and built on day one: the scenario's ${phases.length} phases (cluster.phases) and its ${rate}% discount rate are not applied to the samples, so ranks here can differ from the present-value ranks of Optimize`,
  };
}

export type RobustnessOutcome = { ok: true; report: RobustnessReport } | { ok: false; reason: string; infeasible?: boolean };

const EMPTY_SET: PriceSet = { offerIndex: [], price: [], perMeterPrice: [] };

/** Nearest-rank percentile of sorted values: the smallest value with at least p% of them at or below it. */
export function percentile(sorted: number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

/** "rail-optimized IB 400G: 512 x QM9700 leaf / 256 x QM9700 spine". */
export function designLabel(ctx: Context, design: Design): string {
  const shape = shapeOf(ctx, design);
  if ('ok' in shape) return designId(design);
  const links = `${design.technology === 'infiniband' ? 'IB' : 'Eth'} ${design.planes > 1 ? `${design.planes}x` : ''}${shape.linkGbps}G`;
  return `${design.family} ${links}: ${shape.tiers.map((t) => `${t.countPerPlane * shape.planes} x ${t.option.sw.model} ${t.role}`).join(' / ')}`;
}

/** designLabel of each design, with the design id added where two designs would share a label. */
export function distinctLabels(ctx: Context, designs: ReadonlyMap<string, Design>): Map<string, string> {
  const base = new Map([...designs].map(([id, d]) => [id, designLabel(ctx, d)]));
  const uses = new Map<string, number>();
  for (const l of base.values()) uses.set(l, (uses.get(l) ?? 0) + 1);
  return new Map([...base].map(([id, l]) => [id, (uses.get(l) ?? 0) > 1 ? `${l} (${id})` : l]));
}

/** The analysis; `runner` runs its jobs (the worker pool, or this thread). */
export async function analyzeRobustness(scenario: Scenario, catalog: Catalog, runner: JobRunner, opts: RobustnessOptions = {}): Promise<RobustnessOutcome> {
  const spec = scenario.robustness;
  const samples = opts.samples ?? spec?.samples ?? 200;
  const seed = opts.seed ?? spec?.seed ?? 1;
  if (!Number.isInteger(samples) || samples < 1 || samples > 10_000) return { ok: false, reason: `robustness.samples: must be an integer from 1 to 10,000, got ${samples}` };
  if (!Number.isInteger(seed) || seed < 0 || seed > 4_294_967_295) return { ok: false, reason: `robustness.seed: must be an integer from 0 to 4,294,967,295, got ${seed}` };
  const prepared = prepareSearch(scenario, catalog, { deferMedia: true });
  if ('ok' in prepared) return prepared;
  const ctx = prepared.assessor.ctx;
  const ranges = priceRanges(catalog, spec);
  if (ranges.length === 0)
    return { ok: false, reason: 'robustness: no price swings: set robustness.ranges in the scenario (e.g. { "source": "oem-refurbished", "category": "switch", "lowPct": -20, "highPct": 30 }) or priceLow / priceHigh on catalog offers' };
  const signal = opts.signal;
  const topK = scenario.search.topK;

  // 1. Nominal prices: the top K, and the winner whose break-even prices are searched.
  opts.onProgress?.({ step: 'nominal', done: 0, total: 1 });
  const [nominalResult] = await runner.run([{ kind: 'search', set: EMPTY_SET, topK, evaluate: [] }], { signal });
  if (nominalResult.kind !== 'search') throw new Error('unexpected job result');
  const nominal = nominalResult.ranked;
  if (nominal.length === 0) return { ok: false, infeasible: true, reason: 'no design is feasible at the catalog prices (Optimize, or railyard optimize, says why)' };
  opts.onProgress?.({ step: 'nominal', done: 1, total: 1 });

  // 2. One exact search per price set; the nominal top K priced in the same job.
  const sets = Array.from({ length: samples }, (_, i) => drawPrices(catalog, ranges, seed, i));
  let done = 0;
  const progress = (step: RobustnessProgress['step'], total: number) => () => opts.onProgress?.({ step, done: ++done, total });
  const nominalDesigns = nominal.map((r) => r.design);
  const sampled = await runner.run(
    sets.map((set) => ({ kind: 'search', set, topK: 1, evaluate: nominalDesigns })),
    { onDone: progress('samples', samples), signal },
  );
  const designIds = nominal.map((r) => r.id);
  const designs = new Map<string, Design>(nominal.map((r) => [r.id, r.design]));
  const objectives = new Map<string, (number | null)[]>(designIds.map((id) => [id, []]));
  const winners: (string | null)[] = [];
  sampled.forEach((r) => {
    if (r.kind !== 'search') throw new Error('unexpected job result');
    const w = r.ranked[0];
    winners.push(w ? w.id : null);
    r.objectives.forEach((o, j) => objectives.get(designIds[j])!.push(o));
    if (w && !designs.has(w.id)) designs.set(w.id, w.design);
  });

  // 3. Winners outside the nominal top K, priced under every set.
  const extra = [...designs.keys()].filter((id) => !objectives.has(id)).sort();
  if (extra.length) {
    done = 0;
    const extraDesigns = extra.map((id) => designs.get(id)!);
    const evaluated = await runner.run(
      sets.map((set) => ({ kind: 'evaluate', set, designs: extraDesigns })),
      { onDone: progress('designs', samples), signal },
    );
    for (const id of extra) objectives.set(id, []);
    evaluated.forEach((r) => {
      if (r.kind !== 'evaluate') throw new Error('unexpected job result');
      r.objectives.forEach((o, j) => objectives.get(extra[j])!.push(o));
    });
  }

  // 4. Break-even prices of the nominal winner's largest cost lines, both ways.
  const winner = nominal[0];
  // A free line (a zero price) has no price to swing a percentage of.
  const lines = costLines(ctx, winner.design).filter((l) => l.unitCents > 0).slice(0, opts.breakEvenLines ?? 5);
  const limitFactor = opts.breakEvenLimit ?? 10;
  done = 0;
  const sides = await runner.run(
    lines.flatMap((l): RobustnessJob[] => (['up', 'down'] as const).map((direction) => ({
      kind: 'break-even', sku: l.sku, offerIndex: l.offerIndex, direction, winner: winner.design,
      limitCents: Math.max(l.unitCents * limitFactor, l.unitCents + 100),
    }))),
    { onDone: progress('break-even', lines.length * 2), signal },
  );

  // The report. Two designs can share a label (counts per tier and switch models alike, ports or
  // group sizes not): those labels carry the design id, so no row or bar names two designs.
  const everyDesign = new Map(designs);
  for (const r of sides) if (r.kind === 'break-even' && r.side.overtakenBy) everyDesign.set(r.side.overtakenBy.id, r.side.overtakenBy.design);
  const labelled = distinctLabels(ctx, everyDesign);
  const label = (id: string, d: Design) => labelled.get(id) ?? designLabel(ctx, d);
  const winCount = new Map<string, number>();
  for (const w of winners) if (w) winCount.set(w, (winCount.get(w) ?? 0) + 1);
  const rows: DesignRobustness[] = [...designs.keys()].map((id) => {
    const values = objectives.get(id)!.filter((x): x is number => x !== null).sort((a, b) => a - b);
    const sum = values.reduce((a, b) => a + b, 0);
    const rank = nominal.findIndex((r) => r.id === id);
    const wins = winCount.get(id) ?? 0;
    return {
      id, label: label(id, designs.get(id)!),
      nominalRank: rank >= 0 ? rank + 1 : null,
      nominalObjective: rank >= 0 ? nominal[rank].objectiveCents / 100 : null,
      wins, winShare: wins / samples,
      feasibleSamples: values.length,
      mean: values.length ? Math.round(sum / values.length) / 100 : null,
      p10: values.length ? percentile(values, 10) / 100 : null,
      p90: values.length ? percentile(values, 90) / 100 : null,
      min: values.length ? values[0] / 100 : null,
      max: values.length ? values[values.length - 1] / 100 : null,
    };
  });
  rows.sort((a, b) => b.wins - a.wins || (a.nominalRank ?? Infinity) - (b.nominalRank ?? Infinity) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const rowOf = new Map(rows.map((r, i) => [r.id, i]));
  const side = (r: RobustnessJobResult, nominalCents: number) => {
    if (r.kind !== 'break-even') throw new Error('unexpected job result');
    const s = r.side;
    if (s.cents === null || !s.overtakenBy) return null;
    return {
      unitPrice: s.cents / 100,
      changePct: Math.round(((s.cents - nominalCents) / nominalCents) * 10_000) / 100,
      overtakenBy: { id: s.overtakenBy.id, label: label(s.overtakenBy.id, s.overtakenBy.design), objective: s.overtakenBy.objectiveCents / 100 },
    };
  };
  const breakEven: BreakEvenLine[] = lines.map((l, i) => {
    const sku = ctx.skus[l.sku];
    const offer = catalog.offers[l.offerIndex];
    const up = sides[2 * i];
    return {
      part: sku.partId,
      ...(sku.lengthCm !== undefined ? { lengthM: sku.lengthCm / 100 } : {}),
      model: sku.model,
      offerId: offer.id,
      source: offer.source,
      vendor: offer.vendor,
      quantity: l.quantity,
      nominalUnitPrice: l.unitCents / 100,
      spend: l.cents / 100,
      high: side(up, l.unitCents),
      limitHigh: (up.kind === 'break-even' ? up.side.limitCents : 0) / 100,
      low: side(sides[2 * i + 1], l.unitCents),
    };
  });
  return {
    ok: true,
    report: {
      kind: 'railyard-robustness',
      version: 1,
      scenarioName: scenario.name ?? null,
      catalogName: catalog.name,
      currency: catalog.currency,
      objective: scenario.objective.minimize,
      samples,
      seed,
      swinging: ranges.map((r: PriceRange) => {
        const o = catalog.offers[r.offerIndex];
        return { offerId: o.id, part: o.part, source: o.source, low: Math.round(r.low * 100) / 100, high: Math.round(r.high * 100) / 100, from: r.from };
      }),
      nominalWinner: winner.id,
      infeasibleSamples: winners.filter((w) => w === null).length,
      designs: rows,
      winnerBySample: winners.map((w) => (w === null ? -1 : rowOf.get(w)!)),
      breakEven,
      ...(phasesNote(scenario) ? { phases: phasesNote(scenario) } : {}),
    },
  };
}

/** A design's nominal spend per (SKU, offer), owned parts left out (their residual value does not swing); largest first. */
export function costLines(ctx: Context, design: Design): { sku: number; offerIndex: number; quantity: number; unitCents: number; cents: number }[] {
  const a = new Assessor(ctx).assess(design);
  if (!a.ok) throw new Error(`the nominal winner is infeasible on re-assessment: ${a.reason}`);
  const byLine = new Map<string, { sku: number; offerIndex: number; quantity: number; unitCents: number; cents: number }>();
  for (const l of a.lines) {
    if (l.offer.source === 'owned') continue;
    const key = `${l.sku.index}/${l.offer.offerIndex}`;
    let line = byLine.get(key);
    if (!line) byLine.set(key, (line = { sku: l.sku.index, offerIndex: l.offer.offerIndex, quantity: 0, unitCents: l.offer.unitCents, cents: 0 }));
    line.quantity += l.quantity;
    line.cents += l.cents;
  }
  return [...byLine.values()].sort((x, y) => y.cents - x.cents || x.sku - y.sku || x.offerIndex - y.offerIndex);
}
