// What two workers can gain on this machine, measured rather than assumed, three ways, and how
// steady the machine is while measuring:
//
// 1. The kernel alone: one thread runs a search's seeded waves over the whole space on one kernel
//    instance (input encoded beforehand; no pool, no media, no materializing), first in one
//    process, then in two processes at once. If each copy then takes s times as long, the two cores
//    give 2 / s times the kernel work of one: the machine's own ceiling for the kernel.
// 2. The whole search: a warm 1-worker search the same way (alone, then two processes at once).
//    This includes the JavaScript around the kernel (the main thread's preparation and merging,
//    the workers' media tables and materializing) and V8's background threads (compiling that
//    JavaScript, collecting its garbage), which compete for the same two cores.
// 3. Where one search's CPU goes (Linux only, from /proc/self/task): per run, CPU time of the
//    search workers, the main thread and the other threads (V8's compiler and garbage collector),
//    with 1 and with 2 workers, against the wall time; how long the workers and the main thread
//    were ready to run but had no core; and the main thread's time inside postMessage to a worker
//    (a message wakes the worker, and the woken thread may take the sender's core mid-call).
// 4. How steady the machine is: the same single-threaded work, repeated in turn: a loop that
//    stays in registers, a walk over 512 KB (within a core's own cache on most machines) and the
//    kernel alone. On a steady machine each varies by a few per cent. Where the walk and the kernel
//    vary by far more than the loop, the machine's memory speed drifts (a neighbour on a shared
//    host, say), and no ratio of two runs of the kernel is worth more than that drift.
//   npx tsx test/bench/ceiling.ts [m,l,xl]      BENCH_CEILING_RUNS (default 7) timed runs per process,
//                                               BENCH_WARM_RUNS (default 1) runs before the CPU count,
//                                               BENCH_STEADY_ROUNDS (default 30) rounds of part 4
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(import.meta.url);
const root = join(dirname(here), '..', '..');
const RUNS = Number(process.env.BENCH_CEILING_RUNS ?? 7);
/** Runs before the CPU count: V8 keeps compiling the JavaScript around the kernel for dozens of runs. */
const WARM_RUNS = Math.max(1, Number(process.env.BENCH_WARM_RUNS ?? 1));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const scenarioOf = async (file: string) => {
  const { ScenarioSchema } = await import('../../src/model/scenario');
  return ScenarioSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
};

/**
 * The kernel alone on a scenario, in this thread: one call runs the search's seeded waves over
 * the whole space on one kernel instance (the input encoded beforehand, no pool, no media, no
 * materializing), as the search's workers together would.
 */
async function kernelAlone(file: string): Promise<() => void> {
  const { defaultCatalog } = await import('../../src/catalog/default');
  const { prepareSearch, runShards } = await import('../../src/engine/search');
  const { Kernel } = await import('../../src/engine/kernel');
  const { nodeKernelModule } = await import('../../src/engine/wasm-node');
  const prepared = prepareSearch(await scenarioOf(file), defaultCatalog);
  if ('ok' in prepared) throw new Error(prepared.reason);
  const kernel = await Kernel.create(await nodeKernelModule());
  return () => void runShards(kernel, prepared, true);
}

/** A warm 1-worker search on a scenario: one call runs it whole, as a user's would. */
async function wholeSearch(file: string): Promise<() => Promise<void>> {
  const { defaultCatalog } = await import('../../src/catalog/default');
  const { optimizeWithKernel } = await import('../../src/engine/node');
  const scenario = await scenarioOf(file);
  return async () => {
    const o = await optimizeWithKernel(scenario, defaultCatalog, { workers: 1 });
    if (!o.ok) throw new Error(o.reason);
  };
}

/** One process's measurement: prints the median ms of RUNS warm runs (after one more, for the JIT). */
async function child(kind: string, file: string): Promise<void> {
  const run = kind === 'kernel' ? await kernelAlone(file) : await wholeSearch(file);
  const times: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const t = performance.now();
    await run();
    if (i > 0) times.push(performance.now() - t);
  }
  if (kind !== 'kernel') (await import('../../src/engine/node')).shutdownKernelPool();
  console.log(median(times));
}

if (process.argv[2] === '--child') {
  await child(process.argv[3], process.argv[4]);
  process.exit(0);
}

/** Runs `copies` child processes at once; the median time of each, in ms. */
function measure(kind: string, scenario: string, copies: number): Promise<number[]> {
  const one = () =>
    new Promise<number>((resolve, reject) => {
      const c = spawn(process.execPath, [...process.execArgv, here, '--child', kind, scenario], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      c.stdout.on('data', (b: Buffer) => (out += b));
      c.on('error', reject);
      c.on('close', (code) => (code === 0 ? resolve(Number(out.trim())) : reject(new Error(`ceiling child (${kind}, ${scenario}) exited ${code}`))));
    });
  return Promise.all(Array.from({ length: copies }, one));
}

/**
 * Per thread of this process so far (Linux), by thread id: CPU ms, and ms it was ready to run but
 * waited for a core. From schedstat (nanoseconds) where the kernel keeps it, else CPU from stat's
 * 10 ms ticks and no wait.
 */
function threadTimes(): Map<string, { cpu: number; wait?: number }> {
  const times = new Map<string, { cpu: number; wait?: number }>();
  const tick = 10; // USER_HZ is 100 on Linux
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const [run, wait] = readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ').map(Number);
      times.set(tid, { cpu: run / 1e6, wait: wait / 1e6 });
    } catch {
      try {
        const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        times.set(tid, { cpu: (Number(fields[11]) + Number(fields[12])) * tick });
      } catch {
        // the thread ended meanwhile
      }
    }
  }
  return times;
}

/**
 * Per run: wall ms, CPU ms of the workers, the main thread and the rest, for `workers` workers; ms
 * the workers and the main thread were ready but waited for a core; ms the main thread spent
 * inside postMessage to a worker (waking a worker can hand it the main thread's core mid-call).
 */
async function cpuPerRun(file: string, workers: number) {
  const { defaultCatalog } = await import('../../src/catalog/default');
  const { optimizeWithKernel, shutdownKernelPool } = await import('../../src/engine/node');
  const scenario = await scenarioOf(file);
  const runs = RUNS * 3; // many runs make a fair average
  let posting = 0;
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (this: Worker, ...args: Parameters<Worker['postMessage']>) {
    const t = performance.now();
    try {
      return post.apply(this, args);
    } finally {
      posting += performance.now() - t;
    }
  };
  try {
    for (let i = 0; i < WARM_RUNS; i++) await optimizeWithKernel(scenario, defaultCatalog, { workers }); // warm the workers and the JIT
    const before = threadTimes();
    posting = 0;
    const t = performance.now();
    for (let i = 0; i < runs; i++) await optimizeWithKernel(scenario, defaultCatalog, { workers });
    const wall = (performance.now() - t) / runs;
    const after = threadTimes();
    const postMs = posting / runs;
    shutdownKernelPool();
    // The search workers are the threads that used the most CPU; the main thread's id is the process id.
    const used = [...after].map(([tid, x]) => {
      const b = before.get(tid);
      return { tid, cpu: (x.cpu - (b?.cpu ?? 0)) / runs, wait: x.wait === undefined ? undefined : (x.wait - (b?.wait ?? 0)) / runs };
    }).filter((x) => x.cpu > 0);
    const main = used.find((x) => x.tid === String(process.pid));
    const inWorkers = used.filter((x) => x !== main).sort((a, b) => b.cpu - a.cpu).slice(0, workers);
    const sum = (xs: typeof used, f: (x: (typeof used)[number]) => number) => xs.reduce((a, x) => a + f(x), 0);
    const total = sum(used, (x) => x.cpu);
    const cpuInWorkers = sum(inWorkers, (x) => x.cpu);
    const waits = main?.wait !== undefined ? { workers: sum(inWorkers, (x) => x.wait ?? 0), main: main.wait } : undefined;
    return { wall, inWorkers: cpuInWorkers, main: main?.cpu ?? 0, rest: total - cpuInWorkers - (main?.cpu ?? 0), total, waits, postMs };
  } finally {
    Worker.prototype.postMessage = post;
  }
}

const fmt = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(0)} ms`);
/** Tenths of a millisecond below 100 ms (waits and posting are a few milliseconds a run). */
const fmt1 = (x: number) => (x >= 100 ? fmt(x) : `${x.toFixed(1)} ms`);
const names = (process.argv[2] ?? 'm,l,xl').split(',');
console.log(`\nParallel ceiling: median of ${RUNS} warm runs per process, alone and two processes at once (load average ${loadavg()[0].toFixed(1)})\n`);
console.log(`${'scenario'.padEnd(9)}${'what'.padEnd(16)}${'alone'.padStart(9)}${'two at once'.padStart(13)}  slowdown  ceiling for 2`);
for (const name of names) {
  const file = join(root, 'test', 'bench', `${name}.json`);
  for (const [kind, label] of [['kernel', 'kernel alone'], ['search', 'whole search']] as const) {
    const [alone] = await measure(kind, file, 1);
    const pair = await measure(kind, file, 2);
    const both = (pair[0] + pair[1]) / 2;
    console.log(`${name.toUpperCase().padEnd(9)}${label.padEnd(16)}${fmt(alone).padStart(9)}${fmt(both).padStart(13)}  ${(both / alone).toFixed(2).padStart(7)}x  ${(2 * alone / both).toFixed(2)}x`);
  }
}

if (existsSync('/proc/self/task')) {
  console.log(`\nWhere a search's CPU goes (ms per run, mean of ${RUNS * 3} runs after ${WARM_RUNS} warm-up runs; "other" is V8's compiler and garbage collector and Node's own threads;`);
  console.log(`"waited" is time the workers (summed) and the main thread were ready to run but had no core; "posting" is the main thread's time inside postMessage to a worker)\n`);
  console.log(`${'scenario'.padEnd(9)}${'workers'.padStart(8)}${'wall'.padStart(9)}${'in workers'.padStart(12)}${'main'.padStart(8)}${'other'.padStart(8)}${'total'.padStart(8)}  busy cores${'workers waited'.padStart(16)}${'main waited'.padStart(13)}${'posting'.padStart(9)}`);
  for (const name of names) {
    const file = join(root, 'test', 'bench', `${name}.json`);
    let alone = 0;
    for (const workers of [1, 2]) {
      const c = await cpuPerRun(file, workers);
      if (workers === 1) alone = c.wall;
      const waited = c.waits ? `${fmt1(c.waits.workers).padStart(16)}${fmt1(c.waits.main).padStart(13)}` : `${'-'.padStart(16)}${'-'.padStart(13)}`;
      console.log(`${name.toUpperCase().padEnd(9)}${String(workers).padStart(8)}${fmt(c.wall).padStart(9)}${fmt(c.inWorkers).padStart(12)}${fmt(c.main).padStart(8)}${fmt(c.rest).padStart(8)}${fmt(c.total).padStart(8)}  ${(c.total / c.wall).toFixed(2).padStart(10)}${waited}${fmt1(c.postMs).padStart(9)}`);
      // All the CPU a run takes, on this machine's cores, is a floor on its wall time.
      const floor = c.total / Math.min(workers, availableParallelism());
      if (workers === 2) console.log(`${''.padEnd(9)}2 workers need ${fmt(c.total)} of CPU a run: on 2 cores no run is shorter than ${fmt(floor)}, a speed-up of at most ${(alone / floor).toFixed(2)}x over 1 worker's ${fmt(alone)}`);
    }
  }
}

/** `rounds` single-threaded rounds of each probe in turn: min, median and max ms of each. */
async function steadiness(rounds: number, file: string) {
  // A multiply-add chain: registers only, its speed is the core's clock.
  const loop = () => {
    let x = 1;
    for (let i = 0; i < 20_000_000; i++) x = (Math.imul(x, 1103515245) + 12345) | 0;
    return x;
  };
  // Each step's index depends on the last load: its speed is the cache's latency.
  const cells = new Int32Array(128 * 1024); // 512 KB
  for (let i = 0; i < cells.length; i++) cells[i] = Math.imul(i, 2654435761) & (cells.length - 1);
  const walk = () => {
    let j = 0;
    let sum = 0;
    for (let i = 0; i < 4_000_000; i++) {
      j = cells[(j + i) & (cells.length - 1)];
      sum += j;
    }
    return sum;
  };
  const kernel = await kernelAlone(file);
  const probes: [string, () => unknown][] = [['loop in registers', loop], ['walk over 512 KB', walk], [`kernel alone, ${basename(file, '.json').toUpperCase()}`, kernel]];
  const times = probes.map((): number[] => []);
  let sink = 0;
  for (let r = -2; r < rounds; r++) {
    probes.forEach(([, probe], i) => {
      const t = performance.now();
      sink += Number(probe()) || 0;
      if (r >= 0) times[i].push(performance.now() - t); // two rounds first, for the JIT
    });
  }
  if (sink === 0.5) console.log(''); // keeps the probes' results alive
  return probes.map(([what], i) => {
    const sorted = [...times[i]].sort((a, b) => a - b);
    return { what, min: sorted[0], median: median(sorted), max: sorted[sorted.length - 1] };
  });
}

const STEADY_ROUNDS = Number(process.env.BENCH_STEADY_ROUNDS ?? 30);
console.log(`\nHow steady this machine is: the same single-threaded work, ${STEADY_ROUNDS} rounds of each in turn (load average ${loadavg()[0].toFixed(1)})\n`);
console.log(`${'what'.padEnd(22)}${'min'.padStart(9)}${'median'.padStart(9)}${'max'.padStart(9)}  max / min`);
for (const p of await steadiness(STEADY_ROUNDS, join(root, 'test', 'bench', `${names[0]}.json`))) {
  console.log(`${p.what.padEnd(22)}${fmt(p.min).padStart(9)}${fmt(p.median).padStart(9)}${fmt(p.max).padStart(9)}  ${(p.max / p.min).toFixed(2).padStart(8)}x`);
}
