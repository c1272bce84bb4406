import type { Catalog, Offer } from '../model/catalog';
import { Offer as OfferSchema } from '../model/catalog';
import { checkCatalog, describeIssues } from '../model/validate';
import { csvRow, restoreFormulaText } from '../export/csv';
import { problemsOnRows, readCsvTable, type RowProblem } from './csv-columns';
import { readNumberText } from './number-text';

export { formatRowProblems, type RowProblem } from './csv-columns';

export type PriceListOutcome =
  | { ok: true; catalog: Catalog; added: number; updated: number }
  | { ok: false; problems: RowProblem[] };

const COLUMNS = ['id', 'part', 'source', 'vendor', 'price', 'perMeterPrice', 'stock', 'leadTimeWeeks', 'warrantyYears', 'supportPerYear', 'notes'] as const;
type Column = (typeof COLUMNS)[number];
const NUMERIC: Column[] = ['price', 'perMeterPrice', 'stock', 'leadTimeWeeks', 'warrantyYears', 'supportPerYear'];

/** Header spellings we accept for each offer field, compared without case, spaces, _ or -. */
const ALIASES: Record<string, Column> = {
  id: 'id', offer: 'id', offerid: 'id',
  part: 'part', partid: 'part', sku: 'part',
  source: 'source',
  vendor: 'vendor', supplier: 'vendor',
  price: 'price', unitprice: 'price',
  permeterprice: 'perMeterPrice', permeter: 'perMeterPrice', pricepermeter: 'perMeterPrice',
  stock: 'stock', qty: 'stock', quantity: 'stock',
  leadtimeweeks: 'leadTimeWeeks', leadtime: 'leadTimeWeeks', leadweeks: 'leadTimeWeeks',
  warrantyyears: 'warrantyYears', warranty: 'warrantyYears',
  supportperyear: 'supportPerYear', support: 'supportPerYear', annualsupport: 'supportPerYear',
  notes: 'notes', note: 'notes',
};

export const PRICE_LIST_HEADER = COLUMNS.join(',');

/**
 * Applies a CSV price list to a catalog: each row is an offer, matched by offer id (updated when it
 * exists, added when not), or replacing every offer when `replaceOffers`. Nothing is applied unless
 * every row and the resulting catalog are valid; problems name the row and the column.
 */
export function applyPriceList(catalog: Catalog, text: string, opts: { replaceOffers?: boolean } = {}): PriceListOutcome {
  const read = readCsvTable(text, { columns: COLUMNS, aliases: ALIASES, required: ['id', 'part', 'source', 'vendor', 'price'], noRows: 'the price list has a header but no offers' });
  if (!read.ok) return read;
  const { header, rows } = read.table;
  const problems: RowProblem[] = [];

  const offers: { row: number; offer: Offer }[] = [];
  const seen = new Map<string, number>();
  rows.forEach(({ cells, line: row }) => {
    if (cells.length > header.length) problems.push({ row, field: '(row)', message: `has ${cells.length} cells, the header has ${header.length}` });
    const input: Record<string, unknown> = {};
    header.forEach((col, c) => {
      if (!col) return;
      const cell = (cells[c] ?? '').trim();
      if (NUMERIC.includes(col)) {
        if (cell === '') return; // defaults: perMeterPrice 0, stock unlimited, lead 0, warranty 1, support 0
        if (col === 'stock' && /^(unlimited|null|-)$/i.test(cell)) input.stock = null;
        else input[col] = readNumberText(cell, true);
      } else if (cell !== '' || col === 'notes') input[col] = restoreFormulaText(cell); // undo the export's formula guard
    });
    const parsed = OfferSchema.safeParse(input);
    if (!parsed.success) {
      for (const p of describeIssues(parsed.error.issues, input)) problems.push({ row, field: p.path, message: p.message });
      return;
    }
    const prior = seen.get(parsed.data.id);
    if (prior !== undefined) problems.push({ row, field: 'id', message: `must be unique, "${parsed.data.id}" is already on row ${prior}` });
    seen.set(parsed.data.id, row);
    offers.push({ row, offer: parsed.data });
  });
  if (problems.length) return { ok: false, problems };

  let added = 0;
  let updated = 0;
  let next: Offer[];
  const rowOfOffer = new Map<number, number>();
  if (opts.replaceOffers) {
    next = offers.map((o) => o.offer);
    offers.forEach((o, i) => rowOfOffer.set(i, o.row));
    added = offers.length;
  } else {
    next = [...catalog.offers];
    // An index by id, so a 20,000-row list is applied in linear time rather than row x offer.
    const indexOf = new Map(next.map((o, i) => [o.id, i]));
    for (const { row, offer } of offers) {
      const at = indexOf.get(offer.id) ?? -1;
      if (at >= 0) {
        next[at] = offer;
        updated++;
        rowOfOffer.set(at, row);
      } else {
        rowOfOffer.set(next.length, row);
        indexOf.set(offer.id, next.length);
        next.push(offer);
        added++;
      }
    }
  }
  const checked = checkCatalog({ ...catalog, offers: next });
  if (!checked.ok) {
    return {
      ok: false,
      problems: problemsOnRows(checked.problems, 'offers', rowOfOffer),
    };
  }
  return { ok: true, catalog: checked.value, added, updated };
}

/**
 * The catalog's offers as a price list in the same columns applyPriceList reads. Text cells go
 * through the CSV layer's formula guard (a vendor or note starting with = + - @ opens as text in a
 * spreadsheet); applyPriceList undoes it, so the list reads back unchanged.
 */
export function priceListCsv(catalog: Catalog): string {
  let out = csvRow(COLUMNS);
  for (const o of catalog.offers)
    out += csvRow([o.id, o.part, o.source, o.vendor, o.price, o.perMeterPrice, o.stock, o.leadTimeWeeks, o.warrantyYears, o.supportPerYear, o.notes]);
  return out;
}
