// TopK (src/topology/optimize.ts) keeps the K best rows (classes) by byRank, each represented by
// its smallest design key, whatever order the designs arrive in. Both engines rank through it, and
// a phased search asks it for tens of thousands of rows, so it finds a held class by its key and
// inserts by binary search; these tests hold it to its definition. offer() names the row that
// left, which the phased ranking uses to drop that row's build.
import { describe, expect, it } from 'vitest';
import { byRank, TopK, type Scored } from '../../src/topology/optimize';
import { compareKeys } from '../../src/topology/shape';
import { random } from '../fixtures/random';

/**
 * Designs of `classes` rows: members of a row share its objective (as real class members share
 * their figures) and differ in the last key word, as pod splits do; objectives repeat across rows.
 */
function designs(rand: () => number, classes: number, members: number): Scored[] {
  const out: Scored[] = [];
  for (let c = 0; c < classes; c++) {
    const objectiveCents = 1000 + Math.floor(rand() * classes) * 25;
    const classKey = [c % 3, Math.floor(c / 3), 7];
    const splits = new Set<number>();
    while (splits.size < members) splits.add(Math.floor(rand() * 1000));
    for (const split of splits) out.push({ design: {} as Scored['design'], key: [...classKey, split], classKey, objectiveCents, oversubscription: 1, milliwatts: 0 });
  }
  return out;
}

/** The K best rows by definition: each row's smallest key, the rows sorted by byRank, the first K. */
function byDefinition(items: Scored[], k: number): Scored[] {
  const rows = new Map<string, Scored>();
  for (const s of items) {
    const id = s.classKey.join();
    const held = rows.get(id);
    if (!held || compareKeys(s.key, held.key) < 0) rows.set(id, s);
  }
  return [...rows.values()].sort(byRank).slice(0, k);
}

function shuffled<T>(xs: T[], rand: () => number): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe('the top K rows', () => {
  it('are the K best rows by definition, each by its smallest key, in any arrival order', () => {
    const rand = random(3);
    for (let run = 0; run < 200; run++) {
      const items = designs(rand, 1 + Math.floor(rand() * 60), 1 + Math.floor(rand() * 4));
      const k = 1 + Math.floor(rand() * 40);
      const want = byDefinition(items, k).map((s) => s.key);
      for (const order of [items, shuffled(items, rand), [...items].sort(byRank), [...items].sort(byRank).reverse()]) {
        const top = new TopK(k);
        for (const s of order) {
          const before = [...top.items, s];
          const gone = top.offer(s);
          // It names the one row no longer held (s itself, a replaced member or the row pushed past K), if any.
          const left = before.filter((x) => !top.items.includes(x));
          expect(left.length).toBeLessThanOrEqual(1);
          expect(gone).toBe(left[0]);
        }
        expect(top.items.map((s) => s.key)).toEqual(want);
        expect(top.bound()).toBe(want.length < k ? Infinity : byDefinition(items, k)[k - 1].objectiveCents);
      }
    }
  });

  it('holds thousands of rows, with rows pushed out and members replacing held ones', () => {
    const rand = random(11);
    const items = designs(rand, 6000, 3);
    for (const k of [2500, 6000, 9000]) {
      const top = new TopK(k);
      for (const s of shuffled(items, rand)) top.offer(s);
      expect(top.items.map((s) => s.key)).toEqual(byDefinition(items, k).map((s) => s.key));
    }
  });
});
