// A worker for test/engine/shared-waves.test.ts: waits for a wave with the module's own awaitWave
// (tsx registered for this thread, as src/engine/search.node-worker.mjs does) and says what it saw.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { awaitWave } = await import(workerData.module);
parentPort.postMessage('waiting');
parentPort.postMessage(awaitWave(workerData.waves, workerData.k) ? 'published' : 'stopped');
