import { beforeAll, describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/catalog/default';
import { optimizeInProcess } from '../../src/engine/search';
import { nodeKernelModule } from '../../src/engine/wasm-node';
import { buildContext } from '../../src/topology/context';
import { optimize } from '../../src/topology/optimize';
import { labCatalog } from '../fixtures/lab-catalog';
import { scenario } from './helpers';

let module: WebAssembly.Module;
beforeAll(async () => {
  module = await nodeKernelModule();
});

function infeasible(input: Parameters<typeof scenario>[0], catalog = defaultCatalog) {
  const o = optimize(scenario(input), catalog);
  if (!o.ok) throw new Error(o.reason);
  expect(o.result.candidates).toEqual([]);
  return o.result;
}

describe('infeasibility explained before the search', () => {
  it('refuses an unknown model in fabric.switchModels with its field path, before searching', () => {
    const s = scenario({ cluster: { gpus: 1024 }, fabric: { switchModels: ['QM9700', 'QM9999'] } });
    expect(buildContext(s, defaultCatalog)).toEqual({ ok: false, reason: 'fabric.switchModels[1]: must name a switch model in the catalog, got "QM9999"' });
    expect(optimize(s, defaultCatalog)).toEqual({ ok: false, reason: 'fabric.switchModels[1]: must name a switch model in the catalog, got "QM9999"' });
  });

  it("names Q3400's missing 400G mode when B200 NICs run at 400G", () => {
    const r = infeasible({ cluster: { gpus: 1024, serverProfile: 'hgx-b200-8x400g' }, fabric: { switchModels: ['Q3400'] } });
    expect(r.stats.spaceSize).toBe(0);
    expect(r.diagnosis).toEqual([{
      message: 'Q3400 has no 400G port mode (it has 144x800G) and hgx-b200-8x400g NICs run at 400G',
      field: 'fabric.switchModels',
    }]);
  });

  it('says no media recipe joins the NIC at 200G to QM8700, and tries no floor change around it', () => {
    const r = infeasible({ cluster: { gpus: 1024 }, fabric: { switchModels: ['QM8700'], planes: [2] } });
    expect(r.diagnosis).toEqual([{ message: 'no media recipe joins NIC-OSFP (400G) at 200G InfiniBand to QM8700 (QSFP56)', field: 'fabric.switchModels' }]);
  });

  it('says when the NIC does not run the allowed technology', () => {
    const r = infeasible({ cluster: { gpus: 64, serverProfile: 'mi300x-8x400g' }, fabric: { technologies: ['infiniband'] } });
    expect(r.diagnosis[0]).toEqual({ message: 'mi300x-8x400g NICs do not run InfiniBand', field: 'fabric.technologies' });
  });

  it('is never empty when nothing is feasible, whatever the cause', () => {
    const r = infeasible({ cluster: { gpus: 1024 }, fabric: { technologies: ['infiniband'] }, objective: { maxPowerW: 1000 } });
    expect(r.diagnosis.length).toBeGreaterThan(0);
    expect(r.diagnosis[0].message).toMatch(/^every design was rejected; most often \([\d,]+ designs\) because power: draws/);
  });
});

describe('limits that empty the space before the search', () => {
  // 1,024 H100 on InfiniBand: the largest 400G leaf, 64-port QM9700, serves at most 63 nodes of one rail.
  const local = { cluster: { gpus: 1024 }, fabric: { technologies: ['infiniband' as const], minRailLocalGpus: 100 }, search: { topK: 1 } };
  const localMessage = {
    message: 'fabric.minRailLocalGpus asks for 100 GPUs of one rail behind a single switch; the most any allowed leaf reaches is 63 (a 64-port QM9700 leaf serving 63 nodes), so the search has no leaf group to start from',
    field: 'fabric.minRailLocalGpus',
  };

  it('names fabric.minRailLocalGpus when no allowed leaf reaches it, in the reference engine', () => {
    const r = infeasible(local);
    expect(r.stats.spaceSize).toBe(0);
    expect(r.diagnosis).toEqual([localMessage]);
  });

  it('names fabric.minRailLocalGpus when no allowed leaf reaches it, in the kernel', async () => {
    const { optimizeWithKernel, shutdownKernelPool } = await import('../../src/engine/node');
    try {
      const o = await optimizeWithKernel(scenario(local), defaultCatalog);
      if (!o.ok) throw new Error(o.reason);
      expect(o.result.candidates).toEqual([]);
      expect(o.result.diagnosis).toEqual([localMessage]);
    } finally {
      shutdownKernelPool();
    }
  }, 60_000);

  it('keeps rail-locality floors a leaf can reach out of the diagnosis', () => {
    const o = optimize(scenario({ ...local, fabric: { ...local.fabric, minRailLocalGpus: 32 } }), defaultCatalog);
    expect(o.ok && o.result.candidates.length).toBeGreaterThan(0);
  });

  it('names fabric.maxEndToEndOversubscription when the end-to-end cap, not the per-tier one, limits the fabric', () => {
    // 4,096 NIC ports on 2 tiers of 64-port QM9700: 4:1 per tier would connect them, 1:1 end to end only 2,048.
    const r = infeasible({
      cluster: { gpus: 4096 }, fabric: { switchModels: ['QM9700'], families: ['fat-tree'], planes: [1], maxTiers: 2, maxOversubscription: 4, maxEndToEndOversubscription: 1 }, search: { topK: 1 },
    });
    expect(r.diagnosis[0]).toEqual({
      message: '4,096 NIC ports per plane need more than 2 tiers: 2 tiers of 64-port QM9700 connect at most 2,048 at 4:1 per tier and 1:1 end to end (fabric.maxEndToEndOversubscription)',
      field: 'fabric.maxTiers',
    });
  });
});

describe('fixes found by trying them', () => {
  // 2,000 one-GPU nodes in one rack each, 200 racks a row: runs from one end of a row to the other pass 100 m (the optics' reach).
  const far = { cluster: { gpus: 2000, serverProfile: 'one-port-400g' }, fabric: { families: ['fat-tree' as const], maxTiers: 2, planes: [1] }, layout: { nodesPerRack: 1, racksPerRow: 200 } };

  it('suggests the smallest row length that makes reach feasible, found by trying it', async () => {
    const ref = optimize(scenario(far), labCatalog());
    if (!ref.ok) throw new Error(ref.reason);
    expect(ref.result.candidates).toEqual([]);
    expect(ref.result.stats.infeasibleReasons.some((x) => /^media: no allowed media recipe reaches a [\d.]+ m /.test(x.reason))).toBe(true);
    const fix = ref.result.diagnosis.find((d) => d.fix);
    expect(fix).toEqual({ message: 'tried: with layout.racksPerRow: 160 (shorter rows than 200) the search finds a feasible design', field: 'layout.racksPerRow', fix: 'layout.racksPerRow: 160 (shorter rows than 200)' });
    // It is a real fix: the search with it finds designs.
    const fixed = optimize(scenario({ ...far, layout: { ...far.layout, racksPerRow: 160 } }), labCatalog());
    expect(fixed.ok && fixed.result.candidates.length).toBeGreaterThan(0);
    // The kernel path gives the same diagnosis.
    const k = await optimizeInProcess(scenario(far), labCatalog(), module);
    if (!k.ok) throw new Error(k.reason);
    expect(k.result.diagnosis).toEqual(ref.result.diagnosis);
  });

  it('names the radix limit of a million H100 GPUs pinned to one plane and the plane split that fixes it', async () => {
    const { optimizeWithKernel, shutdownKernelPool } = await import('../../src/engine/node');
    try {
      const o = await optimizeWithKernel(scenario({ cluster: { gpus: 1_048_576 }, fabric: { planes: [1] }, search: { topK: 1 } }), defaultCatalog);
      if (!o.ok) throw new Error(o.reason);
      expect(o.result.diagnosis).toEqual([
        {
          message: '1,048,576 NIC ports per plane are more than 3 tiers of the allowed switches connect non-blocking: the largest, 128-port SN5600 at 400G, reaches at most 524,288 (more planes give more ports per switch; more oversubscription, more endpoints per port)',
          field: 'fabric.planes',
        },
        { message: 'tried: with fabric.planes: [1, 2] (split each NIC port into 2 planes) the search finds a feasible design', field: 'fabric.planes', fix: 'fabric.planes: [1, 2] (split each NIC port into 2 planes)' },
      ]);
    } finally {
      shutdownKernelPool();
    }
  }, 120_000);
});
