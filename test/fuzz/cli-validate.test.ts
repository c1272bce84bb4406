import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/catalog/default';
import { ScenarioSchema } from '../../src/model/scenario';
import { checkCatalog, checkResult, checkScenario, documentKind, parseJsonText } from '../../src/model/validate';
import { optimize } from '../../src/topology/optimize';
import { labCatalog } from '../fixtures/lab-catalog';
import { expectCleanCliError } from './clean-messages';
import { DEEP, FUZZ_SEED, hostileDocumentText } from './hostile';

const bin = join(__dirname, '..', '..', 'bin', 'railyard.mjs');
const FILES = 20;

/** Whether the library itself accepts the text as the kind it looks like (those are not hostile enough here). */
function validHere(text: string): boolean {
  const parsed = parseJsonText(text);
  if (!parsed.ok) return false;
  const kind = documentKind(parsed.value);
  const check = kind === 'scenario' ? checkScenario : kind === 'catalog' ? checkCatalog : kind === 'result' ? checkResult : undefined;
  return check !== undefined && check(parsed.value).ok;
}

function validate(file: string): Promise<{ status: number | null; signal: string | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, 'validate', file], { cwd: tmpdir() });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr }));
  });
}

describe(`railyard validate on hostile files (fast-check seed ${FUZZ_SEED})`, () => {
  it(`exits 1 with one message and field paths, never a stack trace, on ${FILES} hostile scenario, catalog and result files`, async () => {
    const scenario = ScenarioSchema.parse({ name: 'cli fuzz', cluster: { gpus: 512, serverProfile: 'hgx-h100-8x400g' } });
    const outcome = optimize(ScenarioSchema.parse({ cluster: { gpus: 64, serverProfile: 'one-port-400g' }, search: { topK: 2 } }), labCatalog());
    if (!outcome.ok) throw new Error(outcome.reason);
    const texts = fc
      .sample(fc.oneof(hostileDocumentText(scenario), hostileDocumentText(defaultCatalog), hostileDocumentText(outcome.result)), { seed: FUZZ_SEED, numRuns: 60 })
      .filter((t) => !validHere(t))
      .slice(0, FILES - 2);
    texts.push('['.repeat(DEEP) + ']'.repeat(DEEP), JSON.stringify(scenario).replace('"cluster":', '"__proto__":{"polluted":1},"cluster":'));
    expect(texts).toHaveLength(FILES);
    const dir = mkdtempSync(join(tmpdir(), 'railyard-fuzz-'));
    const files = texts.map((text, i) => {
      const file = join(dir, `hostile-${i}.json`);
      writeFileSync(file, text);
      return file;
    });
    // Two at a time: each start of the CLI costs about half a second of one core.
    const results: Awaited<ReturnType<typeof validate>>[] = [];
    for (let i = 0; i < files.length; i += 2) results.push(...(await Promise.all(files.slice(i, i + 2).map(validate))));
    results.forEach((r, i) => {
      const what = `${files[i]} (${texts[i].slice(0, 120)})`;
      expect(r.signal, what).toBeNull();
      expect(r.status, `${what}\n${r.stderr}`).toBe(1);
      expect(r.stdout, what).toBe('');
      expectCleanCliError(r.stderr);
    });
  });
});
