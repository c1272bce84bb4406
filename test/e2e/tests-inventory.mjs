import assert from 'node:assert/strict';
import { dropFile, runAndWait } from './tests.mjs';

/** Browser tests of the Inventory panel: import, reuse in results, persistence, clearing. */
export const tests = [];
const test = (name, fn, timeoutMs = 120_000) => tests.push({ name, fn, timeoutMs });

// The default scenario (1,024 H100 GPUs) needs 48 QM9700; 40 owned ones are reused.
const INVENTORY_CSV = 'part,quantity,residual value,condition\nQM9700,40,10000,"ex-Hopper, tested"\n';

async function importInventoryCsv(page, name, text) {
  await page.getByRole('tab', { name: 'Inventory' }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import inventory CSV' }).click();
  await (await chooser).setFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
}

test('inventory: an imported CSV is reused by the search, and the design shows reused and bought lines with the saving', async ({ page, open }) => {
  await open('/');
  // Nothing owned yet: the sourcing matrix's Owned switches choice would change nothing.
  const ownedSwitches = page.getByRole('checkbox', { name: 'Switches: Owned (reused)' });
  assert.equal(await ownedSwitches.isDisabled(), true);
  assert.equal(await ownedSwitches.isChecked(), true, 'owned parts are allowed by default');
  await importInventoryCsv(page, 'owned.csv', INVENTORY_CSV);
  await page.getByText('owned.csv applied to the inventory: 0 lines updated, 1 added.').waitFor();
  const owned = page.getByRole('table').filter({ hasText: 'Residual value / unit' });
  assert.equal(await owned.getByRole('textbox', { name: 'QM9700 quantity' }).inputValue(), '40');
  assert.match(await page.locator('.inventory').innerText(), /1 lines, 40 units, residual value \$400,000/);
  assert.equal(await ownedSwitches.isDisabled(), false);

  await page.getByRole('tab', { name: 'Results' }).click();
  await runAndWait(page);
  await page.getByRole('tab', { name: 'Design' }).click();
  const reuse = page.getByRole('region', { name: 'Reused and bought' });
  await reuse.waitFor();
  const reused = await reuse.locator('tr.reused-line').allInnerTexts();
  assert.deepEqual(reused.map((t) => t.replace(/\s+/g, ' ').trim()), ['QM9700 40 $400,000']);
  const bought = (await reuse.locator('tr.bought-line').allInnerTexts()).join('\n');
  assert.match(bought, /QM9700\s+oem-refurbished/, 'the switches beyond the owned 40 are bought');
  const text = await reuse.innerText();
  assert.match(text, /Saving against buying everything\s+\$[\d,]+/);
  assert.match(text, /Residual value of what is reused\s+\$400,000/);

  // Persisted: a reload keeps the inventory.
  await page.reload();
  await page.getByRole('tab', { name: 'Inventory' }).click();
  assert.equal(await page.getByRole('textbox', { name: 'QM9700 quantity' }).inputValue(), '40');
});

test('inventory: a bad CSV is refused row by row and changes nothing; clearing asks first', async ({ page, open }) => {
  await open('/');
  await importInventoryCsv(page, 'good.csv', INVENTORY_CSV);
  await page.getByText('good.csv applied to the inventory').waitFor();
  await importInventoryCsv(page, 'bad.csv', 'part,quantity\nQM9700-X,2\nQM9700,-4\n');
  await page.getByText('bad.csv was not imported: fix these rows; the inventory is unchanged.').waitFor();
  await page.getByText('row 3, quantity: must not be negative, got -4').waitFor();
  await importInventoryCsv(page, 'bad2.csv', 'part,quantity\nQM9700-X,2\n');
  await page.getByText('row 2, part: must name a switch, transceiver or cable in the catalog, got "QM9700-X"').waitFor();
  assert.equal(await page.getByRole('textbox', { name: 'QM9700 quantity' }).inputValue(), '40');

  // An invalid edit stays a draft with its message; the saved quantity is unchanged.
  await page.getByRole('textbox', { name: 'QM9700 quantity' }).fill('2.5');
  await page.getByRole('alert').filter({ hasText: 'must be an integer, got 2.5' }).waitFor();
  await page.getByRole('textbox', { name: 'QM9700 quantity' }).fill('12');

  // Pasted CSV goes through the same validation.
  await page.getByRole('textbox', { name: 'Inventory CSV text' }).fill('part,lengthM,quantity\nMFP7E10-N0xx,3,100\n');
  await page.getByRole('button', { name: 'Apply pasted CSV' }).click();
  await page.getByText('The pasted CSV applied to the inventory: 0 lines updated, 1 added.').waitFor();
  assert.equal(await page.getByRole('textbox', { name: 'MFP7E10-N0xx at 3 m quantity' }).inputValue(), '100');

  await page.getByRole('button', { name: 'Clear inventory' }).click();
  await page.getByRole('group', { name: 'Confirm clearing the inventory' }).getByRole('button', { name: 'Cancel' }).click();
  assert.equal(await page.getByRole('textbox', { name: 'QM9700 quantity' }).inputValue(), '12');
  await page.getByRole('button', { name: 'Clear inventory' }).click();
  await page.getByRole('button', { name: 'Yes, clear' }).click();
  await page.getByText('Nothing owned yet').waitFor();
});

test('inventory: a dropped inventory JSON is recognised and loaded; an invalid one is refused by field path', async ({ page, open }) => {
  await open('/');
  const drop = (name, doc) => dropFile(page, name, JSON.stringify(doc));
  await drop('bad-inventory.json', { kind: 'inventory', items: [{ part: 'QM9700', quantity: 1 }, { part: 'NOPE', quantity: 2 }] });
  await page.getByText('bad-inventory.json was not imported: the inventory is invalid. Your inventory is unchanged.').waitFor();
  await page.getByText('items[1].part: must name a switch, transceiver or cable in the catalog, got "NOPE"').waitFor();
  await drop('owned.json', { kind: 'inventory', name: 'Shelf', items: [{ part: 'MMA4Z00-NS400', quantity: 300, residualValue: 150 }] });
  await page.getByText('Inventory loaded from owned.json.').waitFor();
  await page.getByRole('tab', { name: 'Inventory' }).click();
  assert.equal(await page.getByRole('textbox', { name: 'MMA4Z00-NS400 quantity' }).inputValue(), '300');
});
