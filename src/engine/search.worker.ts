/// <reference lib="webworker" />
// The browser Web Worker entry. Vite bundles the kernel and hands us its URL.
import './origin-guard'; // first: no other module may reach the network before the guard is in place
import { expose } from 'comlink';
import kernelUrl from '../../build/kernel.wasm?url';
import { createSearchApi } from './worker-api';

const api = createSearchApi({
  kernelBytes: async () => {
    const response = await fetch(kernelUrl);
    if (!response.ok) throw new Error(`cannot fetch the search kernel (${response.status} ${response.statusText})`);
    return response.arrayBuffer();
  },
  exit: () => self.close(),
  // close() ends a Web Worker without any event reaching the page: the pool's watchdog notices.
  vanish: () => self.close(),
});

expose(api);
