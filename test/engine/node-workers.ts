// Node search workers for tests that drive a WorkerPool directly (with their own watchdog timing),
// made the way src/engine/node.ts makes them.
import { Worker } from 'node:worker_threads';
import { wrap } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { WorkerHandle } from '../../src/engine/pool';
import type { SearchApi } from '../../src/engine/worker-api';

const WORKER_URL = new URL('../../src/engine/search.node-worker.mjs', import.meta.url);

export function spawnTestWorker(): WorkerHandle {
  const worker = new Worker(WORKER_URL, { execArgv: [] });
  const dead = new Promise<never>((_, reject) => {
    worker.once('error', (e) => reject(e instanceof Error ? e : new Error(String(e))));
    worker.once('exit', (code) => reject(new Error(`search worker exited with code ${code}`)));
  });
  dead.catch(() => {});
  return {
    api: wrap<SearchApi>(nodeEndpoint(worker)),
    dead,
    terminate: () => void worker.terminate(),
    hold: (busy) => (busy ? worker.ref() : worker.unref()),
  };
}
