// The railyard commands (optimize, validate, export, catalog, template). src/cli/main.ts loads this module
// only when a command runs, so --help and --version start without the schemas, the catalog or
// the engine.
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultCatalog } from '../catalog/default';
import { REFERENCE_TEMPLATES, templateById, templateSizeFromText, templateSizeProblem, type ReferenceTemplate } from '../catalog/templates';
import { KernelFileError } from '../engine/wasm-node';
import type { Catalog } from '../model/catalog';
import { checkInventory, isInventoryDocument, itemLabel } from '../model/inventory';
import type { Result } from '../model/result';
import type { Scenario } from '../model/scenario';
import {
  checkCatalog, checkResult, checkScenario, documentKind, formatProblems, parseJsonText,
  type DocumentKind, type FieldProblem,
} from '../model/validate';
import { optimize, type OptimizeOutcome } from '../topology/optimize';
import { withInventory } from '../topology/inventory';
import { exportSubject, phaseProblem, phaseTitle } from '../export/fabric';
import { MAX_PHASES } from '../model/phase-plan';
import { EXPORT_FORMATS, exportFormat } from '../export/formats';
import { resultJson } from '../export/json';
import { CliError, EngineError, EXIT, InputError, UsageError } from './exit-codes';
import { integerOption } from './integer-option';
import { prepareOutput, readInputText, writeOutput, writeStdout, type InputFile, type OutputTarget } from './files';
import { money, phasesReport, summaryTable } from './format';
import { say, warn } from './terminal';

/** --quiet: nothing but errors on either stream. */
const quietOption = { quiet: { type: 'boolean', short: 'q', default: false } } as const;
const silent = (_: string) => {};

export async function readJson(input: InputFile): Promise<unknown> {
  const parsed = parseJsonText(await readInputText(input));
  if (!parsed.ok) throw new InputError(problemsText(input.path, parsed.problems));
  return parsed.value;
}

export function problemsText(path: string, problems: FieldProblem[]): string {
  return `${path} is not valid:\n${formatProblems(problems).replace(/^/gm, '  ')}`;
}

async function loadCatalog(path: string | undefined): Promise<Catalog> {
  if (!path) return defaultCatalog;
  const checked = checkCatalog(await readJson({ path, what: 'catalog' }));
  if (!checked.ok) throw new InputError(problemsText(path, checked.problems));
  return checked.value;
}

/** The catalog with the owned offers of --inventory added (the inventory is checked against that catalog). */
export async function loadPricedCatalog(catalogPath: string | undefined, inventoryPath: string | undefined): Promise<Catalog> {
  const catalog = await loadCatalog(catalogPath);
  if (!inventoryPath) return catalog;
  const checked = checkInventory(await readJson({ path: inventoryPath, what: 'inventory' }), catalog);
  if (!checked.ok) throw new InputError(problemsText(inventoryPath, checked.problems));
  try {
    return withInventory(catalog, checked.value);
  } catch (e) {
    throw new InputError(`${inventoryPath}: ${(e as Error).message}`);
  }
}

function inputFiles(...files: [string | undefined, string][]): InputFile[] {
  return files.filter((f): f is [string, string] => f[0] !== undefined).map(([path, what]) => ({ path, what }));
}

/** Where optimize writes without --out: beside the scenario, not in whatever folder the shell is in. */
export function defaultResultPath(scenarioPath: string): string {
  return join(dirname(scenarioPath), `${basename(scenarioPath).replace(/\.json$/i, '')}.result.json`);
}

/** How the present-value ranking of a phased scenario went (docs/phases.md, "The search"): rows priced, and the kernel's runs. */
function phasedSearchLine(st: Result['stats']): string {
  const p = st.phased;
  if (!p) return '';
  const n = (x: number) => x.toLocaleString('en-US');
  if (st.engine === 'reference') return `Present value: priced ${n(p.priced)} of ${n(p.rows)} feasible rows; no other row can enter the top designs.\n`;
  const runs = p.kernelRuns === 1 ? '1 kernel run' : `${n(p.kernelRuns)} kernel runs, each asking four times the rows (the counts above are the last run's)`;
  return `Present value: priced ${n(p.priced)} of the kernel's best ${n(p.rows)} rows in ${runs}; no other row can enter the top designs.\n`;
}

export async function runOptimize(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      catalog: { type: 'string' },
      inventory: { type: 'string' },
      top: { type: 'string' },
      out: { type: 'string' },
      engine: { type: 'string', default: 'kernel' },
      workers: { type: 'string' },
      json: { type: 'boolean', default: false },
      ...quietOption,
    },
  });
  if (positionals.length !== 1) throw new UsageError('optimize takes exactly one SCENARIO.json');
  const path = positionals[0];
  const top = integerOption('top', values.top, 1, 100);
  if (values.engine !== 'kernel' && values.engine !== 'reference') throw new UsageError(`--engine: must be "kernel" or "reference", got "${values.engine}"`);
  const workers = integerOption('workers', values.workers, 1, 256);

  // --json alone prints the result and writes no file (`railyard optimize s.json --json | jq`).
  const out = values.out ?? (values.json ? undefined : defaultResultPath(path));
  const target = out === undefined ? undefined : await prepareOutput(out, inputFiles([path, 'scenario'], [values.catalog, 'catalog'], [values.inventory, 'inventory']));
  const raw = await readJson({ path, what: 'scenario' });
  if (top !== undefined && raw && typeof raw === 'object') {
    const r = raw as Record<string, unknown>;
    r.search = { ...(typeof r.search === 'object' && r.search ? r.search : {}), topK: top };
  }
  const checked = checkScenario(raw);
  if (!checked.ok) throw new InputError(problemsText(path, checked.problems));
  const scenario = checked.value;
  const catalog = await loadPricedCatalog(values.catalog, values.inventory);

  // Progress goes to standard error; the table and summary to standard output unless --json holds it.
  const log = values.quiet ? silent : warn;
  const tell = values.quiet ? silent : values.json ? warn : say;
  log(`Searching designs for ${scenario.cluster.gpus.toLocaleString('en-US')} GPUs (${scenario.cluster.serverProfile}) with the ${values.engine} engine...\n`);
  const tty = process.stderr.isTTY;
  const onProgress = (p: { evaluated: number; total: number }) => {
    if (tty) log(`\r  ${p.evaluated.toLocaleString('en-US')} / ${p.total.toLocaleString('en-US')} designs covered`);
  };
  const outcome = values.engine === 'reference' ? optimize(scenario, catalog, { onProgress }) : await searchWithKernel(scenario, catalog, workers, onProgress);
  if (tty) log('\n');
  if (!outcome.ok) throw new InputError(outcome.reason);
  const result = outcome.result;
  const text = JSON.stringify(result, null, 2) + '\n';
  if (target) await writeOutput(target, [text]);
  if (values.json) await writeStdout([text]);
  const wrote = out === undefined ? '' : `Wrote ${out}\n`;
  if (result.candidates.length === 0) {
    // Why nothing is feasible is the answer to exit code 3: said even with --quiet, on standard
    // error when standard output is not the human report.
    infeasibleReport(result, values.quiet || values.json ? warn : say);
    tell(wrote);
    return EXIT.infeasible;
  }
  if (!values.json) tell(summaryTable(result) + '\n\n');
  const st = result.stats;
  const best = result.candidates.find((c) => c.rank === 1)!;
  tell(
    `Best: ${best.id}\n  capex ${money(best.metrics.capex, result.currency)} (all OEM-new ${money(best.metrics.capexAllOemNew, result.currency)}), ` +
      `TCO ${result.scenario.objective.years} y ${money(best.metrics.tco, result.currency)}, ${best.metrics.transceiverCount.toLocaleString('en-US')} transceivers, ${best.metrics.cableCount.toLocaleString('en-US')} cables\n` +
      best.warnings.map((w) => `  warning (${w.code}): ${w.message}\n`).join(''),
  );
  tell(
    `Searched ${st.spaceSize.toLocaleString('en-US')} designs (${st.evaluated.toLocaleString('en-US')} evaluated, ${st.pruned.toLocaleString('en-US')} pruned by bounds) ` +
      `in ${st.elapsedMs} ms with the ${st.engine} engine on ${st.workers} worker${st.workers === 1 ? '' : 's'}; Pareto front: ${result.pareto.length} designs.\n` +
      phasedSearchLine(st) +
      `Prices: ${result.catalogName}. ${wrote}`,
  );
  if (values.inventory) tell(reuseReport(best, result.currency));
  if (best.phases) tell(phasesReport(best, result.currency, result.objective));
  return EXIT.ok;
}

/** What the best design reuses and buys, and what reusing saves (with --inventory). */
function reuseReport(best: Result['candidates'][number], currency: string): string {
  const r = best.metrics.reuse;
  if (!r) return 'Reused: nothing from the inventory (the best design buys every part; check sourcing.* allows "owned").\n';
  const line = (l: Result['candidates'][number]['bom'][number]) =>
    `    ${l.quantity.toLocaleString('en-US')} x ${itemLabel({ part: l.part, lengthM: l.lengthM })} (${l.source}${l.spare ? ', spare' : ''}) ${money(l.extendedPrice, currency)}\n`;
  const reused = best.bom.filter((l) => l.source === 'owned');
  const bought = best.bom.filter((l) => l.source !== 'owned');
  return `Reused from the inventory (${r.units.toLocaleString('en-US')} units, residual value ${money(r.residualValue, currency)}):\n${reused.map(line).join('')}` +
    `Bought (${money(r.capexBought, currency)}):\n${bought.map(line).join('')}` +
    `  capex ${money(best.metrics.capex, currency)} = bought ${money(r.capexBought, currency)} + residual value reused ${money(r.residualValue, currency)}\n` +
    `  buying everything: ${money(r.capexBuyingEverything, currency)}; saving against buying everything ${money(r.savingVsBuyingEverything, currency)} ` +
    `(prices avoided ${money(r.avoidedPrice, currency)} - residual value ${money(r.residualValue, currency)})\n`;
}

function infeasibleReport(result: Result, print: (s: string) => void): void {
  print(`No feasible design among ${result.stats.spaceSize.toLocaleString('en-US')}. Why designs were rejected:\n`);
  for (const r of result.stats.infeasibleReasons.slice(0, 8)) print(`  ${r.count.toLocaleString('en-US')} x ${r.reason}\n`);
  for (const d of result.diagnosis) print(`  ${d.field ? `${d.field}: ` : ''}${d.message}\n`);
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

export async function runValidate(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { kind: { type: 'string' }, catalog: { type: 'string' }, ...quietOption } });
  if (positionals.length !== 1) throw new UsageError('validate takes exactly one FILE');
  const path = positionals[0];
  const value = await readJson({ path, what: 'file' });
  if (values.kind === 'inventory' || (values.kind === undefined && isInventoryDocument(value))) {
    // An inventory is checked against the catalog it will be priced with: its part ids must be there.
    const checked = checkInventory(value, await loadCatalog(values.catalog));
    if (!checked.ok) throw new InputError(problemsText(path, checked.problems));
    const units = checked.value.items.reduce((x, i) => x + i.quantity, 0);
    if (!values.quiet) say(`${path}: valid inventory (schemaVersion 1): ${checked.value.items.length} lines, ${units.toLocaleString('en-US')} units\n`);
    return EXIT.ok;
  }
  const kind = (values.kind ?? documentKind(value)) as DocumentKind | undefined;
  if (!kind || !['scenario', 'catalog', 'result'].includes(kind))
    throw new InputError(`${path}: cannot tell whether this is a scenario, catalog, result or inventory (pass --kind)`);
  const checked = kind === 'scenario' ? checkScenario(value) : kind === 'catalog' ? checkCatalog(value) : checkResult(value);
  if (!checked.ok) throw new InputError(problemsText(path, checked.problems));
  if (!values.quiet) say(`${path}: valid ${kind} (schemaVersion 1)\n`);
  return EXIT.ok;
}

/** Writes an output to --out (atomically) or, without --out, to standard output. */
function emit(target: OutputTarget | undefined, chunks: Iterable<string>): Promise<void> {
  return target ? writeOutput(target, chunks) : writeStdout(chunks);
}

export async function runExport(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: 'string' }, candidate: { type: 'string' }, phase: { type: 'string' }, out: { type: 'string' }, catalog: { type: 'string' }, inventory: { type: 'string' }, ...quietOption },
  });
  if (positionals.length !== 1) throw new UsageError('export takes exactly one RESULT.json');
  const path = positionals[0];
  const ids = ['results-json', ...EXPORT_FORMATS.map((f) => f.id)];
  if (!values.format || !ids.includes(values.format)) throw new UsageError(`--format: must be one of ${ids.join(', ')}, got ${values.format ?? 'nothing'}`);
  // --phase N: what phase N buys, installs, or the fabric as built after it (docs/exports.md "Phases").
  const phase = integerOption('phase', values.phase, 1, MAX_PHASES);
  if (phase !== undefined && !exportFormat(values.format)?.phaseView)
    throw new UsageError(`--phase: does not apply to --format ${values.format}: the result JSON holds every phase (candidates[].phases); export it without --phase`);
  const tell = values.quiet ? silent : warn;
  const target = values.out === undefined ? undefined : await prepareOutput(values.out, inputFiles([path, 'result'], [values.catalog, 'catalog'], [values.inventory, 'inventory']));
  const checked = checkResult(await readJson({ path, what: 'result' }));
  if (!checked.ok) throw new InputError(problemsText(path, checked.problems));
  const result = checked.value;
  if (values.format === 'results-json') {
    await emit(target, [resultJson(result)]);
    if (values.out) tell(`Wrote the result JSON to ${values.out}\n`);
    return EXIT.ok;
  }
  const candidateId = values.candidate ?? result.candidates.find((c) => c.rank === 1)?.id;
  if (!candidateId) throw new InputError(`${path}: has no candidates to export`);
  if (phase !== undefined) {
    const why = phaseProblem(result, phase);
    if (why) throw new UsageError(why);
  }
  const subject = exportSubject(result, await loadPricedCatalog(values.catalog, values.inventory), candidateId, phase);
  if (!subject.ok) throw new InputError(subject.message + (values.inventory ? '' : ' (a result priced with an inventory needs the same --inventory)'));
  const format = exportFormat(values.format)!;
  const why = format.unsuitable?.(subject.value);
  if (why) throw new InputError(`--format ${format.id}: ${why}; candidate ${candidateId} is ${subject.value.candidate.technology}`);
  try {
    await emit(target, format.write(subject.value));
  } catch (e) {
    if (!(e instanceof CliError) && e instanceof Error && /limited to|is for/.test(e.message)) throw new InputError(`--format ${format.id}: ${e.message}`);
    throw e;
  }
  if (values.out) tell(`Wrote ${format.label} of ${candidateId}${subject.value.phase ? ` for ${phaseTitle(subject.value.phase)}` : ''} to ${values.out}\n`);
  return EXIT.ok;
}

export async function runCatalog(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { out: { type: 'string' }, ...quietOption } });
  const text = JSON.stringify(defaultCatalog, null, 2) + '\n';
  if (values.out === undefined) {
    await writeStdout([text]);
    return EXIT.ok;
  }
  await writeOutput(await prepareOutput(values.out, []), [text]);
  if (!values.quiet) say(`Wrote ${values.out}\n`);
  return EXIT.ok;
}

/** `template list`: every built-in template with its size rule and the sizes its source publishes. */
function templateList(): string {
  const rows = REFERENCE_TEMPLATES.map((t) => {
    const unit = t.size.unit === 'SU' ? 'SU' : 'GPUs';
    const range = t.size.step > 1 ? `${t.size.min.toLocaleString('en-US')}-${t.size.max.toLocaleString('en-US')} ${unit}, multiples of ${t.size.step}` : `${t.size.min}-${t.size.max.toLocaleString('en-US')} ${unit}`;
    const published = t.published.length ? `published at ${t.published.map((r) => r.size).join(', ')} ${unit}` : 'derived (no public table)';
    return { id: t.id, range, published, title: t.title };
  });
  const w = (k: 'id' | 'range' | 'published') => Math.max(...rows.map((r) => r[k].length), k.length);
  const line = (r: { id: string; range: string; published: string; title: string }) =>
    `${r.id.padEnd(w('id'))}  ${r.range.padEnd(w('range'))}  ${r.published.padEnd(w('published'))}  ${r.title}`.trimEnd();
  return [line({ id: 'template', range: 'size', published: 'switch counts', title: 'design' }), ...rows.map(line)].join('\n') +
    '\n\nrailyard template ID --size N [--vary-only-sourcing] [--out SCENARIO.json]; the sources are in docs/templates.md.\n';
}

function sizeRule(t: ReferenceTemplate): string {
  return templateSizeProblem(t, undefined)!.replace(/, got nothing$/, '');
}

/**
 * `template ID --size N`: the template's scenario JSON, to --out (never over an existing file
 * without --force) or to standard output. --vary-only-sourcing pins the whole published design.
 */
export async function runTemplate(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      size: { type: 'string' },
      'vary-only-sourcing': { type: 'boolean', default: false },
      out: { type: 'string' },
      force: { type: 'boolean', default: false },
      ...quietOption,
    },
  });
  if (positionals.length !== 1) throw new UsageError('template takes "list" or one template id (railyard template list shows them)');
  if (positionals[0] === 'list') {
    if (values.size !== undefined || values.out !== undefined) throw new UsageError('template list takes no --size or --out');
    await writeStdout([templateList()]);
    return EXIT.ok;
  }
  const t = templateById(positionals[0]);
  if (!t) throw new UsageError(`template: unknown template "${positionals[0]}"; known: ${REFERENCE_TEMPLATES.map((x) => x.id).join(', ')}`);
  if (values.size === undefined) throw new UsageError(`--size: required: ${sizeRule(t)} (${t.id}: ${t.size.each}), e.g. --size ${t.size.default}`);
  const read = templateSizeFromText(t, values.size);
  if (!read.ok) throw new UsageError(`--size: ${read.problem} (${t.id}: ${t.size.each})`);
  const size = read.size;

  const target = values.out === undefined ? undefined : await prepareOutput(values.out, []);
  if (target?.replaces && !target.inPlace && !values.force)
    throw new CliError(`--out ${values.out} already exists; pass --force to replace it, or choose another --out`, EXIT.usage);
  const scenario = t.scenarioFor(size, { varyOnlySourcing: values['vary-only-sourcing'] });
  // The template is part of this program: a scenario that fails validation is a bug, not bad input.
  const checked = checkScenario(scenario);
  if (!checked.ok) throw new Error(`template ${t.id} wrote an invalid scenario: ${formatProblems(checked.problems).replace(/\n/g, '; ')}`);
  const text = JSON.stringify(scenario, null, 2) + '\n';
  await emit(target, [text]);
  if (target && !values.quiet) {
    const d = t.designFor(size);
    const counts = `${d.switches.leaves.toLocaleString('en-US')} leaves, ${d.switches.spines.toLocaleString('en-US')} spines${d.switches.cores ? `, ${d.switches.cores.toLocaleString('en-US')} cores` : ''}`;
    say(`Wrote ${values.out}: ${scenario.name} (${values['vary-only-sourcing'] ? `pinned: ${counts}` : 'family, technology and planes pinned; the search chooses the rest'})\n`);
  }
  return EXIT.ok;
}
