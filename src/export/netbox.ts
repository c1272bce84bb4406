import type { Cable as CatalogCable, CageType } from '../model/catalog';
import { bomPartNumber } from '../topology/bom';
import { nicPortName } from '../topology/naming';
import { csvRow } from './csv';
import type { ExportSubject } from './fabric';
import { rackPhase } from './phase-view';

/**
 * The fabric as the CSV files NetBox's bulk import takes (Import on each object list, or the
 * REST/CSV import), one file per object type, imported in this order: sites, racks,
 * manufacturers, device roles, device types, devices, interfaces, cables. Column names are the
 * import form fields of NetBox 3.x and 4.x (dcim/forms/bulk_import.py); references are by name
 * (a device's `rack`, a cable's `side_a_device` and `side_a_name`), so every file must be
 * imported after the ones it refers to. Everything is `planned`: the design is not built yet.
 *
 * NetBox's cable import takes one termination per side, so a splitter cable is imported as one
 * cable per leg, each labelled with the physical cable's ID and its leg (`C0001-1`, `C0001-2`).
 */

export interface NetboxTable {
  id: string;
  label: string;
  columns: readonly string[];
  rows: (s: ExportSubject) => Iterable<string>;
}

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9_]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 100) || 'x';
const SERVER_VENDOR = 'Generic';
const ROLE_COLORS: Record<string, string> = { server: '9e9e9e', leaf: '2196f3', spine: '4caf50', core: 'ff9800' };
const IB_LANE: Record<number, string> = { 25: 'edr', 50: 'hdr', 100: 'ndr', 200: 'xdr' };
const ETH_CAGE: Record<CageType, string> = { OSFP: 'osfp', 'QSFP-DD': 'qsfpdd', QSFP112: 'qsfp112', QSFP56: 'qsfp56', QSFP28: 'qsfp28' };
/** Ethernet interface types NetBox knows (InterfaceTypeChoices) for the cages Railyard models. */
const NETBOX_ETH_TYPES = new Set([
  '100gbase-x-qsfp28', '200gbase-x-qsfp56', '200gbase-x-qsfpdd', '400gbase-x-qsfp112', '400gbase-x-qsfpdd', '400gbase-x-osfp',
  '800gbase-x-qsfpdd', '800gbase-x-osfp',
]);

/** NetBox's interface type for a port of `gbps` in a cage of `cage` (an InfiniBand port is typed by its lane rate). */
export function netboxInterfaceType(technology: 'infiniband' | 'ethernet', gbps: number, cage: string | undefined): string {
  if (technology === 'infiniband') {
    const lane = IB_LANE[gbps / 4] ?? IB_LANE[gbps / 2];
    return lane ? `infiniband-${lane}` : 'other';
  }
  const t = `${gbps}gbase-x-${ETH_CAGE[cage as CageType] ?? ''}`;
  return NETBOX_ETH_TYPES.has(t) ? t : 'other';
}

/** NetBox's cable type for a catalog cable: passive or active copper, AOC, or the fibre by its grade. */
export function netboxCableType(c: Pick<CatalogCable, 'kind' | 'name' | 'model'> | undefined): string {
  if (!c) return '';
  if (c.kind === 'dac') return 'dac-passive';
  if (c.kind === 'acc') return 'dac-active';
  if (c.kind === 'aoc') return 'aoc';
  const text = `${c.name} ${c.model}`;
  if (/\bOM4\b/i.test(text)) return 'mmf-om4';
  if (/\bOM3\b/i.test(text)) return 'mmf-om3';
  if (/\bOM5\b/i.test(text)) return 'mmf-om5';
  if (/\bOS2\b/i.test(text)) return 'smf-os2';
  if (/multimode|multi-mode|\bMMF\b/i.test(text)) return 'mmf';
  if (/single-mode|singlemode|\bSMF\b/i.test(text)) return 'smf';
  return '';
}

/** The site every rack and device belongs to: the scenario's name, or one named after the design. */
export function netboxSite(s: ExportSubject): string {
  return s.result.scenario.name?.trim() || `Railyard ${s.candidate.id}`.slice(0, 100);
}

function switchVendors(s: ExportSubject): Map<string, { vendor: string; rackUnits: number; id: string; cage: string }> {
  const m = new Map<string, { vendor: string; rackUnits: number; id: string; cage: string }>();
  for (const t of s.candidate.tiers) {
    const sw = s.catalog.switches.find((x) => x.id === t.switchId) ?? s.catalog.switches.find((x) => x.model === t.switchModel);
    m.set(t.switchModel, { vendor: sw?.vendor ?? 'Unknown', rackUnits: sw?.rackUnits ?? 1, id: t.switchId, cage: sw?.cageType ?? '' });
  }
  return m;
}

/**
 * A phase after the first adds no site, manufacturer, role or device type: phase 1 installs a
 * switch of every tier (the first leaf group, every spine of a 2-tier fabric or the first pod's,
 * every core) and its first servers, so those objects exist once phase 1 is imported.
 */
const laterPhase = (s: ExportSubject) => s.phase !== undefined && s.phase.phase > 1;

const serverType = (s: ExportSubject) => `${s.result.scenario.cluster.serverProfile} server`;

export const NETBOX_TABLES: NetboxTable[] = [
  {
    id: 'sites', label: 'NetBox sites CSV', columns: ['name', 'slug', 'status', 'description'],
    *rows(s) {
      if (laterPhase(s)) return;
      const site = netboxSite(s);
      yield csvRow([site, slug(site), 'planned', `AI fabric designed by Railyard (${s.candidate.id})`]);
    },
  },
  {
    id: 'racks', label: 'NetBox racks CSV', columns: ['site', 'name', 'status', 'width', 'u_height', 'description'],
    *rows(s) {
      const site = netboxSite(s);
      for (const r of s.listing.placement().racks)
        if (!s.phase || rackPhase(s.listing, r.index) === s.phase.phase)
          yield csvRow([site, r.name, 'planned', 19, r.heightU, `hall ${r.hall}, row ${r.row}, ${r.kind} rack ${r.position}`]);
    },
  },
  {
    id: 'manufacturers', label: 'NetBox manufacturers CSV', columns: ['name', 'slug'],
    *rows(s) {
      if (laterPhase(s)) return;
      const names = new Set([...switchVendors(s).values()].map((v) => v.vendor));
      names.add(SERVER_VENDOR);
      for (const n of names) yield csvRow([n, slug(n)]);
    },
  },
  {
    id: 'device-roles', label: 'NetBox device roles CSV', columns: ['name', 'slug', 'color'],
    *rows(s) {
      if (laterPhase(s)) return;
      for (const role of ['server', ...s.candidate.tiers.map((t) => t.role)]) yield csvRow([role, role, ROLE_COLORS[role]]);
    },
  },
  {
    id: 'device-types', label: 'NetBox device types CSV', columns: ['manufacturer', 'model', 'slug', 'part_number', 'u_height', 'is_full_depth', 'description'],
    *rows(s) {
      if (laterPhase(s)) return;
      for (const [model, v] of switchVendors(s)) yield csvRow([v.vendor, model, slug(`${v.vendor}-${model}`), model, v.rackUnits, 'true', `${v.id} switch`]);
      // Servers: the chassis height is not in the catalog; NetBox takes 1 U until you set it.
      const t = serverType(s);
      yield csvRow([SERVER_VENDOR, t, slug(t), '', '', 'true', 'GPU server (set the manufacturer, model and height of your chassis)']);
    },
  },
  {
    id: 'devices', label: 'NetBox devices CSV', columns: ['name', 'role', 'manufacturer', 'device_type', 'status', 'site', 'rack', 'position', 'face'],
    *rows(s) {
      const site = netboxSite(s);
      const vendors = switchVendors(s);
      const server = serverType(s);
      for (const d of s.listing.devices()) {
        if (d.role === 'node') yield csvRow([d.name, 'server', SERVER_VENDOR, server, 'planned', site, d.rack, '', '']);
        else yield csvRow([d.name, d.role, vendors.get(d.model!)!.vendor, d.model!, 'planned', site, d.rack, d.u, 'front']);
      }
    },
  },
  {
    id: 'interfaces', label: 'NetBox interfaces CSV', columns: ['device', 'name', 'type', 'speed', 'description'],
    *rows(s) {
      const c = s.candidate;
      const tech = c.technology;
      const vendors = switchVendors(s);
      const P = c.planes;
      const rails = s.listing.shape.rails;
      const nicType = netboxInterfaceType(tech, c.linkGbps, nicCage(s));
      const tierOf = new Map(c.tiers.map((t, i) => [t.role, i]));
      for (const d of s.listing.devices()) {
        if (d.role === 'node') {
          for (let r = 0; r < rails; r++)
            for (let p = 0; p < P; p++) yield csvRow([d.name, nicPortName(r, p, P), nicType, c.linkGbps * 1000_000, `rail ${r + 1}${P > 1 ? `, plane ${p + 1}` : ''}`]);
          continue;
        }
        const tier = tierOf.get(d.role)!;
        const t = c.tiers[tier];
        const pn = s.listing.portNamer(tier);
        const type = netboxInterfaceType(tech, t.portGbps, vendors.get(t.switchModel)!.cage);
        // A cage split's up ports (after its down ports) run the up mode's speed.
        const upType = t.upPortGbps !== undefined ? netboxInterfaceType(tech, t.upPortGbps, vendors.get(t.switchModel)!.cage) : type;
        for (let q = 1; q <= d.ports; q++) {
          const up = t.upPortGbps !== undefined && q > t.downPorts;
          yield csvRow([d.name, pn.port(q), up ? upType : type, (up ? t.upPortGbps! : t.portGbps) * 1000_000, `cage ${pn.cageOf(q)}`]);
        }
      }
    },
  },
  {
    id: 'cables', label: 'NetBox cables CSV',
    columns: ['side_a_device', 'side_a_type', 'side_a_name', 'side_b_device', 'side_b_type', 'side_b_name', 'type', 'status', 'label', 'length', 'length_unit', 'description'],
    *rows(s) {
      const catalogCables = new Map(s.catalog.cables.map((x) => [x.id, x]));
      for (const cable of s.listing.cables()) {
        const legs = cable.links.length;
        const part = catalogCables.get(cable.cablePart);
        const type = netboxCableType(part);
        // The number to order at this length (the family when the catalog lists none), as in the cable schedule.
        const partNumber = part ? bomPartNumber('cable', part.model, cable.cableLengthCm / 100, part.partNumbers).partNumber : s.modelOf(cable.cablePart);
        for (let i = 0; i < legs; i++) {
          const l = cable.links[i];
          // A phase records the legs it plugs (a splitter pulled earlier gets its free leg now).
          if (s.phase && l.phase !== s.phase.phase) continue;
          // Side A is the cable's A end (the switch a crew works from).
          const [a, b] = l.b.device === cable.a.device && l.a.device !== cable.a.device ? [l.b, l.a] : [l.a, l.b];
          const label = legs > 1 ? `${cable.id}-${i + 1}` : cable.id;
          const description = `${legs > 1 ? `leg ${i + 1} of ${legs} of ` : ''}${cable.id}, ${partNumber}`;
          yield csvRow([a.device, 'dcim.interface', a.port, b.device, 'dcim.interface', b.port, type, 'planned', label, cable.cableLengthCm / 100, 'm', description]);
        }
      }
    },
  },
];

/** The NIC's cage from the server profile's NIC form factor (OSFP, QSFP112, ...). */
function nicCage(s: ExportSubject): string | undefined {
  const profile = s.catalog.serverProfiles.find((p) => p.id === s.result.scenario.cluster.serverProfile);
  const nic = s.catalog.nics.find((n) => n.id === profile?.nic);
  const ff = nic?.formFactor.toUpperCase() ?? '';
  return ff.includes('OSFP') ? 'OSFP' : ff.includes('QSFP112') ? 'QSFP112' : ff.includes('QSFP-DD') ? 'QSFP-DD' : ff.includes('QSFP56') ? 'QSFP56' : ff.includes('QSFP28') ? 'QSFP28' : undefined;
}

/** One NetBox table as a CSV file: the header, then its rows. */
export function* netboxCsv(table: NetboxTable, s: ExportSubject): Generator<string> {
  yield csvRow(table.columns);
  yield* table.rows(s);
}
