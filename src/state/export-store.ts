import { create } from 'zustand';

/** The export being written (one at a time) and the outcome of the last one, shown in the candidate view. */
export interface ExportState {
  running: null | { formatId: string; label: string; fileName: string; fraction: number; bytes: number; startedAt: number };
  last: null | { kind: 'info' | 'error'; text: string };
  start(formatId: string, label: string, fileName: string): void;
  progress(fraction: number, bytes: number): void;
  finish(kind: 'info' | 'error', text: string): void;
  clearLast(): void;
}

export const useExports = create<ExportState>()((set, get) => ({
  running: null,
  last: null,
  start: (formatId, label, fileName) => set({ running: { formatId, label, fileName, fraction: 0, bytes: 0, startedAt: Date.now() }, last: null }),
  progress: (fraction, bytes) => {
    const r = get().running;
    if (r) set({ running: { ...r, fraction, bytes } });
  },
  finish: (kind, text) => set({ running: null, last: { kind, text } }),
  clearLast: () => set({ last: null }),
}));
