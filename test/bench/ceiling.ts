// What two workers can gain on this machine at best, measured rather than assumed: a 1-worker
// search run over and over in one process (workers and JIT warm, as in the bench), first alone,
// then in two processes at once (nothing shared: no pool, no main thread, no merging). If each of
// two copies at once takes s times as long as one alone, the two cores give 2 / s times the work of
// one, which is about what any split of one search over two workers can reach; the bench's 2-worker
// speed-ups are read against it.
//   npx tsx test/bench/ceiling.ts [m,l,xl]      BENCH_CEILING_RUNS (default 7) timed searches per process
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(import.meta.url);
const root = join(dirname(here), '..', '..');
const RUNS = Number(process.env.BENCH_CEILING_RUNS ?? 7);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

if (process.argv[2] === '--child') {
  // One process: a warm-up search, then RUNS timed ones; prints their median in ms.
  const { optimizeWithKernel, shutdownKernelPool } = await import('../../src/engine/node');
  const { ScenarioSchema } = await import('../../src/model/scenario');
  const { defaultCatalog } = await import('../../src/catalog/default');
  const scenario = ScenarioSchema.parse(JSON.parse(readFileSync(process.argv[3], 'utf8')));
  const times: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const t = performance.now();
    const o = await optimizeWithKernel(scenario, defaultCatalog, { workers: 1 });
    if (!o.ok) throw new Error(o.reason);
    if (i > 0) times.push(performance.now() - t);
  }
  shutdownKernelPool();
  console.log(median(times));
  process.exit(0);
}

/** Runs `copies` child processes at once; the median search time of each, in ms. */
function measure(scenario: string, copies: number): Promise<number[]> {
  const one = () =>
    new Promise<number>((resolve, reject) => {
      const child = spawn(process.execPath, [...process.execArgv, here, '--child', scenario], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.on('data', (b: Buffer) => (out += b));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve(Number(out.trim())) : reject(new Error(`ceiling child for ${scenario} exited ${code}`))));
    });
  return Promise.all(Array.from({ length: copies }, one));
}

const fmt = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(0)} ms`).padStart(9);
console.log(`\nParallel ceiling: a 1-worker search alone, then two copies at once in separate processes (median of ${RUNS} warm runs each; load average ${loadavg()[0].toFixed(1)})\n`);
console.log(`${'scenario'.padEnd(9)}${'alone'.padStart(9)}${'two at once'.padStart(13)}  slowdown  ceiling for 2 workers`);
for (const name of (process.argv[2] ?? 'm,l,xl').split(',')) {
  const scenario = join(root, 'test', 'bench', `${name}.json`);
  const [alone] = await measure(scenario, 1);
  const pair = await measure(scenario, 2);
  const both = (pair[0] + pair[1]) / 2;
  const slowdown = both / alone;
  console.log(`${name.toUpperCase().padEnd(9)}${fmt(alone)}${fmt(both).padStart(13)}  ${slowdown.toFixed(2).padStart(7)}x  ${(2 / slowdown).toFixed(2)}x`);
}
