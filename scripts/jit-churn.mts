// How much V8 compiles while a search runs again and again: runs a benchmark scenario `runs`
// times with `workers` workers in a child Node process started with --trace-opt and --trace-gc,
// and prints, for the runs from `from` on, the optimizing compiles a run (V8's own timings, on
// its background threads) of named functions and of anonymous ones (callbacks and closures made
// per call), and the full GCs (mark-compacts) a run. With `gcEvery` > 0 the child also asks for a
// full GC every that many runs, as a browser does when the page idles between searches (V8 runs
// them on its own at times it chooses, which makes two measurements hard to compare).
// The same code running warm should compile next to nothing; what keeps compiling competes with
// the search workers for the cores.
//   npx tsx scripts/jit-churn.mts [m] [workers=2] [runs=100] [from=40] [gcEvery=0]
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const here = resolve(new URL('..', import.meta.url).pathname);

if (process.env.JIT_CHURN_CHILD) {
  // The child: runs the searches, marking where each run starts.
  const [name, workers, runs, gcEvery] = process.env.JIT_CHURN_CHILD.split(',');
  const at = (p: string) => pathToFileURL(`${here}/${p}`).href;
  const { defaultCatalog } = await import(at('src/catalog/default.ts'));
  const { ScenarioSchema } = await import(at('src/model/scenario.ts'));
  const { optimizeWithKernel, shutdownKernelPool } = await import(at('src/engine/node.ts'));
  const scenario = ScenarioSchema.parse(JSON.parse(readFileSync(`${here}/test/bench/${name}.json`, 'utf8')));
  for (let i = 0; i < Number(runs); i++) {
    console.log(`=== RUN ${i}`);
    if (Number(gcEvery) > 0 && i > 0 && i % Number(gcEvery) === 0) (globalThis as { gc?: () => void }).gc?.();
    const o = await optimizeWithKernel(scenario, defaultCatalog, { workers: Number(workers) });
    if (!o.ok) throw new Error(o.reason);
  }
  shutdownKernelPool();
} else {
  const name = process.argv[2] ?? 'm';
  const workers = Number(process.argv[3] ?? 2);
  const runs = Number(process.argv[4] ?? 100);
  const from = Number(process.argv[5] ?? 40);
  const gcEvery = Number(process.argv[6] ?? 0);
  if (!(from >= 0 && from < runs && gcEvery >= 0)) throw new Error('usage: npx tsx scripts/jit-churn.mts [m] [workers] [runs] [from < runs] [gcEvery >= 0]');
  const child = spawnSync(process.execPath, ['--trace-opt', '--trace-gc', '--expose-gc', '--import', 'tsx', new URL(import.meta.url).pathname], {
    cwd: here,
    env: { ...process.env, JIT_CHURN_CHILD: `${name},${workers},${runs},${gcEvery}` },
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  if (child.status !== 0) throw new Error(`the searches failed: ${child.stderr}`);
  let run = -1;
  const ms = { named: 0, anonymous: 0 };
  const count = { named: 0, anonymous: 0 };
  let fullGcs = 0;
  for (const line of child.stdout.split('\n')) {
    const mark = /^=== RUN (\d+)/.exec(line);
    if (mark) run = Number(mark[1]);
    if (run < from) continue;
    if (line.includes('Mark-Compact')) fullGcs++;
    // [completed compiling 0x... <JSFunction name (sfi = 0x...)> (target TURBOFAN) - took a, b, c ms]
    const done = /completed compiling 0x[0-9a-f]+ <JSFunction ?(\S*) \(sfi = 0x[0-9a-f]+\)> \(target \w+\) - took ([\d.]+), ([\d.]+), ([\d.]+) ms/.exec(line);
    if (!done) continue;
    const took = Number(done[2]) + Number(done[3]) + Number(done[4]);
    const kind = done[1] ? 'named' : 'anonymous';
    ms[kind] += took;
    count[kind]++;
  }
  const n = runs - from;
  console.log(`${name.toUpperCase()}, ${workers} worker(s), runs ${from}-${runs - 1} of ${runs}: per run, ` +
    `${(ms.named / n).toFixed(1)} ms compiling named functions (${(count.named / n).toFixed(1)} compiles), ` +
    `${(ms.anonymous / n).toFixed(1)} ms compiling anonymous ones (${(count.anonymous / n).toFixed(1)} compiles), ` +
    `${(fullGcs / n).toFixed(2)} full GCs${gcEvery ? ` (one asked every ${gcEvery} runs)` : ''}`);
}
