import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CatalogSchema, type CatalogInput } from '../../src/model/catalog';
import { defaultCatalog, defaultCatalogInput } from '../../src/catalog/default';
import { optimize } from '../../src/topology/optimize';
import { reservedPorts } from '../../src/topology/limits';
import { arbCatalog, arbScenario } from '../engine/random-catalog';
import { mustMaterialize, scenario, walk } from './helpers';

// Split port modes (docs/model.md "Split port modes"): a leaf may run some cages in one port mode
// toward the nodes and the rest in another toward the spines.

const h100 = (extra: { families?: ('fat-tree' | 'rail-optimized' | 'rail-only')[]; maxTiers?: number; topK?: number } = {}) => scenario({
  cluster: { gpus: 4096 },
  fabric: { technologies: ['ethernet'], switchModels: ['SN5600'], families: extra.families, maxTiers: extra.maxTiers },
  search: { topK: extra.topK ?? 10 },
});

function mustOptimize(...args: Parameters<typeof optimize>) {
  const o = optimize(...args);
  if (!o.ok) throw new Error(o.reason);
  return o.result;
}

const splitDesign = {
  family: 'fat-tree' as const, technology: 'ethernet' as const, planes: 1, nodesPerLeafGroup: 8,
  tiers: [
    { switchId: 'SN5600', portModeId: '128x400G', upPortModeId: '64x800G', downPorts: 64, upPorts: 32 },
    { switchId: 'SN5600', portModeId: '64x800G', downPorts: 0, upPorts: 0 },
  ],
};

describe('split port modes', () => {
  it('a split SN5600 leaf runs 64 x 400G down and 32 x 800G up at 1:1', () => {
    const m = mustMaterialize(h100(), defaultCatalog, splitDesign);
    const [leaf, spine] = m.candidate.tiers;
    expect(leaf).toMatchObject({ switchModel: 'SN5600', portMode: '128x400G', portGbps: 400, upPortMode: '64x800G', upPortGbps: 800, downPorts: 64, upPorts: 32, count: 64, oversubscription: 1 });
    // 32 cages of 2 x 400G and 32 cages of 1 x 800G: every cage used, none free.
    expect(leaf).toMatchObject({ radix: 96, freePortsPerSwitch: 0, reservedPortsPerSwitch: 0 });
    expect(spine).toMatchObject({ portMode: '64x800G', portGbps: 800, count: 32, downPorts: 64 });
    expect(spine.upPortMode).toBeUndefined();
    const links = Object.fromEntries(m.candidate.links.map((l) => [l.between, l]));
    expect(links['node-leaf']).toMatchObject({ count: 4096, gbps: 400 });
    expect(links['leaf-spine']).toMatchObject({ count: 2048, gbps: 800 });
    expect(links['leaf-spine'].media.every((x) => x.recipe.startsWith('ss.800g.osfp.eth'))).toBe(true);
    expect(m.candidate.id).toBe('ft-eth-p1-n8-SN5600.128x400G+64x800G.64d32u-SN5600.64x800G.64d');
    // The up ports sit on cages 33-64, one 800G port each; the down ports on cages 1-32, two each.
    const w = walk(m.listing.links());
    expect(w.total).toBe(4096 + 2048);
    expect([...w.portUse.values()].every((n) => n === 1)).toBe(true);
    const leafPorts = [...w.devicePorts.values()].find((ports) => ports.has('swp1s0'))!;
    expect(leafPorts.size).toBe(96);
    for (const p of ['swp1s1', 'swp32s1', 'swp33', 'swp64']) expect(leafPorts.has(p)).toBe(true);
    expect(leafPorts.has('swp33s0')).toBe(false);
  });

  it('refuses a split top tier (it has no uplinks), and a spine at the wrong speed', () => {
    const atTop = { ...splitDesign, tiers: [{ switchId: 'SN5600', portModeId: '128x400G', downPorts: 64, upPorts: 64 }, { ...splitDesign.tiers[0], downPorts: 0, upPorts: 0 }] };
    const s = h100();
    expect(() => mustMaterialize(s, defaultCatalog, atTop)).toThrow(/tier 2: a cage split \(128x400G down \/ 64x800G up\) needs uplinks, and the spine is the top tier of a 2-tier design/);
    const slowSpine = { ...splitDesign, tiers: [splitDesign.tiers[0], { switchId: 'SN5600', portModeId: '128x400G', downPorts: 0, upPorts: 0 }] };
    expect(() => mustMaterialize(s, defaultCatalog, slowSpine)).toThrow(/ports run 400G, links are 800G/);
  });

  it('searches split leaves with both engines\' rules: the 4,096 H100 GPU space holds the split leaf next to the single-mode best', () => {
    const r = mustOptimize(h100({ families: ['fat-tree'], maxTiers: 2, topK: 2 }), defaultCatalog);
    const ids = r.candidates.map((c) => c.id);
    // With twin-port 800G modules carrying two 400G links, the split halves the leaf-spine links
    // but not the optics or the spines; its 800G SR8 harness costs a little more per link.
    expect(ids).toEqual([
      'ft-eth-p1-n8-SN5600.128x400G.64d64u-SN5600.128x400G.128d',
      'ft-eth-p1-n8-SN5600.128x400G+64x800G.64d32u-SN5600.64x800G.64d',
    ]);
    const [single, split] = r.candidates;
    expect(split.metrics.capexByCategory.optic).toBe(single.metrics.capexByCategory.optic);
    expect(split.tiers.map((t) => t.count)).toEqual(single.tiers.map((t) => t.count));
  });

  it('chooses the split leaf when it is cheaper: 4,096 H100 GPUs on SN5600 (2-tier fat-tree) with 800G harnesses at half price', () => {
    const input = structuredClone(defaultCatalogInput) as CatalogInput;
    for (const o of input.offers!) if (o.part === 'MMF-2xMPO12-800G') { o.price = o.price / 2; o.perMeterPrice = (o.perMeterPrice ?? 0) / 2; }
    const cheaper800 = CatalogSchema.parse(input);
    const best = mustOptimize(h100({ families: ['fat-tree'], maxTiers: 2, topK: 3 }), cheaper800).candidates[0];
    expect(best.tiers[0]).toMatchObject({ portMode: '128x400G', upPortMode: '64x800G', downPorts: 64, upPorts: 32, oversubscription: 1 });
    expect(best.tiers.map((t) => t.count)).toEqual([64, 32]);
  });

  it('never uses more cages than the switch has on a split tier', () => {
    let splitTiers = 0;
    fc.assert(
      fc.property(arbScenario, arbCatalog, (s, c) => {
        const o = optimize(s, c);
        if (!o.ok) return;
        for (const cand of o.result.candidates) {
          for (const t of cand.tiers) {
            if (!t.upPortMode) continue;
            splitTiers++;
            const sw = c.switches.find((x) => x.id === t.switchId)!;
            const ppc = (id: string) => sw.portModes.find((m) => m.id === id)!.ports / sw.cages;
            const cages = Math.ceil(t.downPorts / ppc(t.portMode)) + Math.ceil(t.upPorts / ppc(t.upPortMode));
            expect(cages).toBeLessThanOrEqual(sw.cages - reservedPorts(sw.cages, s.fabric.sparePortsPct[t.role]));
            // Splits are leaves' or 3-tier spines' (docs/model.md "Split port modes"), never the top tier's.
            expect(t.role === 'leaf' || (t.role === 'spine' && cand.tiers.length === 3)).toBe(true);
          }
        }
      }),
      { numRuns: 40, seed: 13 },
    );
    // The claim is about split tiers: the random catalogs must put some in the results.
    expect(splitTiers).toBeGreaterThan(0);
  }, 120_000);

  it('refuses a catalog whose cage split names a mode the switch lacks, or one mode twice, by field path', () => {
    const input = structuredClone(defaultCatalogInput) as CatalogInput;
    const sn = input.switches!.find((x) => x.id === 'SN5600')!;
    sn.cageSplits = [{ down: '128x400G', up: '32x1600G' }, { down: '64x800G', up: '64x800G' }];
    const r = CatalogSchema.safeParse(input);
    expect(r.success).toBe(false);
    const at = input.switches!.indexOf(sn);
    const issues = r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues).toContain(`switches.${at}.cageSplits.0.up: must be one of the switch's port modes (64x800G, 128x400G, 256x200G), got "32x1600G"`);
    expect(issues).toContain(`switches.${at}.cageSplits.1.up: must differ from the down mode "64x800G" (one mode on every cage is not a split)`);
  });
});
