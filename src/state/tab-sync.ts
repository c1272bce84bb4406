import type { Checked } from '../model/validate';
import { canonicalJson } from './canonical-json';
import { notify } from './notices';
import { keepCopy, preserveUnreadable, whereKept, type SavedEntry, type SyncedStorage } from './saved-storage';

/**
 * Two tabs of the app share one localStorage. When another tab saves, this tab takes the new
 * version over if it had nothing of its own since (the other tab built on what this one saved),
 * and otherwise offers a choice; nothing is overwritten without the user knowing.
 */

/** The other tab's version, waiting for the user to choose between it and this tab's. */
export interface TabConflict<T> {
  theirs: T;
  entry: SavedEntry<unknown>;
}

export interface TabSyncTarget<T> {
  /** 'scenario' or 'catalog', as the notices name it. */
  what: string;
  synced: SyncedStorage<unknown>;
  version: number;
  migrate(state: unknown, version: number): unknown;
  /** The validated value a saved state holds. */
  read(state: unknown): Checked<T>;
  current(): T;
  conflict(): TabConflict<T> | null;
  /** Shows the other tab's value here, keeping field text this tab could not apply yet. */
  adopt(value: T): void;
  setConflict(conflict: TabConflict<T> | null): void;
  /** The value as a document of its own (a scenario or catalog file), for a kept copy. */
  document(value: T): string;
  storage(): Storage | undefined;
}

const sameValue = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

/** Handles a `storage` event for the target's key. */
export function receiveFromOtherTab<T>(t: TabSyncTarget<T>): void {
  const incoming = t.synced.incoming();
  if (incoming.kind === 'same' && t.conflict()) {
    // The other tab went back to what this tab last saved: this tab's changes build on it again.
    t.synced.hold(false);
    t.setConflict(null);
    return;
  }
  if (incoming.kind === 'same' || incoming.kind === 'removed') return;
  const storage = t.storage();
  if (incoming.kind === 'unreadable') {
    const kept = storage ? preserveUnreadable(storage, t.synced.name, incoming.raw) : null;
    notify('warning', `Another tab saved a ${t.what} this tab cannot read; this tab's ${t.what} is unchanged.`, [whereKept(kept)]);
    return;
  }
  const { entry } = incoming;
  if (entry.version > t.version) {
    // Saving now would write an older format over a newer app's data.
    t.synced.hold(true);
    notify(
      'warning',
      `Another tab runs a newer version of Railyard and saved the ${t.what} in its format. Reload this tab to use the new version; until then, ${t.what} changes made in this tab are not saved.`,
    );
    return;
  }
  const checked = t.read(entry.version < t.version ? t.migrate(entry.state, entry.version) : entry.state);
  if (!checked.ok) {
    const kept = storage ? preserveUnreadable(storage, t.synced.name, JSON.stringify(entry)) : null;
    notify(
      'warning',
      `Another tab saved a ${t.what} this tab cannot use; this tab's ${t.what} is unchanged.`,
      [...checked.problems.slice(0, 5).map((p) => `${p.path}: ${p.message}`), whereKept(kept)],
    );
    return;
  }
  const theirs = checked.value;
  if (sameValue(theirs, t.current())) {
    // Both tabs hold the same thing now, so any pending choice is moot.
    t.synced.settle(entry);
    t.synced.hold(false);
    if (t.conflict()) t.setConflict(null);
    return;
  }
  if (t.conflict() || incoming.kind === 'diverged') {
    t.synced.hold(true);
    t.setConflict({ theirs, entry });
    return;
  }
  t.synced.settle(entry);
  t.adopt(theirs);
  notify('info', `The ${t.what} was changed in another tab; this tab now shows that version.`);
}

/** The user's choice between this tab's version and the other tab's; the one not chosen is kept as a dated copy. */
export function resolveConflict<T>(t: TabSyncTarget<T>, choice: 'theirs' | 'mine'): void {
  const conflict = t.conflict();
  if (!conflict) return;
  const storage = t.storage();
  const dropped = choice === 'theirs' ? t.current() : conflict.theirs;
  const kept = storage ? keepCopy(storage, t.synced.name, t.document(dropped), 'replaced') : null;
  const where = kept ? `kept in localStorage under "${kept}"` : 'not kept (browser storage is full)';
  // Either way this tab has now seen the other tab's save: a later write of ours builds on it.
  t.synced.settle(conflict.entry);
  t.synced.hold(false);
  if (choice === 'theirs') {
    t.setConflict(null);
    t.adopt(conflict.theirs);
    notify('info', `This tab now shows the ${t.what} from the other tab. This tab's version is ${where}.`, undefined, [
      { label: 'Undo', run: () => t.adopt(dropped) },
    ]);
  } else {
    // Clearing the conflict saves this tab's version over the other's, which the other tab then shows.
    t.setConflict(null);
    notify('info', `This tab's ${t.what} is kept and saved; the other tab's version is ${where}.`);
  }
}
