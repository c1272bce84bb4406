import { beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../../src/model/result';
import { ScenarioSchema } from '../../src/model/scenario';
import { optimize } from '../../src/topology/optimize';
import { createCatalogStore } from '../../src/state/catalog-store';
import { createRunStore, RUN_STORAGE_KEY } from '../../src/state/run-store';
import { createScenarioStore } from '../../src/state/scenario-store';
import { watchInputs } from '../../src/state/stale';
import { labCatalog } from '../fixtures/lab-catalog';
import { MemoryStorage } from './memory-storage';

function labResult(): Result {
  const scenario = ScenarioSchema.parse({ cluster: { gpus: 64, serverProfile: 'one-port-400g' }, search: { topK: 5 } });
  const r = optimize(scenario, labCatalog());
  if (!r.ok) throw new Error(r.reason);
  return r.result;
}

let storage: MemoryStorage;
beforeEach(() => {
  storage = new MemoryStorage();
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

  it('drops a saved result that no longer validates', () => {
    storage.setItem(RUN_STORAGE_KEY, JSON.stringify({ version: 1, state: { result: { schemaVersion: 1, candidates: 'x' }, stale: false, selectedId: null, pinned: [] } }));
    const run = createRunStore(() => storage).getState();
    expect(run.result).toBeNull();
    expect(run.status).toBe('idle');
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
