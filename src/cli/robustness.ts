// `railyard robustness SCENARIO`: draws the scenario's price swings, runs the exact search per
// price set on the worker pool, prints each design's win share and objective spread and the
// nominal winner's break-even prices (docs/robustness.md); the report JSON to --out or, with
// --json, to standard output. Loaded only when the command runs (see src/cli/main.ts).
import { parseArgs } from 'node:util';
import { KernelFileError } from '../engine/wasm-node';
import type { RobustnessReport } from '../engine/robustness';
import { checkScenario } from '../model/validate';
import { loadPricedCatalog, problemsText, readJson } from './commands';
import { EngineError, EXIT, InputError, UsageError } from './exit-codes';
import { integerOption } from './integer-option';
import { prepareOutput, writeOutput, writeStdout } from './files';
import { money } from './format';
import { say, terminalCell, warn } from './terminal';

export async function runRobustness(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      catalog: { type: 'string' },
      inventory: { type: 'string' },
      samples: { type: 'string' },
      seed: { type: 'string' },
      workers: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean', default: false },
      quiet: { type: 'boolean', short: 'q', default: false },
    },
  });
  if (positionals.length !== 1) throw new UsageError('robustness takes exactly one SCENARIO.json');
  const path = positionals[0];
  const samples = integerOption('samples', values.samples, 1, 10_000);
  const seed = integerOption('seed', values.seed, 0, 4_294_967_295);
  const workers = integerOption('workers', values.workers, 1, 256);
  // --out is checked before any work: never one of the inputs, its folder writable.
  const target = values.out === undefined ? undefined : await prepareOutput(values.out, [
    { path, what: 'scenario' },
    ...(values.catalog ? [{ path: values.catalog, what: 'catalog' }] : []),
    ...(values.inventory ? [{ path: values.inventory, what: 'inventory' }] : []),
  ]);
  const checked = checkScenario(await readJson({ path, what: 'scenario' }));
  if (!checked.ok) throw new InputError(problemsText(path, checked.problems));
  const scenario = checked.value;
  const catalog = await loadPricedCatalog(values.catalog, values.inventory);

  const log = values.quiet ? (_: string) => {} : warn;
  const n = samples ?? scenario.robustness?.samples ?? 200;
  const tty = process.stderr.isTTY && !values.quiet;
  // Said once the analysis has checked its input (a scenario with nothing to swing is refused first).
  let announced = false;
  const announce = () => {
    if (announced) return;
    announced = true;
    log(`Drawing ${n.toLocaleString('en-US')} price sets for ${scenario.cluster.gpus.toLocaleString('en-US')} GPUs (${scenario.cluster.serverProfile}) and searching each...\n`);
  };
  const started = performance.now();
  const { robustnessWithKernel, shutdownKernelPool } = await import('../engine/node');
  let outcome;
  try {
    outcome = await robustnessWithKernel(scenario, catalog, {
      samples, seed, workers,
      onProgress: (p) => {
        announce();
        if (tty) log(`\r  ${p.step}: ${p.done.toLocaleString('en-US')} / ${p.total.toLocaleString('en-US')}   `);
      },
    });
  } catch (e) {
    if (e instanceof KernelFileError) throw new EngineError(e.message);
    throw new EngineError(`the search engine could not run: ${(e as Error).message ?? e}`);
  } finally {
    shutdownKernelPool();
  }
  if (tty) log('\n');
  if (!outcome.ok) {
    if (outcome.infeasible) {
      warn(`railyard: ${outcome.reason}\n`);
      return EXIT.infeasible;
    }
    throw new InputError(outcome.reason);
  }
  const report = outcome.report;
  const text = JSON.stringify(report, null, 2) + '\n';
  if (target) await writeOutput(target, [text]);
  if (values.json) await writeStdout([text]);
  const tell = values.quiet ? (_: string) => {} : values.json ? warn : say;
  if (!values.json) tell(robustnessText(report));
  tell(`${report.samples.toLocaleString('en-US')} samples (seed ${report.seed}) in ${Math.round(performance.now() - started).toLocaleString('en-US')} ms.${values.out ? ` Wrote ${values.out}` : ''}\n`);
  return EXIT.ok;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
/** A unit price to the cent (break-even prices are found to the cent). */
const unitMoney = (x: number, currency: string) =>
  `${currency === 'USD' ? '$' : `${currency} `}${x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const signed = (x: number) => `${x > 0 ? '+' : ''}${x.toFixed(1)}%`;

/** The designs table and the break-even list, as printed. */
export function robustnessText(r: RobustnessReport): string {
  const cur = r.currency;
  const m = (x: number | null) => (x === null ? '-' : money(x, cur));
  const rows = r.designs.map((d) => [
    d.nominalRank === null ? '-' : String(d.nominalRank),
    pct(d.winShare),
    m(d.mean), m(d.p10), m(d.p90),
    d.feasibleSamples === r.samples ? '' : `${d.feasibleSamples}/${r.samples} feasible`,
    d.label,
  ].map(terminalCell));
  const heads = ['nominal', 'wins', `mean ${r.objective}`, 'P10', 'P90', 'note', 'design'];
  const widths = heads.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const right = new Set([0, 1, 2, 3, 4]);
  const line = (cells: string[]) => cells.map((c, i) => (right.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  const out = [
    ...(r.phases ? [`Note: ${r.phases.note}.`] : []),
    `Prices swing on ${r.swinging.length} offers; ${r.objective} over ${r.samples.toLocaleString('en-US')} samples${r.infeasibleSamples ? ` (${r.infeasibleSamples} with no feasible design)` : ''}:`,
    line(heads), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), '',
  ];
  out.push(`Break-even prices of the nominal winner's largest cost lines (the unit price at which another design ranks first; others at catalog prices):`);
  for (const l of r.breakEven) {
    const what = terminalCell(`${l.model}${l.lengthM !== undefined ? ` ${l.lengthM} m` : ''} (${l.source}, ${l.vendor})`);
    out.push(`  ${what}: ${l.quantity.toLocaleString('en-US')} x ${unitMoney(l.nominalUnitPrice, cur)} = ${money(l.spend, cur)}`);
    out.push(l.high
      ? `    up:   ${unitMoney(l.high.unitPrice, cur)} (${signed(l.high.changePct)}) -> ${terminalCell(l.high.overtakenBy.label)}`
      : `    up:   none up to ${unitMoney(l.limitHigh, cur)}`);
    out.push(l.low
      ? `    down: ${unitMoney(l.low.unitPrice, cur)} (${signed(l.low.changePct)}) -> ${terminalCell(l.low.overtakenBy.label)}`
      : `    down: none down to ${unitMoney(0, cur)}`);
  }
  return out.join('\n') + '\n';
}
