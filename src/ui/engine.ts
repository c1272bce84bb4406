import { proxy, releaseProxy, wrap } from 'comlink';
import type { Catalog } from '../model/catalog';
import type { Scenario } from '../model/scenario';
import type { OptimizeOutcome, Progress } from '../topology/optimize';
import type { ReferenceWorkerApi } from './reference.worker';

/** Progress of a run as the UI shows it. */
export interface EngineProgress extends Progress {
  /** Workers searching right now. */
  workers: number;
}

export type { OptimizeOutcome };

/** The reason a cancelled run resolves with; the UI tells it apart from a failure. */
export const CANCELLED = 'cancelled';

/** Workers the current engine uses for one run. */
export const ENGINE_WORKERS = 1;

/**
 * The one place the page calls the search engine. Runs the reference optimizer in a module Web
 * Worker (never on the main thread); aborting the signal terminates the worker, which is the only
 * way to stop a synchronous search.
 */
export function runOptimize(
  scenario: Scenario,
  catalog: Catalog,
  onProgress: (p: EngineProgress) => void,
  signal: AbortSignal,
): Promise<OptimizeOutcome> {
  if (signal.aborted) return Promise.resolve({ ok: false, reason: CANCELLED });
  const worker = new Worker(new URL('./reference.worker.ts', import.meta.url), { type: 'module', name: 'railyard-search' });
  const remote = wrap<ReferenceWorkerApi>(worker);
  return new Promise<OptimizeOutcome>((resolve) => {
    let settled = false;
    const progress = proxy((p: Progress) => {
      if (!settled) onProgress({ ...p, workers: ENGINE_WORKERS });
    });
    const finish = (outcome: OptimizeOutcome) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      remote[releaseProxy]();
      worker.terminate();
      resolve(outcome);
    };
    const onAbort = () => finish({ ok: false, reason: CANCELLED });
    signal.addEventListener('abort', onAbort, { once: true });
    worker.addEventListener('error', (e) => {
      e.preventDefault();
      finish({ ok: false, reason: `the search worker stopped: ${e.message || 'it could not start'}` });
    });
    remote.optimize(scenario, catalog, progress).then(
      (outcome) => finish(outcome),
      (err: unknown) => finish({ ok: false, reason: `the search failed: ${err instanceof Error ? err.message : String(err)}` }),
    );
  });
}
