import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultCatalog } from '../catalog/default';
import { KernelFileError } from '../engine/wasm-node';
import type { Catalog } from '../model/catalog';
import type { Scenario } from '../model/scenario';
import {
  checkCatalog, checkResult, checkScenario, documentKind, formatProblems, parseJsonText,
  type DocumentKind, type FieldProblem,
} from '../model/validate';
import { optimize, type OptimizeOutcome } from '../topology/optimize';
import { exportSubject } from '../export/fabric';
import { EXPORT_FORMATS, exportFormat } from '../export/formats';
import { resultJson } from '../export/json';
import { CliError, EngineError, EXIT, EXIT_CODES_TEXT, InputError, UsageError } from './exit-codes';
import { fileErrorMessage, prepareOutput, readInputText, writeOutput, writeStdout, type InputFile, type OutputTarget } from './files';
import { money, summaryTable } from './format';
import { say, warn } from './terminal';

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
--out is checked before any work starts (it may not be one of the command's input files) and is
replaced only once the whole output is written, so a failure leaves the previous file as it was.
${EXIT_CODES_TEXT}`;

async function readJson(input: InputFile): Promise<unknown> {
  const parsed = parseJsonText(await readInputText(input));
  if (!parsed.ok) throw new InputError(problemsText(input.path, parsed.problems));
  return parsed.value;
}

function problemsText(path: string, problems: FieldProblem[]): string {
  return `${path} is not valid:\n${formatProblems(problems).replace(/^/gm, '  ')}`;
}

async function loadCatalog(path: string | undefined): Promise<Catalog> {
  if (!path) return defaultCatalog;
  const checked = checkCatalog(await readJson({ path, what: 'catalog' }));
  if (!checked.ok) throw new InputError(problemsText(path, checked.problems));
  return checked.value;
}

function inputFiles(...files: [string | undefined, string][]): InputFile[] {
  return files.filter((f): f is [string, string] => f[0] !== undefined).map(([path, what]) => ({ path, what }));
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
  const top = values.top === undefined ? undefined : Number(values.top);
  if (top !== undefined && (!Number.isInteger(top) || top < 1 || top > 100))
    throw new UsageError(`--top: must be an integer from 1 to 100, got ${values.top}`);
  if (values.engine !== 'kernel' && values.engine !== 'reference') throw new UsageError(`--engine: must be "kernel" or "reference", got "${values.engine}"`);
  const workers = values.workers === undefined ? undefined : Number(values.workers);
  if (workers !== undefined && (!Number.isInteger(workers) || workers < 1 || workers > 256))
    throw new UsageError(`--workers: must be an integer from 1 to 256, got ${values.workers}`);

  const out = values.out ?? `${basename(path).replace(/\.json$/i, '')}.result.json`;
  const target = await prepareOutput(out, inputFiles([path, 'scenario'], [values.catalog, 'catalog']));
  const raw = await readJson({ path, what: 'scenario' });
  if (top !== undefined && raw && typeof raw === 'object') {
    const r = raw as Record<string, unknown>;
    r.search = { ...(typeof r.search === 'object' && r.search ? r.search : {}), topK: top };
  }
  const checked = checkScenario(raw);
  if (!checked.ok) throw new InputError(problemsText(path, checked.problems));
  const scenario = checked.value;
  const catalog = await loadCatalog(values.catalog);

  const log = (s: string) => { if (!values.quiet) warn(s); };
  log(`Searching designs for ${scenario.cluster.gpus.toLocaleString('en-US')} GPUs (${scenario.cluster.serverProfile}) with the ${values.engine} engine...\n`);
  const tty = process.stderr.isTTY;
  const onProgress = (p: { evaluated: number; total: number }) => {
    if (tty) log(`\r  ${p.evaluated.toLocaleString('en-US')} / ${p.total.toLocaleString('en-US')} designs covered`);
  };
  const outcome = values.engine === 'reference' ? optimize(scenario, catalog, { onProgress }) : await searchWithKernel(scenario, catalog, workers, onProgress);
  if (tty) log('\n');
  if (!outcome.ok) throw new InputError(outcome.reason);
  const result = outcome.result;
  const st = result.stats;
  await writeOutput(target, [JSON.stringify(result, null, 2) + '\n']);
  if (result.candidates.length === 0) {
    say(`No feasible design among ${st.spaceSize.toLocaleString('en-US')}. Why designs were rejected:\n`);
    for (const r of st.infeasibleReasons.slice(0, 8)) say(`  ${r.count.toLocaleString('en-US')} x ${r.reason}\n`);
    for (const d of result.diagnosis) say(`  ${d.field ? `${d.field}: ` : ''}${d.message}\n`);
    say(`Wrote ${out}\n`);
    return EXIT.infeasible;
  }
  say(summaryTable(result) + '\n\n');
  const best = result.candidates.find((c) => c.rank === 1)!;
  say(
    `Best: ${best.id}\n  capex ${money(best.metrics.capex, result.currency)} (all OEM-new ${money(best.metrics.capexAllOemNew, result.currency)}), ` +
      `TCO ${result.scenario.objective.years} y ${money(best.metrics.tco, result.currency)}, ${best.metrics.transceiverCount.toLocaleString('en-US')} transceivers, ${best.metrics.cableCount.toLocaleString('en-US')} cables\n`,
  );
  say(
    `Searched ${st.spaceSize.toLocaleString('en-US')} designs (${st.evaluated.toLocaleString('en-US')} evaluated, ${st.pruned.toLocaleString('en-US')} pruned by bounds) ` +
      `in ${st.elapsedMs} ms with the ${st.engine} engine on ${st.workers} worker${st.workers === 1 ? '' : 's'}; Pareto front: ${result.pareto.length} designs.\n` +
      `Prices: ${result.catalogName}. Wrote ${out}\n`,
  );
  return EXIT.ok;
}

/** The kernel search; a kernel that cannot load or workers that cannot run end with exit code 5. */
async function searchWithKernel(
  scenario: Scenario,
  catalog: Catalog,
  workers: number | undefined,
  onProgress: (p: { evaluated: number; total: number }) => void,
): Promise<OptimizeOutcome> {
  const { optimizeWithKernel, shutdownKernelPool } = await import('../engine/node');
  try {
    return await optimizeWithKernel(scenario, catalog, { workers, onProgress });
  } catch (e) {
    if (e instanceof KernelFileError) throw new EngineError(e.message);
    throw new EngineError(`the search engine could not run: ${(e as Error).message ?? e}; --engine reference searches without the kernel`);
  } finally {
    shutdownKernelPool();
  }
}

async function runValidate(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { kind: { type: 'string' } } });
  if (positionals.length !== 1) throw new UsageError('validate takes exactly one FILE');
  const path = positionals[0];
  const value = await readJson({ path, what: 'file' });
  const kind = (values.kind ?? documentKind(value)) as DocumentKind | undefined;
  if (!kind || !['scenario', 'catalog', 'result'].includes(kind))
    throw new InputError(`${path}: cannot tell whether this is a scenario, catalog or result (pass --kind)`);
  const checked = kind === 'scenario' ? checkScenario(value) : kind === 'catalog' ? checkCatalog(value) : checkResult(value);
  if (!checked.ok) throw new InputError(problemsText(path, checked.problems));
  say(`${path}: valid ${kind} (schemaVersion 1)\n`);
  return EXIT.ok;
}

/** Writes an output to --out (atomically) or, without --out, to standard output. */
function emit(target: OutputTarget | undefined, chunks: Iterable<string>): Promise<void> {
  return target ? writeOutput(target, chunks) : writeStdout(chunks);
}

async function runExport(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: 'string' }, candidate: { type: 'string' }, out: { type: 'string' }, catalog: { type: 'string' } },
  });
  if (positionals.length !== 1) throw new UsageError('export takes exactly one RESULT.json');
  const path = positionals[0];
  const ids = ['results-json', ...EXPORT_FORMATS.map((f) => f.id)];
  if (!values.format || !ids.includes(values.format)) throw new UsageError(`--format: must be one of ${ids.join(', ')}, got ${values.format ?? 'nothing'}`);
  const target = values.out === undefined ? undefined : await prepareOutput(values.out, inputFiles([path, 'result'], [values.catalog, 'catalog']));
  const checked = checkResult(await readJson({ path, what: 'result' }));
  if (!checked.ok) throw new InputError(problemsText(path, checked.problems));
  const result = checked.value;
  if (values.format === 'results-json') {
    await emit(target, [resultJson(result)]);
    if (values.out) warn(`Wrote the result JSON to ${values.out}\n`);
    return EXIT.ok;
  }
  const candidateId = values.candidate ?? result.candidates.find((c) => c.rank === 1)?.id;
  if (!candidateId) throw new InputError(`${path}: has no candidates to export`);
  const subject = exportSubject(result, await loadCatalog(values.catalog), candidateId);
  if (!subject.ok) throw new InputError(subject.message);
  const format = exportFormat(values.format)!;
  const why = format.unsuitable?.(subject.value);
  if (why) throw new InputError(`--format ${format.id}: ${why}; candidate ${candidateId} is ${subject.value.candidate.technology}`);
  try {
    await emit(target, format.write(subject.value));
  } catch (e) {
    if (!(e instanceof CliError) && e instanceof Error && /limited to|is for/.test(e.message)) throw new InputError(`--format ${format.id}: ${e.message}`);
    throw e;
  }
  if (values.out) warn(`Wrote ${format.label} of ${candidateId} to ${values.out}\n`);
  return EXIT.ok;
}

async function runCatalog(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { out: { type: 'string' } } });
  const text = JSON.stringify(defaultCatalog, null, 2) + '\n';
  if (values.out === undefined) {
    await writeStdout([text]);
    return EXIT.ok;
  }
  await writeOutput(await prepareOutput(values.out, []), [text]);
  say(`Wrote ${values.out}\n`);
  return EXIT.ok;
}

/** Ends the command for any failure: one message (usage errors add the usage text), never a stack trace. */
function failure(e: unknown): number {
  if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    warn(`railyard: ${(e as Error).message}\n\n${USAGE}\n`);
    return EXIT.usage;
  }
  if (e instanceof CliError) {
    // An empty message is a reader that closed our output (`| head -1`): nothing to say.
    if (e.message) warn(`railyard: ${e.message}\n`);
    return e.exitCode;
  }
  // A bug: say so in one line; the stack only on request.
  warn(`railyard: internal error: ${(e as Error)?.message ?? e}; please report it (RAILYARD_DEBUG=1 shows where)\n`);
  if (process.env.RAILYARD_DEBUG) process.stderr.write(`${(e as Error)?.stack ?? e}\n`);
  return EXIT.engine;
}

/** Standard output failing outside writeStdout (the summary table into a closed pipe or a full disk). */
function onStdoutError(e: NodeJS.ErrnoException): void {
  if (e.code !== 'EPIPE' && e.code !== 'ECONNRESET') warn(`railyard: ${fileErrorMessage(e, 'standard output', 'write', '')}\n`);
  process.exit(EXIT.io);
}

export async function main(argv: string[]): Promise<number> {
  process.stdout.on('error', onStdoutError);
  // A closed standard error (2>&-) must not turn a message into a crash.
  process.stderr.on('error', () => {});
  const [command, ...rest] = argv;
  try {
    if (!command || command === '--help' || command === '-h' || command === 'help') {
      say(USAGE + '\n');
      return command ? EXIT.ok : EXIT.usage;
    }
    if (command === 'optimize') return await runOptimize(rest);
    if (command === 'validate') return await runValidate(rest);
    if (command === 'catalog') return await runCatalog(rest);
    if (command === 'export') return await runExport(rest);
    throw new UsageError(`unknown command "${command}"`);
  } catch (e) {
    return failure(e);
  }
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
