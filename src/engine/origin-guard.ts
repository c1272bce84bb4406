/**
 * Holds a worker to the page's rule that nothing leaves the machine. The page's Content Security
 * Policy comes from a meta tag, which does not govern workers (their policy comes from the headers
 * their own script is served with, and many static hosts send none). Imported first by every
 * worker entry, this replaces each way a worker can reach the network with one that refuses any
 * other origin, throwing a clear error instead. Same-origin, blob: and data: URLs pass; a nested
 * worker must be a same-origin script (a blob: or data: worker would start without this guard).
 * Dynamic `import()` cannot be wrapped: serve-time headers (docs/hosting.md) cover it.
 */

/** The error every refused request throws or rejects with. */
export class OtherOriginRefused extends Error {
  override name = 'OtherOriginRefused';
}

type Ctor = new (...args: never[]) => object;
type Scope = Record<string, unknown> & { location: { href: string; origin: string } };

/** Why a worker may not contact `target`, or null when it may. */
export function refusal(target: unknown, location: { href: string; origin: string }, opts: { allowBlobAndData?: boolean } = {}): string | null {
  const text = typeof target === 'object' && target !== null && 'url' in target ? String((target as { url: unknown }).url) : String(target);
  let url: URL;
  try {
    url = new URL(text, location.href);
  } catch {
    return null; // Not a URL: the API itself reports that.
  }
  if ((url.protocol === 'blob:' || url.protocol === 'data:') && opts.allowBlobAndData !== false) return null;
  if (url.origin === location.origin && url.protocol !== 'blob:' && url.protocol !== 'data:') return null;
  const shown = url.href.length > 120 ? `${url.href.slice(0, 120)}…` : url.href;
  return `Railyard's workers may contact only this site (${location.origin}); refused ${shown}. Nothing leaves the machine.`;
}

/** Replaces a property for good: a worker's code cannot put the original back. */
function lockIn(target: object, name: string, value: unknown): void {
  Object.defineProperty(target, name, { value, writable: false, configurable: false, enumerable: false });
}

function guardConstructor(scope: Scope, name: string, urlOf: (args: unknown[]) => unknown[], opts?: { allowBlobAndData?: boolean }): void {
  const Original = scope[name] as Ctor | undefined;
  if (typeof Original !== 'function') return;
  const Guarded = class extends Original {
    constructor(...args: never[]) {
      for (const url of urlOf(args)) {
        const why = refusal(url, scope.location, opts);
        if (why) throw new OtherOriginRefused(why);
      }
      super(...args);
    }
  };
  Object.defineProperty(Guarded, 'name', { value: name });
  lockIn(scope, name, Guarded);
}

/** Installs the guard on a worker's global scope (tests pass a stand-in). Installing twice is harmless. */
export function installOriginGuard(scope: Scope): void {
  if (scope.__railyardOriginGuard) return;
  lockIn(scope, '__railyardOriginGuard', true);
  const check = (url: unknown) => {
    const why = refusal(url, scope.location);
    if (why) throw new OtherOriginRefused(why);
  };

  const fetch = scope.fetch as ((input: unknown, init?: unknown) => Promise<unknown>) | undefined;
  if (typeof fetch === 'function') {
    lockIn(scope, 'fetch', function guardedFetch(input: unknown, init?: unknown) {
      const why = refusal(input, scope.location);
      return why ? Promise.reject(new OtherOriginRefused(why)) : fetch.call(scope, input, init);
    });
  }

  const xhr = scope.XMLHttpRequest as { prototype: { open: (...args: unknown[]) => void } } | undefined;
  if (xhr && typeof xhr.prototype?.open === 'function') {
    const open = xhr.prototype.open;
    lockIn(xhr.prototype, 'open', function guardedOpen(this: unknown, method: unknown, url: unknown, ...rest: unknown[]) {
      check(url);
      return open.call(this, method, url, ...rest);
    });
  }

  const first = (args: unknown[]) => [args[0]];
  guardConstructor(scope, 'WebSocket', first);
  guardConstructor(scope, 'EventSource', first);
  guardConstructor(scope, 'WebTransport', first);
  guardConstructor(scope, 'Worker', first, { allowBlobAndData: false });
  guardConstructor(scope, 'SharedWorker', first, { allowBlobAndData: false });

  const importScripts = scope.importScripts as ((...urls: unknown[]) => void) | undefined;
  if (typeof importScripts === 'function') {
    lockIn(scope, 'importScripts', function guardedImportScripts(...urls: unknown[]) {
      urls.forEach(check);
      return importScripts.apply(scope, urls);
    });
  }

  // The Cache API fetches what it is asked to add.
  const cache = scope.Cache as { prototype: { add: (r: unknown) => Promise<void>; addAll: (rs: unknown[]) => Promise<void> } } | undefined;
  if (cache && typeof cache.prototype?.add === 'function') {
    const { add, addAll } = cache.prototype;
    lockIn(cache.prototype, 'add', function guardedAdd(this: unknown, request: unknown) {
      const why = refusal(request, scope.location);
      return why ? Promise.reject(new OtherOriginRefused(why)) : add.call(this, request);
    });
    lockIn(cache.prototype, 'addAll', function guardedAddAll(this: unknown, requests: unknown[]) {
      const why = [...requests].map((r) => refusal(r, scope.location)).find(Boolean);
      return why ? Promise.reject(new OtherOriginRefused(why)) : addAll.call(this, requests);
    });
  }
}

// In a worker, installs itself on import; elsewhere (the page, Node, tests) importing it does nothing.
const workerScope = (globalThis as { WorkerGlobalScope?: new () => object }).WorkerGlobalScope;
if (typeof workerScope === 'function' && globalThis instanceof workerScope) installOriginGuard(globalThis as unknown as Scope);
