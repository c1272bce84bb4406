/**
 * Finds where JSON text breaks the grammar and says so in plain words with a line and column.
 * Engines word JSON.parse errors differently (and V8 quotes raw input into them), so the message
 * shown to the user comes from this scanner instead. It keeps its own stack, so a 100,000-deep
 * document cannot overflow the call stack.
 */

export interface JsonSyntaxError {
  /** 1-based line and column (in UTF-16 code units, as editors count them). */
  line: number;
  column: number;
  /** What is wrong there, e.g. `expected "," or "}" after a property value, got "q"`. */
  problem: string;
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

/** A character as the user should read it: quoted, with invisible or control characters spelled out. */
export function showChar(text: string, at: number): string {
  if (at >= text.length) return 'the end of the text';
  const cp = text.codePointAt(at)!;
  if (cp === 0xfeff) return 'a byte-order mark (U+FEFF)';
  if (isInvisible(cp)) return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return JSON.stringify(String.fromCodePoint(cp));
}

/** Control, formatting (bidi, zero-width), lone-surrogate and tag characters: shown as code points, never raw. */
export function isInvisible(cp: number): boolean {
  return (
    cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp === 0xad || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x2028 && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x206f) || (cp >= 0xd800 && cp <= 0xdfff) || cp === 0xfeff || (cp >= 0xfff0 && cp <= 0xffff) || cp >= 0xe0000
  );
}

/** The first syntax error in `text`, or undefined when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  const n = text.length;
  // '{' or '[' per open container; `expect` is the grammar position within the innermost one.
  const stack: string[] = [];
  type Expect = 'value' | 'first-key' | 'key' | 'colon' | 'after-value' | 'first-item' | 'end';
  let expect = 'value' as Expect;

  const fail = (at: number, problem: string): JsonSyntaxError => {
    let line = 1;
    let lineStart = 0;
    for (let k = 0; k < at && k < n; k++)
      if (text[k] === '\n' || (text[k] === '\r' && text[k + 1] !== '\n')) {
        line++;
        lineStart = k + 1;
      }
    return { line, column: at - lineStart + 1, problem };
  };
  const skipSpace = () => {
    while (i < n && WHITESPACE.has(text[i])) i++;
  };
  /** Reads a string starting at the quote; returns an error or undefined. */
  const readString = (): JsonSyntaxError | undefined => {
    const start = i;
    i++;
    while (i < n) {
      const ch = text[i];
      if (ch === '"') {
        i++;
        return undefined;
      }
      if (ch === '\\') {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return fail(i, 'a \\u escape needs four hex digits');
          i += 6;
        } else if (e !== undefined && ESCAPES.has(e)) i += 2;
        else return fail(i, e === undefined ? 'the text ends inside a string (was it cut short?)' : `${showChar(text, i + 1)} cannot follow a backslash in a string`);
        continue;
      }
      if (ch.charCodeAt(0) < 0x20) return fail(i, `${showChar(text, i)} must be escaped inside a string`);
      i++;
    }
    return fail(start, 'this string is never closed (was the file cut short?)');
  };
  const readNumber = (): JsonSyntaxError | undefined => {
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '-' || m[0] === '') return fail(i, `expected a number, got ${showChar(text, i)}`);
    i += m[0].length;
    if (i < n && /[0-9.eE+-]/.test(text[i])) return fail(i, `a number cannot continue with ${showChar(text, i)} (leading zeros, a lone "." or a second exponent are not JSON)`);
    return undefined;
  };
  const endValue = () => {
    expect = stack.length ? 'after-value' : 'end';
  };

  skipSpace();
  if (i >= n) return fail(i, 'the text is empty');
  for (;;) {
    skipSpace();
    if (expect === 'end') return i >= n ? undefined : fail(i, `unexpected ${showChar(text, i)} after the end of the JSON value`);
    if (i >= n) return fail(i, `the text ends early: ${stack.length} bracket${stack.length === 1 ? ' is' : 's are'} still open (was it cut short?)`);
    const ch = text[i];
    if (expect === 'value' || expect === 'first-item') {
      if (expect === 'first-item' && ch === ']') {
        i++;
        stack.pop();
        endValue();
        continue;
      }
      if (ch === '{') {
        stack.push('{');
        i++;
        expect = 'first-key';
      } else if (ch === '[') {
        stack.push('[');
        i++;
        expect = 'first-item';
      } else if (ch === '"') {
        const e = readString();
        if (e) return e;
        endValue();
      } else if (ch === '-' || (ch >= '0' && ch <= '9')) {
        const e = readNumber();
        if (e) return e;
        endValue();
      } else {
        const word = /^(true|false|null)/.exec(text.slice(i, i + 5));
        if (!word) return fail(i, `expected a value (text in double quotes, a number, true, false, null, { or [), got ${showChar(text, i)}`);
        i += word[0].length;
        endValue();
      }
    } else if (expect === 'first-key' || expect === 'key') {
      if (expect === 'first-key' && ch === '}') {
        i++;
        stack.pop();
        endValue();
        continue;
      }
      if (ch !== '"') return fail(i, `expected a property name in double quotes, got ${showChar(text, i)}`);
      const e = readString();
      if (e) return e;
      expect = 'colon';
    } else if (expect === 'colon') {
      if (ch !== ':') return fail(i, `expected ":" after a property name, got ${showChar(text, i)}`);
      i++;
      expect = 'value';
    } else {
      const open = stack[stack.length - 1];
      const close = open === '{' ? '}' : ']';
      if (ch === ',') {
        i++;
        expect = open === '{' ? 'key' : 'value';
      } else if (ch === close) {
        i++;
        stack.pop();
        endValue();
      } else return fail(i, `expected "," or "${close}" after ${open === '{' ? 'a property value' : 'a list item'}, got ${showChar(text, i)}`);
    }
  }
}
