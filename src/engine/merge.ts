// Merges shard results deterministically (shard order, reference TopK / ParetoFront / ReasonTally)
// and materializes the winners through the reference's buildResult, so the JSON comes from the oracle.
import type { Result, SearchStats } from '../model/result';
import type { Assessor } from '../topology/assess';
import type { Context } from '../topology/context';
import { buildResult, byRank, ParetoFront, ReasonTally, TopK, type Scored } from '../topology/optimize';
import type { Candidate } from '../model/result';
import { assembleResult, resultDesigns, type ResultDesign } from '../topology/optimize';
import { classKeyFrom, designKey, shapeOf } from '../topology/shape';
import { decodeDesign, RULE_NAMES, type Encoding } from './encode';
import type { ShardItem, ShardResult } from './kernel';
import type { Prescorer } from './prescore';

export interface MergeInfo {
  elapsedMs: number;
  workers: number;
}

/** A kept design as the reference's top K and front take it: decoded, its down ports filled, keyed. */
export function scored(assessor: Assessor, encoding: Encoding, item: ShardItem): Scored {
  return scoredIn(assessor.ctx, encoding, item);
}

/**
 * scored() given the context. The design decoded here is this call's own, so its tiers take the
 * shape's down ports in place (the kernel leaves the top tier's 0; the keys keep their order), and
 * the design key is computed once for both keys: the page scores hundreds of designs a run.
 */
export function scoredIn(ctx: Context, encoding: Encoding, item: ShardItem): Scored {
  const design = decodeDesign(ctx, encoding.variants, item.design);
  const shape = shapeOf(ctx, design);
  if ('ok' in shape) throw new Error(`kernel kept a design the reference rejects (${shape.rule}: ${shape.reason})`);
  for (let i = 0; i < design.tiers.length; i++) design.tiers[i].downPorts = shape.tiers[i].downPorts;
  const key = designKey(ctx, design);
  return { design, key, classKey: classKeyFrom(key, shape), objectiveCents: item.objectiveCents, oversubscription: item.oversubscription, milliwatts: item.milliwatts };
}

/** Items no other item strictly dominates on (objective, oversubscription, power); ties all stay. */
function paretoByFigures(items: ShardItem[]): ShardItem[] {
  const sorted = [...items].sort((a, b) => a.objectiveCents - b.objectiveCents || a.oversubscription - b.oversubscription || a.milliwatts - b.milliwatts);
  const front: ShardItem[] = [];
  for (const p of sorted) {
    const beaten = front.some((q) => q.objectiveCents <= p.objectiveCents && q.oversubscription <= p.oversubscription && q.milliwatts <= p.milliwatts
      && (q.objectiveCents < p.objectiveCents || q.oversubscription < p.oversubscription || q.milliwatts < p.milliwatts));
    if (!beaten) front.push(p);
  }
  return front;
}

/** Builds the Result from every shard's output (shards must be complete and in order). */
export function mergeShards(assessor: Assessor, encoding: Encoding, shards: ShardResult[], info: MergeInfo): Result {
  const m = mergeRanked(assessor, encoding, shards, info);
  return buildResult(assessor, m.top, m.pareto, m.stats);
}

/**
 * The merge up to the designs to materialize: the caller materializes them (in workers, see
 * WorkerPool.materialize) and passes the candidates to assembleResult with `paretoAt`.
 */
export function mergeForMaterializing(assessor: Assessor, encoding: Encoding, shards: ShardResult[], info: MergeInfo, prescored?: Prescorer) {
  const m = mergeRanked(assessor, encoding, shards, info, prescored);
  const { designs, paretoAt } = resultDesigns(m.top, m.pareto);
  return { designs, paretoAt, stats: m.stats, assemble: (candidates: Candidate[]) => assembleResult(assessor, candidates, paretoAt, m.stats) };
}

export type { ResultDesign };

/**
 * Top K, Pareto front and statistics of the whole run, from every shard's output; the kept designs'
 * scores from `prescored` where it has them (the same scores: see src/engine/prescore.ts).
 */
function mergeRanked(assessor: Assessor, encoding: Encoding, shards: ShardResult[], info: MergeInfo, prescored?: Prescorer): { top: Scored[]; pareto: Scored[]; stats: SearchStats } {
  const ctx = assessor.ctx;
  const score = (item: ShardItem) => (prescored ? prescored.score(item) : scored(assessor, encoding, item));
  const top = new TopK(ctx.scenario.search.topK);
  const pareto = new ParetoFront();
  let evaluated = 0;
  let pruned = 0;
  let feasible = 0;
  let spaceSize = 0;
  const counts = RULE_NAMES.map(() => 0);
  const firsts: (number[] | undefined)[] = RULE_NAMES.map(() => undefined);
  for (const s of [...shards].sort((a, b) => a.shard - b.shard)) {
    evaluated += s.evaluated;
    pruned += s.pruned;
    feasible += s.feasible;
    spaceSize += s.spaceSize;
    s.tallies.forEach((t, r) => {
      if (t.count === 0) return;
      counts[r] += t.count;
      firsts[r] ??= t.first;
    });
  }
  // Only designs that can survive are decoded (decoding and keying cost more than comparing figures).
  const ordered = [...shards].sort((a, b) => a.shard - b.shard);
  const tops = ordered.flatMap((s) => s.top);
  const objectives = tops.map((t) => t.objectiveCents).sort((a, b) => a - b);
  const cut = objectives.length >= top.k ? objectives[top.k - 1] : Infinity;
  // Offered best first, each row goes after the held ones: a phased search's hundreds of thousands
  // of rows would otherwise each be spliced into the middle (the top K does not depend on the order).
  const survivors = tops.filter((item) => item.objectiveCents <= cut).map(score);
  for (const s of survivors.sort(byRank)) top.offer(s);
  for (const item of paretoByFigures(ordered.flatMap((s) => s.pareto))) pareto.offer(score(item));
  // Reason texts come from the reference: re-assess the first design each rule rejected.
  const reasons = new ReasonTally();
  RULE_NAMES.forEach((rule, r) => {
    const first = firsts[r];
    if (!first) return;
    const a = assessor.assess(decodeDesign(ctx, encoding.variants, first));
    if (a.ok || a.rule !== rule) throw new Error(`kernel rejected a design for ${rule}; the reference says ${a.ok ? 'feasible' : a.rule}`);
    reasons.merge([{ rule, reason: a.reason, count: counts[r] }]);
  });
  const stats: SearchStats = {
    spaceSize,
    evaluated,
    pruned,
    feasible,
    infeasible: evaluated - feasible,
    elapsedMs: info.elapsedMs,
    workers: info.workers,
    engine: 'kernel',
    infeasibleReasons: reasons.list(),
  };
  return { top: top.items, pareto: pareto.sorted(), stats };
}

/** Shards (branch ranges) and the waves they run in; a wave starts when every earlier wave is done. */
export interface ShardPlan {
  shards: [number, number][];
  waves: number[][];
}

/**
 * The 1- and 2-tier branches are cut into at least this many shards of similar weight of their own.
 * Their weights (designs) are tiny beside the 3-tier branches' (worst-case sweeps), so cut by the
 * whole space's weight they ended as a few shards, one of which held 40% of the L benchmark's kernel
 * time and kept the other worker idle; in small shards they also run in seeded waves (planWaves).
 */
export const SHALLOW_SHARDS = 64;

/**
 * Cuts branches into shards of similar estimated work, never mixing 3-tier branches with the
 * others, and the others into at least SHALLOW_SHARDS pieces. Depends only on the encoding, never
 * on the number of workers.
 */
export function planShards(encoding: Encoding, target = 256): [number, number][] {
  const n = encoding.branchCount;
  if (n === 0) return [[0, 0]];
  const w = encoding.branchWeights;
  const deep = (b: number) => encoding.branchTiers[b] === 3;
  let total = 0;
  let shallowTotal = 0;
  let shallowCount = 0;
  for (let i = 0; i < n; i++) {
    total += w[i];
    if (!deep(i)) {
      shallowTotal += w[i];
      shallowCount++;
    }
  }
  const per = total / Math.min(target, n);
  const shallowPer = Math.min(per, shallowTotal / Math.max(1, Math.min(SHALLOW_SHARDS, shallowCount)));
  const shards: [number, number][] = [];
  let start = 0;
  let acc = 0;
  for (let i = 0; i < n; i++) {
    acc += w[i];
    const phaseEnds = i + 1 < n && deep(i + 1) !== deep(i);
    if ((acc >= (deep(i) ? per : shallowPer) || phaseEnds) && i + 1 < n) {
      shards.push([start, i + 1]);
      start = i + 1;
      acc = 0;
    }
  }
  shards.push([start, n]);
  return shards;
}

/** Cumulative shares of the 3-tier shards (best bound first) that end each early wave. */
const WAVE_SHARES = [0.02, 0.06, 0.15, 0.35];
/**
 * The same for the 1- and 2-tier shards. The first wave runs unseeded, so it is kept small: on the
 * M and L benchmark scenarios these waves cut the kernel's single-thread time by 29% and 18%
 * against one unseeded wave of them all (the waves run on one kernel instance, as
 * test/bench/ceiling.ts's kernel-alone run does; test/engine/shard-plan.test.ts checks that they
 * evaluate fewer designs for the same answer).
 */
const SHALLOW_WAVE_SHARES = [0.1, 0.25];

/**
 * Orders shards in waves so that good incumbents are found early and bound the rest: the 1- and
 * 2-tier shards first (cheap), then the 3-tier shards; each group by its most promising branch
 * (lowest whole-branch lower bound) in growing waves (SHALLOW_WAVE_SHARES, then WAVE_SHARES; the
 * rest last). Each wave is seeded with what the earlier ones found. Depends only on the encoding
 * and the bounds (pure functions of the scenario and catalog), so results and statistics do not
 * depend on workers.
 */
export function planWaves(encoding: Encoding, shards: [number, number][], bounds: Float64Array): number[][] {
  const deep = (i: number) => encoding.branchTiers[shards[i][0]] === 3;
  const shallow: { i: number; best: number }[] = [];
  const deepShards: { i: number; best: number }[] = [];
  shards.forEach(([b0, b1], i) => {
    let best = Infinity;
    for (let b = b0; b < b1; b++) best = Math.min(best, bounds[b]);
    (deep(i) && b1 > b0 ? deepShards : shallow).push({ i, best });
  });
  const waves: number[][] = [];
  /** Growing waves of `list` (best bound first) at cumulative `shares`, then the rest; each is seeded by everything before it. */
  const grow = (list: { i: number; best: number }[], shares: number[], least: number) => {
    const order = list.sort((a, b) => a.best - b.best || a.i - b.i).map((d) => d.i);
    let at = 0;
    for (const share of shares) {
      const end = Math.min(order.length, Math.max(at + least, Math.ceil(order.length * share)));
      waves.push(order.slice(at, end));
      at = end;
    }
    waves.push(order.slice(at));
  };
  grow(shallow, SHALLOW_WAVE_SHARES, 1);
  grow(deepShards, WAVE_SHARES, 2);
  return waves.filter((x) => x.length > 0);
}
