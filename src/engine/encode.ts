// Encodes a scenario + catalog into the flat tables the kernel reads (layout: assembly/layout.ts),
// and decodes the kernel's designs back into reference Design objects. Everything here that is
// per-design-invariant is computed with the reference's own pieces (FloorPlan, MediaChooser,
// fabricVariants), so the tables are exact by construction.
import * as L from '../../assembly/layout';
import { CAGE_TYPES } from '../model/catalog';
import { FAMILIES, TECHNOLOGIES, type Family } from '../model/common';
import type { Design } from '../model/result';
import { supportCentsPerYear, type Assessor } from '../topology/assess';
import type { Context } from '../topology/context';
import { fabricVariants, hasSpineWork, maxLeavesPerPod, minUplinks, spineOptions, upperOptions } from '../topology/enumerate';
import { leafGroupPinned } from '../topology/pins';
import { nodeSpreads, type NodeSpread } from '../topology/node-spread';
import type { LengthHistogram } from '../topology/layout';
import type { LinkType, MediaChoice } from '../topology/media';
import { downCapacity, endToEndCap, meetsRailLocality, reservedPorts, speedWeight, tierCap, upCapacity, usablePorts } from '../topology/limits';
import type { SwitchOption } from '../topology/context';
import { FAMILY_TIERS } from '../topology/shape';
import { growableFloats, growableInts, type Growable } from './growable';

export { LAYOUT_VERSION } from '../../assembly/layout';

/** Most Pareto points a shard may hold; a shard that needs more reports it instead of guessing. */
export const PARETO_CAP = 4096;

export interface EncodedInput {
  ints: Int32Array;
  floats: Float64Array;
}

export interface Encoding {
  input: EncodedInput;
  branchCount: number;
  /** Rough work per branch, for cutting shards of similar size. */
  branchWeights: Float64Array;
  /** Tier count of each branch (shards never mix 3-tier branches with the others). */
  branchTiers: Int8Array;
  variants: ReturnType<typeof fabricVariants>;
}

/**
 * An uplink class: the technology and speed of switch links, the single-mode switches that take
 * them (2-tier spines, cores) and the options a 3-tier spine above them may be (cage splits too).
 */
export interface UplinkClass {
  technology: string;
  gbps: number;
  options: SwitchOption[];
  spines: SwitchOption[];
}

/**
 * The uplink classes of the variants' leaves, in order of first use (variant, then leaf option),
 * then those of split 3-tier spines' up ports above them (the links to their cores).
 */
export function uplinkClasses(ctx: Context, variants: Encoding['variants']): UplinkClass[] {
  const out: UplinkClass[] = [];
  const add = (technology: string, gbps: number) => {
    if (!out.some((c) => c.technology === technology && c.gbps === gbps))
      out.push({ technology, gbps, options: upperOptions(ctx, technology, gbps), spines: spineOptions(ctx, technology, gbps) });
  };
  for (const v of variants) for (const o of v.leafOptions) add(v.technology, o.upGbps);
  const leafClasses = out.length;
  for (let i = 0; i < leafClasses; i++) for (const s of out[i].spines) add(s.sw.technology, s.upGbps);
  return out;
}

/** The uplink class index of a switch option's up ports, or -1 when no leaf of a variant uses it. */
function uplinkOf(links: UplinkClass[], o: SwitchOption): number {
  return links.findIndex((c) => c.technology === o.sw.technology && c.gbps === o.upGbps);
}

/** A design as the kernel names it (DESIGN_STRIDE words). */
export type KernelDesign = ArrayLike<number>;

/**
 * Builds the kernel input for one scenario. With `media: false` the media tables are left empty
 * (every slot 'no media'): enough to count the space and its work (estimateWork), at a fraction of
 * the cost, since the media tables walk the floor plan for every group size (withMedia fills them
 * in later from parts computed elsewhere, e.g. by search workers; the input is the same either way).
 */
export function encode(assessor: Assessor, opts: { media?: false | MediaTables } = {}): Encoding {
  const ctx = assessor.ctx;
  const f = ctx.scenario.fabric;
  const o = ctx.scenario.objective;
  const M = ctx.nodes;
  const R = ctx.profile.railsPerNode;
  const b = { ints: growableInts(1 << 16), floats: growableFloats(1 << 12) };
  b.ints.reserve(L.H_INT_COUNT);
  b.floats.reserve(L.F_COUNT);
  const H = (field: number, value: number) => b.ints.set(field, value);

  H(L.H_VERSION, L.LAYOUT_VERSION);
  H(L.H_NODES, M);
  H(L.H_RAILS, R);
  H(L.H_FAMILY_MASK, FAMILIES.reduce((m, fam, i) => (f.families.includes(fam) ? m | (1 << i) : m), 0));
  H(L.H_MAX_TIERS, f.maxTiers);
  H(L.H_TOP_K, ctx.scenario.search.topK);
  H(L.H_MINIMIZE_TCO, o.minimize === 'tco' ? 1 : 0);
  H(L.H_HAS_MAX_POWER, o.maxPowerW !== undefined ? 1 : 0);
  H(L.H_PARETO_CAP, PARETO_CAP);
  H(L.H_MIN_SPINES, f.minSpinesPerPlane);
  H(L.H_MIN_UPLINK_SWITCHES, f.minUplinkSwitches);
  const pin = ctx.pins;
  H(L.H_PIN_LEAF_UP, pin.leaf.upPorts ?? -1);
  H(L.H_PIN_SPINE_DOWN, pin.spine.downPorts ?? -1);
  H(L.H_PIN_SPINE_UP, pin.spine.upPorts ?? -1);
  H(L.H_PIN_SPINE_COUNT, pin.spine.switchesPerPlane ?? -1);
  H(L.H_PIN_CORE_DOWN, pin.core.downPorts ?? -1);
  H(L.H_PIN_CORE_COUNT, pin.core.switchesPerPlane ?? -1);
  b.floats.set(L.F_MAX_OVERSUBSCRIPTION, tierCap(f));
  b.floats.set(L.F_MAX_END_TO_END, endToEndCap(f));
  b.floats.set(L.F_PUE, o.pue);
  b.floats.set(L.F_YEARS, o.years);
  b.floats.set(L.F_PRICE_PER_KWH, o.energyPricePerKWh);
  b.floats.set(L.F_MAX_POWER_MW, o.maxPowerW !== undefined ? o.maxPowerW * 1000 : 0);

  // Variants and uplink classes first: options name their uplink class.
  const variants = fabricVariants(ctx);
  const links = uplinkClasses(ctx, variants);
  // Switch options, in ctx.switchOptions order (= catalog switch index, then port mode index, then cage splits).
  const cageIndex = (c: string) => (CAGE_TYPES as readonly string[]).indexOf(c);
  H(L.H_OPTION_COUNT, ctx.switchOptions.length);
  H(L.H_OPTIONS, b.ints.length);
  for (const opt of ctx.switchOptions) {
    const rec = b.ints.reserve(L.OPTION_STRIDE);
    b.ints.set(rec + L.OPTION_SWITCH_INDEX, opt.switchIndex);
    b.ints.set(rec + L.OPTION_MODE_INDEX, opt.modeIndex);
    b.ints.set(rec + L.OPTION_RADIX, opt.radix);
    b.ints.set(rec + L.OPTION_PORTS_PER_CAGE, opt.mode.ports / opt.sw.cages);
    b.ints.set(rec + L.OPTION_CAGES, opt.sw.cages);
    b.ints.set(rec + L.OPTION_SKU, opt.sku.index);
    b.ints.set(rec + L.OPTION_CAGE_TYPE, cageIndex(opt.sw.cageType));
    b.ints.set(rec + L.OPTION_RESERVED_LEAF, reservedPorts(opt.radix, f.sparePortsPct.leaf));
    b.ints.set(rec + L.OPTION_RESERVED_SPINE, reservedPorts(opt.radix, f.sparePortsPct.spine));
    b.ints.set(rec + L.OPTION_RESERVED_CORE, reservedPorts(opt.radix, f.sparePortsPct.core));
    b.ints.set(rec + L.OPTION_PIN_MASK, (pin.leaf.option(opt) ? L.PIN_LEAF : 0) | (pin.spine.option(opt) ? L.PIN_SPINE : 0) | (pin.core.option(opt) ? L.PIN_CORE : 0));
    b.ints.set(rec + L.OPTION_SPLIT, opt.split ? 1 : 0);
    b.ints.set(rec + L.OPTION_UP_PORTS_PER_CAGE, opt.split ? opt.split.upPerCage : opt.mode.ports / opt.sw.cages);
    b.ints.set(rec + L.OPTION_DOWN_GBPS, opt.gbps);
    b.ints.set(rec + L.OPTION_UP_GBPS, opt.upGbps);
    b.ints.set(rec + L.OPTION_RESERVED_CAGES_LEAF, reservedPorts(opt.sw.cages, f.sparePortsPct.leaf));
    b.ints.set(rec + L.OPTION_UP_LINK, uplinkOf(links, opt));
    b.ints.set(rec + L.OPTION_RESERVED_CAGES_SPINE, reservedPorts(opt.sw.cages, f.sparePortsPct.spine));
  }

  // SKUs: allowed offers cheapest first, power, all-OEM-new price, cheapest allowed price.
  H(L.H_SKU_COUNT, ctx.skus.length);
  H(L.H_SKUS, b.ints.length);
  for (const sku of ctx.skus) {
    const rec = b.ints.reserve(L.SKU_STRIDE);
    b.ints.set(rec + L.SKU_IS_SWITCH, sku.category === 'switch' ? 1 : 0);
    b.ints.set(rec + L.SKU_OFFERS_START, b.floats.length);
    b.ints.set(rec + L.SKU_OFFERS_COUNT, sku.offers.length);
    for (const offer of sku.offers) {
      const at = b.floats.reserve(L.OFFER_STRIDE);
      b.floats.set(at + L.OFFER_UNIT_CENTS, offer.unitCents);
      b.floats.set(at + L.OFFER_STOCK, offer.stock === null ? -1 : offer.stock);
      b.floats.set(at + L.OFFER_SUPPORT_CENTS, supportCentsPerYear(ctx, offer));
      b.floats.set(at + L.OFFER_FAILURE_PCT, ctx.catalog.failureRates[offer.source][sku.category]);
    }
    b.ints.set(rec + L.SKU_FIGURES, b.floats.length);
    b.floats.push(sku.milliwatts);
    b.floats.push(sku.oemNewCents);
    b.floats.push(sku.refCents ?? -1);
    b.floats.push(o.sparesPct[sku.category]);
  }

  // Variants: (technology, planes) as the reference enumerates them, with their leaf options.
  H(L.H_VARIANT_COUNT, variants.length);
  const variantsAt = b.ints.reserve(variants.length * L.VARIANT_STRIDE);
  H(L.H_VARIANTS, variantsAt);
  variants.forEach((v, i) => {
    const rec = variantsAt + i * L.VARIANT_STRIDE;
    b.ints.set(rec + L.VARIANT_TECH, TECHNOLOGIES.indexOf(v.technology));
    b.ints.set(rec + L.VARIANT_PLANES, v.planes);
    b.ints.set(rec + L.VARIANT_OPTIONS_START, b.ints.length);
    b.ints.set(rec + L.VARIANT_OPTIONS_COUNT, v.leafOptions.length);
    for (const opt of v.leafOptions) b.ints.push(ctx.switchOptions.indexOf(opt));
  });
  // Uplink classes: the options a spine or core above links of that speed may be.
  H(L.H_LINK_COUNT, links.length);
  const linksAt = b.ints.reserve(links.length * L.LINK_STRIDE);
  H(L.H_LINKS, linksAt);
  links.forEach((c, i) => {
    b.ints.set(linksAt + i * L.LINK_STRIDE + L.LINK_OPTIONS_START, b.ints.length);
    b.ints.set(linksAt + i * L.LINK_STRIDE + L.LINK_OPTIONS_COUNT, c.options.length);
    for (const opt of c.options) b.ints.push(ctx.switchOptions.indexOf(opt));
    b.ints.set(linksAt + i * L.LINK_STRIDE + L.LINK_SPINES_START, b.ints.length);
    b.ints.set(linksAt + i * L.LINK_STRIDE + L.LINK_SPINES_COUNT, c.spines.length);
    for (const opt of c.spines) b.ints.push(ctx.switchOptions.indexOf(opt));
  });

  // Media tables per (variant, cage, group size n): slots reserved here, filled by fillMedia.
  const cages = CAGE_TYPES.length;
  const nMax = groupSizeLimit(ctx);
  H(L.H_CAGE_COUNT, cages);
  H(L.H_N_MAX, nMax);
  const nodeIndex = b.ints.reserve(variants.length * cages * nMax * 2);
  const leafIndex = b.ints.reserve(links.length * cages * nMax * 2);
  const coreIndex = b.ints.reserve(links.length * cages * 2);
  H(L.H_NODE_LEAF_INDEX, nodeIndex);
  H(L.H_LEAF_SPINE_INDEX, leafIndex);
  H(L.H_SPINE_CORE_INDEX, coreIndex);
  for (let i = nodeIndex; i < coreIndex + links.length * cages * 2; i += 2) b.ints.set(i + 1, -1);

  // Branches: (family, variant, tiers, leaf option, n, leaves per group) in the reference's enumeration order.
  const { branches, weights } = enumerateBranches(ctx, variants, links);
  H(L.H_BRANCH_COUNT, branches.length / L.BRANCH_STRIDE);
  H(L.H_BRANCHES, b.ints.length);
  b.ints.append(branches.view());

  const floats = opts.media === false ? b.floats.toArray() : fillMedia(assessor, variants, b.ints.data, b.floats.view(), [opts.media ?? encodeMedia(assessor)]);
  return {
    input: { ints: b.ints.toArray(), floats },
    branchCount: branches.length / L.BRANCH_STRIDE,
    branchWeights: weights.toArray(),
    branchTiers: Int8Array.from({ length: branches.length / L.BRANCH_STRIDE }, (_, i) => branches.data[i * L.BRANCH_STRIDE + L.BRANCH_TIERS]),
    variants,
  };
}

type GrowableInts = Growable<Int32Array>;
type GrowableFloats = Growable<Float64Array>;
type FabricVariant = Encoding['variants'][number];

/** What the branch enumeration of one family reads (see enumerateBranches), made once per family. */
interface BranchScope {
  ctx: Context;
  links: UplinkClass[];
  fi: number;
  family: Family;
  /** How a node's ports spread over its group's leaves (one per rail; a fat-tree's g = 1, 2, ...). */
  spreads: NodeSpread[];
  whole: NodeSpread | undefined;
  minPerNode: number;
  branches: GrowableInts;
  weights: GrowableFloats;
}

/**
 * The branches of the search and their estimated weights, in the reference's enumeration order.
 * (Module-level functions rather than callbacks made per call: V8 holds a closure's optimized code
 * only while a closure of it lives, so per-run callbacks were compiled again after every full GC.)
 */
function enumerateBranches(ctx: Context, variants: FabricVariant[], links: UplinkClass[]): { branches: GrowableInts; weights: GrowableFloats } {
  const f = ctx.scenario.fabric;
  const pin = ctx.pins;
  const R = ctx.profile.railsPerNode;
  const branches = growableInts(1 << 12);
  const weights = growableFloats(1 << 10);
  // fabric.pin's family, technology, planes, tiers, group size and leaf pins select branches here;
  // the kernel checks the rest per design (H_PIN_*, OPTION_PIN_MASK), as enumerateDesigns does.
  for (const [fi, family] of FAMILIES.entries()) {
    if (!f.families.includes(family) || (pin.family !== undefined && pin.family !== family)) continue;
    const spreads = nodeSpreads(family as Family, R, pin);
    if (!spreads.length) continue;
    const scope: BranchScope = {
      ctx, links, fi, family: family as Family, spreads, branches, weights,
      whole: spreads[0].leavesPerNode === undefined ? spreads[0] : undefined,
      minPerNode: spreads[spreads.length - 1].railsPerLeaf,
    };
    const [minT, maxT] = FAMILY_TIERS[family as Family];
    for (let vi = 0; vi < variants.length; vi++) {
      const v = variants[vi];
      if ((pin.technology !== undefined && pin.technology !== v.technology) || (pin.planes !== undefined && pin.planes !== v.planes)) continue;
      for (let T = minT; T <= Math.min(maxT, f.maxTiers); T++) {
        if (!pin.tiers(T)) continue;
        for (let li = 0; li < v.leafOptions.length; li++) leafBranches(scope, v, vi, T, li);
      }
    }
  }
  return { branches, weights };
}

/** The branches of leaf option li of variant v at T tiers (see enumerateBranches). */
function leafBranches(s: BranchScope, v: FabricVariant, vi: number, T: number, li: number): void {
  const { ctx, links } = s;
  const f = ctx.scenario.fabric;
  const pin = ctx.pins;
  const M = ctx.nodes;
  const R = ctx.profile.railsPerNode;
  const leaf = v.leafOptions[li];
  if (!pin.leaf.option(leaf)) return;
  if (T === 1 && leaf.split) return;
  const k1 = usablePorts(f, 'leaf', leaf.radix);
  const above = leaf.split ? links[uplinkOf(links, leaf)].options : v.options;
  // A split leaf whose up speed no single-mode switch takes has nothing above it.
  if (T > 1 && above.length === 0) return;
  if (T === 1) {
    // One switch per plane holds whole nodes (nodes spread over leaves need a spine).
    const whole = s.whole;
    if (!whole) return;
    const perNode = whole.railsPerLeaf;
    if (M * perNode <= k1 && meetsRailLocality(f, M, M, ctx.profile.gpusPerNode, R) && leafGroupPinned(pin, M, M * perNode, whole.leavesPerGroup)) {
      pushBranch(s.branches, s.fi, vi, T, li, M, whole.leavesPerGroup);
      s.weights.push(1);
    }
    return;
  }
  // The same for every group size of this leaf: the tier cap, the leaf's speed weight, and the
  // spine work per uplink (the spine options above; at 3 tiers times their radixes, for the cores).
  const cap = tierCap(f);
  const weight = speedWeight(leaf);
  let spineWork = above.length;
  if (T !== 2) {
    let radixSum = 0;
    for (const sp of links[uplinkOf(links, leaf)].spines) radixSum += sp.radix;
    spineWork = radixSum * above.length;
  }
  for (let n = 1; upCapacity(f, 'leaf', leaf, n * s.minPerNode) >= 1 && n <= M; n++) {
    if (!meetsRailLocality(f, n, M, ctx.profile.gpusPerNode, R)) continue;
    for (const spread of s.spreads) {
      const d1 = n * spread.railsPerLeaf;
      if (upCapacity(f, 'leaf', leaf, d1) < 1) continue;
      if (!hasSpineWork(s.family, Math.ceil(M / n), spread.leavesPerGroup)) continue;
      if (!leafGroupPinned(pin, n, d1, Math.ceil(M / n) * spread.leavesPerGroup)) continue;
      const u1Min = minUplinks(d1, cap, weight);
      const u1Max = upCapacity(f, 'leaf', leaf, d1);
      const uplinks = u1Max - u1Min + 1;
      if (uplinks <= 0) continue;
      if (pin.leaf.upPorts !== undefined && (pin.leaf.upPorts < u1Min || pin.leaf.upPorts > u1Max)) continue;
      pushBranch(s.branches, s.fi, vi, T, li, n, spread.leavesPerGroup);
      s.weights.push(1 + uplinks * spineWork);
    }
  }
}

function pushBranch(branches: GrowableInts, fi: number, vi: number, T: number, li: number, n: number, leavesPerGroup: number): void {
  const at = branches.reserve(L.BRANCH_STRIDE);
  const d = branches.data;
  d[at + L.BRANCH_FAMILY] = fi;
  d[at + L.BRANCH_VARIANT] = vi;
  d[at + L.BRANCH_TIERS] = T;
  d[at + L.BRANCH_LEAF] = li;
  d[at + L.BRANCH_GROUP_NODES] = n;
  d[at + L.BRANCH_LEAVES_PER_GROUP] = leavesPerGroup;
}

/** Largest group size n any branch can use (the media tables' n dimension). */
function groupSizeLimit(ctx: Context): number {
  // Loops, not spreads, over anything the catalog sizes: a spread of a large array overflows the stack.
  let maxRadix = 1;
  for (const s of ctx.switchOptions) maxRadix = Math.max(maxRadix, s.radix);
  return Math.max(1, Math.min(ctx.nodes, maxRadix));
}

/** Media slot kinds: a (variant, cage, group size)'s node-leaf demand, a (uplink class, cage, group size)'s leaf-spine parts. */
const NODE_LEAF = 0;
const LEAF_SPINE = 1;

/**
 * Media slots computed by one part (a search worker, see encodeMedia): `entries` holds (kind, slot,
 * value) triples, kind NODE_LEAF (a node-leaf demand as (sku, quantity) pairs) or LEAF_SPINE (a
 * leaf-spine run's parts as (runs, sku, linksPerUnit) triples); value < 0 is the encoder's no-media
 * code, else how many numbers of `data` (in entry order) the slot holds. slot = (variant or uplink
 * class x cages + cage) x nMax + n - 1. Typed arrays, so a worker's part crosses as two copies.
 */
export interface MediaTables {
  entries: Int32Array;
  data: Float64Array;
}

/**
 * Every (variant, cage) the node-leaf tables cover and every (uplink class, cage) the leaf-spine
 * and spine-core tables cover, with the largest group size any of their leaves uses.
 */
function mediaCells(ctx: Context, variants: Encoding['variants']) {
  const nMax = groupSizeLimit(ctx);
  const links = uplinkClasses(ctx, variants);
  const cageOf = (o: SwitchOption) => (CAGE_TYPES as readonly string[]).indexOf(o.sw.cageType);
  const nodeCells: { vi: number; c: number; upToN: number; type: LinkType }[] = [];
  const linkCages = links.map(() => new Map<number, number>());
  variants.forEach((v, vi) => {
    const usedCages = new Map<number, number>();
    for (const opt of v.leafOptions) {
      const c = cageOf(opt);
      // Group sizes any branch can use: n * perNode < radix (or n = M at one tier).
      usedCages.set(c, Math.max(usedCages.get(c) ?? 0, Math.min(nMax, opt.radix)));
      const li = uplinkOf(links, opt);
      linkCages[li].set(c, Math.max(linkCages[li].get(c) ?? 0, Math.min(nMax, opt.radix)));
    }
    for (const [c, upToN] of usedCages)
      nodeCells.push({ vi, c, upToN, type: { kind: 'node-switch', technology: v.technology, linkGbps: v.linkGbps, switchCage: CAGE_TYPES[c] } });
  });
  const linkCells: { li: number; c: number; upToN: number; type: LinkType }[] = [];
  links.forEach((l, li) => {
    for (const [c, upToN] of linkCages[li]) {
      const cage = CAGE_TYPES[c];
      linkCells.push({ li, c, upToN, type: { kind: 'switch-switch', technology: l.technology as LinkType['technology'], linkGbps: l.gbps, switchCage: cage, otherCage: cage } });
    }
  });
  return { nodeCells, linkCells };
}

/**
 * Which of `parts` computes group size n: sizes go to the least loaded part in turn, counting
 * work as the floor-plan walk's groups (nodes / n). Depends only on its arguments.
 */
export function mediaPartOf(nodes: number, nMax: number, parts: number): Int32Array {
  const owner = new Int32Array(nMax + 1);
  const load = new Float64Array(parts);
  for (let n = 1; n <= nMax; n++) {
    let best = 0;
    for (let p = 1; p < parts; p++) if (load[p] < load[best]) best = p;
    owner[n] = best;
    load[best] += Math.ceil(nodes / n) + 16;
  }
  return owner;
}

/** Which of `parts` media parts computes each group size (see mediaPartOf); sizes past the tables' are -1. */
export function mediaPartsBySize(ctx: Context, parts: number): (n: number) => number {
  const owner = mediaPartOf(ctx.nodes, groupSizeLimit(ctx), parts);
  return (n) => (Number.isInteger(n) && n >= 1 && n < owner.length ? owner[n] : -1);
}

/**
 * Computes the media slots for the group sizes `part` of `parts` owns (all of them by default):
 * the expensive part of encoding, since it walks the floor plan once per group size.
 */
export function encodeMedia(assessor: Assessor, part = 0, parts = 1): MediaTables {
  const ctx = assessor.ctx;
  const plan = assessor.plan;
  const R = ctx.profile.railsPerNode;
  const cages = CAGE_TYPES.length;
  const nMax = groupSizeLimit(ctx);
  const variants = fabricVariants(ctx);
  const owner = mediaPartOf(ctx.nodes, nMax, parts);
  // Each slot's numbers go straight into `data` (no array per slot: the encoder fills thousands).
  const entries = growableInts(1 << 12);
  const data = growableFloats(1 << 14);
  /** Every group size of one cell that this part owns: its walk's runs by media choice, as `write` puts them in `data`. */
  const fill = (kind: number, index: number, c: number, upToN: number, type: LinkType, runs: (n: number) => LengthHistogram, write: (groups: ChoiceGroup[]) => void) => {
    for (let n = 1; n <= upToN; n++) {
      if (owner[n] !== part) continue;
      const groups = groupByChoice(assessor, type, runs(n));
      const start = data.length;
      if (typeof groups !== 'number') write(groups);
      entries.push(kind);
      entries.push((index * cages + c) * nMax + (n - 1));
      entries.push(typeof groups === 'number' ? groups : data.length - start);
    }
  };
  const { nodeCells, linkCells } = mediaCells(ctx, variants);
  for (const { vi, c, upToN, type } of nodeCells) {
    const planes = variants[vi].planes;
    // Node-leaf: demand is fixed by n: ceil(links / linksPerUnit) per part of each (recipe, length)
    // group, as (sku, quantity) pairs in order of first use (a part may serve several groups).
    fill(NODE_LEAF, vi, c, upToN, type, (n) => plan.nodeRuns(n), (groups) => {
      const start = data.length;
      for (let gi = 0; gi < groups.length; gi++) {
        const links = groups[gi].count * R * planes;
        const ps = groups[gi].choice.parts;
        for (let j = 0; j < ps.length; j++) {
          const sku = ps[j].sku.index;
          let at = start;
          while (at < data.length && data.data[at] !== sku) at += 2;
          if (at === data.length) {
            data.push(sku);
            data.push(0);
          }
          data.data[at + 1] += Math.ceil(links / ps[j].linksPerUnit);
        }
      }
    });
  }
  for (const { li, c, upToN, type } of linkCells) {
    // Leaf-spine: links scale with the leaf's uplinks, so keep (runs, sku, linksPerUnit) per part.
    fill(LEAF_SPINE, li, c, upToN, type, (n) => plan.leafRuns(n), (groups) => {
      for (let gi = 0; gi < groups.length; gi++) {
        const ps = groups[gi].choice.parts;
        for (let j = 0; j < ps.length; j++) {
          data.push(groups[gi].count);
          data.push(ps[j].sku.index);
          data.push(ps[j].linksPerUnit);
        }
      }
    });
  }
  return { entries: entries.toArray(), data: data.toArray() };
}

/**
 * Writes the media index of every slot into `ints` (an input whose media slots are still empty) and
 * returns the input's floats: `floats`, then the slots' own numbers, joined from the parts in
 * (variant or uplink class, cage, n) order whichever part computed them, so the input is the same for
 * any number of parts; then the spine-core media. The array comes from `alloc` (made once, at its
 * final size: the page joins the workers' tables between their media and their first wave).
 */
function fillMedia(assessor: Assessor, variants: Encoding['variants'], ints: Int32Array | number[], floats: ArrayLike<number>, parts: MediaTables[], alloc: (length: number) => Float64Array = plainFloats): Float64Array {
  const floatsAt = floats.length;
  const ctx = assessor.ctx;
  const cages = CAGE_TYPES.length;
  const nMax = ints[L.H_N_MAX];
  const nodeIndex = ints[L.H_NODE_LEAF_INDEX];
  const leafIndex = ints[L.H_LEAF_SPINE_INDEX];
  const coreIndex = ints[L.H_SPINE_CORE_INDEX];
  const links = uplinkClasses(ctx, variants);
  // Where each computed slot is: (part, entry, offset in the part's data), by kind and slot; part -1
  // for a slot no part computed.
  const found = [new Int32Array(variants.length * cages * nMax * 3).fill(-1), new Int32Array(links.length * cages * nMax * 3).fill(-1)];
  let total = 0;
  parts.forEach((t, p) => {
    for (let e = 0, at = 0; e < t.entries.length; e += 3) {
      const kind = t.entries[e];
      const slot = t.entries[e + 1];
      const where = found[kind];
      if (!where || !(slot >= 0 && slot * 3 < where.length)) throw new Error(`media tables name slot ${slot} of kind ${kind}, outside the encoding's`);
      where[slot * 3] = p;
      where[slot * 3 + 1] = e;
      where[slot * 3 + 2] = at;
      if (t.entries[e + 2] > 0) at += t.entries[e + 2];
    }
    total += t.data.length;
  });
  // Spine-core media per (uplink class of the spine's up ports, spine cage): one run of the plan's
  // spine-core length. Single-mode spines share the leaves' class and cage (else no media joins
  // them); a split spine's up ports are a class of their own.
  const { nodeCells, linkCells } = mediaCells(ctx, variants);
  const core: [number, number | number[]][] = [];
  const written = new Set<number>();
  const spineCore = (li: number, c: number) => {
    const slot = li * cages + c;
    if (written.has(slot)) return;
    written.add(slot);
    const cage = CAGE_TYPES[c];
    const type: LinkType = { kind: 'switch-switch', technology: links[li].technology as LinkType['technology'], linkGbps: links[li].gbps, switchCage: cage, otherCage: cage };
    const sc = groupByChoice(assessor, type, { lengthsCm: [assessor.plan.spineToCoreCm()], counts: [1] });
    if (typeof sc === 'number') core.push([slot, sc]);
    else {
      const pairs: number[] = [];
      for (const p of sc[0].choice.parts) pairs.push(p.sku.index, p.linksPerUnit);
      core.push([slot, pairs]);
      total += pairs.length;
    }
  };
  for (const { li, c } of linkCells) {
    spineCore(li, c);
    for (const s of links[li].spines) if (s.split) spineCore(uplinkOf(links, s), (CAGE_TYPES as readonly string[]).indexOf(s.sw.cageType));
  }
  const out = alloc(floatsAt + total);
  out.set(floats);
  let end = floatsAt;
  const put = (kind: number, index: number, slot: number, what: string, stride: number) => {
    const where = found[kind];
    if (where[slot * 3] < 0) throw new Error(`media tables lack ${what}`);
    const t = parts[where[slot * 3]];
    const value = t.entries[where[slot * 3 + 1] + 2];
    if (value < 0) ints[index + slot * 2 + 1] = value;
    else {
      const from = where[slot * 3 + 2];
      ints[index + slot * 2] = end;
      ints[index + slot * 2 + 1] = value / stride;
      out.set(t.data.subarray(from, from + value), end);
      end += value;
    }
  };
  for (const { vi, c, upToN } of nodeCells)
    for (let n = 1; n <= upToN; n++) put(NODE_LEAF, nodeIndex, (vi * cages + c) * nMax + (n - 1), `variant ${vi}, cage ${c}, group size ${n}`, 2);
  for (const { li, c, upToN } of linkCells)
    for (let n = 1; n <= upToN; n++) put(LEAF_SPINE, leafIndex, (li * cages + c) * nMax + (n - 1), `uplink class ${li}, cage ${c}, group size ${n}`, 3);
  for (const [slot, t] of core) {
    if (typeof t === 'number') ints[coreIndex + slot * 2 + 1] = t;
    else {
      ints[coreIndex + slot * 2] = end;
      ints[coreIndex + slot * 2 + 1] = t.length / 2;
      out.set(t, end);
      end += t.length;
    }
  }
  // Every slot a part computed is one some cell uses, so the numbers fill the array exactly.
  if (end === out.length) return out;
  const exact = alloc(end);
  exact.set(out.subarray(0, end));
  return exact;
}

const plainFloats = (length: number) => new Float64Array(length);

/** Where an input's arrays are made: plain ones, or shared memory for workers that read it without a copy. */
export interface InputArrays {
  ints(length: number): Int32Array;
  floats(length: number): Float64Array;
}

/**
 * The input of `encoding` (made with `media: false`) with the media tables computed in parts (by
 * search workers) filled in, without encoding the rest again: the same input encode() makes, its
 * arrays made by `arrays` (plain ones by default).
 */
export function withMedia(encoding: Encoding, assessor: Assessor, parts: MediaTables[], arrays?: InputArrays): Encoding {
  const ints = arrays ? arrays.ints(encoding.input.ints.length) : new Int32Array(encoding.input.ints.length);
  ints.set(encoding.input.ints);
  const floats = fillMedia(assessor, encoding.variants, ints, encoding.input.floats, parts, arrays?.floats);
  return { ...encoding, input: { ints, floats } };
}

/** Runs of one media choice: how many, and the choice (its parts and their links per unit). */
interface ChoiceGroup {
  count: number;
  choice: MediaChoice;
}

/**
 * Groups a histogram's runs by the media the reference picks. When some run has none: -1
 * (L.MEDIA_NONE) if nothing in the catalog reaches one of them, else -2 (L.MEDIA_UNCONFIRMED_ONLY)
 * when only unconfirmed parts or recipes would, as the reference's assess tells 'media' from 'unconfirmed'.
 */
export function groupByChoice(assessor: Assessor, type: LinkType, hist: LengthHistogram): ChoiceGroup[] | number {
  // Groups in order of first use. A histogram has a handful of lengths and fewer choices, so a
  // scan beats a map keyed by a string per length (the encoder calls this for every group size).
  const groups: ChoiceGroup[] = [];
  let gap = 0;
  const choose = assessor.media.chooserFor(type);
  const bounds = assessor.media.bucketBounds(type);
  const { lengthsCm, counts } = hist;
  // Lengths ascend (a histogram's order), so their buckets only move forward: a length in the
  // bucket of the last one chosen has its media (a million-GPU leaf walk has hundreds of lengths
  // per group size, in a few buckets).
  let bucket = 0;
  let chosen = -1; // the bucket of the last length chosen, and its group
  let at = 0;
  for (let i = 0; i < lengthsCm.length; i++) {
    const lengthCm = lengthsCm[i];
    while (bucket < bounds.length && bounds[bucket] < lengthCm) bucket++;
    if (bucket === chosen) {
      groups[at].count += counts[i];
      continue;
    }
    const choice = choose(lengthCm);
    if (!choice) {
      if (!assessor.media.unconfirmedOnly(type, lengthCm)) return L.MEDIA_NONE;
      gap = L.MEDIA_UNCONFIRMED_ONLY;
      continue;
    }
    // The same recipe at the same standard cable length is the same media.
    at = 0;
    while (at < groups.length && (groups[at].choice.recipeIndex !== choice.recipeIndex || groups[at].choice.cableLengthCm !== choice.cableLengthCm)) at++;
    if (at === groups.length) groups.push({ count: 0, choice });
    groups[at].count += counts[i];
    chosen = bucket;
  }
  return gap !== 0 ? gap : groups;
}

/**
 * Rebuilds the Design the reference enumerator yields for a kernel design (top tier down ports 0).
 * Its objects are written out key by key in the reference's order, with no spread and no closure
 * made per call: the pool decodes thousands of kept designs a run while the workers compute.
 */
export function decodeDesign(ctx: Context, variants: Encoding['variants'], d: KernelDesign): Design {
  const family = FAMILIES[d[L.D_FAMILY]];
  const v = variants[d[L.D_VARIANT]];
  const T = d[L.D_TIERS];
  const lpg = d[L.D_LEAVES_PER_GROUP];
  const perNode = ctx.profile.railsPerNode / lpg;
  const leaf = ctx.switchOptions[d[L.D_LEAF]];
  if (T === 1) {
    const M = ctx.nodes;
    return { family, technology: v.technology, planes: v.planes, nodesPerLeafGroup: M, tiers: [tierOf(leaf, M * perNode, 0, false)] };
  }
  const n = d[L.D_GROUP_NODES];
  const u1 = d[L.D_LEAF_UP];
  const leafTier = tierOf(leaf, n * perNode, u1);
  const spine = ctx.switchOptions[d[L.D_SPINE]];
  // A fat-tree whose nodes spread over several leaves says so (leavesPerNode); the others leave it out.
  const spread = family === 'fat-tree' && lpg > 1;
  if (T === 2) {
    const tiers = [leafTier, tierOf(spine, 0, 0, false)];
    return spread
      ? { family, technology: v.technology, planes: v.planes, nodesPerLeafGroup: n, leavesPerNode: lpg, tiers }
      : { family, technology: v.technology, planes: v.planes, nodesPerLeafGroup: n, tiers };
  }
  const Sp = d[L.D_SPINES_PER_POD];
  const u2 = d[L.D_SPINE_UP];
  const c1 = u1 / Sp;
  const Lp = maxLeavesPerPod(downCapacity(ctx.scenario.fabric, 'spine', spine, u2), c1, lpg);
  const tiers = [leafTier, tierOf(spine, Lp * c1, u2), tierOf(ctx.switchOptions[d[L.D_CORE]], 0, 0, false)];
  return spread
    ? { family, technology: v.technology, planes: v.planes, nodesPerLeafGroup: n, leavesPerNode: lpg, spinesPerPod: Sp, leavesPerPod: Lp, tiers }
    : { family, technology: v.technology, planes: v.planes, nodesPerLeafGroup: n, spinesPerPod: Sp, leavesPerPod: Lp, tiers };
}

/** One tier of a decoded design; a split switch names its up ports' mode unless `up` is false (a top tier). */
function tierOf(o: SwitchOption, downPorts: number, upPorts: number, up = true): Design['tiers'][number] {
  return up && o.split
    ? { switchId: o.sw.id, portModeId: o.mode.id, upPortModeId: o.split.upMode.id, downPorts, upPorts }
    : { switchId: o.sw.id, portModeId: o.mode.id, downPorts, upPorts };
}

export const RULE_NAMES = ['oversubscription', 'port-budget', 'cage-budget', 'spine-radix', 'core-radix', 'media', 'stock', 'sourcing', 'power', 'end-to-end-oversubscription', 'unconfirmed', 'min-spines', 'min-uplink-switches'] as const;
