// The kernel's search when the cluster grows in phases: the kernel ranks designs at the final size
// by the ordering objective (src/topology/phased-ranking.ts phasedOrder: for TCO, running costs
// over the years w_K / f_K that make f_K times it a floor under the present value), exactly; the
// present value along the plan is priced here, in TypeScript, by the reference's own code, for the
// kernel's best rows. The ranking is exact once no row past them can reach the K-th best present
// value; until then the kernel runs again for four times the rows, up to one past MAX_PHASED_ROWS
// (the reference prices no more either: past that, both stop with the same reason).
import type { PhasePlan } from '../model/phase-plan';
import type { Candidate, Result, SearchStats } from '../model/result';
import type { Scenario } from '../model/scenario';
import { Assessor } from '../topology/assess';
import { assembleResult, resultDesigns, type ResultDesign } from '../topology/optimize';
import { MAX_PHASED_ROWS, phasedOrder, rankByPresentValue, unsettledReason, withGrowth, withPhases, type PricedRow } from '../topology/phased-ranking';

/** Rows asked of the kernel first: enough that most plans need one run. */
export function firstAsk(topK: number): number {
  return Math.max(32, 4 * topK);
}

/** One final-size search of the kernel for `inner` (the scenario asking for more rows, by the ordering objective): its assessor, ranked rows first, and statistics. */
export type FinalSearch = (inner: Scenario) => Promise<{ assessor: Assessor; designs: ResultDesign[]; stats: SearchStats } | { ok: false; reason: string }>;

/** The scenario the kernel searches for `rows` rows: the user's, ranking by the ordering objective. */
export function innerScenario(scenario: Scenario, plan: PhasePlan, rows: number): Scenario {
  const { years } = phasedOrder(plan, scenario.objective);
  return { ...scenario, search: { ...scenario.search, topK: rows }, objective: { ...scenario.objective, years } };
}

/**
 * An assessor for the user's scenario sharing the kernel search's context: the two differ only in
 * the objective's years and the rows asked, which no other part of the context depends on.
 */
function userAssessor(inner: Assessor, scenario: Scenario): Assessor {
  const ctx = inner.ctx;
  const objective = { ...ctx.scenario.objective, years: scenario.objective.years };
  return new Assessor({ ...ctx, scenario: { ...ctx.scenario, objective, search: { ...ctx.scenario.search, topK: scenario.search.topK } }, input: scenario });
}

/**
 * Runs the final-size search with more rows until the present-value ranking is complete, then
 * materializes the ranked rows (and the Pareto front over them) with `materialize`, which is
 * given the user's scenario's assessor (the candidates' running costs are set from it either way,
 * see withPhases). Stops with unsettledReason when the ranking is not complete after `maxRows`
 * rows priced, as the reference does (its last ask is maxRows + 1 rows, to tell "exactly
 * maxRows rows" from "more").
 */
export async function searchInPhases(
  scenario: Scenario, plan: PhasePlan, search: FinalSearch,
  materialize: (assessor: Assessor, designs: ResultDesign[]) => Promise<Candidate[]>,
  maxRows = MAX_PHASED_ROWS,
): Promise<{ ok: true; result: Result } | { ok: false; reason: string }> {
  const topK = scenario.search.topK;
  let assessor: Assessor | undefined;
  let kernelRuns = 0;
  // Rows priced by earlier runs: each run's rows begin with the last run's.
  const cache = new Map<string, PricedRow>();
  const most = maxRows + 1;
  for (let asked = Math.min(firstAsk(topK), most); ; asked = Math.min(4 * asked, most)) {
    const found = await search(innerScenario(scenario, plan, asked));
    if ('ok' in found) return found;
    kernelRuns++;
    assessor ??= userAssessor(found.assessor, scenario);
    const rows = found.designs.filter((d) => d.rank !== null).map((d) => d.design);
    const ranking = rankByPresentValue(assessor, plan, rows, topK, { inOrder: true, cache, maxRows });
    if (ranking.unsettled) return { ok: false, reason: unsettledReason(plan, scenario.objective, maxRows) };
    // Complete when a row's floor passed the K-th best, or the kernel had no more rows to give.
    if (!ranking.complete && rows.length === asked) continue;
    const stats: SearchStats = {
      ...found.stats,
      infeasibleReasons: withGrowth(found.stats.infeasibleReasons, ranking.growth),
      phased: { rows: rows.length, priced: ranking.priced, kernelRuns },
    };
    const { designs, paretoAt } = resultDesigns(ranking.top, ranking.pareto);
    const candidates = withPhases(assessor, await materialize(assessor, designs), ranking.builds);
    const result = assembleResult(assessor, candidates, paretoAt, stats);
    // The scenario as the user wrote it, not the one asking the kernel for more rows.
    result.scenario = scenario;
    return { ok: true, result };
  }
}
