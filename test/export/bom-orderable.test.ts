import { parse as parseCsv } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { ScenarioSchema } from '../../src/model/scenario';
import { describe, expect, it } from 'vitest';
import { defaultCatalog, defaultCatalogInput } from '../../src/catalog/default';
import { BOM_CSV_COLUMNS, bomCsv } from '../../src/export/bom-csv';
import { CatalogSchema, type Catalog } from '../../src/model/catalog';
import { checkCatalog } from '../../src/model/validate';
import type { Result } from '../../src/model/result';
import { bomPartNumber } from '../../src/topology/bom';
import { optimize } from '../../src/topology/optimize';
import { scenario } from '../topology/helpers';

type Row = Record<(typeof BOM_CSV_COLUMNS)[number], string>;

/** The 1,024 x H100 NDR example (examples/h100-1024-ndr.json), the engine's best design. */
function h100(extra: { sparesPct?: { switch?: number; optic?: number; cable?: number } } = {}, catalog: Catalog = defaultCatalog): Result {
  const r = optimize(scenario({
    cluster: { gpus: 1024, serverProfile: 'hgx-h100-8x400g' },
    fabric: { technologies: ['infiniband'], switchModels: ['QM9700'] },
    objective: { sparesPct: extra.sparesPct ?? {} },
    search: { topK: 3 },
  }), catalog);
  if (!r.ok) throw new Error(r.reason);
  return r.result;
}

const rowsOf = (r: Result, i = 0): Row[] => parseCsv(bomCsv(r.candidates[i], r.currency), { columns: true });
const items = (rows: Row[]) => rows.filter((x) => x.row === 'item');
const cents = (x: string | number) => Math.round(Number(x) * 100);

describe('orderable BOM', () => {
  const result = h100();
  const best = result.candidates[0];

  it('gives each LinkX cable line its length-coded number (MCP7Y00-N002 for a 2 m splitter, MFP7E10-N010 for 10 m fibre)', () => {
    const cables = best.bom.filter((l) => l.category === 'cable');
    expect(cables.length).toBeGreaterThan(0);
    for (const l of cables) {
      expect(l.partNumberKind).toBe('orderable');
      expect(l.partNumber).not.toMatch(/x/i);
    }
    const dac = cables.find((l) => l.part === 'MCP7Y00-N00x' && l.lengthM === 2);
    expect(dac?.partNumber).toBe('MCP7Y00-N002');
    const fibre = cables.find((l) => l.part === 'MFP7E10-N0xx' && l.lengthM === 10);
    expect(fibre?.partNumber).toBe('MFP7E10-N010');
  });

  it('codes LinkX lengths as the ordering tables do: 0.5 m N00A, 1.5 m N01A, 2.5 m N02A, 4 m N004', () => {
    const byId = new Map(defaultCatalog.cables.map((c) => [c.id, c.partNumbers]));
    expect(byId.get('MCP4Y10-N00x')).toEqual({ '0.5': 'MCP4Y10-N00A', '1': 'MCP4Y10-N001', '1.5': 'MCP4Y10-N01A', '2': 'MCP4Y10-N002' });
    expect(byId.get('MCP7Y00-N00x')).toEqual({ '1': 'MCP7Y00-N001', '1.5': 'MCP7Y00-N01A', '2': 'MCP7Y00-N002', '2.5': 'MCP7Y00-N02A', '3': 'MCP7Y00-N003' });
    expect(byId.get('MCA7J60-N00x')).toEqual({ '4': 'MCA7J60-N004', '5': 'MCA7J60-N005' });
    // Lengths the public tables do not list stay families.
    expect(byId.get('MFP7E10-N0xx')?.['1']).toBeUndefined();
    expect(byId.get('MFP7E20-N0xx')).toBeUndefined();
  });

  it('marks a cable the catalog knows only as a family as estimated, keeps the family number and says so in the CSV', () => {
    const input = structuredClone(defaultCatalogInput);
    for (const c of input.cables ?? []) delete c.partNumbers;
    const familyOnly = CatalogSchema.parse(input);
    const r = h100({}, familyOnly);
    const cables = r.candidates[0].bom.filter((l) => l.category === 'cable');
    for (const l of cables) {
      expect(l.partNumberKind).toBe('family');
      expect(l.partNumber).toBe(l.model);
      expect(l.confidence).not.toBe('verified');
    }
    const csvCables = items(rowsOf(r)).filter((x) => x.category === 'cable');
    for (const x of csvCables) {
      expect(x.partNumberKind).toBe('family');
      expect(x.warnings).toMatch(/^part-number-family: the catalog knows only the family /);
    }
    expect(bomPartNumber('cable', 'MCP7Y00-N00x', 1.5, undefined)).toEqual({ partNumber: 'MCP7Y00-N00x', partNumberKind: 'family' });
  });

  it('refuses a partNumbers length that is not one of the cable\'s standard lengths, naming the field', () => {
    const input = structuredClone(defaultCatalogInput);
    const dac = input.cables!.find((c) => c.id === 'MCP7Y00-N00x')!;
    dac.partNumbers = { ...dac.partNumbers, '7': 'MCP7Y00-N007' };
    const checked = checkCatalog(input);
    expect(checked.ok).toBe(false);
    const i = input.cables!.indexOf(dac);
    const problems = checked.ok ? [] : checked.problems;
    expect(problems).toContainEqual(expect.objectContaining({ path: `cables[${i}].partNumbers["7"]`, message: expect.stringMatching(/must be one of the standard lengths \(1, 1.5, 2, 2.5, 3 m\), got "7"/) }));
  });

  it('carries each line\'s lead time and warranty from its offer, power from its part and confidence from the catalog', () => {
    const offers = new Map(defaultCatalog.offers.map((o) => [o.id, o]));
    const switches = new Map(defaultCatalog.switches.map((s) => [s.id, s]));
    for (const l of best.bom) {
      const o = offers.get(l.offer)!;
      expect([l.leadTimeWeeks, l.warrantyYears]).toEqual([o.leadTimeWeeks, o.warrantyYears]);
      expect(l.confidence).toBeDefined();
      if (l.category === 'switch') {
        const s = switches.get(l.part)!;
        expect([l.unitPowerW, l.unitMaxPowerW]).toEqual([s.powerW, s.maxPowerW ?? s.powerW]);
        expect(l.confidence).toBe(s.confidence);
      }
    }
  });

  it('counts spares in the quantity as their own lines, marked spare and drawing no power', () => {
    const r = h100({ sparesPct: { switch: 10, optic: 5, cable: 5 } });
    const c = r.candidates[0];
    const spares = c.bom.filter((l) => l.spare);
    expect(spares.reduce((a, l) => a + l.quantity, 0)).toBe(c.metrics.spareUnits);
    const rows = items(rowsOf(r));
    const spareRows = rows.filter((x) => x.spare === 'yes');
    expect(spareRows.length).toBe(spares.length);
    for (const x of spareRows) expect([Number(x.powerW), Number(x.maxPowerW)]).toEqual([0, 0]);
    const total = rowsOf(r).find((x) => x.row === 'total')!;
    expect(Number(total.quantity)).toBe(c.bom.reduce((a, l) => a + l.quantity, 0));
  });

  it('lists a line\'s fields in the result format\'s order, lengthM only for cables and spare only on spare lines', () => {
    const c = h100({ sparesPct: { switch: 10, optic: 5, cable: 5 } }).candidates[0];
    const head = ['part', 'model', 'name', 'category', 'source', 'vendor', 'offer'];
    const tail = ['partNumber', 'partNumberKind', 'leadTimeWeeks', 'warrantyYears', 'unitPowerW', 'unitMaxPowerW', 'confidence'];
    const keys = (cable: boolean, spare: boolean) => [...head, ...(cable ? ['lengthM'] : []), 'quantity', 'unitPrice', 'extendedPrice', ...(spare ? ['spare'] : []), ...tail];
    const kinds = new Set<string>();
    for (const l of c.bom) {
      expect(Object.keys(l)).toEqual(keys(l.category === 'cable', l.spare === true));
      kinds.add(`${l.category === 'cable'}/${l.spare === true}`);
    }
    expect(kinds).toEqual(new Set(['true/true', 'true/false', 'false/true', 'false/false']));
  });

  it('adds subtotals per category and per source that each add up to the total, which is the capex; its power is the design\'s power', () => {
    const rows = rowsOf(result);
    const byCat = rows.filter((x) => x.row === 'subtotal-category');
    const bySrc = rows.filter((x) => x.row === 'subtotal-source');
    const total = rows.filter((x) => x.row === 'total');
    expect(total).toHaveLength(1);
    expect(cents(total[0].subtotal)).toBe(cents(best.metrics.capex));
    expect(Number(total[0].powerW)).toBeCloseTo(best.metrics.powerW, 6);
    expect(byCat.reduce((a, x) => a + cents(x.subtotal), 0)).toBe(cents(best.metrics.capex));
    expect(bySrc.reduce((a, x) => a + cents(x.subtotal), 0)).toBe(cents(best.metrics.capex));
    for (const x of byCat) expect(cents(x.subtotal)).toBe(cents(best.metrics.capexByCategory[x.category as 'switch' | 'optic' | 'cable']));
    for (const x of bySrc) expect(cents(x.subtotal)).toBe(cents(best.metrics.capexBySource[x.source as 'oem-new']));
    expect(Number(total[0].leadTimeWeeks)).toBe(best.metrics.maxLeadTimeWeeks);
  });

  it('lets a parser tell item rows from summary rows: summary rows leave extendedPrice empty, so the column still sums to the capex', () => {
    const rows = rowsOf(result);
    expect(new Set(rows.map((x) => x.row))).toEqual(new Set(['item', 'subtotal-category', 'subtotal-source', 'total']));
    for (const x of rows.filter((y) => y.row !== 'item')) expect([x.extendedPrice, x.part, x.partNumber]).toEqual(['', '', '']);
    expect(rows.reduce((a, x) => a + cents(x.extendedPrice || 0), 0)).toBe(cents(best.metrics.capex));
    expect(items(rows)).toHaveLength(best.bom.length);
  });

  it('docs/exports.md shows rows the 1,024-GPU example really writes', () => {
    const r = optimize(ScenarioSchema.parse(JSON.parse(readFileSync('examples/h100-1024-ndr.json', 'utf8'))), defaultCatalog);
    if (!r.ok) throw new Error(r.reason);
    const csv = bomCsv(r.result.candidates[0], r.result.currency).split('\r\n');
    const docs = readFileSync('docs/exports.md', 'utf8');
    const section = docs.slice(docs.indexOf('## `bom-csv`'), docs.indexOf('## `cables-csv`'));
    const example = /```\n([\s\S]*?)```/.exec(section)![1].trim().split('\n');
    expect(example[0]).toBe(csv[0]);
    expect(example.length).toBeGreaterThan(8);
    for (const line of example) expect(csv).toContain(line);
  });
});
