import { afterAll, describe, expect, it } from 'vitest';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { unlessDead } from '../../src/engine/worker-death';
import { optimizeWithKernel, shutdownKernelPool } from '../../src/engine/node';
import { labCatalog } from '../fixtures/lab-catalog';
import { scenario } from '../topology/helpers';

afterAll(() => shutdownKernelPool());

// A full garbage collection on demand (the flag applies to contexts made after it is set).
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Whether nothing holds what `refs` point to any more, after a turn of the event loop and a full collection. */
async function collected(refs: WeakRef<object>[]): Promise<boolean> {
  await new Promise((r) => setTimeout(r, 0));
  gc();
  return refs.every((r) => r.deref() === undefined);
}

/** A worker's death: rejects when `kill` is called, else never settles. */
function death() {
  let kill!: (e: Error) => void;
  const dead = new Promise<never>((_, reject) => (kill = reject));
  dead.catch(() => {});
  return { dead, kill };
}

describe('a call raced against its worker’s death', () => {
  it('settles as the call does while the worker lives', async () => {
    const { dead } = death();
    await expect(unlessDead(dead, Promise.resolve(7))).resolves.toBe(7);
    await expect(unlessDead(dead, Promise.reject(new Error('the call failed')))).rejects.toThrow('the call failed');
  });

  it('rejects with the worker’s error when the worker dies first, and at once for a later call', async () => {
    const { dead, kill } = death();
    const pending = unlessDead(dead, new Promise(() => {}));
    kill(new Error('search worker exited with code 1'));
    await expect(pending).rejects.toThrow('search worker exited with code 1');
    await expect(unlessDead(dead, new Promise(() => {}))).rejects.toThrow('search worker exited with code 1');
  });

  it('keeps nothing of a settled call reachable from the death promise (Promise.race did)', async () => {
    const { dead } = death();
    expect(await collected(await settledValues(50, (value) => unlessDead(dead, Promise.resolve(value))))).toBe(true);
    // The same through Promise.race: its reactions on the death promise keep every value.
    expect(await collected(await settledValues(5, (value) => Promise.race([Promise.resolve(value), dead])))).toBe(false);
  });

  it('lets a finished search’s result go: the pool’s workers do not keep earlier runs alive', async () => {
    expect(await collected(await searchResults(3))).toBe(true);
  });
});

/** Weak references to `count` values, each awaited through `through`; in a frame of its own, which holds none of them. */
async function settledValues(count: number, through: (value: object) => Promise<unknown>): Promise<WeakRef<object>[]> {
  const refs: WeakRef<object>[] = [];
  for (let i = 0; i < count; i++) {
    const value = { payload: new Array(1000).fill(i) };
    refs.push(new WeakRef(value));
    await through(value);
  }
  return refs;
}

/** Weak references to the candidates of `runs` searches on the shared worker pool. */
async function searchResults(runs: number): Promise<WeakRef<object>[]> {
  const s = scenario({
    cluster: { gpus: 8192, serverProfile: 'eight-rail-400g' },
    fabric: { technologies: ['infiniband'], planes: [1], maxOversubscription: 2 },
  });
  const catalog = labCatalog();
  const refs: WeakRef<object>[] = [];
  for (let i = 0; i < runs; i++) {
    const o = await optimizeWithKernel(s, catalog, { workers: 2 });
    if (!o.ok) throw new Error(o.reason);
    refs.push(new WeakRef(o.result.candidates[0]), new WeakRef(o.result.candidates));
  }
  return refs;
}
