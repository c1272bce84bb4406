import { describe, expect, it } from 'vitest';
import { labCatalog, labCatalogInput } from '../fixtures/lab-catalog';
import { CatalogSchema } from '../../src/model/catalog';
import { buildContext } from '../../src/topology/context';
import { MediaChooser } from '../../src/topology/media';
import { optimize } from '../../src/topology/optimize';
import { mustMaterialize, scenario, tier } from './helpers';

const cat = labCatalog();
const s400 = (gpus: number, extra: object = {}) => scenario({ cluster: { gpus, serverProfile: 'one-port-400g' }, ...extra });

describe('media and sourcing', () => {
  it('prices a 2 m link as copper and a 30 m link as optics', () => {
    const ctx = buildContext(s400(64), cat);
    if ('ok' in ctx) throw new Error(ctx.reason);
    const media = new MediaChooser(ctx);
    const t = { kind: 'switch-switch' as const, technology: 'infiniband' as const, linkGbps: 400, switchCage: 'OSFP', otherCage: 'OSFP' };
    const short = media.choose(t, 200)!;
    const long = media.choose(t, 3000)!;
    expect(short.recipe.id).toBe('s400-dac');
    expect(short.cableLengthCm).toBe(200);
    expect(long.recipe.id).toBe('s400-opt');
    expect(long.cableLengthCm).toBe(3000);
    expect(media.choose(t, 10_001)).toBeUndefined();
  });

  it('buys cables at the next standard length up, priced base + per metre', () => {
    const ctx = buildContext(s400(64), cat);
    if ('ok' in ctx) throw new Error(ctx.reason);
    const choice = new MediaChooser(ctx).choose({ kind: 'switch-switch', technology: 'infiniband', linkGbps: 400, switchCage: 'OSFP', otherCage: 'OSFP' }, 1234)!;
    expect(choice.cableLengthCm).toBe(2000);
    const fiber = choice.parts.find((p) => p.role === 'cable')!;
    expect(fiber.sku.refCents).toBe((40 + 2 * 20) * 100);
  });

  it('uses up a limited-stock refurbished offer before the dearer new one', () => {
    // 6 leaves + 4 spines of SW64 at 1:1 (4 is the smallest divisor of 32 uplinks >= 3); the refurbished offer holds 4.
    const s = s400(6 * 32);
    const m = mustMaterialize(s, cat, { family: 'fat-tree', technology: 'infiniband', planes: 1, nodesPerLeafGroup: 32, tiers: [tier('SW64', '64x400G', 32, 32), tier('SW64', '64x400G', 0)] });
    const lines = m.candidate.bom.filter((l) => l.part === 'SW64');
    expect(lines.map((l) => [l.source, l.quantity, l.unitPrice])).toEqual([
      ['oem-refurbished', 4, 25000],
      ['oem-new', 6, 50000],
    ]);
    expect(m.candidate.metrics.capexBySource['oem-refurbished']).toBe(100000);
  });

  it('fills demand from compatible optics when the policy allows and OEM when it does not', () => {
    const design = { family: 'fat-tree' as const, technology: 'infiniband' as const, planes: 1, nodesPerLeafGroup: 32, tiers: [tier('SW64', '64x400G', 32, 32), tier('SW64', '64x400G', 0)] };
    const open = mustMaterialize(s400(128), cat, design);
    const oemOnly = mustMaterialize(s400(128, { sourcing: { optic: ['oem-new'] } }), cat, design);
    const sources = (c: typeof open) => new Set(c.candidate.bom.filter((l) => l.category === 'optic' && l.part === 'OPT800').map((l) => l.source));
    expect(sources(open)).toEqual(new Set(['compatible-new']));
    expect(sources(oemOnly)).toEqual(new Set(['oem-new']));
    expect(open.candidate.metrics.capex).toBeLessThan(oemOnly.candidate.metrics.capex);
    expect(open.candidate.metrics.capexAllOemNew).toBe(oemOnly.candidate.metrics.capexAllOemNew);
  });

  it('reports stock exhaustion as the reason when only refurbished switches are allowed', () => {
    const s = s400(6 * 32, { sourcing: { switch: ['oem-refurbished'] } });
    const r = optimize(s, cat);
    if (!r.ok) throw new Error(r.reason);
    expect(r.result.candidates).toEqual([]);
    expect(r.result.stats.infeasibleReasons.some((x) => /^stock: needs \d+ x SW64 but the allowed offers hold 4$/.test(x.reason))).toBe(true);
  });

  it('drops offers over the lead-time cap or under the warranty floor', () => {
    const input = labCatalogInput();
    const c = CatalogSchema.parse(input);
    const ctx = buildContext(s400(64, { sourcing: { minWarrantyYears: 2 } }), c);
    if ('ok' in ctx) throw new Error(ctx.reason);
    expect(ctx.skuByPart.get('SW64')!.offers.map((o) => o.offerId)).toEqual(['sw64-new']);
    const ctx2 = buildContext(s400(64, { sourcing: { maxLeadTimeWeeks: 2 } }), c);
    if ('ok' in ctx2) throw new Error(ctx2.reason);
    expect(ctx2.skuByPart.get('SW64')!.offers.map((o) => o.offerId)).toEqual(['sw64-refurb']);
  });
});

describe('the optimizer', () => {
  const s = scenario({ cluster: { gpus: 512, serverProfile: 'eight-rail-400g' }, fabric: { maxTiers: 2, maxOversubscription: 2 }, search: { topK: 8 } });

  it('ranks candidates by objective with the documented tie rule and returns a non-dominated Pareto front', () => {
    const r = optimize(s, cat);
    if (!r.ok) throw new Error(r.reason);
    const cs = r.result.candidates.filter((c) => c.rank !== null);
    expect(cs.length).toBe(8);
    for (let i = 1; i < cs.length; i++) expect(cs[i].objectiveValue).toBeGreaterThanOrEqual(cs[i - 1].objectiveValue);
    const front = r.result.pareto.map((id) => r.result.candidates.find((c) => c.id === id)!);
    expect(front.length).toBeGreaterThan(0);
    const fig = (c: (typeof front)[0]) => [c.objectiveValue, Math.max(1, c.metrics.maxOversubscription), c.metrics.powerW];
    for (const a of front)
      for (const b of front) {
        if (a === b) continue;
        const [x, y] = [fig(a), fig(b)];
        expect(x.every((v, i) => v <= y[i]) && x.some((v, i) => v < y[i])).toBe(false);
      }
    expect(front[0].id).toBe(cs[0].id);
  });

  it('finds the same optimum as evaluating every design by hand', async () => {
    const { Assessor } = await import('../../src/topology/assess');
    const { enumerateDesigns } = await import('../../src/topology/enumerate');
    const ctx = buildContext(s, cat);
    if ('ok' in ctx) throw new Error(ctx.reason);
    const a = new Assessor(ctx);
    let best = Infinity;
    for (const d of enumerateDesigns(ctx)) {
      const x = a.assess(d);
      if (x.ok) best = Math.min(best, x.objectiveCents);
    }
    const r = optimize(s, cat);
    if (!r.ok) throw new Error(r.reason);
    expect(Math.round(r.result.candidates[0].objectiveValue * 100)).toBe(best);
  });

  it('gives byte-identical results on repeated runs', () => {
    const strip = (x: unknown) => JSON.stringify(x, (k, v) => (k === 'elapsedMs' ? 0 : v));
    const a = optimize(s, cat);
    const b = optimize(s, cat);
    expect(strip(a)).toBe(strip(b));
  });
});
