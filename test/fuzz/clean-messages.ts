import { expect } from 'vitest';

/**
 * What a problem shown to the user may not contain: stack frames, raw engine errors, internals
 * printed as text. Checked after removing quoted user text, where "undefined" may be what the
 * file really says.
 */
const LEAKS = [
  /^\s*at \S/m, // a stack frame
  /\bat .*\.(ts|js|mjs):\d+/, // a frame's location
  /\b(TypeError|RangeError|ReferenceError|InternalError|EvalError)\b/,
  /SyntaxError/,
  /Unexpected token|in JSON at position|is not valid JSON$/, // V8's JSON.parse wording, quoting raw input
  /Too (big|small): expected|Invalid input/, // zod's default wording
  /\[object \w+\]/,
  /\bundefined\b/,
  /native code|function \w*\(/,
];

/** Control, bidi, zero-width, BOM and lone-surrogate characters: they can forge lines or reorder text. */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]|\p{Cs}/u;

const QUOTED = /"(?:[^"\\]|\\.)*"/g;
const KEY = String.raw`(?:[A-Za-z_$][\w$]*|\[\d+\]|\["(?:[^"\\]|\\.)*"\])`;
/** A field path as the validator writes it: `cluster.gpus`, `offers[3].price`, `cluster["a\nb"]`, or the whole file or link. */
export const FIELD_PATH = new RegExp(String.raw`^(?:\((?:file|link|top level)\)|${KEY}(?:\.[A-Za-z_$][\w$]*|\[\d+\]|\["(?:[^"\\]|\\.)*"\])*)$`);
/** The count line a long problem list ends with. */
const MORE = /^(?:\(top level\): )?and [\d,]+ more problems?$/;

function expectNoLeak(text: string, where: string): void {
  expect(text, `${where} has an invisible or control character`).not.toMatch(INVISIBLE);
  const unquoted = text.replace(QUOTED, '""');
  for (const leak of LEAKS) expect(unquoted, `${where} leaks internals (${leak})`).not.toMatch(leak);
}

/** `path: rule` from a JSON import: a field path, then a rule in words. */
export function expectFieldProblem(line: string): void {
  expect(typeof line).toBe('string');
  expectNoLeak(line, `problem ${JSON.stringify(line.slice(0, 200))}`);
  expect(line.length, 'a problem line stays short').toBeLessThanOrEqual(600);
  if (MORE.test(line)) return;
  const at = splitPath(line);
  expect(at, `problem ${JSON.stringify(line.slice(0, 200))} names a field path`).toBeDefined();
  expect(at!.rule, `problem ${JSON.stringify(line.slice(0, 200))} states a rule`).toMatch(/^[a-z"]/);
}

/** `row N, column: rule` (or a catalog path) from a price-list import. */
export function expectRowProblem(line: string): void {
  expectNoLeak(line, `problem ${JSON.stringify(line.slice(0, 200))}`);
  expect(line.length, 'a problem line stays short').toBeLessThanOrEqual(600);
  if (MORE.test(line)) return;
  const m = /^row (\d+), (.+?): ([a-z"].*)$/.exec(line);
  if (m) {
    expect(Number(m[1])).toBeGreaterThan(0);
    expect(m[2]).toMatch(/^(\((row|rows|header|file)\)|column \d+|[\w ().-]{1,40}|[A-Za-z_$][\w$]*(\.[\w$]+|\[\d+\])*)$/);
    return;
  }
  expect(splitPath(line), `problem ${JSON.stringify(line.slice(0, 200))} names a row or a field`).toBeDefined();
}

/** Splits `path: rule` where the path may hold quoted keys with ": " inside. */
function splitPath(line: string): { path: string; rule: string } | undefined {
  for (let i = line.indexOf(': '); i >= 0; i = line.indexOf(': ', i + 1)) {
    const path = line.slice(0, i);
    if (FIELD_PATH.test(path)) return { path, rule: line.slice(i + 2) };
  }
  return undefined;
}

/** A notice title: a sentence for the user, no internals. */
export function expectCleanTitle(title: string): void {
  expectNoLeak(title, `notice ${JSON.stringify(title.slice(0, 200))}`);
}

/** Output of the CLI on stderr: `railyard: ...` and indented `path: rule` lines, nothing else. */
export function expectCleanCliError(stderr: string): void {
  expect(stderr).toMatch(/^railyard: \S/);
  const lines = stderr.replace(/\n$/, '').split('\n');
  for (const [i, line] of lines.entries()) {
    expectNoLeak(line, `stderr line ${i + 1} ${JSON.stringify(line.slice(0, 200))}`);
    if (i > 0) expectFieldProblem(line.replace(/^ {2}/, ''));
  }
}
