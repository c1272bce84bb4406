// A run's waves in shared memory, so search workers go from one wave to the next without a message
// from the page. Each worker makes one call for the whole run: it takes shards of the current wave
// from shared claims (src/engine/claims.ts), posts their results, then waits in Atomics.wait until
// the page publishes the next wave's seed. The page still keeps every result and builds every seed
// (src/engine/seed.ts), so the answer is the one the waves give when sent one message at a time.
// What goes is the page's message per worker per wave: posted one after the other, each woken
// worker took the page's core, so on the M benchmark with two workers the first started a wave's
// shards 0.4 ms and the second 1.4 ms after the page began it, on average over its eight waves.
// Woken from Atomics.wait, they start 0.07 ms and 0.45 ms after the page publishes it.
import type { WaveClaims } from './claims';
import type { Seed } from './kernel';

/** control[GEN]: the wave published last (-1 before the first); control[STOP]: 1 once the page stops the waves. */
const GEN = 0;
const STOP = 1;
/** How long a worker waits at a time before it looks at the control words again. */
const WAIT_MS = 1000;

export interface SharedWaves {
  /** (shard, first branch, end branch) per position, every wave's in turn, each in the page's order. */
  jobs: Int32Array;
  /** Wave k holds positions starts[k] .. starts[k + 1] - 1. */
  starts: Int32Array;
  /** Shared: per wave, its claims' slots (WaveClaims.slots), wave k's from starts[k] + k on. */
  slots: Int32Array;
  /** Shared: GEN and STOP. */
  control: Int32Array;
  /** Shared: the published wave's seed as [kth, point numbers, points...]. */
  seed: Float64Array;
}

/** What a worker posts after its shards of a wave: their results, packed (src/engine/shard-wire.ts). */
export interface WaveResults {
  wave: number;
  wire: Float64Array;
}

/** Where a worker posts its WaveResults: its end of a MessageChannel the page made for the run. */
export interface ResultPort {
  postMessage(message: WaveResults, transfer: ArrayBuffer[]): void;
}

/** Waves (`orders`: each wave's shards in the order workers take them) over `shards`, seeds of at most `cap` points. */
export function sharedWaves(orders: readonly (readonly number[])[], shards: readonly (readonly [number, number])[], cap: number): SharedWaves {
  const starts = new Int32Array(orders.length + 1);
  orders.forEach((order, k) => (starts[k + 1] = starts[k] + order.length));
  const count = starts[orders.length];
  const jobs = new Int32Array(3 * count);
  let at = 0;
  for (const order of orders) {
    for (const shard of order) {
      jobs[at++] = shard;
      jobs[at++] = shards[shard][0];
      jobs[at++] = shards[shard][1];
    }
  }
  const control = new Int32Array(new SharedArrayBuffer(8));
  control[GEN] = -1;
  return {
    jobs,
    starts,
    slots: new Int32Array(new SharedArrayBuffer(4 * (count + orders.length))),
    control,
    seed: new Float64Array(new SharedArrayBuffer(8 * (2 + 3 * Math.max(0, cap)))),
  };
}

export function waveCount(w: SharedWaves): number {
  return w.starts.length - 1;
}

/** Wave k's claims: views into the shared slots. */
export function claimsOf(w: SharedWaves, k: number): WaveClaims {
  const from = w.starts[k];
  const to = w.starts[k + 1];
  return { jobs: w.jobs.subarray(3 * from, 3 * to), slots: w.slots.subarray(from + k, to + k + 1) };
}

/**
 * Page: writes wave k's seed, then lets the workers take its shards. Nobody reads the seed while it
 * is written: a worker reads it only after it took a shard of the wave it belongs to, and the page
 * publishes the next wave only once every shard of this one has its result.
 */
export function publish(w: SharedWaves, k: number, seed: Seed): void {
  if (seed.points.length > w.seed.length - 2) throw new Error(`a wave's seed has ${seed.points.length / 3} points, more than the ${(w.seed.length - 2) / 3} its plan holds`);
  w.seed[0] = seed.kth;
  w.seed[1] = seed.points.length;
  w.seed.set(seed.points, 2);
  Atomics.store(w.control, GEN, k);
  Atomics.notify(w.control, GEN);
}

/** Page: stops the waves; workers end after the shard they are running. */
export function stop(w: SharedWaves): void {
  Atomics.store(w.control, STOP, 1);
  Atomics.notify(w.control, GEN);
}

export function stopped(w: SharedWaves): boolean {
  return Atomics.load(w.control, STOP) === 1;
}

/** Worker: blocks until wave k is published (true) or the waves are stopped (false). */
export function awaitWave(w: SharedWaves, k: number): boolean {
  for (;;) {
    if (stopped(w)) return false;
    const gen = Atomics.load(w.control, GEN);
    if (gen >= k) return true;
    Atomics.wait(w.control, GEN, gen, WAIT_MS);
  }
}

/** Worker: the published wave's seed. */
export function readSeed(w: SharedWaves): Seed {
  const n = w.seed[1];
  return { kth: w.seed[0], points: Array.from(w.seed.subarray(2, 2 + n)) };
}
