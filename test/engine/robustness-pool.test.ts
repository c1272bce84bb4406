import { afterAll, describe, expect, it } from 'vitest';
import { labCatalog } from '../fixtures/lab-catalog';
import { ScenarioSchema } from '../../src/model/scenario';
import { spawnNodeWorker, poolRunner } from '../../src/engine/node';
import { WorkerPool, type WorkerHandle } from '../../src/engine/pool';
import type { SearchApi } from '../../src/engine/worker-api';
import type { Remote } from 'comlink';
import { drawSamples } from '../../src/topology/price-draws';
import type { RobustnessJob, RobustnessJobResult } from '../../src/engine/robustness';

const scenario = ScenarioSchema.parse({
  cluster: { gpus: 64, serverProfile: 'eight-rail-400g' },
  fabric: { technologies: ['infiniband'], maxOversubscription: 2 },
  robustness: { ranges: [{ source: 'oem-new', category: 'switch', lowPct: -30, highPct: 30 }] },
});
const catalog = labCatalog();
const jobs: RobustnessJob[] = drawSamples(catalog, scenario.robustness, 1, 6).map((set) => ({ kind: 'search', set, topK: 1, evaluate: [] }));

/** A pool whose workers can be ended from a job, as a crash would end them. */
function killablePool() {
  const handles = new Map<Remote<SearchApi>, WorkerHandle>();
  let spawned = 0;
  const pool = new WorkerPool(() => {
    spawned++;
    const w = spawnNodeWorker();
    handles.set(w.api, w);
    return w;
  });
  return { pool, handles, spawned: () => spawned };
}

const pools: WorkerPool[] = [];
afterAll(() => pools.forEach((p) => p.close()));

describe('the pool running robustness jobs', () => {
  it('keeps results by job index: the same results for 1 and 3 workers', async () => {
    const pool = new WorkerPool(spawnNodeWorker);
    pools.push(pool);
    const one = await poolRunner(pool, scenario, catalog, 1).run(jobs, {});
    const three = await poolRunner(pool, scenario, catalog, 3).run(jobs, {});
    expect(JSON.stringify(three)).toBe(JSON.stringify(one));
    expect(one).toHaveLength(6);
  }, 60_000);

  it('replaces a worker that dies during a job and runs the job again', async () => {
    const plain = new WorkerPool(spawnNodeWorker);
    pools.push(plain);
    const reference = await poolRunner(plain, scenario, catalog, 1).run(jobs, {});
    const { pool, handles, spawned } = killablePool();
    pools.push(pool);
    let killed: Remote<SearchApi> | undefined;
    const key = 'kill-test';
    // Which worker each job was handed to, in order (a job handed out twice was run again).
    const handed: [RobustnessJob, Remote<SearchApi>][] = [];
    const results = await pool.runJobs<RobustnessJob, RobustnessJobResult>(jobs, {
      workers: 2,
      setup: (api) => api.robustnessSetup(key, scenario, catalog),
      run: (api, job) => {
        handed.push([job, api]);
        // The worker dies holding the job: it is terminated as the job is handed to it, before it
        // could answer (terminating just after posting let a quick job's answer win the race).
        if (!killed && job === jobs[2]) {
          killed = api;
          void handles.get(api)!.terminate();
        }
        return api.robustnessJob(key, job);
      },
    });
    expect(killed).toBeDefined();
    // The job the dead worker held ran again on another worker (a new one, or one already running:
    // which depends on timing), and the dead worker got no job after it died.
    const third = handed.filter(([job]) => job === jobs[2]).map(([, api]) => api);
    expect(third.length).toBeGreaterThanOrEqual(2);
    expect(third.at(-1)).not.toBe(killed);
    const diedAt = handed.findIndex(([job, api]) => job === jobs[2] && api === killed);
    expect(handed.slice(diedAt + 1).some(([, api]) => api === killed)).toBe(false);
    expect(spawned()).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(results)).toBe(JSON.stringify(reference));
  }, 60_000);

  it('fails with a clear message, without hanging, when every worker dies on the same job', async () => {
    const { pool, handles } = killablePool();
    pools.push(pool);
    const key = 'always-kill';
    const run = pool.runJobs<RobustnessJob, RobustnessJobResult>(jobs, {
      workers: 2,
      setup: (api) => api.robustnessSetup(key, scenario, catalog),
      run: (api, job) => {
        if (job === jobs[4]) void handles.get(api)!.terminate();
        return api.robustnessJob(key, job);
      },
    });
    await expect(run).rejects.toThrow(/search workers failed 3 times on job 5 of 6/);
  }, 60_000);
});
