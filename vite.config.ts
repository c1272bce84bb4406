import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * The built page may load only its own files: quotes and price lists never leave the machine, and
 * nothing (fonts, CDNs, telemetry) is fetched from elsewhere. Dev keeps Vite's inline HMR preamble.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self' blob: data:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

const offlineOnly = (): Plugin => ({
  name: 'railyard-offline-csp',
  apply: 'build',
  transformIndexHtml: (html) => html.replace('<meta charset="UTF-8" />', `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`),
});

export default defineConfig({
  // Relative asset URLs, so dist/ works from any sub-path or a file share.
  base: './',
  plugins: [react(), offlineOnly()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
});
