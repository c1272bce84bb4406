// Rack figures (src/topology/racks.ts) count a design's leaves from the floor plan's sites of its
// group size, kept per size and placed site-count by site-count. They must equal placing every
// group's leaves one by one at its own site, as the layout defines (the spec below).
import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/catalog/default';
import { Assessor, type Assessment } from '../../src/topology/assess';
import { buildContext, type Context } from '../../src/topology/context';
import { enumerateDesigns } from '../../src/topology/enumerate';
import { rackFigures, switchesPerNetworkRack, tierPowerW, topOfRackLeaves, type RackFigures } from '../../src/topology/racks';
import { scenario } from './helpers';

/** Every group's leaves placed at its own site, network racks filled site by site. */
function rackFiguresByGroup(assessor: Assessor, a: Assessment): RackFigures & { besideTheirRack: number } {
  const s = a.shape;
  const layout = assessor.ctx.scenario.layout;
  const plan = assessor.plan;
  const P = s.planes;
  const perSwitchW = tierPowerW(a).maxW;
  const limitW = layout.maxRackPowerKW * 1000;
  let racks = 0;
  let units = 0;
  let maxW = 0;
  let over = 0;
  const place = (i: number, count: number) => {
    const fit = switchesPerNetworkRack(layout.rackUnitsPerNetworkRack, s.tiers[i].option.sw.rackUnits);
    const full = Math.floor(count / fit);
    const rest = count % fit;
    racks += full + (rest > 0 ? 1 : 0);
    units += count * s.tiers[i].option.sw.rackUnits;
    maxW = Math.max(maxW, Math.min(count, fit) * perSwitchW[i]);
    if (fit * perSwitchW[i] > limitW) over += full;
    if (rest > 0 && rest * perSwitchW[i] > limitW) over++;
  };
  const leavesPerSite = new Map<string, number>();
  const atSite = (x: number, y: number, count: number) => leavesPerSite.set(`${x},${y}`, (leavesPerSite.get(`${x},${y}`) ?? 0) + count);
  const perComputeRack = new Map<number, number>();
  for (let g = 0; g < s.groups; g++) {
    const site = plan.leafSite(g * s.groupNodes, plan.groupSize(s.groupNodes, g));
    if (site.rack !== undefined) perComputeRack.set(site.rack, (perComputeRack.get(site.rack) ?? 0) + s.leavesPerGroup * P);
    else atSite(site.point.x, site.point.y, s.leavesPerGroup * P);
  }
  let computeRackSwitches = 0;
  let besideTheirRack = 0;
  const torCap = topOfRackLeaves(layout.rackUnitsPerNetworkRack, s.tiers[0].option.sw.rackUnits);
  for (const [rack, count] of perComputeRack) {
    computeRackSwitches += Math.min(count, torCap);
    if (count > torCap) {
      const pt = plan.rackPoint(rack);
      atSite(pt.x, pt.y, count - torCap);
      besideTheirRack += count - torCap;
    }
  }
  for (const count of leavesPerSite.values()) place(0, count);
  for (let i = 1; i < s.tiers.length; i++) place(i, s.tiers[i].countPerPlane * P);
  return { besideTheirRack, computeRackSwitches, networkRacks: racks, networkRackUnits: units, maxNetworkRackPowerW: Math.round(maxW), networkRacksOverPowerLimit: over };
}

function context(input: Parameters<typeof scenario>[0]): Context {
  const ctx = buildContext(scenario(input), defaultCatalog);
  if ('ok' in ctx) throw new Error(ctx.reason);
  return ctx as Context;
}

describe('rack figures', () => {
  const layouts = {
    'leaves beside their group (default)': {},
    'leaves at the row ends': { switchPlacement: 'row-end' as const },
    'leaves top of rack': { switchesInComputeRack: true },
    'leaves top of rack, more than a compute rack holds': { switchesInComputeRack: true, rackUnitsPerNetworkRack: 4, nodesPerRack: 16 },
  };
  it('equal placing every group\'s leaves at its own site where leaves beside a full compute rack share a site with a group spanning racks', () => {
    // Groups of 6 nodes in racks of 16: groups 0 and 1 stand in rack 0 with 2 leaves each, one more
    // than a 3 U rack takes; group 2 spans racks 0-1 with its middle node in rack 0: the extra leaf
    // and group 2's leaves stand at the same point.
    const ctx = context({ cluster: { gpus: 2048 }, fabric: { technologies: ['infiniband'], maxOversubscription: 2, pin: { nodesPerLeafGroup: 6 } }, layout: { switchesInComputeRack: true, rackUnitsPerNetworkRack: 3, nodesPerRack: 16 } });
    const assessor = new Assessor(ctx);
    let checked = 0;
    for (const d of enumerateDesigns(ctx, { steps: 200_000 })) {
      const a = assessor.assess(d);
      if (!a.ok) continue;
      const { besideTheirRack, ...expected } = rackFiguresByGroup(assessor, a);
      expect(besideTheirRack).toBeGreaterThan(0);
      expect(rackFigures(assessor, a)).toEqual(expected);
      if (++checked >= 50) break;
    }
    expect(checked).toBeGreaterThan(0);
  });
  for (const [name, layout] of Object.entries(layouts)) {
    it(`equal placing every group's leaves at its own site: ${name}`, () => {
      const ctx = context({ cluster: { gpus: 2048 }, fabric: { technologies: ['infiniband'], maxOversubscription: 2 }, layout });
      const assessor = new Assessor(ctx);
      let checked = 0;
      let inComputeRacks = 0;
      let beside = 0;
      const sizes = new Set<number>();
      for (const d of enumerateDesigns(ctx, { steps: 200_000 })) {
        const a = assessor.assess(d);
        if (!a.ok) continue;
        const { besideTheirRack, ...expected } = rackFiguresByGroup(assessor, a);
        expect(rackFigures(assessor, a)).toEqual(expected);
        checked++;
        sizes.add(d.nodesPerLeafGroup);
        if (expected.computeRackSwitches > 0) inComputeRacks++;
        if (besideTheirRack > 0) beside++;
        if (checked >= 400) break;
      }
      expect(checked).toBeGreaterThan(50);
      expect(sizes.size).toBeGreaterThan(5);
      // The top-of-rack layouts are exercised: leaves in compute racks, and (the last) some beside them.
      if ('switchesInComputeRack' in layout) expect(inComputeRacks).toBeGreaterThan(0);
      if (name.includes('more than')) expect(beside).toBeGreaterThan(0);
    });
  }
});
