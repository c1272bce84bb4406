import { beforeEach, describe, expect, it } from 'vitest';
import { useNotices } from '../../src/state/notices';
import { DEFAULT_SCENARIO } from '../../src/state/scenario-defaults';
import { createScenarioStore, SCENARIO_STORAGE_KEY } from '../../src/state/scenario-store';
import { listCopies } from '../../src/state/saved-storage';
import { MemoryStorage } from './memory-storage';

let storage: MemoryStorage;
const make = () => createScenarioStore(() => storage);

beforeEach(() => {
  storage = new MemoryStorage();
  useNotices.getState().clear();
});

describe('scenario store', () => {
  it('starts from the 1,024-GPU H100 non-blocking InfiniBand default', () => {
    const s = make().getState().scenario;
    expect(s.cluster).toEqual({ gpus: 1024, serverProfile: 'hgx-h100-8x400g' });
    expect(s.fabric).toMatchObject({ technologies: ['infiniband'], families: ['fat-tree', 'rail-optimized', 'rail-only'], maxTiers: 3, planes: [1], maxOversubscription: 1 });
    expect(s.search.topK).toBe(10);
  });

  it('applies a valid typed value and keeps the text as typed', () => {
    const store = make();
    store.getState().setField('cluster.gpus', '4,096');
    expect(store.getState().scenario.cluster.gpus).toBe(4096);
    expect(store.getState().drafts['cluster.gpus']).toBe('4,096');
    expect(store.getState().errors).toEqual({});
  });

  it('keeps an invalid value as a draft with the CLI message and changes nothing else', () => {
    const store = make();
    store.getState().setField('search.topK', '25');
    store.getState().setField('cluster.gpus', '-8');
    const s = store.getState();
    expect(s.errors['cluster.gpus']).toBe('must be a positive integer, got -8');
    expect(s.drafts['cluster.gpus']).toBe('-8');
    expect(s.scenario.cluster.gpus).toBe(1024);
    expect(s.scenario.search.topK).toBe(25);
    // Another field still applies while the first is invalid.
    store.getState().setField('objective.pue', '1.5');
    expect(store.getState().scenario.objective.pue).toBe(1.5);
    expect(store.getState().errors['cluster.gpus']).toBeDefined();
  });

  it('reports text that is not a number the way the schema does', () => {
    const store = make();
    store.getState().setField('layout.slackFactor', 'abc');
    expect(store.getState().errors['layout.slackFactor']).toBe('must be a number, got a string ("abc")');
    store.getState().setField('layout.slackFactor', '');
    expect(store.getState().errors['layout.slackFactor']).toBe('is required');
    expect(store.getState().scenario.layout.slackFactor).toBe(1.2);
  });

  it('leaves an optional field out when it is blanked', () => {
    const store = make();
    store.getState().setField('sourcing.maxLeadTimeWeeks', '8');
    expect(store.getState().scenario.sourcing.maxLeadTimeWeeks).toBe(8);
    store.getState().setField('sourcing.maxLeadTimeWeeks', '');
    expect(store.getState().scenario.sourcing.maxLeadTimeWeeks).toBeUndefined();
    expect(store.getState().errors).toEqual({});
  });

  it('refuses an empty family list and keeps the last valid list applied', () => {
    const store = make();
    store.getState().setField('fabric.families', []);
    expect(store.getState().errors['fabric.families']).toMatch(/must list at least one family/);
    expect(store.getState().scenario.fabric.families).toHaveLength(3);
    store.getState().setField('fabric.families', ['rail-only']);
    expect(store.getState().errors['fabric.families']).toBeUndefined();
    expect(store.getState().drafts['fabric.families']).toBeUndefined();
  });

  it('reads oversubscription written as a ratio', () => {
    const store = make();
    store.getState().setField('fabric.maxOversubscription', '2.5:1');
    expect(store.getState().scenario.fabric.maxOversubscription).toBe(2.5);
    store.getState().setField('fabric.maxOversubscription', '0.5');
    expect(store.getState().errors['fabric.maxOversubscription']).toMatch(/must be at least 1/);
  });

  it('loads a whole scenario only when it is valid', () => {
    const store = make();
    store.getState().setField('cluster.gpus', '2048');
    const bad = store.getState().load({ cluster: { gpus: 0 } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems[0]).toEqual({ path: 'cluster.gpus', message: 'must be a positive integer, got 0' });
    expect(store.getState().scenario.cluster.gpus).toBe(2048);
    expect(store.getState().load({ cluster: { gpus: 64, serverProfile: 'gb200-nvl72' } }).ok).toBe(true);
    expect(store.getState().scenario.cluster.serverProfile).toBe('gb200-nvl72');
    expect(store.getState().drafts).toEqual({});
  });

  it('persists the scenario with a version and restores it', () => {
    make().getState().setField('cluster.gpus', '8192');
    const saved = JSON.parse(storage.getItem(SCENARIO_STORAGE_KEY)!);
    expect(saved.version).toBe(1);
    expect(saved.state.scenario.cluster.gpus).toBe(8192);
    expect(saved.state.drafts).toBeUndefined();
    expect(make().getState().scenario.cluster.gpus).toBe(8192);
  });

  it('migrates version 0, which stored the scenario itself', () => {
    storage.setItem(SCENARIO_STORAGE_KEY, JSON.stringify({ version: 0, state: { cluster: { gpus: 333 } } }));
    const store = make();
    expect(store.getState().scenario.cluster.gpus).toBe(333);
    expect(store.getState().scenario.cluster.serverProfile).toBe('hgx-h100-8x400g');
    expect(JSON.parse(storage.getItem(SCENARIO_STORAGE_KEY)!).version).toBe(1);
  });

  it('survives a corrupt entry: defaults, a notice, and the raw text kept aside', () => {
    storage.setItem(SCENARIO_STORAGE_KEY, '{"state": {"scen');
    const store = make();
    expect(store.getState().scenario).toEqual(DEFAULT_SCENARIO);
    expect(useNotices.getState().notices[0].title).toMatch(/could not be read/);
    expect(listCopies(storage).map((c) => storage.getItem(c.key))).toEqual(['{"state": {"scen']);
  });

  it('never loads a saved scenario that fails validation, and keeps it aside', () => {
    const raw = JSON.stringify({ version: 1, state: { scenario: { cluster: { gpus: -1 } } } });
    storage.setItem(SCENARIO_STORAGE_KEY, raw);
    const store = make();
    expect(store.getState().scenario).toEqual(DEFAULT_SCENARIO);
    expect(useNotices.getState().notices[0].details).toContain('cluster.gpus: must be a positive integer, got -1');
    expect(listCopies(storage).map((c) => storage.getItem(c.key))).toEqual([raw]);
  });

  it('does not save an invalid field', () => {
    const store = make();
    store.getState().setField('cluster.gpus', '2048');
    store.getState().setField('cluster.gpus', 'lots');
    expect(JSON.parse(storage.getItem(SCENARIO_STORAGE_KEY)!).state.scenario.cluster.gpus).toBe(2048);
  });
});
