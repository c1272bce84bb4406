// The Node worker_threads entry: the same API as the browser worker, over comlink's node adapter.
import { readFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import { expose } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { createSearchApi } from './worker-api';
import { KERNEL_WASM_URL } from './wasm-node';

if (!parentPort) throw new Error('search.node-worker must run in a worker thread');

const api = createSearchApi({
  kernelBytes: () => readFile(KERNEL_WASM_URL),
  exit: () => process.exit(3),
  // What a browser worker's close() does, as the page sees it: the port goes quiet, no 'exit' event
  // (the thread stays alive until the pool terminates it).
  vanish: () => {
    parentPort!.close();
    setInterval(() => {}, 1 << 30);
  },
});

expose(api, nodeEndpoint(parentPort));
