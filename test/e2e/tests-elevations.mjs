import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { parse as parseCsv } from 'csv-parse/sync';
import { dropScenario, runAndWait } from './tests.mjs';

/** Browser tests of the rack elevations in the design view and the rack CSV in the export card. */
export const tests = [];
const test = (name, fn, timeoutMs = 120_000) => tests.push({ name, fn, timeoutMs });

const EXAMPLE = JSON.parse(await readFile(new URL('../../examples/h100-1024-ndr.json', import.meta.url), 'utf8'));

const region = (page) => page.getByRole('region', { name: 'Rack elevations' });
const rackImages = (page) => region(page).getByRole('img', { name: /^Rack / });

test('the 1,024-GPU example shows every rack with a switch as an SVG column, U positions labelled, named switches, rack power, a type summary and a table', async ({ page, open }) => {
  await open('/');
  await dropScenario(page, 'h100-1024-ndr.json', EXAMPLE);
  await runAndWait(page);
  await page.getByRole('tab', { name: 'Design' }).click();
  await rackImages(page).first().waitFor({ timeout: 30_000 });
  // 32 compute racks with a top-of-rack leaf each, and the spines' network rack.
  assert.equal(await rackImages(page).count(), 33);
  const first = rackImages(page).first();
  assert.match(await first.getAttribute('aria-label'), /^Rack R01-01, compute rack of 42 U: 1 switches, 4 servers; network power [\d.,]+ k?W typical, [\d.,]+ k?W maximum$/);
  const texts = await first.locator('text').allTextContents();
  for (const u of ['1', '21', '42']) assert.ok(texts.includes(u), `U ${u} is labelled`);
  assert.ok(texts.some((t) => /^p1-leaf-01 · QM9700$/.test(t)), `the leaf is named: ${texts.join(' | ')}`);
  assert.ok(texts.some((t) => /typ · .* max/.test(t)), 'the rack shows its power');
  const network = region(page).getByRole('img', { name: /^Rack NET-01, network rack of 42 U: 16 switches/ });
  assert.equal(await network.count(), 1);
  assert.ok((await network.locator('text').allTextContents()).includes('patch panels'));
  // The columns scroll inside their own box instead of widening the page.
  const box = region(page).locator('.elev-scroll');
  const { scrollWidth, clientWidth } = await box.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
  assert.ok(scrollWidth > clientWidth, 'the racks scroll sideways');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'the page itself does not scroll sideways');
  const types = region(page).getByRole('table', { name: 'Racks by type' });
  assert.match(await types.innerText(), /compute rack, 4 servers \+ 1 x QM9700 leaf\s+32/);
  assert.match(await types.innerText(), /network rack, 16 x QM9700 spine\s+1/);
  // The table alternative lists every drawn switch with its U.
  await region(page).getByText('Table of the drawn racks').click();
  const table = region(page).getByRole('table', { name: 'Rack elevations table' });
  await table.waitFor();
  assert.equal(await table.locator('tbody tr:not(.group-row)').filter({ hasText: /QM9700/ }).count(), 48);
});

test('a 1,048,576-GPU fabric draws its first 40 racks and counts the rest by type', async ({ page, open, tsImport }) => {
  const { millionGpuResult } = await tsImport('./big-result.ts');
  const result = millionGpuResult();
  await open('/');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import results' }).click();
  await (await chooser).setFiles({ name: 'million.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(result)) });
  await page.getByText('Results imported from million.json').waitFor({ timeout: 60_000 });
  await page.getByRole('tab', { name: 'Design' }).click();
  await rackImages(page).first().waitFor({ timeout: 60_000 });
  assert.equal(await rackImages(page).count(), 40);
  const networkRacks = result.candidates[0].metrics.networkRacks;
  await region(page).getByRole('note').filter({ hasText: `+ ${(networkRacks - 40).toLocaleString('en-US')} more racks with switches` }).waitFor();
  const types = region(page).getByRole('table', { name: 'Racks by type' });
  const rows = await types.locator('tbody tr').count();
  assert.ok(rows >= 2 && rows < 10, `a handful of rack types, got ${rows}`);
  const summary = await region(page).locator('.elev-summary').innerText();
  assert.match(summary, new RegExp(`[\\d,]+ racks, ${networkRacks.toLocaleString('en-US')} with switches; the first 40 are drawn`));
  // Network racks over the floor's power limit are counted in the summary and flagged in the type table.
  const over = Number(/([\d,]+) network racks? over the limit/.exec(summary)?.[1].replace(/,/g, '') ?? 0);
  assert.ok(over > 0, summary);
  const flagged = await types.locator('tbody tr').evaluateAll((trs) => trs.reduce((x, tr) => x + Number(tr.cells[4].textContent.replace(/,/g, '')) || x, 0));
  assert.equal(flagged, over);
}, 180_000);

test('the rack elevations CSV downloads from the export card with one row per server, switch and patch panel', async ({ page, open }) => {
  await open('/');
  await dropScenario(page, 'h100-1024-ndr.json', EXAMPLE);
  await runAndWait(page);
  await page.getByRole('tab', { name: 'Design' }).click();
  const button = page.getByRole('region', { name: 'Exports' }).getByRole('button', { name: 'Rack elevations CSV', exact: true });
  const download = page.waitForEvent('download', { timeout: 30_000 });
  await button.click();
  const d = await download;
  const rows = parseCsv(await readFile(await d.path(), 'utf8'), { columns: true });
  assert.equal(rows.filter((r) => r.role === 'node').length, 128);
  assert.equal(rows.filter((r) => ['leaf', 'spine', 'core'].includes(r.role)).length, 48);
  assert.equal(rows.filter((r) => r.role === 'patch-panel').length, 1);
});
