import { beforeEach, describe, expect, it } from 'vitest';
import { CATALOG_STORAGE_KEY, createCatalogStore, currentCatalog } from '../../src/state/catalog-store';
import { useNotices } from '../../src/state/notices';
import { listCopies } from '../../src/state/saved-storage';
import { createScenarioStore, SCENARIO_STORAGE_KEY } from '../../src/state/scenario-store';
import { MemoryStorage } from './memory-storage';

/**
 * Two tabs are two stores over one localStorage. A browser tells the other tab about a save with
 * a `storage` event; here the test calls `receiveFromOtherTab()` on the other store instead.
 */
let storage: MemoryStorage;
const tab = () => createScenarioStore(() => storage);
const catalogTab = () => createCatalogStore(() => storage);
const saved = () => JSON.parse(storage.getItem(SCENARIO_STORAGE_KEY)!).state.scenario;
const titles = () => useNotices.getState().notices.map((n) => n.title);

beforeEach(() => {
  storage = new MemoryStorage();
  useNotices.getState().clear();
});

describe('two tabs editing the scenario', () => {
  it('a tab with no changes of its own takes over the other tab\'s edit and says so', () => {
    const a = tab();
    const b = tab();
    a.getState().setField('cluster.gpus', '2048');
    b.getState().receiveFromOtherTab();
    expect(b.getState().scenario.cluster.gpus).toBe(2048);
    expect(titles()).toContain('The scenario was changed in another tab; this tab now shows that version.');
    // B's next edit builds on A's, so both survive, and A takes B's over in turn.
    b.getState().setField('search.topK', '5');
    a.getState().receiveFromOtherTab();
    expect(a.getState().scenario.cluster.gpus).toBe(2048);
    expect(a.getState().scenario.search.topK).toBe(5);
    expect(saved().cluster.gpus).toBe(2048);
    expect(saved().search.topK).toBe(5);
    expect(a.getState().conflict).toBeNull();
  });

  it('keeps field text this tab could not apply yet when it takes over the other tab\'s scenario', () => {
    const a = tab();
    const b = tab();
    b.getState().setField('cluster.gpus', '-8');
    a.getState().setField('search.topK', '3');
    b.getState().receiveFromOtherTab();
    expect(b.getState().scenario.search.topK).toBe(3);
    expect(b.getState().drafts['cluster.gpus']).toBe('-8');
    expect(b.getState().errors['cluster.gpus']).toBe('must be a positive integer, got -8');
  });

  it('offers a choice when both tabs changed the scenario, and saves nothing of this tab until the user chooses', () => {
    const a = tab();
    const b = tab();
    a.getState().setField('cluster.gpus', '2048');
    // B saves before it hears of A's save: storage now holds B's version, built without A's.
    b.getState().setField('search.topK', '5');
    a.getState().receiveFromOtherTab();
    const conflict = a.getState().conflict;
    expect(conflict?.theirs.search.topK).toBe(5);
    expect(conflict?.theirs.cluster.gpus).toBe(1024);
    expect(a.getState().scenario.cluster.gpus).toBe(2048);
    // A keeps editing while the choice waits: B's saved version is not overwritten meanwhile.
    a.getState().setField('objective.pue', '1.5');
    expect(saved().search.topK).toBe(5);
    expect(saved().objective.pue).not.toBe(1.5);
  });

  it('"Keep mine" saves this tab\'s scenario, keeps the other as a dated copy, and the other tab then shows it', () => {
    const a = tab();
    const b = tab();
    a.getState().setField('cluster.gpus', '2048');
    b.getState().setField('search.topK', '5');
    a.getState().receiveFromOtherTab();
    a.getState().resolveConflict('mine');
    expect(a.getState().conflict).toBeNull();
    expect(saved().cluster.gpus).toBe(2048);
    const copies = listCopies(storage);
    expect(copies.map((c) => [c.of, c.kind])).toEqual([[SCENARIO_STORAGE_KEY, 'replaced']]);
    expect(JSON.parse(storage.getItem(copies[0].key)!).search.topK).toBe(5);
    b.getState().receiveFromOtherTab();
    expect(b.getState().conflict).toBeNull();
    expect(b.getState().scenario.cluster.gpus).toBe(2048);
  });

  it('"Use the other tab\'s version" shows it, keeps this tab\'s as a dated copy, and Undo brings this tab\'s back', () => {
    const a = tab();
    const b = tab();
    a.getState().setField('cluster.gpus', '2048');
    b.getState().setField('search.topK', '5');
    a.getState().receiveFromOtherTab();
    a.getState().resolveConflict('theirs');
    expect(a.getState().scenario.search.topK).toBe(5);
    expect(a.getState().scenario.cluster.gpus).toBe(1024);
    const [copy] = listCopies(storage);
    expect(JSON.parse(storage.getItem(copy.key)!).cluster.gpus).toBe(2048);
    const notice = useNotices.getState().notices.find((n) => n.title.startsWith('This tab now shows the scenario from the other tab'))!;
    expect(notice.title).toContain(copy.key);
    notice.actions!.find((x) => x.label === 'Undo')!.run();
    expect(a.getState().scenario.cluster.gpus).toBe(2048);
    expect(saved().cluster.gpus).toBe(2048);
  });

  it('a later save in the other tab updates the pending choice instead of replacing this tab\'s scenario', () => {
    const a = tab();
    const b = tab();
    a.getState().setField('cluster.gpus', '2048');
    b.getState().setField('search.topK', '5');
    a.getState().receiveFromOtherTab();
    b.getState().setField('search.topK', '7');
    a.getState().receiveFromOtherTab();
    expect(a.getState().conflict?.theirs.search.topK).toBe(7);
    expect(a.getState().scenario.cluster.gpus).toBe(2048);
    expect(a.getState().scenario.search.topK).toBe(10);
  });

  it('a pending choice ends by itself when the other tab arrives at the same scenario', () => {
    const a = tab();
    const b = tab();
    a.getState().setField('cluster.gpus', '2048');
    b.getState().setField('search.topK', '5');
    a.getState().receiveFromOtherTab();
    b.getState().setField('search.topK', '10');
    b.getState().setField('cluster.gpus', '2048');
    a.getState().receiveFromOtherTab();
    expect(a.getState().conflict).toBeNull();
    a.getState().setField('objective.pue', '1.4');
    expect(saved().objective.pue).toBe(1.4);
  });

  it('does not save over a scenario that a newer version of Railyard saved in another tab', () => {
    const a = tab();
    a.getState().setField('cluster.gpus', '2048');
    const newer = JSON.stringify({ version: 3, state: { scenario: { cluster: { gpus: 64 } }, extra: 'new' }, rev: 'x.1', parent: null });
    storage.setItem(SCENARIO_STORAGE_KEY, newer);
    a.getState().receiveFromOtherTab();
    expect(titles().some((t) => t.startsWith('Another tab runs a newer version of Railyard'))).toBe(true);
    a.getState().setField('cluster.gpus', '4096');
    expect(storage.getItem(SCENARIO_STORAGE_KEY)).toBe(newer);
  });

  it('another tab\'s save that is the same scenario changes nothing and shows no notice', () => {
    const a = tab();
    const b = tab();
    a.getState().setField('cluster.gpus', '2048');
    b.getState().setField('cluster.gpus', '2048');
    a.getState().receiveFromOtherTab();
    expect(a.getState().conflict).toBeNull();
    expect(titles()).toEqual([]);
  });
});

describe('two tabs editing the catalog', () => {
  const price = (store: ReturnType<typeof catalogTab>) => currentCatalog(store.getState()).offers.find((o) => o.id === 'QM9700:oem-new')!.price;

  it('takes over the other tab\'s price edit when this tab changed nothing', () => {
    const a = catalogTab();
    const b = catalogTab();
    a.getState().setOfferField('QM9700:oem-new', 'price', '47000');
    b.getState().receiveFromOtherTab();
    expect(price(b)).toBe(47000);
    // A reset to the built-in catalog reaches the other tab too.
    b.getState().reset();
    a.getState().receiveFromOtherTab();
    expect(a.getState().custom).toBeNull();
  });

  it('offers a choice when both tabs edited prices, and keeps the dropped catalog as a file-shaped copy', () => {
    const a = catalogTab();
    const b = catalogTab();
    a.getState().setOfferField('QM9700:oem-new', 'price', '47000');
    b.getState().setOfferField('QM9700:oem-new', 'price', '41000');
    a.getState().receiveFromOtherTab();
    expect(price(a)).toBe(47000);
    expect(a.getState().conflict).not.toBeNull();
    a.getState().resolveConflict('theirs');
    expect(price(a)).toBe(41000);
    const [copy] = listCopies(storage);
    expect(copy.of).toBe(CATALOG_STORAGE_KEY);
    expect(JSON.parse(storage.getItem(copy.key)!).offers.find((o: { id: string }) => o.id === 'QM9700:oem-new').price).toBe(47000);
  });
});
