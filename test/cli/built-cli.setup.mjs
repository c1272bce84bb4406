// Vitest global setup: the tests that run the railyard command run the built CLI (bin/railyard.mjs
// loads dist-cli/), so build it from the current sources first. Unchanged files are not rewritten,
// so this takes a fraction of a second when nothing changed.
import { buildCli } from '../../scripts/build-cli.mjs';

export default async function setup() {
  await buildCli({ quiet: true });
}
