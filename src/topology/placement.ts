import type { TierRole } from '../model/result';
import type { Assessment, Assessor } from './assess';
import { padWidth } from './naming';
import { PATCH_PANEL_U, switchesPerNetworkRack, tierPowerW, topOfRackLeaves, usableNetworkRackU } from './racks';

/**
 * Where every switch of a design stands: hall, row, rack and U. It builds on the floor plan
 * (src/topology/layout.ts) and fills racks the way the rack figures count them (racks.ts):
 *
 * - A leaf whose nodes share one compute rack sits in that rack (top of rack), stacked down from
 *   the top U: plane 1's leaves first, rail by rail.
 * - Every other leaf sits in a network rack at its site in its row (beside its nodes' middle rack,
 *   in the network rack nearest it, or at the row end, as the floor plan says). A site's leaves
 *   fill racks in group order, then plane, then rail, from U1 upward; the top PATCH_PANEL_U (2) U
 *   of every network rack are left for fibre patch panels.
 * - Spines, then cores, fill racks of their own tier in the central network row (row NET), plane
 *   by plane, from U1 upward with the same patch-panel space.
 *
 * Racks are named `R01-07` (compute rack 7 of row 1), `R01-N1` (the first network rack of row 1,
 * counted along the row) and `NET-01` (the central network row). Railyard lays out one hall, so
 * the hall is always 1. Compute racks are taken to be as tall as network racks
 * (layout.rackUnitsPerNetworkRack). Rack power counts the network equipment only: each switch's
 * typical and maximum power plus its share of its tier's optics and active cables.
 *
 * Everything is counted per switch (tens of thousands at a million GPUs), never per link or port.
 */

export interface RackInfo {
  /** Position in `racks` (the order a crew walks: row by row along each row, the network row last). */
  index: number;
  name: string;
  hall: number;
  /** Row label: `01`, `02`, ... or `NET`. */
  row: string;
  /** Rack label within its row: `07` for a compute rack, `N1` for a network rack. */
  position: string;
  kind: 'compute' | 'network';
  heightU: number;
  /** Compute racks: the floor's rack number (0-based), nodes `floorRack * nodesPerRack` onward. */
  floorRack?: number;
}

/** A switch of the design: tier (0 leaf, 1 spine, 2 core), plane (0-based) and index within the plane's tier. */
export interface SwitchRef {
  tier: number;
  plane: number;
  index: number;
}

export interface SwitchPlace {
  rack: number;
  /** Lowest U the switch takes. */
  u: number;
  heightU: number;
}

export interface RackPower {
  typicalW: number;
  maxW: number;
}

const ROLES: TierRole[] = ['leaf', 'spine', 'core'];

export class Placement {
  readonly racks: RackInfo[] = [];
  readonly hall = 1;
  /** Floor rack number -> index in racks. */
  private readonly computeIndex: Int32Array;
  /** Per tier: rack and lowest U of every switch, indexed plane * countPerPlane + index. */
  private readonly rackOf: Int32Array[];
  private readonly uOf: Int16Array[];
  private readonly byRack = new Map<number, SwitchRef[]>();
  private readonly tierW: { typicalW: number[]; maxW: number[] };
  readonly nodesPerRack: number;
  readonly nodes: number;
  readonly roles: TierRole[];
  /** Switches per plane, per tier. */
  private readonly counts: number[];
  private readonly switchRU: number[];

  constructor(assessor: Assessor, a: Assessment) {
    const s = a.shape;
    const plan = assessor.plan;
    const layout = assessor.ctx.scenario.layout;
    const P = s.planes;
    const T = s.tiers.length;
    const H = layout.rackUnitsPerNetworkRack;
    this.nodesPerRack = layout.nodesPerRack;
    this.nodes = s.nodes;
    this.roles = ROLES.slice(0, T);
    this.tierW = tierPowerW(a);
    const counts = (this.counts = s.tiers.map((t) => t.countPerPlane));
    this.rackOf = counts.map((c) => new Int32Array(c * P));
    this.uOf = counts.map((c) => new Int16Array(c * P));
    const ru = (this.switchRU = s.tiers.map((t) => t.option.sw.rackUnits));
    const perRack = ru.map((u) => switchesPerNetworkRack(H, u));

    // Leaves: which leaves (per plane) serve group g, in rail order.
    // Leaf m of group g: groups take consecutive leaves (a fat-tree group of several leaves, a rail-optimized SU), rail-only numbers rail by rail.
    const leafOf = (g: number, m: number) => (s.family === 'rail-only' ? m * s.groups + g : g * s.leavesPerGroup + m);
    const torStack = new Map<number, { used: number; leaves: number[] }>(); // floor rack -> U used from the top, leaf keys
    const sites = new Map<string, { row: number; x: number; leaves: number[] }>(); // network sites per row
    for (let g = 0; g < s.groups; g++) {
      const site = plan.leafSite(g * s.groupNodes, plan.groupSize(s.groupNodes, g));
      let list: number[];
      if (site.rack !== undefined) {
        let t = torStack.get(site.rack);
        if (!t) torStack.set(site.rack, (t = { used: 0, leaves: [] }));
        list = t.leaves;
      } else {
        const row = Math.round(site.point.y / layout.rowPitchM);
        const key = `${row},${site.point.x}`;
        let e = sites.get(key);
        if (!e) sites.set(key, (e = { row, x: site.point.x, leaves: [] }));
        list = e.leaves;
      }
      for (let p = 0; p < P; p++) for (let m = 0; m < s.leavesPerGroup; m++) list.push(p * counts[0] + leafOf(g, m));
    }

    // A compute rack takes at most topOfRackLeaves leaves; the rest stand in a network rack beside it (as racks.ts counts them).
    const torCap = topOfRackLeaves(H, ru[0]);
    for (const [floorRack, t] of torStack) {
      if (t.leaves.length <= torCap) continue;
      const pt = plan.rackPoint(floorRack);
      const row = Math.round(pt.y / layout.rowPitchM);
      const key = `${row},${pt.x}`;
      let e = sites.get(key);
      if (!e) sites.set(key, (e = { row, x: pt.x, leaves: [] }));
      e.leaves.push(...t.leaves.splice(torCap));
    }

    // Racks row by row, along the row by x: compute racks, and network racks at their sites.
    const rows = plan.rows;
    const rowWidth = padWidth(layout.racksPerRow);
    const rowLabelWidth = padWidth(rows);
    this.computeIndex = new Int32Array(plan.nodeRacks);
    const sitesByRow: { x: number; leaves: number[] }[][] = Array.from({ length: rows }, () => []);
    for (const e of sites.values()) sitesByRow[Math.min(rows - 1, Math.max(0, e.row))].push(e);
    for (let row = 0; row < rows; row++) {
      const rowLabel = String(row + 1).padStart(rowLabelWidth, '0');
      const items: { x: number; order: number; floorRack?: number; leaves?: number[] }[] = [];
      const first = row * layout.racksPerRow;
      const last = Math.min(plan.nodeRacks, first + layout.racksPerRow);
      for (let k = first; k < last; k++) items.push({ x: plan.rackPoint(k).x, order: 0, floorRack: k });
      for (const e of sitesByRow[row]) items.push({ x: e.x, order: 1, leaves: e.leaves });
      items.sort((p, q) => p.x - q.x || p.order - q.order);
      let networkInRow = 0;
      for (const it of items) {
        if (it.floorRack !== undefined) {
          const col = it.floorRack % layout.racksPerRow;
          const position = String(col + 1).padStart(rowWidth, '0');
          this.computeIndex[it.floorRack] = this.racks.length;
          this.racks.push({ index: this.racks.length, name: `R${rowLabel}-${position}`, hall: 1, row: rowLabel, position, kind: 'compute', heightU: H, floorRack: it.floorRack });
          continue;
        }
        const leaves = it.leaves!;
        for (let i = 0; i < leaves.length; i += perRack[0]) {
          const position = `N${++networkInRow}`;
          const rack = this.addRack(`R${rowLabel}-${position}`, rowLabel, position, H);
          for (let j = i; j < Math.min(leaves.length, i + perRack[0]); j++) this.put(0, leaves[j], rack, 1 + (j - i) * ru[0], counts[0]);
        }
      }
    }
    // Top-of-rack leaves, stacked down from the top of their compute rack.
    for (const [floorRack, t] of torStack) {
      const rack = this.computeIndex[floorRack];
      for (const key of t.leaves) {
        t.used += ru[0];
        this.put(0, key, rack, H - t.used + 1, counts[0]);
      }
    }
    // The central network row: spines, then cores, each tier in racks of its own.
    let central = 0;
    const centralWidth = padWidth(T > 1 ? s.tiers.slice(1).reduce((x, t, i) => x + Math.ceil((t.countPerPlane * P) / perRack[i + 1]), 0) : 1);
    for (let tier = 1; tier < T; tier++) {
      const total = counts[tier] * P;
      for (let i = 0; i < total; i += perRack[tier]) {
        const position = String(++central).padStart(centralWidth, '0');
        const rack = this.addRack(`NET-${position}`, 'NET', position, H);
        for (let j = i; j < Math.min(total, i + perRack[tier]); j++) this.put(tier, j, rack, 1 + (j - i) * ru[tier], counts[tier]);
      }
    }
    for (const list of this.byRack.values()) list.sort((p, q) => this.place(p).u - this.place(q).u);
  }

  private addRack(name: string, row: string, position: string, heightU: number): number {
    const index = this.racks.length;
    this.racks.push({ index, name, hall: 1, row, position, kind: 'network', heightU });
    return index;
  }

  private put(tier: number, key: number, rack: number, u: number, countPerPlane: number) {
    this.rackOf[tier][key] = rack;
    this.uOf[tier][key] = u;
    let list = this.byRack.get(rack);
    if (!list) this.byRack.set(rack, (list = []));
    list.push({ tier, plane: Math.floor(key / countPerPlane), index: key % countPerPlane });
  }

  /** The rack (index into racks) of node `node` (0-based). */
  nodeRack(node: number): number {
    return this.computeIndex[Math.floor(node / this.nodesPerRack)];
  }

  /** A node's slot in its rack, 1 = lowest. */
  nodeSlot(node: number): number {
    return (node % this.nodesPerRack) + 1;
  }

  /** The nodes of a compute rack: first node (0-based) and how many. */
  nodesIn(rack: number): { first: number; count: number } {
    const r = this.racks[rack];
    if (r.floorRack === undefined) return { first: 0, count: 0 };
    const first = r.floorRack * this.nodesPerRack;
    return { first, count: Math.max(0, Math.min(this.nodesPerRack, this.nodes - first)) };
  }

  /** The rack (index into racks) of a switch, without allocating (the cable listing asks millions of times). */
  switchRack(ref: SwitchRef): number {
    return this.rackOf[ref.tier][ref.plane * this.counts[ref.tier] + ref.index];
  }

  /** The lowest U of a switch. */
  switchU(ref: SwitchRef): number {
    return this.uOf[ref.tier][ref.plane * this.counts[ref.tier] + ref.index];
  }

  /** Rack (index into racks), lowest U and height of a switch. */
  place(ref: SwitchRef): SwitchPlace {
    const key = ref.plane * this.counts[ref.tier] + ref.index;
    return { rack: this.rackOf[ref.tier][key], u: this.uOf[ref.tier][key], heightU: this.switchRU[ref.tier] };
  }

  /** The switches of a rack, lowest U first. */
  switchesIn(rack: number): readonly SwitchRef[] {
    return this.byRack.get(rack) ?? [];
  }

  /** Power of one switch of a tier with its optics share, W. */
  switchPower(tier: number): RackPower {
    return { typicalW: this.tierW.typicalW[tier], maxW: this.tierW.maxW[tier] };
  }

  /** The network equipment a rack powers: its switches with their optics, typical and maximum, W. */
  rackPower(rack: number): RackPower {
    let typicalW = 0;
    let maxW = 0;
    for (const ref of this.switchesIn(rack)) {
      typicalW += this.tierW.typicalW[ref.tier];
      maxW += this.tierW.maxW[ref.tier];
    }
    return { typicalW, maxW };
  }

  /** U range kept for patch panels at the top of a network rack, or undefined for compute racks. */
  patchPanelU(rack: number): { from: number; to: number } | undefined {
    const r = this.racks[rack];
    if (r.kind !== 'network' || usableNetworkRackU(r.heightU) === r.heightU) return undefined;
    return { from: r.heightU - PATCH_PANEL_U + 1, to: r.heightU };
  }

  /** Counts for a summary of a fabric too large to draw rack by rack. */
  summary(maxRackPowerKW: number): PlacementSummary {
    let networkRacks = 0;
    let computeRacksWithSwitches = 0;
    let maxTypicalW = 0;
    let maxMaxW = 0;
    let overLimit = 0;
    for (const r of this.racks) {
      if (r.kind === 'network') networkRacks++;
      else if (this.byRack.has(r.index)) computeRacksWithSwitches++;
      const p = this.rackPower(r.index);
      maxTypicalW = Math.max(maxTypicalW, p.typicalW);
      maxMaxW = Math.max(maxMaxW, p.maxW);
      if (r.kind === 'network' && p.maxW > maxRackPowerKW * 1000) overLimit++;
    }
    return { computeRacks: this.racks.length - networkRacks, networkRacks, computeRacksWithSwitches, maxRackTypicalW: Math.round(maxTypicalW), maxRackMaxW: Math.round(maxMaxW), networkRacksOverPowerLimit: overLimit };
  }
}

export interface PlacementSummary {
  computeRacks: number;
  networkRacks: number;
  /** Compute racks holding top-of-rack leaves. */
  computeRacksWithSwitches: number;
  maxRackTypicalW: number;
  maxRackMaxW: number;
  networkRacksOverPowerLimit: number;
}
