// Designs that differ only in how leaves are grouped into pods can be equal in what the table ranks
// them by (switch counts per tier, links, cost, power): such designs are one row, and the row lists
// every pod split that builds it, with what still differs between them (growth headroom, the spines
// each leaf reaches and the ECMP paths inside a pod).
import type { Design } from '../model/result';
import type { Context } from './context';
import { maxLeavesPerPod, minUplinks } from './enumerate';
import { downCapacity, speedWeight, tierCap } from './limits';
import { maxEndpoints } from './performance';
import { resilience } from './resilience';
import { classKey, compareKeys, divisors, shapeOf, type Shape } from './shape';

export interface PodSplit {
  pods: number;
  leavesPerPod: number;
  spinesPerPod: number;
  /** NIC ports per plane this split could grow to (see maxEndpoints). */
  maxEndpoints: number;
  /**
   * What differs between the splits of a row besides growth: the spines each leaf reaches (its
   * pod's) and the equal-cost paths between two leaves of a pod (src/topology/resilience.ts).
   */
  singleSwitchFailureSafe: boolean;
  uplinkSwitchesPerLeaf: number;
  ecmpPathsCrossLeaf: number | null;
}

/**
 * Every pod split of the search space that builds the same row as this 3-tier design, smallest
 * design key first (the first is the row's representative); empty below 3 tiers.
 */
export function equivalentPodSplits(ctx: Context, shape: Shape): PodSplit[] {
  return podSplitShapes(ctx, shape).map((s) => {
    const r = resilience(s);
    return {
      pods: s.pods, leavesPerPod: s.design.leavesPerPod!, spinesPerPod: s.design.spinesPerPod!, maxEndpoints: maxEndpoints(s),
      singleSwitchFailureSafe: r.singleSwitchFailureSafe, uplinkSwitchesPerLeaf: r.uplinkSwitchesPerLeaf, ecmpPathsCrossLeaf: r.ecmpPathsCrossLeaf,
    };
  });
}

/**
 * The shapes of every pod split that builds the same row as this 3-tier design, smallest design key
 * first, each with its design (top tier's down ports filled in); empty below 3 tiers. Growing in
 * phases tells them apart (src/topology/phased-ranking.ts): smaller pods defer spines.
 */
export function podSplitShapes(ctx: Context, shape: Shape): Shape[] {
  if (shape.tiers.length !== 3) return [];
  const d = shape.design;
  const want = classKey(ctx, shape);
  const [leaf, spine, core] = d.tiers;
  const u1 = leaf.upPorts;
  // Pods fill the down ports a spine may wire beside its up ports (its spare ports stay free; a
  // split spine's down ports are on the cages its up ports leave).
  const spineOption = shape.tiers[1].option;
  // Pods hold whole leaf groups (a rail-optimized SU, or a fat-tree group whose nodes spread over several leaves).
  const step = shape.leavesPerGroup;
  const leaves = shape.tiers[0].countPerPlane;
  const cap = tierCap(ctx.scenario.fabric);
  const out: Shape[] = [];
  for (const Sp of divisors(u1)) {
    const c1 = u1 / Sp;
    // Members of a row share the spine's down and up ports (they are part of the class key).
    const u2 = spine.upPorts;
    const Lp = maxLeavesPerPod(downCapacity(ctx.scenario.fabric, 'spine', spineOption, u2), c1, step);
    if (Lp < 2 || Lp >= leaves || Lp * c1 !== spine.downPorts || u2 < minUplinks(Lp * c1, cap, speedWeight(spineOption))) continue;
    const candidate: Design = {
      ...d, spinesPerPod: Sp, leavesPerPod: Lp,
      tiers: [leaf, { ...spine, downPorts: Lp * c1 }, { ...core, downPorts: 0 }],
    };
    const s = shapeOf(ctx, candidate);
    if ('ok' in s) continue;
    s.design = { ...candidate, tiers: candidate.tiers.map((t, i) => ({ ...t, downPorts: s.tiers[i].downPorts })) };
    if (compareKeys(classKey(ctx, s), want) !== 0) continue;
    out.push(s);
  }
  return out;
}
