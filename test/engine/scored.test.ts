// The merge and the page's prescorer score every design the kernel keeps (src/engine/merge.ts,
// scored): decoded, its down ports filled in from the reference's shape, keyed. That score must be
// the one the reference gives the same design when it assesses it (scoreOf), field for field, or
// the ranking and the rows the two engines show would part.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/catalog/default';
import { decodeDesign } from '../../src/engine/encode';
import { Kernel } from '../../src/engine/kernel';
import { scored } from '../../src/engine/merge';
import { prepareSearch, runShards } from '../../src/engine/search';
import { nodeKernelModule } from '../../src/engine/wasm-node';
import { ScenarioSchema } from '../../src/model/scenario';
import { scoreOf } from '../../src/topology/optimize';

const example = (name: string) => ScenarioSchema.parse(JSON.parse(readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8')));

describe('scoring a kernel design', () => {
  it.each([
    ['an H100 InfiniBand cluster (two tiers)', example('h100-1024-ndr.json')],
    ['a B300 RoCE cluster', example('b300-2048-roce-800g.json')],
    // Three tiers with cage-split spines: pod splits and a third tier's down ports to fill.
    ['16,384 H100 on SN5600 only, three tiers', ScenarioSchema.parse({ cluster: { gpus: 16384 }, fabric: { families: ['fat-tree'], technologies: ['ethernet'], switchModels: ['SN5600'], pin: { tiers: 3 } } })],
  ])('gives %s the score the reference gives the same design', async (name, scenario) => {
    const prepared = prepareSearch(scenario, defaultCatalog);
    if ('ok' in prepared) throw new Error(prepared.reason);
    const kernel = await Kernel.create(await nodeKernelModule());
    const items = runShards(kernel, prepared, true).flatMap((r) => [...r.top, ...r.pareto]);
    expect(items.length).toBeGreaterThan(10);
    const ctx = prepared.assessor.ctx;
    let threeTier = 0;
    for (const item of items) {
      const got = scored(prepared.assessor, prepared.encoding, item);
      const assessed = prepared.assessor.assess(decodeDesign(ctx, prepared.encoding.variants, item.design));
      if (!assessed.ok) throw new Error(`the reference rejects a design the kernel kept: ${assessed.reason}`);
      // The reference's own step for an enumerated design (optimize in src/topology/optimize.ts):
      // the down ports its shape computed filled into a copy of the design, then scoreOf.
      assessed.shape.design = { ...assessed.shape.design, tiers: assessed.shape.design.tiers.map((t, i) => ({ ...t, downPorts: assessed.shape.tiers[i].downPorts })) };
      const want = scoreOf(ctx, assessed);
      // The same design, keys in the same order (results are compared as JSON), with every down port filled.
      expect(JSON.stringify(got.design)).toBe(JSON.stringify(want.design));
      expect(got.design.tiers.every((t) => t.downPorts > 0)).toBe(true);
      expect(got.key).toEqual(want.key);
      expect(got.classKey).toEqual(want.classKey);
      expect([got.objectiveCents, got.oversubscription, got.milliwatts]).toEqual([want.objectiveCents, want.oversubscription, want.milliwatts]);
      if (got.design.tiers.length === 3) threeTier++;
    }
    if (name.includes('three tiers')) expect(threeTier).toBe(items.length);
  });
});
