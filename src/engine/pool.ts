// A pool of search workers, each with its own kernel. Shards wait in a queue and idle workers pull
// them; results are kept by shard index, so the merge (and the answer) does not depend on how many
// workers ran or in which order shards finished. Cancel terminates workers (a synchronous
// WebAssembly loop cannot be interrupted otherwise); crashed workers are replaced and their shard
// re-run; a run whose workers cannot start at all fails with the workers' error.
//
// A worker can also die without telling anyone (a browser worker that closes itself sends no event)
// or stop answering (a stuck loop). A watchdog treats both like a crash: a call that stays silent
// longer than its deadline terminates the worker, and the shard runs again on a fresh one; the same
// shard failing MAX_SHARD_ATTEMPTS times fails the run with a message instead of hanging.
import { proxy, transfer, type Remote } from 'comlink';
import * as L from '../../assembly/layout';
import { NO_SEED, type Seed, type ShardResult } from './kernel';
import { planWaves } from './merge';
import { canClaim, claimedBy, claimerAt, indexClaims, waveClaims, type WaveClaims } from './claims';
import { SeedBuilder } from './seed';
import { estimateWork } from './work';
import { Prescorer } from './prescore';
import type { SearchApi, WorkerFault } from './worker-api';
import { completeMedia, finishSearch, startSearch, type PreparedSearch } from './search';
import { encodeMedia, mediaPartsBySize, type EncodedInput, type InputArrays, type MediaTables } from './encode';
import { splitDesigns } from './materialize-split';
import { fromWire } from './candidate-wire';
import { unpackShards } from './shard-wire';
import { claimsOf, publish, sharedWaves, stop, stopped, type WaveResults } from './shared-waves';
import { unlessDead } from './worker-death';
import type { Catalog } from '../model/catalog';
import type { Candidate } from '../model/result';
import type { Scenario } from '../model/scenario';
import { materializeDesigns, type ResultDesign } from '../topology/optimize';
import type { Assessor } from '../topology/assess';

export interface WorkerHandle {
  api: Remote<SearchApi>;
  /**
   * Rejects when the worker dies (error event or exit). Race calls against it with unlessDead
   * (src/engine/worker-death.ts), never directly: it lives as long as the worker.
   */
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
  /** Hears each worker the run lost (crashed, exited or went silent) before it was replaced. */
  onWorkerLost?: (lost: { shard?: number; error: Error }) => void;
  /** Filled with when the first shard was handed to a worker and when the last result came back (performance.now()). */
  timing?: ShardTiming;
  /** The media tables of a deferred search, already being computed (see WorkerPool.prepare); else the run starts them. */
  media?: MediaJob;
  /**
   * Whether workers take a wave's shards from shared claims (src/engine/claims.ts) rather than in
   * batches by message; default: wherever SharedArrayBuffer is available. Results are the same either way.
   */
  claim?: boolean;
}

/**
 * A deferred search's media tables being computed by the workers in parts: chunks they claim, or
 * one part each without shared memory (the parts join into the same input for any count). A part
 * whose worker fails is computed on this thread.
 */
export interface MediaJob {
  /** Every part, in part order (parts = encoders.length). Rejects with CancelledError when cancelled. */
  tables: Promise<MediaTables[]>;
  /** Names this run to the workers that encoded it (they keep its floor plan for materializing). */
  runKey: string;
  /** The worker that computed each part (undefined where this thread did). */
  encoders: (WorkerHandle | undefined)[];
  /** When the workers were handed the job, and when the last part came back (performance.now()). */
  started: number;
  ended?: number;
  /** Ends the workers still encoding; `tables` rejects. */
  cancel(): void;
}

/** How runJobs runs a list of independent jobs (see WorkerPool.runJobs). */
export interface JobRunOptions<J, R> {
  workers: number;
  /** Prepares a worker for this list's jobs (called once per worker, before its first job). */
  setup: (api: Remote<SearchApi>) => Promise<unknown>;
  run: (api: Remote<SearchApi>, job: J) => Promise<R>;
  /** Hears each finished job (its index). */
  onDone?: (index: number) => void;
  signal?: AbortSignal;
  /** A job silent longer than this fails its worker (default DEFAULT_JOB_DEADLINE_MS). */
  jobDeadlineMs?: number;
}

/** A robustness job is one exact search (or a few dozen, for a break-even price): minutes of silence mean a dead worker. */
export const DEFAULT_JOB_DEADLINE_MS = 300_000;

/** When the parallel part of a run began and ended, so callers can tell serial time from parallel time. */
export interface ShardTiming {
  firstShardStart?: number;
  lastShardEnd?: number;
  /** When the workers materialized the winners (set by the caller that asks them to). */
  materialize?: [number, number];
  /** The run's steps in order (media encoding, branch bounds, each wave), for the benchmark's breakdown. */
  steps?: { step: string; start: number; end: number }[];
  /**
   * Time between firstShardStart and lastShardEnd when no call to a worker was pending: the main
   * thread's own work inside the parallel part (joining media tables, planning and seeding waves).
   */
  idleMs?: number;
}

/**
 * When a silent worker is declared dead. A busy kernel reports progress every 32,768 designs it
 * evaluates (the worker forwards at most 25 reports a second), which normally means many times a
 * second; but while bounds prune, it can stay silent for as long as the shard's pruned sweep takes.
 * So the deadline is generous and proportional to the shard: `floorMs` plus the shard's worst-case
 * kernel steps (estimateWork, or its upper bound) at `stepsPerMs`, ten times below the slowest rate measured (1.3 M
 * steps/ms on a loaded 2-core machine). Every report restarts the clock.
 */
export interface Watchdog {
  /** Silence always tolerated during a shard, ms. */
  floorMs: number;
  stepsPerMs: number;
  /** Deadline for starting a worker (fetching and compiling the kernel, loading the input) and for branch bounds. */
  startMs: number;
}

export const DEFAULT_WATCHDOG: Watchdog = { floorMs: 20_000, stepsPerMs: 100_000, startMs: 60_000 };

/** How often the watchdog looks; a much later tick means this page itself was paused (a frozen tab). */
const WATCH_EVERY_MS = 250;

export class CancelledError extends Error {
  constructor() {
    super('search cancelled');
    this.name = 'AbortError';
  }
}

const PROGRESS_EVERY_MS = 80;
const MAX_START_FAILURES = 3;
const MAX_SHARD_ATTEMPTS = 3;
/** Most shards a lane takes at once, and the share of the wave's queue it takes: 1 / (lanes x spread). */
const MAX_BATCH = 64;
const BATCH_SPREAD = 4;
/** Media chunks per worker when the workers claim them. */
const MEDIA_CHUNKS_PER_WORKER = 4;
/** Longest the page scores designs at a time while a wave runs (a worker's reply waits that long at most). */
const PRESCORE_SLICE_MS = 1;

/** What the watchdog rejects a silent call with. */
export class WorkerSilentError extends Error {}

/** Runs started by any pool of this page or process: with the time, names a run to its workers. */
let runsStarted = 0;

export class WorkerPool {
  private idle: WorkerHandle[] = [];
  /**
   * The scenario and catalog each worker was last sent for media encoding (it keeps them): a run
   * with the very same objects does not send them again. Like the app's state, they are never
   * changed in place; a changed scenario or catalog is a new object.
   */
  private held = new WeakMap<WorkerHandle, { scenario: Scenario; catalog: Catalog }>();

  constructor(private readonly spawn: SpawnWorker, private readonly watchdog: Watchdog = DEFAULT_WATCHDOG) {}

  /** Terminates every idle worker. */
  close(): void {
    for (const w of this.idle.splice(0)) w.terminate();
  }

  /**
   * Materializes result designs on the workers that encoded the run's media (they hold its floor
   * plan and media choices), split evenly between them, each design where possible on the worker
   * that already walked its group size (splitDesigns). The candidates come back in the designs'
   * order whatever the count. A call whose worker fails or stays silent past the start deadline is
   * materialized here instead.
   */
  async materialize(prepared: PreparedSearch, scenario: Scenario, catalog: Catalog, designs: ResultDesign[]): Promise<Candidate[]> {
    const media = prepared.media;
    // Without workers that encoded this run's media the cluster is small (see DEFER_MEDIA_NODES): here is faster.
    if (!designs.length || typeof WebAssembly !== 'object' || !media) return materializeDesigns(prepared.assessor, designs);
    // The workers that encoded some of the media (any idle worker, if this thread computed it all).
    const holders = [...new Set(media.workers.filter((w): w is WorkerHandle => w !== undefined))];
    const lanes = Math.max(1, Math.min(designs.length, holders.length));
    const partOf = mediaPartsBySize(prepared.assessor.ctx, media.workers.length);
    const laneOf = (n: number) => {
      const part = partOf(n);
      return part < 0 ? -1 : holders.indexOf(media.workers[part] as WorkerHandle);
    };
    const split = splitDesigns(designs.map((d) => d.design.nodesPerLeafGroup), laneOf, lanes);
    const groups = new Map<WorkerHandle | undefined, number[]>();
    split.forEach((indices, lane) => {
      if (indices.length) groups.set(holders[lane], indices);
    });
    const out: Candidate[] = new Array(designs.length);
    await Promise.all([...groups].map(async ([own, indices]) => {
      const chunk = indices.map((i) => designs[i]);
      const at = own ? this.idle.indexOf(own) : -1;
      const w = at >= 0 ? this.idle.splice(at, 1)[0] : this.idle.length ? this.idle.pop()! : this.spawn();
      w.hold?.(true);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const silent = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new WorkerSilentError('a search worker stopped answering (materializing)')), this.watchdog.startMs);
      });
      let list: Candidate[];
      try {
        const ask = (full: boolean) => Promise.race([unlessDead(w.dead, w.api.materialize(full ? scenario : undefined, full ? catalog : undefined, chunk, media.runKey)), silent]);
        // A worker that encoded some of the run's media holds it, unless another run has used it since.
        const got = (at >= 0 ? await ask(false) : null) ?? (await ask(true));
        if (!got) throw new Error('a search worker materialized nothing');
        list = fromWire(prepared.assessor.ctx, got);
        w.hold?.(false);
        this.idle.push(w);
      } catch {
        w.terminate();
        list = materializeDesigns(prepared.assessor, chunk);
      } finally {
        clearTimeout(timer);
      }
      indices.forEach((i, j) => (out[i] = list[j]));
    }));
    return out;
  }

  /**
   * Runs independent jobs (the robustness analysis's price sets) on up to `workers` workers, one
   * job per message; each worker is set up once (`setup`) before its first job. Results are kept
   * by job index, so they do not depend on how many workers ran or in which order jobs finished.
   * A worker that throws, dies or stays silent past the deadline is replaced and its job run again
   * (MAX_SHARD_ATTEMPTS times at most); cancel terminates the busy workers and rejects with CancelledError.
   */
  async runJobs<J, R>(jobs: J[], opts: JobRunOptions<J, R>): Promise<R[]> {
    const signal = opts.signal;
    if (signal?.aborted) throw new CancelledError();
    if (typeof WebAssembly !== 'object') throw new Error('WebAssembly is not available in this environment; the search kernel cannot run');
    const results: (R | undefined)[] = jobs.map(() => undefined);
    const attempts = jobs.map(() => 0);
    const queue = jobs.map((_, i) => i);
    const active = new Set<WorkerHandle>();
    let failure: Error | undefined;
    let startFailures = 0;
    let onAbort = () => {};
    const cancelled = new Promise<never>((_, reject) => {
      onAbort = () => reject(new CancelledError());
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    cancelled.catch(() => {});
    const call = <T>(w: WorkerHandle, pending: Promise<T>, limitMs: number, what: string): Promise<T> => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const silent = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new WorkerSilentError(`a search worker stopped answering (${what})`)), limitMs);
      });
      silent.catch(() => {});
      return Promise.race([unlessDead(w.dead, pending), cancelled, silent]).finally(() => clearTimeout(timer));
    };
    const discard = (w: WorkerHandle) => {
      active.delete(w);
      w.terminate();
    };
    const start = async (): Promise<WorkerHandle | undefined> => {
      while (!failure && !signal?.aborted) {
        const w = this.idle.length ? this.idle.pop()! : this.spawn();
        active.add(w);
        w.hold?.(true);
        try {
          await call(w, opts.setup(w.api), this.watchdog.startMs, 'starting');
          startFailures = 0;
          return w;
        } catch (e) {
          discard(w);
          if (signal?.aborted) return undefined;
          if (++startFailures >= MAX_START_FAILURES) failure = new Error(`search workers could not start: ${(e as Error).message ?? e}`);
        }
      }
      return undefined;
    };
    const lane = async () => {
      let w = await start();
      while (w && !failure && !signal?.aborted) {
        const i = queue.shift();
        if (i === undefined) break;
        try {
          results[i] = await call(w, opts.run(w.api, jobs[i]), opts.jobDeadlineMs ?? DEFAULT_JOB_DEADLINE_MS, `job ${i + 1} of ${jobs.length}`);
          opts.onDone?.(i);
        } catch (e) {
          if (signal?.aborted) break;
          discard(w);
          w = undefined;
          if (++attempts[i] >= MAX_SHARD_ATTEMPTS) {
            failure ??= new Error(`the analysis failed: search workers failed ${MAX_SHARD_ATTEMPTS} times on job ${i + 1} of ${jobs.length}; last: ${(e as Error).message ?? e}`);
            break;
          }
          queue.unshift(i);
          w = await start();
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
      const lanes = Math.max(1, Math.min(opts.workers, jobs.length));
      await Promise.race([Promise.all(Array.from({ length: lanes }, lane)), cancelled]);
      if (signal?.aborted) throw new CancelledError();
      if (failure) throw failure;
      const missing = results.findIndex((r) => r === undefined);
      if (missing >= 0) throw new Error(`job ${missing + 1} did not run`);
      return results as R[];
    } finally {
      signal?.removeEventListener('abort', onAbort);
      if (signal?.aborted || failure) for (const w of active) w.terminate();
    }
  }

  /**
   * Prepares a search while the workers encode its media tables (a large cluster's, as prepareSearch
   * with deferMedia): the context first, then the media parts handed to `parts` workers, then the
   * rest of the encoding, the shard plan and the size limit on this thread meanwhile. A search too
   * large to run is refused with the reason prepareSearch gives, and its encoders ended. `claim`:
   * whether the workers claim media chunks from shared memory (see startMedia; the same tables either way).
   */
  prepare(scenario: Scenario, catalog: Catalog, parts: number, opts: { signal?: AbortSignal; onWorkerLost?: PoolRunOptions['onWorkerLost']; claim?: boolean } = {}):
    { prepared: PreparedSearch; media?: MediaJob } | { ok: false; reason: string } {
    const start = startSearch(scenario, catalog, { deferMedia: true });
    if ('ok' in start) return start;
    const media = start.deferMedia && typeof WebAssembly === 'object' ? this.startMedia(start.assessor, scenario, catalog, Math.max(1, parts), opts) : undefined;
    const prepared = finishSearch(start);
    if ('ok' in prepared) {
      media?.cancel();
      return prepared;
    }
    return { prepared, media };
  }

  /**
   * Hands a run's media tables to `workers` workers (idle ones first) and returns at once: the
   * job's tables arrive later. Where workers can share memory the tables are cut into
   * MEDIA_CHUNKS_PER_WORKER chunks per worker, which the workers claim until none is left: whoever
   * is free computes more, so a worker that shares its core with this thread's preparation does
   * less. Else each worker computes one part. A worker that fails or stays silent past the start
   * deadline is ended and what it took is computed here; cancel (or the signal) ends them all.
   * (This thread does not claim chunks itself: measured, that made two-worker runs slower.)
   */
  startMedia(assessor: Assessor, scenario: Scenario, catalog: Catalog, workers: number, opts: { signal?: AbortSignal; onWorkerLost?: PoolRunOptions['onWorkerLost']; claim?: boolean } = {}): MediaJob {
    const claims = (opts.claim ?? canClaim()) ? indexClaims(workers * MEDIA_CHUNKS_PER_WORKER) : undefined;
    const chunks = claims ? workers * MEDIA_CHUNKS_PER_WORKER : workers;
    const tables: (MediaTables | undefined)[] = Array.from({ length: chunks }, () => undefined);
    const busy = new Set<WorkerHandle>();
    let cancelled = false;
    let stop = () => {};
    const stopped = new Promise<never>((_, reject) => (stop = () => reject(new CancelledError())));
    stopped.catch(() => {});
    const cancel = () => {
      if (cancelled) return;
      cancelled = true;
      for (const w of busy) w.terminate();
      busy.clear();
      stop();
    };
    /** Computes chunk c here, unless someone already did. */
    const here = (c: number) => {
      tables[c] ??= encodeMedia(assessor, c, chunks);
    };
    const job: MediaJob = {
      tables: Promise.resolve([]),
      runKey: `${Date.now()}-${++runsStarted}`,
      encoders: Array.from({ length: chunks }, () => undefined),
      started: performance.now(),
      cancel,
    };
    if (opts.signal?.aborted) cancel();
    opts.signal?.addEventListener('abort', cancel, { once: true });
    let claimers = 0;
    const perWorker = Array.from({ length: workers }, async (_, part): Promise<void> => {
      if (cancelled) throw new CancelledError();
      const w = this.idle.length ? this.idle.pop()! : this.spawn();
      const me = ++claimers;
      busy.add(w);
      w.hold?.(true);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const silent = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new WorkerSilentError(`a search worker stopped answering (encoding: nothing for ${(this.watchdog.startMs / 1000).toFixed(1)} s)`)), this.watchdog.startMs);
      });
      silent.catch(() => {});
      const kept = this.held.get(w);
      const same = kept?.scenario === scenario && kept.catalog === catalog;
      const [sc, ca] = same ? [undefined, undefined] : [scenario, catalog];
      try {
        const got: [number, MediaTables][] = claims
          ? await Promise.race([unlessDead(w.dead, w.api.encodeMediaClaims(sc, ca, claims, me, chunks, job.runKey)), silent, stopped])
          : [[part, await Promise.race([unlessDead(w.dead, w.api.encodeMedia(sc, ca, part, chunks, job.runKey)), silent, stopped])]];
        this.held.set(w, { scenario, catalog });
        busy.delete(w);
        w.hold?.(false);
        for (const [c, t] of got) {
          tables[c] = t;
          job.encoders[c] = w;
        }
        this.idle.push(w);
      } catch (e) {
        busy.delete(w);
        w.terminate();
        if (cancelled) throw new CancelledError();
        opts.onWorkerLost?.({ error: e as Error });
        // What the lost worker took (all it was given, without claims) is computed here.
        for (const c of claims ? claimedBy(claims, me) : [part]) here(c);
      } finally {
        clearTimeout(timer);
      }
    });
    job.tables = Promise.all(perWorker)
      .then(() => {
        if (cancelled) throw new CancelledError();
        // A chunk nobody finished (its worker died between taking and marking it) is computed here.
        for (let c = 0; c < chunks; c++) here(c);
        return tables as MediaTables[];
      })
      .finally(() => {
        job.ended = performance.now();
        opts.signal?.removeEventListener('abort', cancel);
      });
    job.tables.catch(() => {});
    return job;
  }

  async run(prepared: PreparedSearch, opts: PoolRunOptions): Promise<ShardResult[]> {
    const { shards } = prepared;
    // The shard plan and everything read before the media tables are filled come from the core encoding.
    const encoding = prepared.encoding;
    const signal = opts.signal;
    if (signal?.aborted) throw new CancelledError();
    if (typeof WebAssembly !== 'object') throw new Error('WebAssembly is not available in this environment; the search kernel cannot run');
    const results: (ShardResult | undefined)[] = shards.map(() => undefined);
    const queue: number[] = [];
    let seed: Seed = NO_SEED;
    const claim = opts.claim ?? canClaim();
    // What the shards done so far seed the next wave with, kept up to date as their results arrive.
    const seeds = new SeedBuilder(prepared.assessor.ctx.scenario.search.topK);
    const attempts = shards.map(() => 0);
    const inFlight = new Map<number, number>(); // shard -> designs covered so far
    const faults = [...(opts.faults ?? [])];
    const faulted = new Set<WorkerHandle>(); // test faults: not kept for a later run
    const active = new Set<WorkerHandle>();
    const weights = shards.map(([b0, b1]) => {
      let w = 0;
      for (let b = b0; b < b1; b++) w += encoding.branchWeights[b];
      return w;
    });
    const totalWeight = weights.reduce((a, b) => a + b, 0) || 1;
    const perBranchSteps = (prepared.work ?? estimateWork(encoding)).perBranchSteps;
    const shardSteps = shards.map(([b0, b1]) => {
      let steps = 0;
      for (let b = b0; b < b1; b++) steps += perBranchSteps[b] ?? 0;
      return steps;
    });
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

    // The watchdog: every call to a worker races a promise that rejects when the call stays silent
    // past its deadline. Progress reports on a shard restart that shard's clock.
    interface Watch { heard: number; limitMs: number; what: string | (() => string); fail: (e: Error) => void }
    const watches = new Set<Watch>();
    const shardWatch = new Map<number, Watch>();
    let lastLook = performance.now();
    const watchTimer = setInterval(() => {
      const now = performance.now();
      // A tick far later than asked means this page was paused (a frozen tab): not the worker's silence.
      const paused = now - lastLook - WATCH_EVERY_MS;
      lastLook = now;
      for (const w of watches) {
        if (paused > 1000) w.heard += paused;
        const silentMs = now - w.heard;
        if (silentMs <= w.limitMs) continue;
        watches.delete(w);
        w.fail(new WorkerSilentError(`a search worker stopped answering (${typeof w.what === 'string' ? w.what : w.what()}: nothing for ${(silentMs / 1000).toFixed(1)} s)`));
      }
    }, WATCH_EVERY_MS);
    // The wave whose shards the workers claim (when they do), where each shard stands in it, and the
    // watch of each claimer's call: progress on a claimed shard restarts its claimer's clock.
    let claiming: { claims: WaveClaims; position: Map<number, number>; watches: Map<number, Watch> } | undefined;
    const progressProxy = proxy((shard: number, done: number) => {
      if (inFlight.has(shard)) inFlight.set(shard, done);
      const at = claiming?.position.get(shard);
      const w = shardWatch.get(shard) ?? (at === undefined ? undefined : claiming!.watches.get(claimerAt(claiming!.claims, at)));
      if (w) w.heard = performance.now();
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

    // Calls pending on any worker, and when the last one ended (opts.timing.idleMs).
    let pendingCalls = 0;
    let lastCallEnd: number | undefined;
    /** A call to worker `w` that rejects when the worker dies, the run is cancelled or the call stays silent too long. */
    const call = <T>(w: WorkerHandle, pending: Promise<T>, limitMs: number, what: Watch['what'], batch: number[] = [], claimer?: number): Promise<T> => {
      if (opts.timing && pendingCalls++ === 0 && lastCallEnd !== undefined) opts.timing.idleMs = (opts.timing.idleMs ?? 0) + performance.now() - lastCallEnd;
      let watch!: Watch;
      const silent = new Promise<never>((_, fail) => {
        watch = { heard: performance.now(), limitMs, what, fail };
      });
      silent.catch(() => {});
      watches.add(watch);
      for (const shard of batch) shardWatch.set(shard, watch);
      if (claimer !== undefined) claiming?.watches.set(claimer, watch);
      return Promise.race([unlessDead(w.dead, pending), cancelled, silent]).finally(() => {
        if (opts.timing && --pendingCalls === 0) lastCallEnd = performance.now();
        watches.delete(watch);
        for (const shard of batch) if (shardWatch.get(shard) === watch) shardWatch.delete(shard);
        if (claimer !== undefined) claiming?.watches.delete(claimer);
      });
    };
    /** Ends a worker that failed or is not to be reused. */
    const discard = (w: WorkerHandle) => {
      active.delete(w);
      w.terminate();
    };
    /** Keeps a worker for the rest of the run and later runs, unless the run failed. */
    const release = (w: WorkerHandle) => {
      if (!active.has(w)) return;
      active.delete(w);
      w.hold?.(false);
      if (!signal?.aborted && !failure) this.idle.push(w);
      else w.terminate();
    };

    // Where workers share memory, the input (0.3-1 MB) goes to them as one shared copy, made once:
    // posted as plain typed arrays it was copied again for every worker on this thread, while no
    // worker worked. Made after the media tables are filled in (completeMedia replaces the encoding);
    // a deferred encoding's media are joined straight into shared memory, so there is no copy to make.
    let sharedInput: EncodedInput | undefined;
    const inputForWorkers = (): EncodedInput => (claim ? (sharedInput ??= isShared(prepared.encoding.input) ? prepared.encoding.input : shareInput(prepared.encoding.input)) : prepared.encoding.input);

    // Workers that hold this run's input, kept from wave to wave: loading it again for every wave
    // costs two round trips per lane, which add up over the short late waves.
    const ready: WorkerHandle[] = [];
    /** A worker that has this run's input loaded, for another wave of this run. */
    const keep = (w: WorkerHandle) => {
      if (active.has(w)) ready.push(w);
    };

    const startWorker = async (): Promise<WorkerHandle | undefined> => {
      if (!faults.length && ready.length && !failure && !signal?.aborted) return ready.pop();
      return (await startFresh())?.w;
    };
    /**
     * Starts a worker for this run (an idle one, else a new one) and loads the input; with `range`,
     * it also computes those branches' bounds in the same message. A worker that fails to start is
     * replaced, until MAX_START_FAILURES in a row fail the run.
     */
    const startFresh = async (range?: readonly [number, number]): Promise<{ w: WorkerHandle; bounds?: Float64Array } | undefined> => {
      while (!failure && !signal?.aborted) {
        const fault = faults.shift();
        const w = fault === undefined && this.idle.length ? this.idle.pop()! : this.spawn();
        if (fault !== undefined) faulted.add(w);
        active.add(w);
        w.hold?.(true);
        try {
          const bounds = await call(w, w.api.init(inputForWorkers(), { fault }, progressProxy, range), this.watchdog.startMs, 'starting');
          if (range && bounds?.length !== range[1] - range[0]) throw new Error(`a search worker returned ${bounds?.length ?? 'no'} branch bounds for ${range[1] - range[0]} branches`);
          startFailures = 0;
          return { w, bounds };
        } catch (e) {
          discard(w);
          if (signal?.aborted) return undefined;
          if (++startFailures >= MAX_START_FAILURES)
            failure = new Error(`search workers could not start: ${(e as Error).message ?? e}`);
        }
      }
      return undefined;
    };

    /** After a worker failed on a batch of shards: true to run them again, false when the run has failed. */
    const retry = (batch: number[], e: unknown): boolean => {
      opts.onWorkerLost?.({ shard: batch[0], error: e as Error });
      for (const shard of batch) {
        if (++attempts[shard] < MAX_SHARD_ATTEMPTS) continue;
        failure ??= new Error(
          `the search failed: search workers failed ${MAX_SHARD_ATTEMPTS} times on the same part of it ` +
            `(shard ${shard + 1} of ${shards.length}); last: ${(e as Error).message ?? e}`,
        );
        return false;
      }
      return true;
    };

    // Lanes running the current wave: late waves are many shards the bounds prune whole, each about
    // as quick as a message, so a lane takes several at once (a share of what is left, so the wave
    // still ends evenly). Every shard of a wave has the same seed: batches never change a result.
    let lanes = 1;
    const takeBatch = (): number[] => {
      const size = Math.max(1, Math.min(MAX_BATCH, Math.floor(queue.length / (lanes * BATCH_SPREAD))));
      return queue.splice(0, size);
    };

    // Scores the designs the merge may keep while the workers compute (src/engine/prescore.ts), in
    // slices of a millisecond between messages, from when the media tables are in.
    let prescorer: Prescorer | undefined;
    let prescoring: ReturnType<typeof setTimeout> | undefined;
    const prescore = () => {
      prescoring = undefined;
      if (prescorer?.work(PRESCORE_SLICE_MS)) prescoring = setTimeout(prescore, 0);
    };

    /** Keeps a shard's result. */
    const accept = (shard: number, r: ShardResult) => {
      results[shard] = r;
      inFlight.delete(shard);
      seeds.add(r);
      prescorer?.add(r);
      if (r.top.length && (best === null || r.top[0].objectiveCents < best)) best = r.top[0].objectiveCents;
    };
    const stepsOf = (list: readonly number[]) => list.reduce((steps, shard) => steps + shardSteps[shard], 0);

    /** Runs a batch of shards on worker w and keeps their results; rejects when the worker fails. */
    const runOn = async (w: WorkerHandle, batch: number[]) => {
      for (const shard of batch) inFlight.set(shard, 0);
      if (opts.timing) opts.timing.firstShardStart ??= performance.now();
      const deadline = this.watchdog.floorMs + stepsOf(batch) / this.watchdog.stepsPerMs;
      try {
        const job = batch.map((shard): [number, number, number] => [shard, shards[shard][0], shards[shard][1]]);
        const rs = unpackShards(await call(w, w.api.runBatch(job, opts.prune ?? true, seed), deadline, `shard ${batch[0] + 1} of ${shards.length}`, batch), L.RULE_COUNT);
        rs.forEach((r, j) => accept(batch[j], r));
        if (opts.timing) opts.timing.lastShardEnd = performance.now();
      } finally {
        for (const shard of batch) inFlight.delete(shard);
      }
    };

    const lane = async () => {
      let w = await startWorker();
      while (w && !failure && !signal?.aborted) {
        const batch = takeBatch();
        if (!batch.length) break;
        try {
          await runOn(w, batch);
        } catch (e) {
          if (signal?.aborted) break;
          // The worker threw, died or went silent: replace it and run the shards again (first in line).
          discard(w);
          w = undefined;
          if (!retry(batch, e)) break;
          queue.unshift(...batch);
          w = await startWorker();
        }
      }
      if (w) keep(w);
    };

    /** What a claimer's silent call was doing, for the watchdog's message: its last shard not finished, else `otherwise`. */
    const claimerDoing = (claims: WaveClaims, me: number, otherwise: string): string => {
      const taken = claimedBy(claims, me).filter((shard) => !results[shard]);
      return taken.length ? `shard ${taken[taken.length - 1] + 1} of ${shards.length}` : otherwise;
    };

    /** Claimers so far in this run: each call that takes shards from a wave's claims is a new one. */
    let claimers = 0;
    /**
     * Runs a wave (`order`: largest estimated work first) on `lanes` workers that take its shards
     * from shared claims. A worker that fails loses the shards it took: its replacement runs them
     * first (so a shard that fails every worker fails the run, as in batches), then takes more.
     * Shards nobody finished (a worker that died between taking a shard and marking it) are left
     * for the batches that follow.
     */
    const claimWave = async (order: number[]) => {
      const claims = waveClaims(order, shards);
      claiming = { claims, position: new Map(order.map((shard, at) => [shard, at])), watches: new Map() };
      for (const shard of order) inFlight.set(shard, 0);
      // Generous: the worker may take every shard of the wave.
      const deadline = this.watchdog.floorMs + stepsOf(order) / this.watchdog.stepsPerMs;
      const claimLane = async () => {
        let w = await startWorker();
        let redo: number[] = [];
        while (w && !failure && !signal?.aborted) {
          let lost: number[];
          let error: unknown;
          if (redo.length) {
            try {
              await runOn(w, redo);
              redo = [];
              continue;
            } catch (e) {
              [lost, error] = [redo, e];
            }
          } else {
            const me = ++claimers;
            const what = () => claimerDoing(claims, me, `a wave of ${order.length} shards`);
            if (opts.timing) opts.timing.firstShardStart ??= performance.now();
            try {
              const rs = unpackShards(await call(w, w.api.runClaims(claims, me, opts.prune ?? true, seed), deadline, what, [], me), L.RULE_COUNT);
              for (const r of rs) accept(r.shard, r);
              if (opts.timing) opts.timing.lastShardEnd = performance.now();
              break;
            } catch (e) {
              [lost, error] = [claimedBy(claims, me).filter((shard) => !results[shard]), e];
            }
          }
          if (signal?.aborted) break;
          // The worker threw, died or went silent: replace it; the replacement runs what it lost first.
          discard(w);
          w = undefined;
          if (!retry(lost, error)) break;
          for (const shard of lost) inFlight.set(shard, 0);
          redo = lost;
          w = await startWorker();
        }
        if (w) keep(w);
      };
      try {
        await Promise.race([Promise.all(Array.from({ length: lanes }, claimLane)), cancelled]);
      } finally {
        claiming = undefined;
        for (const shard of order) inFlight.delete(shard);
      }
      for (const shard of order) if (!results[shard]) queue.push(shard);
    };

    /**
     * Runs the waves (`orders`: each wave's shards, largest estimated work first) in shared memory
     * (src/engine/shared-waves.ts): every lane's worker makes one call for all of them, and this
     * thread publishes each wave, its seed made from every earlier result, once the wave before has
     * all its results. A worker that fails stops the waves: what it took and did not finish counts
     * as an attempt, as in batches. Returns, once every lane's call ended, the first wave not
     * finished (orders.length when all were) and the seed it was published with (if it was).
     */
    const runShared = async (orders: number[][], cap: number): Promise<{ from: number; seed?: Seed }> => {
      const plan = sharedWaves(orders, shards, cap);
      const left = orders.map((order) => order.length);
      const watchesByClaimer = new Map<number, Watch>();
      let current = 0;
      let published: Seed | undefined;
      let waveStart = 0;
      const open = (k: number) => {
        current = k;
        seed = published = seeds.seed(cap);
        claiming = { claims: claimsOf(plan, k), position: new Map(orders[k].map((shard, at) => [shard, at])), watches: watchesByClaimer };
        for (const shard of orders[k]) inFlight.set(shard, 0);
        // Each lane's watch: this wave's work may all fall to one worker, and a worker waiting for
        // the others is silent meanwhile.
        waveStart = performance.now();
        const limitMs = this.watchdog.floorMs + stepsOf(orders[k]) / this.watchdog.stepsPerMs;
        for (const w of watchesByClaimer.values()) {
          w.heard = waveStart;
          w.limitMs = limitMs;
        }
        publish(plan, k, published);
      };
      /** Keeps the results a lane's worker posted; opens the next wave when the current one is complete. */
      const take = (message: WaveResults, me: number) => {
        const watch = watchesByClaimer.get(me);
        if (watch) watch.heard = performance.now();
        for (const r of unpackShards(message.wire, L.RULE_COUNT)) {
          if (results[r.shard]) continue;
          accept(r.shard, r);
          left[message.wave]--;
        }
        if (opts.timing) opts.timing.lastShardEnd = performance.now();
        if (current < orders.length && left[current] === 0) {
          opts.timing?.steps?.push({ step: `wave of ${orders[current].length}`, start: waveStart, end: performance.now() });
          if (current + 1 < orders.length && !stopped(plan)) open(current + 1);
          else {
            current++;
            published = undefined;
          }
        }
        // The new results' designs are scored while the workers compute (after the next wave is open).
        prescoring ??= setTimeout(prescore, 0);
      };
      const sharedLane = async () => {
        const w = await startWorker();
        if (!w) return;
        const me = ++claimers;
        const channel = new MessageChannel();
        let received = 0;
        let posted = Infinity;
        let drained = () => {};
        const allReceived = new Promise<void>((resolve) => (drained = resolve));
        channel.port1.onmessage = (e: MessageEvent<WaveResults>) => {
          try {
            take(e.data, me);
          } catch (err) {
            // Results this thread cannot read (a handler's throw would go nowhere): the run fails.
            failure ??= err instanceof Error ? err : new Error(String(err));
            stop(plan);
          }
          if (++received >= posted) drained();
        };
        const last = () => Math.min(current, orders.length - 1);
        const what = () => claimerDoing(claimsOf(plan, last()), me, `wave ${last() + 1} of ${orders.length}`);
        const limitMs = this.watchdog.floorMs + stepsOf(orders[last()]) / this.watchdog.stepsPerMs;
        try {
          const ports = transfer(channel.port2, [channel.port2 as unknown as Transferable]);
          posted = await call(w, w.api.runWaves(plan, me, opts.prune ?? true, ports), limitMs, what, [], me);
          // Results posted before the call returned may still be on their way (another channel).
          if (received < posted) await Promise.race([allReceived, cancelled]);
          keep(w);
        } catch (e) {
          if (signal?.aborted) return;
          // The worker threw, died or went silent: the others stop after their shard, and the waves go
          // on one message at a time, with what it took and did not finish.
          stop(plan);
          discard(w);
          const lost: number[] = [];
          for (let k = 0; k <= last(); k++) for (const shard of claimedBy(claimsOf(plan, k), me)) if (!results[shard]) lost.push(shard);
          retry(lost, e);
        } finally {
          channel.port1.close();
          watchesByClaimer.delete(me);
        }
      };
      if (opts.timing) opts.timing.firstShardStart ??= performance.now();
      open(0);
      lanes = Math.max(1, Math.min(opts.workers, Math.max(...orders.map((order) => order.length))));
      try {
        await Promise.race([Promise.all(Array.from({ length: lanes }, sharedLane)), cancelled]);
      } finally {
        stop(plan);
        claiming = undefined;
        for (const order of orders) for (const shard of order) if (!results[shard]) inFlight.delete(shard);
      }
      return { from: current, seed: published };
    };

    /** Waits for a deferred encoding's media tables (computed by the workers, see startMedia) and fills them in. */
    const encodeInWorkers = async () => {
      const pending = prepared.pendingMedia;
      if (!pending) return;
      const job = opts.media ?? this.startMedia(prepared.assessor, pending.scenario, pending.catalog, Math.max(1, opts.workers), { signal, onWorkerLost: opts.onWorkerLost, claim: opts.claim });
      if (opts.timing) opts.timing.firstShardStart ??= job.started;
      const tables = await Promise.race([job.tables, cancelled]);
      lastCallEnd = job.ended;
      completeMedia(prepared, tables, claim ? SHARED_ARRAYS : undefined);
      prepared.media = { runKey: job.runKey, workers: job.encoders };
    };

    const step = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
      const start = performance.now();
      try {
        return await work();
      } finally {
        opts.timing?.steps?.push({ step: name, start, end: performance.now() });
      }
    };
    try {
      await step('media', encodeInWorkers);
      prescorer = prepared.prescored = new Prescorer(prepared.assessor, prepared.encoding, seeds);
      // Waves run one after another; each starts with what the earlier ones found as its seed.
      const cap = encoding.input.ints[L.H_PARETO_CAP];
      let waves: number[][] | undefined;
      // Every lane's worker loads the input and computes the bounds of its share of the branches in
      // the same message: one round trip before the first wave instead of two, and the bounds split.
      if (!faults.length && !faulted.size) {
        const count = encoding.branchCount;
        const lanes0 = Math.max(1, Math.min(opts.workers, shards.length, count));
        const parts = await step('bounds', () => Promise.race([Promise.all(Array.from({ length: lanes0 }, async (_, i) => {
          const got = await startFresh([Math.floor((count * i) / lanes0), Math.floor((count * (i + 1)) / lanes0)]);
          if (!got) return undefined;
          keep(got.w);
          return got.bounds;
        })), cancelled]));
        if (signal?.aborted) throw new CancelledError();
        if (failure) throw failure;
        const bounds = new Float64Array(count);
        let at = 0;
        for (const part of parts) {
          if (!part) throw new Error('a search worker returned no branch bounds');
          bounds.set(part, at);
          at += part.length;
        }
        waves = planWaves(encoding, shards, bounds);
      }
      // In a run given test faults, the faulted workers start one by one, as before the bounds were
      // split, so a faulted worker is sure to take a shard (loaded at once, another worker may take
      // them all); one of them computes the bounds (retried like a shard).
      let boundsFailures = 0;
      while (!waves && !failure && !signal?.aborted) {
        const first = await startWorker();
        if (!first) break;
        try {
          const bounds = await step('bounds', () => call(first, first.api.branchBounds(encoding.branchCount), this.watchdog.startMs, 'branch bounds'));
          waves = planWaves(encoding, shards, bounds);
          keep(first);
        } catch (e) {
          discard(first);
          if (signal?.aborted) break;
          opts.onWorkerLost?.({ error: e as Error });
          if (++boundsFailures >= MAX_SHARD_ATTEMPTS) failure ??= new Error(`the search failed: search workers could not compute its bounds: ${(e as Error).message ?? e}`);
        }
      }
      if (signal?.aborted) throw new CancelledError();
      if (failure) throw failure;
      // Largest estimated work first, so a big shard does not start last and hold up the wave's end
      // (results are kept by shard and every shard of a wave has the same seed: order never matters to them).
      const orders = (waves ?? []).map((wave) => [...wave].sort((a, b) => weights[b] - weights[a] || a - b));
      // Where workers share memory they go from wave to wave without a message (runShared); after a
      // worker failed there, the waves go on one message at a time from the first one not finished,
      // with the seed that wave was published with.
      let from = 0;
      let resumed: Seed | undefined;
      if (claim && orders.length) {
        prescoring ??= setTimeout(prescore, 0);
        ({ from, seed: resumed } = await runShared(orders, cap));
        if (signal?.aborted) throw new CancelledError();
        if (failure) throw failure;
      }
      for (let k = from; k < orders.length; k++) {
        seed = k === from && resumed ? resumed : seeds.seed(cap);
        const wave = orders[k];
        const order = wave.filter((shard) => !results[shard]);
        lanes = Math.max(1, Math.min(opts.workers, order.length));
        await step(`wave of ${wave.length}`, async () => {
          // After this wave's shards are handed out (the timer fires once the messages are posted).
          prescoring ??= setTimeout(prescore, 0);
          if (claim) await claimWave(order);
          else queue.push(...order);
          // In batches: the wave, or what its claimers left.
          if (queue.length && !failure && !signal?.aborted) await Promise.race([Promise.all(Array.from({ length: Math.min(lanes, queue.length) }, lane)), cancelled]);
        });
        if (signal?.aborted) throw new CancelledError();
        if (failure) throw failure;
      }
      const missing = results.findIndex((r) => !r);
      if (missing >= 0) throw new Error(`shard ${missing} did not run`);
      report();
      return results as ShardResult[];
    } finally {
      for (const w of ready.splice(0)) release(w);
      if (prescoring) clearTimeout(prescoring);
      if (timer) clearInterval(timer);
      clearInterval(watchTimer);
      signal?.removeEventListener('abort', onAbort);
      if (signal?.aborted || failure) for (const w of active) w.terminate();
      // A worker given a test fault is not kept for another run.
      this.idle = this.idle.filter((w) => !faulted.has(w) || (w.terminate(), false));
    }
  }
}

/** Input arrays in shared memory (see withMedia). */
const SHARED_ARRAYS: InputArrays = {
  ints: (length) => new Int32Array(new SharedArrayBuffer(4 * length)),
  floats: (length) => new Float64Array(new SharedArrayBuffer(8 * length)),
};

/** Whether both of an input's arrays are in shared memory already. */
function isShared(input: EncodedInput): boolean {
  return input.ints.buffer instanceof SharedArrayBuffer && input.floats.buffer instanceof SharedArrayBuffer;
}

/** A copy of `input` in shared memory: posting it to a worker then copies nothing. */
function shareInput(input: EncodedInput): EncodedInput {
  const ints = SHARED_ARRAYS.ints(input.ints.length);
  ints.set(input.ints);
  const floats = SHARED_ARRAYS.floats(input.floats.length);
  floats.set(input.floats);
  return { ints, floats };
}
