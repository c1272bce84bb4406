// splitDesigns (src/engine/materialize-split.ts): which worker materializes which result design.
import { describe, expect, it } from 'vitest';
import { splitDesigns } from '../../src/engine/materialize-split';

/** A small deterministic generator, so the random cases are the same on every run. */
function lcg(seed: number) {
  let x = seed;
  return (n: number) => {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    return x % n;
  };
}

describe('splitting result designs between workers', () => {
  it('keeps each group size on the lane that walked it when the shares stay even', () => {
    // Sizes 8 and 16 were walked by lane 0, 12 and 24 by lane 1: three designs each way.
    const sizes = [8, 12, 16, 24, 8, 12];
    const laneOf = (n: number) => (n === 8 || n === 16 ? 0 : 1);
    expect(splitDesigns(sizes, laneOf, 2)).toEqual([[0, 2, 4], [1, 3, 5]]);
  });

  it('moves whole group sizes off a lane that walked more than its share', () => {
    // Lane 0 walked every size: it keeps the largest group (4 designs, its share), the rest go to lane 1.
    const sizes = [8, 8, 8, 8, 12, 12, 16, 16];
    expect(splitDesigns(sizes, () => 0, 2)).toEqual([[0, 1, 2, 3], [4, 5, 6, 7]]);
  });

  it('places sizes no lane walked (-1) on the lane holding the fewest designs', () => {
    expect(splitDesigns([5, 6, 7, 5], () => -1, 2)).toEqual([[0, 3], [1, 2]]);
    expect(splitDesigns([], () => 0, 2)).toEqual([[], []]);
    expect(splitDesigns([9, 9], () => 0, 1)).toEqual([[0, 1]]);
  });

  it('covers every design once, and leaves no lane more than the largest group size over an even share', () => {
    const rand = lcg(7);
    for (let trial = 0; trial < 500; trial++) {
      const lanes = 1 + rand(4);
      const count = rand(120);
      const distinct = 1 + rand(40);
      const sizes = Array.from({ length: count }, () => 1 + rand(distinct));
      const owner = Array.from({ length: distinct + 1 }, () => rand(lanes + 1) - 1);
      const split = splitDesigns(sizes, (n) => owner[n], lanes);
      expect(split.length).toBe(lanes);
      const all = split.flat().sort((a, b) => a - b);
      expect(all).toEqual(sizes.map((_, i) => i));
      for (const list of split) expect(list).toEqual([...list].sort((a, b) => a - b));
      // A group size is never split between lanes.
      const laneOfDesign = new Map<number, number>();
      split.forEach((list, lane) => list.forEach((i) => laneOfDesign.set(i, lane)));
      const laneOfSize = new Map<number, number>();
      sizes.forEach((n, i) => {
        if (laneOfSize.has(n)) expect(laneOfDesign.get(i)).toBe(laneOfSize.get(n));
        else laneOfSize.set(n, laneOfDesign.get(i)!);
      });
      const biggest = Math.max(0, ...[...new Set(sizes)].map((n) => sizes.filter((x) => x === n).length));
      for (const list of split) expect(list.length).toBeLessThanOrEqual(Math.ceil(count / lanes) + biggest);
    }
  });
});
