import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    // Builds the CLI to JavaScript (dist-cli/) before the tests that run it.
    globalSetup: ['test/cli/built-cli.setup.mjs'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
