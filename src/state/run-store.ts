import { createStore, useStore } from 'zustand';
import { persist } from 'zustand/middleware';
import type { Result } from '../model/result';
import { checkResult } from '../model/validate';
import { notify } from './notices';
import { browserStorage, safeJsonStorage } from './saved-storage';

export type RunStatus = 'idle' | 'running' | 'done' | 'failed' | 'cancelled';

export interface RunProgress {
  evaluated: number;
  total: number;
  /** Best objective so far, in the catalog currency; null until a feasible design is found. */
  bestObjective: number | null;
  workers: number;
  startedAt: number;
  updatedAt: number;
}

export const MAX_PINNED = 3;

export interface RunState {
  status: RunStatus;
  progress: RunProgress | null;
  /** The last completed result; kept (and persisted) across later failed or cancelled runs. */
  result: Result | null;
  /** The scenario or catalog changed since `result` was computed. */
  stale: boolean;
  /** Set when inputs change while a run is in flight, so its result arrives already stale. */
  changedDuringRun: boolean;
  failure: string | null;
  selectedId: string | null;
  pinned: string[];
  /** Set when the shown results were loaded from a file rather than computed here. */
  imported: { name: string } | null;
  begin(workers: number): void;
  report(p: Pick<RunProgress, 'evaluated' | 'total' | 'bestObjective'> & { workers?: number }): void;
  succeed(result: Result): void;
  /** Shows a result read from a file (already validated) in place of the current one. */
  importResult(result: Result, name: string): void;
  fail(reason: string): void;
  cancelled(): void;
  markStale(): void;
  select(id: string | null): void;
  togglePin(id: string): void;
  clear(): void;
}

export const RUN_STORAGE_KEY = 'railyard.results';
export const RUN_STORAGE_VERSION = 1;

type Saved = Pick<RunState, 'result' | 'stale' | 'selectedId' | 'pinned' | 'imported'>;

export function createRunStore(getStorage: () => Storage | undefined = browserStorage, now: () => number = () => performance.now()) {
  return createStore<RunState>()(
    persist(
      (set, get) => ({
        status: 'idle',
        progress: null,
        result: null,
        stale: false,
        changedDuringRun: false,
        failure: null,
        selectedId: null,
        pinned: [],
        imported: null,
        begin(workers) {
          const t = now();
          set({ status: 'running', failure: null, changedDuringRun: false, progress: { evaluated: 0, total: 0, bestObjective: null, workers, startedAt: t, updatedAt: t } });
        },
        report(p) {
          const prev = get().progress;
          if (!prev || get().status !== 'running') return;
          set({ progress: { ...prev, ...p, workers: p.workers ?? prev.workers, updatedAt: now() } });
        },
        succeed(result) {
          const top = result.candidates.find((c) => c.rank === 1) ?? result.candidates[0];
          set((s) => ({
            status: 'done',
            result,
            stale: s.changedDuringRun,
            failure: null,
            selectedId: top?.id ?? null,
            pinned: s.pinned.filter((id) => result.candidates.some((c) => c.id === id)),
            imported: null,
          }));
        },
        importResult(result, name) {
          const top = result.candidates.find((c) => c.rank === 1) ?? result.candidates[0];
          set({ status: 'done', result, stale: false, changedDuringRun: false, failure: null, progress: null, selectedId: top?.id ?? null, pinned: [], imported: { name } });
        },
        fail(reason) {
          set({ status: 'failed', failure: reason });
        },
        cancelled() {
          set({ status: 'cancelled' });
        },
        markStale() {
          const s = get();
          if (s.status === 'running') set({ changedDuringRun: true });
          if (s.result && !s.stale) set({ stale: true });
        },
        select(id) {
          set({ selectedId: id });
        },
        togglePin(id) {
          const pinned = get().pinned;
          if (pinned.includes(id)) set({ pinned: pinned.filter((p) => p !== id) });
          else if (pinned.length < MAX_PINNED) set({ pinned: [...pinned, id] });
          else set({ pinned: [...pinned.slice(1), id] });
        },
        clear() {
          set({ status: 'idle', result: null, stale: false, failure: null, progress: null, selectedId: null, pinned: [], imported: null });
        },
      }),
      {
        name: RUN_STORAGE_KEY,
        version: RUN_STORAGE_VERSION,
        storage: safeJsonStorage<Saved>('results', getStorage),
        partialize: (s) => ({ result: s.result, stale: s.stale, selectedId: s.selectedId, pinned: s.pinned, imported: s.imported }),
        // Results are reproducible from the scenario: an older format is dropped rather than converted.
        migrate: () => ({ result: null, stale: false, selectedId: null, pinned: [], imported: null }),
        merge(persisted, current) {
          const saved = persisted as Partial<Saved> | undefined;
          if (!saved || !saved.result) return current;
          const checked = checkResult(saved.result);
          if (!checked.ok) {
            notify('warning', 'Your saved results could not be read; run Optimize again to recreate them.', checked.problems.slice(0, 5).map((p) => `${p.path}: ${p.message}`));
            return current;
          }
          const ids = new Set(checked.value.candidates.map((c) => c.id));
          return {
            ...current,
            result: checked.value,
            status: 'done',
            stale: saved.stale === true,
            selectedId: saved.selectedId && ids.has(saved.selectedId) ? saved.selectedId : (checked.value.candidates[0]?.id ?? null),
            pinned: Array.isArray(saved.pinned) ? saved.pinned.filter((id) => ids.has(id)).slice(0, MAX_PINNED) : [],
            imported: saved.imported && typeof saved.imported.name === 'string' ? { name: saved.imported.name } : null,
          };
        },
      },
    ),
  );
}

export type RunStore = ReturnType<typeof createRunStore>;
export const runStore = createRunStore();

export function useRun<T>(select: (s: RunState) => T): T {
  return useStore(runStore, select);
}
