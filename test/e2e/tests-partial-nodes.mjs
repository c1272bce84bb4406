import assert from 'node:assert/strict';
import { dropScenario, ranked, runAndWait } from './tests.mjs';

/**
 * Partial nodes per leaf in the app (docs/model.md "Partial nodes per leaf"): a fat-tree whose nodes
 * spread over a pair of leaves ranks first, and the table, the design view's metrics and the
 * topology diagram say so. Run with `node test/e2e/run.mjs "partial nodes"` after a build.
 */
export const tests = [];
const test = (name, fn, timeoutMs = 120_000) => tests.push({ name, fn, timeoutMs });

test('partial nodes per leaf: 4,096 H100 GPUs on QM9700 with 10% of leaf ports spare rank 7 nodes per leaf pair first, "4 of 8 NICs per node"', async ({ page, open }) => {
  await open('/');
  await dropScenario(page, 'partial.json', {
    schemaVersion: 1,
    cluster: { gpus: 4096, serverProfile: 'hgx-h100-8x400g' },
    fabric: { technologies: ['infiniband'], switchModels: ['QM9700'], families: ['fat-tree'], maxTiers: 3, planes: [1], maxOversubscription: 1, sparePortsPct: { leaf: 10 } },
    search: { topK: 5 },
  });
  await runAndWait(page);
  const top = ranked(page).locator('tbody tr').first();
  assert.match(await top.innerText(), /148 x QM9700 leaf \(4 of 8 NICs per node\) \/ 140 x QM9700 spine \/ 84 x QM9700 core/);
  assert.match(await top.innerText(), /\$24,509,851/);

  await top.getByRole('button', { name: /^Open design 1/ }).click();
  const metrics = page.getByRole('region', { name: 'Metrics' });
  await metrics.waitFor();
  assert.match(await metrics.innerText(), /Leaf failure blast radius\s+28 GPU ports \(each node reaches 2 leaves and keeps 1 of 2 shares of its ports\)/i);
  const diagram = page.getByRole('img', { name: /^Topology:/ });
  await diagram.waitFor();
  assert.match(await diagram.textContent(), /Each node's 8 rails spread over the 2 leaves of its group, 4 to each\./);
});
