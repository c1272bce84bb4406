// Materializing a bench scenario's result designs (what a worker does after the last wave: BOM,
// racks, metrics and warnings per candidate) in this thread, with another checkout's code and this
// one's alternately, round by round, so machine load hits both alike; also the bytes the candidates
// take on the wire to the page. The designs come from a search run here first (same for both).
//   git worktree add /tmp/before <commit> --detach && ln -s "$PWD/node_modules" /tmp/before/ && (cd /tmp/before && npm run asbuild)
//   npx tsx scripts/materialize-compare.mts /tmp/before xl 60
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serialize } from 'node:v8';

const here = resolve(new URL('..', import.meta.url).pathname);
if (!process.argv[2]) throw new Error('usage: npx tsx scripts/materialize-compare.mts <before checkout> [scenario] [rounds]');
const before = resolve(process.argv[2]);
const name = process.argv[3] ?? 'xl';
const rounds = Number(process.argv[4] ?? 40);
/** One checkout's modules (each checkout's own code, loaded side by side). */
async function tree(root: string) {
  const imp = (p: string) => import(pathToFileURL(`${root}/${p}`).href);
  const modules = ['catalog/default', 'model/scenario', 'topology/context', 'topology/assess', 'engine/candidate-wire', 'engine/search', 'engine/kernel', 'engine/merge', 'engine/seed'];
  const all = Object.assign({}, ...(await Promise.all(modules.map((m) => imp(`src/${m}.ts`)))));
  return { ...all, L: await imp('assembly/layout.ts'), root };
}
const trees = [await tree(before), await tree(here)];
const prepared = [] as any[];
for (const t of trees) {
  const s = t.ScenarioSchema.parse(JSON.parse(readFileSync(`${here}/test/bench/${name}.json`, 'utf8')));
  const p = t.prepareSearch(s, t.defaultCatalog);
  if ('ok' in p) throw new Error(p.reason);
  const kernel = await t.Kernel.create(await WebAssembly.compile(readFileSync(`${t.root}/build/kernel.wasm`)));
  kernel.load(p.encoding.input);
  const results: any[] = p.shards.map(() => undefined);
  for (const wave of t.planWaves(p.encoding, p.shards, kernel.branchBounds(p.encoding.branchCount))) {
    const seed = t.seedFrom(results, s.search.topK, p.encoding.input.ints[t.L.H_PARETO_CAP]);
    for (const i of wave) results[i] = kernel.run(i, p.shards[i][0], p.shards[i][1], true, undefined, seed);
  }
  const designs = t.mergeForMaterializing(p.assessor, p.encoding, results, { elapsedMs: 0, workers: 1 }).designs;
  prepared.push({ s, designs });
}
// A fresh assessor each round, as each run's worker has: no floor-plan walk is cached. The first
// quarter of the rounds warm up.
const times: number[][] = [[], []];
const bytes = [0, 0];
for (let r = 0; r < rounds; r++) {
  for (let k = 0; k < 2; k++) {
    const t = trees[k];
    const { s, designs } = prepared[k];
    const assessor = new t.Assessor(t.buildContext(s, t.defaultCatalog));
    const t0 = performance.now();
    const wire = t.materializeForWire(assessor, designs);
    if (r >= rounds / 4) times[k].push(performance.now() - t0);
    if (r === rounds - 1) bytes[k] = serialize(wire).length;
  }
}
const med = (x: number[]) => [...x].sort((a, b) => a - b)[x.length >> 1];
console.log(`${name}: ${prepared[1].designs.length} designs, materializing (fresh assessor, no walks cached) median of ${times[0].length} alternating rounds: before ${med(times[0]).toFixed(1)} ms, now ${med(times[1]).toFixed(1)} ms; wire ${bytes[0]} -> ${bytes[1]} bytes`);
