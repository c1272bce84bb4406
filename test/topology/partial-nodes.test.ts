import { describe, expect, it } from 'vitest';
import { labCatalog } from '../fixtures/lab-catalog';
import { defaultCatalog } from '../../src/catalog/default';
import { buildContext, type Context } from '../../src/topology/context';
import { enumerateDesigns } from '../../src/topology/enumerate';
import { optimize } from '../../src/topology/optimize';
import { designId, shapeOf, type Shape } from '../../src/topology/shape';
import type { Design } from '../../src/model/result';
import type { Scenario } from '../../src/model/scenario';
import type { Catalog } from '../../src/model/catalog';
import { tiersSummary as cliTiers } from '../../src/cli/format';
import { tiersSummary as appTiers } from '../../src/ui/view-model';
import { Assessor } from '../../src/topology/assess';
import { growInPhases } from '../../src/topology/phases';
import { PhasePlanSchema } from '../../src/model/phases';
import { mustMaterialize, scenario, tier, walk } from './helpers';

// Partial nodes per leaf (docs/model.md "Partial nodes per leaf"): a fat-tree node's R rails spread
// over the g leaves of its group, R / g rails to each.
const cat = labCatalog();
const IB = { technology: 'infiniband' as const, planes: 1 };
const eightRail = (nodes: number, fabric: object = {}) => scenario({ cluster: { gpus: nodes * 8, serverProfile: 'eight-rail-400g' }, fabric: { technologies: ['infiniband'], ...fabric } });

function ctxOf(s: Scenario, c: Catalog = cat): Context {
  const x = buildContext(s, c);
  if ('ok' in x) throw new Error(x.reason);
  return x;
}
function mustShape(s: Scenario, d: Design, c: Catalog = cat): Shape {
  const x = shapeOf(ctxOf(s, c), d);
  if ('ok' in x) throw new Error(x.reason);
  return x;
}
/** A 2-tier fat-tree of SW64 leaves with `down` and `up` ports, nodes spread over g leaves (g = 1: whole nodes). */
const ft2 = (n: number, g: number, down: number, up: number): Design => ({
  ...IB, family: 'fat-tree', nodesPerLeafGroup: n, ...(g > 1 ? { leavesPerNode: g } : {}),
  tiers: [tier('SW64', '64x400G', down, up), tier('SW64', '64x400G', 0)],
});

describe('partial nodes per leaf (fat-tree)', () => {
  it('puts nine 8-NIC nodes on a 36-down-port leaf pair when each node spreads over 2 leaves', () => {
    // 72 nodes at 1.5:1 on 64-port leaves: whole nodes fit 4 to a leaf (32 down), a pair of leaves takes 9 nodes x 4 rails each.
    const s = eightRail(72, { maxOversubscription: 1.5 });
    const shape = mustShape(s, ft2(9, 2, 36, 28));
    expect([shape.groups, shape.leavesPerGroup, shape.railsPerLeaf, shape.tiers[0].countPerPlane, shape.tiers[0].downPorts]).toEqual([8, 2, 4, 16, 36]);
    // Nine whole nodes would need 72 down ports; five whole nodes (40 down, at least 27 up) do not fit 64 ports.
    expect(shapeOf(ctxOf(s), ft2(9, 1, 36, 28))).toMatchObject({ ok: false, rule: 'leaf-split' });
    expect(shapeOf(ctxOf(s), ft2(5, 1, 40, 27))).toMatchObject({ ok: false, rule: 'port-budget' });
  });

  it('wires every node\'s 8 rails to exactly 2 leaves, 4 rails to each, and every leaf to the 4 same rails of its group\'s 9 nodes', () => {
    const m = mustMaterialize(eightRail(72, { maxOversubscription: 1.5 }), cat, ft2(9, 2, 36, 28));
    const railsOf = new Map<string, Map<string, Set<string>>>(); // node -> leaf -> NIC ports
    const nodesOf = new Map<string, Set<string>>(); // leaf -> nodes
    let nodeLinks = 0;
    for (const l of m.listing.links()) {
      if (l.linkClass !== 'node-leaf') continue;
      nodeLinks++;
      let byLeaf = railsOf.get(l.a.device);
      if (!byLeaf) railsOf.set(l.a.device, (byLeaf = new Map()));
      let ports = byLeaf.get(l.b.device);
      if (!ports) byLeaf.set(l.b.device, (ports = new Set()));
      ports.add(l.a.port);
      let nodes = nodesOf.get(l.b.device);
      if (!nodes) nodesOf.set(l.b.device, (nodes = new Set()));
      nodes.add(l.a.device);
    }
    expect(nodeLinks).toBe(72 * 8);
    expect(railsOf.size).toBe(72);
    for (const byLeaf of railsOf.values()) {
      expect(byLeaf.size).toBe(2);
      for (const ports of byLeaf.values()) expect(ports.size).toBe(4);
    }
    expect(nodesOf.size).toBe(16);
    for (const nodes of nodesOf.values()) expect(nodes.size).toBe(9);
    // Leaf 1 of a group takes NICs 1-4 of each node, leaf 2 NICs 5-8: the same rails on every node.
    const ports = [...railsOf.values()].map((byLeaf) => [...byLeaf.values()].map((p) => [...p].sort().join(',')).sort().join(' | '));
    expect(new Set(ports).size).toBe(1);
    // Every switch port is used once.
    const w = walk(m.listing.links());
    expect([...w.portUse.values()].every((c) => c === 1)).toBe(true);
  });

  it('counts a leaf failure as 4 of each of its 9 nodes\' 8 ports (36), the node keeping the other leaf', () => {
    const m = mustMaterialize(eightRail(72, { maxOversubscription: 1.5 }), cat, ft2(9, 2, 36, 28));
    expect(m.candidate.metrics).toMatchObject({ leavesPerNode: 2, leafFailureGpuPortsCut: 36, railLocalGpus: 9, leafGroupGpus: 72 });
    const whole = mustMaterialize(eightRail(72, { maxOversubscription: 1.5 }), cat, ft2(4, 1, 32, 28));
    expect(whole.candidate.metrics).toMatchObject({ leavesPerNode: 1, leafFailureGpuPortsCut: 32 });
  });

  it('names the spread in the design id, the CLI table and the app: "16 x SW64 leaf (4 of 8 NICs per node)"', () => {
    const m = mustMaterialize(eightRail(72, { maxOversubscription: 1.5 }), cat, ft2(9, 2, 36, 28));
    expect(designId(m.candidate.design)).toBe('ft-ib-p1-n9x2-SW64.64x400G.36d28u-SW64.64x400G.64d');
    expect(m.candidate.id).toBe(designId(m.candidate.design));
    expect(m.candidate.design.leavesPerNode).toBe(2);
    const spines = m.candidate.tiers[1].count;
    expect(cliTiers(m.candidate)).toBe(`16 x SW64 leaf (4 of 8 NICs per node) / ${spines} x SW64 spine`);
    expect(appTiers(m.candidate)).toBe(`16 x SW64 leaf (4 of 8 NICs per node) / ${spines} x SW64 spine`);
  });

  it('refuses a spread that does not divide the rails, one leaf per rail (rail-optimized) and a rail family\'s leavesPerNode', () => {
    const s = eightRail(72, { maxOversubscription: 1.5 });
    const ctx = ctxOf(s);
    expect(shapeOf(ctx, ft2(9, 3, 24, 24))).toMatchObject({ ok: false, rule: 'leaves-per-node' });
    expect(shapeOf(ctx, ft2(32, 8, 32, 32))).toMatchObject({ ok: false, rule: 'leaves-per-node' });
    expect(shapeOf(ctx, { ...ft2(32, 2, 32, 32), family: 'rail-optimized' })).toMatchObject({ ok: false, rule: 'leaves-per-node' });
    // One switch per plane holds whole nodes: a spread needs a spine to join its leaves.
    expect(shapeOf(ctx, { ...IB, family: 'fat-tree', nodesPerLeafGroup: 72, leavesPerNode: 2, tiers: [tier('SW64', '64x400G', 288)] })).toMatchObject({ ok: false, rule: 'leaves-per-node' });
  });

  it('enumerates g = 1, 2 and 4 for 8 rails inside each group size, never at one tier, and only for fat-trees', () => {
    const ctx = ctxOf(eightRail(64, { maxTiers: 2, maxOversubscription: 1 }));
    const designs = [...enumerateDesigns(ctx)];
    const spreads = new Set(designs.filter((d) => d.family === 'fat-tree').map((d) => d.leavesPerNode ?? 1));
    expect([...spreads].sort()).toEqual([1, 2, 4]);
    expect(designs.filter((d) => d.family !== 'fat-tree' || d.tiers.length === 1).every((d) => d.leavesPerNode === undefined)).toBe(true);
    // Group sizes first, spreads inside them (the kernel's branch order).
    const ft = designs.filter((d) => d.family === 'fat-tree' && d.tiers[0].switchId === 'SW64' && d.tiers[0].portModeId === '64x400G');
    const order = ft.map((d) => [d.nodesPerLeafGroup, d.leavesPerNode ?? 1]);
    for (let i = 1; i < order.length; i++) expect(order[i][0] > order[i - 1][0] || (order[i][0] === order[i - 1][0] && order[i][1] >= order[i - 1][1])).toBe(true);
    // With g = 4 a 64-port leaf at 1:1 takes 2 rails of 16 nodes (32 down).
    expect(ft.some((d) => d.leavesPerNode === 4 && d.nodesPerLeafGroup === 16 && d.tiers[0].downPorts === 32)).toBe(true);
  });

  it('pins the spread with fabric.pin.leavesPerNode; the rail families meet it only at one leaf per rail', () => {
    const two = [...enumerateDesigns(ctxOf(eightRail(64, { maxTiers: 2, pin: { leavesPerNode: 2 } })))];
    expect(two.length).toBeGreaterThan(0);
    expect(two.every((d) => d.family === 'fat-tree' && d.leavesPerNode === 2)).toBe(true);
    const one = [...enumerateDesigns(ctxOf(eightRail(64, { maxTiers: 2, pin: { leavesPerNode: 1 } })))];
    expect(one.every((d) => d.family === 'fat-tree' && d.leavesPerNode === undefined)).toBe(true);
    const eight = [...enumerateDesigns(ctxOf(eightRail(64, { maxTiers: 2, pin: { leavesPerNode: 8 } })))];
    expect(eight.length).toBeGreaterThan(0);
    expect(eight.every((d) => d.family !== 'fat-tree')).toBe(true);
  });

  it('names fabric.pin.leavesPerNode when no family can spread a node that way', () => {
    const r = optimize(eightRail(64, { families: ['fat-tree'], pin: { leavesPerNode: 3 } }), cat);
    if (!r.ok) throw new Error(r.reason);
    expect(r.result.stats.spaceSize).toBe(0);
    expect(r.result.diagnosis[0]).toMatchObject({ field: 'fabric.pin.leavesPerNode' });
    expect(r.result.diagnosis[0].message).toContain('cannot spread evenly over 3 leaves');
  });

  it('grows in phases by whole leaf pairs: 4 groups of 9 nodes (8 leaves) first, the other 4 pairs later', () => {
    const s = eightRail(72, { maxOversubscription: 1.5 });
    const g = growInPhases(new Assessor(ctxOf(s)), ft2(9, 2, 36, 28), PhasePlanSchema.parse({ phases: [{ gpus: 36 * 8, month: 0 }, { gpus: 72 * 8, month: 6 }] }));
    if (!('phases' in g)) throw new Error(g.reason);
    expect(g.phases.map((p) => [p.adds.leafGroups, p.adds.switches.leaf])).toEqual([[4, 8], [4, 8]]);
    expect(g.phases.map((p) => p.adds.links['node-leaf'])).toEqual([36 * 8, 36 * 8]);
  });

  it('keeps a 3-tier pod to whole leaf groups', () => {
    const s = eightRail(512, { maxOversubscription: 1 });
    const d: Design = {
      ...IB, family: 'fat-tree', nodesPerLeafGroup: 8, leavesPerNode: 2, spinesPerPod: 16, leavesPerPod: 15,
      tiers: [tier('SW64', '64x400G', 32, 32), tier('SW64', '64x400G', 30, 30), tier('SW64', '64x400G', 0)],
    };
    expect(shapeOf(ctxOf(s), d)).toMatchObject({ ok: false, rule: 'pods' });
    // 16 leaves (8 pairs) per pod are a design.
    const even = { ...d, leavesPerPod: 16, tiers: [d.tiers[0], tier('SW64', '64x400G', 32, 32), d.tiers[2]] };
    expect(mustShape(s, even)).toMatchObject({ pods: 8, leavesPerPod: 16 });
  });

  it('is the cheapest design for 4,096 H100 GPUs on QM9700 with 10% of leaf ports spare: 7 nodes per leaf pair beat 3 whole nodes per leaf', () => {
    // A QM9700 keeps 7 of its 64 ports spare: 57 left, so at 1:1 a leaf takes 3 whole nodes (24 + 24 ports) or 4 NICs of 7 nodes (28 + 28).
    const fabric = { technologies: ['infiniband' as const], switchModels: ['QM9700'], families: ['fat-tree' as const], maxOversubscription: 1, sparePortsPct: { leaf: 10 } };
    const base = { cluster: { gpus: 4096, serverProfile: 'hgx-h100-8x400g' }, fabric, search: { topK: 3 } };
    const free = optimize(scenario(base), defaultCatalog);
    const whole = optimize(scenario({ ...base, fabric: { ...fabric, pin: { leavesPerNode: 1 } } }), defaultCatalog);
    if (!free.ok || !whole.ok) throw new Error('search failed');
    const best = free.result.candidates[0];
    const wholeBest = whole.result.candidates[0];
    expect(best.design).toMatchObject({ leavesPerNode: 2, nodesPerLeafGroup: 7 });
    expect(best.tiers.map((t) => t.count)).toEqual([148, 140, 84]);
    expect(best.metrics.capex).toBe(24_509_850.8);
    expect(wholeBest.design.leavesPerNode).toBeUndefined();
    expect(wholeBest.tiers.map((t) => t.count)).toEqual([171, 129, 96]);
    expect(wholeBest.metrics.capex).toBe(25_044_231.6);
  });
});
