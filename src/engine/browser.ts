// Browser entry: the kernel in a pool of Web Workers (one per hardware thread).
import { wrap } from 'comlink';
import type { Catalog } from '../model/catalog';
import type { Scenario } from '../model/scenario';
import type { OptimizeOutcome } from '../topology/optimize';
import { mergeShards } from './merge';
import { WorkerPool, type PoolProgress, type WorkerHandle } from './pool';
import { prepareSearch } from './search';
import type { SearchApi } from './worker-api';

export interface KernelOptions {
  workers?: number;
  onProgress?: (p: PoolProgress) => void;
  signal?: AbortSignal;
  prune?: boolean;
}

function spawnBrowserWorker(): WorkerHandle {
  const worker = new Worker(new URL('./search.worker.ts', import.meta.url), { type: 'module' });
  const dead = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (e) => reject(new Error(`search worker failed: ${e.message || 'could not start'}`)), { once: true });
  });
  dead.catch(() => {});
  return { api: wrap<SearchApi>(worker), dead, terminate: () => worker.terminate() };
}

let pool: WorkerPool | undefined;

/** Optimizes with the WebAssembly kernel in Web Workers; same outcome as the reference optimize(). */
export async function optimizeWithKernel(scenario: Scenario, catalog: Catalog, opts: KernelOptions = {}): Promise<OptimizeOutcome> {
  const started = performance.now();
  if (typeof WebAssembly !== 'object') return { ok: false, reason: 'this browser cannot run WebAssembly, which the search needs' };
  const prepared = prepareSearch(scenario, catalog);
  if ('ok' in prepared) return prepared;
  const workers = Math.max(1, opts.workers ?? (navigator.hardwareConcurrency || 2));
  pool ??= new WorkerPool(spawnBrowserWorker);
  const shards = await pool.run(prepared, { workers, prune: opts.prune, onProgress: opts.onProgress, signal: opts.signal });
  const result = mergeShards(prepared.assessor, prepared.encoding, shards, { elapsedMs: 0, workers });
  result.stats.elapsedMs = Math.round(performance.now() - started);
  return { ok: true, result };
}
