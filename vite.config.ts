import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { headersFile, META_CSP } from './src/ui/content-policy';

/** The page's Content Security Policy (src/ui/content-policy.ts) as a meta tag; dev keeps Vite's inline HMR preamble. */
const offlineOnly = (): Plugin => ({
  name: 'railyard-offline-csp',
  apply: 'build',
  transformIndexHtml: (html) => html.replace('<meta charset="UTF-8" />', `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${META_CSP}" />`),
});

/**
 * The same policy as serve-time headers, with what a meta tag cannot carry (frame-ancestors), in
 * the `_headers` file Netlify and Cloudflare Pages apply to every file, workers included. Those
 * hosts do not serve the file itself, so it is not precached (a missing file fails the install).
 */
const securityHeaders = (): Plugin => ({
  name: 'railyard-security-headers',
  apply: 'build',
  generateBundle() {
    this.emitFile({ type: 'asset', fileName: '_headers', source: headersFile() });
  },
});

/**
 * The service worker precaches every file the app needs (HTML, JS including the worker chunks,
 * CSS, the WebAssembly kernel, icons, the manifest and the JSON Schemas), so after one visit the
 * page loads and optimizes with no network. Source maps are left out. Everything is addressed
 * relative to the service worker, so dist/ works from any sub-path.
 */
const offlineApp = () =>
  VitePWA({
    // A new version installs in the background and waits until the user agrees to reload (src/ui/offline.ts).
    registerType: 'prompt',
    // Registered from src/main.tsx (an inline script would need a CSP exception).
    injectRegister: false,
    strategies: 'generateSW',
    // public/ files are matched by globPatterns below (listing them again would duplicate entries).
    includeManifestIcons: false,
    manifest: {
      name: 'Railyard — AI fabric optimizer',
      short_name: 'Railyard',
      description: 'Offline, browser-local optimizer for AI-cluster network fabrics',
      start_url: './',
      scope: './',
      display: 'standalone',
      background_color: '#ffffff',
      theme_color: '#2f5d8a',
      icons: [
        { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
        { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
        { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        { src: 'icons/favicon.svg', sizes: 'any', type: 'image/svg+xml' },
      ],
    },
    workbox: {
      globPatterns: ['**/*.{html,js,mjs,css,wasm,json,webmanifest,svg,png,ico,txt}'],
      globIgnores: ['**/*.map'],
      // The kernel and the worker bundles must be precached whatever their size.
      maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
      navigateFallback: 'index.html',
      cleanupOutdatedCaches: true,
      // The first install controls the open page at once (so it works offline right away); an
      // update waits for the page's SKIP_WAITING message, sent when the user presses Reload.
      clientsClaim: true,
      skipWaiting: false,
    },
  });

export default defineConfig({
  // Relative asset URLs, so dist/ works from any sub-path or a file share.
  base: './',
  plugins: [react(), offlineOnly(), securityHeaders(), offlineApp()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
});
