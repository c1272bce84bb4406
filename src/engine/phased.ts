// The kernel's search when the cluster grows in phases: the kernel ranks designs by their objective
// at the final size, exactly; the present value along the plan is priced here, in TypeScript, by
// the reference's own code (src/topology/phased-ranking.ts), for the kernel's best rows. The
// ranking is exact once no row past them can reach the K-th best present value; until then the
// kernel runs again for four times the rows.
import type { PhasePlan } from '../model/phase-plan';
import type { Candidate, Result, SearchStats } from '../model/result';
import type { Scenario } from '../model/scenario';
import type { Assessor } from '../topology/assess';
import { assembleResult, resultDesigns, type ResultDesign } from '../topology/optimize';
import { rankByPresentValue, withGrowth, withPhases } from '../topology/phased-ranking';

/** Rows asked of the kernel first: enough that most plans need one run. */
export function firstAsk(topK: number): number {
  return Math.max(32, 4 * topK);
}

/** One final-size search of the kernel for `inner` (the scenario asking for more rows): its assessor, ranked rows first, and statistics. */
export type FinalSearch = (inner: Scenario) => Promise<{ assessor: Assessor; designs: ResultDesign[]; stats: SearchStats } | { ok: false; reason: string }>;

/**
 * Runs the final-size search with more rows until the present-value ranking is complete, then
 * materializes the ranked rows (and the Pareto front over them) with `materialize`.
 */
export async function searchInPhases(
  scenario: Scenario, plan: PhasePlan, search: FinalSearch,
  materialize: (assessor: Assessor, designs: ResultDesign[]) => Promise<Candidate[]>,
): Promise<{ ok: true; result: Result } | { ok: false; reason: string }> {
  const topK = scenario.search.topK;
  for (let asked = firstAsk(topK); ; asked *= 4) {
    const inner: Scenario = { ...scenario, search: { ...scenario.search, topK: asked } };
    const found = await search(inner);
    if ('ok' in found) return found;
    const rows = found.designs.filter((d) => d.rank !== null).map((d) => d.design);
    const ranking = rankByPresentValue(found.assessor, plan, rows, topK);
    // Complete when a row's floor passed the K-th best, or the kernel had no more rows to give.
    if (!ranking.complete && rows.length === asked) continue;
    const stats = { ...found.stats, infeasibleReasons: withGrowth(found.stats.infeasibleReasons, ranking.growth) };
    const { designs, paretoAt } = resultDesigns(ranking.top, ranking.pareto);
    const candidates = withPhases(found.assessor, await materialize(found.assessor, designs), ranking.builds);
    const result = assembleResult(found.assessor, candidates, paretoAt, stats);
    // The scenario as the user wrote it, not the one asking the kernel for more rows.
    result.scenario = scenario;
    return { ok: true, result };
  }
}
