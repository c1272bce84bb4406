// Node worker bootstrap: worker_threads cannot load .ts by itself, so register tsx for this thread
// and import the TypeScript worker (which exposes the search API to the parent).
import { register } from 'tsx/esm/api';

register();
await import('./search.node-worker.ts');
