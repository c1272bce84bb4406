import { describe, expect, it } from 'vitest';
import { labCatalog } from '../fixtures/lab-catalog';
import { CatalogSchema } from '../../src/model/catalog';
import { mustMaterialize, scenario, tier } from './helpers';

// 108 single-port nodes on 36-port switches: 6 leaves (18 down, 18 up) and 3 spines.
const design = { family: 'fat-tree' as const, technology: 'infiniband' as const, planes: 1, nodesPerLeafGroup: 18, tiers: [tier('SW36', '36x100G', 18, 18), tier('SW36', '36x100G', 0)] };

describe('TCO beyond energy', () => {
  it('adds support and expected replacements to TCO, and spares as BOM lines', () => {
    const base = labCatalog();
    const cat = CatalogSchema.parse({
      ...base,
      offers: base.offers.map((o) => (o.part === 'SW36' ? { ...o, supportPerYear: 500 } : o)),
      failureRates: { 'oem-new': { switch: 2, optic: 1, cable: 0.5 } },
    });
    const plain = mustMaterialize(scenario({ cluster: { gpus: 108, serverProfile: 'one-port-100g' }, objective: { minimize: 'tco', years: 5 } }), base, design).candidate;
    const s = scenario({ cluster: { gpus: 108, serverProfile: 'one-port-100g' }, objective: { minimize: 'tco', years: 5, sparesPct: { switch: 10, optic: 0, cable: 5 } } });
    const c = mustMaterialize(s, cat, design).candidate;
    // 9 switches installed, ceil(0.9) = 1 spare, bought from the same $10,000 offer.
    const spares = c.bom.filter((l) => l.spare);
    expect(spares.find((l) => l.part === 'SW36')).toMatchObject({ quantity: 1, unitPrice: 10000, extendedPrice: 10000 });
    expect(c.bom.find((l) => l.part === 'SW36' && !l.spare)?.quantity).toBe(9);
    expect(c.metrics.spareUnits).toBe(spares.reduce((x, l) => x + l.quantity, 0));
    expect(c.metrics.capex).toBe(plain.metrics.capex + spares.reduce((x, l) => x + l.extendedPrice, 0));
    // Spares sit on the shelf: no power, no support, no failures.
    expect(c.metrics.powerW).toBe(plain.metrics.powerW);
    expect(c.metrics.supportCost).toBe(9 * 500 * 5);
    const installed = c.bom.filter((l) => !l.spare);
    const rate = { switch: 2, optic: 1, cable: 0.5 } as const;
    const expected = installed.reduce((x, l) => x + l.extendedPrice * rate[l.category], 0) * 5 / 100;
    expect(c.metrics.replacementCost).toBeCloseTo(expected, 2);
    expect(c.metrics.tco).toBeCloseTo(c.metrics.capex + c.metrics.energyCost + c.metrics.supportCost! + c.metrics.replacementCost!, 2);
    expect(c.objectiveValue).toBe(c.metrics.tco);
  });

  it('uses estimated default failure rates, worse for refurbished and compatible parts than for new OEM parts', () => {
    const r = CatalogSchema.parse({}).failureRates;
    expect(r.notes).toMatch(/^Estimated/);
    for (const cat of ['switch', 'optic', 'cable'] as const) {
      expect(r['oem-refurbished'][cat]).toBeGreaterThan(r['oem-new'][cat]);
      expect(r['compatible-new'][cat]).toBeGreaterThan(r['oem-new'][cat]);
    }
  });

  it('leaves capex-ranked results as they were when no spares are asked for', () => {
    const c = mustMaterialize(scenario({ cluster: { gpus: 108, serverProfile: 'one-port-100g' } }), labCatalog(), design).candidate;
    expect(c.bom.some((l) => l.spare)).toBe(false);
    expect(c.metrics.spareUnits).toBe(0);
    expect(c.objectiveValue).toBe(c.metrics.capex);
  });
});
