import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/catalog/default';
import { optimize } from '../../src/topology/optimize';
import type { TierPin } from '../../src/model/scenario';
import { scenario } from './helpers';

// fabric.pin.<tier>.upPortMode (docs/model.md "Pins", "Split port modes"): the up mode of a cage split.

const h100 = (leaf: TierPin, extra: { maxTiers?: number; spine?: TierPin; core?: TierPin } = {}) => scenario({
  cluster: { gpus: 4096 },
  fabric: { technologies: ['ethernet'], switchModels: ['SN5600'], families: ['fat-tree'], maxTiers: extra.maxTiers ?? 2, pin: { leaf, spine: extra.spine, core: extra.core } },
  search: { topK: 5 },
});

function mustOptimize(s: ReturnType<typeof scenario>) {
  const o = optimize(s, defaultCatalog);
  if (!o.ok) throw new Error(o.reason);
  return o.result;
}

describe('fabric.pin.<tier>.upPortMode', () => {
  it('pins a split leaf\'s up mode: 4,096 H100 GPUs on SN5600 rank only 128 x 400G down / 64 x 800G up leaves, in a smaller space', () => {
    const free = mustOptimize(scenario({ cluster: { gpus: 4096 }, fabric: { technologies: ['ethernet'], switchModels: ['SN5600'], families: ['fat-tree'], maxTiers: 2 }, search: { topK: 5 } }));
    const pinned = mustOptimize(h100({ upPortMode: '64x800G' }));
    expect(pinned.candidates.length).toBeGreaterThan(0);
    for (const c of pinned.candidates) expect(c.tiers[0]).toMatchObject({ portMode: '128x400G', upPortMode: '64x800G', portGbps: 400, upPortGbps: 800 });
    // Single-mode leaves have no separate up mode, so the pin leaves them out of the space.
    expect(free.candidates.some((c) => c.tiers[0].upPortMode === undefined)).toBe(true);
    expect(pinned.stats.spaceSize).toBeLessThan(free.stats.spaceSize);
    // The best split leaf of the free search is the pinned search's best.
    const bestSplit = free.candidates.find((c) => c.tiers[0].upPortMode === '64x800G');
    if (bestSplit) expect(pinned.candidates[0].metrics.capex).toBe(bestSplit.metrics.capex);
  });

  it('meets the pin together with the down mode it is paired with', () => {
    const r = mustOptimize(h100({ switchModel: 'SN5600', portMode: '128x400G', upPortMode: '64x800G' }));
    expect(r.candidates.length).toBeGreaterThan(0);
    expect(r.candidates.every((c) => c.tiers[0].upPortMode === '64x800G')).toBe(true);
  });

  it('refuses an up mode the pinned switch lacks, by field path, before searching', () => {
    const r = optimize(h100({ switchModel: 'SN5600', upPortMode: '32x1600G' }), defaultCatalog);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/^fabric\.pin\.leaf\.upPortMode: must be a port mode of SN5600 \(.*64x800G.*\), got "32x1600G"/);
  });

  it('refuses an up mode no catalog switch has, by field path', () => {
    const r = optimize(h100({ upPortMode: '7x1234G' }), defaultCatalog);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain('fabric.pin.leaf.upPortMode: must be a port mode id of a catalog switch, got "7x1234G"');
  });

  it('refuses an up mode not paired with the pinned down mode in any cage split, naming the switch\'s splits', () => {
    // SN5600 splits 128 x 400G down / 64 x 800G up; 64 x 800G down with 128 x 400G up is no split of it.
    const r = optimize(h100({ switchModel: 'SN5600', portMode: '64x800G', upPortMode: '128x400G' }), defaultCatalog);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toMatch(/^fabric\.pin\.leaf\.upPortMode: must be the up mode of a cage split with down mode 64x800G \(fabric\.pin\.leaf\.portMode\) of SN5600/);
      expect(r.reason).toContain('its splits: 128x400G down / 64x800G up');
    }
  });

  it('explains a pin that empties the space: a split leaf needs a tier above it, so one tier has none', () => {
    const r = mustOptimize(h100({ upPortMode: '64x800G' }, { maxTiers: 1 }));
    expect(r.candidates).toEqual([]);
    expect(r.diagnosis[0]).toMatchObject({ field: 'fabric.pin.leaf.upPortMode' });
  });

  it('explains spine and core up-mode pins, which no design meets: only leaves run cage splits', () => {
    const spine = mustOptimize(h100({}, { spine: { upPortMode: '64x800G' } }));
    expect(spine.candidates).toEqual([]);
    expect(spine.diagnosis.map((d) => d.field)).toContain('fabric.pin.spine.upPortMode');
    const core = mustOptimize(h100({}, { maxTiers: 3, core: { upPortMode: '64x800G' } }));
    expect(core.candidates).toEqual([]);
    expect(core.diagnosis.find((d) => d.field === 'fabric.pin.core.upPortMode')?.message).toContain('never runs a cage split');
  });
});
