// How much the kernel may have to do for one run, counted from the encoding before anything runs:
// the designs in the space and the loop steps the kernel takes when no bound prunes (at three tiers
// it tries every spine uplink count for every spines-per-pod divisor of every leaf uplink count, so
// a spine of radix k costs ~k steps per divisor even when every design it leads to is pruned).
// Mirrors the kernel's enumeration (assembly/index.ts runBranch / countBranch) arithmetically.
import * as L from '../../assembly/layout';
import { minUplinks } from '../topology/enumerate';
import type { Encoding } from './encode';

export interface WorkEstimate {
  /**
   * Designs in the whole space; exact unless `stoppedAt` is set or fabric.pin fixes a spine or core
   * count or a 2-tier spine's or a core's down ports (balanced wiring derives those per design, and
   * they are not counted here), or when estimateWork was asked for an upper bound: then an upper
   * bound. The kernel's own count is always exact.
   */
  designs: number;
  /** Worst-case kernel steps over the whole space (an upper bound on them when asked for one). */
  steps: number;
  /** Per branch, in branch order (only the counted prefix when the estimate stopped early). */
  perBranchSteps: Float64Array;
  /** Set when counting stopped at `stopAbove` steps: the branch index it reached. */
  stoppedAt?: number;
}

/**
 * Counts designs and worst-case steps branch by branch. With `stopAbove`, stops as soon as the steps
 * pass it (a catalog at the schema's limits can have more designs than is worth counting exactly).
 * With `upper`, counts a 3-tier branch's designs from above without the pod-choice tables (all
 * spine uplink counts under every divisor): an upper bound on designs and steps in a fraction of
 * the time, which is all a search far under the size limit needs (see finishSearch).
 */
export function estimateWork(encoding: Encoding, stopAbove = Infinity, upper = false): WorkEstimate {
  const ints = encoding.input.ints;
  const maxOver = encoding.input.floats[L.F_MAX_OVERSUBSCRIPTION];
  const M = ints[L.H_NODES];
  const R = ints[L.H_RAILS];
  const count = encoding.branchCount;
  const perBranchSteps = new Float64Array(count);
  // Spine uplink choices per (spine radix, c1), for one pod step and leaf cap (see podChoices), with
  // sums[u] = sum over c1 of g[c1] x floor(u / c1), filled as branches ask (NaN until then): a
  // branch's designs per core are sums[u1Max] - sums[u1Min - 1] (many branches share a table).
  const tables = new Map<number, { g: Float64Array; sums: Float64Array }>();
  const byLeaves = new Map<number, Float64Array[]>();
  let maxRadix = 1;
  for (let o = 0; o < ints[L.H_OPTION_COUNT]; o++) maxRadix = Math.max(maxRadix, option(ints, o, L.OPTION_RADIX));
  const divisorSums = divisorCountPrefix(maxRadix);
  // Per option as a 3-tier spine: the uplink counts the kernel tries (while they leave a down port),
  // and its down ports beside one uplink.
  const spineUpChoices = new Int32Array(ints[L.H_OPTION_COUNT]);
  const spineMaxDown = new Int32Array(ints[L.H_OPTION_COUNT]);
  for (let o = 0; o < ints[L.H_OPTION_COUNT]; o++) {
    while (room(ints, o, spineUpChoices[o] + 1, 'spine') >= 1) spineUpChoices[o]++;
    spineMaxDown[o] = Math.max(0, room(ints, o, 1, 'spine'));
  }
  // Core options the pins allow per uplink class (a 3-tier spine's cores are its up ports' class).
  const coresOfClass = new Int32Array(ints[L.H_LINK_COUNT]);
  for (let cl = 0; cl < coresOfClass.length; cl++)
    for (let ci = 0; ci < link(ints, cl, L.LINK_OPTIONS_COUNT); ci++) if ((option(ints, ints[link(ints, cl, L.LINK_OPTIONS_START) + ci], L.OPTION_PIN_MASK) & L.PIN_CORE) !== 0) coresOfClass[cl]++;
  // Which pod-choice table a 3-tier spine option reads: single modes (without spine port pins) by
  // their wireable ports (even class 2 x k2, podChoices); cage splits, and any spine under port
  // pins, by what room() reads of them and their down / up speed (odd class, podChoicesByLeaves):
  // several models share a port layout, and so one table. Also the core options above each.
  const pinnedSpinePorts = ints[L.H_PIN_SPINE_UP] >= 0 || ints[L.H_PIN_SPINE_DOWN] >= 0;
  const tableClass = new Int32Array(ints[L.H_OPTION_COUNT]);
  const coresOfSpine = new Float64Array(ints[L.H_OPTION_COUNT]);
  const roomClasses = new Map<string, number>();
  for (let o = 0; o < ints[L.H_OPTION_COUNT]; o++) {
    coresOfSpine[o] = coresOfClass[option(ints, o, L.OPTION_UP_LINK)];
    if (option(ints, o, L.OPTION_SPLIT) === 0 && !pinnedSpinePorts) {
      tableClass[o] = 2 * (option(ints, o, L.OPTION_RADIX) - option(ints, o, L.OPTION_RESERVED_SPINE));
      continue;
    }
    const k = `${roomKey(ints, o)}|${weight(ints, o)}`;
    let c = roomClasses.get(k);
    if (c === undefined) roomClasses.set(k, (c = roomClasses.size));
    tableClass[o] = 2 * c + 1;
  }
  // Per uplink class (a leaf's spines and cores), the terms classTerms counts, as branches ask.
  const classes = new Map<number, ClassTerms>();
  let designs = 0;
  let steps = 0;
  for (let b = 0; b < count; b++) {
    const rec = ints[L.H_BRANCHES] + b * L.BRANCH_STRIDE;
    const v = ints[rec + L.BRANCH_VARIANT];
    const T = ints[rec + L.BRANCH_TIERS];
    const n = ints[rec + L.BRANCH_GROUP_NODES];
    // A group's leaves split each node's rails evenly: one rail per leaf (rail families) or R / g (fat-tree).
    const lpg = ints[rec + L.BRANCH_LEAVES_PER_GROUP];
    const leafOpt = ints[variant(ints, v, L.VARIANT_OPTIONS_START) + ints[rec + L.BRANCH_LEAF]];
    const d1 = n * (R / lpg);
    const pinUp = ints[L.H_PIN_LEAF_UP];
    // A pinned leaf uplink count is the only one (the encoder keeps only branches where it fits).
    const u1Min = pinUp >= 0 ? pinUp : minUplinks(d1, maxOver, weight(ints, leafOpt));
    const u1Max = pinUp >= 0 ? pinUp : room(ints, leafOpt, d1, 'leaf');
    // Spines and cores above the leaf's up ports (its uplink class; a 3-tier spine's cores are at its own up speed).
    const lk = option(ints, leafOpt, L.OPTION_UP_LINK);
    // The branch's designs (what the kernel counts into spaceSize) and its kernel loop steps when
    // nothing is pruned early: designs plus the (spines-per-pod, spine uplinks) sweep.
    let branchDesigns: number;
    let branchSteps: number;
    // At three tiers, the (u1, divisor of u1) pairs the kernel sweeps.
    const divisorSteps = T === 3 && u1Max >= u1Min ? divisorSums[Math.min(u1Max, maxRadix)] - divisorSums[u1Min - 1] : 0;
    if (T === 1) branchDesigns = branchSteps = 1;
    else if (u1Max < u1Min) {
      branchDesigns = 0;
      branchSteps = 1;
    } else if (T === 2) branchDesigns = branchSteps = (u1Max - u1Min + 1) * classTerms(ints, lk, classes, spineUpChoices, coresOfSpine).spineOptions;
    else if (upper) {
      // Each (u1, divisor) pair leads to at most one pod per spine uplink count, each under every core option.
      const c = classTerms(ints, lk, classes, spineUpChoices, coresOfSpine);
      branchDesigns = divisorSteps * c.upChoicesTimesCores;
      branchSteps = branchDesigns + divisorSteps * c.upChoices;
    } else {
      // Pods hold whole leaf groups.
      const step = lpg;
      const leaves = Math.ceil(M / n) * lpg;
      let d = 0;
      let sweep = 0;
      const spStart = link(ints, lk, L.LINK_SPINES_START);
      const spCount = link(ints, lk, L.LINK_SPINES_COUNT);
      for (let si = 0; si < spCount; si++) {
        const S = ints[spStart + si];
        if (!pinned(ints, S, L.PIN_SPINE)) continue;
        // Spine uplink counts the kernel tries: while they leave a down port.
        sweep += divisorSteps * spineUpChoices[S];
        // A pod holds fewer leaves than the spine has down ports, so a leaf count above that never binds.
        const cap = Math.min(leaves, spineMaxDown[S] + 1);
        const tc = tableClass[S];
        const key = (tc * (maxRadix + 2) + cap) * 65 + step;
        let table = tables.get(key);
        if (!table) {
          let g: Float64Array;
          if (tc % 2 === 1) {
            // One table by pod size per (table class, step), read at this branch's leaf count.
            let t = byLeaves.get(tc * 65 + step);
            if (!t) byLeaves.set(tc * 65 + step, (t = podChoicesByLeaves(ints, S, weight(ints, S), step, maxOver, ints[L.H_PIN_SPINE_UP], ints[L.H_PIN_SPINE_DOWN])));
            g = Float64Array.from(t, (prefix) => prefix[Math.min(cap, prefix.length - 1)]);
          } else g = podChoices(tc / 2, step, cap, maxOver);
          tables.set(key, (table = { g, sums: new Float64Array(maxRadix + 1).fill(NaN) }));
        }
        // Sum over u1 in [u1Min, u1Max] of sum over divisors c1 of u1 of g[c1] (by multiples of c1).
        d += (sumsAt(table, u1Max) - sumsAt(table, u1Min - 1)) * coresOfSpine[S];
      }
      branchDesigns = d;
      branchSteps = d + sweep;
    }
    designs += branchDesigns;
    steps += branchSteps;
    perBranchSteps[b] = branchSteps;
    if (steps > stopAbove) return { designs, steps, perBranchSteps: perBranchSteps.subarray(0, b + 1), stoppedAt: b };
  }
  return { designs, steps, perBranchSteps };
}

/** Field `field` of switch option o in the encoded input. */
const option = (ints: Int32Array, o: number, field: number) => ints[ints[L.H_OPTIONS] + o * L.OPTION_STRIDE + field];
const variant = (ints: Int32Array, v: number, field: number) => ints[ints[L.H_VARIANTS] + v * L.VARIANT_STRIDE + field];
const link = (ints: Int32Array, cl: number, field: number) => ints[ints[L.H_LINKS] + cl * L.LINK_STRIDE + field];
const weight = (ints: Int32Array, o: number) => option(ints, o, L.OPTION_DOWN_GBPS) / option(ints, o, L.OPTION_UP_GBPS);
const pinned = (ints: Int32Array, o: number, bit: number) => (option(ints, o, L.OPTION_PIN_MASK) & bit) !== 0;
const fabricSpare = (ints: Int32Array, o: number, role: 'leaf' | 'spine') =>
  role === 'leaf' ? option(ints, o, L.OPTION_RESERVED_CAGES_LEAF) : option(ints, o, L.OPTION_RESERVED_CAGES_SPINE);

/**
 * Ports left on the other side of option o beside `used` ports on one side (limits.ts upCapacity
 * for a leaf's up ports beside its down ports, downCapacity for a spine's down ports beside its up ports).
 */
function room(ints: Int32Array, o: number, used: number, role: 'leaf' | 'spine'): number {
  if (option(ints, o, L.OPTION_SPLIT) === 0) return option(ints, o, L.OPTION_RADIX) - option(ints, o, role === 'leaf' ? L.OPTION_RESERVED_LEAF : L.OPTION_RESERVED_SPINE) - used;
  const perDown = option(ints, o, L.OPTION_PORTS_PER_CAGE);
  const perUp = option(ints, o, L.OPTION_UP_PORTS_PER_CAGE);
  const cages = option(ints, o, L.OPTION_CAGES) - fabricSpare(ints, o, role);
  const left = cages - Math.ceil(used / (role === 'leaf' ? perDown : perUp));
  return left > 0 ? left * (role === 'leaf' ? perUp : perDown) : 0;
}

/** What room() reads of option o as a spine: options with the same key have the same room. */
function roomKey(ints: Int32Array, o: number): string {
  return option(ints, o, L.OPTION_SPLIT) === 0
    ? `${option(ints, o, L.OPTION_RADIX)}-${option(ints, o, L.OPTION_RESERVED_SPINE)}`
    : `${option(ints, o, L.OPTION_PORTS_PER_CAGE)}/${option(ints, o, L.OPTION_UP_PORTS_PER_CAGE)}/${option(ints, o, L.OPTION_CAGES)}/${option(ints, o, L.OPTION_RESERVED_CAGES_SPINE)}`;
}

interface ClassTerms { spineOptions: number; upChoices: number; upChoicesTimesCores: number }

/**
 * Uplink class lk's terms (kept in `classes`): its 2-tier spine options, and over its 3-tier spine
 * options the uplink counts each tries, alone and times its core options (the upper bound's terms).
 */
function classTerms(ints: Int32Array, lk: number, classes: Map<number, ClassTerms>, spineUpChoices: Int32Array, coresOfSpine: Float64Array): ClassTerms {
  let c = classes.get(lk);
  if (c) return c;
  c = { spineOptions: 0, upChoices: 0, upChoicesTimesCores: 0 };
  for (let si = 0; si < link(ints, lk, L.LINK_OPTIONS_COUNT); si++) if (pinned(ints, ints[link(ints, lk, L.LINK_OPTIONS_START) + si], L.PIN_SPINE)) c.spineOptions++;
  for (let si = 0; si < link(ints, lk, L.LINK_SPINES_COUNT); si++) {
    const S = ints[link(ints, lk, L.LINK_SPINES_START) + si];
    if (!pinned(ints, S, L.PIN_SPINE)) continue;
    c.upChoices += spineUpChoices[S];
    c.upChoicesTimesCores += spineUpChoices[S] * coresOfSpine[S];
  }
  classes.set(lk, c);
  return c;
}

/** Sum over c1 of g[c1] x floor(u / c1) (0 for u < 1), computed once per table and u. */
function sumsAt(table: { g: Float64Array; sums: Float64Array }, u: number): number {
  if (u < 1) return 0;
  const known = table.sums[u];
  if (known === known) return known; // not NaN
  const g = table.g;
  let sum = 0;
  for (let c1 = 1; c1 < g.length && c1 <= u; c1++) if (g[c1] !== 0) sum += g[c1] * Math.floor(u / c1);
  table.sums[u] = sum;
  return sum;
}

/** sums[x] = number of divisors of 1, 2, ..., x together. */
function divisorCountPrefix(max: number): Float64Array {
  const sums = new Float64Array(max + 1);
  for (let c = 1; c <= max; c++) for (let m = c; m <= max; m += c) sums[m]++;
  for (let x = 1; x <= max; x++) sums[x] += sums[x - 1];
  return sums;
}

/**
 * podChoices for any spine (a cage split, or spine ports pinned), one uplink count at a time, by
 * pod size: t[c1][x] = uplink counts u2 (while `room(u2)`, the spine's down ports beside them, is at
 * least 1) whose pod (lp = floor(room / c1 / step) x step leaves) has 2 <= lp < x, u2 >=
 * minUplinks(lp x c1) on bandwidth (weight: down / up speed), and meets the spine port pins; as the
 * kernel's fillChoices, so a branch reads its count at its leaf count (x at most the last index).
 */
function podChoicesByLeaves(ints: Int32Array, S: number, weight: number, step: number, maxOver: number, pinUp: number, pinDown: number): Float64Array[] {
  const maxDown = room(ints, S, 1, 'spine');
  // The room beside each uplink count u2 (index u2 - 1), once.
  const rooms: number[] = [];
  for (let u2 = 1; room(ints, S, u2, 'spine') >= 1; u2++) rooms.push(room(ints, S, u2, 'spine'));
  const t: Float64Array[] = [new Float64Array(1)];
  for (let c1 = 1; c1 <= Math.floor(maxDown / 2); c1++) {
    const byLp = new Float64Array(Math.floor(maxDown / c1) + 2);
    for (let u2 = 1; u2 <= rooms.length; u2++) {
      const lp = Math.floor(Math.floor(rooms[u2 - 1] / c1) / step) * step;
      if (lp < 2) break; // rooms only fall as u2 grows
      if (u2 < minUplinks(lp * c1, maxOver, weight)) continue;
      if ((pinUp >= 0 && u2 !== pinUp) || (pinDown >= 0 && lp * c1 !== pinDown)) continue;
      byLp[lp + 1]++;
    }
    for (let x = 1; x < byLp.length; x++) byLp[x] += byLp[x - 1];
    t.push(byLp);
  }
  return t;
}

/**
 * g[c1] = spine uplink counts u2 in [1, k2) whose pod (lp = floor((k2 - u2) / c1 / step) * step
 * leaves) has 2 <= lp < leaves and u2 >= minUplinks(lp * c1): the kernel's spineUplinkChoices,
 * counted by pod size instead of by u2.
 */
function podChoices(k2: number, step: number, leaves: number, maxOver: number): Float64Array {
  const g = new Float64Array(Math.max(1, Math.floor(k2 / 2) + 1));
  for (let c1 = 1; c1 < g.length; c1++) {
    let total = 0;
    for (let lp = step * Math.ceil(2 / step); lp < leaves && lp * c1 < k2; lp += step) {
      // u2 with floor((k2 - u2) / c1) in [lp, lp + step): k2 - u2 in [lp c1, (lp + step) c1 - 1].
      const lo = Math.max(1, k2 - ((lp + step) * c1 - 1), minUplinks(lp * c1, maxOver));
      const hi = Math.min(k2 - 1, k2 - lp * c1);
      if (hi >= lo) total += hi - lo + 1;
    }
    g[c1] = total;
  }
  return g;
}
