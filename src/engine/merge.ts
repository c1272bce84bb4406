// Merges shard results deterministically (shard order, reference TopK / ParetoFront / ReasonTally)
// and materializes the winners through the reference's buildResult, so the JSON comes from the oracle.
import type { Result, SearchStats } from '../model/result';
import type { Assessor } from '../topology/assess';
import { buildResult, ParetoFront, ReasonTally, TopK, type Scored } from '../topology/optimize';
import { designKey, shapeOf } from '../topology/shape';
import { decodeDesign, RULE_NAMES, type Encoding } from './encode';
import type { ShardItem, ShardResult } from './kernel';

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

/** Cuts branches into shards of similar estimated work; depends only on the encoding, never on workers. */
export function planShards(encoding: Encoding, target = 48): [number, number][] {
  const n = encoding.branchCount;
  if (n === 0) return [[0, 0]];
  const w = encoding.branchWeights;
  let total = 0;
  for (let i = 0; i < n; i++) total += w[i];
  const per = total / Math.min(target, n);
  const shards: [number, number][] = [];
  let start = 0;
  let acc = 0;
  for (let i = 0; i < n; i++) {
    acc += w[i];
    if (acc >= per && i + 1 < n) {
      shards.push([start, i + 1]);
      start = i + 1;
      acc = 0;
    }
  }
  shards.push([start, n]);
  return shards;
}
