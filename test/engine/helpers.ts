import type { Result } from '../../src/model/result';

/** Result JSON without the fields that legitimately differ between engines and runs. */
export function comparable(r: Result, opts: { pruned: boolean }): string {
  const copy = structuredClone(r) as { stats: Partial<Result['stats']> };
  delete copy.stats.elapsedMs;
  delete copy.stats.engine;
  delete copy.stats.evaluated;
  delete copy.stats.pruned;
  delete copy.stats.workers;
  if (opts.pruned) {
    // Pruned designs are never assessed, so only evaluated designs are tallied.
    delete copy.stats.feasible;
    delete copy.stats.infeasible;
    delete copy.stats.infeasibleReasons;
  }
  return JSON.stringify(copy);
}

/** Result JSON minus what may differ between runs of the same engine (timing, worker count). */
export function runBytes(r: Result): string {
  const copy = structuredClone(r);
  copy.stats.elapsedMs = 0;
  copy.stats.workers = 0;
  return JSON.stringify(copy);
}
