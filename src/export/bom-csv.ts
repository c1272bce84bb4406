import type { BomLine, Candidate } from '../model/result';
import { PART_CATEGORIES, SOURCES, type PartCategory, type Source } from '../model/common';
import { warningsByPart } from '../topology/warnings';
import { csvRow } from './csv';

/**
 * Columns of the BOM CSV. `row` tells item rows from the summary rows after them:
 * `item` (one per part, length, offer and spare/installed: what to buy), `reused` (the same for
 * parts taken from the owned inventory, after the items: not to be ordered), `subtotal-category` and
 * `subtotal-source` (one per category / source present, in `category` / `source`), and one
 * `total`. Summary rows leave `extendedPrice` empty and carry their amount in `subtotal`, so
 * summing `extendedPrice` over the file still gives the capex.
 */
export const BOM_CSV_COLUMNS = [
  'row', 'category', 'source', 'part', 'partNumber', 'partNumberKind', 'model', 'name', 'vendor', 'offer', 'lengthM',
  'quantity', 'spare', 'unitPrice', 'extendedPrice', 'subtotal', 'currency', 'leadTimeWeeks', 'warrantyYears',
  'unitPowerW', 'unitMaxPowerW', 'powerW', 'maxPowerW', 'confidence', 'warnings',
] as const;

export type BomRowKind = 'item' | 'reused' | 'subtotal-category' | 'subtotal-source' | 'total';

const CATEGORY_ORDER = { switch: 0, optic: 1, cable: 2 } as const;

/** Installed units draw power; spares sit on the shelf. */
const drawW = (l: BomLine, unit: number | undefined) => (l.spare || unit === undefined ? 0 : unit * l.quantity);

/** Cents, so sums of many prices stay exact. */
const cents = (x: number) => Math.round(x * 100);
const round3 = (x: number) => Math.round(x * 1000) / 1000;

interface Sum {
  quantity: number;
  cents: number;
  powerW: number;
  maxPowerW: number;
  maxLead: number;
  minWarranty: number;
}
const emptySum = (): Sum => ({ quantity: 0, cents: 0, powerW: 0, maxPowerW: 0, maxLead: 0, minWarranty: Infinity });
function add(s: Sum, l: BomLine): void {
  s.quantity += l.quantity;
  s.cents += cents(l.extendedPrice);
  s.powerW += drawW(l, l.unitPowerW);
  s.maxPowerW += drawW(l, l.unitMaxPowerW);
  if (l.leadTimeWeeks !== undefined) s.maxLead = Math.max(s.maxLead, l.leadTimeWeeks);
  if (l.warrantyYears !== undefined) s.minWarranty = Math.min(s.minWarranty, l.warrantyYears);
}

/**
 * The candidate's bill of materials, ready for a purchase request: one item row per part, length,
 * offer and spare/installed, with the number to order, prices (unrounded), lead time, warranty,
 * power and confidence; then subtotals per category and per source, and the total.
 * With `phase`, the lines that phase buys (src/topology/phases.ts: they add up over the phases to
 * the candidate's BOM, line by line), and a last column `phase` on every row.
 */
export function bomCsv(candidate: Candidate, currency: string, phase?: { phase: number; bom: BomLine[] }): string {
  const row = (cells: readonly (string | number | undefined)[]) => csvRow(phase ? [...cells, phase.phase] : cells);
  const lines = [csvRow(phase ? [...BOM_CSV_COLUMNS, 'phase'] : BOM_CSV_COLUMNS)];
  // The warnings naming a line's part (unconfirmed part, estimated figure), as "code: message" joined by " | ".
  const byPart = warningsByPart(candidate.warnings);
  const warningsOf = (l: BomLine) => {
    const texts = (byPart.get(l.part) ?? []).map((w) => `${w.code}: ${w.message}`);
    if (l.partNumberKind === 'family') texts.unshift(`part-number-family: the catalog knows only the family ${l.partNumber}; order the ${l.lengthM} m variant by its own number`);
    return texts.join(' | ');
  };
  const reused = (l: BomLine) => (l.source === 'owned' ? 1 : 0);
  const bom = [...(phase ? phase.bom : candidate.bom)].sort((a, b) => reused(a) - reused(b) || CATEGORY_ORDER[a.category] - CATEGORY_ORDER[b.category]);
  const byCategory = new Map<PartCategory, Sum>();
  const bySource = new Map<Source, Sum>();
  const total = emptySum();
  for (const l of bom) {
    lines.push(row([
      reused(l) ? 'reused' : 'item', l.category, l.source, l.part, l.partNumber ?? l.model, l.partNumberKind, l.model, l.name, l.vendor, l.offer, l.lengthM,
      l.quantity, l.spare ? 'yes' : 'no', l.unitPrice, l.extendedPrice, undefined, currency, l.leadTimeWeeks, l.warrantyYears,
      l.unitPowerW, l.unitMaxPowerW, l.unitPowerW === undefined ? undefined : round3(drawW(l, l.unitPowerW)),
      l.unitMaxPowerW === undefined ? undefined : round3(drawW(l, l.unitMaxPowerW)), l.confidence, warningsOf(l),
    ]));
    if (!byCategory.has(l.category)) byCategory.set(l.category, emptySum());
    if (!bySource.has(l.source)) bySource.set(l.source, emptySum());
    add(byCategory.get(l.category)!, l);
    add(bySource.get(l.source)!, l);
    add(total, l);
  }
  const summary = (kind: BomRowKind, category: string | undefined, source: string | undefined, s: Sum) =>
    row([
      kind, category, source, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined,
      s.quantity, undefined, undefined, undefined, s.cents / 100, currency, s.maxLead, s.minWarranty === Infinity ? undefined : s.minWarranty,
      undefined, undefined, round3(s.powerW), round3(s.maxPowerW), undefined, undefined,
    ]);
  for (const c of PART_CATEGORIES) if (byCategory.has(c)) lines.push(summary('subtotal-category', c, undefined, byCategory.get(c)!));
  for (const s of SOURCES) if (bySource.has(s)) lines.push(summary('subtotal-source', undefined, s, bySource.get(s)!));
  lines.push(summary('total', undefined, undefined, total));
  return lines.join('');
}
