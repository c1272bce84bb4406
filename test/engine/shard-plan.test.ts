// The shard plan (src/engine/merge.ts planShards, planWaves): the 1- and 2-tier branches in many
// small shards run in growing seeded waves, best bound first, before the 3-tier shards. On the L
// benchmark scenario that plan must give the kernel's answer of one unseeded wave of them all while
// evaluating fewer designs, and leave no shard with a large share of the work.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as L from '../../assembly/layout';
import { defaultCatalog } from '../../src/catalog/default';
import { Kernel, type ShardResult } from '../../src/engine/kernel';
import { mergeShards, planWaves, SHALLOW_SHARDS } from '../../src/engine/merge';
import { prepareSearch, type PreparedSearch } from '../../src/engine/search';
import { seedFrom } from '../../src/engine/seed';
import { nodeKernelModule } from '../../src/engine/wasm-node';
import { ScenarioSchema } from '../../src/model/scenario';

const scenario = ScenarioSchema.parse(JSON.parse(readFileSync(new URL('../bench/l.json', import.meta.url), 'utf8')));

function prepared(): PreparedSearch {
  const p = prepareSearch(scenario, defaultCatalog);
  if ('ok' in p) throw new Error(p.reason);
  return p;
}

/** Runs `waves` in order on one kernel, each seeded with the results before it. */
function runWaves(kernel: Kernel, p: PreparedSearch, waves: number[][]): ShardResult[] {
  kernel.load(p.encoding.input);
  const results: (ShardResult | undefined)[] = p.shards.map(() => undefined);
  for (const wave of waves) {
    const seed = seedFrom(results, scenario.search.topK, p.encoding.input.ints[L.H_PARETO_CAP]);
    for (const s of wave) results[s] = kernel.run(s, p.shards[s][0], p.shards[s][1], true, undefined, seed);
  }
  return results as ShardResult[];
}

describe('shard plan', () => {
  it('cuts the 1- and 2-tier branches into at least SHALLOW_SHARDS shards, never mixed with 3-tier ones, covering every branch once', () => {
    const { encoding, shards } = prepared();
    const deep = (b: number) => encoding.branchTiers[b] === 3;
    let next = 0;
    for (const [b0, b1] of shards) {
      expect(b0).toBe(next);
      next = b1;
      for (let b = b0; b < b1; b++) expect(deep(b)).toBe(deep(b0));
    }
    expect(next).toBe(encoding.branchCount);
    const shallowBranches = Array.from({ length: encoding.branchCount }, (_, b) => b).filter((b) => !deep(b)).length;
    expect(shallowBranches).toBeGreaterThan(SHALLOW_SHARDS);
    expect(shards.filter(([b0]) => !deep(b0)).length).toBeGreaterThanOrEqual(SHALLOW_SHARDS);
  });

  it('runs the 1- and 2-tier shards first, in growing waves of the best bounds, and every shard once', async () => {
    const p = prepared();
    const kernel = await Kernel.create(await nodeKernelModule());
    kernel.load(p.encoding.input);
    const bounds = kernel.branchBounds(p.encoding.branchCount);
    const waves = planWaves(p.encoding, p.shards, bounds);
    const deep = (s: number) => p.encoding.branchTiers[p.shards[s][0]] === 3;
    const best = (s: number) => Math.min(...Array.from({ length: p.shards[s][1] - p.shards[s][0] }, (_, j) => bounds[p.shards[s][0] + j]));
    expect(waves.flat().sort((a, b) => a - b)).toEqual(p.shards.map((_, i) => i));
    const shallowWaves = waves.filter((w) => !deep(w[0]));
    // Every wave is one kind, and the 1- and 2-tier waves come first.
    for (const w of waves) expect(new Set(w.map(deep)).size).toBe(1);
    expect(waves.slice(0, shallowWaves.length)).toEqual(shallowWaves);
    // Three waves growing to 10%, 25% and all of them; each ends no better than the next begins.
    const shallow = shallowWaves.flat().length;
    expect(shallowWaves.map((w) => w.length)).toEqual([Math.ceil(shallow * 0.1), Math.ceil(shallow * 0.25) - Math.ceil(shallow * 0.1), shallow - Math.ceil(shallow * 0.25)]);
    for (let i = 1; i < shallowWaves.length; i++) expect(Math.max(...shallowWaves[i - 1].map(best))).toBeLessThanOrEqual(Math.min(...shallowWaves[i].map(best)));
  });

  it("has each branch's bound the same whether computed with all of them or in ranges, before or after seeded shards ran", async () => {
    // The pool has each worker it starts compute a share of the bounds (WorkerPool.run): a worker
    // reused from an earlier run has run seeded shards, and a bound must not depend on that.
    const p = prepared();
    const count = p.encoding.branchCount;
    const kernel = await Kernel.create(await nodeKernelModule());
    kernel.load(p.encoding.input);
    const whole = kernel.branchBounds(count);
    expect(whole.length).toBe(count);
    expect(whole.some((b) => b > 0 && Number.isFinite(b))).toBe(true);
    expect(whole.some((b) => b === Infinity)).toBe(true);
    runWaves(kernel, p, planWaves(p.encoding, p.shards, whole).slice(0, 3));
    const cuts = [0, 1, Math.floor(count / 3), Math.floor(count / 2), count - 1, count];
    const pieces = cuts.slice(1).map((to, i) => kernel.branchBounds(count, cuts[i], to));
    expect(pieces.map((x) => x.length)).toEqual(cuts.slice(1).map((to, i) => to - cuts[i]));
    const joined = new Float64Array(count);
    pieces.forEach((x, i) => joined.set(x, cuts[i]));
    expect(Array.from(joined)).toEqual(Array.from(whole));
    expect(kernel.branchBounds(count, 5, 5).length).toBe(0);
    expect(() => kernel.branchBounds(count, 3, 2)).toThrow(/branch bounds asked for branches \[3, 2\)/);
    expect(() => kernel.branchBounds(count, 0, count + 1)).toThrow(/of \d+/);
  });

  it('gives the answer of one unseeded wave of the 1- and 2-tier shards, evaluating fewer designs and with no shard holding a tenth of them', async () => {
    const p = prepared();
    const kernel = await Kernel.create(await nodeKernelModule());
    kernel.load(p.encoding.input);
    const waves = planWaves(p.encoding, p.shards, kernel.branchBounds(p.encoding.branchCount));
    const deep = (s: number) => p.encoding.branchTiers[p.shards[s][0]] === 3;
    const oneShallowWave = [waves.flat().filter((s) => !deep(s)), ...waves.filter((w) => deep(w[0]))];
    const planned = runWaves(kernel, p, waves);
    const single = runWaves(kernel, p, oneShallowWave);
    const info = { elapsedMs: 0, workers: 1 };
    const answer = (rs: ShardResult[]) => {
      const r = mergeShards(p.assessor, p.encoding, rs, info);
      return JSON.stringify([r.candidates, r.pareto, r.stats.spaceSize]);
    };
    expect(answer(planned)).toBe(answer(single));
    const evaluated = (rs: ShardResult[]) => rs.reduce((n, r) => n + r.evaluated, 0);
    expect(evaluated(planned)).toBeLessThan(evaluated(single));
    // The work a shard holds, as designs it evaluated: none near a tenth of the run's.
    expect(Math.max(...planned.map((r) => r.evaluated))).toBeLessThan(evaluated(planned) / 10);
  });
});
