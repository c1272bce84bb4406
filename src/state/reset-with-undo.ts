// "Reset scenario" and "Reset to default" (catalog) replace the user's work with the built-in one,
// so they follow the same rule as templates and share links (src/state/replace-with-undo.ts). A
// reset of what is already the default does nothing.
import type { Catalog } from '../model/catalog';
import { CATALOG_STORAGE_KEY, type CatalogStore } from './catalog-store';
import { canonicalJson } from './canonical-json';
import { replaceWithUndo } from './replace-with-undo';
import { browserStorage } from './saved-storage';
import { DEFAULT_SCENARIO } from './scenario-defaults';
import { SCENARIO_STORAGE_KEY, type ScenarioStore } from './scenario-store';

/** Resets the scenario to the default, keeping the edited one (dated copy and Undo). */
export function resetScenario(store: ScenarioStore, getStorage: () => Storage | undefined = browserStorage): 'reset' | 'already-default' {
  const previous = store.getState().scenario;
  if (canonicalJson(previous) === canonicalJson(DEFAULT_SCENARIO) && !Object.keys(store.getState().drafts).length) return 'already-default';
  replaceWithUndo({
    storage: getStorage(), storageKey: SCENARIO_STORAGE_KEY, previous, noun: 'one', done: 'Scenario reset to the default.',
    replace: () => store.getState().reset(),
    restore: (scenario) => store.getState().load(scenario),
  });
  return 'reset';
}

/** Resets the catalog to the built-in default, keeping the user's catalog (dated copy and Undo). */
export function resetCatalog(store: CatalogStore, getStorage: () => Storage | undefined = browserStorage): 'reset' | 'already-default' {
  const previous: Catalog | null = store.getState().custom;
  if (previous === null) return 'already-default';
  replaceWithUndo({
    storage: getStorage(), storageKey: CATALOG_STORAGE_KEY, previous, noun: 'one', done: 'Catalog reset to the built-in default.',
    replace: () => store.getState().reset(),
    restore: (catalog) => store.setState({ custom: catalog, drafts: {}, errors: {} }),
  });
  return 'reset';
}
