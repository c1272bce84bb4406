import { FAMILIES, TECHNOLOGIES, type Family } from '../model/common';
import type { Design } from '../model/result';
import type { Context, SwitchOption } from './context';
import { downCapacity, meetsRailLocality, speedWeight, tierCap, upCapacity, usablePorts } from './limits';
import { divisors, FAMILY_TIERS, pinnedCoresPerGroup, pinnedSpinesPerGroup } from './shape';
import { coreDerivedPinned, leafGroupPinned, spineDerivedPinned, type PinPlan } from './pins';
import { nodeSpreads } from './node-spread';

const EPS = 1e-9;

/**
 * Fewest uplinks a switch with `down` used down ports may have under the oversubscription cap;
 * `weight` is down speed over up speed (a cage split), so the cap holds on bandwidth.
 */
export function minUplinks(down: number, maxOver: number, weight = 1): number {
  return Math.max(1, Math.ceil((down * weight) / maxOver - EPS));
}

/** Single-mode switch options of a technology at one port speed: the switches a tier above links of that speed may use. */
export function upperOptions(ctx: Context, technology: string, gbps: number): SwitchOption[] {
  return ctx.switchOptions.filter((o) => !o.split && o.sw.technology === technology && o.gbps === gbps);
}

/**
 * Options a 3-tier spine may be above links of one speed: the single modes at that speed and the
 * cage splits whose down mode runs at it (their up mode sets the speed of the links to the cores).
 */
export function spineOptions(ctx: Context, technology: string, gbps: number): SwitchOption[] {
  return ctx.switchOptions.filter((o) => o.sw.technology === technology && o.gbps === gbps);
}

/** The options a tier above `leaf` may use: single-mode switches at the leaf's up speed. */
export function optionsAbove(ctx: Context, v: { options: SwitchOption[] }, leaf: SwitchOption): SwitchOption[] {
  return leaf.split ? upperOptions(ctx, leaf.sw.technology, leaf.upGbps) : v.options;
}

/**
 * The (technology, planes, link speed) combinations the NIC and the scenario allow. `options` are
 * the single-mode switches at the link speed; `leafOptions` add the cage splits whose down mode
 * runs at it (a split has up ports, so it is a leaf of 2 or 3 tiers only).
 */
export function fabricVariants(ctx: Context): { technology: (typeof TECHNOLOGIES)[number]; planes: number; linkGbps: number; options: SwitchOption[]; leafOptions: SwitchOption[] }[] {
  const out = [];
  const planes = [...ctx.scenario.fabric.planes].sort((a, b) => a - b);
  for (const technology of TECHNOLOGIES) {
    if (!ctx.scenario.fabric.technologies.includes(technology)) continue;
    for (const P of planes) {
      if (ctx.profile.nicGbps % P !== 0) continue;
      const linkGbps = ctx.profile.nicGbps / P;
      if (!ctx.profile.linkSpeeds[technology].includes(linkGbps)) continue;
      const leafOptions = ctx.switchOptions.filter((o) => o.sw.technology === technology && o.gbps === linkGbps);
      const options = leafOptions.filter((o) => !o.split);
      if (options.length) out.push({ technology, planes: P, linkGbps, options, leafOptions });
    }
  }
  return out;
}

/**
 * Whether leaf groups of this count need a spine layer at all: a spine over a single leaf is
 * degenerate. Rail-only needs two groups (two leaves per rail); fat-tree and rail-optimized need two
 * leaves per plane: two groups, or one group of `leavesPerGroup` >= 2 (a scalable unit's leaf per
 * rail, or a fat-tree group whose nodes spread over several leaves).
 */
export function hasSpineWork(family: string, groups: number, leavesPerGroup: number): boolean {
  return family === 'rail-only' ? groups >= 2 : groups * leavesPerGroup >= 2;
}

/** Most leaves a pod can hold when each spine has `freeDown` ports for leaves and takes `c1` links from each. */
export function maxLeavesPerPod(freeDown: number, c1: number, step: number): number {
  return Math.floor(Math.floor(freeDown / c1) / step) * step;
}

/**
 * Every design in the search space, in canonical order. For each family, technology, plane count
 * and tier count: every switch model and port mode per tier, every leaf group size that meets
 * fabric.minRailLocalGpus and uplink count within the per-tier cap (tierCap), and at 3 tiers
 * every spines-per-pod divisor of the leaf uplinks and every spine uplink count, with pods as large as the spine's remaining
 * ports allow (at least 2 leaves, and more than one pod). The top tier's down ports are left
 * 0: shapeOf() derives them from balanced wiring. fabric.pin (ctx.pins) keeps only the designs
 * that meet every pin; counts and ports balanced wiring derives are computed here to filter by.
 * With `budget`, it stops (returns) once that many inner steps are taken: callers that only ask
 * whether a design exists (the pin diagnosis) stay quick on large spaces.
 */
export function* enumerateDesigns(ctx: Context, budget?: { steps: number }): Generator<Design> {
  const f = ctx.scenario.fabric;
  const M = ctx.nodes;
  const R = ctx.profile.railsPerNode;
  const maxOver = tierCap(f);
  const gpn = ctx.profile.gpusPerNode;
  const pin = ctx.pins;
  const spineDerived = spineDerivedPinned(pin);
  const coreDerived = coreDerivedPinned(pin);
  for (const family of FAMILIES) {
    if (!f.families.includes(family) || (pin.family !== undefined && pin.family !== family)) continue;
    // How nodes spread over the leaves of a group: one leaf per rail, or (fat-tree) g leaves taking R / g rails each.
    const spreads = nodeSpreads(family, R, pin);
    if (!spreads.length) continue;
    const whole = spreads[0].leavesPerNode === undefined ? spreads[0] : undefined;
    const minPerNode = spreads[spreads.length - 1].railsPerLeaf;
    const [minT, maxT] = FAMILY_TIERS[family];
    for (const v of pinnedVariants(ctx)) {
      const base = { family, technology: v.technology, planes: v.planes };
      for (let T = minT; T <= Math.min(maxT, f.maxTiers); T++) {
        if (!pin.tiers(T)) continue;
        for (const leaf of v.leafOptions) {
          if (!pin.leaf.option(leaf)) continue;
          if (T === 1 && leaf.split) continue;
          const k1 = usablePorts(f, 'leaf', leaf.radix);
          const above = optionsAbove(ctx, v, leaf);
          const w = speedWeight(leaf);
          if (T === 1) {
            // One switch per plane holds whole nodes: nodes spread over leaves need a spine to join them.
            if (!whole) continue;
            const perNode = whole.railsPerLeaf;
            if (M * perNode <= k1 && meetsRailLocality(f, M, M, gpn, R) && leafGroupPinned(pin, M, M * perNode, whole.leavesPerGroup))
              yield designOf(base, M, undefined, [tierOf(leaf, M * perNode, 0)]);
            continue;
          }
          for (let n = 1; upCapacity(f, 'leaf', leaf, n * minPerNode) >= 1 && n <= M; n++) {
            const groups = Math.ceil(M / n);
            if (!meetsRailLocality(f, n, M, gpn, R)) continue;
            for (const spread of spreads) {
              const d1 = n * spread.railsPerLeaf;
              if (upCapacity(f, 'leaf', leaf, d1) < 1) continue;
              if (!hasSpineWork(family, groups, spread.leavesPerGroup)) continue;
              const leaves = groups * spread.leavesPerGroup;
              if (!leafGroupPinned(pin, n, d1, leaves)) continue;
              const u1Max = upCapacity(f, 'leaf', leaf, d1);
              for (let u1 = minUplinks(d1, maxOver, w); u1 <= u1Max; u1++) {
                if (pin.leaf.upPorts !== undefined && pin.leaf.upPorts !== u1) continue;
                const leafTier = tierOf(leaf, d1, u1);
                if (T === 2) {
                  // Leaves that share one spine layer: all of them, or one rail's in rail-only.
                  const lower = family === 'rail-only' ? groups : leaves;
                  for (const spine of above) {
                    if (budget && --budget.steps < 0) return;
                    if (!pin.spine.option(spine)) continue;
                    if (spineDerived && !spinePinned2(ctx, family, lower, u1, spine)) continue;
                    yield designOf(base, n, spread.leavesPerNode, [leafTier, tierOf(spine, 0, 0)]);
                  }
                  continue;
                }
                // A 3-tier spine may split its cages too: down at the leaf's up speed, up at its own.
                for (const spine of spineOptions(ctx, leaf.sw.technology, leaf.upGbps)) {
                  if (!pin.spine.option(spine)) continue;
                  const w2 = speedWeight(spine);
                  const cores = upperOptions(ctx, spine.sw.technology, spine.upGbps);
                  for (const Sp of divisors(u1)) {
                    const c1 = u1 / Sp;
                    for (let u2 = 1; downCapacity(f, 'spine', spine, u2) >= 1; u2++) {
                      if (budget && --budget.steps < 0) return;
                      // Pods are as large as the spine's remaining ports allow, in whole leaf groups (SUs when rail-optimized).
                      const Lp = maxLeavesPerPod(downCapacity(f, 'spine', spine, u2), c1, spread.leavesPerGroup);
                      if (Lp < 2 || Lp >= leaves) continue;
                      const d2 = Lp * c1;
                      if (u2 < minUplinks(d2, maxOver, w2)) continue;
                      if (!spinePinned3(pin, u2, d2, Math.ceil(leaves / Lp) * Sp)) continue;
                      const spineTier = tierOf(spine, d2, u2);
                      for (const core of cores) {
                        if (!pin.core.option(core)) continue;
                        if (coreDerived && !corePinned(ctx, Math.ceil(leaves / Lp), u2, Sp, core)) continue;
                        yield designOf(base, n, spread.leavesPerNode, [leafTier, spineTier, tierOf(core, 0, 0)], Sp, Lp);
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}

type DesignTier = Design['tiers'][number];

/**
 * A tier of a design: the option's switch and mode, and its up mode when it splits its cages.
 * Object literals of fixed shape, not spreads: the enumeration yields hundreds of thousands of
 * designs, and spreading made it several times slower.
 */
function tierOf(o: SwitchOption, downPorts: number, upPorts: number): DesignTier {
  return o.split
    ? { switchId: o.sw.id, portModeId: o.mode.id, upPortModeId: o.split.upMode.id, downPorts, upPorts }
    : { switchId: o.sw.id, portModeId: o.mode.id, downPorts, upPorts };
}

/** A design, its keys in the schema's order; `leavesPerNode` only when nodes spread, the pod sizes only at 3 tiers. */
function designOf(
  base: { family: Family; technology: Design['technology']; planes: number },
  nodesPerLeafGroup: number,
  leavesPerNode: number | undefined,
  tiers: DesignTier[],
  spinesPerPod?: number,
  leavesPerPod?: number,
): Design {
  const { family, technology, planes } = base;
  if (spinesPerPod === undefined)
    return leavesPerNode === undefined
      ? { family, technology, planes, nodesPerLeafGroup, tiers }
      : { family, technology, planes, nodesPerLeafGroup, leavesPerNode, tiers };
  return leavesPerNode === undefined
    ? { family, technology, planes, nodesPerLeafGroup, spinesPerPod, leavesPerPod, tiers }
    : { family, technology, planes, nodesPerLeafGroup, leavesPerNode, spinesPerPod, leavesPerPod, tiers };
}

/** The fabric variants the technology and plane pins allow. */
export function pinnedVariants(ctx: Context): ReturnType<typeof fabricVariants> {
  const pin = ctx.pins;
  return fabricVariants(ctx).filter((v) => (pin.technology === undefined || pin.technology === v.technology) && (pin.planes === undefined || pin.planes === v.planes));
}

/** A 2-tier spine's count and down ports under balanced wiring meet the spine pins (no spine group fits: they do not). */
export function spinePinned2(ctx: Context, family: Family, lower: number, u1: number, spine: SwitchOption): boolean {
  return (pinnedSpinesPerGroup(ctx, family, lower, u1, usablePorts(ctx.scenario.fabric, 'spine', spine.radix)) ?? 1) > 0;
}

/** A 3-tier spine's up and down ports and count (pods x spines per pod) meet the spine pins. */
export function spinePinned3(pin: PinPlan, u2: number, d2: number, spines: number): boolean {
  const p = pin.spine;
  return (p.upPorts === undefined || p.upPorts === u2) && (p.downPorts === undefined || p.downPorts === d2)
    && (p.switchesPerPlane === undefined || p.switchesPerPlane === spines);
}

/** The core count (spines per pod x core group) and down ports under balanced wiring meet the core pins. */
export function corePinned(ctx: Context, pods: number, u2: number, Sp: number, core: SwitchOption): boolean {
  return (pinnedCoresPerGroup(ctx, pods, u2, Sp, usablePorts(ctx.scenario.fabric, 'core', core.radix)) ?? 1) > 0;
}
