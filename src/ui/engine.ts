import { proxy, releaseProxy, wrap } from 'comlink';
import { kernelSupported, optimizeWithKernel } from '../engine/browser';
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

/** Shown while the page has to fall back to the reference engine. */
export const NO_WASM_NOTICE = 'WebAssembly unavailable: using the slower reference engine';

export type EngineKind = 'kernel' | 'reference';

/** The engine runs use in this page: the WebAssembly kernel, or the reference one where WebAssembly is unavailable. */
export function engineKind(): EngineKind {
  return kernelSupported() ? 'kernel' : 'reference';
}

/** Workers a run starts with before the engine knows its plan (progress reports the real number). */
export function initialWorkers(): number {
  return engineKind() === 'kernel' ? Math.max(1, navigator.hardwareConcurrency || 2) : 1;
}

const describe = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * The one place the page calls the search engine, never on the main thread: the WebAssembly kernel
 * in a pool of module workers (one per hardware thread). Aborting the signal terminates the
 * workers, which is the only way to stop a synchronous search. Where WebAssembly is unavailable,
 * the reference optimizer runs in one worker instead.
 */
export async function runOptimize(
  scenario: Scenario,
  catalog: Catalog,
  onProgress: (p: EngineProgress) => void,
  signal: AbortSignal,
): Promise<OptimizeOutcome> {
  if (signal.aborted) return { ok: false, reason: CANCELLED };
  if (engineKind() === 'reference') return runReference(scenario, catalog, onProgress, signal);
  let settled = false;
  try {
    const outcome = await optimizeWithKernel(scenario, catalog, {
      signal,
      onProgress: (p) => {
        if (!settled && !signal.aborted) onProgress(p);
      },
    });
    return signal.aborted ? { ok: false, reason: CANCELLED } : outcome;
  } catch (err) {
    if (signal.aborted || (err instanceof Error && err.name === 'AbortError')) return { ok: false, reason: CANCELLED };
    return { ok: false, reason: `the search failed: ${describe(err)}` };
  } finally {
    settled = true;
  }
}

/** The reference optimizer in one module worker (the fallback without WebAssembly). */
function runReference(
  scenario: Scenario,
  catalog: Catalog,
  onProgress: (p: EngineProgress) => void,
  signal: AbortSignal,
): Promise<OptimizeOutcome> {
  const worker = new Worker(new URL('./reference.worker.ts', import.meta.url), { type: 'module', name: 'railyard-reference-search' });
  const remote = wrap<ReferenceWorkerApi>(worker);
  return new Promise<OptimizeOutcome>((resolve) => {
    let settled = false;
    const progress = proxy((p: Progress) => {
      if (!settled) onProgress({ ...p, workers: 1 });
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
      (err: unknown) => finish({ ok: false, reason: `the search failed: ${describe(err)}` }),
    );
  });
}
