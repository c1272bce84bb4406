import { describe, expect, it } from 'vitest';
import { Worker } from 'node:worker_threads';
import { claimedBy, claimNext } from '../../src/engine/claims';
import { awaitWave, claimsOf, publish, readSeed, sharedWaves, stop, stopped, waveCount } from '../../src/engine/shared-waves';

describe('shared waves', () => {
  const shards: [number, number][] = [[0, 3], [3, 4], [4, 9], [9, 10], [10, 12]];

  it('hold each wave as its own claims, in the order given', () => {
    const w = sharedWaves([[4, 0], [2], [1, 3]], shards, 4);
    expect(waveCount(w)).toBe(3);
    const second = claimsOf(w, 1);
    expect(claimNext(second, 7)).toEqual([2, 4, 9]);
    expect(claimNext(second, 7)).toBeUndefined();
    // Taking wave 1's shards leaves wave 0's and wave 2's untouched.
    const first = claimsOf(w, 0);
    expect(claimNext(first, 5)).toEqual([4, 10, 12]);
    expect(claimNext(first, 6)).toEqual([0, 0, 3]);
    expect(claimNext(first, 5)).toBeUndefined();
    expect(claimedBy(first, 5)).toEqual([4]);
    expect(claimedBy(claimsOf(w, 2), 5)).toEqual([]);
    expect(claimNext(claimsOf(w, 2), 8)).toEqual([1, 3, 4]);
  });

  it('let a wave be taken once it is published, with its seed, and no wave after the page stops them', () => {
    const w = sharedWaves([[0], [1]], shards, 2);
    publish(w, 0, { kth: Infinity, points: [] });
    expect(awaitWave(w, 0)).toBe(true);
    expect(readSeed(w)).toEqual({ kth: Infinity, points: [] });
    publish(w, 1, { kth: 1234, points: [5, 1.5, 6, 7, 2, 8] });
    expect(readSeed(w)).toEqual({ kth: 1234, points: [5, 1.5, 6, 7, 2, 8] });
    expect(awaitWave(w, 1)).toBe(true);
    expect(stopped(w)).toBe(false);
    stop(w);
    expect(stopped(w)).toBe(true);
    expect(awaitWave(w, 1)).toBe(false);
  });

  it('refuse a seed with more points than the plan holds', () => {
    const w = sharedWaves([[0]], shards, 1);
    expect(() => publish(w, 0, { kth: 1, points: [1, 1, 1, 2, 0.5, 2] })).toThrow(/seed has 2 points, more than the 1 its plan holds/);
  });

  it('let a worker waiting for the next wave go on when it is published, and end when the waves stop', async () => {
    const w = sharedWaves([[0], [1], [2]], shards, 2);
    publish(w, 0, { kth: Infinity, points: [] });
    // A worker that waits with awaitWave itself.
    const module = new URL('../../src/engine/shared-waves.ts', import.meta.url).href;
    const waiter = (k: number) => new Worker(new URL('./shared-waves-waiter.mjs', import.meta.url), { workerData: { waves: w, module, k } });
    const said = (worker: Worker) => {
      const heard: string[] = [];
      let waiting = () => {};
      let failed = (_: Error) => {};
      const ready = new Promise<void>((resolve, reject) => ((waiting = resolve), (failed = reject)));
      const done = new Promise<string>((resolve, reject) => {
        worker.on('message', (m: string) => (m === 'waiting' ? waiting() : (heard.push(m), resolve(m))));
        worker.once('error', (e) => (failed(e), reject(e)));
      });
      return { ready, done, heard };
    };
    const first = waiter(1);
    const firstSaid = said(first);
    await firstSaid.ready;
    await new Promise((r) => setTimeout(r, 50));
    expect(firstSaid.heard).toEqual([]);
    publish(w, 1, { kth: 10, points: [] });
    expect(await firstSaid.done).toBe('published');
    const second = waiter(2);
    const secondSaid = said(second);
    await secondSaid.ready;
    await new Promise((r) => setTimeout(r, 50));
    expect(secondSaid.heard).toEqual([]);
    stop(w);
    expect(await secondSaid.done).toBe('stopped');
    await Promise.all([first.terminate(), second.terminate()]);
  }, 20_000);
});
