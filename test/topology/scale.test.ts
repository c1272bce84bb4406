import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/catalog/default';
import { mustMaterialize, scenario, tier } from './helpers';

describe('materialize at scale', () => {
  it('counts a 1,048,576-GPU, 2-plane, 3-tier rail-optimized fabric from aggregates and lists links lazily', () => {
    const s = scenario({ cluster: { gpus: 1_048_576, serverProfile: 'hgx-h100-8x400g' }, fabric: { technologies: ['ethernet'], planes: [2] }, layout: { nodesPerRack: 8, racksPerRow: 128 } });
    const m = mustMaterialize(s, defaultCatalog, {
      family: 'rail-optimized', technology: 'ethernet', planes: 2, nodesPerLeafGroup: 128, spinesPerPod: 128, leavesPerPod: 128,
      tiers: [tier('SN5600', '256x200G', 128, 128), tier('SN5600', '256x200G', 128, 128), tier('SN5600', '256x200G', 0)],
    });
    const c = m.candidate;
    // 131,072 nodes in 1,024 SUs of 128; 8 rails -> 8,192 leaves per plane; 64 pods of 128 leaves.
    expect(c.tiers.map((t) => t.countPerPlane)).toEqual([8192, 64 * 128, 128 * 32]);
    expect(c.links.map((l) => l.count)).toEqual([2 * 1_048_576, 2 * 8192 * 128, 2 * 8192 * 128]);
    expect(c.metrics.maxOversubscription).toBe(1);
    const first = [];
    for (const link of m.listing.links()) {
      first.push(link);
      if (first.length === 3) break;
    }
    expect(first.map((l) => `${l.a.device}:${l.a.port} -> ${l.b.device}:${l.b.port}`)).toEqual([
      'node-000001:nic1/1 -> p1-su0001-leaf-r1:swp1s0',
      'node-000002:nic1/1 -> p1-su0001-leaf-r1:swp1s1',
      'node-000003:nic1/1 -> p1-su0001-leaf-r1:swp1s2',
    ]);
  });
});
