// Before/after benchmark of the media tables (encodeMedia in src/engine/encode.ts: the floor-plan
// walks and media choices the search workers compute for every group size, the costly part of
// encoding), in this one thread: another checkout's ("before", e.g. a git worktree of an older
// commit with node_modules in place) and this one's, call by call in alternation, each on a fresh
// Assessor so no walk is cached. Prints medians, and whether both checkouts made the same tables.
//   git worktree add /tmp/before <commit> --detach && ln -s "$PWD/node_modules" /tmp/before/
//   BENCH_RUNS=50 npx tsx scripts/media-compare.mts /tmp/before m,l,xl
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const here = resolve(new URL('..', import.meta.url).pathname);
if (!process.argv[2]) throw new Error('usage: npx tsx scripts/media-compare.mts <before checkout> [s,m,l,xl]');
const before = resolve(process.argv[2]);
const names = (process.argv[3] ?? 'm,l,xl').split(',');
const RUNS = Number(process.env.BENCH_RUNS ?? 50);
/** Calls of each before the timed ones, for the JIT. */
const WARM_RUNS = 10;

interface Tree {
  encodeMedia: (assessor: unknown, part?: number, parts?: number) => unknown;
  Assessor: new (ctx: unknown) => unknown;
  buildContext: (scenario: unknown, catalog: unknown) => unknown;
  ScenarioSchema: { parse: (x: unknown) => unknown };
  defaultCatalog: unknown;
}
async function load(root: string): Promise<Tree> {
  const at = (p: string) => pathToFileURL(`${root}/${p}`).href;
  return {
    ...(await import(at('src/engine/encode.ts'))),
    ...(await import(at('src/topology/assess.ts'))),
    ...(await import(at('src/topology/context.ts'))),
    ...(await import(at('src/model/scenario.ts'))),
    ...(await import(at('src/catalog/default.ts'))),
  };
}
const trees = { before: await load(before), now: await load(here) };
const kinds = ['before', 'now'] as const;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log(`media-compare: before ${before}, now ${here}; median of ${RUNS} alternating calls each after ${WARM_RUNS} warm-up calls\n`);
console.log('| scenario | media tables before | now | before / now | same tables |');
console.log('|---|---|---|---|---|');
for (const name of names) {
  const raw = JSON.parse(readFileSync(`${here}/test/bench/${name}.json`, 'utf8'));
  const ctx = Object.fromEntries(kinds.map((k) => {
    const c = trees[k].buildContext(trees[k].ScenarioSchema.parse(raw), trees[k].defaultCatalog) as { reason?: string };
    if ('ok' in c) throw new Error(`${name}: ${c.reason}`);
    return [k, c];
  }));
  const times: Record<string, number[]> = { before: [], now: [] };
  const tables: Record<string, string> = {};
  for (let i = 0; i < WARM_RUNS + RUNS; i++) {
    // Which goes first alternates, so a drift of the machine's speed meets both alike.
    for (const k of i % 2 ? [...kinds].reverse() : kinds) {
      const assessor = new trees[k].Assessor(ctx[k]);
      const start = performance.now();
      const made = trees[k].encodeMedia(assessor);
      if (i >= WARM_RUNS) times[k].push(performance.now() - start);
      if (i === 0) tables[k] = JSON.stringify(made, (_, v) => (ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v));
    }
  }
  const b = median(times.before);
  const n = median(times.now);
  console.log(`| ${name.toUpperCase()} | ${b.toFixed(2)} ms | ${n.toFixed(2)} ms | ${(b / n).toFixed(2)}x | ${tables.before === tables.now ? 'yes' : 'NO'} |`);
}
