import type { Candidate, Design, Result, SearchStats } from '../model/result';
import type { PhasePlan } from '../model/phase-plan';
import type { Scenario } from '../model/scenario';
import type { Assessor } from './assess';
import { assembleResult, materializeDesigns, ParetoFront, ReasonTally, resultDesigns, scoreOf, TopK, type Scored } from './optimize';
import { discountFactor, growInPhases, runningWeight, summarizePhases, type PhasedDesign } from './phases';
import { podSplitShapes } from './pod-splits';
import { compareKeys, designKey, shapeOf } from './shape';

/**
 * Ranking by present value when the cluster grows in phases (docs/phases.md). Both engines find
 * the designs feasible at the final size and their objective there (one row per class, see
 * classKey); this module prices each row along the plan (src/topology/phases.ts) and ranks by the
 * present value of its objective:
 * - the reference hands it every row (exhaustive);
 * - the kernel hands it its best M rows by the final objective, and the ranking is exact once no
 *   row past them can reach the K-th best present value (presentValueFloor); else the kernel runs
 *   again with more rows (src/engine/phased.ts).
 * A row's present value is that of its best pod split: splits equal at the final size are not
 * equal in phases (a smaller pod defers its spines), so the row shows the split that costs least
 * today. The Pareto front is taken over the ranked rows, on (present value, oversubscription, power).
 */

/** The scenario's phase plan, or undefined when it is built at once (no cluster.phases). */
export function phasePlanOf(s: Scenario): PhasePlan | undefined {
  return s.cluster.phases ? { phases: s.cluster.phases, discountRatePct: s.objective.discountRatePct } : undefined;
}

/**
 * A floor under any design's present value from its objective at the final size: PV >= factor x
 * objective - slackCents. Every phase's capex is discounted by at least the last phase's factor,
 * every phase's running costs by at least the last phase's running weight (per year of the
 * horizon), and each phase rounds each of its four money terms once (half a cent each), so
 * factor = min(f_K, w_K / years) (f_K alone for capex) and the slack covers the roundings.
 */
export function presentValueFloor(plan: PhasePlan, objective: Scenario['objective']): { factor: number; slackCents: number } {
  const K = plan.phases.length;
  const lastMonth = plan.phases[K - 1].month;
  const fK = discountFactor(lastMonth, plan.discountRatePct);
  let factor = fK;
  if (objective.minimize === 'tco' && objective.years > 0) factor = Math.min(fK, runningWeight(lastMonth / 12, objective.years, plan.discountRatePct) / objective.years);
  return { factor, slackCents: 2 * K + 3 };
}

export interface PhasedRow extends Scored {
  build: PhasedDesign;
  /** The row's objective at the final size (what the engines rank rows by). */
  finalObjectiveCents: number;
}

export interface PhasedRanking {
  top: PhasedRow[];
  pareto: PhasedRow[];
  /** Rows whose design could not be grown along the plan (rule growth), tallied like the search's rejections. */
  growth: { rule: string; reason: string; count: number }[];
  /** Builds by design key, for the candidates the result shows. */
  builds: Map<string, PhasedDesign>;
}

const keyOf = (k: number[]) => k.join(',');

/** The row's pod splits (the design alone below 3 tiers), each priced along the plan; the least present value wins, ties to the smaller design key. */
function bestSplit(assessor: Assessor, plan: PhasePlan, design: Design, growth: ReasonTally): PhasedRow | undefined {
  const ctx = assessor.ctx;
  const shape = shapeOf(ctx, design);
  const designs: Design[] = [design];
  if (!('ok' in shape)) {
    shape.design = design;
    for (const s of podSplitShapes(ctx, shape)) if (compareKeys(designKey(ctx, s.design), designKey(ctx, design)) !== 0) designs.push(s.design);
  }
  let best: PhasedRow | undefined;
  for (const d of designs) {
    const g = growInPhases(assessor, d, plan);
    if (!g.ok) {
      growth.add(g.rule, g.reason);
      continue;
    }
    const a = g.assessment;
    a.shape.design = { ...d, tiers: d.tiers.map((t, i) => ({ ...t, downPorts: a.shape.tiers[i].downPorts })) };
    const row: PhasedRow = { ...scoreOf(ctx, a), objectiveCents: g.objectivePresentCents, build: g, finalObjectiveCents: a.objectiveCents };
    if (!best || row.objectiveCents < best.objectiveCents || (row.objectiveCents === best.objectiveCents && compareKeys(row.key, best.key) < 0)) best = row;
  }
  return best;
}

/**
 * Ranks rows (class representatives feasible at the final size, in the engines' order: objective at
 * the final size, then design key) by the present value of their best pod split: the top K and the
 * Pareto front over them. Stops at the first row whose objective floor (presentValueFloor) lies
 * above the K-th best present value so far: every later row's objective is at least its own, so
 * no later row can enter the top K (strictly above, so none ties the K-th and wins on its key).
 */
export function rankByPresentValue(assessor: Assessor, plan: PhasePlan, rows: Design[], topK: number): PhasedRanking & { complete: boolean } {
  const growth = new ReasonTally();
  const { factor, slackCents } = presentValueFloor(plan, assessor.ctx.scenario.objective);
  const top = new TopK(topK);
  const builds = new Map<string, PhasedDesign>();
  let complete = false;
  for (const d of rows) {
    const r = bestSplit(assessor, plan, d, growth);
    if (!r) continue;
    top.offer(r);
    builds.set(keyOf(r.key), r.build);
    const floor = factor * r.finalObjectiveCents - slackCents - 1e-9 * r.finalObjectiveCents;
    if (top.items.length === topK && floor > top.items[topK - 1].objectiveCents) {
      complete = true;
      break;
    }
  }
  const pareto = new ParetoFront();
  for (const r of top.items) pareto.offer(r);
  const counts = growth.list().map((x) => ({ rule: x.reason.slice(0, x.reason.indexOf(':')), reason: x.reason.slice(x.reason.indexOf(':') + 2), count: x.count }));
  return { top: top.items as PhasedRow[], pareto: pareto.sorted() as PhasedRow[], growth: counts, builds, complete };
}

/** The result's candidates with their phased builds: the phase summary, and the present value as the objective. */
export function withPhases(assessor: Assessor, candidates: Candidate[], builds: Map<string, PhasedDesign>): Candidate[] {
  return candidates.map((c) => {
    const b = builds.get(keyOf(designKey(assessor.ctx, c.design)));
    if (!b) throw new Error(`no phased build for ${c.id}`);
    const phases = summarizePhases(b);
    return { ...c, objectiveValue: phases.objectivePresentValue, phases };
  });
}

/** The result document of a phased ranking, materialized here (the reference; the kernel's pool materializes in its workers). */
export function buildPhasedResult(assessor: Assessor, ranking: PhasedRanking, stats: SearchStats): Result {
  const { designs, paretoAt } = resultDesigns(ranking.top, ranking.pareto);
  return assembleResult(assessor, withPhases(assessor, materializeDesigns(assessor, designs), ranking.builds), paretoAt, stats);
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
