// Resetting the scenario or the catalog never loses the user's work (src/state/reset-with-undo.ts).
import { beforeEach, describe, expect, it } from 'vitest';
import { useNotices } from '../../src/state/notices';
import { listCopies } from '../../src/state/saved-storage';
import { DEFAULT_SCENARIO } from '../../src/state/scenario-defaults';
import { createScenarioStore, SCENARIO_STORAGE_KEY } from '../../src/state/scenario-store';
import { CATALOG_STORAGE_KEY, createCatalogStore } from '../../src/state/catalog-store';
import { resetCatalog, resetScenario } from '../../src/state/reset-with-undo';
import { defaultCatalog } from '../../src/catalog/default';
import { MemoryStorage } from './memory-storage';

describe('reset with undo', () => {
  let storage: MemoryStorage;
  beforeEach(() => {
    storage = new MemoryStorage();
    useNotices.getState().clear();
  });

  it('keeps an edited scenario as a dated copy when reset, and Undo restores it', () => {
    const store = createScenarioStore(() => storage);
    store.getState().setField('cluster.gpus', '2048');
    expect(resetScenario(store, () => storage)).toBe('reset');
    expect(store.getState().scenario).toEqual(DEFAULT_SCENARIO);
    const [copy] = listCopies(storage);
    expect(copy).toMatchObject({ of: SCENARIO_STORAGE_KEY, kind: 'replaced' });
    expect(JSON.parse(storage.getItem(copy.key)!).cluster.gpus).toBe(2048);
    const notice = useNotices.getState().notices.at(-1)!;
    expect(notice.title).toContain(copy.key);
    notice.actions!.find((a) => a.label === 'Undo')!.run();
    expect(store.getState().scenario.cluster.gpus).toBe(2048);
  });

  it('does nothing, and keeps no copy, when the scenario already is the default', () => {
    const store = createScenarioStore(() => storage);
    expect(resetScenario(store, () => storage)).toBe('already-default');
    expect(listCopies(storage)).toEqual([]);
    expect(useNotices.getState().notices).toEqual([]);
  });

  it('keeps an edited catalog as a dated copy when reset to the default, and Undo restores it', () => {
    const store = createCatalogStore(() => storage);
    const offer = defaultCatalog.offers[0];
    store.getState().setOfferField(offer.id, 'price', String(offer.price + 1));
    const edited = store.getState().custom!;
    expect(edited).not.toBeNull();
    expect(resetCatalog(store, () => storage)).toBe('reset');
    expect(store.getState().custom).toBeNull();
    const [copy] = listCopies(storage);
    expect(copy).toMatchObject({ of: CATALOG_STORAGE_KEY, kind: 'replaced' });
    expect(JSON.parse(storage.getItem(copy.key)!).offers[0].price).toBe(offer.price + 1);
    useNotices.getState().notices.at(-1)!.actions!.find((a) => a.label === 'Undo')!.run();
    expect(store.getState().custom).toEqual(edited);
  });
});
