// What one switch failure does to a design, and how many equal-cost paths join two GPUs on
// different leaves (docs/model.md, "Resilience and ECMP paths"). Exact figures of the counted
// shape: every leaf of a group wires to every spine of it, and every spine j of a pod to every
// core of core group j, with the same number of parallel links, so one leaf stands for all.
import type { Shape } from './shape';

export interface Resilience {
  /**
   * No single spine or core failure cuts a leaf off from the other leaves of its fabric (its plane;
   * rail-only: its rail's fabric). A leaf's own failure takes only its own nodes' ports
   * (leafFailureGpuPortsCut) and is not counted. Vacuously true when a fabric has one leaf (1 tier).
   */
  singleSwitchFailureSafe: boolean;
  /** Distinct upper switches each leaf is wired to (the least over leaves); 0 at 1 tier. */
  uplinkSwitchesPerLeaf: number;
  /**
   * Distinct leaves each node's NIC ports reach in a plane: a fat-tree's leavesPerNode g (1 when a
   * leaf holds whole nodes), one per rail for the rail families. A leaf failure then takes 1 / g of
   * each of its nodes' ports (leafFailureGpuPortsCut counts them) and the nodes keep the rest.
   */
  leavesPerNode: number;
  /**
   * Equal-cost shortest paths between two GPUs on different leaves of one pod (2 tiers: of one
   * plane; rail-only: of one rail), each parallel link a path of its own: S x c^2 at 2 tiers. Null
   * when a fabric has one leaf (1 tier).
   */
  ecmpPathsCrossLeaf: number | null;
  /** The same paths counted by the switches they pass (parallel links not told apart): S. */
  ecmpSwitchPathsCrossLeaf: number | null;
  /** 3 tiers: equal-cost paths between GPUs of different pods, link level: Sp x Cg x c1^2 x c2^2. Null below 3 tiers. */
  ecmpPathsCrossPod: number | null;
  /** 3 tiers: the same, switch level: Sp x Cg (a spine of the pod, then a core of its group). */
  ecmpSwitchPathsCrossPod: number | null;
}

/** Leaves that share one fabric in a plane: all of them, or one rail's in rail-only. */
export function leavesPerFabric(s: Shape): number {
  return s.family === 'rail-only' ? s.groups : s.tiers[0].countPerPlane;
}

/**
 * Single-switch failure. 2 tiers: a leaf is wired to all S spines of its group, so a spine failure
 * cuts it off exactly when S = 1. 3 tiers: a leaf reaches its pod's Sp spines, and spine j of the
 * pod reaches the Cg cores of group j; a spine failure cuts its pod's leaves off when Sp = 1, a core
 * failure cuts a leaf off from the other pods only when Sp = 1 and Cg = 1, so Sp >= 2 is safe.
 */
export function switchFailure(s: Shape): Pick<Resilience, 'singleSwitchFailureSafe' | 'uplinkSwitchesPerLeaf' | 'leavesPerNode'> {
  const T = s.tiers.length;
  const leavesPerNode = s.leavesPerGroup;
  if (T === 1) return { singleSwitchFailureSafe: true, uplinkSwitchesPerLeaf: 0, leavesPerNode };
  const up = s.spinesPerGroup;
  // A group of a single leaf (no other leaf to lose) is vacuously safe; the search does not build one.
  const alone = leavesPerFabric(s) <= 1;
  return { singleSwitchFailureSafe: alone || up >= 2, uplinkSwitchesPerLeaf: up, leavesPerNode };
}

/** Equal-cost shortest paths between GPUs on different leaves, switch level and link level. */
export function ecmpPaths(s: Shape): Omit<Resilience, 'singleSwitchFailureSafe' | 'uplinkSwitchesPerLeaf' | 'leavesPerNode'> {
  const T = s.tiers.length;
  const none = { ecmpPathsCrossLeaf: null, ecmpSwitchPathsCrossLeaf: null, ecmpPathsCrossPod: null, ecmpSwitchPathsCrossPod: null };
  if (T === 1 || leavesPerFabric(s) <= 1) return none;
  // Up over one of S spines by one of its c links, down by one of that spine's c links to the other leaf.
  const S = s.spinesPerGroup;
  const c1 = s.parallelLinks[0];
  const crossLeaf = { ecmpPathsCrossLeaf: S * c1 * c1, ecmpSwitchPathsCrossLeaf: S };
  if (T === 2) return { ...none, ...crossLeaf };
  // Across pods: spine j of the pod (c1 links), a core of group j (c2 links), spine j of the other pod (c2), its leaf (c1).
  const Cg = s.coresPerGroup;
  const c2 = s.parallelLinks[1];
  return { ...crossLeaf, ecmpPathsCrossPod: S * Cg * c1 * c1 * c2 * c2, ecmpSwitchPathsCrossPod: S * Cg };
}

export function resilience(s: Shape): Resilience {
  return { ...switchFailure(s), ...ecmpPaths(s) };
}
