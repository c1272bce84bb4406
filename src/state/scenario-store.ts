import { createStore, useStore } from 'zustand';
import { persist } from 'zustand/middleware';
import type { Scenario } from '../model/scenario';
import { checkScenario, type FieldProblem } from '../model/validate';
import { problemBelongsTo, setAt, type FieldPath } from './field-path';
import { notify } from './notices';
import { readNumberText, readRatioText } from './number-text';
import { browserStorage, keepNewerVersion, preserveUnreadable, syncedJsonStorage, whereKept } from './saved-storage';
import { DEFAULT_SCENARIO } from './scenario-defaults';
import { receiveFromOtherTab, resolveConflict, type TabConflict, type TabSyncTarget } from './tab-sync';

/** Fields whose input is typed text; the value is optional (blank = left out) or required. */
export const NUMBER_FIELDS: Record<FieldPath, 'required' | 'optional' | 'ratio' | 'optional-ratio'> = {
  'cluster.gpus': 'required',
  'cluster.gpusPerNode': 'optional',
  'cluster.railsPerNode': 'optional',
  'cluster.nicGbps': 'optional',
  'cluster.scaleUpDomainGpus': 'optional',
  'fabric.maxOversubscription': 'ratio',
  'fabric.maxEndToEndOversubscription': 'optional-ratio',
  'fabric.minRailLocalGpus': 'optional',
  'layout.nodesPerRack': 'optional',
  'layout.racksPerRow': 'optional',
  'layout.rackWidthM': 'required',
  'layout.rowPitchM': 'required',
  'layout.verticalRunM': 'required',
  'layout.slackFactor': 'required',
  'layout.networkRowSpanM': 'optional',
  'layout.rackUnitsPerNetworkRack': 'required',
  'layout.maxRackPowerKW': 'optional',
  'sourcing.maxLeadTimeWeeks': 'optional',
  'sourcing.minWarrantyYears': 'optional',
  'objective.years': 'required',
  'objective.energyPricePerKWh': 'required',
  'objective.pue': 'required',
  'objective.maxPowerW': 'optional',
  'objective.sparesPct.switch': 'required',
  'objective.sparesPct.optic': 'required',
  'objective.sparesPct.cable': 'required',
  'search.topK': 'required',
  // fabric.pin's counts and ports (the pin editor, src/ui/PinEditor.tsx): blank is not pinned.
  'fabric.pin.nodesPerLeafGroup': 'optional',
  'fabric.pin.leavesPerNode': 'optional',
  ...Object.fromEntries(['leaf', 'spine', 'core'].flatMap((t) => ['switchesPerPlane', 'downPorts', 'upPorts'].map((k) => [`fabric.pin.${t}.${k}`, 'optional' as const]))),
};

export interface ScenarioState {
  /** The last valid scenario: what runs, persists and is shared. Never holds an invalid value. */
  scenario: Scenario;
  /** What the user typed or picked, per field path, including values not (yet) valid. */
  drafts: Record<FieldPath, unknown>;
  /** The validator's message per field whose draft was rejected. */
  errors: Record<FieldPath, string>;
  /** Applies one field; a rejected value is kept as a draft with its error and changes nothing else. */
  setField(path: FieldPath, raw: unknown): void;
  /** Replaces the whole scenario (import, link, reset); returns the problems when input is invalid. */
  load(input: unknown): { ok: true } | { ok: false; problems: FieldProblem[] };
  reset(): void;
  /** Another tab saved a scenario that this tab has not seen while it changed its own: the user chooses. */
  conflict: TabConflict<Scenario> | null;
  /** Reacts to another tab's save (a `storage` event for this key). */
  receiveFromOtherTab(): void;
  resolveConflict(choice: 'theirs' | 'mine'): void;
}

export const SCENARIO_STORAGE_KEY = 'railyard.scenario';
/** 2: the floor and plane counts follow the profile and cluster size (saved copies of the old defaults dropped). */
export const SCENARIO_STORAGE_VERSION = 2;

function interpret(path: FieldPath, raw: unknown): unknown {
  const kind = NUMBER_FIELDS[path];
  if (kind === undefined || typeof raw !== 'string') return raw;
  if (kind === 'ratio') return raw.trim() === '' ? '' : readRatioText(raw);
  if (kind === 'optional-ratio') return raw.trim() === '' ? undefined : readRatioText(raw);
  return readNumberText(raw, kind === 'optional');
}

/** The floor every scenario saved before version 2 holds as explicit values: the old fixed defaults. */
const OLD_FLOOR = { nodesPerRack: 4, racksPerRow: 10, networkRowSpanM: 6 } as const;

const isRecord = (x: unknown): x is Record<string, unknown> => Boolean(x) && typeof x === 'object' && !Array.isArray(x);

/**
 * Drops the old defaults a version-1 scenario saved as explicit values, so it follows the floor and
 * plane defaults that grow with the profile and cluster: the layout's nodesPerRack 4, racksPerRow 10
 * and networkRowSpanM 6 (only all three together, as the old default wrote them; a floor the user
 * set keeps them) and fabric.planes [1]. Returns what it dropped, for the notice.
 */
export function dropOldDefaults(scenario: unknown): { scenario: unknown; dropped: string[] } {
  if (!isRecord(scenario)) return { scenario, dropped: [] };
  const dropped: string[] = [];
  let next: Record<string, unknown> = scenario;
  const layout = scenario.layout;
  if (isRecord(layout) && Object.entries(OLD_FLOOR).every(([k, v]) => layout[k] === v)) {
    const { nodesPerRack: _n, racksPerRow: _r, networkRowSpanM: _s, ...rest } = layout;
    next = { ...next, layout: rest };
    dropped.push('layout');
  }
  const fabric = scenario.fabric;
  if (isRecord(fabric) && Array.isArray(fabric.planes) && fabric.planes.length === 1 && fabric.planes[0] === 1) {
    const { planes: _p, ...rest } = fabric;
    next = { ...next, fabric: rest };
    dropped.push('planes');
  }
  return { scenario: next, dropped };
}

/** What a notice tells a returning user whose saved scenario lost the old defaults. */
export function oldDefaultsNotice(dropped: string[]): { title: string; details: string[] } {
  const details: string[] = [];
  if (dropped.includes('layout'))
    details.push('Floor: nodes per rack now come from the server profile (e.g. 18 trays in a GB200 NVL72 rack), and rows and the network-row span grow with the cluster. To keep the old floor, set Layout: Nodes per rack 4, Racks per row 10, Network row span 6 m.');
  if (dropped.includes('planes'))
    details.push('Plane counts: one plane while one plane connects the cluster, more only for clusters one plane cannot connect. To keep one plane, tick 1 plane under Fabric: Plane counts.');
  return { title: 'Your saved scenario now uses the defaults that grow with the cluster', details };
}

/**
 * Saved state of older versions, brought to the current shape. Version 0 (early previews) stored
 * the scenario input itself at the top level; versions before 2 saved the old fixed floor and plane
 * defaults as explicit values (dropOldDefaults).
 */
export function migrateScenarioState(persisted: unknown, version: number, dropped: string[] = []): unknown {
  let state = persisted;
  if (version === 0 && isRecord(state) && 'cluster' in state) state = { scenario: state };
  if (version < 2 && isRecord(state) && 'scenario' in state) {
    const m = dropOldDefaults(state.scenario);
    dropped.push(...m.dropped);
    state = { ...state, scenario: m.scenario };
  }
  return state;
}

/** Field text kept when the scenario is replaced from elsewhere: what the user typed and could not apply yet. */
const pendingDrafts = (s: Pick<ScenarioState, 'drafts' | 'errors'>) =>
  Object.fromEntries(Object.entries(s.drafts).filter(([path]) => path in s.errors));

export function createScenarioStore(getStorage: () => Storage | undefined = browserStorage) {
  const synced = syncedJsonStorage<Pick<ScenarioState, 'scenario'>>('scenario', SCENARIO_STORAGE_KEY, getStorage);
  const store = createStore<ScenarioState>()(
    persist(
      (set, get) => {
        const tabs: TabSyncTarget<Scenario> = {
          what: 'scenario',
          synced: synced as TabSyncTarget<Scenario>['synced'],
          version: SCENARIO_STORAGE_VERSION,
          migrate: migrateScenarioState,
          read: (state) => checkScenario((state as { scenario?: unknown } | null)?.scenario),
          current: () => get().scenario,
          conflict: () => get().conflict,
          adopt: (scenario) => set({ scenario, drafts: pendingDrafts(get()), errors: get().errors }),
          setConflict: (conflict) => set({ conflict }),
          document: (scenario) => JSON.stringify(scenario, null, 2) + '\n',
          storage: getStorage,
        };
        return {
          scenario: DEFAULT_SCENARIO,
          drafts: {},
          errors: {},
          conflict: null,
          receiveFromOtherTab: () => receiveFromOtherTab(tabs),
          resolveConflict: (choice) => resolveConflict(tabs, choice),
          setField(path, raw) {
            const value = interpret(path, raw);
            const { scenario, drafts, errors } = get();
            const typed = NUMBER_FIELDS[path] !== undefined && typeof raw === 'string';
            const checked =
              value === '' ? { ok: false as const, problems: [{ path, message: 'is required' }] } : checkScenario(setAt(scenario, path, value));
            const nextDrafts = { ...drafts };
            const nextErrors = { ...errors };
            if (!checked.ok) {
              const own = checked.problems.filter((p) => problemBelongsTo(p.path, path));
              const shown = own.length > 0 ? own : checked.problems;
              nextDrafts[path] = raw;
              nextErrors[path] = shown.map((p) => (p.path === path ? p.message : `${p.path}: ${p.message}`)).join('; ');
              set({ drafts: nextDrafts, errors: nextErrors });
              return;
            }
            // Typed text stays as typed ("1." while typing 1.5) until the scenario is replaced.
            if (typed) nextDrafts[path] = raw;
            else delete nextDrafts[path];
            delete nextErrors[path];
            set({ scenario: checked.value, drafts: nextDrafts, errors: nextErrors });
          },
          load(input) {
            const checked = checkScenario(input);
            if (!checked.ok) return { ok: false, problems: checked.problems };
            set({ scenario: checked.value, drafts: {}, errors: {} });
            return { ok: true };
          },
          reset() {
            set({ scenario: DEFAULT_SCENARIO, drafts: {}, errors: {} });
          },
        };
      },
      {
        name: SCENARIO_STORAGE_KEY,
        version: SCENARIO_STORAGE_VERSION,
        storage: synced,
        partialize: (s) => ({ scenario: s.scenario }),
        migrate: (persisted, version) => {
          if (version > SCENARIO_STORAGE_VERSION) keepNewerVersion(getStorage(), SCENARIO_STORAGE_KEY, 'scenario', version);
          const dropped: string[] = [];
          const migrated = migrateScenarioState(persisted, version, dropped) as Pick<ScenarioState, 'scenario'>;
          // Said once: the migrated scenario is saved at the current version.
          if (dropped.length > 0) {
            const n = oldDefaultsNotice(dropped);
            notify('info', n.title, n.details);
          }
          return migrated;
        },
        merge(persisted, current) {
          const saved = (persisted as { scenario?: unknown } | undefined)?.scenario;
          if (saved === undefined) return current;
          const checked = checkScenario(saved);
          if (checked.ok) return { ...current, scenario: checked.value };
          const storage = getStorage();
          const raw = storage?.getItem(SCENARIO_STORAGE_KEY);
          const kept = storage && raw ? preserveUnreadable(storage, SCENARIO_STORAGE_KEY, raw) : null;
          notify(
            'warning',
            'Your saved scenario does not pass validation, so the default scenario is loaded. The saved data is at risk until you export it.',
            [...checked.problems.map((p) => `${p.path}: ${p.message}`), whereKept(kept)],
          );
          return current;
        },
      },
    ),
  );
  synced.startFrom({ scenario: store.getState().scenario });
  return store;
}

export type ScenarioStore = ReturnType<typeof createScenarioStore>;

export const scenarioStore = createScenarioStore();

export function useScenario<T>(select: (s: ScenarioState) => T): T {
  return useStore(scenarioStore, select);
}
