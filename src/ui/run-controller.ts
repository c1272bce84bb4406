import { catalogStore, currentCatalog } from '../state/catalog-store';
import { inventoryStore, pricedCatalog } from '../state/inventory-store';
import { notify } from '../state/notices';
import { runStore } from '../state/run-store';
import { scenarioStore } from '../state/scenario-store';
import { CANCELLED, engineKind, initialWorkers, NO_WASM_NOTICE, runOptimize } from './engine';

let controller: AbortController | null = null;

/** Starts a search on the current scenario and catalog; refuses while a field is invalid. */
export async function startRun(): Promise<void> {
  const { scenario, errors } = scenarioStore.getState();
  if (Object.keys(errors).length > 0) {
    notify('error', 'Fix the highlighted scenario fields before optimizing.', Object.entries(errors).map(([p, m]) => `${p}: ${m}`));
    return;
  }
  if (runStore.getState().status === 'running') return;
  // The parts the user owns are priced in as `owned` offers; an inventory that no longer fits the catalog stops the run.
  const priced = pricedCatalog(currentCatalog(catalogStore.getState()), inventoryStore.getState().inventory);
  if (!priced.ok) {
    notify('error', 'Fix the inventory before optimizing: it does not fit the current catalog.', priced.problems.map((p) => `inventory ${p.path}: ${p.message}`));
    return;
  }
  controller = new AbortController();
  const mine = controller;
  const run = runStore.getState();
  if (engineKind() === 'reference') notify('warning', NO_WASM_NOTICE);
  run.begin(initialWorkers());
  const outcome = await runOptimize(scenario, priced.value, (p) => runStore.getState().report(p), mine.signal);
  if (controller === mine) controller = null;
  if (outcome.ok) runStore.getState().succeed(outcome.result);
  else if (outcome.reason === CANCELLED) runStore.getState().cancelled();
  else runStore.getState().fail(outcome.reason);
}

export function cancelRun(): void {
  controller?.abort();
}
