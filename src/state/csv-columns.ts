import { quoteText } from '../model/quote-text';
import { parseCsvRecords } from './csv';

/** One problem in an imported CSV file, by the 1-based file line its row starts on (the header is usually 1) and column. */
export interface RowProblem {
  row: number;
  field: string;
  message: string;
}

export interface CsvTable<C extends string> {
  /** The column each header cell names (undefined for none: only when problems were found). */
  header: (C | undefined)[];
  /** Data rows after the header, with the file line each starts on. */
  rows: { cells: string[]; line: number }[];
  headerLine: number;
}

/**
 * Reads a CSV file whose header names columns by any of their accepted spellings (compared without
 * case, spaces, _ or -): an unclosed quote, an empty file, unknown, repeated or missing required
 * columns and a header with no rows are problems naming the line and column. Shared by the price
 * list and the inventory import, so both read and report files the same way.
 */
export function readCsvTable<C extends string>(
  text: string,
  spec: { columns: readonly C[]; aliases: Record<string, C>; required: readonly C[]; noRows: string },
): { ok: true; table: CsvTable<C> } | { ok: false; problems: RowProblem[] } {
  const { records, openQuoteLine } = parseCsvRecords(text);
  if (openQuoteLine !== undefined)
    return { ok: false, problems: [{ row: openQuoteLine, field: '(row)', message: 'has a quote (") that is never closed, so the rest of the file reads as one cell' }] };
  if (records.length === 0) return { ok: false, problems: [{ row: 1, field: '(header)', message: 'the file is empty' }] };
  const headerLine = records[0].line;
  // hasOwn: a header such as "constructor" must not find Object's own members.
  const header = records[0].cells.map((h) => {
    const key = h.trim().toLowerCase().replace(/[\s_-]/g, '');
    return Object.hasOwn(spec.aliases, key) ? spec.aliases[key] : undefined;
  });
  const problems: RowProblem[] = [];
  records[0].cells.forEach((h, i) => {
    if (header[i] === undefined) {
      // A plain header names itself; odd text (a data row, control characters) is quoted after its column number.
      const plain = /^[\w ().-]{1,40}$/.test(h.trim());
      const field = plain ? h.trim() : `column ${i + 1}`;
      const what = plain || !h.trim() ? '' : `${quoteText(h)} `;
      problems.push({ row: headerLine, field, message: `${what}is not a known column (known: ${spec.columns.join(', ')})` });
    }
  });
  header.forEach((col, i) => {
    const first = col === undefined ? i : header.indexOf(col);
    if (first < i) problems.push({ row: headerLine, field: col!, message: `column appears twice (columns ${first + 1} and ${i + 1}); keep one` });
  });
  for (const required of spec.required) if (!header.includes(required)) problems.push({ row: headerLine, field: required, message: 'column is required' });
  if (records.length === 1) problems.push({ row: headerLine + 1, field: '(rows)', message: spec.noRows });
  if (problems.length) return { ok: false, problems };
  return { ok: true, table: { header, rows: records.slice(1), headerLine } };
}

export function formatRowProblems(problems: RowProblem[]): string[] {
  return problems.map((p) => (p.row > 0 ? `row ${p.row}, ${p.field}: ${p.message}` : `${p.field}: ${p.message}`));
}

/**
 * Problems the model found in a list built from CSV rows (`listField[i].field`), moved onto the
 * rows they came from; a problem outside the list keeps its field path on row 0.
 */
export function problemsOnRows(problems: { path: string; message: string }[], listField: string, rowOfItem: Map<number, number>): RowProblem[] {
  const itemPath = new RegExp(`^${listField}\\[(\\d+)\\]\\.?(.*)$`);
  return problems.map((p) => {
    const m = itemPath.exec(p.path);
    const row = m ? rowOfItem.get(Number(m[1])) : undefined;
    return row !== undefined ? { row, field: m![2] || '(row)', message: p.message } : { row: 0, field: p.path, message: p.message };
  });
}
