import type { Catalog } from '../model/catalog';
import type { Candidate, Design, Result, SearchStats } from '../model/result';
import type { Scenario } from '../model/scenario';
import { Assessor, type Assessment } from './assess';
import { buildContext, type Context } from './context';
import { diagnoseEmpty, tryFixesSync } from './diagnose';
import { enumerateDesigns } from './enumerate';
import { toCandidate } from './materialize';
import { classKeyFrom, compareKeys, designKey } from './shape';
import { searchSizeReason } from '../engine/size-limit';
import { buildPhasedResult, phasePlanOf, rankByPresentValue, unsettledReason } from './phased-ranking';

export const GENERATOR = 'railyard 0.1.0';

/** What ranking and the Pareto front need of a design: objective, oversubscription, power, key. */
export interface Scored {
  design: Design;
  key: number[];
  /** Designs with equal class keys are one row (see classKey); top-K keeps one per class. */
  classKey: number[];
  objectiveCents: number;
  /** Worst tier oversubscription floored at 1. */
  oversubscription: number;
  milliwatts: number;
}

/** Ranking order: lower objective first, ties broken by the canonical design key. */
export const byRank = (a: Scored, b: Scored): number => a.objectiveCents - b.objectiveCents || compareKeys(a.key, b.key);

/** Ranking figures and keys of an assessed design (its shape's design has the top tier's down ports filled in). */
export function scoreOf(ctx: Context, a: Assessment): Scored {
  const key = designKey(ctx, a.shape.design);
  return {
    design: a.shape.design,
    key,
    classKey: classKeyFrom(key, a.shape),
    objectiveCents: a.objectiveCents,
    oversubscription: a.worstOversubscription,
    milliwatts: a.switchMilliwatts + a.mediaMilliwatts,
  };
}

/**
 * Keeps the K best classes by byRank, each represented by its smallest design key. Members of a
 * class have equal figures, so the answer does not depend on the order designs arrive in.
 */
export class TopK {
  readonly items: Scored[] = [];
  /** The held member of each class, by its class key's text (one row per class). */
  private readonly held = new Map<string, Scored>();
  constructor(readonly k: number) {}
  /** Objective of the K-th best, or Infinity while fewer than K are held. */
  bound(): number {
    return this.items.length < this.k ? Infinity : this.items[this.k - 1].objectiveCents;
  }
  /** Offers s; returns the row no longer held because of it (s itself, a replaced member or the row pushed past K), if any. */
  offer(s: Scored): Scored | undefined {
    if (this.items.length === this.k && byRank(s, this.items[this.k - 1]) >= 0) return s;
    // One row per class: a class member with a smaller key replaces the held one (same figures).
    // Found by class, not by a scan of the rows: a phased search asks for tens of thousands of rows.
    const cls = s.classKey.join();
    const same = this.held.get(cls);
    if (same) {
      if (compareKeys(s.key, same.key) >= 0) return s;
      this.items.splice(this.items.indexOf(same), 1);
    }
    // After every row that ranks at or before s (rows are in byRank order, a total order on designs).
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (byRank(s, this.items[mid]) < 0) hi = mid;
      else lo = mid + 1;
    }
    this.items.splice(lo, 0, s);
    this.held.set(cls, s);
    if (this.items.length > this.k) {
      const out = this.items.pop()!;
      this.held.delete(out.classKey.join());
      return out;
    }
    return same;
  }
}

const dominatesOrEquals = (q: Scored, p: Scored) =>
  q.objectiveCents <= p.objectiveCents && q.oversubscription <= p.oversubscription && q.milliwatts <= p.milliwatts;

/**
 * The Pareto front over (objective, worst oversubscription, power). Of designs with identical
 * figures, the one with the smaller design key stays.
 */
export class ParetoFront {
  items: Scored[] = [];
  offer(p: Scored): void {
    for (let i = 0; i < this.items.length; i++) {
      const q = this.items[i];
      if (dominatesOrEquals(q, p)) {
        const same = q.objectiveCents === p.objectiveCents && q.oversubscription === p.oversubscription && q.milliwatts === p.milliwatts;
        if (same && compareKeys(p.key, q.key) < 0) this.items[i] = p;
        return;
      }
    }
    this.items = this.items.filter((q) => !dominatesOrEquals(p, q));
    this.items.push(p);
  }
  sorted(): Scored[] {
    return [...this.items].sort(byRank);
  }
}

export interface Progress {
  evaluated: number;
  total: number;
  bestObjective: number | null;
}

export interface OptimizeOptions {
  onProgress?: (p: Progress) => void;
  /** Called between designs; return true to stop (the result then covers what was evaluated). */
  shouldStop?: () => boolean;
  /** The most rows a phased ranking prices before it stops unsettled (MAX_PHASED_ROWS; tests lower it). */
  maxPhasedRows?: number;
}

export type OptimizeOutcome = { ok: true; result: Result } | { ok: false; reason: string };

/** Tallies why designs were rejected, keeping the first example of each rule. */
export class ReasonTally {
  private counts = new Map<string, { example: string; count: number }>();
  add(rule: string, reason: string): void {
    const e = this.counts.get(rule);
    if (e) e.count++;
    else this.counts.set(rule, { example: reason, count: 1 });
  }
  merge(other: { reason: string; count: number; rule: string }[]): void {
    for (const o of other) {
      const e = this.counts.get(o.rule);
      if (e) e.count += o.count;
      else this.counts.set(o.rule, { example: o.reason, count: o.count });
    }
  }
  list(): { reason: string; count: number }[] {
    return [...this.counts.entries()]
      .map(([rule, e]) => ({ reason: `${rule}: ${e.example}`, count: e.count }))
      .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  }
}

/** A design a result shows, with its rank (null: on the Pareto front only). */
export interface ResultDesign {
  design: Design;
  rank: number | null;
}

/** What a result materializes: the ranked designs, then Pareto designs not ranked; and each Pareto point's candidate index. */
export function resultDesigns(top: Scored[], pareto: Scored[]): { designs: ResultDesign[]; paretoAt: number[] } {
  const designs: ResultDesign[] = top.map((s, i) => ({ design: s.design, rank: i + 1 }));
  const paretoAt: number[] = [];
  for (const s of pareto) {
    const known = top.findIndex((t) => compareKeys(t.key, s.key) === 0);
    if (known >= 0) paretoAt.push(known);
    else {
      paretoAt.push(designs.length);
      designs.push({ design: s.design, rank: null });
    }
  }
  return { designs, paretoAt };
}

/** Candidates (BOM, racks, metrics) of designs; independent per design, so workers can share the list. */
export function materializeDesigns(assessor: Assessor, designs: ResultDesign[]): Candidate[] {
  return designs.map(({ design, rank }) => toCandidate(assessor, reassess(assessor, design), rank));
}

/** The assessment of a result design (found feasible by the search), its shape naming the design. */
export function reassess(assessor: Assessor, design: Design): Assessment {
  const a = assessor.assess(design);
  if (!a.ok) throw new Error(`design became infeasible on re-assessment: ${a.reason}`);
  a.shape.design = design;
  return a;
}

/** Builds the result document from the ranked designs and the Pareto front. */
export function buildResult(assessor: Assessor, top: Scored[], pareto: Scored[], stats: SearchStats): Result {
  const { designs, paretoAt } = resultDesigns(top, pareto);
  return assembleResult(assessor, materializeDesigns(assessor, designs), paretoAt, stats);
}

/** The result document from materialized candidates (see resultDesigns for their order). */
export function assembleResult(assessor: Assessor, candidates: Candidate[], paretoAt: number[], stats: SearchStats): Result {
  const ctx = assessor.ctx;
  const paretoIds = paretoAt.map((i) => candidates[i].id);
  return {
    schemaVersion: 1,
    generator: GENERATOR,
    scenario: ctx.input,
    catalogName: ctx.catalog.name,
    currency: ctx.catalog.currency,
    objective: ctx.scenario.objective.minimize,
    candidates,
    pareto: paretoIds,
    stats,
    resolvedLayout: ctx.scenario.layout,
    resolvedFabric: ctx.resolvedFabric,
    diagnosis: candidates.length === 0 ? diagnoseEmpty(ctx, { stats }) : [],
  };
}

/**
 * The reference optimizer: exhaustive over the whole design space (see enumerateDesigns), exact
 * and deterministic. Slow on large clusters by design; the kernel is held against it.
 */
export function optimize(scenario: Scenario, catalog: Catalog, opts: OptimizeOptions = {}): OptimizeOutcome {
  const started = performance.now();
  const ctx = buildContext(scenario, catalog);
  if ('ok' in ctx) return { ok: false, reason: ctx.reason };
  // The kernel's guard, with its message: a search that would take hours is refused before it starts.
  const tooLarge = searchSizeReason(ctx);
  if (tooLarge) return { ok: false, reason: tooLarge };
  const assessor = new Assessor(ctx);
  // Growing in phases, every row is priced along the plan after the search (src/topology/phased-ranking.ts).
  const plan = phasePlanOf(scenario);
  const top = new TopK(scenario.search.topK);
  // Growing in phases: every row (class) by its smallest design key, priced along the plan after the search.
  const rows = new Map<string, Scored>();
  const pareto = new ParetoFront();
  const reasons = new ReasonTally();
  let total = 0;
  for (const _ of enumerateDesigns(ctx)) total++;
  let evaluated = 0;
  let feasible = 0;
  for (const design of enumerateDesigns(ctx)) {
    if (opts.shouldStop?.()) break;
    evaluated++;
    const a = assessor.assess(design);
    if (!a.ok) {
      reasons.add(a.rule, a.reason);
    } else {
      feasible++;
      const filled: Design = { ...design, tiers: design.tiers.map((t, i) => ({ ...t, downPorts: a.shape.tiers[i].downPorts })) };
      a.shape.design = filled;
      const s = scoreOf(ctx, a);
      if (plan) {
        const ck = s.classKey.join(',');
        const held = rows.get(ck);
        if (!held || compareKeys(s.key, held.key) < 0) rows.set(ck, s);
      } else {
        top.offer(s);
        pareto.offer(s);
      }
    }
    if (opts.onProgress && evaluated % 2000 === 0)
      opts.onProgress({ evaluated, total, bestObjective: top.items[0] ? top.items[0].objectiveCents / 100 : null });
  }
  opts.onProgress?.({ evaluated, total, bestObjective: top.items[0] ? top.items[0].objectiveCents / 100 : null });
  const stats: SearchStats = {
    spaceSize: total,
    evaluated,
    pruned: 0,
    feasible,
    infeasible: evaluated - feasible,
    elapsedMs: 0,
    workers: 1,
    engine: 'reference',
    infeasibleReasons: reasons.list(),
  };
  let result: Result;
  if (plan) {
    const maxRows = opts.maxPhasedRows;
    const ranking = rankByPresentValue(assessor, plan, [...rows.values()].sort(byRank).map((s) => s.design), scenario.search.topK, { maxRows });
    if (ranking.unsettled) return { ok: false, reason: unsettledReason(plan, scenario.objective, maxRows) };
    reasons.merge(ranking.growth);
    stats.infeasibleReasons = reasons.list();
    result = buildPhasedResult(assessor, ranking, stats);
  } else result = buildResult(assessor, top.items, pareto.sorted(), stats);
  tryFixesSync(ctx, result, (s) => {
    const o = optimize(s, catalog);
    return o.ok && o.result.candidates.length > 0;
  });
  result.stats.elapsedMs = Math.round(performance.now() - started);
  return { ok: true, result };
}
