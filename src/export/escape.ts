/**
 * The escaping layer of the line-based exports (DOT, ibnetdiscover, Slurm topology.conf,
 * containerlab YAML): every piece of catalog, scenario or result text a writer puts in a file
 * passes through the function for that format, so no part name can end a record, open a new one or
 * break a quoted token. Names Railyard generates (node-0001, p1-leaf-01) pass through too, at no
 * cost. CSV has its own layer in csv.ts.
 */

/** Characters that end a line somewhere: LF, VT, FF, CR, NEL, and the Unicode line and paragraph separators. */
const LINE_BREAKS = /[\t\n\v\f\r\x85\u2028\u2029]/g;
/** Other C0 and C1 controls and DEL: NUL, ESC (ANSI and OSC sequences), BEL, ... */
const CONTROLS = /[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]/g;
/** A UTF-16 surrogate without its partner cannot be encoded as UTF-8. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const ANY_UNSAFE = /[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]/;

/**
 * Text on one line: line breaks and tabs become spaces, other control characters become U+FFFD
 * (so an ANSI escape shows up as a mark instead of acting), lone surrogates become U+FFFD.
 */
export function oneLine(text: string): string {
  if (!ANY_UNSAFE.test(text)) return text;
  return text.replace(LINE_BREAKS, ' ').replace(CONTROLS, '\ufffd').replace(LONE_SURROGATE, '\ufffd');
}

/** Caches an escaper per distinct text: a million-link fabric repeats a few part names. */
export function memoEscape(escape: (text: string) => string): (text: string) => string {
  const seen = new Map<string, string>();
  return (text) => {
    let e = seen.get(text);
    if (e === undefined) seen.set(text, (e = escape(text)));
    return e;
  };
}

// --- Graphviz DOT -------------------------------------------------------------------------------

const DOT_UNSAFE = /[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\\"&]/;

/**
 * Text for the inside of a DOT double-quoted string (an ID or an escString label), shown as
 * written: per the DOT grammar only `\"` is an escape in a quoted string, and label strings read
 * `\\` as a backslash, so backslashes are doubled (a trailing one can no longer swallow the closing
 * quote, and `\n` or `\N` in a part name stays text) and quotes are escaped; Graphviz also decodes
 * HTML entities in labels, so `&` is written `&amp;`. Writers join escaped pieces with their own
 * `\n` line breaks.
 */
export function dotText(text: string): string {
  if (!DOT_UNSAFE.test(text)) return text; // generated names: nothing to do
  return oneLine(text).replace(/[\\"&]/g, (c) => (c === '&' ? '&amp;' : `\\${c}`));
}

/** A DOT double-quoted string holding text already passed through dotText (with the writer's own `\n` breaks). */
export function dotQuoted(escaped: string): string {
  return `"${escaped}"`;
}

// --- ibnetdiscover ------------------------------------------------------------------------------

/**
 * Text in an ibnetdiscover listing: one line, and no double quote (the format has no escape for
 * it; quoted node descriptions are one token up to the next quote), so a quote becomes `'`.
 */
export function ibnetdiscoverText(text: string): string {
  return oneLine(text).replace(/"/g, "'");
}

// --- Slurm topology.conf ------------------------------------------------------------------------

/** Text in a topology.conf comment: one line, so it cannot start a SwitchName record. */
export function slurmCommentText(text: string): string {
  return oneLine(text);
}

// --- YAML (containerlab) ------------------------------------------------------------------------

const YAML_NAMED: Record<string, string> = {
  '\\': '\\\\', '"': '\\"', '\0': '\\0', '\x07': '\\a', '\b': '\\b', '\t': '\\t', '\n': '\\n',
  '\v': '\\v', '\f': '\\f', '\r': '\\r', '\x1b': '\\e', '\x85': '\\N', '\u2028': '\\L', '\u2029': '\\P',
};
const YAML_ESCAPED = /[\\"\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]/g;

/**
 * A YAML double-quoted scalar holding exactly `text` (lone surrogates, which no YAML file can
 * hold, become U+FFFD). Escapes backslash, quote, every C0/C1 control, DEL, the line and paragraph
 * separators and the byte-order mark, so the value is one token on one line in block and flow
 * context alike.
 */
export function yamlQuoted(text: string): string {
  const escaped = text.replace(LONE_SURROGATE, '\ufffd').replace(YAML_ESCAPED, (c) => {
    const named = YAML_NAMED[c];
    if (named) return named;
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
  return `"${escaped}"`;
}

/** Text in a YAML comment: one line. */
export function yamlCommentText(text: string): string {
  return oneLine(text);
}
