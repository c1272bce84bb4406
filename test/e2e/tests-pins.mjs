import assert from 'node:assert/strict';
import { ranked, runAndWait } from './tests.mjs';

/**
 * Pinned choices in the app: the pin editor in the scenario panel (src/ui/PinEditor.tsx) and
 * "Keep this design, vary sourcing" on a result (src/ui/CandidateView.tsx). Same shape as
 * tests.mjs; run with `node test/e2e/run.mjs "pin"` after a build.
 */
export const tests = [];
const test = (name, fn, timeoutMs = 180_000) => tests.push({ name, fn, timeoutMs });

const savedPin = (page) => page.evaluate(() => JSON.parse(localStorage.getItem('railyard.scenario') ?? 'null')?.state.scenario.fabric.pin);

/** Opens the "Pinned choices" section and returns it. */
async function pinEditor(page) {
  const section = page.locator('details.section').filter({ has: page.getByText('Pinned choices', { exact: true }) });
  if (!(await section.evaluate((d) => d.open))) await section.locator(':scope > summary').click();
  return section;
}
const tier = (section, name) => section.getByRole('group', { name, exact: true });

/** The stats line's counts: designs evaluated plus pruned is the part of the space the run went through. */
async function searched(page) {
  const text = await page.locator('.results-head .stats').innerText();
  const m = /· ([\d,]+) evaluated(?:, ([\d,]+) pruned)?/.exec(text);
  assert.ok(m, `stats line counts the designs: ${text}`);
  const n = (s) => (s ? Number(s.replace(/,/g, '')) : 0);
  return n(m[1]) + n(m[2]);
}

const rowTexts = async (page) => (await ranked(page).locator('tbody tr').allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));

test('a leaf switch model and spine count set in the pin editor hold in every result row; clearing them removes fabric.pin', async ({ page, open }) => {
  await open('/');
  const section = await pinEditor(page);
  await tier(section, 'Leaf').getByRole('combobox', { name: 'Switch model' }).selectOption('QM9700');
  await tier(section, 'Spine').getByRole('textbox', { name: 'Switches per plane' }).fill('32');
  assert.deepEqual(await savedPin(page), { leaf: { switchModel: 'QM9700' }, spine: { switchesPerPlane: 32 } });
  const note = page.getByRole('note', { name: 'Pinned design' });
  assert.match(await note.innerText(), /leaf: QM9700; spine: 32 x/);
  // The port mode choices follow the pinned model.
  assert.deepEqual(await tier(section, 'Leaf').getByRole('combobox', { name: 'Port mode' }).locator('option').allInnerTexts(), ['Not pinned', '64x400G', '128x200G']);

  await runAndWait(page);
  const rows = await rowTexts(page);
  assert.ok(rows.length > 1, 'several designs meet the pins');
  for (const r of rows) {
    assert.match(r, /x QM9700 leaf/, r);
    assert.match(r, /\b32 x [\w-]+ spine/, r);
  }

  await tier(section, 'Spine').getByRole('textbox', { name: 'Switches per plane' }).fill('');
  await tier(section, 'Leaf').getByRole('combobox', { name: 'Switch model' }).selectOption({ label: 'Not pinned' });
  assert.equal(await savedPin(page), undefined);
  assert.equal(await note.count(), 0);
});

test('"Keep this design, vary sourcing" pins the best row; the re-run finds the same design first in a space of a few designs, and Undo restores the pin before', async ({ page, open }) => {
  await open('/');
  await runAndWait(page);
  const before = (await rowTexts(page))[0];
  const wide = await searched(page);
  await page.getByRole('tab', { name: 'Design' }).click();
  await page.getByRole('button', { name: 'Keep this design, vary sourcing' }).click();
  const notice = page.getByRole('status').filter({ hasText: 'Design pinned: run Optimize again to vary only its sourcing and media.' });
  await notice.waitFor();
  const pin = await savedPin(page);
  assert.ok(pin.family && pin.technology && pin.planes && pin.tiers && pin.nodesPerLeafGroup, JSON.stringify(pin));
  assert.equal(pin.spine.upPorts ?? pin.core?.upPorts, 0, 'the top tier has no up ports');
  // The editor shows the pinned values.
  const section = await pinEditor(page);
  assert.equal(await tier(section, 'Leaf').getByRole('textbox', { name: 'Switches per plane' }).inputValue(), String(pin.leaf.switchesPerPlane));

  await page.getByRole('tab', { name: 'Results' }).click();
  await runAndWait(page);
  const after = await rowTexts(page);
  // Rank, family, planes, tiers, capex: the same row (the stale badge aside).
  const cells = (r) => r.replace(/\bstale\b/g, '').trim();
  assert.equal(cells(after[0]), cells(before));
  const narrow = await searched(page);
  assert.ok(narrow <= 10, `the pinned space holds a few designs, ${narrow} searched`);
  assert.ok(wide > 100 * narrow, `${wide} searched before pinning`);

  await notice.getByRole('button', { name: 'Undo' }).click();
  assert.equal(await savedPin(page), undefined);
});

test('an invalid pin count shows the field\'s rule and keeps the saved pin', async ({ page, open }) => {
  await open('/');
  const section = await pinEditor(page);
  const spine = tier(section, 'Spine');
  const box = spine.getByRole('textbox', { name: 'Down ports' });
  await box.fill('32');
  await box.fill('-4');
  assert.equal(await box.getAttribute('aria-invalid'), 'true');
  assert.match(await spine.getByRole('alert').innerText(), /^must be a positive integer, got -4$/);
  await box.fill('2.5');
  assert.match(await spine.getByRole('alert').innerText(), /^must be an integer, got 2.5$/);
  assert.deepEqual(await savedPin(page), { spine: { downPorts: 32 } });
  assert.match(await section.locator('summary').first().innerText(), /1 pinned, 1 invalid/);
  await page.getByRole('status').filter({ hasText: 'invalid field' }).waitFor();
  await box.fill('48');
  assert.deepEqual(await savedPin(page), { spine: { downPorts: 48 } });
  assert.equal(await spine.getByRole('alert').count(), 0);
});
