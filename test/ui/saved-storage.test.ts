import { beforeEach, describe, expect, it } from 'vitest';
import { useNotices } from '../../src/state/notices';
import { keepCopy, legacyBackupKey, listCopies, MAX_REPLACED_COPIES, useSavedCopies } from '../../src/state/saved-storage';
import { createScenarioStore, SCENARIO_STORAGE_KEY } from '../../src/state/scenario-store';
import { MemoryStorage } from './memory-storage';

let storage: MemoryStorage;
beforeEach(() => {
  storage = new MemoryStorage();
  useNotices.getState().clear();
  useSavedCopies.setState({ copies: [], held: [] });
});

/** Opens the app on whatever is saved, then makes one valid edit, which saves over the entry. */
const openAndEdit = (gpus: string) => createScenarioStore(() => storage).getState().setField('cluster.gpus', gpus);

describe('unreadable saved entries', () => {
  it('keeps every unreadable entry under its own dated key, so a second one does not destroy the first', () => {
    storage.setItem(SCENARIO_STORAGE_KEY, '{"state": {"scen');
    openAndEdit('2048');
    storage.setItem(SCENARIO_STORAGE_KEY, '{"version": 1, "state": {"scenario": {"cluster": {"gpus": -4}}}}');
    openAndEdit('4096');
    const copies = listCopies(storage);
    expect(copies).toHaveLength(2);
    expect(copies.every((c) => c.of === SCENARIO_STORAGE_KEY && c.kind === 'unreadable' && /:unreadable:\d{4}-\d\d-\d\dT/.test(c.key))).toBe(true);
    expect(copies.map((c) => storage.getItem(c.key)).sort()).toEqual(['{"state": {"scen', '{"version": 1, "state": {"scenario": {"cluster": {"gpus": -4}}}}']);
    expect(JSON.parse(storage.getItem(SCENARIO_STORAGE_KEY)!).state.scenario.cluster.gpus).toBe(4096);
  });

  it('says the data is at risk and names the key it is kept under', () => {
    storage.setItem(SCENARIO_STORAGE_KEY, 'not json');
    createScenarioStore(() => storage);
    const [notice] = useNotices.getState().notices;
    expect(notice.title).toMatch(/could not be read.*at risk until you export it/);
    const [copy] = listCopies(storage);
    expect(notice.details!.join('\n')).toContain(`"${copy.key}"`);
    expect(useSavedCopies.getState().copies.map((c) => c.key)).toEqual([copy.key]);
  });

  it('does not store the same unreadable text twice', () => {
    keepCopy(storage, SCENARIO_STORAGE_KEY, 'broken', 'unreadable', new Date('2026-01-01T00:00:00Z'));
    keepCopy(storage, SCENARIO_STORAGE_KEY, 'broken', 'unreadable', new Date('2026-01-02T00:00:00Z'));
    expect(listCopies(storage)).toHaveLength(1);
  });

  it('keeps copies until the user discards them, and lists the single backup slot of earlier versions too', () => {
    storage.setItem(legacyBackupKey(SCENARIO_STORAGE_KEY), 'old');
    keepCopy(storage, SCENARIO_STORAGE_KEY, 'one', 'unreadable', new Date('2026-01-01T00:00:00Z'));
    keepCopy(storage, 'railyard.catalog', 'two', 'unreadable', new Date('2026-01-02T00:00:00Z'));
    for (let i = 0; i < 20; i++) openAndEdit(String(100 + i));
    expect(listCopies(storage).map((c) => c.key)).toEqual([
      'railyard.catalog:unreadable:2026-01-02T00:00:00.000Z',
      'railyard.scenario:unreadable:2026-01-01T00:00:00.000Z',
      'railyard.scenario:unreadable-backup',
    ]);
    useSavedCopies.getState().refresh(storage);
    useSavedCopies.getState().discardUnreadable(storage);
    expect(listCopies(storage)).toEqual([]);
  });

  it('holds a copy in memory for export when storage is full', () => {
    const full = new MemoryStorage();
    full.setItem = () => {
      throw new DOMException('quota', 'QuotaExceededError');
    };
    expect(keepCopy(full, SCENARIO_STORAGE_KEY, 'precious', 'unreadable')).toBeNull();
    expect(useSavedCopies.getState().held.map((h) => h.raw)).toEqual(['precious']);
  });

  it(`keeps the latest ${MAX_REPLACED_COPIES} replaced versions of an entry`, () => {
    for (let i = 0; i < MAX_REPLACED_COPIES + 3; i++) keepCopy(storage, SCENARIO_STORAGE_KEY, `v${i}`, 'replaced', new Date(Date.UTC(2026, 0, 1 + i)));
    const kept = listCopies(storage).map((c) => storage.getItem(c.key));
    expect(kept).toEqual(['v7', 'v6', 'v5', 'v4', 'v3']);
  });
});
