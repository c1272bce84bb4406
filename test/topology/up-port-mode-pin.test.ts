import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/catalog/default';
import { optimize } from '../../src/topology/optimize';
import type { TierPin } from '../../src/model/scenario';
import { scenario } from './helpers';

// fabric.pin.<tier>.upPortMode (docs/model.md "Pins", "Split port modes"): the up mode of a cage split,
// a leaf's or a 3-tier spine's (a core is the top tier and never splits).

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

  it('pins a 3-tier spine\'s up mode: 16,384 H100 GPUs on SN5600 rank only spines split 128 x 400G down / 64 x 800G up, over 64 x 800G cores', () => {
    const r = mustOptimize(scenario({
      cluster: { gpus: 16_384 },
      fabric: { technologies: ['ethernet'], switchModels: ['SN5600'], families: ['fat-tree'], maxTiers: 3,
        pin: { nodesPerLeafGroup: 8, leaf: { portMode: '128x400G', downPorts: 64, upPorts: 64 }, spine: { upPortMode: '64x800G' } } },
      search: { topK: 5 },
    }));
    expect(r.candidates.length).toBeGreaterThan(0);
    for (const c of r.candidates) {
      expect(c.tiers).toHaveLength(3);
      expect(c.tiers[1]).toMatchObject({ portMode: '128x400G', upPortMode: '64x800G', portGbps: 400, upPortGbps: 800 });
      expect(c.tiers[2]).toMatchObject({ portMode: '64x800G', portGbps: 800 });
      expect(c.links.find((l) => l.between === 'spine-core')!.gbps).toBe(800);
    }
  });

  it('refuses a spine up mode the pinned spine switch has no cage split for, by field path, before searching', () => {
    const r = optimize(h100({}, { maxTiers: 3, spine: { switchModel: 'SN5600', portMode: '64x800G', upPortMode: '128x400G' } }), defaultCatalog);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/^fabric\.pin\.spine\.upPortMode: must be the up mode of a cage split with down mode 64x800G \(fabric\.pin\.spine\.portMode\) of SN5600 \(its splits: 128x400G down \/ 64x800G up, 256x200G down \/ 128x400G up\)/);
  });

  it('explains a spine up mode whose split takes no link speed of the leaves below: SN5600 splits to 128 x 400G up from 200G, and the leaves send 400G or 800G', () => {
    const r = mustOptimize(h100({}, { maxTiers: 3, spine: { upPortMode: '128x400G' } }));
    expect(r.candidates).toEqual([]);
    expect(r.diagnosis.find((d) => d.field === 'fabric.pin.spine.upPortMode')?.message)
      .toBe('fabric.pin.spine.upPortMode: no allowed switch has a cage split with 128x400G up and a down mode at 400G or 800G, the leaves\' up speed');
  });

  it('checks a spine\'s pinned port mode at the leaves\' up speed: 64 x 800G spines over split leaves are no pin problem, only the impossible leaf pin is named', () => {
    const r = mustOptimize(h100({ downPorts: 63 }, { spine: { switchModel: 'SN5600', portMode: '64x800G' } }));
    expect(r.candidates).toEqual([]);
    expect(r.diagnosis.map((d) => d.field)).toEqual(['fabric.pin.leaf.downPorts']);
  });

  it('explains a spine up-mode pin at 2 tiers (a split spine needs cores above it) and a core up-mode pin (the top tier never splits)', () => {
    const spine = mustOptimize(h100({}, { spine: { upPortMode: '64x800G' } }));
    expect(spine.candidates).toEqual([]);
    const why = spine.diagnosis.find((d) => d.field === 'fabric.pin.spine.upPortMode');
    expect(why?.message).toContain('the pins need 3 tiers');
    const core = mustOptimize(h100({}, { maxTiers: 3, core: { upPortMode: '64x800G' } }));
    expect(core.candidates).toEqual([]);
    expect(core.diagnosis.find((d) => d.field === 'fabric.pin.core.upPortMode')?.message).toContain('a core is the top tier and has no up ports, so it never runs a cage split');
  });
});
