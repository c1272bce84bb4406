import { switchMaxPowerW } from '../model/catalog';
import type { Assessment, Assessor } from './assess';

/** Where a design's switches stand and what the network racks draw at maximum power. */
export interface RackFigures {
  /** Leaves in their nodes' compute rack (top of rack): they take no network rack. */
  computeRackSwitches: number;
  /** Racks holding switches only: leaves beside or at the end of their rows, spines and cores in the central row. */
  networkRacks: number;
  /** Rack units the switches in network racks take. */
  networkRackUnits: number;
  /** The most any one network rack draws: switches at maximum power plus their optics, W. */
  maxNetworkRackPowerW: number;
  /** Network racks whose maximum draw exceeds layout.maxRackPowerKW. */
  networkRacksOverPowerLimit: number;
}

/** Rack units kept free at the top of every network rack for fibre patch panels. */
export const PATCH_PANEL_U = 2;

/** Rack units switches may fill in a network rack of `rackUnits` U (the top PATCH_PANEL_U are patch panels). */
export function usableNetworkRackU(rackUnits: number): number {
  return rackUnits > PATCH_PANEL_U + 1 ? rackUnits - PATCH_PANEL_U : rackUnits;
}

/** Switches of `switchRU` U one network rack holds. */
export function switchesPerNetworkRack(rackUnits: number, switchRU: number): number {
  return Math.max(1, Math.floor(usableNetworkRackU(rackUnits) / switchRU));
}

/** Leaves of `switchRU` U one compute rack of `rackUnits` U takes at most (top of rack); more stand beside it. */
export function topOfRackLeaves(rackUnits: number, switchRU: number): number {
  return Math.max(1, Math.floor(rackUnits / switchRU));
}

/**
 * Power of one switch of each tier with its share of the tier's optics and active cables (an active
 * cable's power is split between its two ends), W: typical (the switch's powerW) and maximum (its
 * maxPowerW, typical when the catalog gives none). Optics have one power figure, used in both.
 */
export function tierPowerW(a: Assessment): { typicalW: number[]; maxW: number[] } {
  const s = a.shape;
  const P = s.planes;
  // Optics and active-cable power landing on each tier's switches, mW.
  const endMw = s.tiers.map(() => 0);
  const classTiers = { 'node-leaf': [-1, 0], 'leaf-spine': [0, 1], 'spine-core': [1, 2] } as const;
  for (const g of a.linkGroups) {
    const [lower, upper] = classTiers[g.linkClass];
    for (const p of g.choice.parts) {
      const units = Math.ceil(g.links / p.linksPerUnit);
      const mw = units * p.sku.milliwatts;
      if (p.role === 'upper-end') endMw[upper] += mw;
      else if (p.role === 'lower-end') { if (lower >= 0) endMw[lower] += mw; }
      else {
        endMw[upper] += mw / 2;
        if (lower >= 0) endMw[lower] += mw / 2;
      }
    }
  }
  const share = (i: number) => endMw[i] / 1000 / (s.tiers[i].countPerPlane * P);
  return {
    typicalW: s.tiers.map((t, i) => t.option.sw.powerW + share(i)),
    maxW: s.tiers.map((t, i) => switchMaxPowerW(t.option.sw) + share(i)),
  };
}

/**
 * Fills network racks site by site: the leaves that share a site (a rack position beside their
 * nodes, or a row end) fill racks of `rackUnitsPerNetworkRack` U there (less PATCH_PANEL_U); spines and cores fill
 * racks of their own tier in the central network row. A switch's maximum power is its catalog
 * maximum (typical when none is given) plus its share of the tier's optics and active cables
 * (an active cable's power is split between its two ends).
 */
export function rackFigures(assessor: Assessor, a: Assessment): RackFigures {
  const s = a.shape;
  const layout = assessor.ctx.scenario.layout;
  const plan = assessor.plan;
  const P = s.planes;
  const T = s.tiers.length;
  const perSwitchW = tierPowerW(a).maxW;
  const perRack = (i: number) => switchesPerNetworkRack(layout.rackUnitsPerNetworkRack, s.tiers[i].option.sw.rackUnits);
  const limitW = layout.maxRackPowerKW * 1000;

  let racks = 0;
  let units = 0;
  let maxW = 0;
  let over = 0;
  /** Places `count` switches of tier `i` at each of `sites` sites. */
  const place = (i: number, count: number, sites = 1) => {
    const fit = perRack(i);
    const full = Math.floor(count / fit);
    const rest = count % fit;
    racks += sites * (full + (rest > 0 ? 1 : 0));
    units += sites * count * s.tiers[i].option.sw.rackUnits;
    const w = Math.min(count, fit) * perSwitchW[i];
    maxW = Math.max(maxW, w);
    if (fit * perSwitchW[i] > limitW) over += sites * full;
    if (rest > 0 && rest * perSwitchW[i] > limitW) over += sites;
  };

  // Leaves, per site. Every group has the same leaves: the floor plan's sites of this group size,
  // counted in groups, times that.
  const sites = plan.leafSites(s.groupNodes);
  const leaves = s.leavesPerGroup * P;
  // A compute rack holds at most as many leaves as its height takes; the rest stand in a network rack beside it.
  let computeRackLeaves = 0;
  const torCap = topOfRackLeaves(layout.rackUnitsPerNetworkRack, s.tiers[0].option.sw.rackUnits);
  const besideRacks = new Map<string, number>();
  for (const [rack, groups] of sites.inRacks) {
    const count = groups * leaves;
    computeRackLeaves += Math.min(count, torCap);
    if (count > torCap) {
      const pt = plan.rackPoint(rack);
      besideRacks.set(`${pt.x},${pt.y}`, (besideRacks.get(`${pt.x},${pt.y}`) ?? 0) + count - torCap);
    }
  }
  if (besideRacks.size === 0) {
    // Sites holding as many groups fill their racks alike: place them together.
    for (const [groups, n] of sites.pointsByGroups) place(0, groups * leaves, n);
  } else {
    const leavesPerSite = new Map<string, number>();
    for (const p of sites.atPoints()) leavesPerSite.set(`${p.x},${p.y}`, p.groups * leaves);
    for (const [key, count] of besideRacks) leavesPerSite.set(key, (leavesPerSite.get(key) ?? 0) + count);
    for (const count of leavesPerSite.values()) place(0, count);
  }
  for (let i = 1; i < T; i++) place(i, s.tiers[i].countPerPlane * P);
  return {
    computeRackSwitches: computeRackLeaves,
    networkRacks: racks,
    networkRackUnits: units,
    maxNetworkRackPowerW: Math.round(maxW),
    networkRacksOverPowerLimit: over,
  };
}
