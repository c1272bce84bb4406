import { create } from 'zustand';

export type NoticeKind = 'info' | 'warning' | 'error';

export interface Notice {
  id: number;
  kind: NoticeKind;
  title: string;
  /** One problem per line, e.g. `cluster.gpus: must be a positive integer, got -8`. */
  details?: string[];
  /** Buttons offered with the message (e.g. Undo); running one also dismisses the notice. */
  actions?: NoticeAction[];
}

export interface NoticeAction {
  label: string;
  run(): void;
}

interface NoticeState {
  notices: Notice[];
  push(kind: NoticeKind, title: string, details?: string[], actions?: NoticeAction[]): void;
  dismiss(id: number): void;
  clear(): void;
}

let nextId = 1;

/** Messages for the user that outlive one render: bad imports, corrupt saved state, copied links. */
export const useNotices = create<NoticeState>()((set) => ({
  notices: [],
  push: (kind, title, details, actions) =>
    set((s) => ({ notices: [...s.notices.filter((n) => n.title !== title), { id: nextId++, kind, title, details, actions }].slice(-5) })),
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
  clear: () => set({ notices: [] }),
}));

export const notify = (kind: NoticeKind, title: string, details?: string[], actions?: NoticeAction[]) =>
  useNotices.getState().push(kind, title, details, actions);
