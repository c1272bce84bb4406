// Shard claims: the shards of one wave, in the order the pool wants them run, with a counter in
// shared memory from which every worker takes its next shard itself. A wave then costs one message
// each way per worker, instead of one per batch of shards through this thread (which, on a machine
// whose cores the workers keep busy, answered late: up to several milliseconds a batch). Which
// worker runs which shard never changes a result: every shard of a wave has the same seed. A run's
// media chunks are claimed the same way (indexClaims), so a busier worker computes fewer.
//
// Needs SharedArrayBuffer: always in Node; in a browser only on a cross-origin-isolated page
// (without it the pool hands out shards in batches by message and media in one part per worker).

/** One wave's shards and the shared counter and claim marks its workers take them by. */
export interface WaveClaims {
  /** (shard, first branch, end branch) per position, in the pool's order. */
  jobs: Int32Array;
  /** Shared: [0] the next position to take; [1 + position] who took it (0 until taken). */
  slots: Int32Array;
}

/** Whether this environment can share a wave's claims with its workers. */
export function canClaim(): boolean {
  // A browser page that is not cross-origin isolated may still name SharedArrayBuffer but cannot post it.
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated;
  return typeof SharedArrayBuffer === 'function' && typeof Atomics === 'object' && isolated !== false;
}

/** The claims of a wave: shards in `order`, each with its branch range from `shards`. */
export function waveClaims(order: readonly number[], shards: readonly (readonly [number, number])[]): WaveClaims {
  const jobs = new Int32Array(order.length * 3);
  order.forEach((shard, i) => {
    jobs[3 * i] = shard;
    jobs[3 * i + 1] = shards[shard][0];
    jobs[3 * i + 2] = shards[shard][1];
  });
  return { jobs, slots: new Int32Array(new SharedArrayBuffer(4 * (order.length + 1))) };
}

/** Claims of tasks 0 .. count - 1, with no branch ranges (a run's media chunks, say). */
export function indexClaims(count: number): WaveClaims {
  const ids = Array.from({ length: count }, (_, i) => i);
  return waveClaims(ids, ids.map((): [number, number] => [0, 0]));
}

/** Takes the next shard for claimer `me` (not 0): (shard, b0, b1), or undefined when none is left. */
export function claimNext(c: WaveClaims, me: number): [number, number, number] | undefined {
  const at = Atomics.add(c.slots, 0, 1);
  if (at >= c.jobs.length / 3) return undefined;
  Atomics.store(c.slots, at + 1, me);
  return [c.jobs[3 * at], c.jobs[3 * at + 1], c.jobs[3 * at + 2]];
}

/** The shards claimer `me` took, in the order it took them. */
export function claimedBy(c: WaveClaims, me: number): number[] {
  const out: number[] = [];
  const n = c.jobs.length / 3;
  for (let at = 0; at < n; at++) if (Atomics.load(c.slots, at + 1) === me) out.push(c.jobs[3 * at]);
  return out;
}

/** Who took the shard at `position` (0 while nobody has). */
export function claimerAt(c: WaveClaims, position: number): number {
  return Atomics.load(c.slots, position + 1);
}
