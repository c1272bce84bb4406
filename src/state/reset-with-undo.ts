// "Reset scenario" and "Reset to default" (catalog) replace the user's work with the built-in one,
// so they follow the same rule as templates and share links: the replaced work is kept as a dated
// copy in localStorage and the notice offers Undo. A reset of what is already the default does nothing.
import type { Catalog } from '../model/catalog';
import { CATALOG_STORAGE_KEY, type CatalogStore } from './catalog-store';
import { canonicalJson } from './canonical-json';
import { notify } from './notices';
import { browserStorage, keepCopy } from './saved-storage';
import { DEFAULT_SCENARIO } from './scenario-defaults';
import { SCENARIO_STORAGE_KEY, type ScenarioStore } from './scenario-store';

/** Where the replaced work went, as the notice says it. */
function keptWhere(kept: string | null): string {
  return kept ? `Your previous one is kept in localStorage under "${kept}".` : 'Your previous one is restorable with Undo until this tab closes.';
}

/** Resets the scenario to the default, keeping the edited one (dated copy and Undo). */
export function resetScenario(store: ScenarioStore, getStorage: () => Storage | undefined = browserStorage): 'reset' | 'already-default' {
  const previous = store.getState().scenario;
  if (canonicalJson(previous) === canonicalJson(DEFAULT_SCENARIO) && !Object.keys(store.getState().drafts).length) return 'already-default';
  const storage = getStorage();
  const kept = storage ? keepCopy(storage, SCENARIO_STORAGE_KEY, JSON.stringify(previous, null, 2) + '\n', 'replaced') : null;
  store.getState().reset();
  notify('info', `Scenario reset to the default. ${keptWhere(kept)}`, undefined, [{ label: 'Undo', run: () => store.getState().load(previous) }]);
  return 'reset';
}

/** Resets the catalog to the built-in default, keeping the user's catalog (dated copy and Undo). */
export function resetCatalog(store: CatalogStore, getStorage: () => Storage | undefined = browserStorage): 'reset' | 'already-default' {
  const previous: Catalog | null = store.getState().custom;
  if (previous === null) return 'already-default';
  const storage = getStorage();
  const kept = storage ? keepCopy(storage, CATALOG_STORAGE_KEY, JSON.stringify(previous, null, 2) + '\n', 'replaced') : null;
  store.getState().reset();
  notify('info', `Catalog reset to the built-in default. ${keptWhere(kept)}`, undefined, [{ label: 'Undo', run: () => store.setState({ custom: previous, drafts: {}, errors: {} }) }]);
  return 'reset';
}
