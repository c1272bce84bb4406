/**
 * The built page may load only its own files: quotes and price lists never leave the machine, and
 * nothing (fonts, CDNs, telemetry) is fetched from elsewhere. The page carries this policy in a
 * meta tag (vite.config.ts); hosts that can set headers also send it, with what a meta tag cannot
 * set, so that it governs the workers too (docs/hosting.md, and the `_headers` file in the build).
 */
export const CSP_DIRECTIVES = [
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
];

/** The policy of the meta tag. */
export const META_CSP = CSP_DIRECTIVES.join('; ');

/** The policy to send as a header: no page may frame the app (clickjacking), which only a header can say. */
export const HEADER_CSP = [...CSP_DIRECTIVES, "frame-ancestors 'none'"].join('; ');

/** Every header a host should send with every file of the site. */
export const SECURITY_HEADERS: [name: string, value: string][] = [
  ['Content-Security-Policy', HEADER_CSP],
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'no-referrer'],
];

/** Netlify and Cloudflare Pages read a `_headers` file at the root of the published folder. */
export function headersFile(): string {
  return ['# Security headers for Netlify and Cloudflare Pages (see docs/hosting.md).', '/*', ...SECURITY_HEADERS.map(([k, v]) => `  ${k}: ${v}`), ''].join('\n');
}
