// The floor plan's walks (src/topology/layout.ts) count runs rack by rack and sites by middle rack,
// with their own tallies, for speed at a million GPUs. They must equal the plain definition: every
// node's run to its group's leaf site, every group's run from its site to the central row, and
// every group's site, taken one by one.
import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/catalog/default';
import { buildContext, type Context } from '../../src/topology/context';
import { FloorPlan, type LengthHistogram } from '../../src/topology/layout';
import { scenario } from './helpers';

function histogram(tally: Map<number, number>): LengthHistogram {
  const lengthsCm = [...tally.keys()].sort((a, b) => a - b);
  return { lengthsCm, counts: lengthsCm.map((l) => tally.get(l)!) };
}

const add = (tally: Map<number, number>, key: number, count: number) => tally.set(key, (tally.get(key) ?? 0) + count);

describe('floor plan walks', () => {
  const layouts = {
    'leaves beside their group': {},
    'leaves at the row ends': { switchPlacement: 'row-end' as const },
    'leaves top of rack': { switchesInComputeRack: true },
    'top of rack, 3 nodes a rack, rows of 7': { switchesInComputeRack: true, nodesPerRack: 3, racksPerRow: 7 },
    'row ends, top of rack asked': { switchPlacement: 'row-end' as const, switchesInComputeRack: true },
    // Leaves in network racks: a site's x is the nearest network rack's, several to a row of 23.
    'network racks every ten, 2 nodes a rack, rows of 23': { switchesInComputeRack: false, nodesPerRack: 2, racksPerRow: 23 },
    'network racks, 3 nodes a rack, rows of 7': { switchesInComputeRack: false, nodesPerRack: 3, racksPerRow: 7 },
    'network racks, leaves at the row ends, rows of 23': { switchesInComputeRack: false, switchPlacement: 'row-end' as const, racksPerRow: 23 },
    // 0.6125 m racks put runs on half centimetres, where rounding differs from one column to the
    // next: runs no longer depend on column distance alone.
    'top of rack, 0.6125 m racks, 2 nodes a rack, rows of 16': { switchesInComputeRack: true, rackWidthM: 0.6125, nodesPerRack: 2, racksPerRow: 16 },
  };
  for (const [name, layout] of Object.entries(layouts)) {
    it(`equal a node-by-node and group-by-group walk for every group size: ${name}`, () => {
      const ctx = buildContext(scenario({ cluster: { gpus: 2400 }, layout }), defaultCatalog);
      if ('ok' in ctx) throw new Error(ctx.reason);
      const { nodes, scenario: s } = ctx as Context;
      for (let n = 1; n <= nodes; n += n < 40 ? 1 : 7) {
        const plan = new FloorPlan(s.layout, nodes);
        const nodeTally = new Map<number, number>();
        const leafTally = new Map<number, number>();
        const inRacks = new Map<number, number>();
        const atPoints = new Map<string, number>();
        for (let g = 0; g * n < nodes; g++) {
          const site = plan.leafSite(g * n, Math.min(n, nodes - g * n));
          for (let node = g * n; node < Math.min(nodes, g * n + n); node++) add(nodeTally, plan.nodeToLeafCm(node, site), 1);
          add(leafTally, plan.leafToCenterCm(site.point), 1);
          if (site.rack !== undefined) add(inRacks, site.rack, 1);
          else atPoints.set(`${site.point.x},${site.point.y}`, (atPoints.get(`${site.point.x},${site.point.y}`) ?? 0) + 1);
        }
        expect(plan.nodeRuns(n)).toEqual(histogram(nodeTally));
        expect(plan.leafRuns(n)).toEqual(histogram(leafTally));
        const sites = plan.leafSites(n);
        expect(sites.inRacks).toEqual(inRacks);
        expect(new Map(sites.atPoints().map((p) => [`${p.x},${p.y}`, p.groups]))).toEqual(atPoints);
        const byGroups = new Map<number, number>();
        for (const groups of atPoints.values()) add(byGroups, groups, 1);
        expect(sites.pointsByGroups).toEqual(byGroups);
      }
    });
  }
});
