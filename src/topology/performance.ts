// What a design means for the traffic of a training job: rail locality, switch hops of same-rail
// and cross-rail traffic, and simple, documented estimates of all-reduce and all-to-all bandwidth
// per GPU (docs/model.md, "Performance estimates"). Estimates, not measurements.
import { railLocalGpus } from './limits';
import type { Shape } from './shape';

/** Wang et al. ("Rail-only", 2023) measure 8.2-11.2% longer all-to-all when cross-rail traffic is forwarded in the scale-up domain. */
export const RAIL_ONLY_ALL_TO_ALL_PENALTY = 1.1;

export interface Locality {
  /** GPUs of one rail that reach each other through a single switch. */
  railLocalGpus: number;
  /** GPUs reachable through one leaf group, counting every rail of its nodes. */
  leafGroupGpus: number;
  /** Worst switch hops between two GPUs of the same rail. */
  sameRailHops: number;
  /** Worst switch hops of cross-rail traffic through the fabric (rail-only: after the scale-up hop). */
  crossRailHops: number;
  /** Rail-only: cross-rail traffic has no path in the fabric and goes through the scale-up domain. */
  crossRailViaScaleUp: boolean;
}

export function locality(s: Shape, gpusPerNode: number): Locality {
  const T = s.tiers.length;
  const hops = T === 1 ? 1 : 2 * T - 1;
  const rail = railLocalGpus(s.groupNodes, s.nodes, gpusPerNode, s.rails);
  return {
    railLocalGpus: rail,
    leafGroupGpus: Math.min(s.groupNodes, s.nodes) * gpusPerNode,
    sameRailHops: hops,
    crossRailHops: hops,
    crossRailViaScaleUp: s.family === 'rail-only',
  };
}

/**
 * Per-GPU bandwidth estimates, GB/s. Injection B = rails x NIC speed / GPUs per node / 8.
 * Traffic between GPUs of one leaf group (same-rail directly; other rails after one scale-up hop,
 * as NCCL's PXN does, or on the same fat-tree leaf) never leaves the leaf; everything else is
 * charged the end-to-end ratio E.
 * - all-reduce, hierarchical (inside the group, then across groups): time relative to a
 *   non-blocking ring is ((G-1)/G + (g-1)/(g G) x E) / ((N-1)/N), with G GPUs per group, g groups.
 * - all-to-all: a share f = (N - G) / (N - 1) of every GPU's traffic leaves its group, so the
 *   uplinks set the pace when f x E > 1; rail-only pays RAIL_ONLY_ALL_TO_ALL_PENALTY on top.
 */
export function collectiveEstimates(s: Shape, gpusPerNode: number, nicGbps: number, endToEnd: number): { allReduce: number; allToAll: number } {
  const injection = (s.rails * nicGbps) / gpusPerNode / 8;
  const N = s.nodes * gpusPerNode;
  const G = Math.min(s.groupNodes, s.nodes) * gpusPerNode;
  if (s.tiers.length === 1 || N <= 1 || G >= N) {
    return { allReduce: injection, allToAll: s.family === 'rail-only' ? injection / RAIL_ONLY_ALL_TO_ALL_PENALTY : injection };
  }
  const g = Math.ceil(N / G);
  const flat = (N - 1) / N;
  const hierarchical = (G - 1) / G + ((g - 1) / (g * G)) * endToEnd;
  const allReduce = injection * Math.min(1, flat / hierarchical);
  const leaving = (N - G) / (N - 1);
  let allToAll = injection / Math.max(1, leaving * endToEnd);
  if (s.family === 'rail-only') allToAll /= RAIL_ONLY_ALL_TO_ALL_PENALTY;
  return { allReduce, allToAll };
}

/**
 * NIC ports per plane the design could reach with the same port splits and tier count, the upper
 * tiers growing as balanced wiring allows: a spine (2 tiers) or core (3 tiers) takes at most one
 * link from each of `radix` leaves or pods.
 */
export function maxEndpoints(s: Shape): number {
  const T = s.tiers.length;
  const top = s.tiers[T - 1].option.radix - s.tiers[T - 1].reservedPorts; // spare ports are not for growth
  const rail = s.family !== 'fat-tree';
  if (T === 1) return rail ? top * s.rails : Math.floor(top / s.rails) * s.rails;
  if (T === 2) {
    // Whole leaf groups (a rail-optimized SU, a fat-tree group spread over several leaves) of groupNodes x rails ports each.
    if (s.family === 'rail-only') return top * s.groupNodes * s.rails;
    return Math.floor(top / s.leavesPerGroup) * s.groupNodes * s.rails;
  }
  // Each leaf serves groupNodes x railsPerLeaf ports.
  return top * s.leavesPerPod * s.groupNodes * s.railsPerLeaf;
}
