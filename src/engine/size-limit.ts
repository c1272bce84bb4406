// Refuses, before anything runs, a search the kernel could not finish in reasonable time, saying
// how large it is and what to narrow. The test is the kernel's worst-case step count (estimateWork),
// not the design count: the benchmark XL scenario has 286 M designs but at most 0.54 G steps and
// finishes in seconds, while four switches with ten port modes of up to 1,184 ports each have 2.3 T
// designs and 2.8 T steps, and take many minutes. Every scenario over the default catalog stays under
// 0.9 G steps; a 2,048-port chassis switch added to it reaches 30 G (about half a minute on one core).
import { FAMILIES, type Family } from '../model/common';
import type { Context } from '../topology/context';
import { fabricVariants } from '../topology/enumerate';
import { nodeSpreads } from '../topology/node-spread';
import { FAMILY_TIERS } from '../topology/shape';
import { Assessor } from '../topology/assess';
import { encode, type Encoding } from './encode';
import { estimateWork, type WorkEstimate } from './work';

/** Worst-case kernel steps a search may take: about a minute on one core of a slow machine. */
export const MAX_KERNEL_STEPS = 60e9;

/**
 * Branches (family, variant, tiers, leaf port mode, group size) a search may have before it is
 * encoded: encoding holds them all in memory, so a catalog at the schema's limits (500 switches of
 * 16 port modes of 4,096 ports) is refused here, cheaply. The XL benchmark has 2,904.
 */
export const MAX_BRANCHES = 1_000_000;

const NARROW =
  'Narrow it: list fewer or smaller switches in fabric.switchModels, or fewer fabric.planes, a lower fabric.maxTiers, ' +
  'fewer fabric.families or a lower fabric.maxOversubscription.';

const count = (n: number) => Math.round(n).toLocaleString('en-US');

/**
 * The work a search may take, as cheaply as the limit allows: the upper bound (estimateWork's
 * `upper`, a few times cheaper) when even that is within the limit, else the exact count, stopped
 * past the limit, for sizeLimitReason to judge and name. Either way the same searches are refused.
 */
export function workForLimit(encoding: Encoding, limit = MAX_KERNEL_STEPS): WorkEstimate {
  const bound = estimateWork(encoding, limit, true);
  return bound.steps <= limit ? bound : estimateWork(encoding, limit);
}

/** Why this search is too large to start, or undefined when it may run. */
export function sizeLimitReason(ctx: Context, work: WorkEstimate, limit = MAX_KERNEL_STEPS): string | undefined {
  if (work.steps <= limit) return undefined;
  // The sweep that makes a search slow grows with the spine radix: name the largest port modes.
  const top = [...ctx.switchOptions].sort((a, b) => b.radix - a.radix).slice(0, 3).map((o) => `${o.sw.id} ${o.mode.id} (${count(o.radix)} ports)`);
  const models = new Set(ctx.switchOptions.map((o) => o.sw.id)).size;
  const designs = work.stoppedAt === undefined ? `${count(work.designs)} designs` : `more than ${count(work.designs)} designs`;
  return (
    `this search is too large to finish in reasonable time: ${designs}, ${work.stoppedAt === undefined ? 'up to' : 'more than'} ` +
    `${count(work.steps / 1e9)} billion search steps at worst (the limit is ${count(limit / 1e9)} billion). ` +
    `It has ${count(ctx.switchOptions.filter((o) => !o.split).length)} port modes of ${count(models)} switch models; the largest are ${top.join(', ')}. ` +
    NARROW
  );
}

/**
 * The whole guard for an engine that has not encoded the search: too many branches, or too much
 * worst-case work (counted from an encoding without media tables). The reference engine evaluates
 * every design the kernel might, so a search refused here would take it hours too.
 */
export function searchSizeReason(ctx: Context): string | undefined {
  const tooMany = branchLimitReason(ctx);
  if (tooMany) return tooMany;
  return sizeLimitReason(ctx, workForLimit(encode(new Assessor(ctx), { media: false })));
}

/** Why this search has too many branches to even encode, or undefined (an upper bound on encode's count). */
export function branchLimitReason(ctx: Context, limit = MAX_BRANCHES): string | undefined {
  const f = ctx.scenario.fabric;
  const M = ctx.nodes;
  const R = ctx.profile.railsPerNode;
  let branches = 0;
  for (const family of FAMILIES) {
    if (!f.families.includes(family)) continue;
    // Each way a node's ports spread over leaves (rails per leaf) is a branch per group size.
    const spreads = nodeSpreads(family as Family, R, ctx.pins);
    const [minT, maxT] = FAMILY_TIERS[family as Family];
    for (const v of fabricVariants(ctx)) {
      for (let T = minT; T <= Math.min(maxT, f.maxTiers); T++) {
        // A split leaf needs uplinks, so it is no 1-tier branch (its down ports are at most the down
        // mode's radix); a split 3-tier spine is swept inside its leaf's branch, like any spine.
        for (const leaf of v.leafOptions) {
          if (T === 1) branches += leaf.split ? 0 : 1;
          else for (const sp of spreads) branches += Math.max(0, Math.min(M, Math.ceil(leaf.radix / sp.railsPerLeaf) - 1));
        }
      }
    }
  }
  if (branches <= limit) return undefined;
  const top = [...ctx.switchOptions].sort((a, b) => b.radix - a.radix).slice(0, 3).map((o) => `${o.sw.id} ${o.mode.id} (${count(o.radix)} ports)`);
  const models = new Set(ctx.switchOptions.map((o) => o.sw.id)).size;
  return (
    `this search is too large to finish in reasonable time: up to ${count(branches)} leaf choices (switch port mode and group size), ` +
    `each with its own uplinks, spines and cores to try (the limit is ${count(limit)}). ` +
    `It has ${count(ctx.switchOptions.filter((o) => !o.split).length)} port modes of ${count(models)} switch models; the largest are ${top.join(', ')}. ` +
    NARROW
  );
}
