// The cheap upper bound on a search's work (estimateWork's `upper`) never falls below the exact
// count, branch by branch, and the size limit refuses the same searches with it as without.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/catalog/default';
import type { Catalog } from '../../src/model/catalog';
import { ScenarioSchema, type Scenario } from '../../src/model/scenario';
import { encode } from '../../src/engine/encode';
import { sizeLimitReason, workForLimit } from '../../src/engine/size-limit';
import { estimateWork } from '../../src/engine/work';
import { Assessor } from '../../src/topology/assess';
import { buildContext, type Context } from '../../src/topology/context';
import { scenario } from '../topology/helpers';
import { arbCatalog, arbScenario, arbThreeTierScenario } from './random-catalog';

function encodingOf(s: Scenario, catalog: Catalog) {
  const ctx = buildContext(s, catalog);
  if ('ok' in ctx) return undefined;
  return { ctx: ctx as Context, encoding: encode(new Assessor(ctx), { media: false }) };
}

/** Checks the bound against the exact count, per branch and in total. */
function expectBounded(s: Scenario, catalog: Catalog) {
  const e = encodingOf(s, catalog);
  if (!e) return;
  const exact = estimateWork(e.encoding);
  const upper = estimateWork(e.encoding, Infinity, true);
  expect(upper.designs).toBeGreaterThanOrEqual(exact.designs);
  expect(upper.steps).toBeGreaterThanOrEqual(exact.steps);
  expect(upper.perBranchSteps.length).toBe(exact.perBranchSteps.length);
  exact.perBranchSteps.forEach((steps, b) => {
    if (upper.perBranchSteps[b] < steps) expect({ branch: b, upper: upper.perBranchSteps[b] }).toEqual({ branch: b, upper: steps });
  });
  return { exact, upper };
}

const bench = (name: string) => ScenarioSchema.parse(JSON.parse(readFileSync(new URL(`../bench/${name}.json`, import.meta.url), 'utf8')));

describe('the upper bound on a search\'s work', () => {
  it('is at least the exact count on the benchmark scenarios, and within a few times of it', () => {
    for (const name of ['s', 'm', 'l', 'xl']) {
      const r = expectBounded(bench(name), defaultCatalog)!;
      expect(r.upper.steps).toBeLessThan(4 * r.exact.steps);
    }
  });

  it('is at least the exact count with cage splits, spread nodes and pins', () => {
    expectBounded(scenario({
      cluster: { gpus: 4096 },
      fabric: { families: ['rail-optimized'], technologies: ['ethernet'], switchModels: ['SN5600'], maxOversubscription: 1, pin: { tiers: 3, leaf: { upPorts: 32 } } },
    }), defaultCatalog);
    expectBounded(scenario({ cluster: { gpus: 4096 }, fabric: { families: ['fat-tree'], technologies: ['infiniband'], sparePortsPct: { leaf: 10 } } }), defaultCatalog);
  });

  it('is at least the exact count for random catalogs and scenarios, 3-tier ones included', () => {
    let checked = 0;
    let deep = 0;
    fc.assert(fc.property(arbCatalog, fc.oneof(arbScenario, arbThreeTierScenario), (catalog, s) => {
      const r = expectBounded(s, catalog);
      if (!r) return;
      checked++;
      const e = encodingOf(s, catalog)!;
      if (e.encoding.branchTiers.some((t) => t === 3)) deep++;
    }), { numRuns: 150 });
    // Not vacuous: most draws encode, and many have 3-tier branches (where the bound differs).
    expect(checked).toBeGreaterThan(100);
    expect(deep).toBeGreaterThan(30);
  }, 120_000);

  it('admits and refuses the same searches as the exact count', () => {
    const e = encodingOf(bench('l'), defaultCatalog)!;
    const exact = estimateWork(e.encoding);
    const upper = estimateWork(e.encoding, Infinity, true);
    expect(upper.steps).toBeGreaterThan(exact.steps);
    // Limits under, between and over the two counts.
    for (const limit of [exact.steps / 2, exact.steps, (exact.steps + upper.steps) / 2, upper.steps, upper.steps * 2]) {
      const work = workForLimit(e.encoding, limit);
      expect(sizeLimitReason(e.ctx, work, limit) === undefined).toBe(exact.steps <= limit);
      // Refused, it is named by the exact count, as before the bound.
      if (exact.steps > limit) expect(sizeLimitReason(e.ctx, work, limit)).toBe(sizeLimitReason(e.ctx, estimateWork(e.encoding, limit), limit));
    }
  });
});
