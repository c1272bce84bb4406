// Where a search's time goes, single-threaded: encoding (TypeScript), the kernel wave by wave, and the
// merge that materializes the winners. `npx tsx scripts/profile-search.mts m` (a test/bench scenario).
import { readFileSync } from 'node:fs';
import { defaultCatalog } from '../src/catalog/default';
import { ScenarioSchema } from '../src/model/scenario';
import { prepareSearch } from '../src/engine/search';
import { Kernel, type ShardResult } from '../src/engine/kernel';
import { mergeShards, planWaves } from '../src/engine/merge';
import { seedFrom } from '../src/engine/seed';
import * as L from '../assembly/layout';
const name = process.argv[2] ?? 'm';
const s = ScenarioSchema.parse(JSON.parse(readFileSync(new URL(`../test/bench/${name}.json`, import.meta.url), 'utf8')));
const module = await WebAssembly.compile(readFileSync(new URL('../build/kernel.wasm', import.meta.url)));
for (let i = 0; i < 3; i++) {
  let t = performance.now();
  const p = prepareSearch(s, defaultCatalog);
  if ('ok' in p) throw 0;
  const prep = performance.now() - t; t = performance.now();
  const kernel = await Kernel.create(module); kernel.load(p.encoding.input);
  const results: (ShardResult | undefined)[] = p.shards.map(() => undefined);
  const waveMs: number[] = [];
  const b0 = performance.now();
  const waves = planWaves(p.encoding, p.shards, kernel.branchBounds(p.encoding.branchCount));
  const boundsMs = performance.now() - b0;
  for (const wave of waves) {
    const w0 = performance.now();
    const seed = seedFrom(results, s.search.topK, p.encoding.input.ints[L.H_PARETO_CAP]);
    for (const i of wave) results[i] = kernel.run(i, p.shards[i][0], p.shards[i][1], true, undefined, seed);
    waveMs.push(performance.now() - w0);
  }
  const run = performance.now() - t; t = performance.now();
  const r = mergeShards(p.assessor, p.encoding, results as ShardResult[], { elapsedMs: 0, workers: 1 });
  const merge = performance.now() - t;
  const ev = results.map(r => r!.evaluated);
  console.log(
    `encode ${prep.toFixed(0)} ms, kernel ${run.toFixed(0)} ms (bounds ${boundsMs.toFixed(0)}, waves ${waveMs.map((x) => x.toFixed(0)).join('/')}), merge ${merge.toFixed(0)} ms; ` +
      `evaluated per wave ${waves.map((w) => w.reduce((a, i) => a + ev[i], 0)).join('/')}; candidates ${r.candidates.length}`,
  );
}
