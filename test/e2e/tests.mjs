import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { validateJsonSchema } from './json-schema.mjs';

/**
 * Browser tests. Each gets `page` (a fresh profile at 1280x800 on the served dist/), `origin`,
 * `open(path)` and `newProfile()` for a second, empty browser profile; `checkResult` is the model's validator.
 */
export const tests = [];
const test = (name, fn, timeoutMs = 120_000) => tests.push({ name, fn, timeoutMs });

const gpus = (page) => page.getByRole('textbox', { name: 'GPUs', exact: true });
const optimize = (page) => page.getByRole('button', { name: 'Optimize', exact: true });
const ranked = (page) => page.getByRole('table', { name: 'Ranked designs' });

async function runAndWait(page, timeout = 90_000) {
  await optimize(page).click();
  await page.getByRole('button', { name: 'Optimize', exact: true }).and(page.locator(':enabled')).waitFor({ timeout });
  await ranked(page).locator('tbody tr').first().waitFor({ timeout: 5_000 });
}

async function setProfile(page, id) {
  await page.getByRole('combobox', { name: 'Server profile' }).selectOption(id);
}

test('the default scenario optimizes and shows ranked results', async ({ page, open }) => {
  await open('/');
  assert.equal(await gpus(page).inputValue(), '1024');
  await page.getByText('No results yet').waitFor();
  await runAndWait(page);
  const rows = ranked(page).locator('tbody tr');
  assert.ok((await rows.count()) >= 3, 'expected several ranked designs');
  const first = await rows.first().innerText();
  assert.match(first, /^1\b/);
  assert.match(first, /QM9700/);
  assert.match(first, /\$[\d,]+/);
  // The design view shows the diagram, BOM and metrics of the top design.
  await page.getByRole('tab', { name: 'Design' }).click();
  await page.getByRole('img', { name: /^Topology:/ }).waitFor();
  await page.getByRole('table', { name: 'Bill of materials' }).waitFor();
  assert.ok(await page.getByRole('button', { name: 'Export JSON', exact: true }).isVisible());
});

test('4,096 B200 GPUs on QM9700 rail-optimized need 3 tiers', async ({ page, open }) => {
  await open('/');
  await setProfile(page, 'hgx-b200-8x400g');
  await gpus(page).fill('4096');
  await page.getByRole('checkbox', { name: 'Fat-tree' }).uncheck();
  await page.getByRole('checkbox', { name: 'Rail-only' }).uncheck();
  const models = page.getByRole('group', { name: /Switch models/ }).getByRole('checkbox');
  for (let i = 0; i < (await models.count()); i++) {
    const box = models.nth(i);
    const label = await box.evaluate((el) => el.parentElement.textContent.trim());
    if (label === 'QM9700') await box.check();
    else await box.uncheck();
  }
  await runAndWait(page);
  const top = ranked(page).locator('tbody tr').first();
  assert.match(await top.innerText(), /^1\b/);
  await page.getByRole('tab', { name: 'Design' }).click();
  const tierRows = page.getByRole('region', { name: 'Tiers' }).locator('tbody tr');
  assert.equal(await tierRows.count(), 3, 'top candidate should have leaf, spine and core tiers');
  const summary = await page.locator('.candidate-head').innerText();
  assert.match(summary, /Rail-optimized/);
  assert.match(summary, /QM9700 leaf .* QM9700 spine .* QM9700 core/);
});

test('Cancel stops a large run and keeps the page responsive', async ({ page, open }) => {
  await open('/');
  await gpus(page).fill('65536');
  await page.getByRole('checkbox', { name: 'Ethernet (RoCE)' }).check();
  await optimize(page).click();
  const bar = page.getByRole('progressbar', { name: 'Search progress' });
  await bar.waitFor({ timeout: 10_000 });
  // The main thread is free while the worker searches: typing into a field still works.
  await page.getByRole('textbox', { name: 'Scenario name' }).fill('large run');
  assert.equal(await page.getByRole('textbox', { name: 'Scenario name' }).inputValue(), 'large run');
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await page.getByText('Search cancelled.').waitFor({ timeout: 5_000 });
  assert.equal(await bar.count(), 0);
  assert.ok(await optimize(page).isEnabled());
});

test('an invalid scenario import shows the error and keeps the current scenario', async ({ page, open }) => {
  await open('/');
  await gpus(page).fill('2048');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import scenario' }).click();
  const bad = { schemaVersion: 1, cluster: { gpus: -8, serverProfile: 'hgx-h100-8x400g' }, fabric: { maxTiers: 5 } };
  await (await chooser).setFiles({ name: 'bad-scenario.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
  const alert = page.getByRole('alert').filter({ hasText: 'bad-scenario.json was not imported' });
  await alert.waitFor();
  const text = await alert.innerText();
  assert.match(text, /cluster\.gpus: must be a positive integer, got -8/);
  assert.match(text, /fabric\.maxTiers: must be 1, 2 or 3, got 5/);
  assert.equal(await gpus(page).inputValue(), '2048');
  // Unparseable JSON is refused the same way.
  const chooser2 = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import scenario' }).click();
  await (await chooser2).setFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"cluster": ') });
  await page.getByRole('alert').filter({ hasText: 'broken.json was not imported' }).waitFor();
  assert.equal(await gpus(page).inputValue(), '2048');
});

test('an invalid field shows the CLI message, blocks Optimize and keeps the other fields', async ({ page, open }) => {
  await open('/');
  await page.getByRole('textbox', { name: 'Top-K designs' }).fill('7');
  await gpus(page).fill('-8');
  await page.getByText('must be a positive integer, got -8').waitFor();
  assert.equal(await optimize(page).isDisabled(), true);
  assert.equal(await page.getByRole('textbox', { name: 'Top-K designs' }).inputValue(), '7');
  await gpus(page).fill('512');
  assert.equal(await optimize(page).isEnabled(), true);
  assert.equal(await page.getByText('must be a positive integer').count(), 0);
});

test('Export JSON downloads a result that validates against the published schema', async ({ page, open, checkResult, resultJsonSchema }) => {
  await open('/');
  await gpus(page).fill('256');
  await runAndWait(page);
  await page.getByRole('tab', { name: 'Design' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export JSON', exact: true }).click();
  const file = await (await download).path();
  const doc = JSON.parse(await readFile(file, 'utf8'));
  const checked = checkResult(doc);
  assert.ok(checked.ok, checked.ok ? '' : JSON.stringify(checked.problems.slice(0, 5)));
  assert.equal(doc.candidates.length, 1);
  assert.equal(doc.scenario.cluster.gpus, 256);
  if (resultJsonSchema) assert.deepEqual(validateJsonSchema(resultJsonSchema, doc), [], 'the download must validate against result.schema.json');
  // The all-results file validates too.
  const all = page.waitForEvent('download');
  await page.getByRole('button', { name: 'All results JSON' }).click();
  const allDoc = JSON.parse(await readFile(await (await all).path(), 'utf8'));
  assert.ok(checkResult(allDoc).ok);
  assert.ok(allDoc.candidates.length > 1);
  if (resultJsonSchema) assert.deepEqual(validateJsonSchema(resultJsonSchema, allDoc), []);
});

test('a reload keeps the scenario, the catalog edits and the results', async ({ page, open }) => {
  await open('/');
  await gpus(page).fill('512');
  await page.getByRole('checkbox', { name: 'Rail-only' }).uncheck();
  await page.getByRole('tab', { name: 'Catalog' }).click();
  await page.getByRole('textbox', { name: 'QM9700:oem-new price' }).fill('47000');
  await page.getByRole('tab', { name: 'Results' }).click();
  await runAndWait(page);
  await page.reload();
  assert.equal(await gpus(page).inputValue(), '512');
  await page.getByRole('tab', { name: 'Catalog' }).click();
  assert.equal(await page.getByRole('textbox', { name: 'QM9700:oem-new price' }).inputValue(), '47000');
  await page.getByRole('tab', { name: 'Results' }).click();
  assert.equal(await page.getByRole('checkbox', { name: 'Rail-only' }).isChecked(), false);
  await ranked(page).locator('tbody tr').first().waitFor();
  // Changing the scenario marks the restored results stale, and that survives a reload too.
  await gpus(page).fill('640');
  await page.getByText('The scenario or catalog changed since these results were computed').waitFor();
  await page.reload();
  await page.getByText('The scenario or catalog changed since these results were computed').waitFor();
  assert.equal(await gpus(page).inputValue(), '640');
});

test('a scenario dropped on the page loads; an invalid one is refused', async ({ page, open }) => {
  await open('/');
  const drop = (name, text) => page.evaluate(([name, text]) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], name, { type: 'application/json' }));
    window.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, cancelable: true }));
  }, [name, text]);
  await drop('pod.json', JSON.stringify({ cluster: { gpus: 2304, serverProfile: 'gb200-nvl72' } }));
  await page.getByText('Scenario loaded from pod.json.').waitFor();
  assert.equal(await gpus(page).inputValue(), '2304');
  await drop('typo.json', JSON.stringify({ cluster: { gpus: 64 }, fabric: { familys: ['fat-tree'] } }));
  const alert = page.getByRole('alert').filter({ hasText: 'typo.json was not imported' });
  await alert.waitFor();
  assert.match(await alert.innerText(), /fabric\.familys: is not a known field/);
  assert.equal(await gpus(page).inputValue(), '2304');
});

test('a corrupt saved scenario does not crash the app and is kept aside', async ({ page, open, context, origin }) => {
  await context.addInitScript(() => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('railyard.scenario', '{"state": {"scenario": ');
      sessionStorage.setItem('seeded', '1');
    }
  });
  void origin;
  await open('/');
  await page.getByText('Your saved scenario could not be read').waitFor();
  assert.equal(await gpus(page).inputValue(), '1024');
  const backup = await page.evaluate(() => localStorage.getItem('railyard.scenario:unreadable-backup'));
  assert.equal(backup, '{"state": {"scenario": ');
});

test('a copied link reproduces the scenario in a new profile', async ({ page, open, newProfile }) => {
  await open('/');
  await gpus(page).fill('3072');
  await setProfile(page, 'mi300x-8x400g');
  await page.getByRole('checkbox', { name: 'Ethernet (RoCE)' }).check();
  await page.getByRole('button', { name: 'Copy link' }).click();
  await page.waitForFunction(() => location.hash.startsWith('#s='));
  const url = page.url();
  const other = await newProfile();
  await other.goto(url);
  await other.getByText('Scenario loaded from the link.').waitFor();
  assert.equal(await gpus(other).inputValue(), '3072');
  assert.equal(await other.getByRole('combobox', { name: 'Server profile' }).inputValue(), 'mi300x-8x400g');
  assert.equal(await other.getByRole('checkbox', { name: 'Ethernet (RoCE)' }).isChecked(), true);
});

test('a price list with a bad row changes no price and names the row and field', async ({ page, open }) => {
  await open('/');
  await page.getByRole('tab', { name: 'Catalog' }).click();
  await page.getByText(/illustrative 2026 estimate — replace with your quotes/).first().waitFor();
  const before = await page.getByRole('textbox', { name: 'QM9700:oem-new price' }).inputValue();
  const csv = 'offer id,part,source,vendor,price\nQM9700:oem-new,QM9700,oem-new,NVIDIA,41000\nbad,QM9700,used,Broker,-5\n';
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import price list CSV' }).click();
  await (await chooser).setFiles({ name: 'quotes.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const alert = page.getByRole('alert').filter({ hasText: 'quotes.csv was not imported' });
  await alert.waitFor();
  assert.match(await alert.innerText(), /row 3, source: must be one of/);
  assert.match(await alert.innerText(), /row 3, price: must not be negative/);
  assert.equal(await page.getByRole('textbox', { name: 'QM9700:oem-new price' }).inputValue(), before);
  const good = 'offer id,part,source,vendor,price\nQM9700:oem-new,QM9700,oem-new,NVIDIA,41000\n';
  const chooser2 = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import price list CSV' }).click();
  await (await chooser2).setFiles({ name: 'quotes2.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
  await page.getByText('Price list quotes2.csv applied: 1 offers updated, 0 added.').waitFor();
  assert.equal(await page.getByRole('textbox', { name: 'QM9700:oem-new price' }).inputValue(), '41000');
});
