// "Pin this design": a found design as the fabric.pin that fixes all of it, so a re-run varies
// only sourcing and media. It has the shape the reference templates' "vary only sourcing" pins
// have (src/catalog/templates.ts): family, technology, planes, tiers, group size and, per tier, the
// switch model, port mode, count per plane, down and up ports. The top tier's count and down ports
// are pinned as well: docs/model.md "Pins" lets a pinned top-tier count or down ports fix the spine
// (core) group size balanced wiring would otherwise pick, and the design's own group always meets
// that rule, as the templates' pinned spines and cores do.
import type { Candidate } from '../model/result';
import type { Pin, TierPin } from '../model/scenario';
import { pinsTier } from '../topology/pins';

/** The parts of a result row a pin is made of. */
export type PinnableDesign = Pick<Candidate, 'family' | 'technology' | 'planes' | 'design' | 'tiers'>;

const PIN_PLANES = [1, 2, 4, 8] as const;

/** The fabric.pin that fixes every choice of the design; only sourcing and media are left to search. */
export function pinOfDesign(c: PinnableDesign): Pin {
  if (!(PIN_PLANES as readonly number[]).includes(c.planes)) throw new Error(`a design of ${c.planes} planes cannot be pinned: fabric.pin.planes must be 1, 2, 4 or 8`);
  const pin: Pin = {
    family: c.family,
    technology: c.technology,
    planes: c.planes,
    tiers: c.tiers.length,
    nodesPerLeafGroup: c.design.nodesPerLeafGroup,
    // Only a fat-tree that spreads its nodes has it; whole nodes per leaf follow from the group's down ports.
    ...(c.design.leavesPerNode !== undefined ? { leavesPerNode: c.design.leavesPerNode } : {}),
  };
  for (const t of c.tiers) {
    const tier: TierPin = {
      switchModel: t.switchModel,
      portMode: t.portMode,
      // A cage split's up mode; a single-mode tier has none, and pinning one would exclude it.
      ...(t.upPortMode !== undefined ? { upPortMode: t.upPortMode } : {}),
      switchesPerPlane: t.countPerPlane,
      downPorts: t.downPorts,
      upPorts: t.upPorts,
    };
    pin[t.role] = tier;
  }
  return pin;
}

/** Whether a pin fixes anything at all (an empty pin, or one of empty tiers, fixes nothing). */
export function pinsAnything(pin: Pin | undefined): boolean {
  if (!pin) return false;
  return Object.entries(pin).some(([k, v]) => v !== undefined && (k === 'leaf' || k === 'spine' || k === 'core' ? pinsTier(v as TierPin) : true));
}

/**
 * The pin without what fixes nothing: tiers with no field set are dropped, and a pin that fixes
 * nothing is undefined, so clearing every field of the pin editor leaves no fabric.pin behind.
 */
export function prunedPin(pin: Pin | undefined): Pin | undefined {
  if (!pinsAnything(pin)) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(pin!)) {
    if (v === undefined) continue;
    if (typeof v === 'object') {
      const tier = Object.fromEntries(Object.entries(v as TierPin).filter(([, x]) => x !== undefined));
      if (Object.keys(tier).length > 0) out[k] = tier;
    } else out[k] = v;
  }
  return out as Pin;
}
