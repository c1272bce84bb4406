import fc from 'fast-check';
import { parse as parseCsv } from 'csv-parse/sync';
import { parse as parseYaml } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/catalog/default';
import { BOM_CSV_COLUMNS } from '../../src/export/bom-csv';
import { neutraliseFormulaText, restoreFormulaText } from '../../src/export/csv';
import { dot } from '../../src/export/dot';
import { ibnetdiscoverText, oneLine } from '../../src/export/escape';
import type { ExportSubject } from '../../src/export/fabric';
import { exportFormat } from '../../src/export/formats';
import { applyPriceList, priceListCsv } from '../../src/state/price-list';
import { expectedIbnetdiscover, graphvizRead, parseIbnetdiscover, parseTopologyConf } from './grammars';
import { hostileCatalog, hostileSubject, hostileText, hostileTexts, smallFixtures, type Fixture, type HostileTexts } from './hostile';

/**
 * Every export, written from a catalog and result whose every free-text field is hostile, must
 * still parse to exactly the devices and links of the candidate, and no CSV cell made from text may
 * start with a formula character.
 */

const RUNS = 12; // hostile text sets per fixture: small fabrics, so the whole file runs in a few seconds
const FORMULA_START = /^[=+\-@\t\r]/;
const text = (id: string, s: ExportSubject) => [...exportFormat(id)!.write(s)].join('');
/** What a file can carry of a JS string: lone surrogates have no UTF-8 form (csv-parse reads them back as U+FFFD). */
const wellFormed = (s: string) => s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

let fixtures: Fixture[] = [];

beforeAll(() => {
  fixtures = smallFixtures();
});

/**
 * The hostile cases every format is checked on: RUNS generated text sets per fixture, built once
 * (rebuilding a catalog and a fabric is most of the cost) from a seed that a failure reports.
 */
const SEED = Date.now() % 2 ** 31;
let cases: { fixture: Fixture; texts: HostileTexts; subject: ExportSubject }[] = [];

beforeAll(() => {
  const texts = fc.sample(hostileTexts, { numRuns: RUNS, seed: SEED });
  cases = fixtures.flatMap((fixture) => texts.map((t) => ({ fixture, texts: t, subject: hostileSubject(fixture, defaultCatalog, t) })));
});

const forEachFixture = (check: (s: ExportSubject, f: Fixture) => void, only?: 'infiniband' | 'ethernet') => {
  for (const c of cases) {
    if (only && c.fixture.design.technology !== only) continue;
    try {
      check(c.subject, c.fixture);
    } catch (e) {
      throw new Error(`${c.fixture.label}, seed ${SEED}, texts ${JSON.stringify(c.texts)}:\n${(e as Error).message}`, { cause: e });
    }
  }
};

describe('exports under hostile catalog, scenario and result text', () => {
  it('cable schedule CSV: one row per physical cable with its exact ends, part models read back, no text cell starts a formula', () => {
    forEachFixture((s) => {
      const csv = text('cables-csv', s);
      const rows: Record<string, string>[] = parseCsv(csv, { columns: true });
      const cables = [...s.listing.cables()];
      expect(rows.length).toBe(cables.length);
      const model = (part?: string) => (part ? wellFormed(s.modelOf(part)) : '');
      const ends = (r: Record<string, string>) => {
        const out: string[][] = [];
        for (let k = 1; r[`b${k}_device`] !== undefined; k++) if (r[`b${k}_device`]) out.push([r[`b${k}_device`], r[`b${k}_port`], restoreFormulaText(r[`b${k}_transceiver`])]);
        return out;
      };
      expect(rows.map((r) => [r.cable_id, r.plane, r.link_class, r.media_recipe, r.a_device, r.a_port, restoreFormulaText(r.a_transceiver), ends(r),
        Number(r.cable_length_m), Number(r.run_length_m)]))
        .toEqual(cables.map((c) => [c.id, String(c.plane), c.linkClass, c.recipe, c.a.device, c.a.port, model(c.a.transceiver),
          c.b.map((b) => [b.device, b.port, model(b.transceiver)]), c.cableLengthCm / 100, c.runLengthCm / 100]));
      // A cable part number is the catalog's length-coded number or the family model as written.
      for (const [i, r] of rows.entries()) {
        const cable = s.catalog.cables.find((x) => x.id === cables[i].cablePart)!;
        const coded = cable.partNumbers?.[String(cables[i].cableLengthCm / 100)];
        expect([restoreFormulaText(r.cable_part_number), r.part_number_kind]).toEqual(coded ? [coded, 'orderable'] : [wellFormed(cable.model), 'family']);
      }
      const columns = Object.keys(rows[0]);
      const formulaCells = rows.flatMap((r) => columns.map((col) => r[col]).filter((cell) => FORMULA_START.test(cell)));
      expect(formulaCells).toEqual([]);
    });
  });

  it('BOM CSV: one row per BOM line, text reads back exactly, numbers stay numbers, no text cell starts a formula', () => {
    forEachFixture((s) => {
      const rows = (parseCsv(text('bom-csv', s), { columns: true }) as Record<string, string>[]).filter((r) => r.row === 'item');
      expect(Object.keys(rows[0])).toEqual([...BOM_CSV_COLUMNS]);
      expect(rows.length).toBe(s.candidate.bom.length);
      const byKey = new Map(s.candidate.bom.map((l) => [`${l.part}|${l.offer}|${l.lengthM ?? ''}`, l]));
      for (const r of rows) {
        const l = byKey.get(`${r.part}|${r.offer}|${r.lengthM}`)!;
        expect(l).toBeDefined();
        for (const col of BOM_CSV_COLUMNS) expect(r[col]).not.toMatch(FORMULA_START);
        expect({ model: restoreFormulaText(r.model), name: restoreFormulaText(r.name), vendor: restoreFormulaText(r.vendor), currency: restoreFormulaText(r.currency) })
          .toEqual({ model: wellFormed(l.model), name: wellFormed(l.name), vendor: wellFormed(l.vendor), currency: wellFormed(s.result.currency) });
        expect([Number(r.quantity), Number(r.unitPrice), Number(r.extendedPrice)]).toEqual([l.quantity, l.unitPrice, l.extendedPrice]);
      }
    });
  });

  it('ibnetdiscover: every switch and HCA once with exactly its cabled ports and peers, models on their own line', () => {
    forEachFixture((s) => {
      const listing = parseIbnetdiscover(text('ibnetdiscover', s));
      const expected = expectedIbnetdiscover(s);
      const switches = [...s.listing.devices()].filter((d) => d.role !== 'node');
      expect([...listing.switches.keys()].sort()).toEqual(switches.map((d) => d.name).sort());
      for (const d of switches) {
        const sw = listing.switches.get(d.name)!;
        expect(sw.model).toBe(ibnetdiscoverText(d.model!));
        expect(sw.radix).toBe(d.ports);
        expect(sw.ports).toEqual(expected.switchPorts.get(d.name) ?? new Map());
      }
      expect(listing.cas).toEqual(expected.caPorts);
    }, 'infiniband');
  });

  it('Slurm topology.conf: only comments and SwitchName records, every node exactly once', () => {
    forEachFixture((s) => {
      const entries = parseTopologyConf(text('topology-conf', s));
      const nodes = entries.filter((e) => e.kind === 'Nodes').flatMap((e) => e.members);
      expect(nodes.sort()).toEqual([...s.listing.devices()].filter((d) => d.role === 'node').map((d) => d.name).sort());
      const defined = new Set(entries.map((e) => e.name));
      for (const e of entries.filter((x) => x.kind === 'Switches')) for (const m of e.members) expect(defined.has(m)).toBe(true);
    });
  });

  it('containerlab YAML: exactly the devices as nodes with their model text intact, exactly the links', () => {
    forEachFixture((s) => {
      const doc = parseYaml(text('containerlab', s)) as { name: string; topology: { nodes: Record<string, { kind: string; labels: Record<string, string> }>; links: { endpoints: string[] }[] } };
      expect(Object.keys(doc)).toEqual(['name', 'topology']);
      const devices = [...s.listing.devices()];
      expect(Object.keys(doc.topology.nodes).sort()).toEqual(devices.map((d) => d.name).sort());
      for (const d of devices) if (d.role !== 'node') expect(doc.topology.nodes[d.name].labels.model).toBe(wellFormed(d.model!));
      const pairs = (ps: [string, string][]) => ps.map((p) => p.join(' ~ ')).sort();
      expect(pairs(doc.topology.links.map((l) => l.endpoints.map((e) => e.slice(0, e.lastIndexOf(':'))) as [string, string])))
        .toEqual(pairs([...s.listing.links()].map((l) => [l.a.device, l.b.device])));
    }, 'ethernet');
  });

  it('DOT (every device): Graphviz reads exactly the devices and links, and draws each model as written', () => {
    forEachFixture((s) => {
      const g = graphvizRead(text('dot-full', s));
      const devices = [...s.listing.devices()];
      expect([...g.nodes.keys()].sort()).toEqual(devices.map((d) => d.name).sort());
      for (const d of devices) expect(g.nodes.get(d.name)!.label).toEqual(d.role === 'node' ? [d.name] : [d.name, oneLine(d.model!)]);
      const key = (a: string, ap: string, b: string, bp: string) => `${a}[${ap}] ~ ${b}[${bp}]`;
      expect(g.edges.map((e) => key(e.tail, e.tailLabel.join(), e.head, e.headLabel.join())).sort())
        .toEqual([...s.listing.links()].map((l) => key(l.a.device, l.a.port, l.b.device, l.b.port)).sort());
    });
  });

  it('DOT (aggregated): Graphviz reads one box per tier and plane, labelled with the model and port mode as written', () => {
    forEachFixture((s) => {
      const c = s.candidate;
      const g = graphvizRead([...dot(s, 'aggregated')].join(''));
      const boxes = Array.from({ length: c.planes }, (_, p) => c.tiers.map((t) => `p${p + 1}_${t.role}`)).flat();
      expect([...g.nodes.keys()].sort()).toEqual(['nodes', ...boxes].sort());
      for (let p = 1; p <= c.planes; p++)
        for (const t of c.tiers)
          expect(g.nodes.get(`p${p}_${t.role}`)!.label).toEqual([
            `${t.countPerPlane.toLocaleString('en-US')} x ${oneLine(t.switchModel)} ${t.role}`,
            `${oneLine(t.portMode)}: ${t.downPorts} down / ${t.upPorts} up`,
          ]);
      expect(g.edges.length).toBe(c.planes * c.tiers.length);
      const links = g.edges.reduce((a, e) => a + Number(e.label[0].replace(/ links.*$/, '').replace(/,/g, '')), 0);
      expect(links).toBe(c.metrics.linkCount);
    });
  });

  it('price-list CSV: no text cell starts a formula, and it reads back to the same offers', () => {
    fc.assert(
      fc.property(hostileTexts, (t) => {
        fc.pre(neutraliseFormulaText(t.offerVendor).trim() !== ''); // a blank vendor is refused on import
        const catalog = hostileCatalog(defaultCatalog, t);
        const csv = priceListCsv(catalog);
        const rows: Record<string, string>[] = parseCsv(csv, { columns: true });
        expect(rows.length).toBe(catalog.offers.length);
        for (const r of rows) for (const col of ['id', 'part', 'source', 'vendor', 'notes']) expect(r[col]).not.toMatch(FORMULA_START);
        const back = applyPriceList(catalog, csv);
        expect(back.ok).toBe(true);
        // The import trims each cell (a documented convenience for hand-edited lists), so compare trimmed text.
        if (back.ok) expect(back.catalog.offers.map((o) => [o.vendor, o.notes])).toEqual(catalog.offers.map((o) => [trimmedImport(o.vendor), trimmedImport(o.notes)]));
      }),
      { numRuns: 25 },
    );
  });

  it('hostile text samples cover every character class the brief lists', () => {
    const samples = fc.sample(hostileText, { numRuns: 400, seed: 1 }).join('');
    for (const ch of ['=', '+', '-', '@', '\t', '\r', '\n', '"', '\\', '\0', '\x1b', '\x85', '\u2028', '\u2029']) expect(samples).toContain(ch);
  });
});

/** A text cell as applyPriceList reads it back: neutralised, trimmed, restored. */
function trimmedImport(text: string): string {
  return restoreFormulaText(neutraliseFormulaText(text).trim());
}
