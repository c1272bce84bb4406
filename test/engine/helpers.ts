import { expect } from 'vitest';
import type { Catalog } from '../../src/model/catalog';
import type { Result } from '../../src/model/result';
import type { Scenario } from '../../src/model/scenario';
import { encode } from '../../src/engine/encode';
import { optimizeInProcess } from '../../src/engine/search';
import { searchSizeReason } from '../../src/engine/size-limit';
import { estimateWork } from '../../src/engine/work';
import { Assessor } from '../../src/topology/assess';
import { buildContext } from '../../src/topology/context';
import { optimize } from '../../src/topology/optimize';

/**
 * The most designs a random draw may have for a property that runs the reference on it. The
 * reference evaluates every design (20-40 us each on a 2-core machine) and, along a phase plan,
 * keeps every row it ranks: a draw of 5.7 million designs took it 101 s and one of 1.8 million
 * phased designs ran out of a 4 GB heap. About 1 draw in 100 of the random scenarios has more
 * than this (1 in 35 of the 3-tier ones, 3,000 draws each); properties skip those with fc.pre, so
 * their time limits catch a hang, not a large draw.
 */
export const REFERENCE_DESIGN_BUDGET = 500_000;

/**
 * True when the reference can search s over c within REFERENCE_DESIGN_BUDGET designs, or refuses
 * it before searching (no context, or a search too large for either engine).
 */
export function referenceCanSearch(s: Scenario, c: Catalog): boolean {
  const ctx = buildContext(s, c);
  if ('ok' in ctx || searchSizeReason(ctx) !== undefined) return true;
  return estimateWork(encode(new Assessor(ctx), { media: false })).designs <= REFERENCE_DESIGN_BUDGET;
}

/** Result JSON without the fields that legitimately differ between engines and runs. */
export function comparable(r: Result, opts: { pruned: boolean }): string {
  const copy = structuredClone(r) as { stats: Partial<Result['stats']> };
  delete copy.stats.elapsedMs;
  delete copy.stats.engine;
  delete copy.stats.evaluated;
  delete copy.stats.pruned;
  delete copy.stats.workers;
  // How many rows each engine priced along a phase plan, and the kernel's runs (the reference has none).
  delete copy.stats.phased;
  if (opts.pruned) {
    // Pruned designs are never assessed, so only evaluated designs are tallied.
    delete copy.stats.feasible;
    delete copy.stats.infeasible;
    delete copy.stats.infeasibleReasons;
  }
  return JSON.stringify(copy);
}

/** Result JSON minus what may differ between runs of the same engine (timing, worker count). */
export function runBytes(r: Result): string {
  const copy = structuredClone(r);
  copy.stats.elapsedMs = 0;
  copy.stats.workers = 0;
  return JSON.stringify(copy);
}

/**
 * Runs the kernel (pruned and not) and the reference on one scenario and expects the same outcome:
 * the same ranked ids, Pareto front and result JSON (comparable), plus whatever `more` checks on
 * each pair. Returns the reference's outcome.
 */
export async function expectKernelEqualsReference(
  s: Scenario, c: Catalog, module: WebAssembly.Module,
  more: (kernel: Result, reference: Result, pruned: boolean) => void = () => {},
) {
  const ref = optimize(s, c);
  for (const prune of [false, true]) {
    const k = await optimizeInProcess(s, c, module, { prune });
    expect(k.ok).toBe(ref.ok);
    if (!ref.ok || !k.ok) {
      expect(k).toEqual(ref);
      continue;
    }
    expect(k.result.candidates.map((x) => x.id)).toEqual(ref.result.candidates.map((x) => x.id));
    expect(k.result.pareto).toEqual(ref.result.pareto);
    more(k.result, ref.result, prune);
    expect(comparable(k.result, { pruned: prune })).toBe(comparable(ref.result, { pruned: prune }));
  }
  return ref;
}
