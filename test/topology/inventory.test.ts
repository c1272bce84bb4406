import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/catalog/default';
import { optimizeInProcess } from '../../src/engine/search';
import { nodeKernelModule } from '../../src/engine/wasm-node';
import { labCatalog } from '../fixtures/lab-catalog';
import { comparable } from '../engine/helpers';
import { checkInventory, InventorySchema, type InventoryInput } from '../../src/model/inventory';
import { buildContext } from '../../src/topology/context';
import { optimize } from '../../src/topology/optimize';
import { withInventory } from '../../src/topology/inventory';
import { mustMaterialize, scenario } from './helpers';

const inventory = (input: InventoryInput) => InventorySchema.parse(input);
const priceOf = (part: string, source: string) => defaultCatalog.offers.find((o) => o.part === part && o.source === source)!;

// 2,048 B200 GPUs rail-optimized on QM9700: more than 80 switches, so 40 reused units displace
// the dearest 40 bought ones (the refurbished offer holds only 40).
const b200 = (extra: object = {}) => scenario({
  cluster: { gpus: 2048, serverProfile: 'hgx-b200-8x400g' },
  fabric: { technologies: ['infiniband'], switchModels: ['QM9700'], families: ['rail-optimized'], planes: [1], maxOversubscription: 1 },
  ...extra,
});

function bestDesign(s = b200()) {
  const out = optimize(s, defaultCatalog);
  if (!out.ok || out.result.candidates.length === 0) throw new Error('no design');
  return out.result.candidates[0].design;
}

describe('reusing owned parts', () => {
  it('a design that reuses 40 owned QM9700 is cheaper than one that buys them by exactly the prices avoided minus residual value', () => {
    const s = b200();
    const design = bestDesign(s);
    const residual = 6_000;
    const inv = inventory({ items: [{ part: 'QM9700', quantity: 40, residualValue: residual, condition: 'ex-Hopper cluster, row 3' }] });
    const bought = mustMaterialize(s, defaultCatalog, design).candidate;
    const reused = mustMaterialize(s, withInventory(defaultCatalog, inv), design).candidate;
    const switches = bought.bom.filter((l) => l.part === 'QM9700').reduce((x, l) => x + l.quantity, 0);
    expect(switches).toBeGreaterThanOrEqual(80);
    // Without the inventory the last 40 switches come from the OEM-new offer; those are the ones avoided.
    const avoided = 40 * priceOf('QM9700', 'oem-new').price;
    const cents = (x: number) => Math.round(x * 100);
    expect(cents(bought.metrics.capex) - cents(reused.metrics.capex)).toBe(cents(avoided - 40 * residual));
    expect(reused.metrics.reuse).toEqual({
      units: 40,
      residualValue: 40 * residual,
      avoidedPrice: avoided,
      capexBought: (cents(reused.metrics.capex) - cents(40 * residual)) / 100,
      capexBuyingEverything: bought.metrics.capex,
      savingVsBuyingEverything: avoided - 40 * residual,
    });
    expect(bought.metrics.reuse).toBeUndefined();
    // The all-OEM-new reference and its saving stay defined against buying everything OEM-new.
    expect(reused.metrics.capexAllOemNew).toBe(bought.metrics.capexAllOemNew);
    expect(reused.metrics.savingsVsAllOemNew).toBe(reused.metrics.capexAllOemNew - reused.metrics.capex);
    const owned = reused.bom.filter((l) => l.source === 'owned');
    expect(owned).toEqual([expect.objectContaining({ part: 'QM9700', quantity: 40, unitPrice: residual, leadTimeWeeks: 0, offer: 'owned:QM9700' })]);
    expect(reused.metrics.capexBySource.owned).toBe(40 * residual);
  });

  it('uses owned stock first when its residual value is below every price, and no more than the stock', () => {
    const inv = inventory({ items: [{ part: 'QM9700', quantity: 10 }] });
    const c = mustMaterialize(b200(), withInventory(defaultCatalog, inv), bestDesign()).candidate;
    const lines = c.bom.filter((l) => l.part === 'QM9700');
    expect(lines[0]).toMatchObject({ source: 'owned', quantity: 10, unitPrice: 0 });
    expect(lines.slice(1).every((l) => l.source !== 'owned')).toBe(true);
  });

  it('buys instead of reusing when the residual value is above the purchase price (reusing would cost more than it saves)', () => {
    const refurb = priceOf('QM9700', 'oem-refurbished');
    const inv = inventory({ items: [{ part: 'QM9700', quantity: 10, residualValue: refurb.price + 1 }] });
    const c = mustMaterialize(b200(), withInventory(defaultCatalog, inv), bestDesign()).candidate;
    const lines = c.bom.filter((l) => l.part === 'QM9700');
    // Cheapest first: the 40 refurbished at 25,000, then the 10 owned at 25,001, then OEM-new.
    expect(lines.map((l) => l.source)).toEqual(['oem-refurbished', 'owned', 'oem-new']);
  });

  it('reuses nothing when the sourcing policy forbids owned switches', () => {
    const s = b200({ sourcing: { switch: ['oem-new', 'oem-refurbished', 'compatible-new'] } });
    const inv = inventory({ items: [{ part: 'QM9700', quantity: 40 }] });
    const c = mustMaterialize(s, withInventory(defaultCatalog, inv), bestDesign(s)).candidate;
    expect(c.bom.some((l) => l.source === 'owned')).toBe(false);
    expect(c.metrics.reuse).toBeUndefined();
  });

  it('allows owned parts by default for every category', () => {
    const s = b200();
    expect(s.sourcing.switch).toContain('owned');
    expect(s.sourcing.optic).toContain('owned');
    expect(s.sourcing.cable).toContain('owned');
  });

  it('offers owned cable stock only at the length it names', () => {
    const inv = inventory({ items: [{ part: 'MFP7E10-N0xx', lengthM: 3, quantity: 100, residualValue: 1 }] });
    const ctx = buildContext(b200(), withInventory(defaultCatalog, inv));
    if ('ok' in ctx) throw new Error(ctx.reason);
    const at3 = ctx.cableSku('MFP7E10-N0xx', 300)!;
    const at5 = ctx.cableSku('MFP7E10-N0xx', 500)!;
    expect(at3.offers.filter((o) => o.source === 'owned')).toEqual([expect.objectContaining({ stock: 100, unitCents: 100, leadTimeWeeks: 0 })]);
    expect(at5.offers.some((o) => o.source === 'owned')).toBe(false);
    // A residual value is not a price to buy at: the OEM-new reference ignores it.
    const plain = buildContext(b200(), defaultCatalog);
    if ('ok' in plain) throw new Error(plain.reason);
    expect(at3.oemNewCents).toBe(plain.cableSku('MFP7E10-N0xx', 300)!.oemNewCents);
  });

  it('gives owned offers no warranty and the refurbished failure rates unless told otherwise', () => {
    const inv = inventory({ items: [{ part: 'QM9700', quantity: 1 }] });
    const cat = withInventory(defaultCatalog, inv);
    expect(cat.offers.at(-1)).toMatchObject({ source: 'owned', warrantyYears: 0, leadTimeWeeks: 0, stock: 1, price: 0 });
    expect(cat.failureRates.owned).toEqual(cat.failureRates['oem-refurbished']);
    expect(cat.name).toBe(`${defaultCatalog.name} + Inventory`);
    expect(withInventory(defaultCatalog, inventory({}))).toBe(defaultCatalog);
  });
});

describe('inventory validation', () => {
  const problems = (input: unknown) => {
    const r = checkInventory(input, defaultCatalog);
    return r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`);
  };

  it('names the line and the rule of a part the catalog does not have', () => {
    expect(problems({ items: [
      { part: 'QM9700', quantity: 1 }, { part: 'QM9700-X', quantity: 1 }, { part: 'MMA4Z00-NS400', quantity: 5 }, { part: 'X', quantity: 2 },
    ] })).toEqual([
      'items[1].part: must name a switch, transceiver or cable in the catalog, got "QM9700-X"',
      'items[3].part: must name a switch, transceiver or cable in the catalog, got "X"',
    ]);
  });

  it('requires a standard length on a cable line and refuses one elsewhere', () => {
    expect(problems({ items: [{ part: 'MFP7E10-N0xx', quantity: 1 }] })[0]).toMatch(/^items\[0\]\.lengthM: is required for a cable/);
    expect(problems({ items: [{ part: 'MFP7E10-N0xx', lengthM: 4, quantity: 1 }] })[0]).toMatch(/^items\[0\]\.lengthM: must be one of the cable's standard lengths .* got 4$/);
    expect(problems({ items: [{ part: 'QM9700', lengthM: 3, quantity: 1 }] })).toEqual(['items[0].lengthM: must be left out: only cables have a length']);
  });

  it('refuses negative or fractional quantities, negative residual values, a second line for the same part and another currency', () => {
    expect(problems({ items: [{ part: 'QM9700', quantity: -1 }] })).toEqual(['items[0].quantity: must not be negative, got -1']);
    expect(problems({ items: [{ part: 'QM9700', quantity: 1.5 }] })[0]).toMatch(/^items\[0\]\.quantity: must be an integer/);
    expect(problems({ items: [{ part: 'QM9700', quantity: 1, residualValue: -5 }] })[0]).toMatch(/^items\[0\]\.residualValue: must not be negative/);
    expect(problems({ items: [{ part: 'QM9700', quantity: 1 }, { part: 'QM9700', quantity: 2 }] })[0]).toMatch(/^items\[1\]: must be the only line for QM9700 \(items\[0\] already lists it\)/);
    expect(problems({ currency: 'EUR', items: [] })).toEqual(['currency: must be the catalog\'s currency (USD), got "EUR"']);
    expect(problems({ items: [{ part: 'QM9700', quantity: 1, colour: 'red' }] })[0]).toMatch(/^items\[0\]/);
  });
});

describe('the kernel against the reference on random inventories', () => {
  let module: WebAssembly.Module;
  beforeAll(async () => {
    module = await nodeKernelModule();
  });

  const arbInventory = fc.record({
    sw: fc.option(fc.record({ part: fc.constantFrom('SW36', 'SW64'), quantity: fc.integer({ min: 0, max: 40 }), residual: fc.constantFrom(0, 3000, 24_999.99, 60_000) }), { nil: undefined }),
    opt: fc.option(fc.record({ part: fc.constantFrom('OPT800', 'NIC400', 'OPT100'), quantity: fc.integer({ min: 1, max: 500 }), residual: fc.constantFrom(0, 100, 699.5, 2000), warrantyYears: fc.constantFrom(0, 2) }), { nil: undefined }),
    cable: fc.option(fc.record({ part: fc.constantFrom('DAC400', 'FIBER'), lengthIndex: fc.integer({ min: 0, max: 5 }), quantity: fc.integer({ min: 1, max: 300 }), residual: fc.constantFrom(0, 10, 45) }), { nil: undefined }),
  });
  const arbCase = fc.record({
    gpus: fc.integer({ min: 8, max: 256 }),
    profile: fc.constantFrom('one-port-400g', 'eight-rail-400g'),
    families: fc.subarray(['fat-tree', 'rail-optimized', 'rail-only'] as const, { minLength: 1 }),
    maxOversubscription: fc.constantFrom(1, 2, 3),
    owned: fc.subarray(['switch', 'optic', 'cable'] as const),
    minimize: fc.constantFrom('capex', 'tco'),
    spares: fc.constantFrom(0, 5),
    inventory: arbInventory,
  });

  it('finds the same candidates, metrics and result JSON with owned stock, whatever the stock, residual value and policy', async () => {
    const lab = labCatalog();
    let reusedCases = 0;
    await fc.assert(
      fc.asyncProperty(arbCase, async (r) => {
        const items: InventoryInput['items'] = [];
        const { sw, opt, cable } = r.inventory;
        if (sw) items.push({ part: sw.part, quantity: sw.quantity, residualValue: sw.residual });
        if (opt) items.push({ part: opt.part, quantity: opt.quantity, residualValue: opt.residual, warrantyYears: opt.warrantyYears });
        if (cable) {
          const lengths = lab.cables.find((c) => c.id === cable.part)!.lengthsM;
          items.push({ part: cable.part, lengthM: lengths[Math.min(cable.lengthIndex, lengths.length - 1)], quantity: cable.quantity, residualValue: cable.residual });
        }
        const cat = withInventory(lab, inventory({ items }));
        const purchase = ['oem-new', 'oem-refurbished', 'compatible-new'] as const;
        const policy = (c: 'switch' | 'optic' | 'cable') => (r.owned.includes(c) ? [...purchase, 'owned' as const] : [...purchase]);
        const s = scenario({
          cluster: { gpus: r.gpus, serverProfile: r.profile },
          fabric: { technologies: ['infiniband'], families: r.families, maxOversubscription: r.maxOversubscription, planes: [1], maxTiers: 2 },
          sourcing: { switch: policy('switch'), optic: policy('optic'), cable: policy('cable') },
          objective: { minimize: r.minimize, sparesPct: { switch: r.spares, optic: r.spares, cable: 0 } },
          search: { topK: 5 },
        });
        const ref = optimize(s, cat);
        const k = await optimizeInProcess(s, cat, module, { prune: true });
        expect(k.ok).toBe(ref.ok);
        if (!ref.ok || !k.ok) return;
        expect(k.result.candidates.map((x) => x.id)).toEqual(ref.result.candidates.map((x) => x.id));
        expect(k.result.candidates.map((x) => x.metrics)).toEqual(ref.result.candidates.map((x) => x.metrics));
        expect(comparable(k.result, { pruned: true })).toBe(comparable(ref.result, { pruned: true }));
        if (ref.result.candidates.some((x) => x.metrics.reuse)) reusedCases++;
      }),
      { numRuns: 40, seed: 12 },
    );
    // The property is only worth something if owned stock was actually chosen in many cases.
    expect(reusedCases).toBeGreaterThan(10);
  }, 300_000);
});
