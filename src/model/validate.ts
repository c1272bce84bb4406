import type { z } from 'zod';
import { CatalogSchema, type Catalog } from './catalog';
import { ResultSchema, type Result } from './result';
import { findJsonSyntaxError, isInvisible } from './json-syntax';
import { escapeUnits, quoteText } from './quote-text';
import { ScenarioSchema, type Scenario } from './scenario';

export { quoteText };

/** One problem with user input: where it is and which rule it breaks. */
export interface FieldProblem {
  path: string;
  message: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

const MAX_PROBLEMS = 50;

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return quoteText(v);
  if (Array.isArray(v)) return `a list of ${v.length}`;
  if (v === null) return 'null';
  if (typeof v === 'object') return 'an object';
  return String(v);
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function pathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && IDENTIFIER.test(key)) out += (out ? '.' : '') + key;
    // Keys a file made up (empty, with dots, newlines or escapes) are quoted so the path stays one readable line.
    else out += `[${quoteText(String(key))}]`;
  }
  return out || '(top level)';
}

const count = (n: number | bigint) => (typeof n === 'bigint' ? n.toString() : n.toLocaleString('en-US'));

/** zod's own wording ("Too big: expected int to be <=9007199254740991") in the house style. */
function boundMessage(issue: z.core.$ZodIssueTooBig | z.core.$ZodIssueTooSmall): string {
  const big = issue.code === 'too_big';
  const bound = big ? issue.maximum : issue.minimum;
  const inclusive = issue.inclusive !== false;
  if (issue.origin === 'string') {
    if (!big && bound === 1) return 'must not be empty';
    return `must be at ${big ? 'most' : 'least'} ${count(bound)} characters`;
  }
  if (issue.origin === 'array' || issue.origin === 'set') {
    if (!big && bound === 1) return 'must list at least one item';
    return `must list at ${big ? 'most' : 'least'} ${count(bound)} items`;
  }
  if (issue.origin === 'int' && Math.abs(Number(bound)) === Number.MAX_SAFE_INTEGER)
    return `must be an integer between -${count(Number.MAX_SAFE_INTEGER)} and ${count(Number.MAX_SAFE_INTEGER)}`;
  if (!big && bound === 0) return inclusive ? 'must not be negative' : 'must be positive';
  if (inclusive) return `must be at ${big ? 'most' : 'least'} ${count(bound)}`;
  return `must be ${big ? 'less' : 'greater'} than ${count(bound)}`;
}

/** zod's default messages all start like this; the schemas' own messages never do. */
const ZOD_DEFAULT = /^(Too big|Too small|Invalid|Expected)/;
const MAX_MESSAGE_CHARS = 300;

/**
 * A schema message that quotes user text (`got "${id}"`) may carry anything: invisible characters
 * are escaped and long quotes cut, so every message stays one short, readable line.
 */
function tidyMessage(message: string): string {
  let out = message
    .replace(/"([^"]{60,})"/g, (_, inner: string) => quoteText(inner))
    .replace(/[^\u0020-\u007e]/gu, (ch) => (isInvisible(ch.codePointAt(0)!) ? escapeUnits(ch) : ch));
  if (out.length > MAX_MESSAGE_CHARS) out = Array.from(out).slice(0, MAX_MESSAGE_CHARS).join('') + '…';
  return out;
}

/** Turns zod issues into field-path messages such as `cluster.gpus: must be a positive integer, got -8`. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], input: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  // After "must be a list, got a string", zod may still run the list's checks on the string: say it once.
  const wrongType = new Set<string>();
  let described = 0;
  let rest = 0;
  for (const issue of issues) {
    const path = pathText(issue.path);
    if (wrongType.has(path)) continue;
    if (described === MAX_PROBLEMS) {
      rest++;
      continue;
    }
    described++;
    if (issue.code === 'unrecognized_keys') {
      // An object with 20,000 made-up keys gets a count, not 20,000 lines.
      const listed = issue.keys.slice(0, MAX_PROBLEMS - described + 1);
      for (const key of listed) problems.push({ path: pathText([...issue.path, key]), message: 'is not a known field' });
      described += listed.length - 1;
      rest += issue.keys.length - listed.length;
      continue;
    }
    const got = valueAt(input, issue.path);
    let message = tidyMessage(issue.message);
    if (issue.code === 'invalid_type' && typeof got === 'number' && !Number.isFinite(got)) {
      message = `must be a finite number, got ${show(got)}`;
    } else if (issue.code === 'invalid_type' && issue.expected === 'int' && typeof got === 'number') {
      message = `must be an integer, got ${show(got)}`;
    } else if (issue.code === 'invalid_type') {
      message = got === undefined ? 'is required' : `must be ${article(issue.expected)}, got ${typeName(got)}`;
    } else if (issue.code === 'invalid_value') {
      const allowed = issue.values.map((v) => JSON.stringify(v));
      const rule = allowed.length === 1 ? `must be ${allowed[0]}` : `must be one of ${allowed.join(', ')}`;
      message = got === undefined ? `is required and ${rule}` : `${rule}, got ${show(got)}`;
    } else {
      if ((issue.code === 'too_big' || issue.code === 'too_small') && ZOD_DEFAULT.test(message)) message = boundMessage(issue);
      else if (ZOD_DEFAULT.test(message)) message = issue.code === 'invalid_format' ? 'has the wrong format' : 'is not valid';
      if (!/, got /.test(message)) message = `${message}, got ${show(got)}`;
    }
    if (issue.code === 'invalid_type') wrongType.add(path);
    problems.push({ path, message });
  }
  if (rest > 0) problems.push({ path: '(top level)', message: `and ${rest.toLocaleString('en-US')} more problem${rest === 1 ? '' : 's'}` });
  return problems;
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'number' && Number.isNaN(v)) return 'NaN';
  if (typeof v === 'object') return 'an object';
  return `${article(typeof v)} (${show(v)})`;
}

function article(t: string): string {
  if (t === 'array') return 'a list';
  return /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`;
}

export function formatProblems(problems: FieldProblem[]): string {
  return problems.map((p) => `${p.path}: ${p.message}`).join('\n');
}

function check<T>(schema: z.ZodType<T>, input: unknown): Checked<T> {
  let r: z.ZodSafeParseResult<T>;
  try {
    r = schema.safeParse(input);
  } catch (e) {
    if (e instanceof RangeError) return checkSample(schema, input);
    throw e;
  }
  return r.success ? { ok: true, value: r.data } : { ok: false, problems: describeIssues(r.error.issues, input) };
}

/** Items of each list checked when a file has too many problems to check whole. */
const SAMPLE_ITEMS = 1000;

/**
 * zod gathers every issue before it returns and spreads them into calls, so a list of 200,000 bad
 * numbers overflows the stack. Such a file is checked on a sample (each list's first 1,000 items)
 * and the problems found there are listed, with a line naming the list that was cut.
 */
function checkSample<T>(schema: z.ZodType<T>, input: unknown): Checked<T> {
  const cut: string[] = [];
  const sample = firstItems(input, [], cut, 0);
  let problems: FieldProblem[] = [];
  try {
    const r = schema.safeParse(sample);
    if (!r.success) problems = describeIssues(r.error.issues, sample);
  } catch {
    /* even the sample is too much: the line below says what to fix */
  }
  const where = cut[0] ?? '(top level)';
  // First, so a list cut to 50 lines for a notice still says why the rest is missing.
  problems.unshift({ path: where, message: `has too many problems to check at once; only the first ${SAMPLE_ITEMS.toLocaleString('en-US')} items of each list were checked` });
  return { ok: false, problems };
}

/** A copy with every list cut to its first items, down to the depth any schema reaches. */
function firstItems(v: unknown, path: PropertyKey[], cut: string[], depth: number): unknown {
  if (depth > 16 || v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    if (v.length > SAMPLE_ITEMS) cut.push(pathText(path));
    return v.slice(0, SAMPLE_ITEMS).map((x, i) => firstItems(x, [...path, i], cut, depth + 1));
  }
  const out: Record<string, unknown> = {};
  // defineProperty keeps an own "__proto__" key a plain field, as JSON.parse made it.
  for (const [k, x] of Object.entries(v))
    Object.defineProperty(out, k, { value: firstItems(x, [...path, k], cut, depth + 1), enumerable: true, writable: true, configurable: true });
  return out;
}

export const checkScenario = (input: unknown): Checked<Scenario> => check(ScenarioSchema, input);
export const checkCatalog = (input: unknown): Checked<Catalog> => check(CatalogSchema, input);
export const checkResult = (input: unknown): Checked<Result> => check(ResultSchema, input);

/** Largest JSON text we read: a full catalog is well under 1 MB, a big result a few MB. */
export const MAX_JSON_BYTES = 64 * 1024 * 1024;

/** Parses JSON text into a value, or a problem that says at which line and column the syntax broke. */
export function parseJsonText(text: string): Checked<unknown> {
  if (text.length > MAX_JSON_BYTES)
    return { ok: false, problems: [{ path: '(file)', message: `must be at most ${MAX_JSON_BYTES / 1024 / 1024} MB, got ${(text.length / 1024 / 1024).toFixed(1)} MB` }] };
  // Editors on Windows often start a UTF-8 file with a byte-order mark; it is not part of the document.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch {
    const at = findJsonSyntaxError(body);
    const where = at ? ` at line ${at.line}, column ${at.column}: ${at.problem}` : '';
    return { ok: false, problems: [{ path: '(file)', message: `is not valid JSON${where}` }] };
  }
}

export type DocumentKind = 'scenario' | 'catalog' | 'result';

/** Guesses what a JSON document is from its top-level fields. */
export function documentKind(value: unknown): DocumentKind | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  if ('candidates' in v) return 'result';
  if ('cluster' in v) return 'scenario';
  if ('switches' in v || 'offers' in v || 'mediaRecipes' in v) return 'catalog';
  return undefined;
}
