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
  const n = src.length;
  const end = () => {
    row.push(cell);
    if (row.some((c) => c.trim() !== '')) records.push({ cells: row, line: rowLine });
    row = [];
    cell = '';
  };
  /** Line breaks inside a quoted cell still move the line count on. */
  const countBreaks = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (src[k] === '\n' || (src[k] === '\r' && src[k + 1] !== '\n')) line++;
  };
  // Runs of ordinary characters are copied as one slice: a 20,000-row list parses in milliseconds.
  const special = /[",\r\n]/g;
  let i = 0;
  while (i < n) {
    if (quoted) {
      const q = src.indexOf('"', i);
      const to = q < 0 ? n : q;
      countBreaks(i, to);
      cell += src.slice(i, to);
      if (q < 0) break;
      if (src[q + 1] === '"') {
        cell += '"';
        i = q + 2;
      } else {
        quoted = false;
        i = q + 1;
      }
      continue;
    }
    special.lastIndex = i;
    const at = special.exec(src)?.index ?? n;
    cell += src.slice(i, at);
    if (at >= n) break;
    const ch = src[at];
    i = at + 1;
    if (ch === '"') {
      if (cell === '') {
        quoted = true;
        quoteLine = line;
      } else cell += ch;
    } else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else {
      if (ch === '\r' && src[i] === '\n') i++;
      line++;
      end();
      rowLine = line;
    }
  }
  if (cell !== '' || row.length > 0) end();
  return quoted ? { records, openQuoteLine: quoteLine } : { records };
}
