import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/catalog/default';
import type { Catalog } from '../../src/model/catalog';
import type { Design, LinkClass } from '../../src/model/result';
import type { Scenario } from '../../src/model/scenario';
import { PhasePlanSchema, type PhasePlan } from '../../src/model/phase-plan';
import { Assessor } from '../../src/topology/assess';
import { buildContext } from '../../src/topology/context';
import { materialize, type FabricListing } from '../../src/topology/materialize';
import { growInPhases } from '../../src/topology/phases';
import { labCatalog } from '../fixtures/lab-catalog';
import { sampleDesigns, scenario, tier } from './helpers';

const lab = labCatalog();
const CLASSES: LinkClass[] = ['node-leaf', 'leaf-spine', 'spine-core'];

/** A random plan ending at `gpus`: up to 4 earlier sizes, months not decreasing. */
const planFor = (gpus: number) =>
  fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, gpus - 1) }), { maxLength: 4 }).chain((cuts) => {
    const sizes = [...cuts.filter((x) => x < gpus).sort((x, y) => x - y), gpus];
    return fc.array(fc.integer({ min: 0, max: 12 }), { minLength: sizes.length, maxLength: sizes.length }).map((steps) => {
      let month = 0;
      return PhasePlanSchema.parse({ phases: sizes.map((g, i) => ({ gpus: g, month: i === 0 ? 0 : (month += steps[i]) })), discountRatePct: 5 });
    });
  });

/** Per phase, what the listing says each phase installs: switches per role and links per class (all planes). */
function listingCounts(listing: FabricListing, K: number) {
  const out = Array.from({ length: K }, () => ({ nodes: 0, switches: { leaf: 0, spine: 0, core: 0 }, links: { 'node-leaf': 0, 'leaf-spine': 0, 'spine-core': 0 } }));
  for (const d of listing.devices()) {
    if (d.role === 'node') out[d.phase - 1].nodes++;
    else out[d.phase - 1].switches[d.role]++;
  }
  for (const l of listing.links()) out[l.phase - 1].links[l.linkClass]++;
  return out;
}

/** Checks the listing against the phase model for one design and plan. */
function checkAgainstModel(s: Scenario, catalog: Catalog, design: Design, plan: PhasePlan) {
  const phased: Scenario = { ...s, cluster: { ...s.cluster, phases: plan.phases } };
  const ctx = buildContext(phased, catalog);
  if ('ok' in ctx) throw new Error(ctx.reason);
  const assessor = new Assessor(ctx);
  const grown = growInPhases(assessor, design, plan);
  if (!grown.ok) throw new Error(grown.reason);
  const m = materialize(phased, catalog, design, assessor);
  if (!m.ok) throw new Error(m.reason);
  const K = plan.phases.length;
  expect(m.listing.phases.count).toBe(K);
  const counts = listingCounts(m.listing, K);
  grown.phases.forEach((p, k) => {
    expect({ phase: k + 1, nodes: counts[k].nodes, switches: counts[k].switches, links: counts[k].links })
      .toEqual({ phase: k + 1, nodes: p.adds.nodes, switches: p.adds.switches, links: p.adds.links });
  });
  return m;
}

const scenarioArb = fc.record({
  profile: fc.constantFrom('eight-rail-400g', 'one-port-400g', 'one-port-100g'),
  nodes: fc.integer({ min: 2, max: 120 }),
  maxTiers: fc.constantFrom(2, 3),
  planes: fc.constantFrom(1, 2),
  family: fc.constantFrom('fat-tree' as const, 'rail-optimized' as const, 'rail-only' as const),
  nodesPerRack: fc.integer({ min: 1, max: 16 }),
  racksPerRow: fc.integer({ min: 1, max: 12 }),
});

describe('which phase installs each device and link', () => {
  it("counts per phase what the phase model adds, switches per role and links per class, for random designs and plans", () => {
    fc.assert(
      fc.property(scenarioArb, fc.nat(), fc.integer({ min: 0, max: 2 ** 30 }), (p, pick, planSeed) => {
        const gpusPerNode = p.profile === 'eight-rail-400g' ? 8 : 1;
        const gpus = p.nodes * gpusPerNode;
        const s = scenario({
          cluster: { gpus, serverProfile: p.profile },
          fabric: { families: [p.family], planes: p.profile === 'one-port-100g' ? [1] : [p.planes], maxTiers: p.maxTiers },
          layout: { nodesPerRack: p.nodesPerRack, racksPerRow: p.racksPerRow },
        });
        const designs = sampleDesigns(s, lab, 6, pick);
        fc.pre(designs.length > 0);
        const plan = fc.sample(planFor(gpus), { seed: planSeed, numRuns: 1 })[0];
        checkAgainstModel(s, lab, designs[pick % designs.length], plan);
      }),
      { numRuns: 30, seed: 12 },
    );
  });

  it('partitions the final listing: every device and link belongs to exactly one phase, and a link never needs a device of a later phase', () => {
    const s = scenario({ cluster: { gpus: 1024, serverProfile: 'hgx-h100-8x400g' }, fabric: { switchModels: ['QM9700'], families: ['fat-tree'], technologies: ['infiniband'], pin: { tiers: 3 } } });
    const design: Design = {
      family: 'fat-tree', technology: 'infiniband', planes: 1, nodesPerLeafGroup: 4, spinesPerPod: 2, leavesPerPod: 2,
      tiers: [tier('QM9700', '64x400G', 32, 32), tier('QM9700', '64x400G', 32, 32), tier('QM9700', '64x400G', 0)],
    };
    const plan = PhasePlanSchema.parse({ phases: [{ gpus: 200, month: 0 }, { gpus: 520, month: 6 }, { gpus: 1024, month: 12 }] });
    const m = checkAgainstModel(s, defaultCatalog, design, plan);
    const phaseOf = new Map<string, number>();
    let devices = 0;
    for (const d of m.listing.devices()) {
      expect(d.phase).toBeGreaterThanOrEqual(1);
      expect(d.phase).toBeLessThanOrEqual(3);
      expect(phaseOf.has(d.name)).toBe(false);
      phaseOf.set(d.name, d.phase);
      devices++;
    }
    expect(devices).toBe(128 + m.candidate.metrics.switchCount);
    const perPhase = [0, 0, 0];
    let links = 0;
    for (const c of m.listing.cables()) {
      expect(c.phase).toBe(Math.min(...c.links.map((l) => l.phase)));
      for (const l of c.links) {
        perPhase[l.phase - 1]++;
        links++;
        // As built after a phase, every link it installed has both ends standing.
        expect(phaseOf.get(l.a.device)!).toBeLessThanOrEqual(l.phase);
        expect(phaseOf.get(l.b.device)!).toBeLessThanOrEqual(l.phase);
      }
    }
    expect(links).toBe(m.candidate.metrics.linkCount);
    expect(perPhase.reduce((x, y) => x + y, 0)).toBe(links);
    // 200 GPUs are 25 nodes: 7 leaves of 4 nodes, so 4 pods of 2 leaves, all cores with the first pod.
    const count = (role: string, phase: number) => [...m.listing.devices()].filter((d) => d.role === role && d.phase === phase).length;
    expect([count('node', 1), count('leaf', 1), count('spine', 1), count('core', 1)]).toEqual([25, 7, 8, m.candidate.tiers[2].count]);
    expect(count('core', 2) + count('core', 3)).toBe(0);
  });

  it('without cluster.phases every device and link is phase 1', () => {
    const s = scenario({ cluster: { gpus: 256, serverProfile: 'hgx-h100-8x400g' }, fabric: { switchModels: ['QM9700'], families: ['rail-optimized'], technologies: ['infiniband'], maxTiers: 2 } });
    const design: Design = { family: 'rail-optimized', technology: 'infiniband', planes: 1, nodesPerLeafGroup: 32, tiers: [tier('QM9700', '64x400G', 32, 32), tier('QM9700', '64x400G', 0)] };
    const m = materialize(s, defaultCatalog, design);
    if (!m.ok) throw new Error(m.reason);
    expect(m.listing.phases.count).toBe(1);
    expect(new Set([...m.listing.devices()].map((d) => d.phase))).toEqual(new Set([1]));
    expect(new Set([...m.listing.cables()].map((c) => c.phase))).toEqual(new Set([1]));
  });
});
