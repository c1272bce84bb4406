// How a node's NIC ports spread over the leaves of its group (docs/model.md "Partial nodes per
// leaf"). A fat-tree leaf group of g leaves serves n nodes, each leaf taking R / g of every node's
// R rails (g = 1: one leaf holds whole nodes); a rail family's group has one leaf per rail. Both
// engines enumerate these spreads in the same order (g ascending), inside each group size.
import type { Family } from '../model/common';
import type { Design } from '../model/result';
import type { PinPlan } from './pins';

export interface NodeSpread {
  /** The design's leavesPerNode: g > 1 for a fat-tree that splits nodes, undefined otherwise. */
  leavesPerNode: number | undefined;
  /** Leaves per group, which is also the leaves each node reaches (g; R for the rail families). */
  leavesPerGroup: number;
  /** Ports of each node one leaf takes per plane (R / g; 1 for the rail families): d1 = n x this. */
  railsPerLeaf: number;
}

/**
 * Whether a fat-tree node of `rails` rails may spread over `g` leaves: g divides the rails and is
 * below them (g = rails, a leaf per rail, is the rail-optimized family's design), or g is 1.
 */
export function validSpread(g: number, rails: number): boolean {
  return Number.isInteger(g) && g >= 1 && rails % g === 0 && (g === 1 || g < rails);
}

/** The spreads a family's designs may take, g ascending, keeping those the leavesPerNode pin allows. */
export function nodeSpreads(family: Family, rails: number, pin?: Pick<PinPlan, 'leavesPerNode'>): NodeSpread[] {
  const want = pin?.leavesPerNode;
  if (family !== 'fat-tree') return want === undefined || want === rails ? [{ leavesPerNode: undefined, leavesPerGroup: rails, railsPerLeaf: 1 }] : [];
  const out: NodeSpread[] = [];
  for (let g = 1; g <= rails; g++) {
    if (!validSpread(g, rails) || (want !== undefined && want !== g)) continue;
    out.push({ leavesPerNode: g > 1 ? g : undefined, leavesPerGroup: g, railsPerLeaf: rails / g });
  }
  return out;
}

/** The spread of a design (its leavesPerNode; the family's own for the rail families). */
export function spreadOf(family: Family, rails: number, leavesPerNode: number | undefined): NodeSpread {
  if (family !== 'fat-tree') return { leavesPerNode: undefined, leavesPerGroup: rails, railsPerLeaf: 1 };
  const g = leavesPerNode ?? 1;
  return { leavesPerNode, leavesPerGroup: g, railsPerLeaf: rails / g };
}

/** A fat-tree leaf that takes part of each node's NICs, in words: "4 of 8 NICs per node"; undefined for whole nodes and the rail families. */
export function leafShareWords(design: Pick<Design, 'leavesPerNode' | 'nodesPerLeafGroup' | 'tiers'>): string | undefined {
  const g = design.leavesPerNode;
  if (g === undefined) return undefined;
  const per = design.tiers[0].downPorts / design.nodesPerLeafGroup;
  return `${per} of ${per * g} NICs per node`;
}
