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
    expect(s.fabric).toMatchObject({ technologies: ['infiniband'], families: ['fat-tree', 'rail-optimized', 'rail-only'], maxTiers: 3 });
    // Plane counts and oversubscription follow the cluster size (one plane, non-blocking at 1,024 GPUs).
    expect(s.fabric.planes).toBeUndefined();
    expect(s.fabric.maxOversubscription).toBeUndefined();
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
    expect(saved.version).toBe(2);
    expect(saved.state.scenario.cluster.gpus).toBe(8192);
    expect(saved.state.drafts).toBeUndefined();
    expect(make().getState().scenario.cluster.gpus).toBe(8192);
  });

  it('migrates version 0, which stored the scenario itself', () => {
    storage.setItem(SCENARIO_STORAGE_KEY, JSON.stringify({ version: 0, state: { cluster: { gpus: 333 } } }));
    const store = make();
    expect(store.getState().scenario.cluster.gpus).toBe(333);
    expect(store.getState().scenario.cluster.serverProfile).toBe('hgx-h100-8x400g');
    expect(JSON.parse(storage.getItem(SCENARIO_STORAGE_KEY)!).version).toBe(2);
  });

  // What version 1 saved for every scenario: the schema's old fixed defaults, written out.
  const oldSaved = (layout: Record<string, unknown>, planes: number[]) => JSON.stringify({
    version: 1,
    state: {
      scenario: {
        schemaVersion: 1, cluster: { gpus: 9216, serverProfile: 'gb200-nvl72' },
        fabric: { technologies: ['infiniband'], switchModels: [], families: ['fat-tree'], maxTiers: 3, planes, maxOversubscription: 1 },
        layout: { rackWidthM: 0.6, rowPitchM: 2.4, verticalRunM: 1.5, slackFactor: 1.2, switchPlacement: 'group-center', rackUnitsPerNetworkRack: 42, ...layout },
      },
    },
  });

  it('drops the old default floor and plane count a version-1 scenario saved, so it follows the profile and cluster size', () => {
    storage.setItem(SCENARIO_STORAGE_KEY, oldSaved({ nodesPerRack: 4, racksPerRow: 10, networkRowSpanM: 6 }, [1]));
    const s = make().getState().scenario;
    expect(s.layout.nodesPerRack).toBeUndefined();
    expect(s.layout.racksPerRow).toBeUndefined();
    expect(s.layout.networkRowSpanM).toBeUndefined();
    expect(s.fabric.planes).toBeUndefined();
    // Everything else the user had is kept.
    expect(s.cluster).toEqual({ gpus: 9216, serverProfile: 'gb200-nvl72' });
    expect(s.fabric.families).toEqual(['fat-tree']);
    expect(s.fabric.maxOversubscription).toBe(1);
    const saved = JSON.parse(storage.getItem(SCENARIO_STORAGE_KEY)!);
    expect(saved.version).toBe(2);
    expect(saved.state.scenario.layout.nodesPerRack).toBeUndefined();
  });

  it('tells the user once what changed and how to pin the old floor', () => {
    storage.setItem(SCENARIO_STORAGE_KEY, oldSaved({ nodesPerRack: 4, racksPerRow: 10, networkRowSpanM: 6 }, [1]));
    make();
    const notices = useNotices.getState().notices;
    expect(notices).toHaveLength(1);
    expect(notices[0].title).toBe('Your saved scenario now uses the defaults that grow with the cluster');
    expect(notices[0].details!.join(' ')).toMatch(/set Layout: Nodes per rack 4, Racks per row 10, Network row span 6 m/);
    expect(notices[0].details!.join(' ')).toMatch(/tick 1 plane under Fabric: Plane counts/);
    useNotices.getState().clear();
    make();
    expect(useNotices.getState().notices).toEqual([]);
  });

  it('keeps a floor the user set: only all three old defaults together are dropped', () => {
    storage.setItem(SCENARIO_STORAGE_KEY, oldSaved({ nodesPerRack: 4, racksPerRow: 12, networkRowSpanM: 6 }, [1, 2]));
    const s = make().getState().scenario;
    expect(s.layout).toMatchObject({ nodesPerRack: 4, racksPerRow: 12, networkRowSpanM: 6 });
    expect(s.fabric.planes).toEqual([1, 2]);
    expect(useNotices.getState().notices).toEqual([]);
  });

  it('takes the new fields with the CLI messages: end-to-end oversubscription, rail-local GPUs and spares', () => {
    const store = make();
    store.getState().setField('fabric.maxEndToEndOversubscription', '4:1');
    expect(store.getState().scenario.fabric.maxEndToEndOversubscription).toBe(4);
    store.getState().setField('fabric.maxEndToEndOversubscription', '');
    expect(store.getState().scenario.fabric.maxEndToEndOversubscription).toBeUndefined();
    store.getState().setField('fabric.maxEndToEndOversubscription', '0.5');
    expect(store.getState().errors['fabric.maxEndToEndOversubscription']).toBe('must be at least 1 (1 = non-blocking end to end), got 0.5');
    store.getState().setField('fabric.minRailLocalGpus', '2.5');
    expect(store.getState().errors['fabric.minRailLocalGpus']).toBe('must be an integer, got 2.5');
    store.getState().setField('fabric.minRailLocalGpus', '64');
    expect(store.getState().scenario.fabric.minRailLocalGpus).toBe(64);
    store.getState().setField('objective.sparesPct.optic', '120');
    expect(store.getState().errors['objective.sparesPct.optic']).toBe('must be at most 100%, got 120');
    store.getState().setField('objective.sparesPct.switch', '5');
    expect(store.getState().scenario.objective.sparesPct).toEqual({ switch: 5, optic: 0, cable: 0 });
    store.getState().setField('objective.sparesPct.cable', '');
    expect(store.getState().errors['objective.sparesPct.cable']).toBe('is required');
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
