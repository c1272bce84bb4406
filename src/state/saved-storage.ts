import type { PersistStorage, StorageValue } from 'zustand/middleware';
import { create } from 'zustand';
import { notify } from './notices';

/** The browser's localStorage, or undefined where there is none (Node tests, locked-down profiles). */
export function browserStorage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

/**
 * Copies of saved work kept aside: `unreadable` when this version could not use an entry (corrupt,
 * invalid, or from another version of the app), `replaced` when the user chose to replace it
 * (a shared link, the other tab's version). Each copy has its own dated key, so a second problem
 * never overwrites the first.
 */
export type CopyKind = 'unreadable' | 'replaced';

export const copyKey = (name: string, kind: CopyKind, at = new Date()) => `${name}:${kind}:${at.toISOString()}`;

/** The one backup slot of earlier versions; still listed so such copies are not forgotten. */
export const legacyBackupKey = (name: string) => `${name}:unreadable-backup`;

export interface SavedCopy {
  key: string;
  /** The storage key of the entry it is a copy of, e.g. `railyard.scenario`. */
  of: string;
  kind: CopyKind;
  /** When the copy was made (ms since the epoch); null for the undated slot of earlier versions. */
  savedAt: number | null;
  chars: number;
}

const COPY_PATTERN = /^(railyard\.[\w.-]+):(unreadable|replaced):(\d{4}-\d\d-\d\dT[\d:.]+Z)$/;
const LEGACY_PATTERN = /^(railyard\.[\w.-]+):unreadable-backup$/;

/** Replaced copies are the user's choice, so only the latest few of each entry are kept. */
export const MAX_REPLACED_COPIES = 5;

/** Every kept copy in storage, newest first. */
export function listCopies(storage: Storage | undefined): SavedCopy[] {
  if (!storage) return [];
  const out: SavedCopy[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key === null) continue;
    const m = COPY_PATTERN.exec(key);
    const legacy = m ? null : LEGACY_PATTERN.exec(key);
    if (!m && !legacy) continue;
    const chars = storage.getItem(key)?.length ?? 0;
    if (m) out.push({ key, of: m[1], kind: m[2] as CopyKind, savedAt: Date.parse(m[3]), chars });
    else out.push({ key, of: legacy![1], kind: 'unreadable', savedAt: null, chars });
  }
  return out.sort((a, b) => (b.savedAt ?? 0) - (a.savedAt ?? 0) || a.key.localeCompare(b.key));
}

/** Copies of saved data that could not be stored (a full disk): held in memory so they can still be exported. */
export interface HeldCopy {
  of: string;
  raw: string;
  at: number;
}

interface CopiesState {
  copies: SavedCopy[];
  held: HeldCopy[];
  refresh(storage?: Storage): void;
  hold(copy: HeldCopy): void;
  /** Removes every unreadable copy (the user has exported or does not want them). */
  discardUnreadable(storage?: Storage): void;
}

/** The copies kept aside, for the saved-work notice; refreshed whenever one is made or removed (here or in another tab). */
export const useSavedCopies = create<CopiesState>()((set, get) => ({
  copies: [],
  held: [],
  refresh: (storage = browserStorage()) => set({ copies: listCopies(storage) }),
  hold: (copy) => set((s) => ({ held: [...s.held, copy] })),
  discardUnreadable(storage = browserStorage()) {
    for (const c of get().copies) if (c.kind === 'unreadable') storage?.removeItem(c.key);
    set({ held: [], copies: listCopies(storage) });
  },
}));

/**
 * Keeps a dated copy of an entry; an identical copy already kept is not stored twice. Returns the
 * key of the copy, or null when storage is full (the copy is then held in memory for export).
 */
export function keepCopy(storage: Storage, name: string, raw: string, kind: CopyKind, at = new Date()): string | null {
  const existing = listCopies(storage).filter((c) => c.of === name && c.kind === kind);
  const same = existing.find((c) => storage.getItem(c.key) === raw);
  if (same) return same.key;
  let key = copyKey(name, kind, at);
  // Two copies in the same millisecond still get their own keys.
  for (let ms = at.getTime() + 1; storage.getItem(key) !== null; ms++) key = copyKey(name, kind, new Date(ms));
  try {
    storage.setItem(key, raw);
  } catch {
    useSavedCopies.getState().hold({ of: name, raw, at: at.getTime() });
    return null;
  }
  if (kind === 'replaced') for (const old of existing.slice(MAX_REPLACED_COPIES - 1)) storage.removeItem(old.key);
  useSavedCopies.getState().refresh(storage);
  return key;
}

/** Keeps a copy of saved data we could not use, so loading defaults never destroys the user's work. */
export function preserveUnreadable(storage: Storage, name: string, raw: string): string | null {
  return keepCopy(storage, name, raw, 'unreadable');
}

/** The sentence a notice uses to say where an unreadable entry went. */
export function whereKept(key: string | null): string {
  return key
    ? `A copy of the saved data is kept in this browser's localStorage under "${key}" until you discard it; export it to a file to keep it safe.`
    : 'This browser\'s storage is full, so the copy of the saved data is held only until this tab closes: export it now.';
}

/**
 * An entry saved by a newer version of the app (another tab, or a rollback of the site): this
 * version may read part of it but would save it back in the older format, so the whole entry is
 * kept aside first.
 */
export function keepNewerVersion(storage: Storage | undefined, name: string, what: string, version: number): void {
  const raw = storage?.getItem(name);
  if (!storage || raw == null) return;
  const kept = preserveUnreadable(storage, name, raw);
  notify('warning', `Your saved ${what} was written by a newer version of Railyard (format ${version}); a copy is kept before this version uses it.`, [
    whereKept(kept),
  ]);
}

/** One saved entry as written by this app: zustand's `{ state, version }` plus where it came from. */
export interface SavedEntry<S> extends StorageValue<S> {
  version: number;
  /** Unique per write; null for entries written before revisions were recorded. */
  rev: string | null;
  /** The revision the writing tab had seen last: a write that does not build on ours means both tabs changed. */
  parent: string | null;
  savedAt: number | null;
}

/** How the entry another tab just wrote relates to what this tab last saved or read. */
export type Incoming<S> =
  | { kind: 'same' }
  | { kind: 'removed' }
  | { kind: 'unreadable'; raw: string }
  /** Built on this tab's last saved state: this tab can take it over. */
  | { kind: 'follows'; entry: SavedEntry<S> }
  /** Written without seeing this tab's last save: both changed, the user must choose. */
  | { kind: 'diverged'; entry: SavedEntry<S> };

export interface SyncedStorage<S> extends PersistStorage<S> {
  readonly name: string;
  /** Reads the entry now in storage (after a `storage` event) and says how it relates to this tab. */
  incoming(): Incoming<S>;
  /** This tab now holds what that entry holds (adopted it, or has seen it and chooses to write over it). */
  settle(entry: Pick<SavedEntry<S>, 'rev' | 'state'>): void;
  /** With nothing saved yet, the defaults count as saved: a tab that changed nothing does not write them (and so never looks like an edit). */
  startFrom(state: S): void;
  /** While held, changes stay in this tab's memory (a choice between tabs is pending). */
  hold(on: boolean): void;
  readonly held: boolean;
}

const tabId = (() => {
  try {
    return globalThis.crypto.randomUUID().slice(0, 8);
  } catch {
    return Math.random().toString(36).slice(2, 10);
  }
})();
let writes = 0;

function readEntry<S>(raw: string): SavedEntry<S> {
  const parsed = JSON.parse(raw) as Partial<SavedEntry<S>> | null;
  if (parsed === null || typeof parsed !== 'object' || !('state' in parsed)) throw new Error('no saved state in it');
  return {
    state: parsed.state as S,
    version: typeof parsed.version === 'number' ? parsed.version : 0,
    rev: typeof parsed.rev === 'string' ? parsed.rev : null,
    parent: typeof parsed.parent === 'string' ? parsed.parent : null,
    savedAt: typeof parsed.savedAt === 'number' ? parsed.savedAt : null,
  };
}

/**
 * A persist storage that never throws at the app and knows which revision this tab last saved or
 * read, so another tab's write can be told apart from a conflict. A corrupt entry is copied aside
 * under a dated key (so it is not lost when defaults are saved over it), reported, and read as
 * nothing; a full disk is reported instead of crashing the edit that triggered the save.
 */
export function syncedJsonStorage<S>(what: string, name: string, getStorage: () => Storage | undefined = browserStorage): SyncedStorage<S> {
  let baseline: { rev: string | null; json: string | null } = { rev: null, json: null };
  let held = false;
  return {
    name,
    get held() {
      return held;
    },
    getItem(key) {
      const storage = getStorage();
      if (!storage) return null;
      const raw = storage.getItem(key);
      if (raw === null) return null;
      try {
        const entry = readEntry<S>(raw);
        baseline = { rev: entry.rev, json: JSON.stringify(entry.state) };
        return entry;
      } catch (e) {
        const kept = preserveUnreadable(storage, key, raw);
        notify('warning', `Your saved ${what} could not be read, so defaults are loaded. The unreadable data is at risk until you export it.`, [
          `${key}: ${(e as Error).message}`,
          whereKept(kept),
        ]);
        return null;
      }
    },
    setItem(key, value) {
      const storage = getStorage();
      if (!storage || held) return;
      const json = JSON.stringify(value.state);
      if (json === baseline.json) return;
      const rev = `${tabId}.${++writes}`;
      try {
        storage.setItem(key, JSON.stringify({ state: value.state, version: value.version, rev, parent: baseline.rev, savedAt: Date.now() }));
        baseline = { rev, json };
      } catch (e) {
        notify('warning', `Your ${what} could not be saved in this browser.`, [(e as Error).message]);
      }
    },
    removeItem(key) {
      getStorage()?.removeItem(key);
      baseline = { rev: null, json: null };
    },
    incoming() {
      const raw = getStorage()?.getItem(name) ?? null;
      if (raw === null) {
        baseline = { rev: null, json: null };
        return { kind: 'removed' };
      }
      let entry: SavedEntry<S>;
      try {
        entry = readEntry<S>(raw);
      } catch {
        return { kind: 'unreadable', raw };
      }
      if (entry.rev !== null && entry.rev === baseline.rev) return { kind: 'same' };
      if (JSON.stringify(entry.state) === baseline.json) {
        // The same content under another revision: this tab holds it already.
        baseline = { ...baseline, rev: entry.rev };
        return { kind: 'same' };
      }
      return { kind: entry.parent === baseline.rev ? 'follows' : 'diverged', entry };
    },
    settle(entry) {
      baseline = { rev: entry.rev, json: JSON.stringify(entry.state) };
    },
    startFrom(state) {
      if (baseline.rev === null && baseline.json === null) baseline = { rev: null, json: JSON.stringify(state) };
    },
    hold(on) {
      held = on;
    },
  };
}
