// npm run bench: kernel wall time (1 and all workers), throughput, the serial part of the run (the
// main thread's own work while no worker works: before the first worker job starts, after the last
// shard ends, and between waves and steps) and the reference
// on the same scenario where it finishes in reasonable time. Scenarios: test/bench/*.json, default catalog.
//   npx tsx test/bench/run.ts [s,m,l,xl]    BENCH_RUNS (default 5) timed runs per worker count,
//                                           BENCH_WARM_RUNS (default 20) runs before them
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { defaultCatalog } from '../../src/catalog/default';
import { ScenarioSchema, type Scenario } from '../../src/model/scenario';
import { optimize } from '../../src/topology/optimize';
import { optimizeWithKernel, shutdownKernelPool } from '../../src/engine/node';
import type { ShardTiming } from '../../src/engine/pool';
import type { Result } from '../../src/model/result';

const NAMES = (process.argv[2] ?? 's,m,l,xl').split(',');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** Runs with every worker before the timed ones (see timeKernel). */
const WARM_RUNS = Number(process.env.BENCH_WARM_RUNS ?? 20);
/** Only run the reference when the kernel's evaluation count suggests it ends within this. */
const REFERENCE_BUDGET_S = Number(process.env.BENCH_REFERENCE_BUDGET_S ?? 60);
/**
 * Reference throughput, designs per second: measured on the first scenario it runs, until then a
 * cautious guess, so a run of `m` or `xl` alone skips the reference (hours there) instead of hanging.
 */
const REFERENCE_RATE_GUESS = 50_000;
let referenceRate = 0;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** One timed run's wall time, serial time and breakdown. */
class Runs {
  times: number[] = [];
  serial: number[] = [];
  breakdowns: string[] = [];
  result: Result | undefined;

  constructor(readonly workers: number) {}

  async once(s: Scenario): Promise<void> {
    const timing: ShardTiming = { steps: [] };
    const t = performance.now();
    const o = await optimizeWithKernel(s, defaultCatalog, { workers: this.workers, timing });
    const end = performance.now();
    this.times.push(end - t);
    // Serial: the wall time when no worker works: outside the workers' windows (encoding parts +
    // shards, then materializing), and inside the first while no call to a worker is pending.
    const shardsMs = (timing.lastShardEnd ?? 0) - (timing.firstShardStart ?? 0) - (timing.idleMs ?? 0);
    const materializeMs = timing.materialize ? timing.materialize[1] - timing.materialize[0] : 0;
    this.serial.push(end - t - shardsMs - materializeMs);
    this.breakdowns.push(breakdown(t, end, timing));
    if (!o.ok) throw new Error(o.reason);
    this.result = o.result;
  }

  /** Medians, and the breakdown of the run whose wall time is the median. */
  summary() {
    const ms = median(this.times);
    return { ms, serialMs: median(this.serial), breakdown: this.breakdowns[this.times.indexOf(ms)], result: this.result! };
  }
}

/**
 * Times 1 and `all` workers in alternating runs (which goes first alternates too), after
 * WARM_RUNS runs with every worker: V8 keeps optimizing the JavaScript around the kernel (the
 * encoder, assess, materializing) in the page and in each worker for a dozen runs or more, and a
 * machine's speed drifts over a minute; alternating runs meet the same drift and the same JIT.
 */
async function timeKernel(s: Scenario, all: number) {
  for (let i = 0; i < WARM_RUNS; i++) await optimizeWithKernel(s, defaultCatalog, { workers: all });
  const one = new Runs(1);
  const many = new Runs(all);
  for (let i = 0; i < RUNS; i++) {
    for (const r of i % 2 === 0 ? [one, many] : [many, one]) await r.once(s);
  }
  return { one: one.summary(), many: many.summary() };
}

/** Where one run's wall time went: preparing, the pool's steps (media, bounds, waves), materializing, the rest. */
function breakdown(start: number, end: number, timing: ShardTiming): string {
  const steps = timing.steps ?? [];
  const ms = (a: number, b: number) => (b - a).toFixed(1);
  const waves = steps.filter((x) => x.step.startsWith('wave'));
  // The media step starts when the workers get their parts, before the main thread finishes preparing.
  const first = Math.min(timing.firstShardStart ?? Infinity, steps[0]?.start ?? start);
  const parts = [`prepare ${ms(start, first)}`];
  for (const x of steps) if (!x.step.startsWith('wave')) parts.push(`${x.step} ${ms(x.step === 'media' ? first : x.start, x.end)}`);
  if (waves.length) parts.push(`${waves.length} waves ${waves.map((x) => ms(x.start, x.end)).join('+')}`);
  if (timing.materialize) parts.push(`merge ${ms(timing.lastShardEnd ?? timing.materialize[0], timing.materialize[0])}, materialize ${ms(timing.materialize[0], timing.materialize[1])}`);
  parts.push(`after ${ms(timing.materialize?.[1] ?? steps.at(-1)?.end ?? start, end)}`);
  parts.push(`no worker busy between steps ${(timing.idleMs ?? 0).toFixed(1)}`);
  return parts.join(', ');
}

const strip = (r: unknown) => {
  const c = structuredClone(r) as { candidates: unknown; pareto: unknown };
  return JSON.stringify([c.candidates, c.pareto]);
};

async function main() {
  const all = availableParallelism();
  console.log(`railyard kernel bench — ${all} cores, median of ${RUNS} runs each with 1 and ${all} workers, alternating, after ${WARM_RUNS} warm-up runs; catalog "${defaultCatalog.name}"`);
  const rows: string[][] = [[
    'scenario', 'space', 'evaluated', 'pruned', 'eval/s/worker 1w', `eval/s/worker ${all}w`, 'wall 1w ms', `wall ${all}w ms`, 'speed-up',
    `serial ${all}w ms`, 'serial share', 'reference', 'kernel vs ref',
  ]];
  for (const name of NAMES) {
    const s = ScenarioSchema.parse(JSON.parse(readFileSync(new URL(`./${name}.json`, import.meta.url), 'utf8')));
    const { one, many } = await timeKernel(s, all);
    const st = many.result.stats;
    let ref = 'skipped';
    let ratio = '-';
    const estimate = st.spaceSize / (referenceRate || REFERENCE_RATE_GUESS);
    if (estimate < REFERENCE_BUDGET_S) {
      const t = performance.now();
      const r = optimize(s, defaultCatalog);
      const ms = performance.now() - t;
      if (!r.ok) throw new Error(r.reason);
      referenceRate = r.result.stats.evaluated / (ms / 1000);
      const same = strip(r.result) === strip(many.result);
      ref = `${ms.toFixed(0)} ms${same ? '' : ' (DIFFERENT ANSWER)'}`;
      ratio = `${(ms / many.ms).toFixed(0)}x`;
    } else {
      ref = `skipped (est. > ${Math.round(estimate)} s)`;
    }
    // Designs evaluated per second of wall time, per worker (the whole run: encoding and merge included).
    const rate = (ms: number, workers: number) => `${(st.evaluated / (ms / 1000) / workers / 1e6).toFixed(1)}M`;
    rows.push([
      name.toUpperCase(), String(st.spaceSize), String(st.evaluated), String(st.pruned),
      rate(one.ms, 1), rate(many.ms, all), one.ms.toFixed(1), many.ms.toFixed(1), `${(one.ms / many.ms).toFixed(2)}x`,
      many.serialMs.toFixed(1), `${((100 * many.serialMs) / many.ms).toFixed(0)}%`, ref, ratio,
    ]);
    console.log(rows[rows.length - 1].join(' | '));
    console.log(`  1 worker, ms: ${one.breakdown}`);
    console.log(`  ${all} workers, ms: ${many.breakdown}`);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  console.log();
  for (const r of rows) console.log(`| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`);
  shutdownKernelPool();
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
  shutdownKernelPool();
});
