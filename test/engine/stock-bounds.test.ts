// The kernel's bounds price switches stock-aware (assembly/index.ts stockFloor, switchFloor): where
// leaves, spines and cores share a switch whose cheap offer runs out, with spares and TCO, a bound
// must never rise above a design's objective. Pruned and unpruned kernel runs must agree, and the
// bounds must actually prune there.
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/catalog/default';
import { CatalogSchema, type Catalog, type CatalogInput } from '../../src/model/catalog';
import { ScenarioSchema, type Scenario } from '../../src/model/scenario';
import { optimizeInProcess } from '../../src/engine/search';
import { nodeKernelModule } from '../../src/engine/wasm-node';
import { comparable } from './helpers';

let module: WebAssembly.Module;
beforeAll(async () => {
  module = await nodeKernelModule();
});

/** The default catalog with every switch's refurbished offer far cheaper than new but `stock` units only. */
function shortRefurbs(stock: number): Catalog {
  const input = structuredClone(defaultCatalog) as CatalogInput;
  const switches = new Set(defaultCatalog.switches.map((s) => s.id));
  for (const o of input.offers!) {
    if (!switches.has(o.part) || o.source !== 'oem-refurbished') continue;
    o.stock = stock;
    o.price = Math.round(o.price * 0.4);
  }
  return CatalogSchema.parse(input);
}

const scenario = (minimize: 'capex' | 'tco', switchSpares: number): Scenario => ScenarioSchema.parse({
  cluster: { gpus: 8192 },
  fabric: { technologies: ['infiniband'], families: ['fat-tree', 'rail-optimized'], maxTiers: 3, planes: [1], maxOversubscription: 2 },
  objective: { minimize, sparesPct: { switch: switchSpares, optic: 0, cable: 0 } },
});

describe('stock-aware bounds', () => {
  for (const [minimize, spares, stock] of [['capex', 0, 40], ['tco', 5, 40], ['tco', 10, 7]] as const) {
    it(`keep the answer where leaves, spines and cores share a switch whose cheap offer runs out (${minimize}, ${spares}% spare switches, ${stock} refurbished)`, async () => {
      const s = scenario(minimize, spares);
      const c = shortRefurbs(stock);
      const full = await optimizeInProcess(s, c, module, { prune: false });
      const pruned = await optimizeInProcess(s, c, module, { prune: true });
      expect(full.ok && pruned.ok).toBe(true);
      if (!full.ok || !pruned.ok) return;
      expect(full.result.candidates.length).toBeGreaterThan(0);
      expect(pruned.result.candidates.map((x) => x.id)).toEqual(full.result.candidates.map((x) => x.id));
      expect(comparable(pruned.result, { pruned: true })).toBe(comparable(full.result, { pruned: true }));
      expect(pruned.result.stats.evaluated).toBeLessThan(full.result.stats.evaluated / 10);
    }, 120_000);
  }
});
