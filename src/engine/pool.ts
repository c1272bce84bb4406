// A pool of search workers, each with its own kernel. Shards wait in a queue and idle workers pull
// them; results are kept by shard index, so the merge (and the answer) does not depend on how many
// workers ran or in which order shards finished. Cancel terminates workers (a synchronous
// WebAssembly loop cannot be interrupted otherwise); crashed workers are replaced and their shard
// re-run; a run whose workers cannot start at all fails with the workers' error.
import { proxy, type Remote } from 'comlink';
import * as L from '../../assembly/layout';
import { NO_SEED, type Seed, type ShardResult } from './kernel';
import { planWaves, seedFrom } from './merge';
import type { SearchApi, WorkerFault } from './worker-api';
import type { PreparedSearch } from './search';

export interface WorkerHandle {
  api: Remote<SearchApi>;
  /** Rejects when the worker dies (error event or exit). */
  dead: Promise<never>;
  terminate(): void;
  /** Node: keep the process alive only while a run uses the worker. */
  hold?(busy: boolean): void;
}

export type SpawnWorker = () => WorkerHandle;

export interface PoolProgress {
  /** Designs covered so far (evaluated or pruned). */
  evaluated: number;
  /** Designs in the space: exact once every shard finished, estimated from shard weights before. */
  total: number;
  /** Best objective found so far, in currency units (as the reference reports it). */
  bestObjective: number | null;
}

export interface PoolRunOptions {
  workers: number;
  prune?: boolean;
  onProgress?: (p: PoolProgress) => void;
  signal?: AbortSignal;
  /** Test hook: faults injected into the first workers spawned for this run, in order. */
  faults?: WorkerFault[];
}

export class CancelledError extends Error {
  constructor() {
    super('search cancelled');
    this.name = 'AbortError';
  }
}

const PROGRESS_EVERY_MS = 80;
const MAX_START_FAILURES = 3;
const MAX_SHARD_ATTEMPTS = 3;

export class WorkerPool {
  private idle: WorkerHandle[] = [];

  constructor(private readonly spawn: SpawnWorker) {}

  /** Terminates every idle worker. */
  close(): void {
    for (const w of this.idle.splice(0)) w.terminate();
  }

  async run(prepared: PreparedSearch, opts: PoolRunOptions): Promise<ShardResult[]> {
    const { shards, encoding } = prepared;
    const signal = opts.signal;
    if (signal?.aborted) throw new CancelledError();
    if (typeof WebAssembly !== 'object') throw new Error('WebAssembly is not available in this environment; the search kernel cannot run');
    const results: (ShardResult | undefined)[] = shards.map(() => undefined);
    const queue: number[] = [];
    let seed: Seed = NO_SEED;
    const attempts = shards.map(() => 0);
    const inFlight = new Map<number, number>(); // shard -> designs covered so far
    const faults = [...(opts.faults ?? [])];
    const active = new Set<WorkerHandle>();
    const weights = shards.map(([b0, b1]) => {
      let w = 0;
      for (let b = b0; b < b1; b++) w += encoding.branchWeights[b];
      return w;
    });
    const totalWeight = weights.reduce((a, b) => a + b, 0) || 1;
    let best: number | null = null;
    let failure: Error | undefined;
    let startFailures = 0;

    const report = () => {
      if (!opts.onProgress) return;
      let done = 0;
      let exactSpace = 0;
      let doneWeight = 0;
      results.forEach((r, i) => {
        if (!r) return;
        done += r.spaceSize;
        exactSpace += r.spaceSize;
        doneWeight += weights[i];
      });
      for (const d of inFlight.values()) done += d;
      const remaining = totalWeight - doneWeight;
      const perWeight = doneWeight > 0 ? exactSpace / doneWeight : 1;
      const total = Math.max(done, Math.round(exactSpace + remaining * perWeight));
      opts.onProgress({ evaluated: done, total, bestObjective: best === null ? null : best / 100 });
    };
    const timer = opts.onProgress ? setInterval(report, PROGRESS_EVERY_MS) : undefined;
    const progressProxy = proxy((shard: number, done: number) => {
      if (inFlight.has(shard)) inFlight.set(shard, done);
    });

    let cancel: () => void = () => {};
    const cancelled = new Promise<never>((_, reject) => {
      cancel = () => reject(new CancelledError());
    });
    cancelled.catch(() => {});
    const onAbort = () => {
      for (const w of active) w.terminate();
      active.clear();
      cancel();
    };
    signal?.addEventListener('abort', onAbort, { once: true });

    const startWorker = async (): Promise<WorkerHandle | undefined> => {
      while (!failure && !signal?.aborted) {
        const fault = faults.shift();
        const w = fault === undefined && this.idle.length ? this.idle.pop()! : this.spawn();
        active.add(w);
        w.hold?.(true);
        try {
          await Promise.race([w.api.init(encoding.input, { fault }), w.dead, cancelled]);
          await Promise.race([w.api.setProgress(progressProxy), w.dead, cancelled]);
          startFailures = 0;
          return w;
        } catch (e) {
          active.delete(w);
          w.terminate();
          if (signal?.aborted) return undefined;
          if (++startFailures >= MAX_START_FAILURES)
            failure = new Error(`search workers could not start: ${(e as Error).message ?? e}`);
        }
      }
      return undefined;
    };

    const lane = async () => {
      let w = await startWorker();
      while (w && !failure && !signal?.aborted) {
        const shard = queue.shift();
        if (shard === undefined) break;
        const [b0, b1] = shards[shard];
        inFlight.set(shard, 0);
        try {
          const r = await Promise.race([w.api.run(shard, b0, b1, opts.prune ?? true, seed), w.dead, cancelled]);
          results[shard] = r;
          if (r.top.length && (best === null || r.top[0].objectiveCents < best)) best = r.top[0].objectiveCents;
        } catch (e) {
          if (signal?.aborted) break;
          // The worker threw or died: replace it and run the shard again (first in line).
          active.delete(w);
          w.terminate();
          if (++attempts[shard] >= MAX_SHARD_ATTEMPTS) {
            failure = new Error(`shard ${shard} failed ${MAX_SHARD_ATTEMPTS} times: ${(e as Error).message ?? e}`);
            break;
          }
          queue.unshift(shard);
          w = await startWorker();
        } finally {
          inFlight.delete(shard);
        }
      }
      if (w && active.has(w)) {
        active.delete(w);
        w.hold?.(false);
        if (!signal?.aborted && !failure) this.idle.push(w);
        else w.terminate();
      }
    };

    try {
      // Waves run one after another; each starts with what the earlier ones found as its seed.
      const topK = prepared.assessor.ctx.scenario.search.topK;
      const cap = encoding.input.ints[L.H_PARETO_CAP];
      // One worker computes the branch bounds that order the waves.
      let waves: number[][] = [shards.map((_, i) => i)];
      const first = await startWorker();
      if (first) {
        try {
          const bounds = await Promise.race([first.api.branchBounds(encoding.branchCount), first.dead, cancelled]);
          waves = planWaves(encoding, shards, bounds);
        } finally {
          active.delete(first);
          first.hold?.(false);
          if (!signal?.aborted && !failure) this.idle.push(first);
          else first.terminate();
        }
      }
      if (signal?.aborted) throw new CancelledError();
      if (failure) throw failure;
      for (const wave of waves) {
        seed = seedFrom(results, topK, cap);
        queue.push(...wave);
        const lanes = Math.max(1, Math.min(opts.workers, wave.length));
        await Promise.race([Promise.all(Array.from({ length: lanes }, lane)), cancelled]);
        if (signal?.aborted) throw new CancelledError();
        if (failure) throw failure;
      }
      const missing = results.findIndex((r) => !r);
      if (missing >= 0) throw new Error(`shard ${missing} did not run`);
      report();
      return results as ShardResult[];
    } finally {
      if (timer) clearInterval(timer);
      signal?.removeEventListener('abort', onAbort);
      if (signal?.aborted || failure) for (const w of active) w.terminate();
    }
  }
}
