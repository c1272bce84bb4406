import { describe, expect, it } from 'vitest';
import { labCatalog } from '../fixtures/lab-catalog';
import { optimize } from '../../src/topology/optimize';
import { buildContext, type Context } from '../../src/topology/context';
import { shapeOf } from '../../src/topology/shape';
import { mustMaterialize, scenario, tier } from './helpers';
import { materialize } from '../../src/topology/materialize';

const cat = labCatalog();
const onePort100 = (gpus: number, extra: object = {}) =>
  scenario({ cluster: { gpus, serverProfile: 'one-port-100g' }, ...extra });
const onePort400 = (gpus: number, extra: object = {}) =>
  scenario({ cluster: { gpus, serverProfile: 'one-port-400g' }, ...extra });

function ctxOf(s: ReturnType<typeof scenario>): Context {
  const c = buildContext(s, cat);
  if ('ok' in c) throw new Error(c.reason);
  return c;
}

describe('balanced wiring', () => {
  it('wires 108 single-port nodes on 36-port switches as 6 leaves and 3 spines, 6 links per leaf-spine pair', () => {
    const s = onePort100(108);
    const m = mustMaterialize(s, cat, { family: 'fat-tree', technology: 'infiniband', planes: 1, nodesPerLeafGroup: 18, tiers: [tier('SW36', '36x100G', 18, 18), tier('SW36', '36x100G', 0)] });
    expect(m.candidate.tiers.map((t) => [t.role, t.count, t.downPorts, t.upPorts])).toEqual([
      ['leaf', 6, 18, 18],
      ['spine', 3, 36, 0],
    ]);
    expect(m.assessment.shape.parallelLinks).toEqual([6]);
    expect(m.candidate.links.map((l) => l.count)).toEqual([108, 108]);
  });

  it('puts 16 spines under 24 leaves when 12 does not divide 32 uplinks', () => {
    const s = onePort400(24 * 32);
    const m = mustMaterialize(s, cat, { family: 'fat-tree', technology: 'infiniband', planes: 1, nodesPerLeafGroup: 32, tiers: [tier('SW64', '64x400G', 32, 32), tier('SW64', '64x400G', 0)] });
    const [leaf, spine] = m.candidate.tiers;
    expect(leaf.count).toBe(24);
    expect(spine.count).toBe(16);
    expect(spine.downPorts).toBe(48);
    expect(m.assessment.shape.parallelLinks).toEqual([2]);
  });

  it('derives blast radius, bisection, diameter and growth headroom from the counted fabric', () => {
    const m = mustMaterialize(onePort400(24 * 32), cat, { family: 'fat-tree', technology: 'infiniband', planes: 1, nodesPerLeafGroup: 32, tiers: [tier('SW64', '64x400G', 32, 32), tier('SW64', '64x400G', 0)] });
    const x = m.candidate.metrics;
    expect(x.leafFailureGpuPortsCut).toBe(32);
    expect(x.spineFailureBisectionLossPct).toBe(6.25); // one of 16 spines
    expect(x.bisectionGbps).toBe((768 * 400) / 2);
    expect(x.diameterHops).toBe(3);
    expect(x.growthHeadroomEndpoints).toBe(64 * 32 - 768); // 64-port spines take up to 64 leaves at one link each
    expect(x.portsUsed).toBe(768 + 2 * 768);
    expect(x.portsTotal).toBe(40 * 64);
  });

  it('reaches 2,048 endpoints non-blocking at 2 tiers of 64-port switches with 64 leaves and 32 spines', () => {
    const s = onePort400(2048);
    const m = mustMaterialize(s, cat, { family: 'fat-tree', technology: 'infiniband', planes: 1, nodesPerLeafGroup: 32, tiers: [tier('SW64', '64x400G', 32, 32), tier('SW64', '64x400G', 0)] });
    expect(m.candidate.tiers.map((t) => t.count)).toEqual([64, 32]);
    expect(m.candidate.metrics.maxOversubscription).toBe(1);
    const over = materialize(onePort400(2049), cat, { family: 'fat-tree', technology: 'infiniband', planes: 1, nodesPerLeafGroup: 32, tiers: [tier('SW64', '64x400G', 32, 32), tier('SW64', '64x400G', 0)] });
    expect(over.ok).toBe(false);
    if (!over.ok) expect(over.rule).toBe('spine-radix');
  });

  it('reaches 65,536 endpoints non-blocking at 3 tiers of 64-port switches with 5,120 switches', () => {
    const s = onePort400(65536);
    const ctx = ctxOf(s);
    const shape = shapeOf(ctx, {
      family: 'fat-tree', technology: 'infiniband', planes: 1, nodesPerLeafGroup: 32, spinesPerPod: 32, leavesPerPod: 32,
      tiers: [tier('SW64', '64x400G', 32, 32), tier('SW64', '64x400G', 32, 32), tier('SW64', '64x400G', 0)],
    });
    if ('ok' in shape) throw new Error(shape.reason);
    expect(shape.tiers.map((t) => t.countPerPlane)).toEqual([2048, 2048, 1024]);
    expect(shape.tiers.reduce((a, t) => a + t.countPerPlane, 0)).toBe(5120);
    expect(shape.pods).toBe(64);
    expect(shape.tiers[2].downPorts).toBe(64);
  });

  it('rejects a leaf split over the oversubscription cap and names the rule', () => {
    const s = onePort400(256, { fabric: { maxOversubscription: 1 } });
    const m = materialize(s, cat, { family: 'fat-tree', technology: 'infiniband', planes: 1, nodesPerLeafGroup: 40, tiers: [tier('SW64', '64x400G', 40, 24), tier('SW64', '64x400G', 0)] });
    expect(m.ok).toBe(false);
    if (!m.ok) expect(m.reason).toMatch(/40:24 oversubscription exceeds 1:1/);
  });

  it('rejects a leaf over its port budget', () => {
    const s = onePort400(256, { fabric: { maxOversubscription: 2 } });
    const m = materialize(s, cat, { family: 'fat-tree', technology: 'infiniband', planes: 1, nodesPerLeafGroup: 40, tiers: [tier('SW64', '64x400G', 40, 30), tier('SW64', '64x400G', 0)] });
    expect(m.ok).toBe(false);
    if (!m.ok) expect(m.rule).toBe('port-budget');
  });

  it('builds rail-only with no spine when a rail fits one switch', () => {
    const s = scenario({ cluster: { gpus: 256, serverProfile: 'eight-rail-400g' }, fabric: { families: ['rail-only'] } });
    const r = optimize(s, cat);
    if (!r.ok) throw new Error(r.reason);
    const best = r.result.candidates[0];
    expect(best.tiers.map((t) => [t.role, t.count])).toEqual([['leaf', 8]]);
    expect(best.links.map((l) => l.between)).toEqual(['node-leaf']);
  });

});
