import assert from 'node:assert/strict';
import { ranked, runAndWait } from './tests.mjs';

/** Browser tests of single-switch-failure safety and ECMP paths: the results table badge and the design view. */
export const tests = [];
const test = (name, fn, timeoutMs = 120_000) => tests.push({ name, fn, timeoutMs });

const BADGES = /^(1-fail safe|not 1-fail safe|single switch)$/;

test('every ranked design is badged 1-fail safe or not, with its reason, and the table still fits 1280 px', async ({ page, open }) => {
  await open('/');
  await runAndWait(page);
  const rows = ranked(page).locator('tbody tr');
  const n = await rows.count();
  assert.ok(n >= 3);
  for (let i = 0; i < n; i++) {
    const badge = rows.nth(i).locator('.fail-badge');
    assert.match(await badge.innerText(), BADGES, `row ${i + 1}`);
  }
  // The best 1,024-GPU design: 32 leaves under 16 spines.
  const best = rows.first().locator('.fail-badge');
  assert.equal(await best.innerText(), '1-fail safe');
  assert.match(await best.getAttribute('title'), /each leaf reaches 16 spines/);
  const { table, wrap } = await page.evaluate(() => {
    const t = document.querySelector('.results-table');
    return { table: t.scrollWidth, wrap: t.closest('.table-wrap').clientWidth };
  });
  assert.ok(table <= wrap + 1, `the table is ${table} px wide in a ${wrap} px box`);

  await page.getByRole('tab', { name: 'Design' }).click();
  const metrics = page.getByRole('region', { name: 'Metrics' });
  await metrics.waitFor();
  const text = await metrics.innerText();
  assert.match(text, /Single switch failure\s+Safe: each leaf reaches 16 spines, so losing any one spine or core leaves every leaf connected/i);
  assert.match(text, /ECMP paths\s+64 between two leaves \(16 spines, 2 parallel links each way\)/i);
});

test('a design with one spine is badged not 1-fail safe, and its design view says why and counts its paths', async ({ page, open, tsImport }) => {
  const { resilienceResult } = await tsImport('./resilience-result.ts');
  await open('/');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import results' }).click();
  await (await chooser).setFiles({ name: 'one-spine.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(resilienceResult())) });
  await page.getByText('Results imported from one-spine.json').waitFor();
  await page.getByRole('tab', { name: 'Results' }).click();
  const rows = ranked(page).locator('tbody tr');
  const single = rows.nth(0).locator('.fail-badge');
  assert.equal(await single.innerText(), 'single switch');
  assert.match(await single.getAttribute('title'), /One switch per plane: no spine to fail, and its own failure takes all 64 of its GPU ports/);
  const unsafe = rows.nth(1).locator('.fail-badge');
  assert.equal(await unsafe.innerText(), 'not 1-fail safe');
  assert.match(await unsafe.getAttribute('title'), /Each leaf reaches 1 spine: one spine failure cuts leaves off/);

  await rows.nth(1).getByRole('button', { name: /^Open design 2/ }).click();
  const metrics = page.getByRole('region', { name: 'Metrics' });
  await metrics.waitFor();
  const text = await metrics.innerText();
  assert.match(text, /Single switch failure\s+Not safe: each leaf reaches a single spine; its failure cuts those leaves off from the rest of the fabric/i);
  assert.match(text, /ECMP paths\s+1,024 between two leaves \(1 spine, 32 parallel links each way\)/i);
});
