// The API every search worker exposes (browser Web Worker or Node worker_threads): load one run's
// input into the worker's own kernel instance, then evaluate shards on request.
import { releaseProxy, transfer, type Remote } from 'comlink';
import { compileKernel, Kernel, KernelError, type Seed, type ShardResult } from './kernel';
import { encodeMedia, type EncodedInput, type MediaTables } from './encode';
import type { Catalog } from '../model/catalog';
import type { Scenario } from '../model/scenario';
import { Assessor } from '../topology/assess';
import { buildContext } from '../topology/context';
import type { ResultDesign } from '../topology/optimize';
import { materializeForWire, type WireCandidates } from './candidate-wire';
import { SampleSearcher, type RobustnessJob, type RobustnessJobResult } from './robustness';
import { claimerAt, claimNext, type WaveClaims } from './claims';
import { packShards } from './shard-wire';
import { awaitWave, claimsOf, readSeed, stopped, waveCount, type ResultPort, type SharedWaves } from './shared-waves';
import * as L from '../../assembly/layout';

/**
 * Test-only faults, so crash recovery and the no-WebAssembly path can be exercised. The mid-shard
 * ones first report progress on their first shard, then vanish (end with no error or exit event
 * reaching the page, as a browser worker that closes itself does) or hang (stop answering while
 * still alive, as a stuck kernel loop would). 'throw-mid-wave' applies to shared waves only
 * (runWaves): the worker throws on taking its first shard, once another worker finished a shard
 * of that wave (or after 2 s), so that the wave is left part done.
 */
export type WorkerFault = 'throw-on-first-shard' | 'exit-on-first-shard' | 'vanish-mid-shard' | 'hang-mid-shard' | 'no-webassembly' | 'throw-mid-wave';

export interface WorkerHost {
  /** The compiled kernel bytes (fetched or read from disk). */
  kernelBytes(): Promise<BufferSource>;
  /** Ends this worker abruptly (used by the exit fault). */
  exit(): void;
  /** Ends this worker without any event reaching the page: no error, no exit, no reply (the vanish fault). */
  vanish(): void;
}

/**
 * Least time between two progress reports of a worker. The clock starts when a call from the page
 * begins (the page has just heard from this worker), not per shard: the kernel reports at the end
 * of every shard, and a report per shard (some 300 a run, each a message both ways) cost the page
 * more than the reports are worth; a call's results say the same when it returns.
 */
const PROGRESS_INTERVAL_MS = 40;

export function createSearchApi(host: WorkerHost) {
  let module: Promise<WebAssembly.Module> | undefined;
  let kernel: Kernel | undefined;
  let fault: WorkerFault | undefined;
  let shardsRun = 0;
  let progress: ((shard: number, done: number) => unknown) | undefined;
  /** When this worker last reported progress, or began the page's current call. */
  let lastReport = 0;
  /** The assessor of the run this worker encoded media for (same scenario and catalog, warm caches). */
  let run: { key: string; assessor: Assessor } | undefined;
  /**
   * The scenario and catalog last sent. The pool sends them again only when they are other objects
   * (WorkerPool's `held`): copying a catalog costs the page and this worker, and objects made fresh
   * for every run keep V8 recompiling the code that reads them.
   */
  let inputs: { scenario: Scenario; catalog: Catalog } | undefined;
  const inputsOf = (scenario: Scenario | undefined, catalog: Catalog | undefined) => {
    if (scenario && catalog) inputs = { scenario, catalog };
    if (!inputs) throw new Error('this search worker holds no scenario and catalog: send them');
    return inputs;
  };
  /** The robustness analysis this worker serves: its floor plan, shard plan and own kernel instance, kept for every sample. */
  let robustness: { key: string; searcher: SampleSearcher } | undefined;
  let robustnessKernel: Kernel | undefined;

  return {
    /**
     * Compiles the kernel once per worker, makes an instance and loads the run's input; `onProgress`
     * is where progress within the run's shards goes (a Comlink proxy), set in the same message.
     * With `bounds` (a range of branches), also returns their whole-branch bounds (see branchBounds):
     * the pool has each worker it starts for a run compute a share of them in the same message.
     */
    async init(input: EncodedInput, options: { fault?: WorkerFault } = {}, onProgress?: (shard: number, done: number) => unknown, bounds?: readonly [from: number, to: number]): Promise<Float64Array | undefined> {
      // A worker reused within the run keeps its fault until its first shard.
      if (options.fault !== undefined) fault = options.fault;
      setProgress(onProgress);
      if (fault === 'no-webassembly') (globalThis as { WebAssembly?: unknown }).WebAssembly = undefined;
      if (typeof WebAssembly !== 'object')
        throw new KernelError('WebAssembly is not available in this environment; the search kernel cannot run');
      module ??= host.kernelBytes().then((bytes) => compileKernel(bytes));
      kernel ??= await Kernel.create(await module);
      kernel.load(input);
      if (!bounds) return undefined;
      const part = kernel.branchBounds(input.ints[L.H_BRANCH_COUNT], bounds[0], bounds[1]);
      return transfer(part, [part.buffer]);
    },
    /**
     * Computes part `part` of `parts` of the run's media tables (encoding's costly part), before
     * init; without a scenario and catalog, of the ones last sent.
     */
    encodeMedia(scenario: Scenario | undefined, catalog: Catalog | undefined, part: number, parts: number, runKey?: string): MediaTables {
      const held = inputsOf(scenario, catalog);
      const ctx = buildContext(held.scenario, held.catalog);
      if ('ok' in ctx) throw new Error(ctx.reason);
      const assessor = new Assessor(ctx);
      // Kept for this run's materializing: its floor-plan walks for these group sizes are then done.
      run = runKey === undefined ? undefined : { key: runKey, assessor };
      const tables = encodeMedia(assessor, part, parts);
      return transfer(tables, [tables.entries.buffer as ArrayBuffer, tables.data.buffer as ArrayBuffer]);
    },
    /**
     * Computes media chunks of `chunks` taken from shared claims as claimer `me` until none is left
     * (see WorkerPool.startMedia), each as encodeMedia computes it: (chunk, tables) pairs.
     */
    encodeMediaClaims(scenario: Scenario | undefined, catalog: Catalog | undefined, claims: WaveClaims, me: number, chunks: number, runKey?: string): [number, MediaTables][] {
      const held = inputsOf(scenario, catalog);
      const ctx = buildContext(held.scenario, held.catalog);
      if ('ok' in ctx) throw new Error(ctx.reason);
      const assessor = new Assessor(ctx);
      run = runKey === undefined ? undefined : { key: runKey, assessor };
      const out: [number, MediaTables][] = [];
      for (let c = claimNext(claims, me); c; c = claimNext(claims, me)) out.push([c[0], encodeMedia(assessor, c[0], chunks)]);
      // The tables are this call's own: they move to the page rather than being copied.
      return transfer(out, out.flatMap(([, t]) => [t.entries.buffer as ArrayBuffer, t.data.buffer as ArrayBuffer]));
    },
    /**
     * Candidates of some of a run's result designs (materializing is the merge's costly part). The
     * worker that encoded the run's media is asked without its scenario and catalog (a catalog is
     * some 200 KB to copy each way): null then means it no longer holds that run, so ask again with them.
     */
    materialize(scenario: Scenario | undefined, catalog: Catalog | undefined, designs: ResultDesign[], runKey?: string): WireCandidates | null {
      if (run && runKey !== undefined && run.key === runKey) return materializeForWire(run.assessor, designs);
      if (!scenario || !catalog) return null;
      const ctx = buildContext(scenario, catalog);
      if ('ok' in ctx) throw new Error(ctx.reason);
      return materializeForWire(new Assessor(ctx), designs);
    },
    /** Whole-branch lower bounds of branches [from, to) (all by default), for ordering shards (see planWaves). */
    branchBounds(count: number, from = 0, to = count): Float64Array {
      if (!kernel) throw new KernelError('worker not initialised');
      const part = kernel.branchBounds(count, from, to);
      return transfer(part, [part.buffer]);
    },
    /** Prepares this worker for a robustness analysis's jobs (once per worker and analysis). */
    async robustnessSetup(runKey: string, scenario: Scenario, catalog: Catalog): Promise<void> {
      if (robustness?.key === runKey) return;
      if (typeof WebAssembly !== 'object')
        throw new KernelError('WebAssembly is not available in this environment; the search kernel cannot run');
      module ??= host.kernelBytes().then((bytes) => compileKernel(bytes));
      // An instance of its own: a search run on this worker keeps its loaded input.
      robustnessKernel ??= await Kernel.create(await module);
      robustness = undefined;
      robustness = { key: runKey, searcher: new SampleSearcher(scenario, catalog, robustnessKernel) };
    },
    /** Runs one job of the robustness analysis set up under `runKey` (one price set's search, pricing, or a break-even price). */
    robustnessJob(runKey: string, job: RobustnessJob): RobustnessJobResult {
      if (!robustness || robustness.key !== runKey) throw new KernelError('worker not set up for this robustness analysis');
      return robustness.searcher.run(job);
    },
    /** Evaluates one shard. */
    run(shard: number, b0: number, b1: number, prune: boolean, seed?: Seed): ShardResult | Promise<never> {
      lastReport = performance.now();
      return runShard(shard, b0, b1, prune, seed);
    },
    /**
     * Evaluates several shards of one wave, in order, in one message: a shard the bounds prune
     * whole takes about as long as a round trip to the page, so late waves would mostly wait on messages.
     */
    async runBatch(batch: [shard: number, b0: number, b1: number][], prune: boolean, seed?: Seed): Promise<Float64Array> {
      const out: ShardResult[] = [];
      lastReport = performance.now();
      for (const [shard, b0, b1] of batch) out.push(await runShard(shard, b0, b1, prune, seed));
      return packed(out);
    },
    /**
     * Takes shards of a wave from its shared claims as claimer `me` until none is left, and returns
     * their results (each names its shard) in one message.
     */
    async runClaims(claims: WaveClaims, me: number, prune: boolean, seed?: Seed): Promise<Float64Array> {
      const out: ShardResult[] = [];
      lastReport = performance.now();
      for (let job = claimNext(claims, me); job; job = claimNext(claims, me)) out.push(await runShard(job[0], job[1], job[2], prune, seed));
      return packed(out);
    },
    /**
     * Runs every wave of `waves` as claimer `me` (see src/engine/shared-waves.ts): waits until the
     * page publishes a wave, takes its shards from the shared claims, and posts their results (each
     * names its shard) on `port` as { wave, wire } before waiting for the next. Returns how many
     * messages it posted, once the last wave ran or the page stopped the waves.
     */
    async runWaves(waves: SharedWaves, me: number, prune: boolean, port: ResultPort): Promise<number> {
      let posted = 0;
      for (let k = 0; k < waveCount(waves); k++) {
        if (!awaitWave(waves, k)) break;
        lastReport = performance.now();
        const claims = claimsOf(waves, k);
        const out: ShardResult[] = [];
        let seed: Seed | undefined;
        for (;;) {
          const job = stopped(waves) ? undefined : claimNext(claims, me);
          if (!job) break;
          if (fault === 'throw-mid-wave') {
            // Another worker finished a shard once it took a second.
            const until = performance.now() + 2000;
            while (performance.now() < until && takenByOthers(claims, me) < 2) continue;
            throw new Error('injected fault: worker threw mid-wave');
          }
          // Read once this worker holds a shard of wave k: the page cannot be writing the next seed then.
          seed ??= readSeed(waves);
          out.push(await runShard(job[0], job[1], job[2], prune, seed));
        }
        if (!out.length) continue;
        const wire = packShards(out);
        port.postMessage({ wave: k, wire }, [wire.buffer as ArrayBuffer]);
        posted++;
      }
      return posted;
    },
  };

  /** How many shards of a wave claimers other than `me` took so far. */
  function takenByOthers(claims: WaveClaims, me: number): number {
    let n = 0;
    for (let at = 0; at < claims.jobs.length / 3; at++) {
      const who = claimerAt(claims, at);
      if (who !== 0 && who !== me) n++;
    }
    return n;
  }

  /** Shard results as the page takes them: packed (src/engine/shard-wire.ts), the buffer transferred. */
  function packed(results: ShardResult[]): Float64Array {
    const wire = packShards(results);
    return transfer(wire, [wire.buffer]);
  }

  /** Where progress within a shard goes from now on. */
  function setProgress(fn: ((shard: number, done: number) => unknown) | undefined): void {
    // The previous run's callback is a proxy holding a message port: close it.
    (progress as Remote<(shard: number, done: number) => unknown> | undefined)?.[releaseProxy]?.();
    progress = fn;
  }

  function runShard(shard: number, b0: number, b1: number, prune: boolean, seed?: Seed): ShardResult | Promise<never> {
    if (!kernel) throw new KernelError('worker not initialised');
    if (shardsRun++ === 0) {
      if (fault === 'throw-on-first-shard') throw new Error('injected fault: worker threw on its first shard');
      if (fault === 'exit-on-first-shard') host.exit();
      if (fault === 'vanish-mid-shard' || fault === 'hang-mid-shard') {
        void progress?.(shard, 0);
        if (fault === 'vanish-mid-shard') {
          host.vanish();
          return new Promise<never>(() => {});
        }
        // A synchronous loop that never reports again; only terminate() ends it.
        for (;;) if (performance.now() < 0) break;
      }
    }
    return kernel.run(shard, b0, b1, prune, (done) => {
      const now = performance.now();
      if (progress && now - lastReport >= PROGRESS_INTERVAL_MS) {
        lastReport = now;
        void progress(shard, done);
      }
    }, seed);
  }
}

export type SearchApi = ReturnType<typeof createSearchApi>;
