// The kernel's own work, before and after, robust to a loaded machine: each checkout's kernel runs a
// scenario single-threaded in this process (branch bounds, then every wave as the pool plans them)
// and the process CPU time of each step is printed, alternating checkouts run by run, with the
// evaluation counts (which must match unless pruning changed). Encoding and merging are left out.
//   npx tsx scripts/kernel-cpu-compare.mts /tmp/before m,l,xl [runs]
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const here = resolve(new URL('..', import.meta.url).pathname);
if (!process.argv[2]) throw new Error('usage: npx tsx scripts/kernel-cpu-compare.mts <before checkout> [m,l,xl] [runs]');
const roots = { before: resolve(process.argv[2]), now: here };
const names = (process.argv[3] ?? 'm,l,xl').split(',');
const RUNS = Number(process.argv[4] ?? 3);

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function load(root: string) {
  const at = (p: string) => pathToFileURL(`${root}/${p}`).href;
  return {
    ...(await import(at('src/catalog/default.ts'))),
    ...(await import(at('src/model/scenario.ts'))),
    ...(await import(at('src/engine/search.ts'))),
    ...(await import(at('src/engine/kernel.ts'))),
    ...(await import(at('src/engine/merge.ts'))),
    ...(await import(at('src/engine/seed.ts'))),
    L: await import(at('assembly/layout.ts')),
    module: await WebAssembly.compile(readFileSync(`${root}/build/kernel.wasm`)),
  };
}
const trees = { before: await load(roots.before), now: await load(roots.now) };

/** One single-threaded run of the kernel: CPU ms of the bounds and of each wave, and designs evaluated. */
async function once(t: Awaited<ReturnType<typeof load>>, raw: unknown) {
  const s = t.ScenarioSchema.parse(raw);
  const p = t.prepareSearch(s, t.defaultCatalog);
  if ('ok' in p) throw new Error(p.reason);
  const kernel = await t.Kernel.create(t.module);
  kernel.load(p.encoding.input);
  const results: unknown[] = p.shards.map(() => undefined);
  let c = cpuMs();
  const waves = t.planWaves(p.encoding, p.shards, kernel.branchBounds(p.encoding.branchCount));
  const steps = [cpuMs() - c];
  for (const wave of waves) {
    c = cpuMs();
    const seed = t.seedFrom(results, s.search.topK, p.encoding.input.ints[t.L.H_PARETO_CAP]);
    for (const i of wave) results[i] = kernel.run(i, p.shards[i][0], p.shards[i][1], true, undefined, seed);
    steps.push(cpuMs() - c);
  }
  const evaluated = (results as { evaluated: number }[]).reduce((a, r) => a + r.evaluated, 0);
  return { steps, total: steps.reduce((a, b) => a + b, 0), evaluated };
}

for (const name of names) {
  const raw = JSON.parse(readFileSync(`${here}/test/bench/${name}.json`, 'utf8'));
  const runs: Record<'before' | 'now', Awaited<ReturnType<typeof once>>[]> = { before: [], now: [] };
  for (const k of ['before', 'now'] as const) await once(trees[k], raw); // warm the JIT
  for (let i = 0; i < RUNS; i++) for (const k of ['before', 'now'] as const) runs[k].push(await once(trees[k], raw));
  const line = (k: 'before' | 'now') => {
    const r = runs[k];
    const at = r.findIndex((x) => x.total === median(r.map((y) => y.total)));
    return `${median(r.map((x) => x.total)).toFixed(1)} ms (bounds, waves: ${r[at].steps.map((x) => x.toFixed(1)).join(' / ')}), ${r[at].evaluated.toLocaleString('en')} evaluated`;
  };
  console.log(`${name.toUpperCase()} kernel CPU (median of ${RUNS}), before: ${line('before')}`);
  console.log(`${name.toUpperCase()} kernel CPU (median of ${RUNS}), now:    ${line('now')}`);
}
