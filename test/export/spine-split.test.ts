import { parse as parseCsv } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultCatalog, defaultCatalogInput } from '../../src/catalog/default';
import { CatalogSchema, type Catalog, type CatalogInput } from '../../src/model/catalog';
import { ScenarioSchema } from '../../src/model/scenario';
import { exportSubject, type ExportSubject } from '../../src/export/fabric';
import { exportFormat } from '../../src/export/formats';
import { optimize } from '../../src/topology/optimize';
import { tiersSummary as cliTiers } from '../../src/cli/format';
import { tiersSummary as appTiers } from '../../src/ui/view-model';

// How every export shows a 3-tier spine whose cages are split (docs/model.md "Split port modes"):
// its down ports at the leaves' up speed on the first cages, its up ports at its own up speed on
// the cages they leave, and spine-core links at that speed.

type Row = Record<string, string>;

/** The reference engine's best design of a scenario whose spine pin asks for a split. */
function best(input: object, catalog: Catalog): ExportSubject {
  const r = optimize(ScenarioSchema.parse(input), catalog);
  if (!r.ok) throw new Error(r.reason);
  const s = exportSubject(r.result, catalog, r.result.candidates[0].id);
  if (!s.ok) throw new Error(s.message);
  return s.value;
}

const text = (s: ExportSubject, id: string) => [...exportFormat(id)!.write(s)].join('');
const csv = (s: ExportSubject, id: string): Row[] => parseCsv(text(s, id), { columns: true });
const pins = { tiers: 3, nodesPerLeafGroup: 8 };

let eth: ExportSubject; // 1,024 H100 GPUs on SN5600: 16 leaves, 16 spines split 64 x 400G down / 32 x 800G up, 8 cores of 64 x 800G
let ib: ExportSubject; // 1,024 H100 GPUs on QM9700, 2 planes of 200G: spines split 64 x 200G down / 32 x 400G up

beforeAll(() => {
  eth = best({
    cluster: { gpus: 1024 },
    fabric: { technologies: ['ethernet'], switchModels: ['SN5600'], families: ['fat-tree'], maxTiers: 3, pin: { ...pins, leaf: { downPorts: 64, upPorts: 64 }, spine: { upPortMode: '64x800G' } } },
    search: { topK: 1 },
  }, defaultCatalog);
  // QM9700's twin-port cages as 4 x 200G toward the leaves and 2 x 400G toward the cores (a cage split the default catalog does not list).
  const input = structuredClone(defaultCatalogInput) as CatalogInput;
  input.switches!.find((s) => s.id === 'QM9700')!.cageSplits = [{ down: '128x200G', up: '64x400G' }];
  ib = best({
    cluster: { gpus: 1024 },
    fabric: { technologies: ['infiniband'], switchModels: ['QM9700'], planes: [2], families: ['fat-tree'], maxTiers: 3, pin: { ...pins, leaf: { downPorts: 64, upPorts: 64 }, spine: { upPortMode: '64x400G' } } },
    search: { topK: 1 },
  }, CatalogSchema.parse(input));
});

/** The device names of a tier, from the device listing. */
const named = (s: ExportSubject, role: string) => [...s.listing.devices()].filter((d) => d.role === role).map((d) => d.name);

describe('a split 3-tier spine in the exports', () => {
  it('is the design under test: SN5600 spines 128x400G down / 64x800G up, 64 down / 32 up, over 64 x 800G cores', () => {
    const c = eth.candidate;
    expect(c.id).toBe('ft-eth-p1-n8-SN5600.128x400G.64d64u-SN5600.128x400G+64x800G.64d32u-SN5600.64x800G.64d-pod2l2s');
    expect(c.tiers[1]).toMatchObject({ count: 16, portMode: '128x400G', upPortMode: '64x800G', portGbps: 400, upPortGbps: 800, downPorts: 64, upPorts: 32, radix: 96 });
    expect(c.tiers[2]).toMatchObject({ count: 8, portMode: '64x800G', portGbps: 800 });
    expect(c.links.map((l) => [l.between, l.count, l.gbps])).toEqual([['node-leaf', 1024, 400], ['leaf-spine', 1024, 400], ['spine-core', 512, 800]]);
  });

  it('reads "16 x SN5600 spine (64x400G down / 32x800G up)" in the CLI table and the app', () => {
    expect(appTiers(eth.candidate)).toBe('16 x SN5600 leaf / 16 x SN5600 spine (64x400G down / 32x800G up) / 8 x SN5600 core');
    // The CLI also says how the spines form pods.
    expect(cliTiers(eth.candidate)).toBe('16 x SN5600 leaf / 16 x SN5600 spine (64x400G down / 32x800G up) (8 pods of 2 leaves) / 8 x SN5600 core');
  });

  it('lists each spine\'s 64 down ports at 400G on cages 1-32 and its 32 up ports at 800G on cages 33-64 in the NetBox interfaces, and each core\'s 64 ports at 800G', () => {
    const rows = csv(eth, 'netbox-interfaces');
    for (const spine of named(eth, 'spine')) {
      const mine = rows.filter((r) => r.device === spine);
      expect(mine).toHaveLength(96);
      const down = mine.filter((r) => r.speed === String(400_000_000));
      const up = mine.filter((r) => r.speed === String(800_000_000));
      expect(down).toHaveLength(64);
      expect(new Set(down.map((r) => r.description))).toEqual(new Set(Array.from({ length: 32 }, (_, i) => `cage ${i + 1}`)));
      expect(up.map((r) => [r.name, r.description])).toEqual(Array.from({ length: 32 }, (_, i) => [`swp${i + 33}`, `cage ${i + 33}`]));
      expect(up.every((r) => /^800gbase/.test(r.type))).toBe(true);
    }
    for (const core of named(eth, 'core')) {
      const mine = rows.filter((r) => r.device === core);
      expect(mine).toHaveLength(64);
      expect(mine.every((r) => r.speed === String(800_000_000))).toBe(true);
    }
  });

  it('cables each spine\'s up ports swp33-swp64 to core ports in the cable schedule, one 800G link per cable, and its down ports swp1s0-swp32s1 to the leaves', () => {
    const rows = csv(eth, 'cables-csv');
    const spines = new Set(named(eth, 'spine'));
    const cores = new Set(named(eth, 'core'));
    const up = rows.filter((r) => r.link_class === 'spine-core');
    expect(up).toHaveLength(512);
    for (const r of up) {
      expect(spines.has(r.a_device)).toBe(true);
      expect(r.a_port).toMatch(/^swp(3[3-9]|[45]\d|6[0-4])$/);
      expect(cores.has(r.b1_device)).toBe(true);
      expect(r.b1_port).toMatch(/^swp([1-9]|[1-5]\d|6[0-4])$/);
      expect(r.links).toBe('1');
    }
    // Every spine uses each of its 32 up ports once.
    for (const spine of spines) expect(new Set(up.filter((r) => r.a_device === spine).map((r) => r.a_port)).size).toBe(32);
    const downPorts = new Set(rows.filter((r) => r.link_class === 'leaf-spine').flatMap((r) => [1, 2].map((k) => r[`b${k}_device`] && spines.has(r[`b${k}_device`]) ? r[`b${k}_port`] : '')).filter(Boolean).flatMap((p) => p.split('+')));
    expect([...downPorts].every((p) => /^swp([1-9]|[12]\d|3[0-2])(s[01])?$/.test(p))).toBe(true);
  });

  it('wires the same spine ports in containerlab, the DOT drawing and the NetBox cables, and labels spine-core links 800G', () => {
    const lab = text(eth, 'containerlab');
    const spines = named(eth, 'spine');
    const cores = new Set(named(eth, 'core'));
    const endpoints = [...lab.matchAll(/- endpoints: \["([^:"]+):([^"]+)", "([^:"]+):([^"]+)"\]/g)];
    const spineUp = endpoints.filter((m) => spines.includes(m[1]) && cores.has(m[3]));
    expect(spineUp).toHaveLength(512);
    expect(spineUp.every((m) => /^swp(3[3-9]|[45]\d|6[0-4])$/.test(m[2]))).toBe(true);
    const dot = text(eth, 'dot');
    expect(dot).toContain('128x400G down / 64x800G up: 64 down / 32 up');
    expect(dot).toMatch(/p1_spine -- p1_core \[label="512 links x 800G/);
    const full = text(eth, 'dot-full');
    expect(full).toMatch(new RegExp(`"${spines[0]}" -- "[^"]+" \\[taillabel="swp33"`));
    const cables = csv(eth, 'netbox-cables').filter((r) => spines.includes(r.side_a_device) && cores.has(r.side_b_device));
    expect(cables).toHaveLength(512);
    expect(cables.every((r) => /^swp(3[3-9]|[45]\d|6[0-4])$/.test(r.side_a_name))).toBe(true);
  });

  it('counts the split spines and their cores in the BOM, rack CSV and topology.conf, and the spine-core media at 800G', () => {
    const bom = csv(eth, 'bom-csv');
    const switches = bom.filter((r) => r.category === 'switch' && r.row === 'item');
    expect(switches.reduce((n, r) => n + Number(r.quantity), 0)).toBe(16 + 16 + 8);
    const media = eth.candidate.links[2].media;
    expect(media.every((m) => m.recipe.startsWith('ss.800g.osfp.eth'))).toBe(true);
    expect(media.reduce((n, m) => n + m.count, 0)).toBe(512);
    const racks = csv(eth, 'rack-csv');
    expect(racks.filter((r) => r.role === 'spine')).toHaveLength(16);
    expect(racks.filter((r) => r.role === 'core')).toHaveLength(8);
    const conf = text(eth, 'topology-conf');
    expect(eth.listing.shape.pods).toBe(8);
    expect(conf).toContain('SwitchName=core Switches=pod[01-08]');
  });

  it('prints spine-core links of an InfiniBand split spine at its up speed in ibnetdiscover (4xNDR), leaf-spine links at 2xNDR, and numbers its up ports 65-96', () => {
    const c = ib.candidate;
    expect(c.tiers[1]).toMatchObject({ portMode: '128x200G', upPortMode: '64x400G', portGbps: 200, upPortGbps: 400, downPorts: 64, upPorts: 32, radix: 96 });
    expect(c.links.map((l) => l.gbps)).toEqual([200, 200, 400]);
    const topo = text(ib, 'ibnetdiscover');
    const spine = named(ib, 'spine')[0];
    const cores = named(ib, 'core');
    const blocks = topo.split('\n\n');
    // A switch's block: its Switch line names it (peers are named on the port lines).
    const blockOf = (name: string) => blocks.find((b) => b.includes(`\t\t# "${name}" QM9700 enhanced port 0`))!;
    const block = blockOf(spine);
    expect(block).toMatch(/^Switch\t96 /m);
    const ports = [...block.matchAll(/^\[(\d+)\]\t"S-[0-9a-f]+"\[(\d+)\]\t\t# "([^"]+)" lid 0 (\S+)$/gm)];
    expect(ports).toHaveLength(96);
    for (const [, port, , peer, rate] of ports) {
      const up = Number(port) > 64;
      expect(cores.includes(peer)).toBe(up);
      expect(rate).toBe(up ? '4xNDR' : '2xNDR');
    }
    // The cores see the same links at 4xNDR.
    const coreBlock = blockOf(cores[0]);
    expect([...coreBlock.matchAll(/lid 0 (\S+)$/gm)].map((m) => m[1]).every((r) => r === '4xNDR')).toBe(true);
  });

  it('names an InfiniBand split spine\'s up ports by cage and lane on the cages its down ports leave (17/1 ... 32/2), at 400G in NetBox', () => {
    const rows = csv(ib, 'netbox-interfaces').filter((r) => r.device === named(ib, 'spine')[0]);
    const up = rows.filter((r) => r.speed === String(400_000_000));
    expect(up.map((r) => r.name)).toEqual(Array.from({ length: 32 }, (_, i) => `${17 + Math.floor(i / 2)}/${(i % 2) + 1}`));
    expect(rows.filter((r) => r.speed === String(200_000_000)).map((r) => r.name).slice(0, 5)).toEqual(['1/1', '1/2', '1/3', '1/4', '2/1']);
  });
});
