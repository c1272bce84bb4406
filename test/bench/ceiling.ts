// What two workers can gain on this machine at best, measured rather than assumed: the same
// 1-worker search run alone, then two copies of it at once in separate processes (nothing shared:
// no pool, no main thread, no merging). If two copies at once each take s times as long as one
// alone, no split of one search over two workers can beat 2 / s, so that is the ceiling the
// bench's 2-worker speed-ups are measured against. Search time is the result's stats.elapsedMs
// (process start-up excluded). Runs the built CLI (npm run build:cli first):
//   npx tsx test/bench/ceiling.ts [m,l,xl]      BENCH_CEILING_RUNS (default 5) pairs per scenario
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = join(root, 'bin', 'railyard.mjs');
const RUNS = Number(process.env.BENCH_CEILING_RUNS ?? 5);
const names = (process.argv[2] ?? 'm,l,xl').split(',');
const env = { ...process.env };
delete env.NODE_OPTIONS;

/** One 1-worker search in its own process; its search time in ms. */
function searchMs(scenario: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'optimize', scenario, '--workers', '1', '--json', '--top', '1'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`optimize ${scenario} exited ${code}: ${Buffer.concat(err).toString()}`));
      resolve(JSON.parse(Buffer.concat(out).toString()).stats.elapsedMs);
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(0)} ms`).padStart(9);

console.log(`\nParallel ceiling: one 1-worker search alone against two at once (separate processes, median of ${RUNS})\n`);
console.log(`${'scenario'.padEnd(9)}${'alone'.padStart(9)}${'two at once'.padStart(13)}  slowdown  ceiling for 2 workers`);
for (const name of names) {
  const scenario = join(root, 'test', 'bench', `${name}.json`);
  await searchMs(scenario); // warm the file cache
  const alone: number[] = [];
  const pair: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    alone.push(await searchMs(scenario));
    const [a, b] = await Promise.all([searchMs(scenario), searchMs(scenario)]);
    pair.push((a + b) / 2);
  }
  const slowdown = median(pair) / median(alone);
  console.log(`${name.toUpperCase().padEnd(9)}${ms(median(alone))}${ms(median(pair)).padStart(13)}  ${slowdown.toFixed(2).padStart(7)}x  ${(2 / slowdown).toFixed(2)}x`);
}
