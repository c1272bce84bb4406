// Browser entry: the kernel in a pool of module Web Workers (one per hardware thread, at most one
// per shard). The page prepares and merges; the workers only run shards.
import { wrap } from 'comlink';
import type { Catalog } from '../model/catalog';
import type { Scenario } from '../model/scenario';
import type { OptimizeOutcome } from '../topology/optimize';
import { mergeForMaterializing } from './merge';
import { WorkerPool, type PoolProgress, type WorkerHandle } from './pool';
import type { PreparedSearch } from './search';
import type { ShardResult } from './kernel';
import { searchInPhases } from './phased';
import { phasePlanOf } from '../topology/phased-ranking';
import { buildContext, type Context } from '../topology/context';
import { feasibleWith, tryFixes } from '../topology/diagnose';
import type { SearchApi } from './worker-api';
import { analyzeRobustness, type JobRunner, type RobustnessJob, type RobustnessJobResult, type RobustnessOptions, type RobustnessOutcome } from './robustness';

/** Pool progress plus how many workers the run uses. */
export interface KernelProgress extends PoolProgress {
  workers: number;
}

export interface KernelOptions {
  /** Upper bound on workers (default navigator.hardwareConcurrency). */
  workers?: number;
  onProgress?: (p: KernelProgress) => void;
  signal?: AbortSignal;
  prune?: boolean;
}

/** True when this page can compile and run WebAssembly (the kernel's workers inherit the page's CSP). */
export function kernelSupported(): boolean {
  return typeof WebAssembly === 'object' && WebAssembly !== null && typeof WebAssembly.compile === 'function' && typeof Worker === 'function';
}

function spawnBrowserWorker(): WorkerHandle {
  const worker = new Worker(new URL('./search.worker.ts', import.meta.url), { type: 'module', name: 'railyard-search' });
  let terminated = false;
  const dead = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (e) => {
      // Handled here (the pool replaces the worker or fails the run), so not reported as uncaught.
      e.preventDefault();
      reject(new Error(`search worker failed: ${e.message || 'it could not start'}`));
    }, { once: true });
    worker.addEventListener('messageerror', () => reject(new Error('search worker sent a message that could not be read')), { once: true });
  });
  dead.catch(() => {});
  return {
    api: wrap<SearchApi>(worker),
    dead,
    terminate: () => {
      if (terminated) return;
      terminated = true;
      worker.terminate();
    },
  };
}

let pool: WorkerPool | undefined;

/** Terminates the idle workers kept between runs. */
export function shutdownKernelPool(): void {
  pool?.close();
  pool = undefined;
}

/** Workers the pool would use for a plan: never more than there are shards. */
function workersFor(shards: readonly unknown[], requested: number): number {
  return Math.max(1, Math.min(requested, shards.length));
}

/** Optimizes with the WebAssembly kernel in Web Workers; same outcome as the reference optimize(). */
export async function optimizeWithKernel(scenario: Scenario, catalog: Catalog, opts: KernelOptions = {}): Promise<OptimizeOutcome> {
  const started = performance.now();
  if (!kernelSupported()) return { ok: false, reason: 'this browser cannot run WebAssembly, which the search needs' };
  const retry = feasibleWith((s) => optimizeWithKernel(s, catalog, { workers: opts.workers, signal: opts.signal, prune: opts.prune }));
  const plan = phasePlanOf(scenario);
  if (plan) {
    // Growing in phases: the kernel's best rows at the final size, priced along the plan (src/engine/phased.ts).
    // The last run's workers hold its media tables, so they materialize its rows.
    let last: { prepared: PreparedSearch; runPool: WorkerPool } | undefined;
    const outcome = await searchInPhases(scenario, plan, async (inner) => {
      const ran = await runKernel(inner, catalog, opts);
      if ('ok' in ran) return ran;
      const { prepared, shards, workers, runPool } = ran;
      last = { prepared, runPool };
      const merged = mergeForMaterializing(prepared.assessor, prepared.encoding, shards, { elapsedMs: 0, workers }, prepared.prescored);
      return { assessor: prepared.assessor, designs: merged.designs, stats: merged.stats };
    }, (_, designs) => last!.runPool.materialize(last!.prepared, last!.prepared.assessor.ctx.input, catalog, designs));
    if (!outcome.ok) return outcome;
    await tryFixes(buildContext(scenario, catalog) as Context, outcome.result, retry);
    outcome.result.stats.elapsedMs = Math.round(performance.now() - started);
    return outcome;
  }
  const ran = await runKernel(scenario, catalog, opts);
  if ('ok' in ran) return ran;
  const { prepared, shards, workers, runPool } = ran;
  // Materializing the winners is split over the workers too.
  const merged = mergeForMaterializing(prepared.assessor, prepared.encoding, shards, { elapsedMs: 0, workers }, prepared.prescored);
  const result = merged.assemble(await runPool.materialize(prepared, scenario, catalog, merged.designs));
  await tryFixes(prepared.assessor.ctx, result, retry);
  result.stats.elapsedMs = Math.round(performance.now() - started);
  return { ok: true, result };
}

/**
 * Prepares a search and runs its shards on the pool's Web Workers, or says why it cannot run. The
 * media tables, most of a large cluster's encoding, are computed by the workers meanwhile (WorkerPool.prepare).
 */
async function runKernel(scenario: Scenario, catalog: Catalog, opts: KernelOptions):
  Promise<{ prepared: PreparedSearch; shards: ShardResult[]; workers: number; runPool: WorkerPool } | { ok: false; reason: string }> {
  const requested = Math.max(1, Math.floor(opts.workers ?? (navigator.hardwareConcurrency || 2)));
  const runPool = (pool ??= new WorkerPool(spawnBrowserWorker));
  const begun = runPool.prepare(scenario, catalog, requested, { signal: opts.signal });
  if ('ok' in begun) return begun;
  const { prepared, media } = begun;
  const workers = workersFor(prepared.shards, requested);
  const onProgress = opts.onProgress;
  onProgress?.({ evaluated: 0, total: 0, bestObjective: null, workers });
  try {
    const shards = await runPool.run(prepared, {
      workers,
      prune: opts.prune,
      onProgress: onProgress && ((p) => onProgress({ ...p, workers })),
      signal: opts.signal,
      media,
    });
    return { prepared, shards, workers, runPool };
  } catch (err) {
    // The pool terminated the busy workers; after a cancel or a failure, end the idle ones too,
    // so nothing of the run is left behind (the next run starts fresh workers).
    runPool.close();
    throw err;
  }
}

let analyses = 0;

/**
 * The robustness analysis (src/engine/robustness.ts) in Web Workers, one price set per job; the
 * report has the same bytes for any worker count. Cancel ends the busy workers.
 */
export async function robustnessWithKernel(scenario: Scenario, catalog: Catalog, opts: RobustnessOptions & { workers?: number } = {}): Promise<RobustnessOutcome> {
  if (!kernelSupported()) return { ok: false, reason: 'this browser cannot run WebAssembly, which the analysis needs' };
  const workers = Math.max(1, Math.floor(opts.workers ?? (navigator.hardwareConcurrency || 2)));
  const runPool = (pool ??= new WorkerPool(spawnBrowserWorker));
  const runKey = `robustness-${Date.now()}-${++analyses}`;
  const runner: JobRunner = {
    run: (jobs: RobustnessJob[], o) => runPool.runJobs<RobustnessJob, RobustnessJobResult>(jobs, {
      workers,
      setup: (api) => api.robustnessSetup(runKey, scenario, catalog),
      run: (api, job) => api.robustnessJob(runKey, job),
      onDone: o.onDone && (() => o.onDone!()),
      signal: o.signal,
    }),
  };
  try {
    return await analyzeRobustness(scenario, catalog, runner, opts);
  } catch (err) {
    // After a cancel or a failure nothing of the analysis is left running.
    runPool.close();
    throw err;
  }
}
