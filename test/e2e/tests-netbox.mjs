import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { parse as parseCsv } from 'csv-parse/sync';
import { runAndWait } from './tests.mjs';

/** The NetBox import set is offered in the app, in import order, and its files refer to each other. */
export const tests = [];
const test = (name, fn, timeoutMs = 120_000) => tests.push({ name, fn, timeoutMs });

test('the design view downloads the eight NetBox import CSVs in order, and every cable end is an interface of a listed device', async ({ page, open }) => {
  await open('/');
  await runAndWait(page);
  await page.getByRole('tab', { name: 'Design' }).click();
  const card = page.getByRole('region', { name: 'Exports' });
  await card.getByText('NetBox import (8 CSV files').click();
  const group = card.getByRole('group', { name: 'NetBox import' });
  const buttons = await group.getByRole('button').allInnerTexts();
  assert.deepEqual(buttons, ['1. Sites', '2. Racks', '3. Manufacturers', '4. Device roles', '5. Device types', '6. Devices', '7. Interfaces', '8. Cables']);
  const files = {};
  for (const label of buttons) {
    const download = page.waitForEvent('download', { timeout: 15_000 });
    await group.getByRole('button', { name: label, exact: true }).click();
    const d = await download;
    assert.match(d.suggestedFilename(), /-netbox-\d-[a-z-]+\.csv$/);
    files[label.replace(/^\d\. /, '')] = parseCsv(await readFile(await d.path(), 'utf8'), { columns: true, bom: true });
  }
  const racks = new Set(files.Racks.map((r) => r.name));
  const devices = new Map(files.Devices.map((d) => [d.name, d]));
  for (const d of files.Devices) if (d.rack) assert.ok(racks.has(d.rack), `device ${d.name} stands in unknown rack ${d.rack}`);
  const interfaces = new Set(files.Interfaces.map((i) => `${i.device}|${i.name}`));
  for (const i of files.Interfaces) assert.ok(devices.has(i.device), `interface of unknown device ${i.device}`);
  assert.ok(files.Cables.length > 0);
  for (const c of files.Cables) {
    assert.ok(interfaces.has(`${c.side_a_device}|${c.side_a_name}`), `cable ${c.label}: A end ${c.side_a_device} ${c.side_a_name} is not an interface`);
    assert.ok(interfaces.has(`${c.side_b_device}|${c.side_b_name}`), `cable ${c.label}: B end ${c.side_b_device} ${c.side_b_name} is not an interface`);
  }
});
