/// <reference lib="webworker" />
import '../engine/origin-guard'; // first: no other module may reach the network before the guard is in place
import type { Catalog } from '../model/catalog';
import type { Result } from '../model/result';
import { exportSubject } from './fabric';
import { exportFormat } from './formats';

/**
 * Writes one export of one candidate off the main thread. The page asks for the next batch of text
 * ('pull') only after it has written the previous one, so the fabric is generated as fast as the
 * file takes it and never held whole in memory (the cable schedule of a 1,048,576-GPU fabric is
 * gigabytes).
 */
export type ExportRequest =
  | { type: 'start'; result: Result; catalog: Catalog; candidateId: string; formatId: string; batchBytes?: number; phase?: number }
  | { type: 'pull' };

export type ExportReply =
  | { type: 'ready' }
  | { type: 'chunk'; text: string }
  | { type: 'done' }
  | { type: 'error'; message: string };

const DEFAULT_BATCH = 1 << 20;
let chunks: Iterator<string> | null = null;
let batchBytes = DEFAULT_BATCH;

const post = (m: ExportReply) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(m);
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

self.addEventListener('message', (e: MessageEvent<ExportRequest>) => {
  const m = e.data;
  try {
    if (m.type === 'start') {
      const format = exportFormat(m.formatId);
      if (!format) return post({ type: 'error', message: `unknown export format "${m.formatId}"` });
      // With a phase: what it buys, installs, or the fabric as built after it (docs/exports.md "Phases").
      const subject = exportSubject(m.result, m.catalog, m.candidateId, m.phase);
      if (!subject.ok) return post({ type: 'error', message: subject.message });
      const unsuitable = format.unsuitable?.(subject.value);
      if (unsuitable) return post({ type: 'error', message: `${format.label} ${unsuitable}` });
      batchBytes = m.batchBytes ?? DEFAULT_BATCH;
      chunks = format.write(subject.value)[Symbol.iterator]();
      return post({ type: 'ready' });
    }
    if (m.type === 'pull') {
      if (!chunks) return post({ type: 'error', message: 'the export was not started' });
      const parts: string[] = [];
      let size = 0;
      while (size < batchBytes) {
        const next = chunks.next();
        if (next.done) break;
        parts.push(next.value);
        size += next.value.length;
      }
      if (parts.length === 0) {
        chunks = null;
        return post({ type: 'done' });
      }
      return post({ type: 'chunk', text: parts.join('') });
    }
  } catch (err) {
    chunks = null;
    post({ type: 'error', message: messageOf(err) });
  }
});
