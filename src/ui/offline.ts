/// <reference types="vite-plugin-pwa/client" />
import { registerSW } from 'virtual:pwa-register';

/**
 * Registers the service worker that precaches the whole app (built site only), so after one visit
 * it loads and optimizes with no network. It lives next to index.html, so its scope is whatever
 * sub-path the site is served from. New versions take over on the next load (autoUpdate).
 */
export function registerOffline(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  registerSW({ immediate: true });
}
