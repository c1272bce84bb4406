import { create } from 'zustand';

/**
 * Where an export is: `preparing` (building the text before anything is written), `choosing` (the
 * save dialog is open), `writing` (text is flowing into the file or the in-memory download).
 */
export type ExportPhase = 'preparing' | 'choosing' | 'writing';

/** The export being written (one at a time) and the outcome of the last one, shown in the candidate view. */
export interface ExportState {
  running: null | {
    formatId: string;
    label: string;
    fileName: string;
    phase: ExportPhase;
    /** True when the text streams into a file on disk; false when it is built in memory and downloaded at the end. */
    toDisk: boolean;
    /** False for files built on the main thread in one step (nothing to cancel). */
    cancellable: boolean;
    fraction: number;
    bytes: number;
    startedAt: number;
  };
  last: null | { kind: 'info' | 'error'; text: string };
  /** The phase the export card exports, for results that grow in phases (null: the whole design). */
  forPhase: number | null;
  choosePhase(phase: number | null): void;
  start(formatId: string, label: string, fileName: string, how?: { phase?: ExportPhase; toDisk?: boolean; cancellable?: boolean }): void;
  setPhase(phase: ExportPhase): void;
  progress(fraction: number, bytes: number): void;
  finish(kind: 'info' | 'error', text: string): void;
  clearLast(): void;
}

export const useExports = create<ExportState>()((set, get) => ({
  running: null,
  last: null,
  forPhase: null,
  choosePhase: (forPhase) => set({ forPhase }),
  start: (formatId, label, fileName, { phase = 'preparing', toDisk = false, cancellable = true } = {}) =>
    set({ running: { formatId, label, fileName, phase, toDisk, cancellable, fraction: 0, bytes: 0, startedAt: Date.now() }, last: null }),
  setPhase: (phase) => {
    const r = get().running;
    if (r) set({ running: { ...r, phase } });
  },
  progress: (fraction, bytes) => {
    const r = get().running;
    if (r) set({ running: { ...r, phase: 'writing', fraction, bytes } });
  },
  finish: (kind, text) => set({ running: null, last: { kind, text } }),
  clearLast: () => set({ last: null }),
}));
