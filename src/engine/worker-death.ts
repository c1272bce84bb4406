// A call to a search worker, raced against the worker's death without leaking. A worker lives for
// many runs and its `dead` promise never settles while it lives, so racing that promise directly
// (`Promise.race([call, w.dead])`) left one reaction on it per call, each holding the promise of
// that call and so its result: every run's shard results and candidates stayed reachable for as
// long as the worker did (about 1.3 MB a run on the M benchmark scenario, in the page and the CLI).
// Here each death promise gets one reaction, and a call's listener is removed when the call settles.

interface Watchers {
  /** Set once the worker died. */
  error?: unknown;
  waiting: Set<(error: unknown) => void>;
}

const watchers = new WeakMap<Promise<never>, Watchers>();

function watchersOf(dead: Promise<never>): Watchers {
  let w = watchers.get(dead);
  if (!w) {
    const entry: Watchers = { waiting: new Set() };
    dead.catch((error: unknown) => {
      entry.error = error;
      for (const fail of entry.waiting) fail(error);
      entry.waiting.clear();
    });
    watchers.set(dead, (w = entry));
  }
  return w;
}

/**
 * Settles as `pending` does, or rejects with the worker's error if `dead` (a promise that rejects
 * when the worker dies and never resolves) rejects first. Nothing of the call stays attached to
 * `dead` once the call has settled.
 */
export function unlessDead<T>(dead: Promise<never>, pending: Promise<T>): Promise<T> {
  const w = watchersOf(dead);
  if ('error' in w) return Promise.reject(w.error);
  return new Promise<T>((resolve, reject) => {
    w.waiting.add(reject);
    pending.then(
      (value) => {
        w.waiting.delete(reject);
        resolve(value);
      },
      (error: unknown) => {
        w.waiting.delete(reject);
        reject(error);
      },
    );
  });
}
