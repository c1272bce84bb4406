/**
 * The CSV escaping layer: every CSV Railyard writes (BOM, cable schedule, price list; app and CLI)
 * builds its cells here and nowhere else.
 *
 * Text cells (anything that can come from a catalog, a scenario or a result file) are neutralised
 * against formula injection by the OWASP rule: a cell that starts with `=`, `+`, `-`, `@`, tab or
 * carriage return gets a leading single quote, so a spreadsheet shows it as text instead of
 * evaluating it. A cell that already starts with single quotes followed by one of those characters
 * gets one more, so `restoreFormulaText` can undo exactly what `neutraliseFormulaText` did and a
 * price list reads back unchanged. Numbers we compute are written as numbers, so a negative amount
 * stays a number. Quoting follows RFC 4180.
 */

const FORMULA_START = /^'*[=+\-@\t\r]/;
/** One test decides whether a text cell needs any work at all (most cells do not). */
const NEEDS_WORK = /^['=+\-@\t\r]|[",\r\n]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** Prefixes a single quote to text a spreadsheet would read as a formula. */
export function neutraliseFormulaText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The inverse of neutraliseFormulaText, for reading back a CSV Railyard wrote. */
export function restoreFormulaText(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text) ? text.slice(1) : text;
}

/** One text cell: neutralised, then quoted when it holds a comma, quote or line break (or was neutralised). */
export function csvText(text: string): string {
  if (!NEEDS_WORK.test(text)) return text;
  const safe = neutraliseFormulaText(text);
  return safe !== text || NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One CSV cell: numbers (and booleans) as they are, text through csvText, nothing as empty. */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return csvText(value);
  return String(value);
}

/** One CSV record, CRLF-terminated. */
export function csvRow(values: readonly (string | number | boolean | null | undefined)[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) line += (i ? ',' : '') + csvCell(values[i]);
  return line + '\r\n';
}
