// fabric.pin as the search applies it: which families, technologies, plane and tier counts, group
// sizes, switches, port splits and switch counts a design may have. Both engines filter their
// enumeration with it (the kernel through src/engine/encode.ts), so pinned-out designs are not part
// of the space at all; what is left is searched exactly as before.
import type { Family, Technology } from '../model/common';
import type { Pin, TierPin } from '../model/scenario';
import type { SwitchOption } from './context';

export type PinRole = 'leaf' | 'spine' | 'core';

/** One tier's pin, with the implied tier counts left to PinPlan.tiers. */
export interface TierPinPlan {
  /** True when the switch option may serve this tier (pinned model, port mode and a split's up mode). */
  option: (o: SwitchOption) => boolean;
  switchesPerPlane?: number;
  downPorts?: number;
  upPorts?: number;
}

export interface PinPlan {
  family?: Family;
  technology?: Technology;
  planes?: number;
  /** True when a design of T tiers may meet the pins (a pinned tier count, or tiers a pin implies). */
  tiers: (T: number) => boolean;
  nodesPerLeafGroup?: number;
  /** Leaves each node reaches (a fat-tree's leavesPerNode; the rails for the rail families). */
  leavesPerNode?: number;
  leaf: TierPinPlan;
  spine: TierPinPlan;
  core: TierPinPlan;
  /** Any pin at all. */
  any: boolean;
}

function tierPlan(p: TierPin | undefined): TierPinPlan {
  const model = p?.switchModel;
  const mode = p?.portMode;
  const upMode = p?.upPortMode;
  return {
    // A pinned up mode is a split's: single-mode options (no separate up mode) never meet it.
    option: (o) => (model === undefined || o.sw.model === model || o.sw.id === model) && (mode === undefined || o.mode.id === mode)
      && (upMode === undefined || o.split?.upMode.id === upMode),
    switchesPerPlane: p?.switchesPerPlane,
    downPorts: p?.downPorts,
    upPorts: p?.upPorts,
  };
}

/**
 * Tier counts a pin implies: any core pin needs 3 tiers, any spine pin at least 2; spine up ports
 * are 0 exactly at 2 tiers (the spine is the top), leaf up ports 0 exactly at 1 tier; a leaf's up
 * mode (a cage split) needs 2 or 3 tiers, a spine's 3.
 */
/** Whether a tier pin fixes anything (fields left out, or set to undefined, fix nothing). */
export const pinsTier = (p: TierPin | undefined): boolean => p !== undefined && Object.values(p).some((v) => v !== undefined);

export function impliedTiers(pin: Pin | undefined): number[] {
  let tiers = pin?.tiers !== undefined ? [pin.tiers] : [1, 2, 3];
  const keep = (ok: (T: number) => boolean) => { tiers = tiers.filter(ok); };
  if (pinsTier(pin?.core)) keep((T) => T === 3);
  if (pinsTier(pin?.spine)) keep((T) => T >= 2);
  if (pin?.spine?.upPorts !== undefined) keep((T) => (pin.spine!.upPorts === 0 ? T === 2 : T === 3));
  if (pin?.leaf?.upPorts !== undefined) keep((T) => (pin.leaf!.upPorts === 0 ? T === 1 : T >= 2));
  // A split tier has uplinks: a leaf of 2 or 3 tiers, or the spine of 3 (a 2-tier spine is the top tier).
  if (pin?.leaf?.upPortMode !== undefined) keep((T) => T >= 2);
  if (pin?.spine?.upPortMode !== undefined) keep((T) => T === 3);
  return tiers;
}

export function pinPlan(pin: Pin | undefined): PinPlan {
  const tiers = impliedTiers(pin);
  return {
    family: pin?.family,
    technology: pin?.technology,
    planes: pin?.planes,
    tiers: (T) => tiers.includes(T),
    nodesPerLeafGroup: pin?.nodesPerLeafGroup,
    leavesPerNode: pin?.leavesPerNode,
    leaf: tierPlan(pin?.leaf),
    spine: tierPlan(pin?.spine),
    core: tierPlan(pin?.core),
    any: pin !== undefined && Object.values(pin).some((v) => v !== undefined && (typeof v !== 'object' || pinsTier(v))),
  };
}

/** Whether a leaf group of n nodes (d1 down ports, `leaves` leaves per plane) meets the leaf and group-size pins. */
export function leafGroupPinned(plan: PinPlan, n: number, d1: number, leaves: number): boolean {
  return (plan.nodesPerLeafGroup === undefined || plan.nodesPerLeafGroup === n)
    && (plan.leaf.downPorts === undefined || plan.leaf.downPorts === d1)
    && (plan.leaf.switchesPerPlane === undefined || plan.leaf.switchesPerPlane === leaves);
}

/** Whether pins fix a 2-tier spine's count or down ports, which balanced wiring derives per (uplinks, spine). */
export const spineDerivedPinned = (plan: PinPlan) => plan.spine.switchesPerPlane !== undefined || plan.spine.downPorts !== undefined;
/** Whether pins fix the core count or down ports, derived per (pods, spine uplinks, core). */
export const coreDerivedPinned = (plan: PinPlan) => plan.core.switchesPerPlane !== undefined || plan.core.downPorts !== undefined;
