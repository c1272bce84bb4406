// Merges shard results deterministically (shard order, reference TopK / ParetoFront / ReasonTally)
// and materializes the winners through the reference's buildResult, so the JSON comes from the oracle.
import type { Result, SearchStats } from '../model/result';
import type { Assessor } from '../topology/assess';
import { buildResult, ParetoFront, ReasonTally, TopK, type Scored } from '../topology/optimize';
import { designKey, shapeOf } from '../topology/shape';
import { decodeDesign, RULE_NAMES, type Encoding } from './encode';
import type { Seed, ShardItem, ShardResult } from './kernel';

export interface MergeInfo {
  elapsedMs: number;
  workers: number;
}

function scored(assessor: Assessor, encoding: Encoding, item: ShardItem): Scored {
  const ctx = assessor.ctx;
  const design = decodeDesign(ctx, encoding.variants, item.design);
  const shape = shapeOf(ctx, design);
  if ('ok' in shape) throw new Error(`kernel kept a design the reference rejects (${shape.rule}: ${shape.reason})`);
  const filled = { ...design, tiers: design.tiers.map((t, i) => ({ ...t, downPorts: shape.tiers[i].downPorts })) };
  return { design: filled, key: designKey(ctx, filled), objectiveCents: item.objectiveCents, oversubscription: item.oversubscription, milliwatts: item.milliwatts };
}

/** Builds the Result from every shard's output (shards must be complete and in order). */
export function mergeShards(assessor: Assessor, encoding: Encoding, shards: ShardResult[], info: MergeInfo): Result {
  const ctx = assessor.ctx;
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
    for (const item of s.top) top.offer(scored(assessor, encoding, item));
    for (const item of s.pareto) pareto.offer(scored(assessor, encoding, item));
  }
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
  return buildResult(assessor, top.items, pareto.sorted(), stats);
}

/** Shards (branch ranges) and the waves they run in; a wave starts when every earlier wave is done. */
export interface ShardPlan {
  shards: [number, number][];
  waves: number[][];
}

/** Share of the 3-tier work that runs first, to seed the bounds of the rest. */
const FIRST_THREE_TIER_SHARE = 0.2;

/**
 * Cuts branches into shards of similar estimated work, never mixing 3-tier branches with the
 * others, and orders them in waves: the 1- and 2-tier shards first (cheap, and their best designs
 * bound the rest), then a fifth of the 3-tier work, then the remainder. Depends only on the
 * encoding, never on the number of workers, so the answer and the statistics do not either.
 */
export function planShards(encoding: Encoding, target = 48): ShardPlan {
  const n = encoding.branchCount;
  if (n === 0) return { shards: [[0, 0]], waves: [[0]] };
  const w = encoding.branchWeights;
  const deep = (b: number) => encoding.branchTiers[b] === 3;
  let total = 0;
  for (let i = 0; i < n; i++) total += w[i];
  const per = total / Math.min(target, n);
  const shards: [number, number][] = [];
  let start = 0;
  let acc = 0;
  for (let i = 0; i < n; i++) {
    acc += w[i];
    const phaseEnds = i + 1 < n && deep(i + 1) !== deep(i);
    if ((acc >= per || phaseEnds) && i + 1 < n) {
      shards.push([start, i + 1]);
      start = i + 1;
      acc = 0;
    }
  }
  shards.push([start, n]);
  const shallow: number[] = [];
  const deepShards: number[] = [];
  let deepTotal = 0;
  shards.forEach(([b0, b1], i) => {
    if (deep(b0)) {
      deepShards.push(i);
      for (let b = b0; b < b1; b++) deepTotal += w[b];
    } else shallow.push(i);
  });
  const first: number[] = [];
  const rest: number[] = [];
  let seen = 0;
  for (const i of deepShards) {
    (seen < FIRST_THREE_TIER_SHARE * deepTotal ? first : rest).push(i);
    for (let b = shards[i][0]; b < shards[i][1]; b++) seen += w[b];
  }
  return { shards, waves: [shallow, first, rest].filter((x) => x.length > 0) };
}

/** The seed for the next wave: K-th best objective and the non-dominated points found so far. */
export function seedFrom(results: readonly (ShardResult | undefined)[], topK: number, cap: number): Seed {
  const done = results.filter((r): r is ShardResult => r !== undefined);
  const objectives = done.flatMap((r) => r.top.map((t) => t.objectiveCents)).sort((a, b) => a - b);
  const kth = objectives.length >= topK ? objectives[topK - 1] : Infinity;
  const pts = done.flatMap((r) => r.pareto);
  const front = pts.filter((p) => !pts.some((q) => q !== p && q.objectiveCents <= p.objectiveCents && q.oversubscription <= p.oversubscription
    && q.milliwatts <= p.milliwatts && (q.objectiveCents < p.objectiveCents || q.oversubscription < p.oversubscription || q.milliwatts < p.milliwatts)));
  const points: number[] = [];
  for (const p of front.slice(0, cap)) points.push(p.objectiveCents, p.oversubscription, p.milliwatts);
  return { kth, points };
}
