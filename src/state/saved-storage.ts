import type { PersistStorage, StorageValue } from 'zustand/middleware';
import { notify } from './notices';

/** The browser's localStorage, or undefined where there is none (Node tests, locked-down profiles). */
export function browserStorage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

export const backupKey = (name: string) => `${name}:unreadable-backup`;

/**
 * A persist storage that never throws at the app: a corrupt entry is copied aside (so it is not
 * lost when defaults are saved over it), reported once, and read as nothing; a full disk is reported
 * instead of crashing the edit that triggered the save.
 */
export function safeJsonStorage<S>(what: string, getStorage: () => Storage | undefined = browserStorage): PersistStorage<S> {
  return {
    getItem(name) {
      const storage = getStorage();
      if (!storage) return null;
      const raw = storage.getItem(name);
      if (raw === null) return null;
      try {
        const parsed = JSON.parse(raw) as StorageValue<S>;
        if (parsed === null || typeof parsed !== 'object' || !('state' in parsed)) throw new Error('no saved state in it');
        return parsed;
      } catch (e) {
        preserveUnreadable(storage, name, raw);
        notify('warning', `Your saved ${what} could not be read, so defaults are loaded.`, [
          `${name}: ${(e as Error).message}`,
          `The unreadable copy is kept in localStorage under "${backupKey(name)}".`,
        ]);
        return null;
      }
    },
    setItem(name, value) {
      const storage = getStorage();
      if (!storage) return;
      try {
        storage.setItem(name, JSON.stringify(value));
      } catch (e) {
        notify('warning', `Your ${what} could not be saved in this browser.`, [(e as Error).message]);
      }
    },
    removeItem(name) {
      getStorage()?.removeItem(name);
    },
  };
}

/** Keeps a copy of saved data we could not use, so loading defaults never destroys the user's work. */
export function preserveUnreadable(storage: Storage, name: string, raw: string): void {
  try {
    if (storage.getItem(backupKey(name)) === null) storage.setItem(backupKey(name), raw);
  } catch {
    /* a full disk: nothing more we can do */
  }
}
