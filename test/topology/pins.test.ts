import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/catalog/default';
import { buildContext, type Context } from '../../src/topology/context';
import { enumerateDesigns } from '../../src/topology/enumerate';
import { shapeOf } from '../../src/topology/shape';
import { optimize } from '../../src/topology/optimize';
import type { ScenarioInput } from '../../src/model/scenario';
import { scenario } from './helpers';

const ib128 = (fabric: NonNullable<ScenarioInput['fabric']> = {}) =>
  scenario({ cluster: { gpus: 128 }, fabric: { technologies: ['infiniband'], maxOversubscription: 2, ...fabric } });

function ctxOf(s: ReturnType<typeof scenario>): Context {
  const c = buildContext(s, defaultCatalog);
  if ('ok' in c) throw new Error(c.reason);
  return c;
}
const count = (ctx: Context) => { let n = 0; for (const _ of enumerateDesigns(ctx)) n++; return n; };

describe('fabric.pin', () => {
  it('explores only what is not pinned: every design in the space meets every pin, and the space shrinks', () => {
    const pinned = ctxOf(ib128({ pin: { family: 'fat-tree', tiers: 2, leaf: { switchModel: 'QM9700', upPorts: 16 }, spine: { switchesPerPlane: 4 } } }));
    let n = 0;
    for (const d of enumerateDesigns(pinned)) {
      n++;
      expect(d.family).toBe('fat-tree');
      expect(d.tiers.length).toBe(2);
      expect(d.tiers[0].switchId).toBe('QM9700');
      expect(d.tiers[0].upPorts).toBe(16);
      const s = shapeOf(pinned, d);
      if (!('ok' in s)) expect(s.tiers[1].countPerPlane).toBe(4);
    }
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(count(ctxOf(ib128())) / 100);
  });

  it('builds the spine count it is given where balanced wiring alone would pick fewer: 4 leaves of 16 uplinks on 4 spines', () => {
    const free = optimize(ib128(), defaultCatalog);
    const pinned = optimize(ib128({ pin: { spine: { switchesPerPlane: 4 } } }), defaultCatalog);
    if (!free.ok || !pinned.ok) throw new Error('search failed');
    expect(free.result.candidates[0].tiers.map((t) => t.countPerPlane)).toEqual([4, 2]);
    const best = pinned.result.candidates[0];
    expect(best.tiers.map((t) => [t.countPerPlane, t.downPorts, t.upPorts])).toEqual([[4, 32, 16], [4, 16, 0]]);
    expect(pinned.result.candidates.every((c) => c.tiers[1].countPerPlane === 4)).toBe(true);
    expect(pinned.result.stats.spaceSize).toBeLessThan(free.result.stats.spaceSize);
  });

  it('finds the unpinned best design again when every choice is pinned to it, in a space of that one row', () => {
    const free = optimize(ib128(), defaultCatalog);
    if (!free.ok) throw new Error(free.reason);
    const best = free.result.candidates[0];
    const [leaf, spine] = best.tiers;
    const s = ib128({ pin: {
      family: best.family, technology: best.technology, planes: best.planes as 1, tiers: 2, nodesPerLeafGroup: best.design.nodesPerLeafGroup,
      leaf: { switchModel: leaf.switchModel, portMode: leaf.portMode, switchesPerPlane: leaf.countPerPlane, downPorts: leaf.downPorts, upPorts: leaf.upPorts },
      spine: { switchModel: spine.switchModel, portMode: spine.portMode, switchesPerPlane: spine.countPerPlane, downPorts: spine.downPorts, upPorts: 0 },
    } });
    const r = optimize(s, defaultCatalog);
    if (!r.ok) throw new Error(r.reason);
    expect(r.result.stats.spaceSize).toBe(1);
    expect(r.result.candidates[0].id).toBe(best.id);
    expect(r.result.candidates[0].metrics.capex).toBe(best.metrics.capex);
  });

  it('refuses a pin naming an unknown switch model or port mode, with its field path', () => {
    const a = buildContext(ib128({ pin: { spine: { switchModel: 'QM9999' } } }), defaultCatalog);
    expect('ok' in a && a.reason).toContain('fabric.pin.spine.switchModel: must name a switch model in the catalog, got "QM9999"');
    const b = buildContext(ib128({ pin: { leaf: { switchModel: 'QM9700', portMode: '48x800G' } } }), defaultCatalog);
    expect('ok' in b && b.reason).toContain('fabric.pin.leaf.portMode: must be a port mode of QM9700');
  });

  it("names the pinned spine switch that has no port mode at the NIC's link speed", () => {
    const r = optimize(ib128({ planes: [1], pin: { spine: { switchModel: 'QM8700' } } }), defaultCatalog);
    if (!r.ok) throw new Error(r.reason);
    expect(r.result.candidates).toEqual([]);
    expect(r.result.diagnosis[0].field).toBe('fabric.pin.spine.switchModel');
    expect(r.result.diagnosis[0].message).toMatch(/^fabric\.pin\.spine\.switchModel: QM8700 has no 400G port mode/);
  });

  it('names a leaf count the cluster cannot be cut into: 30 leaves cannot serve 127 nodes', () => {
    // Whole nodes per leaf (fabric.pin.leavesPerNode 1): 15 pairs of leaves would serve 9 nodes each.
    const s = scenario({ cluster: { gpus: 127 * 8 }, fabric: { families: ['fat-tree'], technologies: ['infiniband'], pin: { leavesPerNode: 1, leaf: { switchesPerPlane: 30 } } } });
    const r = optimize(s, defaultCatalog);
    if (!r.ok) throw new Error(r.reason);
    expect(r.result.stats.spaceSize).toBe(0);
    expect(r.result.diagnosis[0].field).toBe('fabric.pin.leaf.switchesPerPlane');
    expect(r.result.diagnosis[0].message).toContain('30 leaves cannot serve 127 nodes');
  });

  it('names pins that contradict fabric.families and fabric.maxTiers', () => {
    const fam = optimize(ib128({ families: ['fat-tree'], pin: { family: 'rail-only' } }), defaultCatalog);
    const core = optimize(ib128({ maxTiers: 2, pin: { core: { switchModel: 'QM9700' } } }), defaultCatalog);
    if (!fam.ok || !core.ok) throw new Error('search failed');
    expect(fam.result.diagnosis[0]).toMatchObject({ field: 'fabric.pin.family' });
    expect(fam.result.diagnosis[0].message).toContain('rail-only is not among fabric.families');
    expect(core.result.diagnosis[0]).toMatchObject({ field: 'fabric.pin.core' });
  });

  it('names the pin that empties the space when the pins only fail together', () => {
    const r = optimize(ib128({ pin: { tiers: 2, leaf: { upPorts: 16 }, spine: { switchesPerPlane: 3 } } }), defaultCatalog);
    if (!r.ok) throw new Error(r.reason);
    expect(r.result.stats.spaceSize).toBe(0);
    expect(r.result.diagnosis[0].field).toBe('fabric.pin.spine.switchesPerPlane');
  });

  it('searches the pinned plane count when fabric.planes is left out', () => {
    const ctx = ctxOf(scenario({ cluster: { gpus: 256 }, fabric: { technologies: ['ethernet'], maxTiers: 2, switchModels: ['SN5600'], pin: { planes: 2 } } }));
    expect(ctx.scenario.fabric.planes).toEqual([2]);
    let n = 0;
    for (const d of enumerateDesigns(ctx)) if (++n < 5000) expect(d.planes).toBe(2);
    expect(n).toBeGreaterThan(0);
  });
});
