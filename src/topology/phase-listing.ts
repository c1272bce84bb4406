import type { Phase } from '../model/phase-plan';
import type { Shape } from './shape';
import type { SwitchRef } from './placement';

/**
 * Which phase installs each device and link of a design grown along a phase plan, following
 * docs/phases.md "What each phase installs" (the same rules src/topology/phases.ts counts):
 * - phase k installs the first M_k = ceil(gpus_k / gpusPerNode) nodes of the final floor plan;
 * - a leaf group (every plane's and rail's leaves of it) comes with the phase of its first node;
 * - a node's links come with the node; a leaf's uplinks with the leaf;
 * - 2 tiers: every spine (every rail's, for rail-only) comes with phase 1;
 * - 3 tiers: a pod's spines and their uplinks come with the pod's first leaf; every core with
 *   the first pod, phase 1.
 * Phases are 1-based, as users count them. Without a plan every device is phase 1's.
 */
export interface InstallPhases {
  /** How many phases the plan has (1 without a plan). */
  count: number;
  /** Nodes installed once each phase is built: M_1 .. M_K (M_K is the design's nodes). */
  nodesAfter: readonly number[];
  node(i: number): number;
  /** Leaf `l` of a plane (listing order: fat-tree and rail-optimized group x leaves per group + leaf of the group, rail-only rail x groups + group). */
  leaf(l: number): number;
  /** Spine `index` of a plane. */
  spine(index: number): number;
  core(index: number): number;
  /** The phase of any switch. */
  switchPhase(ref: SwitchRef): number;
}

export function installPhases(s: Shape, phases: readonly Phase[] | undefined, gpusPerNode: number): InstallPhases {
  const M = s.nodes;
  // The last phase is the cluster (the scenario refuses anything else), so M_K = M.
  const nodesAfter = phases && phases.length > 0 ? phases.map((p, k) => (k === phases.length - 1 ? M : Math.min(M, Math.ceil(p.gpus / gpusPerNode)))) : [M];
  const K = nodesAfter.length;
  const node = (i: number) => {
    // Few phases (at most 24): a scan is as fast as a search.
    let k = 0;
    while (k < K - 1 && i >= nodesAfter[k]) k++;
    return k + 1;
  };
  const n = s.groupNodes;
  const groupOf = (l: number) => (s.family === 'rail-only' ? l % s.groups : Math.floor(l / s.leavesPerGroup));
  const leaf = (l: number) => node(groupOf(l) * n);
  const T = s.tiers.length;
  const spine = (index: number) => {
    if (T < 3) return 1;
    // A pod holds whole leaf groups: it comes with its first leaf's group.
    const pod = Math.floor(index / s.spinesPerGroup);
    return node(Math.floor((pod * s.leavesPerPod) / s.leavesPerGroup) * n);
  };
  const core = () => 1;
  const switchPhase = (ref: SwitchRef) => (ref.tier === 0 ? leaf(ref.index) : ref.tier === 1 ? spine(ref.index) : core());
  return { count: K, nodesAfter, node, leaf, spine, core, switchPhase };
}
