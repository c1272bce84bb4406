// npm run bench (after the engine benchmarks): whole-process times of the railyard command as a user
// runs it, `node bin/railyard.mjs ...` from process start to exit, medians of BENCH_CLI_RUNS (7)
// runs. Targets: --help under 300 ms, the 1,024-GPU example under 1 s. Runs the built CLI
// (npm run build:cli first); `npx tsx test/bench/cli.ts` runs it on its own.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = join(root, 'bin', 'railyard.mjs');
const RUNS = Number(process.env.BENCH_CLI_RUNS ?? 7);
const out = join(mkdtempSync(join(tmpdir(), 'railyard-bench-cli-')), 'result.json');

const cases: { name: string; args: string[]; targetMs: number }[] = [
  { name: 'railyard --help', args: ['--help'], targetMs: 300 },
  { name: 'railyard --version', args: ['--version'], targetMs: 300 },
  { name: 'railyard optimize examples/h100-1024-ndr.json', args: ['optimize', join(root, 'examples', 'h100-1024-ndr.json'), '--quiet', '--out', out], targetMs: 1000 },
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const env = { ...process.env };
delete env.NODE_OPTIONS;

console.log(`\nrailyard command, whole process (node ${process.version}, median of ${RUNS} runs)\n`);
console.log(`${'command'.padEnd(50)}  ${'median'.padStart(8)}  ${'min'.padStart(8)}  ${'max'.padStart(8)}  target`);
let missed = 0;
for (const c of cases) {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, [bin, ...c.args], { encoding: 'utf8', env, stdio: ['ignore', 'ignore', 'pipe'] });
    times.push(performance.now() - t);
    if (r.status !== 0) throw new Error(`${c.name} exited ${r.status}: ${r.stderr}`);
  }
  const m = median(times);
  if (m >= c.targetMs) missed++;
  const ms = (x: number) => `${x.toFixed(0)} ms`.padStart(8);
  console.log(`${c.name.padEnd(50)}  ${ms(m)}  ${ms(Math.min(...times))}  ${ms(Math.max(...times))}  < ${c.targetMs} ms ${m < c.targetMs ? 'ok' : 'MISSED'}`);
}
if (missed) console.log(`\n${missed} target${missed === 1 ? '' : 's'} missed (a busy machine slows every process; rerun to confirm).`);
