// The Robustness view's state: the price ranges, sample count and seed the user set, the analysis
// in flight (progress) and its report. The ranges start from the scenario's robustness section, or
// from the example the issue names (refurbished switches -20..+30%, compatible optics -30..+30%),
// and are checked with the scenario schema's own rules, so the view names problems as a file would.
import { createStore, useStore } from 'zustand';
import type { RobustnessProgress, RobustnessReport } from '../engine/robustness';
import { Robustness, type Scenario } from '../model/scenario';

export interface RangeRow {
  source: 'oem-new' | 'oem-refurbished' | 'compatible-new';
  category: 'switch' | 'optic' | 'cable';
  lowPct: string;
  highPct: string;
}

export type RobustnessStatus = 'idle' | 'running' | 'done' | 'failed' | 'cancelled';

export interface RobustnessState {
  ranges: RangeRow[];
  samples: string;
  seed: string;
  status: RobustnessStatus;
  progress: RobustnessProgress | null;
  report: RobustnessReport | null;
  failure: string | null;
  /** The settings changed since `report` was computed. */
  stale: boolean;
  /** The scenario, catalog and inventory objects the report was computed from (the view compares them with the current ones). */
  inputs: readonly unknown[] | null;
  /** The user changed the ranges, samples or seed here (then the scenario's own section no longer replaces them). */
  edited: boolean;
  /** The inputs of the analysis in flight. */
  pendingInputs: readonly unknown[] | null;
  setRange(index: number, patch: Partial<RangeRow>): void;
  addRange(): void;
  removeRange(index: number): void;
  setSamples(text: string): void;
  setSeed(text: string): void;
  /** Takes the ranges, samples and seed of a scenario's robustness section, unless the user edited them here. */
  fromScenario(scenario: Scenario): void;
  begin(inputs: readonly unknown[]): void;
  progressed(p: RobustnessProgress): void;
  succeed(report: RobustnessReport): void;
  fail(reason: string): void;
  cancelled(): void;
}

export const DEFAULT_RANGES: RangeRow[] = [
  { source: 'oem-refurbished', category: 'switch', lowPct: '-20', highPct: '30' },
  { source: 'compatible-new', category: 'optic', lowPct: '-30', highPct: '30' },
];

const numberOf = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text));

/** The settings as a scenario's robustness section, or every problem by field path (the schema's wording). */
export function robustnessSpec(s: Pick<RobustnessState, 'ranges' | 'samples' | 'seed'>):
  { ok: true; value: NonNullable<Scenario['robustness']> } | { ok: false; problems: string[] } {
  const parsed = Robustness.safeParse({
    ranges: s.ranges.map((r) => ({ source: r.source, category: r.category, lowPct: numberOf(r.lowPct), highPct: numberOf(r.highPct) })),
    samples: numberOf(s.samples),
    seed: numberOf(s.seed),
  });
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((i) => {
      const path = ['robustness', ...i.path].map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`)).join('').replace(/^\./, '');
      const message = i.code === 'invalid_type' ? 'must be a number' : i.message;
      return `${path}: ${message}`;
    }),
  };
}

export function createRobustnessStore() {
  return createStore<RobustnessState>()((set, get) => ({
    ranges: DEFAULT_RANGES,
    samples: '200',
    seed: '1',
    status: 'idle',
    progress: null,
    report: null,
    failure: null,
    stale: false,
    inputs: null,
    edited: false,
    pendingInputs: null,
    setRange: (index, patch) => set({ ranges: get().ranges.map((r, i) => (i === index ? { ...r, ...patch } : r)), stale: get().report !== null, edited: true }),
    addRange: () => {
      const used = new Set(get().ranges.map((r) => `${r.source}/${r.category}`));
      const sources: RangeRow['source'][] = ['oem-new', 'oem-refurbished', 'compatible-new'];
      const categories: RangeRow['category'][] = ['switch', 'optic', 'cable'];
      const free = sources.flatMap((source) => categories.map((category) => ({ source, category }))).find((x) => !used.has(`${x.source}/${x.category}`));
      if (!free) return;
      set({ ranges: [...get().ranges, { ...free, lowPct: '-10', highPct: '10' }], stale: get().report !== null, edited: true });
    },
    removeRange: (index) => set({ ranges: get().ranges.filter((_, i) => i !== index), stale: get().report !== null, edited: true }),
    setSamples: (samples) => set({ samples, stale: get().report !== null, edited: true }),
    setSeed: (seed) => set({ seed, stale: get().report !== null, edited: true }),
    fromScenario: (scenario) => {
      const r = scenario.robustness;
      if (!r || get().edited) return;
      set({
        ranges: r.ranges.map((x) => ({ source: x.source as RangeRow['source'], category: x.category, lowPct: String(x.lowPct), highPct: String(x.highPct) })),
        samples: String(r.samples),
        seed: String(r.seed),
      });
    },
    begin: (inputs) => set({ status: 'running', progress: null, failure: null, pendingInputs: inputs }),
    progressed: (progress) => set({ progress }),
    succeed: (report) => set({ status: 'done', report, progress: null, stale: false, inputs: get().pendingInputs, pendingInputs: null }),
    fail: (failure) => set({ status: 'failed', failure, progress: null }),
    cancelled: () => set({ status: 'cancelled', progress: null }),
  }));
}

export const robustnessStore = createRobustnessStore();

export function useRobustness<T>(select: (s: RobustnessState) => T): T {
  return useStore(robustnessStore, select);
}
