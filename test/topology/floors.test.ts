import { afterAll, describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/catalog/default';
import { SERVER_PROFILE_IDS } from '../../src/model/scenario';
import { optimizeWithKernel, shutdownKernelPool } from '../../src/engine/node';
import { Assessor } from '../../src/topology/assess';
import { buildContext, type Context } from '../../src/topology/context';
import { defaultRacksPerRow, resolveLayout } from '../../src/topology/floor-defaults';
import { optimize } from '../../src/topology/optimize';
import { mustMaterialize, scenario, tier } from './helpers';

afterAll(() => shutdownKernelPool());

function context(input: Parameters<typeof scenario>[0]): Context {
  const ctx = buildContext(scenario(input), defaultCatalog);
  if ('ok' in ctx) throw new Error(ctx.reason);
  return ctx;
}

describe('layout defaults from the server profile', () => {
  it('fills a GB200 NVL72 rack with its 18 compute trays (72 GPUs, one scale-up domain) and keeps switches out of it', () => {
    const l = context({ cluster: { gpus: 9216, serverProfile: 'gb200-nvl72' } }).scenario.layout;
    expect(l.nodesPerRack).toBe(18);
    expect(l.nodesPerRack * 4).toBe(72);
    expect(l.switchesInComputeRack).toBe(false);
    expect(l.computeRacks).toBe(128);
  });

  it('puts as many 8-GPU HGX nodes in a rack as the profile rack power budget feeds', () => {
    for (const id of ['hgx-h100-8x400g', 'hgx-b200-8x400g', 'hgx-b300-8x800g', 'mi300x-8x400g']) {
      const p = defaultCatalog.serverProfiles.find((x) => x.id === id)!;
      const l = context({ cluster: { gpus: 1024, serverProfile: id } }).scenario.layout;
      expect(l.nodesPerRack).toBe(Math.floor(p.rackPowerKW! / p.nodePowerKW!));
      expect(l.nodesPerRack * p.nodePowerKW!).toBeLessThanOrEqual(p.rackPowerKW!);
      expect(l.maxRackPowerKW).toBe(p.rackPowerKW);
      expect(l.switchesInComputeRack).toBe(true);
    }
  });

  it('lets every layout field the scenario sets win over the defaults', () => {
    const l = context({
      cluster: { gpus: 9216, serverProfile: 'gb200-nvl72' },
      layout: { nodesPerRack: 9, racksPerRow: 7, networkRowSpanM: 11, switchesInComputeRack: true, maxRackPowerKW: 20 },
    }).scenario.layout;
    expect(l).toMatchObject({ nodesPerRack: 9, racksPerRow: 7, networkRowSpanM: 11, switchesInComputeRack: true, maxRackPowerKW: 20, defaulted: [] });
  });

  it('keeps rows of ten racks on small floors and makes big floors about square', () => {
    expect(defaultRacksPerRow(32, 0.6, 2.4)).toBe(10);
    expect(defaultRacksPerRow(100, 0.6, 2.4)).toBe(10);
    // 2,048 racks: 96 racks a row (57.6 m) by 22 rows (52.8 m).
    expect(defaultRacksPerRow(2048, 0.6, 2.4)).toBe(96);
    expect(defaultRacksPerRow(1_000_000, 0.6, 2.4)).toBe(200);
    const big = resolveLayout(scenario({ cluster: { gpus: 1 } }).layout, defaultCatalog.serverProfiles[0], 65_536);
    expect(big.racksPerRow).toBe(200);
    expect(big.networkRowSpanM).toBe(40);
  });
});

describe('switch placement on the floor', () => {
  it('puts NVL72 leaves in network racks, never in compute racks', () => {
    const s = scenario({ cluster: { gpus: 9216, serverProfile: 'gb200-nvl72' } });
    const ctx = buildContext(s, defaultCatalog);
    if ('ok' in ctx) throw new Error(ctx.reason);
    const plan = new Assessor(ctx).plan;
    for (const n of [1, 4, 8, 16, 18, 32, 63]) {
      for (let g = 0; g < plan.groupCount(n); g++) expect(plan.leafSite(g * n, plan.groupSize(n, g)).rack).toBeUndefined();
      expect(plan.groupsInComputeRacks(n)).toBe(0);
    }
    // A fat-tree leaf of 8 trays: in an HGX-style rack it would be top of rack; here it stands in a network rack.
    const m = mustMaterialize(scenario({ cluster: { gpus: 1152, serverProfile: 'gb200-nvl72' } }), defaultCatalog, {
      family: 'fat-tree', technology: 'infiniband', planes: 1, nodesPerLeafGroup: 8,
      tiers: [tier('QM9700', '64x400G', 32, 32), tier('QM9700', '64x400G', 0)],
    });
    expect(m.candidate.metrics.computeRackSwitches).toBe(0);
    expect(m.candidate.metrics.networkRackUnits).toBe(m.candidate.metrics.rackUnits);
  });

  it('counts top-of-rack leaves apart from network racks and their U', () => {
    // 1,024 H100 = 128 nodes, 4 to a rack: a 4-node fat-tree leaf is top of rack in each of 32 racks.
    const s = scenario({ cluster: { gpus: 1024 } });
    const m = mustMaterialize(s, defaultCatalog, {
      family: 'fat-tree', technology: 'infiniband', planes: 1, nodesPerLeafGroup: 4,
      tiers: [tier('QM9700', '64x400G', 32, 32), tier('QM9700', '64x400G', 0)],
    });
    const x = m.candidate.metrics;
    expect(x.computeRackSwitches).toBe(32);
    expect(m.candidate.tiers[1].count).toBe(16);
    expect(x.networkRackUnits).toBe(16);
    expect(x.networkRacks).toBe(1);
    expect(x.rackUnits).toBe(48);
  });

  it('reports the maximum power of the fullest network rack and flags racks over layout.maxRackPowerKW', () => {
    const design = {
      family: 'fat-tree' as const, technology: 'infiniband' as const, planes: 1, nodesPerLeafGroup: 4,
      tiers: [tier('QM9700', '64x400G', 32, 32), tier('QM9700', '64x400G', 0)],
    };
    const roomy = mustMaterialize(scenario({ cluster: { gpus: 1024 } }), defaultCatalog, design).candidate.metrics;
    const qm = defaultCatalog.switches.find((x) => x.id === 'QM9700')!;
    // 16 spines share one rack: at least 16 x the switch maximum, plus their optics.
    expect(roomy.maxNetworkRackPowerW).toBeGreaterThan(16 * (qm.maxPowerW ?? qm.powerW));
    expect(roomy.networkRacksOverPowerLimit).toBe(0);
    const tight = mustMaterialize(scenario({ cluster: { gpus: 1024 }, layout: { maxRackPowerKW: 5 } }), defaultCatalog, design).candidate.metrics;
    expect(tight.maxNetworkRackPowerW).toBe(roomy.maxNetworkRackPowerW);
    expect(tight.networkRacksOverPowerLimit).toBe(1);
  });
});

describe('the resolved floor in the result', () => {
  it('echoes the floor the costs assume, with the fields that came from defaults', () => {
    const o = optimize(scenario({ cluster: { gpus: 128 }, fabric: { technologies: ['infiniband'], switchModels: ['QM9700'] } }), defaultCatalog);
    if (!o.ok) throw new Error(o.reason);
    expect(o.result.resolvedLayout).toMatchObject({ nodesPerRack: 4, racksPerRow: 10, switchesInComputeRack: true, computeRacks: 4, rows: 1 });
    expect(o.result.resolvedLayout!.defaulted).toEqual(['nodesPerRack', 'racksPerRow', 'networkRowSpanM', 'switchesInComputeRack', 'maxRackPowerKW']);
    expect(o.result.scenario.layout.nodesPerRack).toBeUndefined();
  });
});

const POWERS = Array.from({ length: 18 }, (_, i) => 8 * 2 ** i); // 8 .. 1,048,576
const ODD = [9, 1000, 10_000, 200_000, 777_777];

describe('the default floor and fabric grow with the cluster', () => {
  it('default scenario of every built-in profile has a feasible design from 8 to 1,048,576 GPUs', async () => {
    const misses: string[] = [];
    const grown: string[] = [];
    for (const serverProfile of SERVER_PROFILE_IDS) {
      for (const gpus of [...POWERS, ...ODD].sort((a, b) => a - b)) {
        const o = await optimizeWithKernel(scenario({ cluster: { gpus, serverProfile }, search: { topK: 1 } }), defaultCatalog);
        if (!o.ok) { misses.push(`${serverProfile} ${gpus}: ${o.reason}`); continue; }
        const f = o.result.resolvedFabric!;
        expect(f.defaulted).toEqual(['planes', 'maxOversubscription']);
        if (f.planes.length > 1 || f.maxOversubscription > 1) grown.push(`${serverProfile} ${gpus}: planes [${f.planes}] ${f.maxOversubscription}:1`);
        if (o.result.candidates.length === 0) misses.push(`${serverProfile} ${gpus}: ${o.result.diagnosis.map((x) => x.message).join(' | ')}`);
        else expect(o.result.candidates[0].planes === 1 || f.planes.includes(o.result.candidates[0].planes)).toBe(true);
      }
    }
    expect(misses).toEqual([]);
    // Plane counts grow only past 524,288 GPUs (3 tiers of 128-port switches connect 524,288 ports
    // non-blocking); only HGX B300, whose 800G NICs have no switch of more than 144 ports at 800G or
    // 128 at 400G, needs oversubscription, and only there.
    expect(grown.length).toBeGreaterThan(0);
    for (const g of grown) {
      expect(Number(g.split(' ')[1].replace(':', ''))).toBeGreaterThan(524_288);
      if (g.endsWith(' 1:1')) expect(g).toContain('planes [1,2]');
      else expect(g.startsWith('hgx-b300-8x800g')).toBe(true);
    }
  }, 240_000);

  it('searches one plane, non-blocking, while one plane connects the cluster', () => {
    const ctx = context({ cluster: { gpus: 524_288 } });
    expect(ctx.resolvedFabric).toEqual({ planes: [1], maxOversubscription: 1, defaulted: ['planes', 'maxOversubscription'] });
  });

  it('adds the fewest planes the NIC runs at when one plane cannot connect the cluster non-blocking', () => {
    const ctx = context({ cluster: { gpus: 1_048_576 } });
    expect(ctx.scenario.fabric.planes).toEqual([1, 2]);
    expect(ctx.scenario.fabric.maxOversubscription).toBe(1);
  });

  it('oversubscribes HGX B300 past 746,496 GPUs only, as little as connects it (no 800G switch of more than 144 ports)', () => {
    expect(context({ cluster: { gpus: 746_496, serverProfile: 'hgx-b300-8x800g' } }).resolvedFabric.maxOversubscription).toBe(1);
    const big = context({ cluster: { gpus: 1_048_576, serverProfile: 'hgx-b300-8x800g' } });
    expect(big.resolvedFabric.maxOversubscription).toBe(3);
    // 2:1 per tier and end to end reaches 144 x 96 x 72 = 995,328 ports: not enough.
    expect(context({ cluster: { gpus: 1_048_576, serverProfile: 'hgx-b300-8x800g' }, fabric: { maxOversubscription: 2 } }).resolvedFabric.maxOversubscription).toBe(2);
  });

  it('keeps plane counts and oversubscription the scenario sets, at any size', () => {
    const ctx = context({ cluster: { gpus: 1_048_576 }, fabric: { planes: [1], maxOversubscription: 1 } });
    expect(ctx.resolvedFabric).toEqual({ planes: [1], maxOversubscription: 1, defaulted: [] });
    const some = context({ cluster: { gpus: 1_048_576 }, fabric: { planes: [4] } });
    expect(some.resolvedFabric).toEqual({ planes: [4], maxOversubscription: 1, defaulted: ['maxOversubscription'] });
    // Pinned to one plane, a million GPUs stay non-blocking (and infeasible, with the fix named) rather than oversubscribed unasked.
    const pinned = context({ cluster: { gpus: 1_048_576 }, fabric: { planes: [1] } });
    expect(pinned.resolvedFabric).toEqual({ planes: [1], maxOversubscription: 1, defaulted: ['maxOversubscription'] });
  });
});
