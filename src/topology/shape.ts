import { FAMILIES, TECHNOLOGIES, type Family } from '../model/common';
import type { Design, TierRole } from '../model/result';
import type { Context, SwitchOption } from './context';
import { bandwidthRatio, endToEndCap, meetsRailLocality, railLocalGpus, reservedPorts, speedWeight, tierCap, usableCages } from './limits';
import { spreadOf, validSpread } from './node-spread';

/** Tiers a family may have: rail-optimized needs a spine to join its rails; rail-only stops at 2. */
export const FAMILY_TIERS: Record<Family, [number, number]> = {
  'fat-tree': [1, 3],
  'rail-optimized': [2, 3],
  'rail-only': [1, 2],
};

export const ROLES: TierRole[] = ['leaf', 'spine', 'core'];

/** One tier of a design, counted per plane. */
export interface TierShape {
  role: TierRole;
  option: SwitchOption;
  countPerPlane: number;
  /** Down ports per switch as designed (the most any switch of the tier uses). */
  downPorts: number;
  upPorts: number;
  oversubscription: number;
  /** Ports per switch kept free by fabric.sparePortsPct, never wired. */
  reservedPorts: number;
}

/** The counted structure of a design: how many switches and links of each kind, per plane. */
export interface Shape {
  design: Design;
  family: Family;
  tiers: TierShape[];
  planes: number;
  /** Speed of the node-leaf links (NIC speed / planes). */
  linkGbps: number;
  /** Speed of the leaf-spine links: the leaf's up ports (its up mode when split). */
  uplinkGbps: number;
  /** Speed of the spine-core links (3 tiers): the spine's up ports (its up mode when split), else uplinkGbps. */
  coreLinkGbps: number;
  nodes: number;
  rails: number;
  /** NIC ports per plane (nodes x rails). */
  endpoints: number;
  /** Nodes per leaf group (fat-tree: per leaf, or per g leaves when nodes spread; rail families: per scalable unit, one leaf per rail). */
  groupNodes: number;
  groups: number;
  /** Leaves of a group, which is also the leaves each node's ports reach (fat-tree: leavesPerNode g; rail families: the rails). */
  leavesPerGroup: number;
  /** Rails of each of its nodes one leaf takes (fat-tree: R / g; rail families: 1): leaf m of a group takes rails m x this onward. */
  railsPerLeaf: number;
  /** Parallel links from a lower switch to each upper switch it reaches, per tier boundary. */
  parallelLinks: number[];
  /** Spines that share one set of leaves: all leaves (2 tiers), one rail (rail-only) or one pod (3 tiers). */
  spinesPerGroup: number;
  pods: number;
  leavesPerPod: number;
  coresPerGroup: number;
  links: { nodeLeaf: number; leafSpine: number; spineCore: number };
}

export type Infeasible = { ok: false; reason: string; rule: string };
const no = (rule: string, reason: string): Infeasible => ({ ok: false, rule, reason });

/** Smallest divisor of `u` that is at least `min`; undefined when there is none. */
export function smallestDivisorAtLeast(u: number, min: number): number | undefined {
  for (let s = Math.max(1, min); s <= u; s++) if (u % s === 0) return s;
  return undefined;
}

export function divisors(u: number): number[] {
  const out: number[] = [];
  for (let s = 1; s <= u; s++) if (u % s === 0) out.push(s);
  return out;
}

const EPS = 1e-9;
export const ratio = (down: number, up: number): number => (up === 0 ? 0 : down / up);

function findOption(ctx: Context, switchId: string, portModeId: string, upPortModeId?: string): SwitchOption | undefined {
  // A loop, not find() with a callback made per call: the keys call this three times per design.
  const options = ctx.switchOptions;
  for (let i = 0; i < options.length; i++) {
    const o = options[i];
    if (o.sw.id === switchId && o.mode.id === portModeId && o.split?.upMode.id === upPortModeId) return o;
  }
  return undefined;
}

/** Ports a switch of this tier may wire: its radix less the spare ports fabric.sparePortsPct keeps. */
function usable(ctx: Context, role: TierRole, o: SwitchOption): number {
  return o.radix - reservedPorts(o.radix, ctx.scenario.fabric.sparePortsPct[role]);
}

function checkBudget(ctx: Context, role: TierRole, o: SwitchOption, used: number, down = used, up = 0): Infeasible | undefined {
  if (o.split) {
    // A split: the down ports take whole cages of the down mode, the up ports whole cages of the up mode.
    const cagesDown = Math.ceil(down / o.split.downPerCage);
    const cagesUp = Math.ceil(up / o.split.upPerCage);
    const have = usableCages(ctx.scenario.fabric, role, o.sw.cages);
    if (cagesDown + cagesUp > have)
      return no('cage-budget', `${role} ${o.sw.model} needs ${cagesDown} cages for ${down} x ${o.gbps}G down and ${cagesUp} for ${up} x ${o.upGbps}G up but has ${have}${
        have < o.sw.cages ? ` (${o.sw.cages - have} of its ${o.sw.cages} kept spare by fabric.sparePortsPct.${role})` : ''}`);
    return undefined;
  }
  const k = usable(ctx, role, o);
  if (used > k)
    return no('port-budget', `${role} ${o.sw.model} needs ${used} ports but has ${k} in ${o.mode.id} mode${
      k < o.radix ? ` (${o.radix - k} of its ${o.radix} kept spare by fabric.sparePortsPct.${role})` : ''}`);
  const perCage = o.mode.ports / o.sw.cages;
  const cages = Math.ceil(used / perCage);
  if (cages > o.sw.cages) return no('cage-budget', `${role} ${o.sw.model} needs ${cages} cages but has ${o.sw.cages}`);
  return undefined;
}

/** Ports a switch of this tier keeps spare: reserved ports, or for a cage split its reserved cages in up-mode ports (the side they would serve). */
function splitAwareReserved(ctx: Context, role: TierRole, o: SwitchOption): number {
  const pct = ctx.scenario.fabric.sparePortsPct[role];
  return o.split ? reservedPorts(o.sw.cages, pct) * o.split.upPerCage : reservedPorts(o.radix, pct);
}

/**
 * Spines per group at 2 tiers: the fewest that divide the leaf uplinks, take `lower` leaves' links
 * within `k2` wireable ports each, and meet the redundancy minimums; undefined when none does.
 */
export function spinesPerGroup(f: Context['scenario']['fabric'], lower: number, leafUp: number, k2: number): number | undefined {
  const req = Math.max(Math.ceil((lower * leafUp) / k2), f.minSpinesPerPlane, f.minUplinkSwitches);
  return leafUp < req ? undefined : smallestDivisorAtLeast(leafUp, req);
}

/** Cores per core group at 3 tiers (the distinct cores a spine reaches), likewise; undefined when none fits. */
export function coresPerGroup(f: Context['scenario']['fabric'], pods: number, spineUp: number, k3: number): number | undefined {
  const req = Math.max(Math.ceil((pods * spineUp) / k3), f.minUplinkSwitches);
  return spineUp < req ? undefined : smallestDivisorAtLeast(spineUp, req);
}

/**
 * The spines per group fabric.pin fixes at 2 tiers, from the spine count (per rail for rail-only)
 * or the spine's down ports: undefined when neither is pinned, 0 when balanced wiring cannot have
 * it here (it must divide the leaf uplinks, fit the spines' radix and meet the minimums).
 */
export function pinnedSpinesPerGroup(ctx: Context, family: Family, lower: number, leafUp: number, k2: number): number | undefined {
  const p = ctx.pins.spine;
  if (p.switchesPerPlane === undefined && p.downPorts === undefined) return undefined;
  const f = ctx.scenario.fabric;
  let S: number | undefined;
  if (p.switchesPerPlane !== undefined) {
    S = family === 'rail-only' ? p.switchesPerPlane / ctx.profile.railsPerNode : p.switchesPerPlane;
    if (!Number.isInteger(S)) return 0;
  }
  if (p.downPorts !== undefined) {
    // Down ports = lower x c, with c = leafUp / S links from each leaf to each spine.
    if (p.downPorts % lower !== 0 || leafUp % (p.downPorts / lower) !== 0) return 0;
    const fromDown = leafUp / (p.downPorts / lower);
    if (S !== undefined && S !== fromDown) return 0;
    S = fromDown;
  }
  const req = Math.max(Math.ceil((lower * leafUp) / k2), f.minSpinesPerPlane, f.minUplinkSwitches);
  return S! >= req && leafUp % S! === 0 ? S : 0;
}

/** The cores per group fabric.pin fixes at 3 tiers (core count / spines per pod, or from the core's down ports), as above. */
export function pinnedCoresPerGroup(ctx: Context, pods: number, spineUp: number, Sp: number, k3: number): number | undefined {
  const p = ctx.pins.core;
  if (p.switchesPerPlane === undefined && p.downPorts === undefined) return undefined;
  let Cg: number | undefined;
  if (p.switchesPerPlane !== undefined) {
    if (p.switchesPerPlane % Sp !== 0) return 0;
    Cg = p.switchesPerPlane / Sp;
  }
  if (p.downPorts !== undefined) {
    if (p.downPorts % pods !== 0 || spineUp % (p.downPorts / pods) !== 0) return 0;
    const fromDown = spineUp / (p.downPorts / pods);
    if (Cg !== undefined && Cg !== fromDown) return 0;
    Cg = fromDown;
  }
  const req = Math.max(Math.ceil((pods * spineUp) / k3), ctx.scenario.fabric.minUplinkSwitches);
  return Cg! >= req && spineUp % Cg! === 0 ? Cg : 0;
}

/**
 * The redundancy rules on a spine group of at most `spines` switches (a leaf's uplinks at 2 tiers,
 * the spines per pod at 3): fabric.minSpinesPerPlane spines, and each leaf reaching
 * fabric.minUplinkSwitches distinct ones. Each leaf reaches every spine of its group.
 */
function spineRedundancy(f: Context['scenario']['fabric'], spines: number, group: 'plane' | 'rail' | 'pod'): Infeasible | undefined {
  const what = group === 'pod' ? `${spines} spine${spines > 1 ? 's' : ''} per pod` : `a leaf's ${spines} uplink${spines > 1 ? 's reach' : ' reaches'} at most ${spines} spine${spines > 1 ? 's' : ''}`;
  if (spines < f.minSpinesPerPlane)
    return no('min-spines', `${what}, fewer than fabric.minSpinesPerPlane ${f.minSpinesPerPlane} (one spine failure would cut a leaf off)`);
  if (spines < f.minUplinkSwitches)
    return no('min-uplink-switches', `${what}, fewer than fabric.minUplinkSwitches ${f.minUplinkSwitches}`);
  return undefined;
}

/**
 * Counts a design: switches per tier, links per tier pair, under the balanced wiring rule (a lower
 * switch spreads its uplinks evenly over the S upper switches of its group, S divides the uplinks,
 * and the fewest such S is used that meets the redundancy minimums). Returns why the design is infeasible when it is.
 */
export function shapeOf(ctx: Context, design: Design): Shape | Infeasible {
  const { family, planes: P, tiers } = design;
  const T = tiers.length;
  const [minT, maxT] = FAMILY_TIERS[family];
  if (T < minT || T > maxT) return no('tiers', `${family} takes ${minT}-${maxT} tiers, got ${T}`);
  if (T > ctx.scenario.fabric.maxTiers) return no('tiers', `${T} tiers exceeds fabric.maxTiers ${ctx.scenario.fabric.maxTiers}`);
  const prof = ctx.profile;
  if (prof.nicGbps % P !== 0) return no('planes', `a ${prof.nicGbps}G NIC port cannot split into ${P} planes`);
  const linkGbps = prof.nicGbps / P;
  if (!prof.linkSpeeds[design.technology].includes(linkGbps))
    return no('nic-speed', `the ${prof.name} NIC does not run ${design.technology} at ${linkGbps}G (${P} planes)`);
  const options: SwitchOption[] = [];
  for (const [i, t] of tiers.entries()) {
    const o = findOption(ctx, t.switchId, t.portModeId, t.upPortModeId);
    if (!o) return no('switch', `tier ${i + 1}: switch ${t.switchId} in mode ${t.portModeId}${t.upPortModeId ? ` / ${t.upPortModeId} up` : ''} is not allowed or not in the catalog`);
    if (o.sw.technology !== design.technology) return no('technology', `tier ${i + 1}: ${o.sw.model} is ${o.sw.technology}, not ${design.technology}`);
    // Links from below run at the NIC's per-plane speed (leaves) or at the up speed of the tier below.
    const below = i === 0 ? linkGbps : options[i - 1].upGbps;
    if (o.gbps !== below) return no('speed', `tier ${i + 1}: ${o.sw.model} ${o.mode.id} ports run ${o.gbps}G, links are ${below}G`);
    // A split needs up ports: a leaf of 2 or 3 tiers, or a 3-tier spine (never the top tier).
    if (o.split && i === T - 1) return no('split', `tier ${i + 1}: a cage split (${o.mode.id} down / ${o.split.upMode.id} up) needs uplinks, and the ${ROLES[i]} is the top tier of a ${T}-tier design`);
    options.push(o);
  }
  const M = ctx.nodes;
  const R = prof.railsPerNode;
  const n = design.nodesPerLeafGroup;
  const railFamily = family !== 'fat-tree';
  if (design.leavesPerNode !== undefined) {
    if (railFamily) return no('leaves-per-node', `leavesPerNode is a fat-tree choice; a ${family} node reaches one leaf per rail`);
    if (design.leavesPerNode < 2 || !validSpread(design.leavesPerNode, R))
      return no('leaves-per-node', `a node's ${R} rails cannot spread evenly over ${design.leavesPerNode} leaves (leavesPerNode must divide ${R} and be 2 to ${R / 2}; ${R} leaves, one per rail, is rail-optimized)`);
    if (T === 1) return no('leaves-per-node', `a node spread over ${design.leavesPerNode} leaves needs a spine tier to join them`);
  }
  const { leavesPerGroup, railsPerLeaf } = spreadOf(family, R, design.leavesPerNode);
  const leafDown = n * railsPerLeaf;
  if (tiers[0].downPorts !== leafDown)
    return no('leaf-split', `leaf down ports must be ${leafDown} for ${n} nodes per group${railsPerLeaf !== 1 && railsPerLeaf !== R ? ` (${railsPerLeaf} of each node's ${R} rails per leaf)` : ''}, got ${tiers[0].downPorts}`);
  if (n > M) return no('leaf-split', `a leaf group of ${n} nodes is larger than the cluster's ${M} nodes`);
  const groups = Math.ceil(M / n);
  const fabric = ctx.scenario.fabric;
  const maxOver = tierCap(fabric);
  const e2eCap = endToEndCap(fabric);
  if (!meetsRailLocality(fabric, n, M, prof.gpusPerNode, R))
    return no('rail-locality', `${railLocalGpus(n, M, prof.gpusPerNode, R)} GPUs of a rail share a leaf, fewer than fabric.minRailLocalGpus ${fabric.minRailLocalGpus}`);

  const shape: Shape = {
    design, family, tiers: [], planes: P, linkGbps, uplinkGbps: options[0].upGbps, coreLinkGbps: T === 3 ? options[1].upGbps : options[0].upGbps, nodes: M, rails: R, endpoints: M * R,
    groupNodes: n, groups, leavesPerGroup, railsPerLeaf, parallelLinks: [], spinesPerGroup: 0, pods: 0, leavesPerPod: 0, coresPerGroup: 0,
    links: { nodeLeaf: M * R, leafSpine: 0, spineCore: 0 },
  };
  const leaves = groups * leavesPerGroup;
  const leafUp = tiers[0].upPorts;

  // Ratios are of bandwidth: a split switch's down ports are weighted by down speed over up speed (1 otherwise).
  const leafWeight = speedWeight(options[0]);
  for (let i = 0; i < T - 1; i++) {
    const t = tiers[i];
    const w = speedWeight(options[i]);
    if (t.upPorts < 1) return no('split', `${ROLES[i]} needs at least one uplink in a ${T}-tier design`);
    if (t.downPorts * w > maxOver * t.upPorts + EPS)
      return no('oversubscription', `${ROLES[i]} ${t.downPorts}:${t.upPorts}${w !== 1 ? ` (${options[i].gbps}G down, ${options[i].upGbps}G up)` : ''} oversubscription exceeds ${maxOver}:1${
        maxOver < fabric.maxOversubscription ? ' (fabric.maxEndToEndOversubscription bounds every tier)' : ''}`);
  }
  if (T === 3) {
    // The compounded ratio from a GPU to the core: each tier's ratio floored at 1 (undersubscription buys nothing).
    const e2e = Math.max(1, (tiers[0].downPorts * leafWeight) / tiers[0].upPorts) * Math.max(1, (tiers[1].downPorts * speedWeight(options[1])) / tiers[1].upPorts);
    if (e2e > e2eCap + EPS)
      return no('end-to-end-oversubscription',
        `leaf ${tiers[0].downPorts}:${tiers[0].upPorts} and spine ${tiers[1].downPorts}:${tiers[1].upPorts} compound to ${+e2e.toFixed(4)}:1, over fabric.maxEndToEndOversubscription ${e2eCap}:1`);
  }
  if (tiers[T - 1].upPorts !== 0) return no('split', `the top tier has no uplinks, got ${tiers[T - 1].upPorts}`);

  if (T === 1) {
    if (groups !== 1) return no('one-switch', `one switch cannot serve ${M} nodes with ${n} per group`);
    const b = checkBudget(ctx, 'leaf', options[0], leafDown);
    if (b) return b;
    shape.tiers.push({ role: 'leaf', option: options[0], reservedPorts: reservedPorts(options[0].radix, fabric.sparePortsPct.leaf), countPerPlane: leaves, downPorts: leafDown, upPorts: 0, oversubscription: 0 });
    return shape;
  }
  if (family === 'rail-only' ? groups < 2 : leaves < 2)
    return no('degenerate', `one leaf per ${family === 'rail-only' ? 'rail' : 'plane'} needs no spine layer`);
  const leafBudget = checkBudget(ctx, 'leaf', options[0], leafDown + leafUp, leafDown, leafUp);
  if (leafBudget) return leafBudget;
  shape.tiers.push({ role: 'leaf', option: options[0], reservedPorts: splitAwareReserved(ctx, 'leaf', options[0]), countPerPlane: leaves, downPorts: leafDown, upPorts: leafUp, oversubscription: bandwidthRatio(options[0], leafDown, leafUp) });
  shape.links.leafSpine = leaves * leafUp;

  if (T === 2) {
    const k2 = usable(ctx, 'spine', options[1]);
    // Leaves that share one spine layer: all of them, or one rail's in rail-only.
    const lower = family === 'rail-only' ? groups : leaves;
    const need = Math.ceil((lower * leafUp) / k2);
    if (leafUp < need)
      return no('spine-radix', `${lower} leaves with ${leafUp} uplinks need more than ${k2}-port spines allow (a third tier)`);
    const redundancy = spineRedundancy(fabric, leafUp, family === 'rail-only' ? 'rail' : 'plane');
    if (redundancy) return redundancy;
    // The fewest spines balanced wiring allows that also meet the redundancy minimums.
    const pinnedS = pinnedSpinesPerGroup(ctx, family, lower, leafUp, k2);
    if (pinnedS === 0) return no('pin', `fabric.pin.spine: balanced wiring of ${lower} leaves with ${leafUp} uplinks cannot have the pinned spine count or down ports`);
    const S = pinnedS ?? spinesPerGroup(fabric, lower, leafUp, k2)!;
    const c = leafUp / S;
    const top = lower * c;
    if (tiers[1].downPorts !== 0 && tiers[1].downPorts !== top)
      return no('wiring', `spine down ports must be ${top} under balanced wiring, got ${tiers[1].downPorts}`);
    const b = checkBudget(ctx, 'spine', options[1], top);
    if (b) return b;
    const spines = family === 'rail-only' ? S * R : S;
    shape.parallelLinks = [c];
    shape.spinesPerGroup = S;
    shape.tiers.push({ role: 'spine', option: options[1], reservedPorts: reservedPorts(options[1].radix, fabric.sparePortsPct.spine), countPerPlane: spines, downPorts: top, upPorts: 0, oversubscription: 0 });
    return shape;
  }

  // Three tiers: pods of leaves with their own spines; spine j of every pod joins core group j.
  const Sp = design.spinesPerPod;
  const Lp = design.leavesPerPod;
  if (Sp === undefined || Lp === undefined) return no('pods', 'a 3-tier design needs spinesPerPod and leavesPerPod');
  if (leafUp % Sp !== 0) return no('wiring', `${Sp} spines per pod must divide the leaf's ${leafUp} uplinks`);
  if (Lp % leavesPerGroup !== 0)
    return no('pods', family === 'rail-optimized' ? `a rail-optimized pod holds whole scalable units (${R} leaves each), got ${Lp} leaves`
      : `a pod holds whole leaf groups (${leavesPerGroup} leaves each, one per share of a node's rails), got ${Lp} leaves`);
  const c1 = leafUp / Sp;
  const spineDown = tiers[1].downPorts;
  if (spineDown !== Lp * c1) return no('wiring', `spine down ports must be ${Lp * c1} for ${Lp} leaves x ${c1} links, got ${spineDown}`);
  const pods = Math.ceil(leaves / Lp);
  if (pods < 2) return no('degenerate', 'one pod needs no core layer');
  const spineUp = tiers[1].upPorts;
  const sb = checkBudget(ctx, 'spine', options[1], spineDown + spineUp, spineDown, spineUp);
  if (sb) return sb;
  const podRedundancy = spineRedundancy(fabric, Sp, 'pod');
  if (podRedundancy) return podRedundancy;
  const k3 = usable(ctx, 'core', options[2]);
  const needCores = Math.ceil((pods * spineUp) / k3);
  if (spineUp < needCores) return no('core-radix', `${pods} pods with ${spineUp} spine uplinks need more than ${k3}-port cores allow`);
  if (spineUp < fabric.minUplinkSwitches)
    return no('min-uplink-switches', `a spine's ${spineUp} uplink${spineUp > 1 ? 's reach' : ' reaches'} at most ${spineUp} core${spineUp > 1 ? 's' : ''}, fewer than fabric.minUplinkSwitches ${fabric.minUplinkSwitches}`);
  const pinnedCg = pinnedCoresPerGroup(ctx, pods, spineUp, Sp, k3);
  if (pinnedCg === 0) return no('pin', `fabric.pin.core: balanced wiring of ${pods} pods with ${spineUp} spine uplinks cannot have the pinned core count or down ports`);
  const Cg = pinnedCg ?? coresPerGroup(fabric, pods, spineUp, k3)!;
  const c2 = spineUp / Cg;
  const top = pods * c2;
  if (tiers[2].downPorts !== 0 && tiers[2].downPorts !== top)
    return no('wiring', `core down ports must be ${top} under balanced wiring, got ${tiers[2].downPorts}`);
  const cb = checkBudget(ctx, 'core', options[2], top);
  if (cb) return cb;
  const spines = pods * Sp;
  shape.parallelLinks = [c1, c2];
  shape.spinesPerGroup = Sp;
  shape.pods = pods;
  shape.leavesPerPod = Lp;
  shape.coresPerGroup = Cg;
  shape.tiers.push({ role: 'spine', option: options[1], reservedPorts: splitAwareReserved(ctx, 'spine', options[1]), countPerPlane: spines, downPorts: spineDown, upPorts: spineUp, oversubscription: bandwidthRatio(options[1], spineDown, spineUp) });
  shape.tiers.push({ role: 'core', option: options[2], reservedPorts: reservedPorts(options[2].radix, fabric.sparePortsPct.core), countPerPlane: Sp * Cg, downPorts: top, upPorts: 0, oversubscription: 0 });
  shape.links.spineCore = spines * spineUp;
  return shape;
}

/**
 * Total order on designs used to break ties: family, technology, planes, tiers, group size, leaves
 * per node (1 unless a fat-tree spreads its nodes), then per tier (catalog switch index, port mode index, down, up), then pod split.
 */
export function designKey(ctx: Context, d: Design): number[] {
  const key = [FAMILIES.indexOf(d.family), TECHNOLOGIES.indexOf(d.technology), d.planes, d.tiers.length, d.nodesPerLeafGroup, d.leavesPerNode ?? 1];
  for (let i = 0; i < 3; i++) {
    const t = d.tiers[i];
    if (!t) { key.push(0, 0, 0, 0); continue; }
    const o = findOption(ctx, t.switchId, t.portModeId, t.upPortModeId);
    key.push(o ? o.switchIndex : -1, o ? o.modeIndex : -1, t.downPorts, t.upPorts);
  }
  key.push(d.spinesPerPod ?? 0, d.leavesPerPod ?? 0);
  return key;
}

/**
 * What the results table and design view show of a design, as a key: the design key without the
 * pod split, plus the switch count of each upper tier. Designs with equal class keys have equal
 * counts, links, media, costs and metrics, so they are one row (the smallest design key stands
 * for the class; the others are its equivalent pod splits).
 */
export function classKey(ctx: Context, shape: Shape): number[] {
  return classKeyFrom(designKey(ctx, shape.design), shape);
}

/** classKey given the design key of shape.design (designKey), for callers that already have it. */
export function classKeyFrom(designKey: readonly number[], shape: Shape): number[] {
  const key = designKey.slice(0, -2);
  key.push(shape.tiers[1]?.countPerPlane ?? 0, shape.tiers[2]?.countPerPlane ?? 0);
  return key;
}

export function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

const FAMILY_ABBR: Record<Family, string> = { 'fat-tree': 'ft', 'rail-optimized': 'ro', 'rail-only': 'rl' };

/** A stable, readable id: ro-ib-p1-n32-QM9700.64x400G.32d32u-QM9700.64x400G.64d (a fat-tree spreading nodes over 2 leaves: ft-ib-p1-n9x2-...). */
export function designId(d: Design): string {
  const tiers = d.tiers.map((t) => `${t.switchId}.${t.portModeId}${t.upPortModeId ? `+${t.upPortModeId}` : ''}.${t.downPorts}d${t.upPorts ? `${t.upPorts}u` : ''}`);
  const pods = d.spinesPerPod !== undefined ? `-pod${d.leavesPerPod}l${d.spinesPerPod}s` : '';
  const tech = d.technology === 'infiniband' ? 'ib' : 'eth';
  return `${FAMILY_ABBR[d.family]}-${tech}-p${d.planes}-n${d.nodesPerLeafGroup}${d.leavesPerNode ? `x${d.leavesPerNode}` : ''}-${tiers.join('-')}${pods}`;
}
