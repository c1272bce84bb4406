import { describe, expect, it } from 'vitest';
import { defaultCatalog, defaultCatalogInput } from '../../src/catalog/default';
import { CatalogSchema, type Catalog, type CatalogInput } from '../../src/model/catalog';
import type { Design } from '../../src/model/result';
import type { ScenarioInput } from '../../src/model/scenario';
import { buildContext, type Context } from '../../src/topology/context';
import { enumerateDesigns } from '../../src/topology/enumerate';
import { optimize } from '../../src/topology/optimize';
import { shapeOf, type Shape } from '../../src/topology/shape';
import { mustMaterialize, scenario, walk } from './helpers';

// A 3-tier spine that splits its cages (docs/model.md "Split port modes"): down at the leaves' up
// speed, up at its own, with cores at the spine's up speed.

/** 16,384 H100 GPUs (2,048 nodes of 8 x 400G) on SN5600, 3 tiers. */
const h100 = (fabric: NonNullable<ScenarioInput['fabric']> = {}, gpus = 16_384) => scenario({
  cluster: { gpus },
  fabric: { technologies: ['ethernet'], switchModels: ['SN5600'], families: ['fat-tree'], maxTiers: 3, ...fabric },
  search: { topK: 6 },
});

function ctxOf(s: ReturnType<typeof scenario>, catalog: Catalog = defaultCatalog): Context {
  const c = buildContext(s, catalog);
  if ('ok' in c) throw new Error(c.reason);
  return c;
}

function mustShape(ctx: Context, d: Design): Shape {
  const s = shapeOf(ctx, d);
  if ('ok' in s) throw new Error(`${s.rule}: ${s.reason}`);
  return s;
}

const leaf = { switchId: 'SN5600', portModeId: '128x400G', downPorts: 64, upPorts: 64 };
const splitSpine = (downPorts: number, upPorts: number) => ({ switchId: 'SN5600', portModeId: '128x400G', upPortModeId: '64x800G', downPorts, upPorts });
const core800 = { switchId: 'SN5600', portModeId: '64x800G', downPorts: 0, upPorts: 0 };

/** Single-mode 400G leaves (8 nodes each), pods of 64 leaves with a spine per leaf uplink. */
const design = (spine: ReturnType<typeof splitSpine>, leavesPerPod = 64, core = core800): Design => ({
  family: 'fat-tree', technology: 'ethernet', planes: 1, nodesPerLeafGroup: 8, spinesPerPod: 64, leavesPerPod,
  tiers: [leaf, spine, core],
});

describe('a split 3-tier spine', () => {
  it('runs 64 x 400G down and 32 x 800G up at 1:1: 256 leaves, 4 pods of 64 spines, 128 cores of 64 x 800G, 8,192 spine-core links at 800G', () => {
    const s = mustShape(ctxOf(h100()), design(splitSpine(64, 32)));
    expect(s.tiers.map((t) => t.countPerPlane)).toEqual([256, 256, 128]);
    expect(s.pods).toBe(4);
    expect(s.coresPerGroup).toBe(2);
    expect(s.parallelLinks).toEqual([1, 16]);
    expect(s.links).toEqual({ nodeLeaf: 16_384, leafSpine: 16_384, spineCore: 8_192 });
    expect([s.linkGbps, s.uplinkGbps, s.coreLinkGbps]).toEqual([400, 400, 800]);
    // Bandwidth ratio: 64 x 400G down over 32 x 800G up.
    expect(s.tiers[1]).toMatchObject({ downPorts: 64, upPorts: 32, oversubscription: 1, reservedPorts: 0 });
    expect(s.tiers[2]).toMatchObject({ downPorts: 64, upPorts: 0 });
  });

  it('weighs its ratio by bandwidth, per tier and end to end: 64 x 400G over 24 x 800G is 4:3, not 8:3', () => {
    const over = design(splitSpine(64, 24));
    const refused = shapeOf(ctxOf(h100()), over);
    expect(refused).toMatchObject({ ok: false, rule: 'oversubscription' });
    if ('ok' in refused) expect(refused.reason).toContain('spine 64:24 (400G down, 800G up) oversubscription exceeds 1:1');
    const s = mustShape(ctxOf(h100({ maxOversubscription: 1.5 })), over);
    expect(s.tiers[1].oversubscription).toBeCloseTo(4 / 3, 10);
    // End to end: the 1:1 leaf times the spine's 4:3.
    const m = mustMaterialize(h100({ maxOversubscription: 1.5 }), defaultCatalog, over);
    expect(m.candidate.metrics.endToEndOversubscription).toBe(1.3333);
  });

  it('budgets whole cages of each mode, and keeps fabric.sparePortsPct.spine of its cages spare: 5% of 64 cages leaves 60, so pods hold 60 leaves', () => {
    const spare = h100({ sparePortsPct: { spine: 5 } });
    // 32 cages of 2 x 400G and 32 of 1 x 800G: all 64, 4 of which are now kept spare.
    const full = shapeOf(ctxOf(spare), design(splitSpine(64, 32)));
    expect(full).toMatchObject({ ok: false, rule: 'cage-budget' });
    if ('ok' in full) expect(full.reason).toBe('spine SN5600 needs 32 cages for 64 x 400G down and 32 for 32 x 800G up but has 60 (4 of its 64 kept spare by fabric.sparePortsPct.spine)');
    const s = mustShape(ctxOf(spare), design(splitSpine(60, 30), 60));
    expect(s.pods).toBe(5);
    // Spare ports of a split are counted in up-mode ports: 4 cages of 1 x 800G.
    expect(s.tiers[1]).toMatchObject({ downPorts: 60, upPorts: 30, reservedPorts: 4, oversubscription: 1 });
    // The enumeration sizes pods from the down cages the up ports leave: 30 up cages leave 30 x 2 down ports.
    const pinned = ctxOf(h100({ sparePortsPct: { spine: 5 }, pin: { tiers: 3, nodesPerLeafGroup: 8, leaf: { upPorts: 64 }, spine: { upPortMode: '64x800G', upPorts: 30 } } }));
    const pods = new Set<number>();
    for (const d of enumerateDesigns(pinned)) if (d.spinesPerPod === 64) pods.add(d.leavesPerPod!);
    expect([...pods]).toEqual([60]);
  });

  it('is refused at 2 tiers and as a core (rule split), and under cores at the wrong speed (rule speed)', () => {
    const ctx = ctxOf(h100());
    const twoTier: Design = { family: 'fat-tree', technology: 'ethernet', planes: 1, nodesPerLeafGroup: 8, tiers: [leaf, splitSpine(0, 0)] };
    expect(shapeOf(ctx, twoTier)).toMatchObject({ ok: false, rule: 'split', reason: 'tier 2: a cage split (128x400G down / 64x800G up) needs uplinks, and the spine is the top tier of a 2-tier design' });
    const asCore: Design = { ...design(splitSpine(64, 32)), tiers: [leaf, { switchId: 'SN5600', portModeId: '128x400G', downPorts: 64, upPorts: 64 }, splitSpine(0, 0)] };
    expect(shapeOf(ctx, asCore)).toMatchObject({ ok: false, rule: 'split', reason: 'tier 3: a cage split (128x400G down / 64x800G up) needs uplinks, and the core is the top tier of a 3-tier design' });
    const slowCore = design(splitSpine(64, 32), 64, { switchId: 'SN5600', portModeId: '128x400G', downPorts: 0, upPorts: 0 });
    expect(shapeOf(ctx, slowCore)).toMatchObject({ ok: false, rule: 'speed', reason: 'tier 3: SN5600 128x400G ports run 400G, links are 800G' });
  });

  it('is in the 3-tier Ethernet space beside single-mode spines, and every split-spine design the enumeration yields meets shapeOf\'s split, speed, cage and ratio rules', () => {
    const ctx = ctxOf(h100({ pin: { tiers: 3 } }, 2048));
    let split = 0;
    let single = 0;
    let shaped = 0;
    const rules = new Set<string>();
    const singleRules = new Set<string>();
    for (const d of enumerateDesigns(ctx)) {
      if (!d.tiers[1].upPortModeId) {
        single++;
        const s = shapeOf(ctx, d);
        if ('ok' in s) singleRules.add(s.rule);
        continue;
      }
      split++;
      const s = shapeOf(ctx, d);
      if ('ok' in s) {
        rules.add(s.rule);
        continue;
      }
      shaped++;
      // Its cores run single-mode at the spine's up speed.
      expect(s.tiers[2].option.split).toBeUndefined();
      expect(s.tiers[2].option.gbps).toBe(s.tiers[1].option.upGbps);
      expect(s.coreLinkGbps).toBe(s.tiers[1].option.upGbps);
    }
    expect(split).toBeGreaterThan(0);
    expect(single).toBeGreaterThan(0);
    expect(shaped).toBeGreaterThan(0);
    // Shapes it leaves to shapeOf fail only the rules single-mode spines fail too (redundancy, core radix), never the split's own.
    expect([...rules].filter((r) => !singleRules.has(r))).toEqual([]);
    for (const r of ['split', 'speed', 'cage-budget', 'port-budget', 'oversubscription', 'end-to-end-oversubscription', 'wiring']) expect(rules.has(r)).toBe(false);
  });

  it('wires its up ports on the cages its down ports leave, one 800G port each, to 800G core ports', () => {
    const m = mustMaterialize(h100(), defaultCatalog, design(splitSpine(64, 32)));
    const [, spine, core] = m.candidate.tiers;
    expect(spine).toMatchObject({ portMode: '128x400G', portGbps: 400, upPortMode: '64x800G', upPortGbps: 800, radix: 96, freePortsPerSwitch: 0 });
    expect(core).toMatchObject({ portMode: '64x800G', portGbps: 800, count: 128 });
    expect(core.upPortMode).toBeUndefined();
    expect(m.candidate.links.map((l) => [l.between, l.count, l.gbps])).toEqual([['node-leaf', 16_384, 400], ['leaf-spine', 16_384, 400], ['spine-core', 8_192, 800]]);
    expect(m.candidate.links[2].media.every((x) => x.recipe.startsWith('ss.800g.osfp.eth'))).toBe(true);
    expect(m.candidate.id).toBe('ft-eth-p1-n8-SN5600.128x400G.64d64u-SN5600.128x400G+64x800G.64d32u-SN5600.64x800G.64d-pod64l64s');
    const spineName = m.listing.switchName({ tier: 1, plane: 0, index: 0 });
    const up = new Set<string>();
    const down = new Set<string>();
    for (const l of m.listing.links()) {
      if (l.linkClass === 'spine-core' && l.a.device === spineName) up.add(l.a.port);
      if (l.linkClass === 'leaf-spine' && l.b.device === spineName) down.add(l.b.port);
    }
    // Down ports: cages 1-32, two 400G ports each (swp1s0 ... swp32s1); up ports: cages 33-64, whole (swp33 ... swp64).
    expect(down.size).toBe(64);
    expect([...down].every((p) => /^swp([1-9]|[12]\d|3[0-2])s[01]$/.test(p))).toBe(true);
    expect([...up].sort()).toEqual(Array.from({ length: 32 }, (_, i) => `swp${i + 33}`).sort());
    // Bisection is bandwidth: 8,192 links x 800G across the spine-core boundary, as wide as the others.
    expect(m.candidate.metrics.bisectionGbps).toBe((16_384 * 400) / 2);
    const w = walk(m.listing.links());
    expect(w.perClass.get('spine-core')).toBe(8_192);
  });

  it('lists its own pod split among the equivalent ones, pods sized from the down cages its up ports leave', () => {
    const m = mustMaterialize(h100(), defaultCatalog, design(splitSpine(64, 32)));
    const splits = m.candidate.podSplits;
    expect(splits).toContainEqual(expect.objectContaining({ pods: 4, leavesPerPod: 64, spinesPerPod: 64 }));
    // Every split fills the spine's 64 down ports: leavesPerPod x (64 uplinks / spinesPerPod).
    for (const x of splits) expect(x.leavesPerPod * (64 / x.spinesPerPod)).toBe(64);
  });
});

/** The default catalog with a 128 x 800G switch (a 102.4 Tb/s, Tomahawk 6 class box listed in its 800G mode only), priced as the SN5600. */
function withBigCore(): Catalog {
  const input = structuredClone(defaultCatalogInput) as CatalogInput;
  const switches = input.switches!;
  const sn = switches.find((s) => s.id === 'SN5600')!;
  const { cageSplits: _, estimated: __, ...rest } = sn as typeof sn & { estimated?: string };
  switches.push({ ...rest, id: 'X800-128', model: 'X800-128', name: 'Tomahawk 6 class 128 x 800G Ethernet switch', portModes: [{ id: '128x800G', ports: 128, gbps: 800 }] });
  for (const o of [...input.offers!]) if (o.part === 'SN5600') input.offers!.push({ ...o, id: `${o.id}-x800`, part: 'X800-128' });
  return CatalogSchema.parse(input);
}

describe('where a split spine pays', () => {
  // Single-mode 128 x 400G leaves, 8 nodes each, 64 uplinks: the same leaves under every spine.
  const sameLeaves = (switchModels: string[]) => h100({
    switchModels,
    pin: { tiers: 3, nodesPerLeafGroup: 8, leaf: { switchModel: 'SN5600', portMode: '128x400G', downPorts: 64, upPorts: 64 } },
  });

  it('halves the spine-core links and cables but not the cost with SN5600 cores: it ranks second, $49,152 behind the single-mode spine, on its 800G harnesses', () => {
    const o = optimize(sameLeaves(['SN5600']), defaultCatalog);
    if (!o.ok) throw new Error(o.reason);
    const [single, split] = o.result.candidates;
    expect(single.tiers[1].upPortMode).toBeUndefined();
    expect(split.tiers[1]).toMatchObject({ portMode: '128x400G', upPortMode: '64x800G', downPorts: 64, upPorts: 32 });
    expect(split.tiers.map((t) => t.count)).toEqual(single.tiers.map((t) => t.count));
    expect(split.tiers.map((t) => t.count)).toEqual([256, 256, 128]);
    const sc = (c: typeof single) => c.links.find((l) => l.between === 'spine-core')!;
    expect([sc(single).count, sc(single).gbps, sc(split).count, sc(split).gbps]).toEqual([16_384, 400, 8_192, 800]);
    // Twin-port 800G modules carry two 400G links or one 800G link: the same optics either way.
    expect(split.metrics.transceiverCount).toBe(single.metrics.transceiverCount);
    expect(split.metrics.capexByCategory.optic).toBe(single.metrics.capexByCategory.optic);
    expect(single.metrics.cableCount - split.metrics.cableCount).toBe(8_192);
    expect(single.metrics.capex).toBe(59_008_576);
    expect(split.metrics.capex - single.metrics.capex).toBe(49_152);
  });

  it('is the optimum when the cores at 800G are twice the 400G ones: 64 instead of 128 cores of a 128 x 800G switch, $4,070,848 less', () => {
    const catalog = withBigCore();
    const o = optimize(sameLeaves(['SN5600', 'X800-128']), catalog);
    if (!o.ok) throw new Error(o.reason);
    const best = o.result.candidates[0];
    expect(best.id).toBe('ft-eth-p1-n8-SN5600.128x400G.64d64u-SN5600.128x400G+64x800G.64d32u-X800-128.128x800G.128d-pod2l2s');
    expect(best.tiers.map((t) => `${t.count} x ${t.switchModel}`)).toEqual(['256 x SN5600', '256 x SN5600', '64 x X800-128']);
    const single = o.result.candidates.find((c) => c.tiers[1].upPortMode === undefined)!;
    expect(single.tiers.map((t) => `${t.count} x ${t.switchModel}`)).toEqual(['256 x SN5600', '256 x SN5600', '128 x SN5600']);
    expect(best.metrics.capex).toBe(54_937_728);
    expect(single.metrics.capex - best.metrics.capex).toBe(4_070_848);
    expect(best.metrics.transceiverCount).toBe(single.metrics.transceiverCount);
  });
});
