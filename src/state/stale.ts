import type { CatalogStore } from './catalog-store';
import type { RunStore } from './run-store';
import type { ScenarioStore } from './scenario-store';

/** Marks results stale whenever the applied scenario or the catalog changes. Returns an unsubscribe. */
export function watchInputs(scenario: ScenarioStore, catalog: CatalogStore, run: RunStore): () => void {
  const offScenario = scenario.subscribe((s, prev) => {
    if (s.scenario !== prev.scenario) run.getState().markStale();
  });
  const offCatalog = catalog.subscribe((s, prev) => {
    if (s.custom !== prev.custom) run.getState().markStale();
  });
  return () => {
    offScenario();
    offCatalog();
  };
}
