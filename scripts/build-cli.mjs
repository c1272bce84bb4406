#!/usr/bin/env node
// Builds the railyard command line to plain JavaScript in dist-cli/cli/, so running it compiles no
// TypeScript: `npm run build:cli` (also run by `npm run build`, by npm ci's prepare step and before
// the tests, see test/cli/built-cli.setup.ts).
//
// esbuild, because it is already installed (tsx and Vite depend on it, the root lists it so the
// build does not rest on a transitive dependency), bundles a Node ESM program with code splitting
// in well under a second, and leaves `new URL('./x', import.meta.url)` alone. The CLI relies on
// that: src/engine/node.ts starts its workers from ./search.node-worker.mjs beside it, and
// src/engine/wasm-node.ts finds the kernel at ../../build/kernel.wasm. So the two entries and
// their chunks are written to one folder two levels below the project root (as src/engine is),
// where both URLs hold: dist-cli/cli/search.node-worker.mjs and <root>/build/kernel.wasm.
//
// Code splitting keeps `railyard --help` fast: the commands import their heavy modules (zod
// schemas, the default catalog, the engine) only when they run.
//
// Files are replaced atomically and only when their content changed, so a CLI already running
// from dist-cli/ (another test run) never reads a half-written file.
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_DIR = join(root, 'dist-cli', 'cli');
export const CLI_ENTRY = join(CLI_DIR, 'railyard.mjs');
/** Chunks no longer produced are removed once this old (a CLI started before may still load them). */
const STALE_MS = 10 * 60_000;

function sameContent(path, bytes) {
  try {
    return Buffer.compare(readFileSync(path), bytes) === 0;
  } catch {
    return false;
  }
}

/** Builds the CLI; returns the files written (empty when everything was up to date). */
export async function buildCli({ quiet = false } = {}) {
  const kernel = new URL('../../build/kernel.wasm', pathToFileURL(CLI_ENTRY));
  if (fileURLToPath(kernel) !== join(root, 'build', 'kernel.wasm')) throw new Error(`the built CLI would look for the kernel at ${kernel}`);

  const { outputFiles } = await build({
    absWorkingDir: root,
    entryPoints: { railyard: 'src/cli/main.ts', 'search.node-worker': 'src/engine/search.node-worker.ts' },
    outdir: CLI_DIR,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunk-[hash]',
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minifySyntax: true,
    minifyWhitespace: true,
    legalComments: 'none',
    logLevel: 'warning',
    write: false,
  });

  mkdirSync(CLI_DIR, { recursive: true });
  const written = [];
  const current = new Set();
  for (const file of outputFiles) {
    current.add(file.path);
    if (sameContent(file.path, file.contents)) continue;
    const tmp = `${file.path}.${process.pid}.tmp`;
    writeFileSync(tmp, file.contents);
    renameSync(tmp, file.path);
    written.push(file.path);
  }
  for (const name of readdirSync(CLI_DIR)) {
    const path = join(CLI_DIR, name);
    if (!current.has(path) && Date.now() - statSync(path).mtimeMs > STALE_MS) rmSync(path, { force: true });
  }
  if (!quiet) console.log(written.length ? `built ${relative(root, CLI_ENTRY)} (${written.length} file${written.length === 1 ? '' : 's'} changed)` : `${relative(root, CLI_ENTRY)} is up to date`);
  return written;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildCli();
}
