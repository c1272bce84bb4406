import type { ExportSubject } from '../export/fabric';
import type { TierRole } from '../model/result';

/** One switch or patch-panel block in a rack, U positions 1-based from the bottom. */
export interface ElevationDevice {
  name: string;
  role: TierRole | 'patch-panel';
  model?: string;
  plane?: number;
  u: number;
  heightU: number;
  /** Switches: power with their share of optics, W. */
  typicalW?: number;
  maxW?: number;
}

export interface ElevationRack {
  name: string;
  kind: 'compute' | 'network';
  row: string;
  heightU: number;
  devices: ElevationDevice[];
  /** Compute racks: their servers, slot 1 lowest (the catalog does not know a server's U). */
  servers: string[];
  /** Network equipment in the rack (switches with their optics), W. */
  typicalW: number;
  maxW: number;
  /** A network rack whose maximum draw exceeds layout.maxRackPowerKW. */
  overLimit: boolean;
  /** Its rack type (see RackType.label). */
  type: string;
}

/** Racks with the same kind and the same switches, counted together for the summary. */
export interface RackType {
  label: string;
  kind: 'compute' | 'network';
  racks: number;
  maxTypicalW: number;
  maxMaxW: number;
  overLimit: number;
}

export interface Elevations {
  /** The racks drawn: every rack holding a switch, up to the limit, in the order a crew walks them. */
  racks: ElevationRack[];
  totalRacks: number;
  racksWithSwitches: number;
  /** Racks with switches not drawn (a huge fabric): the summary counts them. */
  hidden: number;
  types: RackType[];
  limitW: number;
}

/** Racks drawn one per column; beyond this a fabric is summarised by rack type. */
export const MAX_DRAWN_RACKS = 40;

/**
 * The rack elevations of a rebuilt design: every rack that holds network equipment, with the U of
 * each switch (src/topology/placement.ts), its name from the naming scheme (src/topology/naming.ts),
 * the rack's typical and maximum power and whether it is over the floor's limit. Racks are drawn up
 * to `maxDrawn`; every rack, drawn or not, is counted by type. Names are only made for drawn racks,
 * so a million-GPU fabric costs its placement and one pass over its racks.
 */
export function buildElevations(subject: ExportSubject, maxRackPowerKW: number, maxDrawn = MAX_DRAWN_RACKS): Elevations {
  const { listing, candidate } = subject;
  const placement = listing.placement();
  const namer = listing.namer();
  const tiers = candidate.tiers;
  const limitW = maxRackPowerKW * 1000;
  const types = new Map<string, RackType>();
  const racks: ElevationRack[] = [];
  let racksWithSwitches = 0;
  for (const r of placement.racks) {
    const switches = placement.switchesIn(r.index);
    const { first, count } = placement.nodesIn(r.index);
    const power = placement.rackPower(r.index);
    const overLimit = r.kind === 'network' && power.maxW > limitW;
    const perTier = [0, 0, 0];
    for (const ref of switches) perTier[ref.tier]++;
    const contents = perTier.map((n, t) => (n ? `${n} x ${tiers[t].switchModel} ${tiers[t].role}` : '')).filter(Boolean).join(' + ');
    const label = r.kind === 'compute'
      ? `compute rack, ${count} server${count === 1 ? '' : 's'}${contents ? ` + ${contents}` : ''}`
      : `network rack, ${contents || 'empty'}`;
    let t = types.get(label);
    if (!t) types.set(label, (t = { label, kind: r.kind, racks: 0, maxTypicalW: 0, maxMaxW: 0, overLimit: 0 }));
    t.racks++;
    t.maxTypicalW = Math.max(t.maxTypicalW, power.typicalW);
    t.maxMaxW = Math.max(t.maxMaxW, power.maxW);
    if (overLimit) t.overLimit++;
    if (switches.length === 0) continue;
    racksWithSwitches++;
    if (racks.length >= maxDrawn) continue;
    const devices: ElevationDevice[] = switches.map((ref) => {
      const at = placement.place(ref);
      const p = placement.switchPower(ref.tier);
      return { name: listing.switchName(ref), role: tiers[ref.tier].role, model: tiers[ref.tier].switchModel, plane: ref.plane + 1, u: at.u, heightU: at.heightU, typicalW: p.typicalW, maxW: p.maxW };
    });
    const panels = placement.patchPanelU(r.index);
    if (panels) devices.push({ name: 'patch panels', role: 'patch-panel', u: panels.from, heightU: panels.to - panels.from + 1 });
    const names: string[] = [];
    for (let n = first; n < first + count; n++) names.push(namer.node(n));
    racks.push({ name: r.name, kind: r.kind, row: r.row, heightU: r.heightU, devices, servers: names, typicalW: power.typicalW, maxW: power.maxW, overLimit, type: label });
  }
  const order = (t: RackType) => (t.kind === 'network' ? 1 : 0);
  return {
    racks,
    totalRacks: placement.racks.length,
    racksWithSwitches,
    hidden: racksWithSwitches - racks.length,
    types: [...types.values()].sort((a, b) => order(a) - order(b) || b.racks - a.racks || a.label.localeCompare(b.label)),
    limitW,
  };
}
