/// <reference types="vite-plugin-pwa/client" />
import { registerSW } from 'virtual:pwa-register';
import { create } from 'zustand';

export interface AppUpdateState {
  /** A new version is installed and waits for the user's go-ahead. */
  ready: boolean;
  /** Another tab let the new version take over: this tab still runs the old one until it reloads. */
  activatedElsewhere: boolean;
  /** The user agreed; the page reloads as soon as the new version controls it. */
  requested: boolean;
  apply(): void;
  later(): void;
}

let activate: (() => Promise<void>) | null = null;

/** The new version waiting to take over, and the user's answer. Never reloads on its own. */
export const useAppUpdate = create<AppUpdateState>()((set, get) => ({
  ready: false,
  activatedElsewhere: false,
  requested: false,
  apply() {
    if (get().activatedElsewhere || !activate) {
      location.reload();
      return;
    }
    set({ requested: true });
    void activate();
  },
  later: () => set({ ready: false, activatedElsewhere: false }),
}));

/**
 * Registers the service worker that precaches the whole app (built site only), so after one visit
 * it loads and optimizes with no network. It lives next to index.html, so its scope is whatever
 * sub-path the site is served from. A new deployment installs in the background and waits
 * ('prompt' mode): the page says so and reloads only when the user presses Reload, which the
 * update banner does not allow during a search.
 */
export function registerOffline(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  activate = registerSW({
    immediate: true,
    onNeedRefresh: () => useAppUpdate.setState({ ready: true }),
    // Handled below for every case (the plugin's own check misses an update that arrives during a
    // first visit, and without this callback it would reload the page unasked).
    onNeedReload: () => {},
  });
  let controller = navigator.serviceWorker.controller;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    const firstInstall = controller === null;
    controller = navigator.serviceWorker.controller;
    // The first install taking control serves the version already running: nothing to reload.
    if (firstInstall) return;
    // A new version now controls this page: reload if this tab asked for it, otherwise say so.
    if (useAppUpdate.getState().requested) location.reload();
    else useAppUpdate.setState({ ready: true, activatedElsewhere: true });
  });
}
