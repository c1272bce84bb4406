import { createStore, useStore } from 'zustand';
import { persist } from 'zustand/middleware';
import type { Result } from '../model/result';
import { checkResult } from '../model/validate';
import { canonicalJson } from './canonical-json';
import { notify } from './notices';
import { browserStorage, keepNewerVersion, preserveUnreadable, syncedJsonStorage, whereKept } from './saved-storage';

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
  /** Shows results another tab saved (a `storage` event for this key), unless this tab is searching. */
  receiveFromOtherTab(): void;
}

export const RUN_STORAGE_KEY = 'railyard.results';
export const RUN_STORAGE_VERSION = 1;

type Saved = Pick<RunState, 'result' | 'stale' | 'selectedId' | 'pinned' | 'imported'>;

const savedPart = (s: Saved): Saved => ({ result: s.result, stale: s.stale, selectedId: s.selectedId, pinned: s.pinned, imported: s.imported });

/**
 * Saved results of older versions, brought to the current shape when their content still
 * validates. Version 0 (early previews) stored the result itself at the top level; any other shape
 * is passed on and, if it does not validate, kept aside and announced (see `restoreSaved`).
 */
export function migrateRunState(persisted: unknown, version: number): unknown {
  if (version === 0 && persisted && typeof persisted === 'object' && 'candidates' in persisted) return { result: persisted };
  return persisted;
}

/** The state a saved entry restores, or null (with the reason) when its result does not validate. */
export function restoreSaved(persisted: unknown): { ok: true; state: Saved & { status: 'done' } } | { ok: false; problems: string[] } | null {
  const saved = persisted as Partial<Saved> | undefined;
  if (!saved || typeof saved !== 'object' || !saved.result) return null;
  const checked = checkResult(saved.result);
  if (!checked.ok) return { ok: false, problems: checked.problems.slice(0, 5).map((p) => `${p.path}: ${p.message}`) };
  const ids = new Set(checked.value.candidates.map((c) => c.id));
  return {
    ok: true,
    state: {
      result: checked.value,
      status: 'done',
      stale: saved.stale === true,
      selectedId: saved.selectedId && ids.has(saved.selectedId) ? saved.selectedId : (checked.value.candidates[0]?.id ?? null),
      pinned: Array.isArray(saved.pinned) ? saved.pinned.filter((id) => ids.has(id)).slice(0, MAX_PINNED) : [],
      imported: saved.imported && typeof saved.imported.name === 'string' ? { name: saved.imported.name } : null,
    },
  };
}

export function createRunStore(getStorage: () => Storage | undefined = browserStorage, now: () => number = () => performance.now()) {
  const synced = syncedJsonStorage<Saved>('results', RUN_STORAGE_KEY, getStorage);
  /** Saved results this version cannot show: kept aside under a dated key and announced, never dropped silently. */
  const announceUnusable = (title: string, problems: string[]) => {
    const storage = getStorage();
    const raw = storage?.getItem(RUN_STORAGE_KEY);
    const kept = storage && raw ? preserveUnreadable(storage, RUN_STORAGE_KEY, raw) : null;
    notify('warning', title, [...problems, whereKept(kept)]);
  };
  const store = createStore<RunState>()(
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
        receiveFromOtherTab() {
          const incoming = synced.incoming();
          // Results can be recomputed, so there is nothing to choose: a running search here saves its own when it ends.
          if (incoming.kind !== 'follows' && incoming.kind !== 'diverged') return;
          if (get().status === 'running' || incoming.entry.version !== RUN_STORAGE_VERSION) return;
          const restored = restoreSaved(incoming.entry.state);
          if (!restored?.ok) return;
          const mine = get();
          // Compared as the validator reads both, so defaults and key order do not count as a difference.
          const mineChecked = mine.result ? checkResult(mine.result) : null;
          const sameResult = mineChecked?.ok === true && canonicalJson(mineChecked.value) === canonicalJson(restored.state.result);
          // The same result only changes its stale mark; this tab keeps its own selection and pins.
          const next = sameResult ? { ...savedPart(mine), stale: restored.state.stale } : restored.state;
          // Recorded as seen before it is shown, so showing it does not save it back (two tabs would echo forever).
          synced.settle({ rev: incoming.entry.rev, state: savedPart(next) });
          set(sameResult ? { stale: next.stale } : { ...restored.state, failure: null, progress: null });
          if (!sameResult) notify('info', 'Results computed in another tab are shown here.');
        },
      }),
      {
        name: RUN_STORAGE_KEY,
        version: RUN_STORAGE_VERSION,
        storage: synced,
        partialize: (s) => savedPart(s),
        migrate: (persisted, version) => {
          if (version > RUN_STORAGE_VERSION) keepNewerVersion(getStorage(), RUN_STORAGE_KEY, 'results', version);
          const migrated = migrateRunState(persisted, version);
          const usable = migrated !== null && typeof migrated === 'object' && 'result' in migrated;
          if (version < RUN_STORAGE_VERSION && !usable)
            announceUnusable(`Your saved results were written by an older version of Railyard (format ${version}) and cannot be shown; run Optimize to recreate them.`, []);
          return migrated as Saved;
        },
        merge(persisted, current) {
          const restored = restoreSaved(persisted);
          if (restored === null) return current;
          if (!restored.ok) {
            announceUnusable('Your saved results could not be shown by this version of Railyard; run Optimize to recreate them.', restored.problems);
            return current;
          }
          return { ...current, ...restored.state };
        },
      },
    ),
  );
  synced.startFrom(savedPart(store.getState()));
  return store;
}

export type RunStore = ReturnType<typeof createRunStore>;
export const runStore = createRunStore();

export function useRun<T>(select: (s: RunState) => T): T {
  return useStore(runStore, select);
}
