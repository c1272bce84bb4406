import type { Catalog } from '../model/catalog';
import type { Result } from '../model/result';
import type { ExportReply, ExportRequest } from './export.worker';

/** Where exported text goes: a file being written (File System Access API) or an in-memory Blob. */
export interface ExportSink {
  write(text: string): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}

export interface ExportJob {
  result: Result;
  catalog: Catalog;
  candidateId: string;
  formatId: string;
  /** One phase of a phased result (1-based); undefined for the whole design. */
  phase?: number;
}

export type ExportOutcome = { ok: true; bytes: number } | { ok: false; cancelled: boolean; message: string };

/**
 * Runs one export in a Web Worker and writes its text to the sink batch by batch: the worker makes
 * the next batch only after the sink has taken the previous one, so memory stays flat however large
 * the fabric. `onChunk` sees every batch (for progress). Aborting stops the worker and the sink.
 */
export function streamExport(job: ExportJob, sink: ExportSink, onChunk: (text: string) => void, signal?: AbortSignal): Promise<ExportOutcome> {
  const worker = new Worker(new URL('./export.worker.ts', import.meta.url), { type: 'module', name: 'railyard-export' });
  const send = (m: ExportRequest) => worker.postMessage(m);
  let bytes = 0;
  return new Promise<ExportOutcome>((resolve) => {
    let settled = false;
    const finish = async (outcome: ExportOutcome) => {
      if (settled) return;
      settled = true;
      worker.terminate();
      signal?.removeEventListener('abort', onAbort);
      if (outcome.ok) {
        try {
          await sink.close();
        } catch (e) {
          resolve({ ok: false, cancelled: false, message: `the file could not be saved: ${(e as Error).message}` });
          return;
        }
      } else await sink.abort().catch(() => {});
      resolve(outcome);
    };
    const onAbort = () => void finish({ ok: false, cancelled: true, message: 'Export cancelled.' });
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.addEventListener('error', (e) => {
      e.preventDefault();
      void finish({ ok: false, cancelled: false, message: `the export worker stopped: ${e.message || 'it could not start'}` });
    });
    worker.addEventListener('message', async (e: MessageEvent<ExportReply>) => {
      const m = e.data;
      if (settled) return;
      if (m.type === 'error') return void finish({ ok: false, cancelled: false, message: m.message });
      if (m.type === 'done') return void finish({ ok: true, bytes });
      if (m.type === 'chunk') {
        try {
          await sink.write(m.text);
        } catch (err) {
          return void finish({ ok: false, cancelled: false, message: `the file could not be written: ${(err as Error).message}` });
        }
        bytes += m.text.length;
        onChunk(m.text);
      }
      if (!settled) send({ type: 'pull' });
    });
    send({ type: 'start', ...job });
  });
}

/** Builds the file in memory as a Blob, moving text out of the JS heap every few megabytes; fails past `limit` characters. */
export function blobSink(type: string, limit: number, onBlob: (blob: Blob) => void): ExportSink {
  const parts: Blob[] = [];
  let pending: string[] = [];
  let pendingSize = 0;
  let total = 0;
  const flush = () => {
    if (pending.length) parts.push(new Blob(pending, { type }));
    pending = [];
    pendingSize = 0;
  };
  return {
    async write(text) {
      total += text.length;
      if (total > limit) throw new Error(`it is larger than ${Math.round(limit / 1e6)} MB, too large to build in memory`);
      pending.push(text);
      pendingSize += text.length;
      if (pendingSize >= 8 << 20) flush();
    },
    async close() {
      flush();
      onBlob(new Blob(parts, { type }));
    },
    async abort() {
      parts.length = 0;
      pending = [];
    },
  };
}

/** A file opened with the File System Access API, written as the text arrives. */
export function writableSink(w: { write(data: string): Promise<void>; close(): Promise<void>; abort(reason?: unknown): Promise<void> }): ExportSink {
  return { write: (t) => w.write(t), close: () => w.close(), abort: () => w.abort() };
}
