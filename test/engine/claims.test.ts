import { describe, expect, it } from 'vitest';
import { canClaim, claimedBy, claimerAt, claimNext, waveClaims } from '../../src/engine/claims';

describe('shard claims', () => {
  const shards: [number, number][] = [[0, 3], [3, 4], [4, 9], [9, 10], [10, 12]];

  it('are available in Node', () => {
    expect(canClaim()).toBe(true);
  });

  it('hand out every shard of a wave once, in the order given, whoever takes it', () => {
    const c = waveClaims([4, 0, 2], shards);
    expect(claimNext(c, 1)).toEqual([4, 10, 12]);
    expect(claimNext(c, 2)).toEqual([0, 0, 3]);
    expect(claimNext(c, 1)).toEqual([2, 4, 9]);
    expect(claimNext(c, 2)).toBeUndefined();
    expect(claimNext(c, 1)).toBeUndefined();
    expect(claimedBy(c, 1)).toEqual([4, 2]);
    expect(claimedBy(c, 2)).toEqual([0]);
    expect([0, 1, 2].map((at) => claimerAt(c, at))).toEqual([1, 2, 1]);
  });

  it('mark nothing as taken before anyone claims', () => {
    const c = waveClaims([1, 3], shards);
    expect(claimerAt(c, 0)).toBe(0);
    expect(claimedBy(c, 1)).toEqual([]);
  });

  it('share their counter and marks across threads (the memory is shared, the jobs are copied)', () => {
    const c = waveClaims([0, 1, 2, 3, 4], shards);
    // What a worker receives: a structured clone, whose slots view the same memory.
    const there = structuredClone(c);
    expect(there.slots.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(claimNext(there, 7)).toEqual([0, 0, 3]);
    expect(claimNext(c, 8)).toEqual([1, 3, 4]);
    expect(claimedBy(c, 7)).toEqual([0]);
    expect(claimedBy(there, 8)).toEqual([1]);
  });
});
