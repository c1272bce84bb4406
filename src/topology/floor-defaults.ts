import type { ServerProfile } from '../model/catalog';
import type { LayoutSpec, Scenario } from '../model/scenario';

/**
 * The floor a search assumes: the scenario's layout with every field it leaves out filled in from
 * the server profile and the cluster size. Fields the user sets always win.
 */
export interface ResolvedLayout {
  nodesPerRack: number;
  racksPerRow: number;
  rackWidthM: number;
  rowPitchM: number;
  verticalRunM: number;
  slackFactor: number;
  networkRowSpanM: number;
  switchPlacement: LayoutSpec['switchPlacement'];
  rackUnitsPerNetworkRack: number;
  switchesInComputeRack: boolean;
  maxRackPowerKW: number;
  /** Compute racks the cluster fills. */
  computeRacks: number;
  /** Rows of compute racks. */
  rows: number;
  /** The layout fields that came from defaults rather than from the scenario. */
  defaulted: DefaultedField[];
}

export const DEFAULTED_FIELDS = ['nodesPerRack', 'racksPerRow', 'networkRowSpanM', 'switchesInComputeRack', 'maxRackPowerKW'] as const;
export type DefaultedField = (typeof DEFAULTED_FIELDS)[number];

/** Rows hold this many racks while the floor is small (a hall of at most ROW_RACKS rows). */
export const ROW_RACKS = 10;
/** Nodes per rack when the profile says nothing about its racks. */
export const FALLBACK_NODES_PER_RACK = 4;
/** Rack power budget when the profile gives none, kW. */
export const FALLBACK_RACK_POWER_KW = 40;
/** Shortest mean spine-to-core run in the central network row, m. */
export const MIN_NETWORK_ROW_SPAN_M = 6;
const MAX_RACKS_PER_ROW = 200;
const MAX_NODES_PER_RACK = 72;

/** Nodes per rack from the profile: a fixed rack product (NVL72), else what the rack's power budget feeds. */
export function profileNodesPerRack(profile: Pick<ServerProfile, 'nodesPerRack' | 'nodePowerKW' | 'rackPowerKW'>): number {
  if (profile.nodesPerRack !== undefined) return profile.nodesPerRack;
  if (profile.nodePowerKW !== undefined && profile.rackPowerKW !== undefined)
    return Math.min(MAX_NODES_PER_RACK, Math.max(1, Math.floor(profile.rackPowerKW / profile.nodePowerKW + 1e-9)));
  return FALLBACK_NODES_PER_RACK;
}

/**
 * Racks per row for a floor of `racks` compute racks: rows of ten while ten rows hold the cluster;
 * beyond that the floor is made about square in metres (so the farthest leaf is as close to the
 * central network row as the floor allows), in whole multiples of 8 racks, up to 200 racks a row. A floor that large is in
 * practice several halls around a central network room; the Manhattan runs are the same.
 */
export function defaultRacksPerRow(racks: number, rackWidthM: number, rowPitchM: number): number {
  if (racks <= ROW_RACKS * ROW_RACKS) return ROW_RACKS;
  // Whole multiples of 8 racks, so leaf groups of power-of-two node counts rarely wrap from one row to the next.
  const square = Math.ceil(Math.sqrt((racks * rowPitchM) / rackWidthM) / 8) * 8;
  return Math.min(MAX_RACKS_PER_ROW, Math.max(ROW_RACKS, square));
}

/**
 * Mean spine-to-core run: the central network row runs across the floor, so two switches in it
 * are on average a third of its length apart; never less than 6 m.
 */
export function defaultNetworkRowSpanM(racksPerRow: number, rackWidthM: number): number {
  const third = (racksPerRow * rackWidthM) / 3;
  return Math.max(MIN_NETWORK_ROW_SPAN_M, Math.round(third * 10) / 10);
}

/** Fills in the layout fields the scenario leaves out, for a cluster of `nodes` servers of `profile`. */
export function resolveLayout(layout: LayoutSpec, profile: ServerProfile, nodes: number): ResolvedLayout {
  const defaulted: DefaultedField[] = [];
  const pick = <T>(field: DefaultedField, given: T | undefined, fallback: () => T): T => {
    if (given !== undefined) return given;
    defaulted.push(field);
    return fallback();
  };
  const nodesPerRack = pick('nodesPerRack', layout.nodesPerRack, () => profileNodesPerRack(profile));
  const computeRacks = Math.ceil(nodes / nodesPerRack);
  const racksPerRow = pick('racksPerRow', layout.racksPerRow, () => defaultRacksPerRow(computeRacks, layout.rackWidthM, layout.rowPitchM));
  const networkRowSpanM = pick('networkRowSpanM', layout.networkRowSpanM, () => defaultNetworkRowSpanM(racksPerRow, layout.rackWidthM));
  const switchesInComputeRack = pick('switchesInComputeRack', layout.switchesInComputeRack, () => profile.switchesInComputeRack ?? true);
  const maxRackPowerKW = pick('maxRackPowerKW', layout.maxRackPowerKW, () => profile.rackPowerKW ?? FALLBACK_RACK_POWER_KW);
  return {
    nodesPerRack, racksPerRow,
    rackWidthM: layout.rackWidthM, rowPitchM: layout.rowPitchM, verticalRunM: layout.verticalRunM, slackFactor: layout.slackFactor,
    networkRowSpanM, switchPlacement: layout.switchPlacement, rackUnitsPerNetworkRack: layout.rackUnitsPerNetworkRack,
    switchesInComputeRack, maxRackPowerKW,
    computeRacks, rows: Math.ceil(computeRacks / racksPerRow),
    defaulted,
  };
}

/** The fabric fields that grow with the cluster, filled in (src/topology/fabric-defaults.ts). */
export type ResolvedFabric = Omit<Scenario['fabric'], 'planes' | 'maxOversubscription'> & { planes: number[]; maxOversubscription: number };

/** A scenario whose floor and fabric defaults are resolved: what both engines search and price. */
export type ResolvedScenario = Omit<Scenario, 'layout' | 'fabric'> & { layout: ResolvedLayout; fabric: ResolvedFabric };

/** The layout as scenario fields (what a user would write to pin this floor). */
export function layoutFields(l: ResolvedLayout): Required<LayoutSpec> {
  return {
    nodesPerRack: l.nodesPerRack, racksPerRow: l.racksPerRow, rackWidthM: l.rackWidthM, rowPitchM: l.rowPitchM,
    verticalRunM: l.verticalRunM, slackFactor: l.slackFactor, networkRowSpanM: l.networkRowSpanM,
    switchPlacement: l.switchPlacement, rackUnitsPerNetworkRack: l.rackUnitsPerNetworkRack,
    switchesInComputeRack: l.switchesInComputeRack, maxRackPowerKW: l.maxRackPowerKW,
  };
}
