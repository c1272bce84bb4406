import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { dropScenario, runAndWait } from './tests.mjs';

/** Browser tests of the orderable BOM in the design view. */
export const tests = [];
const test = (name, fn, timeoutMs = 120_000) => tests.push({ name, fn, timeoutMs });

const EXAMPLE = JSON.parse(await readFile(new URL('../../examples/h100-1024-ndr.json', import.meta.url), 'utf8'));

test('the BOM table shows each line\'s orderable part number, lead time, warranty, typical and maximum power and confidence', async ({ page, open }) => {
  await open('/');
  await dropScenario(page, 'h100-1024-ndr.json', EXAMPLE);
  await runAndWait(page);
  await page.getByRole('tab', { name: 'Design' }).click();
  const bom = page.getByRole('table', { name: 'Bill of materials' });
  await bom.waitFor();
  const headers = await bom.locator('thead th').allInnerTexts();
  assert.deepEqual(headers.map((h) => h.trim()), ['Part number', 'Source · vendor', 'Len.', 'Qty', 'Unit', 'Extended', 'Lead', 'Power', 'Conf.']);
  const dac = bom.locator('tbody tr', { hasText: 'MCP7Y00-N002' });
  assert.equal(await dac.count(), 1, 'the 2 m splitter DAC is listed by its length-coded number');
  const dacCells = (await dac.locator('td').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  assert.equal(dacCells[2], '2 m');
  assert.match(dacCells[6], /^\d+ wk \d+ y warr\.$/);
  assert.equal(dacCells[8], 'verified');
  const sw = bom.locator('tbody tr', { hasText: 'QM9700' }).first();
  const swCells = (await sw.locator('td').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  assert.match(swCells[7], /^[\d.]+ kW [\d.]+ kW max$/, `power typical over maximum: ${swCells[7]}`);
  assert.equal(swCells[8], 'estimated');
  // The total row carries the design's power and longest lead time.
  assert.match(await bom.locator('tfoot tr').first().innerText(), /Total\s+\$[\d,]+\s+\d+ wk\s+[\d.]+ kW/);
});
