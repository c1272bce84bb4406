import { exportFileName } from '../export/json';
import { blobSink, streamExport, writableSink, type ExportSink } from '../export/stream-client';
import type { Catalog } from '../model/catalog';
import type { Candidate, Result } from '../model/result';
import { useExports } from '../state/export-store';
import {
  BLOB_LIMIT_BYTES, catalogMismatch, chooseRoute, cliCommand, countLines, estimateBytes, expectedLines, exportFraction, exportLimit, fmtBytes,
  type FabricExport,
} from './export-plan';
import { downloadBlob } from './files';

interface WritableFile {
  write(data: string): Promise<void>;
  close(): Promise<void>;
  abort(reason?: unknown): Promise<void>;
}
interface SaveFileHandle {
  createWritable(): Promise<WritableFile>;
}
type SavePicker = (options: { suggestedName: string; types?: { description: string; accept: Record<string, string[]> }[] }) => Promise<SaveFileHandle>;

/** The File System Access API's save picker, where the browser has it (Chromium). */
export const savePicker = (): SavePicker | undefined => {
  const w = window as unknown as { showSaveFilePicker?: SavePicker };
  return typeof w.showSaveFilePicker === 'function' ? w.showSaveFilePicker.bind(window) : undefined;
};

let controller: AbortController | null = null;

/** Stops the running export (or, while the save dialog is open, whatever the user then picks). */
export function cancelExport(): void {
  controller?.abort();
}

/** Yields so the status line ("Preparing …") paints before work that may hold the main thread. */
const paint = () => new Promise<void>((resolve) => setTimeout(resolve, 20));

/** The file name an export of this candidate (of one phase of it) is saved under: `...-phase2-cables.csv`. */
export function fabricExportFileName(candidate: Candidate, f: FabricExport, phase?: number): string {
  // File names are cut at 100 characters: a long design id gives way, so the phase and the kind stay.
  const tail = `-${phase ? `phase${phase}-` : ''}${f.what}`;
  return exportFileName(`${`${candidate.rank ? `rank${candidate.rank}-` : ''}${candidate.id}`.slice(0, 100 - tail.length)}${tail}`, f.extension);
}

/**
 * Downloads a file built on the main thread (candidate JSON, BOM CSV, all results JSON) with one
 * click: "Preparing …" shows first, then "Downloaded NAME (SIZE)" or the error, by name.
 */
export async function downloadNow(label: string, fileName: string, mime: string, make: () => string): Promise<void> {
  const store = useExports.getState();
  if (store.running) return;
  store.start(label, label, fileName, { phase: 'preparing', cancellable: false });
  await paint();
  try {
    const blob = new Blob([make()], { type: mime });
    downloadBlob(fileName, blob);
    useExports.getState().finish('info', `Downloaded ${fileName} (${fmtBytes(blob.size)}).`);
  } catch (e) {
    useExports.getState().finish('error', `${label} was not exported: ${(e as Error).message}`);
  }
}

/**
 * Writes one fabric export of a candidate: the worker rebuilds the fabric from (result, catalog,
 * candidate id) and sends its text batch by batch. A file estimated at or under
 * DIRECT_DOWNLOAD_BYTES is built in memory and downloaded with one click; a larger one streams into
 * a file chosen in the save dialog when the browser has it (else in memory up to BLOB_LIMIT_BYTES,
 * else the user is pointed at the CLI). Every step shows in the status line, with Cancel.
 */
export async function saveFabricExport(f: FabricExport, result: Result, candidate: Candidate, catalog: Catalog, phase?: number): Promise<void> {
  const store = useExports.getState();
  if (store.running) return;
  const refuse = (text: string) => store.finish('error', text);
  const mismatch = catalogMismatch(result, catalog.name);
  if (mismatch) return refuse(mismatch);
  const limit = exportLimit(f.id, candidate, phase);
  if (limit) return refuse(limit);
  const fileName = fabricExportFileName(candidate, f, phase);
  const picker = savePicker();
  const cli = cliCommand(f.id, candidate.id, `results.json`, fileName, phase);
  const route = chooseRoute(f.id, candidate, !!picker, cli);
  if (route.kind === 'refuse') return refuse(route.message);

  const ctl = new AbortController();
  controller = ctl;
  const end = (kind: 'info' | 'error', text: string) => {
    if (controller === ctl) controller = null;
    useExports.getState().finish(kind, text);
  };
  const cancelled = () => end('info', `${f.label}: export cancelled, nothing was saved.`);
  let sink: ExportSink;
  let downloaded: Blob | undefined;
  if (route.kind === 'stream') {
    store.start(f.id, f.label, fileName, { phase: 'choosing', toDisk: true });
    try {
      const ext = f.extension.split('.').pop()!;
      // Cancel answers at once even while the dialog is open (or never opens, as in a headless browser).
      const whenCancelled = new Promise<undefined>((resolve) => ctl.signal.addEventListener('abort', () => resolve(undefined), { once: true }));
      const handle = await Promise.race([picker!({ suggestedName: fileName, types: [{ description: f.label, accept: { 'text/plain': [`.${ext}`] } }] }), whenCancelled]);
      if (!handle || ctl.signal.aborted) return cancelled();
      const writable = await handle.createWritable();
      if (ctl.signal.aborted) {
        await writable.abort().catch(() => {});
        return cancelled();
      }
      sink = writableSink(writable);
    } catch (e) {
      if ((e as Error).name === 'AbortError') return end('info', `${f.label} was not saved: the save dialog was closed.`);
      return end('error', `${f.label} was not saved: ${(e as Error).message}`);
    }
    useExports.getState().setPhase('writing');
  } else {
    store.start(f.id, f.label, fileName, { phase: 'preparing' });
    sink = blobSink(f.mime, BLOB_LIMIT_BYTES, (blob) => {
      downloaded = blob;
      downloadBlob(fileName, blob);
    });
  }

  // A phase's file is a part of the whole one: its line count is not known ahead, its size is at most the whole's.
  const expected = { lines: phase ? undefined : expectedLines(f.id, candidate), bytes: estimateBytes(f.id, candidate) };
  const done = { lines: 0, bytes: 0 };
  let shown = 0;
  const outcome = await streamExport(
    { result, catalog, candidateId: candidate.id, formatId: f.id, ...(phase ? { phase } : {}) },
    sink,
    (text) => {
      done.bytes += text.length;
      if (expected.lines) done.lines += countLines(text);
      const now = performance.now();
      if (now - shown > 100) {
        shown = now;
        useExports.getState().progress(exportFraction(done, expected), done.bytes);
      }
    },
    ctl.signal,
  );
  if (outcome.ok) end('info', downloaded ? `Downloaded ${fileName} (${fmtBytes(downloaded.size)}).` : `Saved ${fileName} (${fmtBytes(outcome.bytes)}).`);
  else if (outcome.cancelled) cancelled();
  else end('error', `${f.label} was not exported: ${outcome.message}`);
}
