#!/usr/bin/env node
// Runs the command line built to plain JavaScript (scripts/build-cli.mjs: npm run build, npm ci's
// prepare step), so nothing is compiled at run time and no development tool is loaded.
import { existsSync } from 'node:fs';

const entry = new URL('../dist-cli/cli/railyard.mjs', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('railyard: the command line is not built (dist-cli/cli/railyard.mjs is missing); build it with npm run build:cli\n');
  process.exitCode = 5;
} else {
  await import(entry.href);
}
