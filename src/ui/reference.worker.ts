/// <reference lib="webworker" />
import '../engine/origin-guard'; // first: no other module may reach the network before the guard is in place
import { expose } from 'comlink';
import type { Catalog } from '../model/catalog';
import type { Scenario } from '../model/scenario';
import { optimize, type OptimizeOutcome, type Progress } from '../topology/optimize';

/** Progress crosses threads at most this often, so a fast search is not slowed by messaging. */
const PROGRESS_INTERVAL_MS = 80;

const api = {
  /** Runs the reference optimizer in this worker; progress is forwarded through a comlink proxy. */
  optimize(scenario: Scenario, catalog: Catalog, onProgress: (p: Progress) => void): OptimizeOutcome {
    let last = 0;
    return optimize(scenario, catalog, {
      onProgress(p) {
        const t = performance.now();
        if (t - last < PROGRESS_INTERVAL_MS && p.evaluated < p.total) return;
        last = t;
        onProgress(p);
      },
    });
  },
};

export type ReferenceWorkerApi = typeof api;
expose(api);
