import type { Candidate } from '../model/result';
import { warningsByPart } from '../topology/warnings';
import { csvRow } from './csv';

export const BOM_CSV_COLUMNS = [
  'category', 'part', 'model', 'name', 'source', 'vendor', 'offer', 'lengthM', 'quantity', 'unitPrice', 'extendedPrice', 'currency', 'warnings',
] as const;

const CATEGORY_ORDER = { switch: 0, optic: 1, cable: 2 } as const;

/** The candidate's bill of materials, one line per part, source and length; prices unrounded. */
export function bomCsv(candidate: Candidate, currency: string): string {
  const lines = [csvRow(BOM_CSV_COLUMNS)];
  // The warnings naming a line's part (unconfirmed part, estimated figure), as "code: message" joined by " | ".
  const byPart = warningsByPart(candidate.warnings);
  const warningsOf = (part: string) => (byPart.get(part) ?? []).map((w) => `${w.code}: ${w.message}`).join(' | ');
  const bom = [...candidate.bom].sort((a, b) => CATEGORY_ORDER[a.category] - CATEGORY_ORDER[b.category]);
  for (const l of bom)
    lines.push(
      csvRow([l.category, l.part, l.model, l.name, l.source, l.vendor, l.offer, l.lengthM, l.quantity, l.unitPrice, l.extendedPrice, currency, warningsOf(l.part)]),
    );
  return lines.join('');
}
