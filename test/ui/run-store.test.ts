import { beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../../src/model/result';
import { ScenarioSchema } from '../../src/model/scenario';
import { optimize } from '../../src/topology/optimize';
import { createCatalogStore } from '../../src/state/catalog-store';
import { createRunStore, RUN_STORAGE_KEY, RUN_STORAGE_VERSION } from '../../src/state/run-store';
import { createScenarioStore } from '../../src/state/scenario-store';
import { watchInputs } from '../../src/state/stale';
import { labCatalog } from '../fixtures/lab-catalog';
import { useNotices } from '../../src/state/notices';
import { listCopies } from '../../src/state/saved-storage';
import { MemoryStorage } from './memory-storage';

let cached: Result | undefined;
/** One optimized lab result per file (the search takes seconds on a shared machine); a fresh copy each call. */
function labResult(): Result {
  cached ??= computeLabResult();
  return structuredClone(cached);
}

function computeLabResult(): Result {
  const scenario = ScenarioSchema.parse({ cluster: { gpus: 64, serverProfile: 'one-port-400g' }, search: { topK: 5 } });
  const r = optimize(scenario, labCatalog());
  if (!r.ok) throw new Error(r.reason);
  return r.result;
}

let storage: MemoryStorage;
beforeEach(() => {
  storage = new MemoryStorage();
  useNotices.getState().clear();
});

describe('run store', () => {
  it('marks results stale when the scenario or the catalog changes', () => {
    const scenario = createScenarioStore(() => storage);
    const catalog = createCatalogStore(() => storage);
    const run = createRunStore(() => storage);
    watchInputs(scenario, catalog, run);
    run.getState().begin(1);
    run.getState().succeed(labResult());
    expect(run.getState().stale).toBe(false);
    scenario.getState().setField('cluster.gpus', '2048');
    expect(run.getState().stale).toBe(true);

    run.getState().begin(1);
    run.getState().succeed(labResult());
    expect(run.getState().stale).toBe(false);
    catalog.getState().setOfferField('QM9700:oem-new', 'price', '45000');
    expect(run.getState().stale).toBe(true);
  });

  it('does not mark results stale for an invalid edit, which applies nothing', () => {
    const scenario = createScenarioStore(() => storage);
    const catalog = createCatalogStore(() => storage);
    const run = createRunStore(() => storage);
    watchInputs(scenario, catalog, run);
    run.getState().succeed(labResult());
    scenario.getState().setField('cluster.gpus', '-1');
    expect(run.getState().stale).toBe(false);
  });

  it('marks a result stale on arrival when inputs changed during the run', () => {
    const scenario = createScenarioStore(() => storage);
    const catalog = createCatalogStore(() => storage);
    const run = createRunStore(() => storage);
    watchInputs(scenario, catalog, run);
    run.getState().begin(1);
    scenario.getState().setField('search.topK', '3');
    run.getState().succeed(labResult());
    expect(run.getState().stale).toBe(true);
  });

  it('keeps the previous result when a run fails or is cancelled', () => {
    const run = createRunStore(() => storage);
    const result = labResult();
    run.getState().succeed(result);
    run.getState().begin(1);
    run.getState().cancelled();
    expect(run.getState().result).toBe(result);
    run.getState().begin(1);
    run.getState().fail('boom');
    expect(run.getState()).toMatchObject({ status: 'failed', failure: 'boom', result });
  });

  it('pins at most three designs, dropping the oldest', () => {
    const run = createRunStore(() => storage);
    for (const id of ['a', 'b', 'c', 'd']) run.getState().togglePin(id);
    expect(run.getState().pinned).toEqual(['b', 'c', 'd']);
    run.getState().togglePin('c');
    expect(run.getState().pinned).toEqual(['b', 'd']);
  });

  it('persists the last result and restores it, selected and pinned', () => {
    const run = createRunStore(() => storage);
    const result = labResult();
    run.getState().succeed(result);
    run.getState().togglePin(result.candidates[1].id);
    run.getState().markStale();
    const again = createRunStore(() => storage).getState();
    expect(again.result?.candidates.length).toBe(result.candidates.length);
    expect(again.status).toBe('done');
    expect(again.stale).toBe(true);
    expect(again.selectedId).toBe(result.candidates[0].id);
    expect(again.pinned).toEqual([result.candidates[1].id]);
  });

  it('keeps aside and announces a saved result that no longer validates, instead of dropping it silently', () => {
    const raw = JSON.stringify({ version: 1, state: { result: { schemaVersion: 1, candidates: 'x' }, stale: false, selectedId: null, pinned: [] } });
    storage.setItem(RUN_STORAGE_KEY, raw);
    const run = createRunStore(() => storage).getState();
    expect(run.result).toBeNull();
    expect(run.status).toBe('idle');
    const [copy] = listCopies(storage);
    expect(storage.getItem(copy.key)).toBe(raw);
    const notice = useNotices.getState().notices[0];
    expect(notice.title).toMatch(/saved results could not be shown/);
    expect(notice.details!.join('\n')).toContain(copy.key);
  });

  it('migrates results saved in format 0, which stored the result itself', () => {
    const result = labResult();
    storage.setItem(RUN_STORAGE_KEY, JSON.stringify({ version: 0, state: result }));
    const run = createRunStore(() => storage).getState();
    expect(run.result?.candidates.length).toBe(result.candidates.length);
    expect(run.status).toBe('done');
    expect(JSON.parse(storage.getItem(RUN_STORAGE_KEY)!).version).toBe(RUN_STORAGE_VERSION);
    expect(useNotices.getState().notices).toEqual([]);
  });

  it('announces and keeps aside results of an older format it cannot read', () => {
    const raw = JSON.stringify({ version: 0, state: { designs: [1, 2, 3] } });
    storage.setItem(RUN_STORAGE_KEY, raw);
    createRunStore(() => storage);
    expect(useNotices.getState().notices[0].title).toMatch(/older version of Railyard \(format 0\)/);
    expect(listCopies(storage).map((c) => storage.getItem(c.key))).toEqual([raw]);
  });

  it('keeps a copy of results saved by a newer version before reading them', () => {
    const result = labResult();
    const raw = JSON.stringify({ version: RUN_STORAGE_VERSION + 1, state: { result, stale: false, selectedId: null, pinned: [], imported: null } });
    storage.setItem(RUN_STORAGE_KEY, raw);
    createRunStore(() => storage);
    expect(useNotices.getState().notices[0].title).toMatch(/newer version of Railyard/);
    expect(listCopies(storage).map((c) => storage.getItem(c.key))).toEqual([raw]);
  });
});

describe('imported results', () => {
  it('replace the shown results, are marked imported, not stale, and survive a reload', () => {
    const run = createRunStore(() => storage);
    run.getState().begin(1);
    run.getState().succeed(labResult());
    run.getState().togglePin(run.getState().result!.candidates[1].id);
    run.getState().markStale();
    const file = labResult();
    run.getState().importResult(file, 'saved.json');
    const s = run.getState();
    expect(s.result).toBe(file);
    expect(s.imported).toEqual({ name: 'saved.json' });
    expect(s.stale).toBe(false);
    expect(s.pinned).toEqual([]);
    expect(s.selectedId).toBe(file.candidates[0].id);
    const again = createRunStore(() => storage);
    expect(again.getState().imported).toEqual({ name: 'saved.json' });
    // A new run is no longer an imported one.
    again.getState().begin(1);
    again.getState().succeed(labResult());
    expect(again.getState().imported).toBeNull();
  });
});

describe('results in two tabs', () => {
  it('shows results computed in another tab when this tab is not searching, and says so', () => {
    const a = createRunStore(() => storage);
    const b = createRunStore(() => storage);
    const result = labResult();
    a.getState().begin(1);
    a.getState().succeed(result);
    b.getState().receiveFromOtherTab();
    expect(b.getState().result?.candidates.map((c) => c.id)).toEqual(result.candidates.map((c) => c.id));
    expect(b.getState().status).toBe('done');
    expect(useNotices.getState().notices.map((n) => n.title)).toContain('Results computed in another tab are shown here.');
  });

  it('a tab that is searching keeps its run when another tab saves results', () => {
    const a = createRunStore(() => storage);
    const b = createRunStore(() => storage);
    b.getState().begin(1);
    a.getState().succeed(labResult());
    b.getState().receiveFromOtherTab();
    expect(b.getState().status).toBe('running');
    expect(b.getState().result).toBeNull();
  });

  it('takes only the stale mark of the same result, keeping this tab\'s selection, and does not save it back', () => {
    const a = createRunStore(() => storage);
    const result = labResult();
    a.getState().succeed(result);
    const selectedInA = a.getState().selectedId;
    const b = createRunStore(() => storage);
    b.getState().select(result.candidates[2].id);
    a.getState().receiveFromOtherTab();
    expect(a.getState().selectedId).toBe(selectedInA);
    const before = storage.getItem(RUN_STORAGE_KEY);
    a.getState().markStale();
    b.getState().receiveFromOtherTab();
    expect(b.getState().stale).toBe(true);
    expect(b.getState().selectedId).toBe(result.candidates[2].id);
    // B records A's save as seen, so taking the stale mark writes nothing back for A to receive.
    expect(storage.getItem(RUN_STORAGE_KEY)).not.toBe(before);
    const afterA = storage.getItem(RUN_STORAGE_KEY);
    b.getState().receiveFromOtherTab();
    expect(storage.getItem(RUN_STORAGE_KEY)).toBe(afterA);
  });
});
