import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { optimize } from '../../src/topology/optimize';
import { materialize } from '../../src/topology/materialize';
import { optimizeInProcess } from '../../src/engine/search';
import { nodeKernelModule } from '../../src/engine/wasm-node';
import { labCatalog } from '../fixtures/lab-catalog';
import { defaultCatalog } from '../../src/catalog/default';
import { scenario } from '../topology/helpers';
import { arbCatalog, arbScenario, arbThreeTierScenario } from './random-catalog';
import { expectKernelEqualsReference, referenceCanSearch } from './helpers';
import { ScenarioSchema } from '../../src/model/scenario';

let module: WebAssembly.Module;
beforeAll(async () => {
  module = await nodeKernelModule();
});

/** The kernel against the reference: capex and the space's statistics too. */
const check = (s: Parameters<typeof optimize>[0], c: Parameters<typeof optimize>[1]) =>
  expectKernelEqualsReference(s, c, module, (kr, rr, prune) => {
    expect(kr.candidates.map((x) => x.metrics.capex)).toEqual(rr.candidates.map((x) => x.metrics.capex));
    expect(kr.stats.spaceSize).toBe(rr.stats.spaceSize);
    expect(kr.stats.evaluated + kr.stats.pruned).toBe(rr.stats.spaceSize);
    if (!prune) expect(kr.stats.evaluated).toBe(rr.stats.evaluated);
  });

describe('the kernel against the reference optimizer', () => {
  it('finds the same top-K, Pareto front and result JSON on the lab catalog', async () => {
    const cat = labCatalog();
    for (const [gpus, serverProfile] of [[200, 'one-port-100g'], [256, 'eight-rail-400g'], [1024, 'eight-rail-400g']] as const) {
      const s = scenario({ cluster: { gpus, serverProfile }, fabric: { technologies: ['infiniband'], planes: [1, 2], maxOversubscription: 2 } });
      const ref = await check(s, cat);
      expect(ref.ok && ref.result.candidates.length).toBeGreaterThan(0);
    }
  });

  it('matches on 3-tier fabrics, where the seeded waves and subtree bounds prune most', async () => {
    const cat = labCatalog();
    const cases = [
      { cluster: { gpus: 700, serverProfile: 'one-port-100g' }, fabric: { maxOversubscription: 1 } },
      { cluster: { gpus: 1500, serverProfile: 'one-port-100g' }, fabric: { maxOversubscription: 3 }, objective: { minimize: 'tco' as const } },
      { cluster: { gpus: 2200, serverProfile: 'one-port-100g' }, fabric: { maxOversubscription: 2 }, search: { topK: 25 } },
      { cluster: { gpus: 2100, serverProfile: 'one-port-400g' }, fabric: { maxOversubscription: 1 }, layout: { nodesPerRack: 16, racksPerRow: 12 } },
    ];
    for (const c of cases) {
      const ref = await check(scenario(c), cat);
      expect(ref.ok && ref.result.candidates.every((x) => x.tiers.length === 3)).toBe(true);
    }
  });

  it('matches with split cages in play: 4,096 H100 GPUs on SN5600, where a split leaf ranks second', async () => {
    const s = scenario({ cluster: { gpus: 4096 }, fabric: { technologies: ['ethernet'], switchModels: ['SN5600'], families: ['fat-tree'], maxTiers: 2 }, search: { topK: 4 } });
    const ref = await check(s, defaultCatalog);
    expect(ref.ok && ref.result.candidates.some((c) => c.tiers[0].upPortMode === '64x800G')).toBe(true);
  });

  it('matches on 40 random 3-tier scenarios and catalogs, where 3-tier spines split their cages', async () => {
    let withSpineSplit = 0;
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(arbThreeTierScenario, arbCatalog, async (s, c) => {
        fc.pre(referenceCanSearch(s, c));
        const ref = await check(s, c);
        runs++;
        if (ref.ok && ref.result.candidates.some((x) => x.tiers.length === 3 && x.tiers[1].upPortMode !== undefined)) withSpineSplit++;
      }),
      // A pinned seed: only about one run in five lists a split spine (637 of 3,250 runs), so with
      // a fresh seed each time, 3 or fewer of 40 did about once in 31 runs of the suite (binomial
      // tail 3.2%; 3 of 78 blocks of 40), and the floor below failed by chance: seed 109 draws 2.
      // These 40 list one in 11 and take about 30 s (fresh seeds took up to 126 s, against the
      // 300 s limit on a loaded machine); fresh random 3-tier cases come from the 120-run property.
      { numRuns: 40, seed: 101 },
    );
    // Split spines must reach the results, or the comparison says nothing about them. The floor
    // fails only if the generators or fast-check change what this seed draws: pick another seed.
    expect(runs).toBe(40);
    expect(withSpineSplit).toBeGreaterThan(3);
  }, 300_000);

  it('matches candidate by candidate on 120 random scenarios and catalogs, most of them with feasible designs', async () => {
    let runs = 0;
    let feasible = 0;
    let withSplit = 0;
    let withSpineSplit = 0;
    let withPartial = 0;
    await fc.assert(
      fc.asyncProperty(arbScenario, arbCatalog, async (s, c) => {
        fc.pre(referenceCanSearch(s, c));
        const ref = await check(s, c);
        runs++;
        if (ref.ok && ref.result.candidates.length > 0) feasible++;
        if (ref.ok && ref.result.candidates.some((c) => c.tiers[0].upPortMode !== undefined)) withSplit++;
        // A 3-tier spine splitting its cages (down at the leaves' up speed, up at its own).
        if (ref.ok && ref.result.candidates.some((c) => c.tiers.length === 3 && c.tiers[1].upPortMode !== undefined)) withSpineSplit++;
        // Fat-tree nodes spread over two leaves (the 4-rail profiles) must reach the results.
        if (ref.ok && ref.result.candidates.some((c) => c.design.leavesPerNode !== undefined)) withPartial++;
      }),
      { numRuns: 120 },
    );
    // Cage splits and partial nodes per leaf (random-catalog.ts) must reach the results, or the
    // comparison says nothing about them. Over 960 runs (8 seeds of 120) 15.6% list a split leaf and
    // 14.1% a fat-tree whose 4-rail nodes spread over two leaves (11-25 and 13-19 per 120); the
    // floors fail by chance about once in 13,000 and 57,000 suite runs (binomial tails).
    expect(withSplit).toBeGreaterThan(5);
    expect(withPartial).toBeGreaterThan(3);
    // An empty result agrees trivially: if the generators drift so most spaces are empty, the
    // comparison proves little. 62% are feasible today (70-83 of 120 over those 8 seeds); 45%
    // fails by chance about once in 24,000 runs.
    expect(runs).toBe(120);
    expect(feasible / runs).toBeGreaterThanOrEqual(0.45);
    // The time limit catches a hang, not a slow draw: the 8 seeds took 14-106 s on a quiet machine
    // (one design space alone 57 s), and a loaded machine takes twice that or more.
  }, 600_000);

  it('matches on 40 random scenarios pinned to some of a found design\'s own choices (and, now and then, one count off)', async () => {
    let pinnedRuns = 0;
    await fc.assert(
      fc.asyncProperty(arbScenario, arbCatalog, fc.integer({ min: 0, max: 1023 }), fc.integer({ min: 0, max: 7 }), async (s, c, mask, pick) => {
        fc.pre(referenceCanSearch({ ...s, fabric: { ...s.fabric, pin: undefined } }, c));
        const free = optimize({ ...s, fabric: { ...s.fabric, pin: undefined } }, c);
        if (!free.ok || free.result.candidates.length === 0) return;
        const d = free.result.candidates[pick % free.result.candidates.length];
        const [leaf, spine, core] = d.tiers;
        const bit = (i: number) => (mask & (1 << i)) !== 0;
        const off = bit(9) ? 1 : 0;
        const pin = {
          family: bit(0) ? d.family : undefined,
          tiers: bit(1) ? d.tiers.length : undefined,
          nodesPerLeafGroup: bit(2) ? d.design.nodesPerLeafGroup : undefined,
          leavesPerNode: bit(2) ? d.metrics.leavesPerNode : undefined,
          leaf: { switchModel: bit(3) ? leaf.switchModel : undefined, upPorts: bit(4) ? leaf.upPorts : undefined, switchesPerPlane: bit(5) ? leaf.countPerPlane : undefined,
            portMode: bit(5) ? leaf.portMode : undefined, upPortMode: bit(4) ? leaf.upPortMode : undefined },
          spine: spine ? { switchesPerPlane: bit(6) ? spine.countPerPlane + off : undefined, downPorts: bit(7) ? spine.downPorts : undefined, portMode: bit(3) ? spine.portMode : undefined } : undefined,
          core: core ? { switchesPerPlane: bit(8) ? core.countPerPlane : undefined, downPorts: bit(6) ? core.downPorts + off : undefined } : undefined,
        };
        const pinned = ScenarioSchema.parse({ ...s, fabric: { ...s.fabric, pin } });
        const ref = await check(pinned, c);
        pinnedRuns++;
        // Pinned to its own choices, the design is still in the space, and nothing cheaper is.
        if (off === 0 && ref.ok) expect(ref.result.candidates[0]?.objectiveValue ?? Infinity).toBeLessThanOrEqual(d.objectiveValue);
      }),
      { numRuns: 40 },
    );
    expect(pinnedRuns).toBeGreaterThan(15);
  }, 300_000);

  it('reports, for every kernel candidate, the metrics materialize computes', async () => {
    const s = scenario({ cluster: { gpus: 256, serverProfile: 'eight-rail-400g' }, fabric: { technologies: ['infiniband'], maxOversubscription: 2 }, search: { topK: 5 } });
    const k = await optimizeInProcess(s, labCatalog(), module);
    if (!k.ok) throw new Error(k.reason);
    for (const cand of k.result.candidates) {
      const m = materialize(s, labCatalog(), cand.design);
      if (!m.ok) throw new Error(m.reason);
      expect(m.candidate.metrics).toEqual(cand.metrics);
    }
  });
});
