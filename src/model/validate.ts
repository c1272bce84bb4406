import type { z } from 'zod';
import { CatalogSchema, type Catalog } from './catalog';
import { ResultSchema, type Result } from './result';
import { ScenarioSchema, type Scenario } from './scenario';

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
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v);
  if (Array.isArray(v)) return `a list of ${v.length}`;
  if (v === null) return 'null';
  if (typeof v === 'object') return 'an object';
  return String(v);
}

function pathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += (out ? '.' : '') + String(key);
  }
  return out || '(top level)';
}

/** Turns zod issues into field-path messages such as `cluster.gpus: must be a positive integer, got -8`. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], input: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const issue of issues.slice(0, MAX_PROBLEMS)) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        problems.push({ path: pathText([...issue.path, key]), message: 'is not a known field' });
      continue;
    }
    const got = valueAt(input, issue.path);
    let message = issue.message;
    if (issue.code === 'invalid_type' && issue.expected === 'int' && typeof got === 'number') {
      message = `must be an integer, got ${show(got)}`;
    } else if (issue.code === 'invalid_type') {
      message = got === undefined ? 'is required' : `must be ${article(issue.expected)}, got ${typeName(got)}`;
    } else if (issue.code === 'invalid_value') {
      message = `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${show(got)}`;
    } else if (!/, got /.test(message)) {
      message = `${message}, got ${show(got)}`;
    }
    problems.push({ path: pathText(issue.path), message });
  }
  if (issues.length > MAX_PROBLEMS)
    problems.push({ path: '(top level)', message: `and ${issues.length - MAX_PROBLEMS} more problems` });
  return problems;
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'number' && Number.isNaN(v)) return 'NaN';
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
  const r = schema.safeParse(input);
  return r.success ? { ok: true, value: r.data } : { ok: false, problems: describeIssues(r.error.issues, input) };
}

export const checkScenario = (input: unknown): Checked<Scenario> => check(ScenarioSchema, input);
export const checkCatalog = (input: unknown): Checked<Catalog> => check(CatalogSchema, input);
export const checkResult = (input: unknown): Checked<Result> => check(ResultSchema, input);

/** Largest JSON text we read: a full catalog is well under 1 MB, a big result a few MB. */
export const MAX_JSON_BYTES = 64 * 1024 * 1024;

/** Parses JSON text into a value, or a problem that says where the syntax broke. */
export function parseJsonText(text: string): Checked<unknown> {
  if (text.length > MAX_JSON_BYTES)
    return { ok: false, problems: [{ path: '(file)', message: `must be at most ${MAX_JSON_BYTES / 1024 / 1024} MB, got ${(text.length / 1024 / 1024).toFixed(1)} MB` }] };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, problems: [{ path: '(file)', message: `is not valid JSON: ${(e as Error).message}` }] };
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
