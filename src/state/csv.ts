/** Splits CSV text (RFC 4180: quoted fields, doubled quotes, CRLF) into rows of cells. */
export function parseCsv(text: string): string[][] {
  return parseCsvRecords(text).records.map((r) => r.cells);
}

export interface CsvRecords {
  /** Non-blank records, each with the 1-based file line it starts on (CR, LF and CRLF each end a line). */
  records: { cells: string[]; line: number }[];
  /** The line of a quote that is never closed: everything after it was read as one cell. */
  openQuoteLine?: number;
}

/** parseCsv with the line each record starts on, so problems can point into the file. */
export function parseCsvRecords(text: string): CsvRecords {
  const records: CsvRecords['records'] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let quoteLine = 0;
  const src = text.replace(/^\uFEFF/, '');
  const end = () => {
    row.push(cell);
    if (row.some((c) => c.trim() !== '')) records.push({ cells: row, line: rowLine });
    row = [];
    cell = '';
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (ch === '\n' || (ch === '\r' && src[i + 1] !== '\n')) line++;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
    } else if (ch === '"' && cell === '') {
      quoted = true;
      quoteLine = line;
    } else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') {
        i++;
        line++;
      }
      end();
      rowLine = line;
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) end();
  return quoted ? { records, openQuoteLine: quoteLine } : { records };
}

