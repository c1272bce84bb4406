// Scoring kept designs while the waves run (src/engine/prescore.ts): the merge then finds every
// design it keeps already scored, designs that can no longer be kept are not scored, and the
// result is the same bytes as a merge that scores everything itself.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as L from '../../assembly/layout';
import { defaultCatalog } from '../../src/catalog/default';
import { Kernel, type ShardResult } from '../../src/engine/kernel';
import { mergeForMaterializing, planWaves } from '../../src/engine/merge';
import { Prescorer } from '../../src/engine/prescore';
import { prepareSearch, type PreparedSearch } from '../../src/engine/search';
import { seedFrom, SeedBuilder } from '../../src/engine/seed';
import { nodeKernelModule } from '../../src/engine/wasm-node';
import { ScenarioSchema } from '../../src/model/scenario';

const scenario = ScenarioSchema.parse(JSON.parse(readFileSync(new URL('../bench/m.json', import.meta.url), 'utf8')));

/** The run's waves on one kernel, as the pool runs them: each wave's results in arrival order. */
async function waves(): Promise<{ p: PreparedSearch; results: ShardResult[]; byWave: ShardResult[][] }> {
  const p = prepareSearch(scenario, defaultCatalog);
  if ('ok' in p) throw new Error(p.reason);
  const kernel = await Kernel.create(await nodeKernelModule());
  kernel.load(p.encoding.input);
  const results: (ShardResult | undefined)[] = p.shards.map(() => undefined);
  const byWave: ShardResult[][] = [];
  for (const wave of planWaves(p.encoding, p.shards, kernel.branchBounds(p.encoding.branchCount))) {
    const seed = seedFrom(results, scenario.search.topK, p.encoding.input.ints[L.H_PARETO_CAP]);
    byWave.push(wave.map((s) => (results[s] = kernel.run(s, p.shards[s][0], p.shards[s][1], true, undefined, seed))));
  }
  return { p, results: results as ShardResult[], byWave };
}

describe('prescoring', () => {
  it('scores, wave by wave, every design the merge keeps and not the ones it can no longer keep, for the same result', async () => {
    const { p, results, byWave } = await waves();
    const info = { elapsedMs: 0, workers: 1 };
    const plain = mergeForMaterializing(p.assessor, p.encoding, results, info);
    const bar = new SeedBuilder(scenario.search.topK);
    const prescorer = new Prescorer(p.assessor, p.encoding, bar);
    for (const wave of byWave) {
      for (const r of wave) {
        bar.add(r);
        prescorer.add(r);
      }
      // Slices as the pool gives them, until nothing is left.
      while (prescorer.work(1));
    }
    const before = prescorer.scoredCount;
    const merged = mergeForMaterializing(p.assessor, p.encoding, results, info, prescorer);
    expect(prescorer.scoredCount).toBe(before);
    const items = results.reduce((n, r) => n + r.top.length + r.pareto.length, 0);
    expect(before).toBeGreaterThanOrEqual(merged.designs.length);
    expect(before).toBeLessThan(items);
    expect(JSON.stringify(merged.designs)).toBe(JSON.stringify(plain.designs));
    expect(merged.paretoAt).toEqual(plain.paretoAt);
    expect(merged.stats).toEqual(plain.stats);
  });

  it('waits with the designs kept for their objective until K are known', async () => {
    const { p, results } = await waves();
    const bar = new SeedBuilder(1_000_000);
    const prescorer = new Prescorer(p.assessor, p.encoding, bar);
    const first = { ...results.find((r) => r.top.length > 0)!, pareto: [] };
    bar.add(first);
    prescorer.add(first);
    expect(prescorer.work(1000)).toBe(false);
    expect(prescorer.scoredCount).toBe(0);
    // Asked for, a design is scored then (the merge's fallback).
    prescorer.score(first.top[0]);
    expect(prescorer.scoredCount).toBe(1);
  });

  it('knows the K-th best objective and which points the front strictly dominates', () => {
    const b = new SeedBuilder(2);
    const item = (objectiveCents: number, oversubscription: number, milliwatts: number) => ({ design: [], objectiveCents, oversubscription, milliwatts });
    const result = (top: number[], pareto: ReturnType<typeof item>[]): ShardResult =>
      ({ shard: 0, evaluated: 0, pruned: 0, feasible: 0, spaceSize: 0, top: top.map((o) => item(o, 1, 1)), pareto, tallies: [] });
    expect(b.kth()).toBe(Infinity);
    b.add(result([30], [item(30, 2, 5)]));
    expect(b.kth()).toBe(Infinity);
    b.add(result([10, 20], [item(10, 3, 5)]));
    expect(b.kth()).toBe(20);
    expect(b.dominated(item(31, 2, 5))).toBe(true);
    expect(b.dominated(item(30, 2, 5))).toBe(false); // equal points all stay
    expect(b.dominated(item(5, 9, 9))).toBe(false);
    expect(b.dominated(item(11, 3, 5))).toBe(true);
  });
});
