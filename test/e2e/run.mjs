#!/usr/bin/env node
// Browser tests against the already-built dist/ (run `npm run build` first). Prints
// "N passed, N failed" on the last line and exits non-zero on any failure.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { launch } from './browser.mjs';
import { serveStatic } from './server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// RAILYARD_DIST points the tests at another build (e.g. one made with `vite build --outDir`).
const dist = process.env.RAILYARD_DIST ?? join(root, 'dist');
if (!existsSync(join(dist, 'index.html'))) {
  console.error('dist/index.html is missing: run `npm run build` first.');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const { checkResult } = await tsImport('../../src/model/validate.ts', import.meta.url);
// The published schema, as the site ships it; until the schema script has run, the zod model stands in.
const schemaFile = [join(dist, 'schema', 'result.schema.json'), join(root, 'public', 'schema', 'result.schema.json')].find((f) => existsSync(f));
const resultJsonSchema = schemaFile ? JSON.parse(await readFile(schemaFile, 'utf8')) : null;
if (!resultJsonSchema) console.log('note: result.schema.json not found; Export JSON is checked with the zod ResultSchema only');

// tests.mjs holds the core browser tests; each topic may add its own `tests-<topic>.mjs` exporting `tests`.
const here = dirname(fileURLToPath(import.meta.url));
const testFiles = (await readdir(here)).filter((f) => /^tests(-[\w-]+)?\.mjs$/.test(f)).sort();
const tests = [];
for (const f of testFiles) tests.push(...(await import(`./${f}`)).tests);

const only = process.argv[2];
const server = await serveStatic(dist);
let passed = 0;
let failed = 0;

for (const t of tests) {
  if (only && !t.name.includes(only)) continue;
  const started = Date.now();
  const profiles = [];
  const offsite = [];
  const pageErrors = [];
  // Origins served by this run (the shared server and any a test starts): the only hosts allowed.
  const local = [server.origin];
  const extraServers = [];
  const serve = async (options) => {
    const s = await serveStatic(dist, options);
    extraServers.push(s);
    local.push(s.origin);
    return s;
  };
  const newProfile = async () => {
    const p = await launch();
    profiles.push(p);
    await p.context.route('**/*', (route) => {
      const url = route.request().url();
      if (local.some((o) => url.startsWith(o + '/')) || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
      offsite.push(url);
      return route.abort();
    });
    const page = p.context.pages()[0] ?? (await p.context.newPage());
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    page.setDefaultTimeout(15_000);
    return page;
  };
  try {
    const page = await newProfile();
    const context = profiles[0].context;
    const open = (path) => page.goto(server.origin + path);
    let timer;
    await Promise.race([
      t.fn({ page, open, context, origin: server.origin, dist, newProfile, serve, checkResult, resultJsonSchema, tsImport: (spec) => tsImport(spec, import.meta.url) }),
      new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out after ${t.timeoutMs} ms`)), t.timeoutMs); }),
    ]).finally(() => clearTimeout(timer));
    if (offsite.length) throw new Error(`the page requested other hosts: ${offsite.slice(0, 3).join(', ')}`);
    if (pageErrors.length) throw new Error(`uncaught page errors: ${pageErrors.slice(0, 3).join(' | ')}`);
    passed++;
    console.log(`ok   ${t.name} (${Date.now() - started} ms)`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${t.name} (${Date.now() - started} ms)\n     ${String(e?.stack ?? e).split('\n').slice(0, 6).join('\n     ')}`);
  } finally {
    for (const p of profiles) await p.close().catch(() => {});
    for (const s of extraServers) await s.close().catch(() => {});
  }
}

await server.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
