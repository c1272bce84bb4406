import type { Candidate, Design, Result, SearchStats } from '../model/result';
import type { PhasePlan } from '../model/phase-plan';
import type { Scenario } from '../model/scenario';
import type { Assessment, Assessor } from './assess';
import type { Context } from './context';
import { fromCents } from './money';
import { assembleResult, materializeDesigns, ParetoFront, ReasonTally, resultDesigns, scoreOf, TopK, type Scored } from './optimize';
import { discountFactor, growInPhases, runningCents, runningWeight, summarizePhases, type PhasedDesign } from './phases';
import { podSplitShapes } from './pod-splits';
import { compareKeys, designKey, shapeOf } from './shape';

/**
 * Ranking by present value when the cluster grows in phases (docs/phases.md). Both engines find
 * the designs feasible at the final size (one row per class, see classKey); this module prices
 * rows along the plan (src/topology/phases.ts) and ranks by the present value of their objective:
 * - the reference hands it every row; it prices them in the order of their ordering objective
 *   (phasedOrder) until a row's floor passes the K-th best present value;
 * - the kernel hands it its best M rows by the ordering objective, and the ranking is exact once
 *   no row past them can reach the K-th best present value; else the kernel runs again with more
 *   rows (src/engine/phased.ts).
 * A row's present value is that of its best pod split: splits equal at the final size are not
 * equal in phases (a smaller pod defers its spines), so the row shows the split that costs least
 * today. The Pareto front is taken over the ranked rows, on (present value, oversubscription, power).
 */

/** The scenario's phase plan, or undefined when it is built at once (no cluster.phases). */
export function phasePlanOf(s: Scenario): PhasePlan | undefined {
  return s.cluster.phases ? { phases: s.cluster.phases, discountRatePct: s.objective.discountRatePct } : undefined;
}

/**
 * How rows are ordered, and the floor that order gives, when the cluster grows in phases
 * (docs/phases.md, "The search"). Every phase's capex is discounted by at least the last phase's
 * factor f_K, and every phase's running costs weigh at least the last phase's running weight w_K,
 * so a design's present value is at least f_K x capex + w_K x (its running costs per year): f_K
 * times its objective with running costs over `years` = w_K / f_K (capex alone once the last phase
 * is built at or after the horizon, w_K = 0). Ordered by that objective (the ordering objective),
 * a row's floor f_K x objective - slack bounds every later row's present value too.
 * - slackCents: the present value rounds 4 terms per phase (capex, energy, support, replacements:
 *   half a cent each, 2K) and the ordering objective 3 terms once (1.5), below 3 + 2K; floating
 *   point error is covered by 1e-9 of the objective (see floorCents).
 * - For capex, years is the scenario's own (running costs take no part).
 */
export interface PhasedOrder {
  /** Years the ordering objective counts running costs over: w_K / f_K for TCO (at most the objective's years). */
  years: number;
  /** f_K, the last phase's discount factor. */
  factor: number;
  slackCents: number;
}

export function phasedOrder(plan: PhasePlan, objective: Scenario['objective']): PhasedOrder {
  const K = plan.phases.length;
  const lastMonth = plan.phases[K - 1].month;
  const factor = discountFactor(lastMonth, plan.discountRatePct);
  const years = objective.minimize === 'tco' ? runningWeight(lastMonth / 12, objective.years, plan.discountRatePct) / factor : objective.years;
  return { years, factor, slackCents: 2 * K + 3 };
}

/** The ordering objective of a design assessed at the final size (phasedOrder): its capex, plus for TCO its running costs over `years`, rounded as the kernel rounds them at those years. */
export function orderingObjectiveCents(ctx: Context, a: Assessment, order: PhasedOrder): number {
  if (ctx.scenario.objective.minimize !== 'tco') return a.capexCents;
  return a.capexCents + runningCents(ctx, a.switchMilliwatts + a.mediaMilliwatts, a.lines, order.years);
}

/**
 * The most rows a phased ranking prices, in both engines, in the order of the ordering objective.
 * Each priced row keeps its design and figures (the rows the top K holds also their builds): at
 * this limit about 270 MB stay live on the page (the worked example at 40% a year, last phase at
 * month 67, --trace-gc; 370 MB while every priced row kept its build). A plan whose floor
 * stays below the K-th best present value would otherwise price every row, millions on a large
 * cluster: that plan had priced 163,840 rows (2.2 GB of heap in use) when the kernel's next ask,
 * 655,360 rows, ran a 4 GB heap out. Past this the search stops with unsettledReason, the same
 * in both engines.
 */
export const MAX_PHASED_ROWS = 50_000;

/** Why a phased search stopped unsettled after pricing `limit` rows, and what the user can change. */
export function unsettledReason(plan: PhasePlan, objective: Scenario['objective'], limit = MAX_PHASED_ROWS): string {
  const order = phasedOrder(plan, objective);
  const last = plan.phases[plan.phases.length - 1];
  const years = objective.years.toLocaleString('en-US', { maximumFractionDigits: 2 });
  const why = plan.discountRatePct > 0
    ? `its last phase, at month ${last.month}, is discounted to ${(100 * order.factor).toFixed(1)}% of its cost at ${plan.discountRatePct}% a year`
    : `its last phase comes at month ${last.month}`;
  const running = objective.minimize !== 'tco' ? ''
    : order.years === 0 ? `, at or after the objective's ${years}-year horizon, so running costs add nothing to the floor`
    : `, so running costs count over only ${order.years.toFixed(2)} of the objective's ${years} years`;
  return (
    `the ranking by present value is not settled after pricing ${limit.toLocaleString('en-US')} designs along the phase plan: ` +
    `a design's cost at the final size bounds its present value only loosely for this plan (${why}${running}), so nearly every design would be priced. ` +
    'Lower objective.discountRatePct, build the last phase earlier, or narrow the search (fabric.families, fabric.maxTiers, fabric.pin).'
  );
}

/** A floor under the present value of any design whose ordering objective is at least `orderingCents`. */
export function floorCents(order: PhasedOrder, orderingCents: number): number {
  return order.factor * orderingCents - order.slackCents - 1e-9 * orderingCents;
}

export interface PhasedRanking {
  top: Scored[];
  pareto: Scored[];
  /** Rows whose design could not be grown along the plan (rule growth), tallied like the search's rejections. */
  growth: { rule: string; reason: string; count: number }[];
  /** Builds by design key, for the candidates the result shows. */
  builds: Map<string, PhasedDesign>;
  /** Rows handed to the ranking, and how many of them it priced before the floor stopped it. */
  rows: number;
  priced: number;
}

const keyOf = (k: number[]) => k.join(',');

/** A row priced along the plan: its best pod split (none when no split grows), why its other splits could not grow, and its ordering objective. */
export interface PricedRow {
  /** The best split's ranking figures, its present value as objectiveCents. */
  best: Scored | undefined;
  /** The best split's build along the plan, dropped once the row leaves the top K (see rankByPresentValue). */
  build: PhasedDesign | undefined;
  growth: { rule: string; reason: string }[];
  orderingCents: number;
}

/** The row's pod splits (the design alone below 3 tiers), each priced along the plan; the least present value wins, ties to the smaller design key. */
function priceRow(assessor: Assessor, plan: PhasePlan, order: PhasedOrder, design: Design): PricedRow {
  const ctx = assessor.ctx;
  const shape = shapeOf(ctx, design);
  const designs: Design[] = [design];
  if (!('ok' in shape)) {
    shape.design = design;
    for (const s of podSplitShapes(ctx, shape)) if (compareKeys(designKey(ctx, s.design), designKey(ctx, design)) !== 0) designs.push(s.design);
  }
  const priced: PricedRow = { best: undefined, build: undefined, growth: [], orderingCents: -Infinity };
  for (const d of designs) {
    const g = growInPhases(assessor, d, plan);
    if (!g.ok) {
      priced.growth.push({ rule: g.rule, reason: g.reason });
      continue;
    }
    const a = g.assessment;
    // Pod splits of a row are equal at the final size: any split's ordering objective is the row's.
    priced.orderingCents = orderingObjectiveCents(ctx, a, order);
    a.shape.design = { ...d, tiers: d.tiers.map((t, i) => ({ ...t, downPorts: a.shape.tiers[i].downPorts })) };
    const row: Scored = { ...scoreOf(ctx, a), objectiveCents: g.objectivePresentCents };
    const best = priced.best;
    if (!best || row.objectiveCents < best.objectiveCents || (row.objectiveCents === best.objectiveCents && compareKeys(row.key, best.key) < 0)) {
      priced.best = row;
      priced.build = g;
    }
  }
  return priced;
}

/**
 * Ranks rows (class representatives feasible at the final size) by the present value of their best
 * pod split: the top K and the Pareto front over them. Rows are priced in the order of their
 * ordering objective (phasedOrder), then design key, as the kernel ranks them when asked for that
 * objective (src/engine/phased.ts); the scan stops at the first row whose floor (floorCents) lies
 * above the K-th best present value so far: every later row's ordering objective is at least its
 * own, so no later row can enter the top K (strictly above, so none ties the K-th and wins on its
 * key). The answer is the same whatever order the rows come in, as long as it is complete.
 * - inOrder: the rows already come in that order (the kernel's), so they are not assessed first
 *   to be sorted; a row out of order is a broken engine and throws.
 * - cache: rows priced by an earlier call, by design key (the kernel's widening prices its first
 *   rows again otherwise). A row's build is dropped when it leaves the top K: the top K only gets
 *   better, so it never returns, and a later call, handed the same rows first, holds and drops
 *   the same rows at the same points (the builds of the rows ranked at the end are checked).
 * - maxRows: prices no more than this many rows (MAX_PHASED_ROWS); `unsettled` says the scan
 *   stopped there with rows left and the ranking not complete (the search then stops with
 *   unsettledReason).
 */
export function rankByPresentValue(
  assessor: Assessor, plan: PhasePlan, rows: Design[], topK: number,
  opts: { inOrder?: boolean; cache?: Map<string, PricedRow>; maxRows?: number } = {},
): PhasedRanking & { complete: boolean; unsettled: boolean } {
  const maxRows = opts.maxRows ?? MAX_PHASED_ROWS;
  const ctx = assessor.ctx;
  const growth = new ReasonTally();
  const order = phasedOrder(plan, ctx.scenario.objective);
  const keyed = rows.map((design) => ({ design, key: designKey(ctx, design) }));
  const ordered = opts.inOrder ? keyed : keyed.map((row) => {
    const a = assessor.assess(row.design);
    // A row that fails at the final size is priced first, to have its reason tallied.
    return { ...row, cents: a.ok ? orderingObjectiveCents(ctx, a, order) : -Infinity };
  }).sort((x, y) => x.cents - y.cents || compareKeys(x.key, y.key));
  const top = new TopK(topK);
  // The priced rows the top K holds, by their figures: only these keep their builds.
  const held = new Map<Scored, PricedRow>();
  let complete = false;
  let priced = 0;
  let last = -Infinity;
  for (const row of ordered) {
    if (priced === maxRows) break;
    priced++;
    const k = keyOf(row.key);
    let p = opts.cache?.get(k);
    if (!p) {
      p = priceRow(assessor, plan, order, row.design);
      opts.cache?.set(k, p);
    }
    for (const g of p.growth) growth.add(g.rule, g.reason);
    const r = p.best;
    if (!r) continue;
    if (p.orderingCents < last) throw new Error(`the rows are out of the ordering objective's order at ${k}: ${p.orderingCents} after ${last} cents`);
    last = p.orderingCents;
    const gone = top.offer(r);
    if (gone === r) {
      p.build = undefined;
    } else {
      held.set(r, p);
      if (gone) {
        held.get(gone)!.build = undefined;
        held.delete(gone);
      }
    }
    if (top.items.length === topK && floorCents(order, p.orderingCents) > top.items[topK - 1].objectiveCents) {
      complete = true;
      break;
    }
  }
  const builds = new Map<string, PhasedDesign>();
  for (const r of top.items) {
    const build = held.get(r)?.build;
    if (!build) throw new Error(`row ${keyOf(r.key)} reached the top K without its build: the rows did not begin with the last call's`);
    builds.set(keyOf(r.key), build);
  }
  const pareto = new ParetoFront();
  for (const r of top.items) pareto.offer(r);
  const counts = growth.list().map((x) => ({ rule: x.reason.slice(0, x.reason.indexOf(':')), reason: x.reason.slice(x.reason.indexOf(':') + 2), count: x.count }));
  return { top: top.items, pareto: pareto.sorted(), growth: counts, builds, rows: rows.length, priced, complete, unsettled: !complete && priced < rows.length };
}

/**
 * The result's candidates with their phased builds: the phase summary, and the present value as
 * the objective. The kernel's workers materialize with the search's scenario, whose years are the
 * ordering objective's (phasedOrder), so the running costs are set here from the build's final
 * design, assessed over the objective's own years (the same figures when they were already).
 */
export function withPhases(assessor: Assessor, candidates: Candidate[], builds: Map<string, PhasedDesign>): Candidate[] {
  return candidates.map((c) => {
    const b = builds.get(keyOf(designKey(assessor.ctx, c.design)));
    if (!b) throw new Error(`no phased build for ${c.id}`);
    const phases = summarizePhases(b);
    const a = b.assessment;
    const metrics = {
      ...c.metrics,
      tco: fromCents(a.capexCents + a.energyCents + a.supportCents + a.replacementCents),
      supportCost: fromCents(a.supportCents),
      replacementCost: fromCents(a.replacementCents),
      energyCost: fromCents(a.energyCents),
    };
    return { ...c, metrics, objectiveValue: phases.objectivePresentValue, phases };
  });
}

/** The result document of a phased ranking, materialized here (the reference; the kernel's pool materializes in its workers). */
export function buildPhasedResult(assessor: Assessor, ranking: PhasedRanking, stats: SearchStats): Result {
  const { designs, paretoAt } = resultDesigns(ranking.top, ranking.pareto);
  const phased = { rows: ranking.rows, priced: ranking.priced, kernelRuns: 0 };
  return assembleResult(assessor, withPhases(assessor, materializeDesigns(assessor, designs), ranking.builds), paretoAt, { ...stats, phased });
}

/** The search's rejection tally with the rows that could not grow added (rule growth), ordered as ReasonTally orders. */
export function withGrowth(reasons: { reason: string; count: number }[], growth: { rule: string; reason: string; count: number }[]): { reason: string; count: number }[] {
  if (growth.length === 0) return reasons;
  const t = new ReasonTally();
  t.merge(reasons.map((r) => {
    const i = r.reason.indexOf(': ');
    return { rule: r.reason.slice(0, i), reason: r.reason.slice(i + 2), count: r.count };
  }));
  t.merge(growth);
  return t.list();
}
