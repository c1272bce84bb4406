// Before/after benchmark in one process: the kernel of another checkout ("before", e.g. a git
// worktree of an older commit with node_modules and build/kernel.wasm in place) and of this one run
// in alternation, run by run, so machine load hits both alike; prints the README's bench table rows
// (medians). Each checkout runs its own worker pool.
//   git worktree add /tmp/before <commit> --detach && ln -s "$PWD/node_modules" /tmp/before/ && (cd /tmp/before && npm run asbuild)
//   BENCH_RUNS=5 BENCH_WARM_RUNS=20 npx tsx scripts/bench-compare.mts /tmp/before m,l,xl
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const here = resolve(new URL('..', import.meta.url).pathname);
const before = resolve(process.argv[2] ?? '');
if (!process.argv[2]) throw new Error('usage: npx tsx scripts/bench-compare.mts <before checkout> [s,m,l,xl]');
const names = (process.argv[3] ?? 'm,l,xl').split(',');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const WARM_RUNS = Number(process.env.BENCH_WARM_RUNS ?? 20);
const workers = availableParallelism();

interface Tree {
  optimizeWithKernel: (s: unknown, c: unknown, o: unknown) => Promise<{ ok: boolean; reason?: string; result: { stats: { evaluated: number } } }>;
  shutdownKernelPool: () => void;
  ScenarioSchema: { parse: (x: unknown) => unknown };
  defaultCatalog: unknown;
}
async function load(root: string): Promise<Tree> {
  const at = (p: string) => pathToFileURL(`${root}/${p}`).href;
  return { ...(await import(at('src/engine/node.ts'))), ...(await import(at('src/model/scenario.ts'))), ...(await import(at('src/catalog/default.ts'))) };
}
const trees = { before: await load(before), now: await load(here) };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

interface Sample { ms: number; serialMs: number; evaluated: number }
async function once(t: Tree, scenario: unknown, w: number): Promise<Sample> {
  const timing: { steps: unknown[]; firstShardStart?: number; lastShardEnd?: number; materialize?: [number, number]; idleMs?: number } = { steps: [] };
  const start = performance.now();
  const o = await t.optimizeWithKernel(scenario, t.defaultCatalog, { workers: w, timing });
  const end = performance.now();
  if (!o.ok) throw new Error(o.reason);
  // Serial time as test/bench/run.ts counts it: outside the workers' windows, and inside while no
  // call to a worker is pending (a tree that does not measure idleMs counts only the first).
  const shards = (timing.lastShardEnd ?? 0) - (timing.firstShardStart ?? 0) - (timing.idleMs ?? 0);
  const mat = timing.materialize ? timing.materialize[1] - timing.materialize[0] : 0;
  return { ms: end - start, serialMs: end - start - shards - mat, evaluated: o.result.stats.evaluated };
}

const load0 = loadavg()[0];
console.log(`bench-compare: before ${before}, now ${here}; ${workers} cores, median of ${RUNS} alternating runs after ${WARM_RUNS} warm-up runs each; load average at start ${load0.toFixed(1)}`);
const rows: string[] = [];
for (const name of names) {
  const raw = JSON.parse(readFileSync(`${here}/test/bench/${name}.json`, 'utf8'));
  const samples: Record<string, Record<number, Sample[]>> = { before: { 1: [], [workers]: [] }, now: { 1: [], [workers]: [] } };
  const scen = { before: trees.before.ScenarioSchema.parse(raw), now: trees.now.ScenarioSchema.parse(raw) };
  // Warm the workers and the JIT (see test/bench/run.ts timeKernel).
  for (let i = 0; i < WARM_RUNS; i++) for (const k of ['before', 'now'] as const) await once(trees[k], scen[k], workers);
  for (let i = 0; i < RUNS; i++)
    for (const w of [1, workers])
      for (const k of ['before', 'now'] as const) samples[k][w].push(await once(trees[k], scen[k], w));
  const m = (k: string, w: number) => median(samples[k][w].map((x) => x.ms));
  const serial = (k: string) => median(samples[k][workers].map((x) => x.serialMs)) / m(k, workers);
  const ev = (k: string) => samples[k][1][0].evaluated;
  const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
  const rate = (k: string, w: number) => `${(ev(k) / (m(k, w) / 1000) / w / 1e6).toFixed(1)} M`;
  const row = [
    name.toUpperCase(),
    `${ev('before').toLocaleString('en')} → ${ev('now').toLocaleString('en')}`,
    `${fmt(m('before', 1))} → ${fmt(m('now', 1))}`,
    `${fmt(m('before', workers))} → ${fmt(m('now', workers))}`,
    `${(m('before', 1) / m('before', workers)).toFixed(2)}x → ${(m('now', 1) / m('now', workers)).toFixed(2)}x`,
    `${(100 * serial('before')).toFixed(0)}% → ${(100 * serial('now')).toFixed(0)}%`,
    `${rate('before', 1)} / ${rate('before', workers)} → ${rate('now', 1)} / ${rate('now', workers)}`,
  ];
  rows.push(`| ${row.join(' | ')} |`);
  console.log(rows.at(-1));
}
console.log(`load average at end ${loadavg()[0].toFixed(1)}\n`);
console.log(`| scenario | evaluated before → now | 1 worker before → now | ${workers} workers before → now | speed-up before → now | serial share (${workers} workers) before → now | eval/s/worker 1 w / ${workers} w before → now |`);
console.log('|---|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
trees.before.shutdownKernelPool();
trees.now.shutdownKernelPool();
