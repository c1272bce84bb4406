import { describe, expect, it } from 'vitest';
import { defaultCatalog, SWITCH_SUPPORT_SHARE } from '../../src/catalog/default';
import { optimize } from '../../src/topology/optimize';
import { scenario } from './helpers';

const categoryOf = new Map<string, string>([
  ...defaultCatalog.switches.map((p) => [p.id, 'switch'] as const),
  ...defaultCatalog.transceivers.map((p) => [p.id, 'optic'] as const),
  ...defaultCatalog.cables.map((p) => [p.id, 'cable'] as const),
]);

describe('support figures of the default catalog', () => {
  it('gives every switch offer an annual support figure from its price, marked estimated in its notes', () => {
    const offers = defaultCatalog.offers.filter((o) => categoryOf.get(o.part) === 'switch');
    expect(offers.length).toBeGreaterThan(0);
    for (const o of offers) {
      const share = SWITCH_SUPPORT_SHARE[o.source as keyof typeof SWITCH_SUPPORT_SHARE];
      expect(share, o.id).toBeDefined();
      expect(o.supportPerYear, o.id).toBe(Math.round(o.price * share));
      expect(o.notes, o.id).toMatch(/Support: estimated \d+% of the unit price a year/);
    }
    // Refurbished units get third-party maintenance, cheaper than OEM support on a cheaper unit.
    expect(defaultCatalog.offers.find((o) => o.id === 'QM9700:oem-refurbished')!.notes).toMatch(/third-party maintenance/);
  });

  it('charges no support for optics and cables (they are replaced, not supported)', () => {
    const media = defaultCatalog.offers.filter((o) => categoryOf.get(o.part) !== 'switch');
    expect(media.length).toBeGreaterThan(0);
    expect(media.filter((o) => o.supportPerYear !== 0).map((o) => o.id)).toEqual([]);
  });

  it("adds switch support over the objective's years to a default-catalog design's TCO", () => {
    const o = optimize(scenario({ cluster: { gpus: 256 }, fabric: { technologies: ['infiniband'], switchModels: ['QM9700'] }, objective: { minimize: 'tco', years: 5 }, search: { topK: 1 } }), defaultCatalog);
    if (!o.ok) throw new Error(o.reason);
    const m = o.result.candidates[0].metrics;
    expect(m.supportCost).toBeGreaterThan(0);
    // At least 8% of the switches' price a year, at most 10% (new or refurbished).
    const switchCapex = o.result.candidates[0].bom.filter((l) => l.category === 'switch' && !l.spare).reduce((s, l) => s + l.extendedPrice, 0);
    expect(m.supportCost!).toBeGreaterThanOrEqual(switchCapex * 0.08 * 5 - 5);
    expect(m.supportCost!).toBeLessThanOrEqual(switchCapex * 0.1 * 5 + 5);
    expect(m.tco).toBeGreaterThan(m.capex + m.energyCost);
  });
});
