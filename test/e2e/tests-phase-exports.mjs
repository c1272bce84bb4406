import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { parse as parseCsv } from 'csv-parse/sync';
import { dropScenario, ranked, runAndWait } from './tests.mjs';
import { PHASED } from './tests-phases.mjs';

/** Browser tests of exports for one phase of a phased result (docs/exports.md "Phases"). */
export const tests = [];
const test = (name, fn, timeoutMs = 120_000) => tests.push({ name, fn, timeoutMs });

const exportsCard = (page) => page.getByRole('region', { name: 'Exports' });
const num = (text) => Number(text.replace(/[$,]/g, ''));

/** Clicks an export button and returns the downloaded file's name and rows. */
async function download(page, name) {
  const pending = page.waitForEvent('download', { timeout: 30_000 });
  await exportsCard(page).getByRole('button', { name, exact: true }).click();
  const d = await pending;
  const rows = parseCsv(await readFile(await d.path(), 'utf8'), { columns: true });
  await exportsCard(page).getByRole('status').filter({ hasText: `Downloaded ${d.suggestedFilename()} (` }).waitFor({ timeout: 10_000 });
  return { name: d.suggestedFilename(), rows };
}

test("phase exports: phase 2's cable schedule and BOM download under phase-2 names and hold what the Phases card says phase 2 adds and costs", async ({ page, open }) => {
  await open('/');
  await dropScenario(page, 'phased.json', PHASED);
  await runAndWait(page);
  await ranked(page).waitFor();
  await page.getByRole('tab', { name: 'Design' }).click();
  const card = page.getByRole('region', { name: 'Phases' });
  await card.waitFor();
  // The Phases card's row for phase 2: "2 12 4,096 48 leaf switches, 6,144 links $4,100,506 ...".
  const row = (await card.locator('tr.phase-row').nth(1).innerText()).replace(/\s+/g, ' ').trim();
  const m = /^2 12 4,096 (\d+) leaf switches, ([\d,]+) links (\$[\d,]+)/.exec(row);
  assert.ok(m, `phase 2 row: ${row}`);
  const [leaves, links, capex] = [Number(m[1]), num(m[2]), num(m[3])];

  const select = exportsCard(page).getByLabel('Export for');
  assert.deepEqual(await select.locator('option').allInnerTexts(), ['Whole design', 'Phase 1 (month 0, 1,024 GPUs)', 'Phase 2 (month 12, 4,096 GPUs)']);
  await select.selectOption({ label: 'Phase 2 (month 12, 4,096 GPUs)' });

  const cables = await download(page, 'Cable schedule CSV');
  assert.match(cables.name, /-phase2-cables\.csv$/);
  assert.ok(cables.rows.length > 0);
  assert.ok(cables.rows.every((r) => r.phase === '2'), 'every cable of the phase-2 schedule is pulled in phase 2');
  assert.equal(cables.rows.reduce((x, r) => x + Number(r.links), 0), links, 'its legs are the links phase 2 adds');
  assert.equal(new Set(cables.rows.filter((r) => r.link_class === 'leaf-spine').map((r) => r.a_device)).size, leaves, 'its uplinks come from the leaves phase 2 adds');

  const bom = await download(page, 'BOM CSV');
  assert.match(bom.name, /-phase2-bom\.csv$/);
  assert.ok(bom.rows.every((r) => r.phase === '2'));
  const total = Number(bom.rows.find((r) => r.row === 'total').subtotal);
  assert.equal(Math.round(total), capex, "the BOM totals phase 2's capex");
  assert.equal(Number(bom.rows.find((r) => r.row === 'subtotal-category' && r.category === 'switch').quantity), leaves, 'it buys the leaves phase 2 adds');

  // Back to the whole design: the BOM is the candidate's, without a phase column.
  await select.selectOption({ label: 'Whole design' });
  const whole = await download(page, 'BOM CSV');
  assert.doesNotMatch(whole.name, /phase/);
  assert.ok(!('phase' in whole.rows[0]));
  assert.ok(Number(whole.rows.find((r) => r.row === 'total').subtotal) > total);
});
