import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/catalog/default';
import { checkCatalog, checkScenario } from '../../src/model/validate';

const withOffer = (patch: Record<string, unknown>) => {
  const input = structuredClone(defaultCatalog) as unknown as { offers: Record<string, unknown>[] };
  input.offers[0] = { ...input.offers[0], ...patch };
  return input;
};

describe('price ranges in the catalog and the scenario', () => {
  it('accepts an offer whose range holds its price', () => {
    const price = defaultCatalog.offers[0].price;
    const checked = checkCatalog(withOffer({ priceLow: price * 0.8, priceHigh: price * 1.3 }));
    expect(checked.ok).toBe(true);
  });

  it('names the field when an offer range does not hold its price', () => {
    const price = defaultCatalog.offers[0].price;
    const checked = checkCatalog(withOffer({ priceLow: price + 1, priceHigh: price - 1 }));
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    const paths = checked.problems.map((p) => `${p.path}: ${p.message}`);
    expect(paths).toContain(`offers[0].priceLow: must be at most price (${price}), got ${price + 1}`);
    expect(paths).toContain(`offers[0].priceHigh: must be at least price (${price}), got ${price - 1}`);
  });

  it('refuses a negative priceLow by field', () => {
    const checked = checkCatalog(withOffer({ priceLow: -5 }));
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.problems[0].path).toBe('offers[0].priceLow');
  });

  it('defaults a robustness section to 200 samples and seed 1', () => {
    const checked = checkScenario({ cluster: { gpus: 64 }, robustness: { ranges: [{ source: 'oem-refurbished', category: 'switch', lowPct: -20, highPct: 30 }] } });
    expect(checked.ok).toBe(true);
    if (checked.ok) expect(checked.value.robustness).toMatchObject({ samples: 200, seed: 1 });
  });

  it('names every broken robustness rule by field path', () => {
    const checked = checkScenario({
      cluster: { gpus: 64 },
      robustness: {
        ranges: [
          { source: 'owned', category: 'switch', lowPct: -99, highPct: 600 },
        ],
        samples: 20_000,
        seed: 1.5,
      },
    });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    const lines = checked.problems.map((p) => `${p.path}: ${p.message}`);
    expect(lines.some((l) => l.startsWith('robustness.ranges[0].source: must not be "owned"'))).toBe(true);
    expect(lines.some((l) => l.startsWith('robustness.ranges[0].lowPct: must be at least -95'))).toBe(true);
    expect(lines.some((l) => l.startsWith('robustness.ranges[0].highPct: must be at most 500'))).toBe(true);
    expect(lines.some((l) => l.startsWith('robustness.samples: must be at most 10,000'))).toBe(true);
    expect(lines.some((l) => l.startsWith('robustness.seed: must be an integer'))).toBe(true);
  });

  it('refuses a range whose low end is above its high end', () => {
    const checked = checkScenario({ cluster: { gpus: 64 }, robustness: { ranges: [{ source: 'compatible-new', category: 'optic', lowPct: 40, highPct: 10 }] } });
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.problems.map((p) => `${p.path}: ${p.message}`)).toEqual(['robustness.ranges[0].highPct: must be at least lowPct, got 10']);
  });

  it('refuses the same source and category twice', () => {
    const r = { source: 'oem-new', category: 'cable', lowPct: -10, highPct: 10 };
    const checked = checkScenario({ cluster: { gpus: 64 }, robustness: { ranges: [r, r] } });
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.problems.map((p) => `${p.path}: ${p.message}`)).toEqual(['robustness.ranges: must not list a source and category twice, got a list of 2']);
  });
});
