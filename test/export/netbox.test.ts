import { parse as parseCsv } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ExportSubject } from '../../src/export/fabric';
import { bestSubject } from './best-subject';
import { EXPORT_FORMATS, exportFormat } from '../../src/export/formats';
import { NETBOX_TABLES } from '../../src/export/netbox';

type Row = Record<string, string>;
const table = (id: string, s: ExportSubject): Row[] => parseCsv([...exportFormat(`netbox-${id}`)!.write(s)].join(''), { columns: true });

const subject = bestSubject;

let ib: ExportSubject; // the 1,024-GPU NDR example: top-of-rack leaves, spines in the network row
let eth: ExportSubject; // 2-plane RoCE, rail-optimized
let nvl: ExportSubject; // GB200 NVL72: leaves in network racks in the rows

beforeAll(() => {
  ib = subject({ name: '1,024 x H100 on NDR InfiniBand', cluster: { gpus: 1024 }, fabric: { technologies: ['infiniband'] } });
  eth = subject({ cluster: { gpus: 128, serverProfile: 'hgx-b300-8x800g' }, fabric: { technologies: ['ethernet'], planes: [2], families: ['rail-optimized'], maxTiers: 2 }, search: { topK: 1 } });
  nvl = subject({ cluster: { gpus: 1152, serverProfile: 'gb200-nvl72' }, fabric: { technologies: ['infiniband'] }, search: { topK: 1 } });
});

describe('NetBox import files', () => {
  it('are registered as one export format per NetBox object type, in import order', () => {
    expect(EXPORT_FORMATS.filter((f) => f.group === 'netbox').map((f) => f.id)).toEqual(
      ['netbox-sites', 'netbox-racks', 'netbox-manufacturers', 'netbox-device-roles', 'netbox-device-types', 'netbox-devices', 'netbox-interfaces', 'netbox-cables'],
    );
    for (const t of NETBOX_TABLES) expect(Object.keys(table(t.id, ib)[0])).toEqual([...t.columns]);
  });

  for (const [name, get] of [['InfiniBand, top of rack', () => ib], ['Ethernet, 2 planes', () => eth], ['NVL72, leaves in network racks', () => nvl]] as const) {
    it(`hold references that all resolve: racks in the site, devices of known types and roles in known racks, cables between existing interfaces (${name})`, () => {
      const s = get();
      const sites = table('sites', s);
      const racks = table('racks', s);
      const makers = new Set(table('manufacturers', s).map((r) => r.name));
      const roles = new Set(table('device-roles', s).map((r) => r.name));
      const types = new Map(table('device-types', s).map((r) => [r.model, r]));
      const devices = table('devices', s);
      const interfaces = table('interfaces', s);
      const cables = table('cables', s);
      expect(sites).toHaveLength(1);
      const rackHeight = new Map(racks.map((r) => [r.name, Number(r.u_height)]));
      expect(rackHeight.size).toBe(racks.length);
      expect(racks.every((r) => r.site === sites[0].name)).toBe(true);
      for (const t of types.values()) expect(makers.has(t.manufacturer)).toBe(true);
      const names = new Set<string>();
      for (const d of devices) {
        expect(names.has(d.name)).toBe(false);
        names.add(d.name);
        expect(roles.has(d.role)).toBe(true);
        expect(types.get(d.device_type)?.manufacturer).toBe(d.manufacturer);
        expect(d.site).toBe(sites[0].name);
        expect(rackHeight.has(d.rack)).toBe(true);
      }
      // Counts: every server and switch once, every port of every switch and every NIC port as an interface.
      const c = s.candidate;
      const nodes = devices.filter((d) => d.role === 'server').length;
      expect(devices.length - nodes).toBe(c.metrics.switchCount);
      expect(interfaces.length).toBe(c.tiers.reduce((x, t) => x + t.count * t.radix, 0) + nodes * s.listing.shape.rails * c.planes);
      const iface = new Set(interfaces.map((r) => `${r.device}|${r.name}`));
      expect(iface.size).toBe(interfaces.length);
      for (const r of interfaces) expect(names.has(r.device)).toBe(true);
      // Every cable's two terminations are interfaces of devices in the file, each cabled once.
      expect(cables.length).toBe(c.metrics.linkCount);
      const cabled = new Set<string>();
      for (const r of cables) {
        for (const side of ['a', 'b']) {
          expect(r[`side_${side}_type`]).toBe('dcim.interface');
          const key = `${r[`side_${side}_device`]}|${r[`side_${side}_name`]}`;
          expect(iface.has(key), key).toBe(true);
          expect(cabled.has(key), key).toBe(false);
          cabled.add(key);
        }
        expect(r.length_unit).toBe('m');
        expect(Number(r.length)).toBeGreaterThan(0);
      }
    });

    it(`positions switches inside their racks without overlap (${name})`, () => {
      const s = get();
      const height = new Map(table('racks', s).map((r) => [r.name, Number(r.u_height)]));
      const ru = new Map(table('device-types', s).map((r) => [r.model, Number(r.u_height)]));
      const used = new Map<string, Set<number>>();
      for (const d of table('devices', s)) {
        if (d.role === 'server') {
          expect(d.position).toBe('');
          continue;
        }
        const from = Number(d.position);
        const h = ru.get(d.device_type)!;
        expect(from).toBeGreaterThanOrEqual(1);
        expect(from + h - 1).toBeLessThanOrEqual(height.get(d.rack)!);
        expect(d.face).toBe('front');
        let u = used.get(d.rack);
        if (!u) used.set(d.rack, (u = new Set()));
        for (let x = from; x < from + h; x++) {
          expect(u.has(x), `${d.rack} U${x}`).toBe(false);
          u.add(x);
        }
      }
    });
  }

  it('labels each leg of a splitter with the cable ID and its leg, and types media as NetBox does', () => {
    const cables = table('cables', ib);
    const splitterLegs = cables.filter((r) => /-\d$/.test(r.label));
    expect(splitterLegs.length).toBe(1024);
    expect(new Set(splitterLegs.map((r) => r.label.replace(/-\d$/, ''))).size).toBe(512);
    expect(new Set(cables.map((r) => r.type))).toEqual(new Set(['dac-passive', 'mmf-om4']));
    const ifaces = table('interfaces', ib);
    expect(new Set(ifaces.map((r) => r.type))).toEqual(new Set(['infiniband-ndr']));
  });

  it('types Ethernet ports by speed and cage (400GbE in an OSFP cage)', () => {
    const types = new Set(table('interfaces', eth).map((r) => r.type));
    expect([...types].every((t) => /^\d+gbase-x-[a-z0-9]+$/.test(t) || t === 'other')).toBe(true);
    expect(types.has('400gbase-x-osfp')).toBe(true);
  });
});
