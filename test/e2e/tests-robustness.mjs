import assert from 'node:assert/strict';
import { gpus } from './tests.mjs';

/**
 * The Robustness view (src/ui/RobustnessPanel.tsx): price ranges, samples and seed, the analysis on
 * the worker pool with progress and Stop, win shares and the break-even tornado. Same shape as
 * tests.mjs; run with `node test/e2e/run.mjs "Robustness"` after a build.
 */
export const tests = [];
const test = (name, fn, timeoutMs = 120_000) => tests.push({ name, fn, timeoutMs });

const searchWorkers = (page) => page.workers().filter((w) => /search\.worker-.*\.js$/.test(w.url()));

async function openView(page, open) {
  await open('/');
  // A small cluster: each sample's exact search then takes milliseconds.
  await gpus(page).fill('256');
  await page.getByRole('tab', { name: 'Robustness' }).click();
}

test('Robustness: runs the analysis with progress, then draws the win shares and a tornado of break-even prices', async ({ page, open }) => {
  await openView(page, open);
  const ranges = page.getByRole('table', { name: 'Price ranges' });
  assert.equal(await ranges.locator('tbody tr').count(), 2, 'starts from refurbished switches and compatible optics');
  assert.equal(await page.getByRole('textbox', { name: 'Range 1 low %' }).inputValue(), '-20');
  await page.getByRole('textbox', { name: 'Samples' }).fill('40');
  await page.getByRole('textbox', { name: 'Seed' }).fill('3');
  await page.getByRole('button', { name: 'Run analysis' }).click();
  const table = page.getByRole('table', { name: 'Designs under price swings' });
  await table.locator('tbody tr').first().waitFor({ timeout: 90_000 });
  const rows = await table.locator('tbody tr').count();
  assert.ok(rows >= 1);
  // No two rows name the same design alike (designs alike in counts and models carry their id).
  const names = await table.locator('tbody tr td:last-child').allInnerTexts();
  assert.equal(new Set(names).size, names.length, `design names ${names.join(' | ')} are distinct`);
  // One bar per design; the shares add up to every sample won by some design.
  const bars = page.getByRole('img', { name: 'Win shares' }).locator('g.win-share');
  assert.equal(await bars.count(), rows);
  const shares = (await table.locator('tbody tr td:nth-child(2)').allInnerTexts()).map((t) => Number(t.replace('%', '')));
  assert.ok(Math.abs(shares.reduce((a, b) => a + b, 0) - 100) < 0.6, `win shares ${shares} add up to 100%`);
  assert.match(await page.locator('.stats').filter({ hasText: 'price sets' }).innerText(), /^40 price sets \(seed 3\)/);
  const tornado = page.getByRole('img', { name: 'Break-even prices' }).locator('g.break-even');
  assert.ok((await tornado.count()) >= 1, 'a bar per cost line of the nominal winner');
  assert.equal(await page.getByRole('list', { name: 'Break-even list' }).locator('li').count(), await tornado.count());
  assert.match(await page.getByRole('list', { name: 'Break-even list' }).innerText(), /up: (none up to|\$)/);
  // Changing the settings marks the report out of date.
  await page.getByRole('textbox', { name: 'Seed' }).fill('4');
  await page.getByText('changed since this report').waitFor();
});

test('Robustness: Stop analysis ends its workers and says nothing was reported', async ({ page, open }) => {
  await openView(page, open);
  await page.getByRole('textbox', { name: 'Samples' }).fill('5000');
  await page.getByRole('button', { name: 'Run analysis' }).click();
  await page.getByRole('status', { name: 'Robustness progress' }).filter({ hasText: 'Searching each price set' }).waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Stop analysis' }).click();
  await page.getByText('Analysis stopped; nothing was reported.').waitFor();
  for (let i = 0; i < 50 && searchWorkers(page).length > 0; i++) await page.waitForTimeout(100);
  assert.equal(searchWorkers(page).length, 0, 'no search worker is left running');
  assert.equal(await page.getByRole('button', { name: 'Run analysis' }).isEnabled(), true);
});

test('Robustness: a bad range is named by field path and nothing runs', async ({ page, open }) => {
  await openView(page, open);
  await page.getByRole('textbox', { name: 'Range 1 low %' }).fill('40');
  await page.getByRole('button', { name: 'Run analysis' }).click();
  const notice = page.getByRole('alert').filter({ hasText: 'Fix the price ranges before the robustness analysis.' });
  await notice.waitFor();
  assert.match(await notice.innerText(), /robustness\.ranges\[0\]\.highPct: must be at least lowPct/);
  assert.equal(await page.getByRole('status', { name: 'Robustness progress' }).count(), 0);
});
