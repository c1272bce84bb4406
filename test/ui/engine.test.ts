import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { KernelOptions } from '../../src/engine/browser';

// The page's engine module, with the WebAssembly worker pool replaced by a stand-in.
const kernel = vi.hoisted(() => ({
  supported: true,
  run: undefined as undefined | ((opts: KernelOptions) => Promise<unknown>),
}));
vi.mock('../../src/engine/browser', () => ({
  kernelSupported: () => kernel.supported,
  optimizeWithKernel: (_s: unknown, _c: unknown, opts: KernelOptions) => kernel.run!(opts),
}));

const { CANCELLED, engineKind, runOptimize } = await import('../../src/ui/engine');
const scenario = {} as never;
const catalog = {} as never;

beforeEach(() => {
  kernel.supported = true;
  kernel.run = undefined;
});

describe('the page engine', () => {
  it('runs the kernel and forwards its progress with the worker count', async () => {
    const outcome = { ok: false as const, reason: 'no such profile' };
    kernel.run = async (opts) => {
      opts.onProgress?.({ evaluated: 5, total: 10, bestObjective: 12, workers: 3 });
      return outcome;
    };
    const seen: unknown[] = [];
    const got = await runOptimize(scenario, catalog, (p) => seen.push(p), new AbortController().signal);
    expect(engineKind()).toBe('kernel');
    expect(got).toBe(outcome);
    expect(seen).toEqual([{ evaluated: 5, total: 10, bestObjective: 12, workers: 3 }]);
  });

  it('reports a cancel (the pool rejects with an AbortError) as cancelled, and drops later progress', async () => {
    const controller = new AbortController();
    const seen: unknown[] = [];
    kernel.run = (opts) =>
      new Promise((_, reject) => {
        opts.signal!.addEventListener('abort', () => {
          opts.onProgress?.({ evaluated: 1, total: 2, bestObjective: null, workers: 2 });
          const e = new Error('search cancelled');
          e.name = 'AbortError';
          reject(e);
        });
      });
    const pending = runOptimize(scenario, catalog, (p) => seen.push(p), controller.signal);
    controller.abort();
    expect(await pending).toEqual({ ok: false, reason: CANCELLED });
    expect(seen).toEqual([]);
  });

  it('does not start when already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    kernel.run = () => Promise.reject(new Error('should not run'));
    expect(await runOptimize(scenario, catalog, () => {}, controller.signal)).toEqual({ ok: false, reason: CANCELLED });
  });

  it('turns a worker failure into a readable reason', async () => {
    kernel.run = () => Promise.reject(new Error('search workers could not start: search worker failed: it could not start'));
    expect(await runOptimize(scenario, catalog, () => {}, new AbortController().signal)).toEqual({
      ok: false,
      reason: 'the search failed: search workers could not start: search worker failed: it could not start',
    });
  });

  it('falls back to the reference engine only without WebAssembly', () => {
    kernel.supported = false;
    expect(engineKind()).toBe('reference');
  });
});
