// Every action that replaces the user's scenario or catalog with another one (a template, a share
// link, a reset to the default) follows one rule: the replaced work is kept as a dated copy in
// localStorage and the notice says where it went and offers Undo.
import { notify } from './notices';
import { keepCopy } from './saved-storage';

export interface Replacement<T> {
  storage: Storage | undefined;
  /** The localStorage key the replaced work is saved under; its copy is kept next to it. */
  storageKey: string;
  previous: T;
  /** What the notice calls the replaced work: "scenario", "one". */
  noun: string;
  /** The notice's first sentence, saying what happened. */
  done: string;
  replace: () => void;
  restore: (previous: T) => void;
  /**
   * Whether the previous work needs a copy; the untouched default does not, and the notice then
   * says what Undo brings back instead.
   */
  keep?: { copy: true } | { copy: false; undoBrings: string };
}

/** Keeps the previous work (dated copy), replaces it, and notifies with an Undo. */
export function replaceWithUndo<T>(r: Replacement<T>): void {
  const keep = r.keep ?? { copy: true };
  const kept = keep.copy && r.storage ? keepCopy(r.storage, r.storageKey, JSON.stringify(r.previous, null, 2) + '\n', 'replaced') : null;
  r.replace();
  const where = !keep.copy
    ? `Undo brings back ${keep.undoBrings}.`
    : kept
      ? `Your previous ${r.noun} is kept in localStorage under "${kept}".`
      : `Your previous ${r.noun} is restorable with Undo until this tab closes.`;
  notify('info', `${r.done} ${where}`, undefined, [{ label: 'Undo', run: () => r.restore(r.previous) }]);
}
