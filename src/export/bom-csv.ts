import type { Candidate } from '../model/result';

export const BOM_CSV_COLUMNS = [
  'category', 'part', 'model', 'name', 'source', 'vendor', 'offer', 'lengthM', 'quantity', 'unitPrice', 'extendedPrice', 'currency',
] as const;

const cell = (value: unknown): string => {
  const s = value === undefined || value === null ? '' : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

const CATEGORY_ORDER = { switch: 0, optic: 1, cable: 2 } as const;

/** The candidate's bill of materials, one line per part, source and length; prices unrounded. */
export function bomCsv(candidate: Candidate, currency: string): string {
  const lines = [BOM_CSV_COLUMNS.join(',')];
  const bom = [...candidate.bom].sort((a, b) => CATEGORY_ORDER[a.category] - CATEGORY_ORDER[b.category]);
  for (const l of bom)
    lines.push(
      [l.category, l.part, l.model, l.name, l.source, l.vendor, l.offer, l.lengthM, l.quantity, l.unitPrice, l.extendedPrice, currency]
        .map(cell)
        .join(','),
    );
  return lines.join('\r\n') + '\r\n';
}
