import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { labCatalog } from '../fixtures/lab-catalog';
import { Assessor } from '../../src/topology/assess';
import { buildContext, type Context } from '../../src/topology/context';
import { enumerateDesigns } from '../../src/topology/enumerate';
import { materialize, type PhysicalLink } from '../../src/topology/materialize';
import { resilience } from '../../src/topology/resilience';
import { shapeOf, type Shape } from '../../src/topology/shape';
import type { Design } from '../../src/model/result';
import type { Scenario } from '../../src/model/scenario';
import { mustMaterialize, scenario, tier } from './helpers';

const cat = labCatalog();
const IB = { technology: 'infiniband' as const, planes: 1 };
const onePort400 = (gpus: number, fabric: object = {}) => scenario({ cluster: { gpus, serverProfile: 'one-port-400g' }, fabric });
// The search requires 2 spines by default (fabric.minSpinesPerPlane, minUplinkSwitches); these tests build one-spine designs too.
const ONE_SPINE_ALLOWED = { minSpinesPerPlane: 1, minUplinkSwitches: 1 };
const onePort100 = (gpus: number, fabric: object = {}) => scenario({ cluster: { gpus, serverProfile: 'one-port-100g' }, fabric });
const eightRail = (gpus: number) => scenario({ cluster: { gpus, serverProfile: 'eight-rail-400g' }, fabric: { technologies: ['infiniband'] } });

function ctxOf(s: Scenario): Context {
  const c = buildContext(s, cat);
  if ('ok' in c) throw new Error(c.reason);
  return c;
}

function mustShape(s: Scenario, d: Design): Shape {
  const shape = shapeOf(ctxOf(s), d);
  if ('ok' in shape) throw new Error(shape.reason);
  return shape;
}

// 64-port 400G leaves of 32 down / 32 up and 64-port spines: 2,048 endpoints at 2 tiers.
const k64TwoTier = (n: number) => ({ ...IB, family: 'fat-tree' as const, nodesPerLeafGroup: n, tiers: [tier('SW64', '64x400G', 32, 32), tier('SW64', '64x400G', 0)] });

/**
 * Independent check on the explicit fabric: the switch graph of plane 1 from the listed links, the
 * shortest paths between two leaves counted by BFS (each parallel link an edge of its own, or
 * parallel links merged), and every upper switch removed in turn to see whether leaves fall apart.
 */
function fabricGraph(links: Iterable<PhysicalLink>) {
  const adj = new Map<string, string[]>();
  const leaves = new Set<string>();
  const upper = new Set<string>();
  const add = (a: string, b: string) => {
    if (!adj.has(a)) adj.set(a, []);
    adj.get(a)!.push(b);
  };
  for (const l of links) {
    if (l.plane !== 1 || l.linkClass === 'node-leaf') {
      if (l.linkClass === 'node-leaf' && l.plane === 1) leaves.add(l.b.device);
      continue;
    }
    if (l.linkClass === 'leaf-spine') leaves.add(l.a.device);
    else upper.add(l.a.device);
    upper.add(l.b.device);
    add(l.a.device, l.b.device);
    add(l.b.device, l.a.device);
  }
  return { adj, leaves: [...leaves], upper: [...upper] };
}

/** Shortest paths from a to every switch: hops and path counts, with parallel links counted or merged. */
function bfs(adj: Map<string, string[]>, a: string, merge: boolean) {
  const dist = new Map([[a, 0]]);
  const ways = new Map([[a, 1]]);
  const queue = [a];
  for (let i = 0; i < queue.length; i++) {
    const x = queue[i];
    const next = adj.get(x) ?? [];
    for (const y of merge ? new Set(next) : next) {
      if (!dist.has(y)) { dist.set(y, dist.get(x)! + 1); ways.set(y, 0); queue.push(y); }
      if (dist.get(y) === dist.get(x)! + 1) ways.set(y, ways.get(y)! + ways.get(x)!);
    }
  }
  return { dist, ways };
}

/** Shortest paths from a to b: [hops, paths]. */
function countPaths(adj: Map<string, string[]>, a: string, b: string, merge: boolean): [number, number] {
  const { dist, ways } = bfs(adj, a, merge);
  return [dist.get(b) ?? -1, ways.get(b) ?? 0];
}

/** Component of every leaf, with one switch removed. */
function leafComponents(adj: Map<string, string[]>, leaves: string[], removed?: string): Map<string, number> {
  const comp = new Map<string, number>();
  let id = 0;
  for (const start of leaves) {
    if (comp.has(start)) continue;
    const stack = [start];
    comp.set(start, ++id);
    while (stack.length) {
      for (const y of adj.get(stack.pop()!) ?? []) {
        if (y === removed || comp.has(y)) continue;
        comp.set(y, id);
        stack.push(y);
      }
    }
  }
  return comp;
}

/** Whether any single upper switch failure splits two leaves that were connected. */
function bruteForceSafe(links: Iterable<PhysicalLink>): boolean {
  const { adj, leaves, upper } = fabricGraph(links);
  const before = leafComponents(adj, leaves);
  for (const x of upper) {
    const after = leafComponents(adj, leaves, x);
    // Leaves of one component before must still share one after.
    const joined = new Map<number, number>();
    for (const l of leaves) {
      const was = before.get(l)!;
      if (!joined.has(was)) joined.set(was, after.get(l)!);
      else if (joined.get(was) !== after.get(l)) return false;
    }
  }
  return true;
}

describe('single-switch failure', () => {
  it('a 2-tier fabric with one spine per plane is not single-switch-failure safe', () => {
    // 64 endpoints: 2 leaves of 32 down / 32 up fit one 64-port spine, all 32 uplinks of each leaf to it.
    const m = mustMaterialize(onePort400(64, ONE_SPINE_ALLOWED), cat, k64TwoTier(32));
    expect(m.candidate.tiers.map((t) => t.count)).toEqual([2, 1]);
    expect(m.candidate.metrics.singleSwitchFailureSafe).toBe(false);
    expect(m.candidate.metrics.uplinkSwitchesPerLeaf).toBe(1);
    expect(bruteForceSafe(m.listing.links())).toBe(false);
  });

  it('a 2-tier fabric of 2,048 endpoints on 64-port switches survives any one of its 32 spines failing', () => {
    const r = resilience(mustShape(onePort400(2048), k64TwoTier(32)));
    expect(r.singleSwitchFailureSafe).toBe(true);
    expect(r.uplinkSwitchesPerLeaf).toBe(32);
  });

  it('a 3-tier fabric with one spine per pod is not safe though its cores are redundant', () => {
    // 216 single-port 100G GPUs: 8 leaves of 27 down / 9 up, pods of 2 leaves under 1 spine (18 down / 18 up), 4 pods, 2 cores.
    const s = onePort100(216, { maxOversubscription: 3, ...ONE_SPINE_ALLOWED });
    const m = mustMaterialize(s, cat, {
      ...IB, family: 'fat-tree', nodesPerLeafGroup: 27, spinesPerPod: 1, leavesPerPod: 2,
      tiers: [tier('SW36', '36x100G', 27, 9), tier('SW36', '36x100G', 18, 18), tier('SW36', '36x100G', 0)],
    });
    expect(m.candidate.tiers.map((t) => t.count)).toEqual([8, 4, 2]);
    expect(m.candidate.metrics.singleSwitchFailureSafe).toBe(false);
    expect(m.candidate.metrics.uplinkSwitchesPerLeaf).toBe(1);
    expect(bruteForceSafe(m.listing.links())).toBe(false);
  });

  it('calls a 1-tier design safe by definition: one leaf per plane has no other leaf to lose and no upper switch', () => {
    const m = mustMaterialize(onePort400(32), cat, { ...IB, family: 'fat-tree', nodesPerLeafGroup: 32, tiers: [tier('SW64', '64x400G', 32)] });
    expect(m.candidate.metrics).toMatchObject({ singleSwitchFailureSafe: true, uplinkSwitchesPerLeaf: 0, leafFailureGpuPortsCut: 32 });
  });

  it('judges rail-only per rail: 4 spines per rail keep every leaf of the rail connected', () => {
    // 256 nodes of 8 rails, 32 nodes per leaf: 8 leaves per rail, each 32 uplinks over 4 spines of its rail (8 links each).
    const m = mustMaterialize(eightRail(2048), cat, { ...IB, family: 'rail-only', nodesPerLeafGroup: 32, tiers: [tier('SW64', '64x400G', 32, 32), tier('SW64', '64x400G', 0)] });
    expect(m.candidate.tiers.map((t) => t.count)).toEqual([64, 32]);
    expect(m.candidate.metrics).toMatchObject({ singleSwitchFailureSafe: true, uplinkSwitchesPerLeaf: 4 });
    expect(bruteForceSafe(m.listing.links())).toBe(true);
  });
});

describe('ECMP paths', () => {
  it('counts S x c^2 link-level paths between leaves of a balanced 2-tier fabric', () => {
    // 512 endpoints: 16 leaves with 32 uplinks need 8 spines (16 x 32 / 64), c = 4 links to each.
    const m = mustMaterialize(onePort400(512), cat, k64TwoTier(32));
    expect(m.assessment.shape.spinesPerGroup).toBe(8);
    expect(m.assessment.shape.parallelLinks).toEqual([4]);
    expect(m.candidate.metrics).toMatchObject({ ecmpPathsCrossLeaf: 8 * 4 * 4, ecmpSwitchPathsCrossLeaf: 8, ecmpPathsCrossPod: null, ecmpSwitchPathsCrossPod: null });
    const { adj, leaves } = fabricGraph(m.listing.links());
    expect(countPaths(adj, leaves[0], leaves[15], false)).toEqual([2, 128]);
    expect(countPaths(adj, leaves[0], leaves[15], true)).toEqual([2, 8]);
  });

  it('counts 32 paths between leaves of the k = 64 2-tier fabric of 2,048 GPUs: 32 spines, one link each', () => {
    // 2,048 H100-style GPUs, 8 rails: rail-optimized SUs of 32 nodes, 64 leaves (8 SUs x 8 rails) under 32 spines.
    const shape = mustShape(eightRail(2048), { ...IB, family: 'rail-optimized', nodesPerLeafGroup: 32, tiers: [tier('SW64', '64x400G', 32, 32), tier('SW64', '64x400G', 0)] });
    expect(shape.tiers.map((t) => t.countPerPlane)).toEqual([64, 32]);
    expect(resilience(shape)).toEqual({
      singleSwitchFailureSafe: true, uplinkSwitchesPerLeaf: 32, leavesPerNode: 8,
      ecmpPathsCrossLeaf: 32, ecmpSwitchPathsCrossLeaf: 32, ecmpPathsCrossPod: null, ecmpSwitchPathsCrossPod: null,
    });
    // The same count for one plane of single-port GPUs (fat-tree of 64 leaves).
    expect(resilience(mustShape(onePort400(2048), k64TwoTier(32))).ecmpPathsCrossLeaf).toBe(32);
  });

  it('counts Sp x Cg paths across pods of the k = 64 3-tier fabric of 65,536 endpoints', () => {
    // 2,048 leaves in 64 pods of 32, 32 spines per pod, 32 core groups of 32 cores: one link per pair.
    const shape = mustShape(onePort400(65536), {
      ...IB, family: 'fat-tree', nodesPerLeafGroup: 32, spinesPerPod: 32, leavesPerPod: 32,
      tiers: [tier('SW64', '64x400G', 32, 32), tier('SW64', '64x400G', 32, 32), tier('SW64', '64x400G', 0)],
    });
    expect(resilience(shape)).toEqual({
      singleSwitchFailureSafe: true, uplinkSwitchesPerLeaf: 32, leavesPerNode: 1,
      ecmpPathsCrossLeaf: 32, ecmpSwitchPathsCrossLeaf: 32, ecmpPathsCrossPod: 1024, ecmpSwitchPathsCrossPod: 1024,
    });
  });

  it('counts Sp x Cg x c1^2 x c2^2 link-level paths across pods when switches are joined by parallel links', () => {
    // 2,048 endpoints: 64 leaves (32 down / 32 up) in 4 pods of 16 with 16 spines (2 links from each leaf),
    // spines 32 down / 32 up to core groups of 2 cores (16 links each): 32 cores.
    const m = mustMaterialize(onePort400(2048), cat, {
      ...IB, family: 'fat-tree', nodesPerLeafGroup: 32, spinesPerPod: 16, leavesPerPod: 16,
      tiers: [tier('SW64', '64x400G', 32, 32), tier('SW64', '64x400G', 32, 32), tier('SW64', '64x400G', 0)],
    });
    const s = m.assessment.shape;
    expect([s.pods, s.coresPerGroup, ...s.parallelLinks]).toEqual([4, 2, 2, 16]);
    expect(m.candidate.metrics).toMatchObject({
      ecmpPathsCrossLeaf: 16 * 2 * 2, ecmpSwitchPathsCrossLeaf: 16,
      ecmpPathsCrossPod: 16 * 2 * 2 * 2 * 16 * 16, ecmpSwitchPathsCrossPod: 32,
    });
    const { adj, leaves } = fabricGraph(m.listing.links());
    // Leaves are listed pod by pod: leaves 0 and 1 share pod 1, leaf 63 is in pod 4.
    expect(countPaths(adj, leaves[0], leaves[1], false)).toEqual([2, 64]);
    expect(countPaths(adj, leaves[0], leaves[63], false)).toEqual([4, 32768]);
    expect(countPaths(adj, leaves[0], leaves[63], true)).toEqual([4, 32]);
  });

  it('has no cross-leaf path count at 1 tier, where every GPU of a plane (or rail) shares one leaf', () => {
    const m = mustMaterialize(eightRail(256), cat, { ...IB, family: 'rail-only', nodesPerLeafGroup: 32, tiers: [tier('SW64', '64x400G', 32, 0)] });
    expect(m.candidate.metrics).toMatchObject({ ecmpPathsCrossLeaf: null, ecmpSwitchPathsCrossLeaf: null, ecmpPathsCrossPod: null, singleSwitchFailureSafe: true });
  });

  it('counts rail-only paths inside one rail: the rails share no switch', () => {
    const m = mustMaterialize(eightRail(2048), cat, { ...IB, family: 'rail-only', nodesPerLeafGroup: 32, tiers: [tier('SW64', '64x400G', 32, 32), tier('SW64', '64x400G', 0)] });
    expect(m.candidate.metrics).toMatchObject({ ecmpPathsCrossLeaf: 4 * 8 * 8, ecmpSwitchPathsCrossLeaf: 4 });
    const { adj, leaves } = fabricGraph(m.listing.links());
    const rails = leafComponents(adj, leaves);
    expect(new Set(rails.values()).size).toBeGreaterThanOrEqual(8);
    const sameRail = leaves.filter((l) => rails.get(l) === rails.get(leaves[0]));
    expect(sameRail).toHaveLength(8);
    expect(countPaths(adj, sameRail[0], sameRail[7], false)).toEqual([2, 256]);
  });
});

/** Up to `want` feasible designs spread over a scenario's space. */
function sampleDesigns(s: Scenario, want: number, offset: number): Design[] {
  const ctx = ctxOf(s);
  const a = new Assessor(ctx);
  const all = [...enumerateDesigns(ctx)];
  const every = Math.max(1, Math.floor(all.length / (want * 4)));
  const out: Design[] = [];
  for (let i = 0; i < all.length && out.length < want; i++) if ((i + offset) % every === 0 && a.assess(all[i]).ok) out.push(all[i]);
  return out;
}

describe('resilience of random designs', () => {
  it('agrees with a brute-force count on the explicit fabric: paths between two leaves, and every single switch failure', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('eight-rail-400g', 'one-port-400g', 'one-port-100g'),
        fc.integer({ min: 2, max: 96 }),
        fc.constantFrom(1, 2, 3),
        fc.constantFrom(1, 2, 2, 3),
        fc.boolean(),
        fc.nat(50),
        (profile, nodes, over, maxTiers, oneSpine, pick) => {
          const gpus = nodes * (profile === 'eight-rail-400g' ? 8 : 1);
          const redundancy = oneSpine ? ONE_SPINE_ALLOWED : {};
          const s = scenario({ cluster: { gpus, serverProfile: profile }, fabric: { planes: [1], maxOversubscription: over, maxTiers, ...redundancy } });
          const designs = sampleDesigns(s, 4, pick);
          fc.pre(designs.length > 0);
          const m = materialize(s, cat, designs[pick % designs.length]);
          if (!m.ok) throw new Error(m.reason);
          const x = m.candidate.metrics;
          const { adj, leaves } = fabricGraph(m.listing.links());
          expect(x.singleSwitchFailureSafe).toBe(bruteForceSafe(m.listing.links()));
          // Two leaves of one pod (or one plane, or one rail) are 2 switch links apart; of two pods, 4.
          const pair = (hops: number) => {
            for (const a of leaves) {
              const { dist } = bfs(adj, a, true);
              const b = leaves.find((l) => dist.get(l) === hops);
              if (b !== undefined) return [a, b] as const;
            }
            return undefined;
          };
          const near = pair(2);
          if (near === undefined) expect(x.ecmpPathsCrossLeaf).toBeNull();
          else {
            expect(countPaths(adj, ...near, false)[1]).toBe(x.ecmpPathsCrossLeaf);
            expect(countPaths(adj, ...near, true)[1]).toBe(x.ecmpSwitchPathsCrossLeaf);
          }
          const far = pair(4);
          if (far === undefined) expect(x.ecmpPathsCrossPod).toBeNull();
          else {
            expect(countPaths(adj, ...far, false)[1]).toBe(x.ecmpPathsCrossPod);
            expect(countPaths(adj, ...far, true)[1]).toBe(x.ecmpSwitchPathsCrossPod);
          }
        },
      ),
      { numRuns: 30, seed: 13 },
    );
  });
});
