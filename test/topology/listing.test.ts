import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { labCatalog } from '../fixtures/lab-catalog';
import { materialize } from '../../src/topology/materialize';
import { sampleDesigns, scenario, walk } from './helpers';
import type { Scenario } from '../../src/model/scenario';

const cat = labCatalog();

const scenarioArb = fc.record({
  profile: fc.constantFrom('eight-rail-400g', 'one-port-400g', 'one-port-100g'),
  nodes: fc.integer({ min: 2, max: 160 }),
  maxTiers: fc.constantFrom(2, 3),
  planes: fc.constantFrom(1, 2),
  nodesPerRack: fc.integer({ min: 1, max: 16 }),
  racksPerRow: fc.integer({ min: 1, max: 12 }),
  maxOversubscription: fc.constantFrom(1, 1.5, 2, 3),
  placement: fc.constantFrom('group-center' as const, 'row-end' as const),
});

type Params = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

function build(p: Params): Scenario {
  const gpusPerNode = p.profile === 'eight-rail-400g' ? 8 : 1;
  return scenario({
    cluster: { gpus: p.nodes * gpusPerNode, serverProfile: p.profile },
    fabric: { planes: p.profile === 'one-port-100g' ? [1] : [p.planes], maxOversubscription: p.maxOversubscription, maxTiers: p.maxTiers },
    layout: { nodesPerRack: p.nodesPerRack, racksPerRow: p.racksPerRow, switchPlacement: p.placement },
  });
}

/** A random feasible design of a random scenario, materialized (skips scenarios with none). */
function pickMaterialized(p: Params, pick: number) {
  const s = build(p);
  const designs = sampleDesigns(s, cat, 8, pick);
  fc.pre(designs.length > 0);
  const m = materialize(s, cat, designs[pick % designs.length]);
  if (!m.ok) throw new Error(m.reason);
  // Some feasible designs are absurd: 154 nodes under 13,706 spines and 22,428 cores, 1.75 million
  // links, whose walk by string keys alone takes 17 s. Fabrics that large are held to their counts
  // in scale.test.ts; these properties check the wiring rules on ones a walk can afford.
  fc.pre(m.candidate.metrics.linkCount <= 100_000);
  return m;
}

// Each property walks up to 30 random design spaces (some near a million designs): allowed 3
// minutes, as the other whole-space property tests are, on shared machines.
describe('the materialized fabric', () => {
  it('connects every GPU NIC port exactly once per plane, and nothing else to nodes', () => {
    fc.assert(
      fc.property(scenarioArb, fc.nat(), (p, pick) => {
        const m = pickMaterialized(p, pick);
        const w = walk(m.listing.links());
        const shape = m.assessment.shape;
        const nodePorts = [...w.portUse.entries()].filter(([k]) => k.startsWith('node-'));
        expect(nodePorts.length).toBe(shape.nodes * shape.rails * shape.planes);
        expect(nodePorts.every(([, uses]) => uses === 1)).toBe(true);
      }),
      { numRuns: 30 },
    );
  }, 180_000);

  it('never uses a switch port twice or beyond its budget', () => {
    fc.assert(
      fc.property(scenarioArb, fc.nat(), (p, pick) => {
        const m = pickMaterialized(p, pick);
        const radix = new Map<string, number>();
        for (const dev of m.listing.devices()) radix.set(dev.name, dev.ports);
        const w = walk(m.listing.links());
        for (const [key, uses] of w.portUse) {
          expect(uses).toBe(1);
          const [device] = key.split('#');
          expect(radix.has(device)).toBe(true);
        }
        // Switch ports are named by cage and lane; their logical numbers stay within the radix.
        for (const l of m.listing.links())
          for (const end of [l.a, l.b])
            if (end.number !== undefined) {
              expect(end.number).toBeGreaterThanOrEqual(1);
              expect(end.number).toBeLessThanOrEqual(radix.get(end.device)!);
            }
      }),
      { numRuns: 30 },
    );
  }, 180_000);

  it('reports the link counts, media groups, oversubscription and bisection that its own graph shows', () => {
    fc.assert(
      fc.property(scenarioArb, fc.nat(), (p, pick) => {
        const m = pickMaterialized(p, pick);
        const c = m.candidate;
        const w = walk(m.listing.links());
        // Link counts per class and per (class, recipe, cable length).
        for (const l of c.links) {
          expect(w.perClass.get(l.between) ?? 0).toBe(l.count);
          for (const media of l.media)
            expect(w.perGroup.get(`${l.between}|${media.recipe}|${Math.round(media.lengthM * 100)}`)).toBe(media.count);
        }
        expect(w.total).toBe(c.metrics.linkCount);
        // Switch counts from the device listing.
        const devices = [...m.listing.devices()];
        for (const t of c.tiers) expect(devices.filter((d) => d.role === t.role).length).toBe(t.count);
        // Oversubscription: the busiest switch of each lower tier, from its used down and up ports.
        const down = new Map<string, number>();
        const up = new Map<string, number>();
        const bump = (map: Map<string, number>, k: string) => map.set(k, (map.get(k) ?? 0) + 1);
        const roleOf = new Map(devices.map((d) => [d.name, d.role]));
        for (const l of m.listing.links()) {
          bump(up, l.a.device);
          bump(down, l.b.device);
        }
        c.tiers.slice(0, -1).forEach((t) => {
          const names = devices.filter((d) => d.role === t.role).map((d) => d.name);
          const maxDown = Math.max(...names.map((n) => down.get(n) ?? 0));
          const ups = new Set(names.map((n) => up.get(n) ?? 0));
          expect(ups.size).toBe(1);
          expect(maxDown).toBe(t.downPorts);
          expect(Math.abs(maxDown / [...ups][0] - t.oversubscription)).toBeLessThan(1e-4);
        });
        // Bisection: half the thinnest tier boundary, summed over planes.
        const minLinks = Math.min(...c.links.map((l) => w.perClass.get(l.between) ?? 0));
        expect(c.metrics.bisectionGbps).toBe((minLinks * c.linkGbps) / 2);
        void roleOf;
      }),
      { numRuns: 30 },
    );
  }, 180_000);
});
