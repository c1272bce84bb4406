// The search as a sequence of steps shared by every entry point: build the context, encode, cut
// shards, and (after the shards ran somewhere) merge. Also a single-threaded in-process runner.
import type { Catalog } from '../model/catalog';
import type { Scenario } from '../model/scenario';
import { Assessor } from '../topology/assess';
import { buildContext, type Context } from '../topology/context';
import { feasibleWith, tryFixes } from '../topology/diagnose';
import type { OptimizeOutcome } from '../topology/optimize';
import { encode, withMedia, type Encoding, type InputArrays, type MediaTables } from './encode';
import { Kernel, type ShardResult } from './kernel';
import * as L from '../../assembly/layout';
import { mergeForMaterializing, mergeShards, planShards, planWaves } from './merge';
import { seedFrom } from './seed';
import { searchInPhases } from './phased';
import { phasePlanOf } from '../topology/phased-ranking';
import { materializeDesigns } from '../topology/optimize';
import { branchLimitReason, sizeLimitReason, workForLimit } from './size-limit';
import type { WorkEstimate } from './work';
import type { Prescorer } from './prescore';

export interface PreparedSearch {
  assessor: Assessor;
  encoding: Encoding;
  shards: [number, number][];
  /** The kernel's worst-case work per branch, or an upper bound on it (the pool's watchdog deadlines). */
  work?: WorkEstimate;
  /**
   * Set while the encoding lacks its media tables (prepareSearch with deferMedia): the pool's
   * workers compute them in parts from the scenario and catalog (WorkerPool.startMedia), then
   * completeMedia fills them in.
   */
  pendingMedia?: { scenario: Scenario; catalog: Catalog };
  /** Names this run to the workers that encoded its media, and those workers by media part (see WorkerPool.materialize). */
  media?: { runKey: string; workers: unknown[] };
  /** The designs the pool scored while the waves ran, for the merge (src/engine/prescore.ts). */
  prescored?: Prescorer;
}

/** Clusters of at least this many nodes have their media tables computed by the workers (deferMedia). */
export const DEFER_MEDIA_NODES = 1024;

/** Fills the media tables computed in parts (by workers) into a deferred encoding; the input is then what encode() makes. */
export function completeMedia(prepared: PreparedSearch, parts: MediaTables[], arrays?: InputArrays): void {
  prepared.encoding = withMedia(prepared.encoding, prepared.assessor, parts, arrays);
  prepared.pendingMedia = undefined;
}

/** A search begun: its context checked and small enough to encode; finishSearch encodes it. */
export interface SearchStart {
  assessor: Assessor;
  scenario: Scenario;
  catalog: Catalog;
  /** Its media tables are left to the search workers (a large cluster, asked with deferMedia). */
  deferMedia: boolean;
}

/**
 * Context, encoding and shard plan for one run, or the reason the scenario cannot run. With
 * deferMedia the encoding's media tables (most of its cost) are left to the workers: see pendingMedia.
 */
export function prepareSearch(scenario: Scenario, catalog: Catalog, opts: { deferMedia?: boolean } = {}): PreparedSearch | { ok: false; reason: string } {
  const start = startSearch(scenario, catalog, opts);
  return 'ok' in start ? start : finishSearch(start);
}

/**
 * The first, cheap part of prepareSearch: the context and the branch limit, and whether the media
 * tables are left to the workers (WorkerPool.prepare starts them on that before finishSearch).
 */
export function startSearch(scenario: Scenario, catalog: Catalog, opts: { deferMedia?: boolean } = {}): SearchStart | { ok: false; reason: string } {
  const ctx = buildContext(scenario, catalog);
  if ('ok' in ctx) return { ok: false, reason: ctx.reason };
  const tooMany = branchLimitReason(ctx);
  if (tooMany) return { ok: false, reason: tooMany };
  // Small clusters encode in a few milliseconds: handing that to workers would cost more in messages.
  return { assessor: new Assessor(ctx), scenario, catalog, deferMedia: opts.deferMedia === true && ctx.nodes >= DEFER_MEDIA_NODES };
}

/** The rest of prepareSearch: the encoding (without media tables when deferred), shard plan and size limit. */
export function finishSearch(start: SearchStart): PreparedSearch | { ok: false; reason: string } {
  const { assessor, deferMedia } = start;
  const encoding = encode(assessor, deferMedia ? { media: false } : {});
  // Too large to search in reasonable time: say so now, with its size, rather than run for hours.
  const work = workForLimit(encoding);
  const tooLarge = sizeLimitReason(assessor.ctx, work);
  if (tooLarge) return { ok: false, reason: tooLarge };
  return { assessor, encoding, shards: planShards(encoding), work, pendingMedia: deferMedia ? { scenario: start.scenario, catalog: start.catalog } : undefined };
}

/** Runs every shard on one kernel instance in this thread (tests and fallbacks). */
export async function optimizeInProcess(
  scenario: Scenario, catalog: Catalog, module: WebAssembly.Module, opts: { prune?: boolean; maxPhasedRows?: number } = {},
): Promise<OptimizeOutcome> {
  const started = performance.now();
  const kernel = await Kernel.create(module);
  const plan = phasePlanOf(scenario);
  let outcome: OptimizeOutcome;
  let ctx: Context | undefined;
  if (plan) {
    // Growing in phases: the kernel's best rows at the final size, priced along the plan (src/engine/phased.ts).
    outcome = await searchInPhases(scenario, plan, async (inner) => {
      const prepared = prepareSearch(inner, catalog);
      if ('ok' in prepared) return prepared;
      const m = mergeForMaterializing(prepared.assessor, prepared.encoding, runShards(kernel, prepared, opts.prune ?? true), { elapsedMs: 0, workers: 1 });
      return { assessor: prepared.assessor, designs: m.designs, stats: m.stats };
    }, async (assessor, designs) => materializeDesigns(assessor, designs), opts.maxPhasedRows);
  } else {
    const prepared = prepareSearch(scenario, catalog);
    if ('ok' in prepared) return prepared;
    ctx = prepared.assessor.ctx;
    outcome = { ok: true, result: mergeShards(prepared.assessor, prepared.encoding, runShards(kernel, prepared, opts.prune ?? true), { elapsedMs: 0, workers: 1 }) };
  }
  if (!outcome.ok) return outcome;
  const result = outcome.result;
  // The phased search's contexts ask the kernel for more rows: the fixes start from the scenario as written.
  ctx ??= buildContext(scenario, catalog) as Context;
  await tryFixes(ctx, result, feasibleWith((s) => optimizeInProcess(s, catalog, module, opts)));
  result.stats.elapsedMs = Math.round(performance.now() - started);
  return { ok: true, result };
}

/** Every shard of a prepared search on one kernel, in the seeded waves the pool runs them in. */
export function runShards(kernel: Kernel, prepared: PreparedSearch, prune: boolean): ShardResult[] {
  kernel.load(prepared.encoding.input);
  const results: (ShardResult | undefined)[] = prepared.shards.map(() => undefined);
  const cap = prepared.encoding.input.ints[L.H_PARETO_CAP];
  const topK = prepared.assessor.ctx.scenario.search.topK;
  const waves = planWaves(prepared.encoding, prepared.shards, kernel.branchBounds(prepared.encoding.branchCount));
  for (const wave of waves) {
    const seed = seedFrom(results, topK, cap);
    for (const i of wave) results[i] = kernel.run(i, prepared.shards[i][0], prepared.shards[i][1], prune, undefined, seed);
  }
  return results as ShardResult[];
}
