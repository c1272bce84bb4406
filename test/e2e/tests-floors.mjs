import assert from 'node:assert/strict';
import { gpus, ranked, runAndWait, setProfile } from './tests.mjs';

/** Browser tests of floors and fabric defaults that follow the servers and the cluster size. */
export const tests = [];
const test = (name, fn, timeoutMs = 240_000) => tests.push({ name, fn, timeoutMs });

const overlaps = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

test('9,216 x GB200 NVL72: the Floor card shows racks of 18 nodes and no switch in a compute rack; the table shows end-to-end and rail-local columns; Pareto labels do not overlap', async ({ page, open }) => {
  await open('/');
  await gpus(page).waitFor();
  await setProfile(page, 'gb200-nvl72');
  await gpus(page).fill('9216');
  await runAndWait(page, 200_000);

  const table = ranked(page);
  await table.getByRole('columnheader', { name: /End-to-end/ }).waitFor();
  await table.getByRole('columnheader', { name: /Rail-local/ }).waitFor();
  const headers = await table.getByRole('columnheader').allInnerTexts();
  const e2e = headers.findIndex((h) => h.startsWith('End-to-end'));
  const local = headers.findIndex((h) => h.startsWith('Rail-local'));
  assert.ok(e2e >= 0 && local >= 0, `columns: ${headers.join(' | ')}`);
  const firstRow = await table.locator('tbody tr').first().locator('td, th').allInnerTexts();
  assert.match(firstRow[e2e], /^\d+(\.\d+)?(:1)?$/, `end-to-end cell: ${firstRow[e2e]}`);
  assert.match(firstRow[local], /^[\d,]+/, `rail-local cell: ${firstRow[local]}`);

  // Pareto chart: every rank label's box is clear of every other.
  const labels = page.locator('figure.chart text.pt-label');
  const boxes = [];
  for (let i = 0; i < (await labels.count()); i++) {
    const b = await labels.nth(i).boundingBox();
    if (b) boxes.push({ ...b, text: await labels.nth(i).textContent() });
  }
  assert.ok(boxes.length >= 2, `the chart labels at least two designs (${boxes.length})`);
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++)
      assert.ok(!overlaps(boxes[i], boxes[j]), `labels "${boxes[i].text}" and "${boxes[j].text}" overlap`);

  await page.getByRole('tab', { name: 'Design' }).click();
  const floor = page.getByRole('region', { name: 'Floor' });
  await floor.waitFor();
  const text = await floor.innerText();
  assert.match(text, /128 racks of 18 nodes/, text);
  assert.match(text, /never in compute racks/, text);
  assert.match(text, /\b0 in compute racks/, text);
});

test('the fabric fields show the plane count and oversubscription the cluster size resolves to, and the new limits by name', async ({ page, open }) => {
  await open('/');
  await gpus(page).waitFor();
  const e2e = page.getByRole('textbox', { name: 'Max end-to-end oversubscription' });
  assert.match(await e2e.getAttribute('placeholder'), /= max oversubscription \(1\)/);
  const planes = page.getByRole('group', { name: 'Plane counts' });
  await planes.getByText(/Default for 1,024 GPUs: 1 plane/).waitFor();
  assert.equal(await planes.getByRole('checkbox', { name: '1 plane' }).isChecked(), true);
  await gpus(page).fill('1048576');
  await planes.getByText(/Default for 1,048,576 GPUs: 1 and 2 planes/).waitFor();
  assert.equal(await planes.getByRole('checkbox', { name: '2 planes' }).isChecked(), true);
  // Ticking a box pins the list; Use default leaves it out again.
  await planes.getByRole('checkbox', { name: '4 planes' }).check();
  await planes.getByRole('button', { name: 'Use default' }).click();
  await planes.getByText(/Default for 1,048,576 GPUs/).waitFor();

  // InfiniBand alone (the app's default) has no 200G switch of more than 128 ports: past what 2 planes
  // connect non-blocking, the left-out oversubscription grows, and the fields say so.
  await page.getByRole('combobox', { name: 'Max oversubscription' }).getByRole('option', { name: /^Default \(8:1: no plane count connects this cluster non-blocking\)/ }).waitFor({ state: 'attached' });
  assert.match(await e2e.getAttribute('placeholder'), /= max oversubscription \(8\)/);
  await e2e.fill('0.5');
  await page.getByText('must be at least 1 (1 = non-blocking end to end), got 0.5').waitFor();
  await page.getByRole('textbox', { name: 'Min rail-local GPUs' }).fill('2.5');
  await page.getByText('must be an integer, got 2.5').waitFor();
  await page.getByRole('textbox', { name: 'Spare optics' }).fill('120');
  await page.getByText('must be at most 100%, got 120').waitFor();
});

test('at 1280 px every column of the ranked table, end-to-end and rail-local included, fits without scrolling sideways', async ({ page, open }) => {
  await open('/');
  await runAndWait(page);
  const { table, wrap, heads } = await page.evaluate(() => {
    const t = document.querySelector('.results-table');
    return { table: t.scrollWidth, wrap: t.closest('.table-wrap').clientWidth, heads: [...t.querySelectorAll('thead th')].map((th) => th.textContent) };
  });
  assert.ok(heads.some((h) => /End-to-end/.test(h)) && heads.some((h) => /Rail-local/.test(h)), `columns: ${heads.join(', ')}`);
  assert.ok(table <= wrap + 1, `the table is ${table} px wide in a ${wrap} px box`);
});
