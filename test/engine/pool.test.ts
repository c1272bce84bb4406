import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { optimize } from '../../src/topology/optimize';
import { optimizeWithKernel, shutdownKernelPool, spawnNodeWorker } from '../../src/engine/node';
import { CatalogSchema } from '../../src/model/catalog';
import { labCatalog, labCatalogInput } from '../fixtures/lab-catalog';
import { defaultCatalog } from '../../src/catalog/default';
import { scenario } from '../topology/helpers';
import { comparable, runBytes } from './helpers';
import { DEFAULT_WATCHDOG, WorkerPool, WorkerSilentError, type WorkerHandle } from '../../src/engine/pool';
import { mediaPartsBySize } from '../../src/engine/encode';
import { splitDesigns } from '../../src/engine/materialize-split';
import { optimizeInProcess, prepareSearch, type PreparedSearch } from '../../src/engine/search';
import { nodeKernelModule } from '../../src/engine/wasm-node';
import { claimsOf, readSeed, waveCount, type SharedWaves } from '../../src/engine/shared-waves';
import type { Seed } from '../../src/engine/kernel';
import { claimerAt } from '../../src/engine/claims';
import { mergeForMaterializing, mergeShards } from '../../src/engine/merge';
import { materializeDesigns, type ResultDesign } from '../../src/topology/optimize';
import type { SearchApi, WorkerFault } from '../../src/engine/worker-api';
import { proxy, type Remote } from 'comlink';
import type { Scenario } from '../../src/model/scenario';

afterAll(() => shutdownKernelPool());

const medium = scenario({
  cluster: { gpus: 2048, serverProfile: 'eight-rail-400g' },
  fabric: { technologies: ['infiniband'], planes: [1, 2], maxOversubscription: 2 },
  sourcing: { switch: ['oem-new', 'oem-refurbished'] },
});
/** The lab catalog plus a 128-port mode: tens of millions of designs, about a second unpruned. */
function slowCatalog() {
  const input = labCatalogInput();
  input.switches![1].portModes!.push({ id: '128x100G', ports: 128, gbps: 100 });
  return CatalogSchema.parse(input);
}
const slow = scenario({
  cluster: { gpus: 65536, serverProfile: 'one-port-100g' },
  fabric: { technologies: ['infiniband'], planes: [1], maxOversubscription: 8 },
});

async function mustRun(...args: Parameters<typeof optimizeWithKernel>) {
  const o = await optimizeWithKernel(...args);
  if (!o.ok) throw new Error(o.reason);
  return o.result;
}

/** A pool whose workers report every call of one API method: its arguments, then its result. */
function spiedPool<K extends 'materialize' | 'runClaims' | 'runWaves' | 'encodeMediaClaims'>(
  method: K,
  heard: (args: Parameters<Remote<SearchApi>[K]>, result: Awaited<ReturnType<Remote<SearchApi>[K]>>) => void,
): WorkerPool {
  return new WorkerPool(() => {
    const w = spawnNodeWorker();
    const remote = w.api;
    w.api = new Proxy(remote, {
      get: (target, key) => {
        if (key !== method) return Reflect.get(target, key);
        return async (...args: Parameters<Remote<SearchApi>[K]>) => {
          const call = remote[method] as unknown as (...a: typeof args) => Promise<Awaited<ReturnType<Remote<SearchApi>[K]>>>;
          const result = await call(...args);
          heard(args, result);
          return result;
        };
      },
    });
    return w;
  });
}

/** Two clusters large enough that the workers encode their media (1,024 nodes or more). */
function twoClusters() {
  return {
    large: scenario({
      cluster: { gpus: 16384, serverProfile: 'eight-rail-400g' },
      fabric: { technologies: ['infiniband'], planes: [1, 2], maxOversubscription: 2 },
    }),
    other: scenario({
      cluster: { gpus: 12288, serverProfile: 'eight-rail-400g' },
      fabric: { technologies: ['infiniband'], planes: [1], maxOversubscription: 1 },
    }),
  };
}

describe('the worker pool', () => {
  it('gives byte-identical results for 1, 2 and 4 workers and on repeated runs', async () => {
    const bytes = new Set<string>();
    for (const workers of [1, 2, 4, 2, 1]) bytes.add(runBytes(await mustRun(medium, labCatalog(), { workers })));
    expect(bytes.size).toBe(1);
    const ref = optimize(medium, labCatalog());
    if (!ref.ok) throw new Error(ref.reason);
    const r = await mustRun(medium, labCatalog(), { workers: 2 });
    expect(comparable(r, { pruned: true })).toBe(comparable(ref.result, { pruned: true }));
    expect(r.stats.engine).toBe('kernel');
    expect(r.stats.evaluated + r.stats.pruned).toBe(ref.result.stats.spaceSize);
  });

  it('gives byte-identical results for 1, 2 and 4 workers with spare ports, redundancy minimums and pins in play', async () => {
    const options = scenario({
      cluster: { gpus: 2048, serverProfile: 'eight-rail-400g' },
      fabric: {
        technologies: ['infiniband'], planes: [1, 2], maxOversubscription: 2, minSpinesPerPlane: 4, minUplinkSwitches: 3,
        sparePortsPct: { leaf: 10, spine: 5, core: 0 }, pin: { leaf: { switchModel: 'SW64' }, core: { switchModel: 'SW64' } },
      },
    });
    const bytes = new Set<string>();
    for (const workers of [1, 2, 4]) bytes.add(runBytes(await mustRun(options, labCatalog(), { workers })));
    expect(bytes.size).toBe(1);
    const r = await mustRun(options, labCatalog(), { workers: 2 });
    expect(r.candidates.length).toBeGreaterThan(0);
    expect(r.candidates.every((c) => c.tiers[0].reservedPortsPerSwitch > 0)).toBe(true);
    const ref = optimize(options, labCatalog());
    if (!ref.ok) throw new Error(ref.reason);
    expect(comparable(r, { pruned: true })).toBe(comparable(ref.result, { pruned: true }));
  });

  it('gives byte-identical results for 1, 2 and 3 workers with split cages in play (4,096 H100 GPUs on SN5600)', async () => {
    const split = scenario({ cluster: { gpus: 4096 }, fabric: { technologies: ['ethernet'], switchModels: ['SN5600'] }, search: { topK: 20 } });
    const bytes = new Set<string>();
    let r: Awaited<ReturnType<typeof mustRun>> | undefined;
    for (const workers of [1, 2, 3]) bytes.add(runBytes((r = await mustRun(split, defaultCatalog, { workers }))));
    expect(bytes.size).toBe(1);
    expect(r!.candidates.some((c) => c.tiers[0].upPortMode === '64x800G')).toBe(true);
  });

  it('gives byte-identical results for 1, 2, 3 and 4 workers with partial nodes per leaf in play (4,096 H100 GPUs on QM9700, 10% of leaf ports spare)', async () => {
    // The best design spreads each node over a pair of leaves (test/topology/partial-nodes.test.ts).
    const partial = scenario({
      cluster: { gpus: 4096 },
      fabric: { technologies: ['infiniband'], switchModels: ['QM9700'], families: ['fat-tree'], sparePortsPct: { leaf: 10 } },
      search: { topK: 10 },
    });
    const bytes = new Set<string>();
    let r: Awaited<ReturnType<typeof mustRun>> | undefined;
    for (const workers of [1, 2, 3, 4]) bytes.add(runBytes((r = await mustRun(partial, defaultCatalog, { workers }))));
    expect(bytes.size).toBe(1);
    expect(r!.candidates[0].design.leavesPerNode).toBe(2);
    const ref = optimize(partial, defaultCatalog);
    if (!ref.ok) throw new Error(ref.reason);
    expect(comparable(r!, { pruned: true })).toBe(comparable(ref.result, { pruned: true }));
  });

  it('encodes the media and materializes the winners in the workers, with the bytes of a single-threaded run, for 1, 2 and 3 workers', async () => {
    const large = scenario({
      cluster: { gpus: 16384, serverProfile: 'eight-rail-400g' },
      fabric: { technologies: ['infiniband'], planes: [1, 2], maxOversubscription: 2 },
    });
    const deferred = prepareSearch(large, labCatalog(), { deferMedia: true });
    if ('ok' in deferred) throw new Error(deferred.reason);
    expect(deferred.pendingMedia).toBeDefined();
    const inProcess = await optimizeInProcess(large, labCatalog(), await nodeKernelModule());
    if (!inProcess.ok) throw new Error(inProcess.reason);
    expect(inProcess.result.candidates.length).toBeGreaterThan(0);
    for (const workers of [1, 2, 3]) {
      const r = await mustRun(large, labCatalog(), { workers });
      expect(runBytes(r)).toBe(runBytes(inProcess.result));
    }
  }, 120_000);

  it("materializes a run's winners on its own workers without resending the catalog, and with it once another run has used them", async () => {
    const { large, other } = twoClusters();
    // Records whether each materialize call carried the catalog.
    const asked: boolean[] = [];
    const pool = spiedPool('materialize', (args) => void asked.push(args[1] !== undefined));
    const search = async (s: typeof large) => {
      const begun = pool.prepare(s, labCatalog(), 2);
      if ('ok' in begun) throw new Error(begun.reason);
      const shards = await pool.run(begun.prepared, { workers: 2, media: begun.media });
      return { prepared: begun.prepared, merged: mergeForMaterializing(begun.prepared.assessor, begun.prepared.encoding, shards, { elapsedMs: 0, workers: 2 }) };
    };
    try {
      const a = await search(large);
      // The workers took the media's eight chunks between them (which one took how many is up to them).
      expect(a.prepared.media?.workers.length).toBe(8);
      expect(a.prepared.media?.workers.every((w) => w !== undefined)).toBe(true);
      // Strictly equal objects (undefined properties included), not only the same JSON.
      const expected = materializeDesigns(a.prepared.assessor, a.merged.designs);
      // Right after the search its workers hold the run: no call carries the catalog.
      expect(await pool.materialize(a.prepared, large, labCatalog(), a.merged.designs)).toStrictEqual(expected);
      expect(asked.length).toBeGreaterThan(0);
      expect(asked.every((full) => !full)).toBe(true);
      // Another search encodes its media on the same workers: asked again, they get the catalog.
      await search(other);
      asked.length = 0;
      expect(await pool.materialize(a.prepared, large, labCatalog(), a.merged.designs)).toStrictEqual(expected);
      // Asked without the catalog first, they answered null, and were asked again with it.
      expect(asked.filter((full) => full).length).toBeGreaterThan(0);
      expect(asked.filter((full) => !full).length).toBe(asked.filter((full) => full).length);
    } finally {
      pool.close();
    }
  }, 120_000);

  it('materializes each winner on the worker that encoded its group size, as splitDesigns places them', async () => {
    const { large } = twoClusters();
    const handles: WorkerHandle[] = [];
    const calls: { worker: number; designs: ResultDesign[] }[] = [];
    const pool = new WorkerPool(() => {
      const w = spawnNodeWorker();
      const me = handles.length;
      handles.push(w);
      const remote = w.api;
      w.api = new Proxy(remote, {
        get: (target, key) => key !== 'materialize' ? Reflect.get(target, key) : (...args: Parameters<typeof remote.materialize>) => {
          calls.push({ worker: me, designs: args[2] });
          return remote.materialize(...args);
        },
      });
      return w;
    });
    try {
      // One media part each (no claims): with claims, a worker that starts late on a loaded
      // machine may find every chunk taken, and then holds no part.
      const b = pool.prepare(large, labCatalog(), 2, { claim: false });
      if ('ok' in b) throw new Error(b.reason);
      const shards = await pool.run(b.prepared, { workers: 2, media: b.media });
      // Two parts, not the chunks workers claim.
      expect(b.prepared.media!.workers).toHaveLength(2);
      const holders = [...new Set(b.prepared.media!.workers as WorkerHandle[])];
      expect(holders.length).toBe(2);
      const merged = mergeForMaterializing(b.prepared.assessor, b.prepared.encoding, shards, { elapsedMs: 0, workers: 2 });
      const candidates = await pool.materialize(b.prepared, large, labCatalog(), merged.designs);
      expect(candidates).toStrictEqual(materializeDesigns(b.prepared.assessor, merged.designs));
      // Where each design should go: the lane of the worker that encoded its group size's media part.
      const encoders = b.prepared.media!.workers as WorkerHandle[];
      const partOf = mediaPartsBySize(b.prepared.assessor.ctx, encoders.length);
      const sizes = merged.designs.map((d) => d.design.nodesPerLeafGroup);
      const split = splitDesigns(sizes, (n) => (partOf(n) < 0 ? -1 : holders.indexOf(encoders[partOf(n)])), holders.length);
      const want = split.map((indices, lane) => ({ worker: handles.indexOf(holders[lane]), designs: indices.map((i) => merged.designs[i]) })).filter((x) => x.designs.length);
      expect(calls.sort((a, b) => a.worker - b.worker)).toEqual(want.sort((a, b) => a.worker - b.worker));
      // Most designs are on the worker that walked their group size.
      const onOwner = sizes.filter((n, i) => calls.find((c) => c.designs.includes(merged.designs[i]))!.worker === handles.indexOf(encoders[partOf(n)])).length;
      expect(onOwner).toBeGreaterThan(sizes.length / 2);
    } finally {
      pool.close();
    }
  }, 120_000);

  it('sends a worker the scenario and catalog to encode media only when they are other objects than it last got, with the same answer', async () => {
    const sent: boolean[] = [];
    const pool = spiedPool('encodeMediaClaims', (args) => void sent.push(args[0] !== undefined && args[1] !== undefined));
    const search = async (s: Scenario, catalog: ReturnType<typeof labCatalog>) => {
      sent.length = 0;
      const begun = pool.prepare(s, catalog, 2);
      if ('ok' in begun) throw new Error(begun.reason);
      const shards = await pool.run(begun.prepared, { workers: 2, media: begun.media });
      return runBytes(mergeShards(begun.prepared.assessor, begun.prepared.encoding, shards, { elapsedMs: 0, workers: 1 }));
    };
    const { large, other } = twoClusters();
    const catalog = labCatalog();
    try {
      const first = await search(large, catalog);
      expect(sent).toEqual([true, true]);
      // The same objects again: both workers encode from what they kept.
      expect(await search(large, catalog)).toBe(first);
      expect(sent).toEqual([false, false]);
      // An equal catalog that is another object (an edited one would be) is sent; so is another scenario.
      expect(await search(large, labCatalog())).toBe(first);
      expect(sent).toEqual([true, true]);
      const otherBytes = await search(other, catalog);
      expect(sent).toEqual([true, true]);
      expect(otherBytes).not.toBe(first);
      expect(await search(other, catalog)).toBe(otherBytes);
      expect(sent).toEqual([false, false]);
    } finally {
      pool.close();
    }
  }, 120_000);

  it('runs every shard once when the workers claim them, in one call per worker for all the waves, with the bytes of batches by message, for 1, 2 and 3 workers', async () => {
    const prepared = prepareSearch(medium, labCatalog());
    if ('ok' in prepared) throw new Error(prepared.reason);
    // Records each runWaves call's shared waves and claimer.
    const calls: { waves: SharedWaves; me: number }[] = [];
    const pool = spiedPool('runWaves', ([waves, me]) => void calls.push({ waves: waves as SharedWaves, me }));
    const bytes = async (workers: number, claim: boolean) =>
      runBytes(mergeShards(prepared.assessor, prepared.encoding, await pool.run(prepared, { workers, claim }), { elapsedMs: 0, workers: 1 }));
    try {
      const byMessage = await bytes(2, false);
      expect(calls).toEqual([]);
      for (const workers of [1, 2, 3]) {
        calls.length = 0;
        expect(await bytes(workers, true)).toBe(byMessage);
        // One call per worker (no more than the largest wave has shards), all on the same waves;
        // every position of every wave taken by one of them.
        const waves = calls[0].waves;
        expect(calls.every((c) => c.waves === waves)).toBe(true);
        let largest = 0;
        for (let k = 0; k < waveCount(waves); k++) largest = Math.max(largest, waves.starts[k + 1] - waves.starts[k]);
        expect(calls.length).toBe(Math.min(workers, largest));
        const claimers = new Set(calls.map((c) => c.me));
        const claimed: number[] = [];
        for (let k = 0; k < waveCount(waves); k++) {
          const claims = claimsOf(waves, k);
          for (let at = 0; at < claims.jobs.length / 3; at++) {
            expect(claimers.has(claimerAt(claims, at))).toBe(true);
            claimed.push(claims.jobs[3 * at]);
          }
        }
        expect(claimed.sort((a, b) => a - b)).toEqual(prepared.shards.map((_, i) => i));
      }
    } finally {
      pool.close();
    }
  }, 60_000);

  it('scores the designs the merge may keep while the waves run, whether the workers claim the waves in shared memory or take them by message', async () => {
    const pool = new WorkerPool(spawnNodeWorker);
    try {
      for (const claim of [true, false]) {
        const prepared = prepareSearch(medium, labCatalog());
        if ('ok' in prepared) throw new Error(prepared.reason);
        const shards = await pool.run(prepared, { workers: 2, claim });
        const prescored = prepared.prescored!;
        const before = prescored.scoredCount;
        const merged = mergeForMaterializing(prepared.assessor, prepared.encoding, shards, { elapsedMs: 0, workers: 2 }, prescored);
        // The waves' results came in while others ran: their designs were scored then, and the
        // merge scored no more than the ones it keeps.
        expect(before, `claim ${claim}`).toBeGreaterThan(0);
        expect(prescored.scoredCount - before, `claim ${claim}`).toBeLessThanOrEqual(merged.designs.length);
      }
    } finally {
      pool.close();
    }
  }, 60_000);

  it('reports progress at least ten times a second and ends at the full space', async () => {
    const seen: { t: number; evaluated: number; total: number }[] = [];
    const t0 = performance.now();
    const r = await mustRun(slow, slowCatalog(), { workers: 2, prune: false, onProgress: (p) => seen.push({ t: performance.now() - t0, ...p }) });
    const last = seen[seen.length - 1];
    expect(last.evaluated).toBe(r.stats.spaceSize);
    expect(last.total).toBe(r.stats.spaceSize);
    const gaps = seen.slice(1).map((p, i) => p.t - seen[i].t);
    expect(Math.max(...gaps)).toBeLessThan(150);
    expect(seen.some((p) => p.evaluated > 0 && p.evaluated < r.stats.spaceSize)).toBe(true);
  });

  it('has every worker it starts for a run compute a share of the branch bounds as it loads the input, the shares covering every branch once', async () => {
    const ranges: [number, number][] = [];
    let boundsCalls = 0;
    const pool = new WorkerPool(() => {
      const w = spawnNodeWorker();
      const remote = w.api;
      w.api = new Proxy(remote, {
        get: (target, key) => {
          if (key === 'branchBounds') boundsCalls++;
          return key !== 'init' ? Reflect.get(target, key)
            : (input: unknown, options: unknown, fn: unknown, bounds?: [number, number]) => {
              if (bounds) ranges.push(bounds);
              return remote.init(input as never, options as never, fn as never, bounds);
            };
        },
      });
      return w;
    });
    try {
      const prepared = prepareSearch(medium, labCatalog()) as PreparedSearch;
      const results = await pool.run(prepared, { workers: 2 });
      expect(boundsCalls).toBe(0);
      expect(ranges.length).toBe(2);
      ranges.sort((a, b) => a[0] - b[0]);
      expect(ranges[0][0]).toBe(0);
      expect(ranges[0][1]).toBe(ranges[1][0]);
      expect(ranges[1][1]).toBe(prepared.encoding.branchCount);
      expect(ranges[0][1]).toBeGreaterThan(0);
      // The same answer as one kernel that computed every bound itself.
      const alone = await optimizeInProcess(medium, labCatalog(), await nodeKernelModule());
      const merged = mergeShards(prepared.assessor, prepared.encoding, results, { elapsedMs: 0, workers: 2 });
      if (!alone.ok) throw new Error(alone.reason);
      expect(runBytes(merged)).toBe(runBytes(alone.result));
    } finally {
      pool.close();
    }
  });

  it('sends the page a progress report only when a worker has been busy 40 ms since it last heard from it, not one per shard', async () => {
    let reports = 0;
    const pool = new WorkerPool(() => {
      const w = spawnNodeWorker();
      const remote = w.api;
      w.api = new Proxy(remote, {
        get: (target, key) => key !== 'init' ? Reflect.get(target, key)
          : (input: unknown, options: unknown, fn: ((shard: number, done: number) => void) | undefined, bounds?: [number, number]) =>
            remote.init(input as never, options as never, fn && proxy((shard: number, done: number) => {
              reports++;
              return fn(shard, done);
            }), bounds),
      });
      return w;
    });
    try {
      const prepared = prepareSearch(medium, labCatalog()) as PreparedSearch;
      const t0 = performance.now();
      await pool.run(prepared, { workers: 2 });
      const ms = performance.now() - t0;
      // The kernel reports at the end of every shard; those reports used to reach the page.
      expect(prepared.shards.length).toBeGreaterThan(100);
      // Two workers, at most one report each per 40 ms of the run.
      expect(reports).toBeLessThanOrEqual(2 * Math.ceil(ms / 40));
      expect(reports).toBeLessThan(prepared.shards.length / 4);
    } finally {
      pool.close();
    }
  });

  it('stops within 100 ms of cancel, and the next run still works', async () => {
    await mustRun(medium, labCatalog(), { workers: 2 }); // warm workers
    const controller = new AbortController();
    const run = optimizeWithKernel(slow, slowCatalog(), { workers: 2, prune: false, signal: controller.signal });
    await new Promise((r) => setTimeout(r, 150));
    const t = performance.now();
    controller.abort();
    await expect(run).rejects.toThrow(/cancelled/);
    expect(performance.now() - t).toBeLessThan(100);
    const again = await mustRun(medium, labCatalog(), { workers: 2 });
    expect(again.candidates.length).toBeGreaterThan(0);
  });

  it('replaces a worker that throws or exits on its first shard and re-runs the shard', async () => {
    const clean = runBytes(await mustRun(medium, labCatalog(), { workers: 2 }));
    for (const fault of ['throw-on-first-shard', 'exit-on-first-shard'] as const) {
      const r = await mustRun(medium, labCatalog(), { workers: 2, faults: [fault] });
      expect(runBytes(r)).toBe(clean);
    }
  });

  it('fails with a clear message, without hanging, when WebAssembly cannot run', async () => {
    const run = optimizeWithKernel(medium, labCatalog(), { workers: 2, faults: ['no-webassembly', 'no-webassembly', 'no-webassembly', 'no-webassembly', 'no-webassembly', 'no-webassembly'] });
    await expect(run).rejects.toThrow(/WebAssembly is not available/);
  });
});

/** A pool with the watchdog's floor cut to 2 s, so a silent worker is noticed quickly. */
const QUICK_WATCHDOG = { ...DEFAULT_WATCHDOG, floorMs: 2000 };

async function poolRun(faults: WorkerFault[], workers = 2, claim?: boolean) {
  const prepared = prepareSearch(medium, labCatalog());
  if ('ok' in prepared) throw new Error(prepared.reason);
  const pool = new WorkerPool(spawnNodeWorker, QUICK_WATCHDOG);
  const lost: { shard?: number; error: Error }[] = [];
  try {
    const shards = await pool.run(prepared, { workers, faults, claim, onWorkerLost: (l) => lost.push(l) });
    return { bytes: runBytes(mergeShards(prepared.assessor, prepared.encoding, shards, { elapsedMs: 0, workers })), shards: JSON.stringify(shards), lost };
  } finally {
    pool.close();
  }
}

describe('the worker pool watchdog', () => {
  let clean: string;
  let cleanShards: string;
  beforeAll(async () => {
    ({ bytes: clean, shards: cleanShards } = await poolRun([]));
  }, 60_000);

  it('replaces a worker that vanishes mid-shard without an error or exit event, and re-runs its shard', async () => {
    const { bytes, lost } = await poolRun(['vanish-mid-shard']);
    expect(lost.map((l) => l.error)).toEqual([expect.any(WorkerSilentError)]);
    expect(lost[0].error.message).toMatch(/stopped answering \(shard \d+ of \d+: nothing for \d+\.\d s\)/);
    expect(bytes).toBe(clean);
  }, 30_000);

  it('replaces a worker that hangs mid-shard without progress, and re-runs its shard', async () => {
    const { bytes, lost } = await poolRun(['hang-mid-shard']);
    expect(lost.map((l) => l.error)).toEqual([expect.any(WorkerSilentError)]);
    expect(bytes).toBe(clean);
  }, 30_000);

  it('replaces a vanished worker and re-runs its shard when shards go by message (no shared memory)', async () => {
    const { bytes, lost } = await poolRun(['vanish-mid-shard'], 2, false);
    expect(lost.map((l) => l.error)).toEqual([expect.any(WorkerSilentError)]);
    expect(bytes).toBe(clean);
  }, 30_000);

  it('gives the same bytes with 1 and 4 workers when a worker vanishes', async () => {
    for (const workers of [1, 4]) expect((await poolRun(['vanish-mid-shard'], workers)).bytes).toBe(clean);
  }, 60_000);

  it('gives the same shard results and bytes when a worker fails mid-wave in shared waves', async () => {
    for (const workers of [2, 3]) {
      const { bytes, shards, lost } = await poolRun(['throw-mid-wave'], workers);
      expect(lost.map((l) => l.error.message)).toEqual(['injected fault: worker threw mid-wave']);
      expect(bytes).toBe(clean);
      // Every shard's own result too (what it evaluated and pruned depends on its wave's seed).
      expect(shards).toBe(cleanShards);
    }
  }, 60_000);

  it('runs the rest of a shared wave a worker failed in with the seed that wave was published with', async () => {
    const prepared = prepareSearch(medium, labCatalog());
    if ('ok' in prepared) throw new Error(prepared.reason);
    let plan: SharedWaves | undefined;
    const seeds: Seed[] = [];
    const pool = new WorkerPool(() => {
      const w = spawnNodeWorker();
      const remote = w.api;
      w.api = new Proxy(remote, {
        get: (target, key) => {
          if (key === 'runWaves') return (...args: Parameters<Remote<SearchApi>['runWaves']>) => ((plan = args[0]), remote.runWaves(...args));
          if (key === 'runClaims') return (...args: Parameters<Remote<SearchApi>['runClaims']>) => (seeds.push(args[3]!), remote.runClaims(...args));
          return Reflect.get(target, key);
        },
      });
      return w;
    }, QUICK_WATCHDOG);
    try {
      await pool.run(prepared, { workers: 2, faults: ['throw-mid-wave'] });
    } finally {
      pool.close();
    }
    // The waves went on by message from the wave the worker failed in, the last one published. Its
    // shards done by then change what a seed made now would be: that seed is not the one to use.
    expect(seeds.length).toBeGreaterThan(0);
    expect(seeds[0]).toEqual(readSeed(plan!));
  }, 60_000);

  it('fails the run with a clear message, without hanging, when every worker dies on the same shard', async () => {
    const started = performance.now();
    const run = poolRun(Array.from({ length: 12 }, () => 'vanish-mid-shard' as const));
    await expect(run).rejects.toThrow(/^the search failed: search workers failed 3 times on the same part of it \(shard \d+ of \d+\); last: a search worker stopped answering/);
    // Three silences of about 2 s each, not a hang.
    expect(performance.now() - started).toBeLessThan(20_000);
  }, 40_000);

  it('fails the run with a clear message when every worker exits on the same shard', async () => {
    await expect(poolRun(Array.from({ length: 12 }, () => 'exit-on-first-shard' as const))).rejects.toThrow(/failed 3 times on the same part of it.*exited with code 3/);
  }, 40_000);
});
