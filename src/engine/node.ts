// Node entry: the kernel in a pool of worker_threads (one per core), results materialized by the
// reference's buildResult. The built CLI bundles the worker as JavaScript (scripts/build-cli.mjs);
// run from source (tests, scripts), search.node-worker.mjs loads the TypeScript worker through tsx.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { wrap } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { Catalog } from '../model/catalog';
import type { Scenario } from '../model/scenario';
import type { OptimizeOutcome } from '../topology/optimize';
import { mergeForMaterializing } from './merge';
import { WorkerPool, type PoolProgress, type ShardTiming, type WorkerHandle } from './pool';
import type { PreparedSearch } from './search';
import type { ShardResult } from './kernel';
import { searchInPhases } from './phased';
import { phasePlanOf } from '../topology/phased-ranking';
import { buildContext, type Context } from '../topology/context';
import { feasibleWith, tryFixes } from '../topology/diagnose';
import { nodeKernelModule } from './wasm-node';
import type { SearchApi, WorkerFault } from './worker-api';
import { analyzeRobustness, type JobRunner, type RobustnessJob, type RobustnessJobResult, type RobustnessOptions, type RobustnessOutcome } from './robustness';

export interface KernelOptions {
  workers?: number;
  onProgress?: (p: PoolProgress) => void;
  signal?: AbortSignal;
  /** Skip branches that bounds prove cannot matter (default true); false evaluates every design. */
  prune?: boolean;
  /** Test hook: faults for the first workers this run starts. */
  faults?: WorkerFault[];
  /**
   * Filled with when the workers worked: from their first job (encoding parts) to the last shard, and
   * while they materialize the winners. The benchmark's serial time is the rest.
   */
  timing?: ShardTiming;
}

const WORKER_URL = new URL('./search.node-worker.mjs', import.meta.url);

/** One Node search worker as the kernel pool uses it (tests that drive a WorkerPool directly use it too). */
export function spawnNodeWorker(): WorkerHandle {
  const worker = new Worker(WORKER_URL, { execArgv: [] });
  const dead = new Promise<never>((_, reject) => {
    worker.once('error', (e) => reject(e instanceof Error ? e : new Error(String(e))));
    worker.once('exit', (code) => reject(new Error(`search worker exited with code ${code}`)));
  });
  dead.catch(() => {});
  return {
    api: wrap<SearchApi>(nodeEndpoint(worker)),
    dead,
    terminate: () => void worker.terminate(),
    hold: (busy) => (busy ? worker.ref() : worker.unref()),
  };
}

let pool: WorkerPool | undefined;

/** Stops the shared worker pool (tests and tools that want a prompt exit). */
export function shutdownKernelPool(): void {
  pool?.close();
  pool = undefined;
}

/** Optimizes with the WebAssembly kernel on worker_threads; same outcome as the reference optimize(). */
export async function optimizeWithKernel(scenario: Scenario, catalog: Catalog, opts: KernelOptions = {}): Promise<OptimizeOutcome> {
  const started = performance.now();
  const workers = Math.max(1, opts.workers ?? availableParallelism());
  const plan = phasePlanOf(scenario);
  if (plan) {
    // Growing in phases: the kernel's best rows at the final size, priced along the plan (src/engine/phased.ts).
    // The last run's workers hold its media tables, so they materialize its rows.
    let lastPrepared: PreparedSearch | undefined;
    const outcome = await searchInPhases(scenario, plan, async (inner) => {
      const ran = await runKernel(inner, catalog, workers, opts);
      if ('ok' in ran) return ran;
      const { prepared, shards } = ran;
      lastPrepared = prepared;
      const merged = mergeForMaterializing(prepared.assessor, prepared.encoding, shards, { elapsedMs: 0, workers }, prepared.prescored);
      return { assessor: prepared.assessor, designs: merged.designs, stats: merged.stats };
    }, (_, designs) => pool!.materialize(lastPrepared!, lastPrepared!.assessor.ctx.input, catalog, designs));
    if (!outcome.ok) return outcome;
    await tryFixes(buildContext(scenario, catalog) as Context, outcome.result, feasibleWith((s) => optimizeWithKernel(s, catalog, { workers, prune: opts.prune })));
    outcome.result.stats.elapsedMs = Math.round(performance.now() - started);
    return outcome;
  }
  const ran = await runKernel(scenario, catalog, workers, opts);
  if ('ok' in ran) return ran;
  const { prepared, shards } = ran;
  // Materializing the winners (BOM, racks, metrics per candidate) is split over the workers too.
  const merged = mergeForMaterializing(prepared.assessor, prepared.encoding, shards, { elapsedMs: 0, workers }, prepared.prescored);
  const materializeStart = performance.now();
  const candidates = await pool!.materialize(prepared, scenario, catalog, merged.designs);
  if (opts.timing) opts.timing.materialize = [materializeStart, performance.now()];
  const result = merged.assemble(candidates);
  await tryFixes(prepared.assessor.ctx, result, feasibleWith((s) => optimizeWithKernel(s, catalog, { workers, prune: opts.prune })));
  result.stats.elapsedMs = Math.round(performance.now() - started);
  return { ok: true, result };
}

/**
 * Prepares a search and runs its shards on the pool, or says why it cannot run. The media tables,
 * most of a large cluster's encoding, are computed by the workers meanwhile (WorkerPool.prepare).
 */
async function runKernel(scenario: Scenario, catalog: Catalog, workers: number, opts: KernelOptions): Promise<{ prepared: PreparedSearch; shards: ShardResult[] } | { ok: false; reason: string }> {
  // Compile the kernel here first: a missing or corrupt file then fails with one message naming it
  // (KernelFileError), not with every worker's error after the pool gives up.
  await nodeKernelModule();
  pool ??= new WorkerPool(spawnNodeWorker);
  const begun = pool.prepare(scenario, catalog, workers, { signal: opts.signal });
  if ('ok' in begun) return begun;
  const shards = await pool.run(begun.prepared, { workers, prune: opts.prune, onProgress: opts.onProgress, signal: opts.signal, faults: opts.faults, timing: opts.timing, media: begun.media });
  return { prepared: begun.prepared, shards };
}

let analyses = 0;

/** A job runner on a worker pool: every worker is set up once with the analysis's scenario and catalog. */
export function poolRunner(runPool: WorkerPool, scenario: Scenario, catalog: Catalog, workers: number): JobRunner {
  const runKey = `robustness-${Date.now()}-${++analyses}`;
  return {
    run: (jobs: RobustnessJob[], opts) => runPool.runJobs<RobustnessJob, RobustnessJobResult>(jobs, {
      workers,
      setup: (api) => api.robustnessSetup(runKey, scenario, catalog),
      run: (api, job) => api.robustnessJob(runKey, job),
      onDone: opts.onDone && (() => opts.onDone!()),
      signal: opts.signal,
    }),
  };
}

/**
 * The robustness analysis (src/engine/robustness.ts) on worker_threads, one price set per job;
 * the report has the same bytes for any worker count.
 */
export async function robustnessWithKernel(scenario: Scenario, catalog: Catalog, opts: RobustnessOptions & { workers?: number } = {}): Promise<RobustnessOutcome> {
  const workers = Math.max(1, opts.workers ?? availableParallelism());
  await nodeKernelModule();
  pool ??= new WorkerPool(spawnNodeWorker);
  return analyzeRobustness(scenario, catalog, poolRunner(pool, scenario, catalog, workers), opts);
}
