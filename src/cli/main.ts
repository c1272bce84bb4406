import { createWriteStream, readFileSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultCatalog } from '../catalog/default';
import type { Catalog } from '../model/catalog';
import {
  checkCatalog, checkResult, checkScenario, documentKind, formatProblems, MAX_JSON_BYTES, parseJsonText,
  type DocumentKind, type FieldProblem,
} from '../model/validate';
import { optimize, type OptimizeOutcome } from '../topology/optimize';
import { exportSubject } from '../export/fabric';
import { EXPORT_FORMATS, exportFormat } from '../export/formats';
import { resultJson } from '../export/json';
import { money, summaryTable } from './format';

const USAGE = `Railyard — cost-optimal AI-cluster network fabrics, computed locally.

Usage:
  railyard optimize SCENARIO.json [--catalog CATALOG.json] [--top N] [--out RESULT.json]
                    [--engine kernel|reference] [--workers N] [--quiet]
  railyard validate FILE [--kind scenario|catalog|result]
  railyard export RESULT.json --format F [--candidate ID] [--out FILE] [--catalog CATALOG.json]
  railyard catalog [--out CATALOG.json]      write the built-in default catalog
  railyard --help

optimize  searches every design the scenario allows, prints the ranked candidates and writes
          the result JSON (default: <scenario name>.result.json in the current folder).
export    writes one candidate (default: rank 1) as F = ${EXPORT_FORMATS.map((f) => f.id).join(', ')},
          or with --format results-json the whole result.
validate  checks a scenario, catalog or result file and lists every problem by field.
Exit status: 0 success, 1 invalid input or no feasible design, 2 usage error.`;

class UsageError extends Error {}
class InputError extends Error {}

function readJson(path: string, what: string): unknown {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new InputError(`${what} ${path}: cannot read the file (does it exist?)`);
  }
  if (size > MAX_JSON_BYTES) throw new InputError(`${what} ${path}: must be at most ${MAX_JSON_BYTES / 1024 / 1024} MB, got ${(size / 1024 / 1024).toFixed(1)} MB`);
  const parsed = parseJsonText(readFileSync(path, 'utf8'));
  if (!parsed.ok) throw new InputError(problemsText(path, parsed.problems));
  return parsed.value;
}

function problemsText(path: string, problems: FieldProblem[]): string {
  return `${path} is not valid:\n${formatProblems(problems).replace(/^/gm, '  ')}`;
}

function loadCatalog(path: string | undefined): Catalog {
  if (!path) return defaultCatalog;
  const checked = checkCatalog(readJson(path, 'catalog'));
  if (!checked.ok) throw new InputError(problemsText(path, checked.problems));
  return checked.value;
}

async function runOptimize(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      catalog: { type: 'string' },
      top: { type: 'string' },
      out: { type: 'string' },
      engine: { type: 'string', default: 'kernel' },
      workers: { type: 'string' },
      quiet: { type: 'boolean', default: false },
    },
  });
  if (positionals.length !== 1) throw new UsageError('optimize takes exactly one SCENARIO.json');
  const path = positionals[0];
  const raw = readJson(path, 'scenario');
  if (values.top !== undefined) {
    const top = Number(values.top);
    if (!Number.isInteger(top) || top < 1 || top > 100) throw new UsageError(`--top: must be an integer from 1 to 100, got ${values.top}`);
    if (raw && typeof raw === 'object') {
      const r = raw as Record<string, unknown>;
      r.search = { ...(typeof r.search === 'object' && r.search ? r.search : {}), topK: top };
    }
  }
  const checked = checkScenario(raw);
  if (!checked.ok) throw new InputError(problemsText(path, checked.problems));
  const scenario = checked.value;
  const catalog = loadCatalog(values.catalog);
  if (values.engine !== 'kernel' && values.engine !== 'reference') throw new UsageError(`--engine: must be "kernel" or "reference", got "${values.engine}"`);
  const workers = values.workers === undefined ? undefined : Number(values.workers);
  if (workers !== undefined && (!Number.isInteger(workers) || workers < 1 || workers > 256))
    throw new UsageError(`--workers: must be an integer from 1 to 256, got ${values.workers}`);
  const log = (s: string) => { if (!values.quiet) process.stderr.write(s); };
  log(`Searching designs for ${scenario.cluster.gpus.toLocaleString('en-US')} GPUs (${scenario.cluster.serverProfile}) with the ${values.engine} engine...\n`);
  const tty = process.stderr.isTTY;
  const onProgress = (p: { evaluated: number; total: number }) => {
    if (tty) log(`\r  ${p.evaluated.toLocaleString('en-US')} / ${p.total.toLocaleString('en-US')} designs covered`);
  };
  let outcome: OptimizeOutcome;
  if (values.engine === 'reference') {
    outcome = optimize(scenario, catalog, { onProgress });
  } else {
    const { optimizeWithKernel, shutdownKernelPool } = await import('../engine/node');
    try {
      outcome = await optimizeWithKernel(scenario, catalog, { workers, onProgress });
    } finally {
      shutdownKernelPool();
    }
  }
  if (tty) log('\n');
  if (!outcome.ok) throw new InputError(outcome.reason);
  const result = outcome.result;
  const st = result.stats;
  const out = values.out ?? `${basename(path).replace(/\.json$/i, '')}.result.json`;
  writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
  if (result.candidates.length === 0) {
    process.stdout.write(`No feasible design among ${st.spaceSize.toLocaleString('en-US')}. Why designs were rejected:\n`);
    for (const r of st.infeasibleReasons.slice(0, 8)) process.stdout.write(`  ${r.count.toLocaleString('en-US')} x ${r.reason}\n`);
    process.stdout.write(`Wrote ${out}\n`);
    return 1;
  }
  process.stdout.write(summaryTable(result) + '\n\n');
  const best = result.candidates.find((c) => c.rank === 1)!;
  process.stdout.write(
    `Best: ${best.id}\n  capex ${money(best.metrics.capex, result.currency)} (all OEM-new ${money(best.metrics.capexAllOemNew, result.currency)}), ` +
      `TCO ${result.scenario.objective.years} y ${money(best.metrics.tco, result.currency)}, ${best.metrics.transceiverCount.toLocaleString('en-US')} transceivers, ${best.metrics.cableCount.toLocaleString('en-US')} cables\n`,
  );
  process.stdout.write(
    `Searched ${st.spaceSize.toLocaleString('en-US')} designs (${st.evaluated.toLocaleString('en-US')} evaluated, ${st.pruned.toLocaleString('en-US')} pruned by bounds) ` +
      `in ${st.elapsedMs} ms with the ${st.engine} engine on ${st.workers} worker${st.workers === 1 ? '' : 's'}; Pareto front: ${result.pareto.length} designs.\n` +
      `Prices: ${result.catalogName}. Wrote ${out}\n`,
  );
  return 0;
}

function runValidate(args: string[]): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { kind: { type: 'string' } } });
  if (positionals.length !== 1) throw new UsageError('validate takes exactly one FILE');
  const path = positionals[0];
  const value = readJson(path, 'file');
  const kind = (values.kind ?? documentKind(value)) as DocumentKind | undefined;
  if (!kind || !['scenario', 'catalog', 'result'].includes(kind))
    throw new InputError(`${path}: cannot tell whether this is a scenario, catalog or result (pass --kind)`);
  const checked = kind === 'scenario' ? checkScenario(value) : kind === 'catalog' ? checkCatalog(value) : checkResult(value);
  if (!checked.ok) throw new InputError(problemsText(path, checked.problems));
  process.stdout.write(`${path}: valid ${kind} (schemaVersion 1)\n`);
  return 0;
}

/** Writes chunks to a file (or stdout), waiting for the stream to drain so memory stays flat. */
async function writeChunks(path: string | undefined, chunks: Iterable<string>): Promise<void> {
  const stream = path ? createWriteStream(path) : process.stdout;
  for (const chunk of chunks) if (!stream.write(chunk)) await once(stream, 'drain');
  if (path) {
    (stream as ReturnType<typeof createWriteStream>).end();
    await once(stream, 'finish');
  }
}

async function runExport(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: 'string' }, candidate: { type: 'string' }, out: { type: 'string' }, catalog: { type: 'string' } },
  });
  if (positionals.length !== 1) throw new UsageError('export takes exactly one RESULT.json');
  const path = positionals[0];
  const checked = checkResult(readJson(path, 'result'));
  if (!checked.ok) throw new InputError(problemsText(path, checked.problems));
  const result = checked.value;
  const ids = ['results-json', ...EXPORT_FORMATS.map((f) => f.id)];
  if (!values.format || !ids.includes(values.format)) throw new UsageError(`--format: must be one of ${ids.join(', ')}, got ${values.format ?? 'nothing'}`);
  if (values.format === 'results-json') {
    await writeChunks(values.out, [resultJson(result)]);
    return 0;
  }
  const candidateId = values.candidate ?? result.candidates.find((c) => c.rank === 1)?.id;
  if (!candidateId) throw new InputError(`${path}: has no candidates to export`);
  const subject = exportSubject(result, loadCatalog(values.catalog), candidateId);
  if (!subject.ok) throw new InputError(subject.message);
  const format = exportFormat(values.format)!;
  const why = format.unsuitable?.(subject.value);
  if (why) throw new InputError(`--format ${format.id}: ${why}; candidate ${candidateId} is ${subject.value.candidate.technology}`);
  try {
    await writeChunks(values.out, format.write(subject.value));
  } catch (e) {
    if (e instanceof Error && /limited to|is for/.test(e.message)) throw new InputError(`--format ${format.id}: ${e.message}`);
    throw e;
  }
  if (values.out) process.stderr.write(`Wrote ${format.label} of ${candidateId} to ${values.out}\n`);
  return 0;
}

function runCatalog(args: string[]): number {
  const { values } = parseArgs({ args, options: { out: { type: 'string' } } });
  const text = JSON.stringify(defaultCatalog, null, 2) + '\n';
  if (values.out) {
    writeFileSync(values.out, text);
    process.stdout.write(`Wrote ${values.out}\n`);
  } else process.stdout.write(text);
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (!command || command === '--help' || command === '-h' || command === 'help') {
      process.stdout.write(USAGE + '\n');
      return command ? 0 : 2;
    }
    if (command === 'optimize') return await runOptimize(rest);
    if (command === 'validate') return runValidate(rest);
    if (command === 'catalog') return runCatalog(rest);
    if (command === 'export') return await runExport(rest);
    throw new UsageError(`unknown command "${command}"`);
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`railyard: ${(e as Error).message}\n\n${USAGE}\n`);
      return 2;
    }
    if (e instanceof InputError) {
      process.stderr.write(`railyard: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
