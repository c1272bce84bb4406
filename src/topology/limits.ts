// The scenario's performance limits as the search applies them: the per-tier oversubscription cap,
// the end-to-end cap, and the rail-locality floor. The kernel's encoder reads the same functions.
import type { ResolvedFabric } from './floor-defaults';

type Fabric = ResolvedFabric;

/** Worst compounded ratio from a GPU to the top of the fabric; defaults to the per-tier cap. */
export function endToEndCap(f: Fabric): number {
  return f.maxEndToEndOversubscription ?? f.maxOversubscription;
}

/**
 * The cap every single tier must meet: a tier's ratio is at most the product of all tiers' ratios
 * (each floored at 1), so the end-to-end cap bounds every tier too.
 */
export function tierCap(f: Fabric): number {
  return Math.min(f.maxOversubscription, endToEndCap(f));
}

export type TierRoleName = 'leaf' | 'spine' | 'core';

/** Ports a switch of `radix` ports keeps free at `pct` % (fabric.sparePortsPct): ceil(radix x pct / 100). */
export function reservedPorts(radix: number, pct: number): number {
  return pct > 0 ? Math.ceil((radix * pct) / 100 - 1e-9) : 0;
}

/** Ports a switch in `role` may wire: its radix less the spare ports its tier keeps (never wired). */
export function usablePorts(f: Fabric, role: TierRoleName, radix: number): number {
  return radix - reservedPorts(radix, f.sparePortsPct[role]);
}

/** GPUs behind one rail port of a node (a rail serves 2 GPUs when a node has half as many rails). */
export function gpusPerRailPort(gpusPerNode: number, rails: number): number {
  return Math.ceil(gpusPerNode / rails);
}

/**
 * GPUs of one rail that reach each other through a single switch: the nodes of one leaf group
 * (a fat-tree leaf, a rail-optimized scalable unit's rail leaf, a rail-only leaf) times the GPUs
 * behind each of their rail ports.
 */
export function railLocalGpus(groupNodes: number, nodes: number, gpusPerNode: number, rails: number): number {
  return Math.min(groupNodes, nodes) * gpusPerRailPort(gpusPerNode, rails);
}

/** False when leaf groups of `groupNodes` nodes fall short of fabric.minRailLocalGpus. */
export function meetsRailLocality(f: Fabric, groupNodes: number, nodes: number, gpusPerNode: number, rails: number): boolean {
  return f.minRailLocalGpus === undefined || railLocalGpus(groupNodes, nodes, gpusPerNode, rails) >= f.minRailLocalGpus;
}

/** What the split helpers need of a switch option (src/topology/context.ts SwitchOption). */
interface PortsOf {
  radix: number;
  gbps: number;
  upGbps: number;
  sw: { cages: number };
  split?: { downPerCage: number; upPerCage: number };
}

/** Cages a split switch in `role` may wire: its cages less ceil(cages x pct / 100) kept spare (fabric.sparePortsPct). */
export function usableCages(f: Fabric, role: TierRoleName, cages: number): number {
  return cages - reservedPorts(cages, f.sparePortsPct[role]);
}

/**
 * Most up ports a switch of `role` can have beside `down` down ports: its wireable ports less the
 * down ones; for a cage split, the up mode's ports on the wireable cages the down ports leave.
 */
export function upCapacity(f: Fabric, role: TierRoleName, o: PortsOf, down: number): number {
  if (!o.split) return usablePorts(f, role, o.radix) - down;
  const left = usableCages(f, role, o.sw.cages) - Math.ceil(down / o.split.downPerCage);
  return left > 0 ? left * o.split.upPerCage : 0;
}

/**
 * Most down ports a switch of `role` can have beside `up` up ports (a 3-tier spine's room for
 * leaves): its wireable ports less the up ones; for a cage split, the down mode's ports on the
 * wireable cages the up ports leave.
 */
export function downCapacity(f: Fabric, role: TierRoleName, o: PortsOf, up: number): number {
  if (!o.split) return usablePorts(f, role, o.radix) - up;
  const left = usableCages(f, role, o.sw.cages) - Math.ceil(up / o.split.upPerCage);
  return left > 0 ? left * o.split.downPerCage : 0;
}

/** Down-port speed over up-port speed: 1 without a split, so ratios stay the port ratios bit for bit. */
export function speedWeight(o: PortsOf): number {
  return o.gbps / o.upGbps;
}

/** Oversubscription as a bandwidth ratio: (down x down speed) / (up x up speed). */
export function bandwidthRatio(o: PortsOf, down: number, up: number): number {
  return up === 0 ? 0 : (down * speedWeight(o)) / up;
}
