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

export function cancelExport(): void {
  controller?.abort();
}

/** The file name an export of this candidate is saved under. */
export function fabricExportFileName(candidate: Candidate, f: FabricExport): string {
  return exportFileName(`${candidate.rank ? `rank${candidate.rank}-` : ''}${candidate.id}-${f.what}`, f.extension);
}

/**
 * Writes one fabric export of a candidate: the worker rebuilds the fabric from (result, catalog,
 * candidate id) and streams the text to a file chosen with the save picker, or, without that API,
 * into a Blob download when the file is small enough; otherwise the user is pointed at the CLI.
 */
export async function saveFabricExport(f: FabricExport, result: Result, candidate: Candidate, catalog: Catalog): Promise<void> {
  const store = useExports.getState();
  if (store.running) return;
  const refuse = (text: string) => store.finish('error', text);
  const mismatch = catalogMismatch(result, catalog.name);
  if (mismatch) return refuse(mismatch);
  const limit = exportLimit(f.id, candidate);
  if (limit) return refuse(limit);
  const fileName = fabricExportFileName(candidate, f);
  const picker = savePicker();
  const cli = cliCommand(f.id, candidate.id, `results.json`, fileName);
  const route = chooseRoute(f.id, candidate, !!picker, cli);
  if (route.kind === 'refuse') return refuse(route.message);

  let sink: ExportSink;
  if (route.kind === 'stream') {
    try {
      const ext = f.extension.split('.').pop()!;
      const handle = await picker!({ suggestedName: fileName, types: [{ description: f.label, accept: { 'text/plain': [`.${ext}`] } }] });
      sink = writableSink(await handle.createWritable());
    } catch (e) {
      if ((e as Error).name === 'AbortError') return; // the user closed the picker
      return refuse(`${f.label} was not saved: ${(e as Error).message}`);
    }
  } else {
    sink = blobSink(f.mime, BLOB_LIMIT_BYTES, (blob) => downloadBlob(fileName, blob));
  }

  store.start(f.id, f.label, fileName);
  controller = new AbortController();
  const expected = { lines: expectedLines(f.id, candidate), bytes: estimateBytes(f.id, candidate) };
  const done = { lines: 0, bytes: 0 };
  let shown = 0;
  const outcome = await streamExport(
    { result, catalog, candidateId: candidate.id, formatId: f.id },
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
    controller.signal,
  );
  controller = null;
  if (outcome.ok) useExports.getState().finish('info', `Saved ${fileName} (${fmtBytes(outcome.bytes)}).`);
  else if (outcome.cancelled) useExports.getState().finish('info', `${f.label}: export cancelled.`);
  else useExports.getState().finish('error', `${f.label} was not exported: ${outcome.message}`);
}
