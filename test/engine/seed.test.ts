// The seed of a wave (src/engine/seed.ts) is built as shard results arrive; it must be the one the
// whole set of finished shards gives at once, in any arrival order, or results would depend on
// how many workers ran and which finished first.
import { describe, expect, it } from 'vitest';
import type { Seed, ShardItem, ShardResult } from '../../src/engine/kernel';
import { SeedBuilder, seedFrom } from '../../src/engine/seed';
import { random } from '../fixtures/random';

/** The seed by its definition: K-th smallest objective of every top item; every Pareto point no other strictly dominates, by oversubscription. */
function seedByDefinition(results: ShardResult[], topK: number, cap: number): Seed {
  const objectives = results.flatMap((r) => r.top.map((t) => t.objectiveCents)).sort((a, b) => a - b);
  const pts = results.flatMap((r) => r.pareto);
  const front = pts.filter((p) => !pts.some((q) => q !== p && q.objectiveCents <= p.objectiveCents && q.oversubscription <= p.oversubscription
    && q.milliwatts <= p.milliwatts && (q.objectiveCents < p.objectiveCents || q.oversubscription < p.oversubscription || q.milliwatts < p.milliwatts)));
  front.sort((p, q) => p.oversubscription - q.oversubscription || p.objectiveCents - q.objectiveCents || p.milliwatts - q.milliwatts);
  return { kth: objectives.length >= topK ? objectives[topK - 1] : Infinity, points: front.slice(0, cap).flatMap((p) => [p.objectiveCents, p.oversubscription, p.milliwatts]) };
}

function shardResults(rand: () => number, shards: number, topMax = 4): ShardResult[] {
  // Few distinct values, so ties and equal points are common.
  const item = (): ShardItem => ({ design: [], objectiveCents: 1000 + Math.floor(rand() * 12) * 50, oversubscription: 1 + Math.floor(rand() * 4) / 2, milliwatts: 100 + Math.floor(rand() * 5) * 10 });
  return Array.from({ length: shards }, (_, shard) => ({
    shard, evaluated: 0, pruned: 0, feasible: 0, spaceSize: 0, tallies: [],
    top: Array.from({ length: Math.floor(rand() * topMax) }, item),
    pareto: Array.from({ length: Math.floor(rand() * 8) }, item),
  }));
}

describe('wave seeds', () => {
  it('built as results arrive, in any order, equal the seed of all results at once', () => {
    const rand = random(7);
    for (let run = 0; run < 400; run++) {
      // A quarter of the runs keep hundreds of objectives, as a phased search's wide asks do.
      const wide = run % 4 === 3;
      const results = shardResults(rand, 1 + Math.floor(rand() * 12), wide ? 80 : 4);
      const topK = 1 + Math.floor(rand() * (wide ? 300 : 6));
      const cap = 1 + Math.floor(rand() * 10);
      const expected = seedByDefinition(results, topK, cap);
      expect(seedFrom(results, topK, cap)).toEqual(expected);
      const order = [...results].sort(() => rand() - 0.5);
      const builder = new SeedBuilder(topK);
      for (const r of order) builder.add(r);
      expect(builder.seed(cap)).toEqual(expected);
    }
  });

  it('is no seed before any shard ends, and skips shards not run yet', () => {
    expect(seedFrom([undefined, undefined], 3, 10)).toEqual({ kth: Infinity, points: [] });
    const [a] = shardResults(random(1), 1);
    expect(seedFrom([undefined, a], 1, 99)).toEqual(seedByDefinition([a], 1, 99));
  });
});
