import assert from 'node:assert/strict';
import { gpus, ranked, runAndWait } from './tests.mjs';

/**
 * "Start from a template" in the scenario panel (src/ui/TemplatePicker.tsx). Same shape as
 * tests.mjs; run with `node test/e2e/run.mjs "template"` after a build.
 */
export const tests = [];
const test = (name, fn, timeoutMs = 120_000) => tests.push({ name, fn, timeoutMs });

const savedScenario = (page) => page.evaluate(() => JSON.parse(localStorage.getItem('railyard.scenario') ?? 'null')?.state.scenario ?? null);
const replacedCopies = (page) =>
  page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('railyard.scenario:replaced:')).map((k) => ({ key: k, text: localStorage.getItem(k) })));

/** Opens the template section and picks a template, a size and the "vary only sourcing" switch. */
async function pickTemplate(page, title, size, onlySourcing = true) {
  const section = page.locator('details.section').filter({ has: page.getByText('Start from a template', { exact: true }) });
  if (!(await section.evaluate((d) => d.open))) await section.locator(':scope > summary').click();
  await page.getByRole('combobox', { name: 'Template' }).selectOption({ label: title });
  const sizeBox = section.getByRole('textbox');
  await sizeBox.fill(String(size));
  const box = page.getByRole('checkbox', { name: 'Vary only sourcing' });
  if (onlySourcing) await box.check();
  else await box.uncheck();
  return section;
}

const apply = (page) => page.getByRole('button', { name: 'Apply template' });

test('a template applied to the untouched default scenario replaces it at once with the pinned design; Undo brings the default back', async ({ page, open }) => {
  await open('/');
  const section = await pickTemplate(page, 'NVIDIA DGX SuperPOD B200 (scalable units)', 16);
  assert.match(await section.innerText(), /4,096 GPUs: 128 leaves, 128 spines, 64 cores \(QM9700\); the published table's counts/);
  await apply(page).click();
  await page.getByRole('status').filter({ hasText: 'Scenario set from the template NVIDIA DGX SuperPOD B200, 16 SU (4,096 GPUs), vary only sourcing.' }).waitFor();
  assert.equal(await gpus(page).inputValue(), '4096');
  const saved = await savedScenario(page);
  assert.equal(saved.cluster.serverProfile, 'hgx-b200-8x400g');
  assert.deepEqual(
    { tiers: saved.fabric.pin.tiers, leaf: saved.fabric.pin.leaf.switchesPerPlane, spine: saved.fabric.pin.spine.switchesPerPlane, core: saved.fabric.pin.core.switchesPerPlane },
    { tiers: 3, leaf: 128, spine: 128, core: 64 },
  );
  assert.equal(await page.getByRole('alertdialog').count(), 0, 'nothing to ask: the default scenario had no edits');

  // The panel says what is pinned; removing the pins lets the search choose again, and Undo puts them back.
  const pinned = page.getByRole('note', { name: 'Pinned design' });
  assert.match(await pinned.innerText(), /rail-optimized, infiniband, 1 plane, 3 tiers, 32 nodes per leaf group; leaf: 128 x QM9700 64x400G, 32 down, 32 up; spine: 128 x QM9700 64x400G, 32 down, 32 up; core: 64 x QM9700 64x400G, 64 down, 0 up/);
  await pinned.getByRole('button', { name: 'Remove pins' }).click();
  assert.equal((await savedScenario(page)).fabric.pin, undefined);
  assert.equal(await pinned.count(), 0);
  await page.getByRole('status').filter({ hasText: 'The pins are removed' }).getByRole('button', { name: 'Undo' }).click();
  assert.equal((await savedScenario(page)).fabric.pin.core.switchesPerPlane, 64);

  await page.getByRole('status').filter({ hasText: 'Scenario set from the template' }).getByRole('button', { name: 'Undo' }).click();
  assert.equal(await gpus(page).inputValue(), '1024');
  assert.equal((await savedScenario(page)).fabric.pin, undefined);
});

test('a template asks before replacing an edited scenario: "Keep my scenario" keeps it; "Replace" keeps a dated copy and Undo restores it', async ({ page, open }) => {
  await open('/');
  await gpus(page).fill('2048');
  await pickTemplate(page, 'NVIDIA DGX SuperPOD H100 (scalable units)', 4);
  await apply(page).click();
  const ask = page.getByRole('alertdialog', { name: 'Replace your scenario with the template?' });
  await ask.waitFor();
  assert.match(await ask.innerText(), /cluster\.gpus: 2048 → 1024/);
  assert.equal(await gpus(page).inputValue(), '2048', 'nothing is replaced before the user answers');
  await ask.getByRole('button', { name: 'Keep my scenario' }).click();
  await page.getByText('Your scenario is kept; the template was not applied.').waitFor();
  assert.equal((await savedScenario(page)).cluster.gpus, 2048);

  await apply(page).click();
  await ask.getByRole('button', { name: 'Replace my scenario' }).click();
  assert.equal(await gpus(page).inputValue(), '1024');
  assert.equal((await savedScenario(page)).fabric.pin.spine.switchesPerPlane, 16);
  const [copy] = await replacedCopies(page);
  assert.equal(JSON.parse(copy.text).cluster.gpus, 2048, 'the replaced scenario is kept as a dated copy');
  const notice = page.getByRole('status').filter({ hasText: 'Scenario set from the template NVIDIA DGX SuperPOD H100, 4 SU' });
  assert.match(await notice.innerText(), new RegExp(copy.key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  await notice.getByRole('button', { name: 'Undo' }).click();
  assert.equal(await gpus(page).inputValue(), '2048');
  assert.equal((await savedScenario(page)).cluster.gpus, 2048);
});

test('a template size it does not take is named with its rule, and Apply waits for a good one', async ({ page, open }) => {
  await open('/');
  const section = await pickTemplate(page, 'NVIDIA GB200 NVL72 (racks of 18 compute trays)', 100);
  const sizeBox = section.getByRole('textbox');
  assert.equal(await sizeBox.getAttribute('aria-invalid'), 'true');
  assert.match(await section.getByRole('alert').innerText(), /^Size must be a multiple of 72 GPUs from 72 to 65,520, got 100$/);
  assert.equal(await apply(page).isDisabled(), true);
  await sizeBox.fill('9216');
  assert.equal(await apply(page).isDisabled(), false);
  assert.match(await section.innerText(), /derived by the documented rules, not a published row/);
});

test('the SuperPOD H100 template at 4 SU optimizes to the published 32 QM9700 leaves and 16 spines; without "vary only sourcing" only family, technology and planes are pinned', async ({ page, open }) => {
  await open('/');
  await pickTemplate(page, 'NVIDIA DGX SuperPOD H100 (scalable units)', 4);
  await apply(page).click();
  await runAndWait(page);
  const top = ranked(page).locator('tbody tr').first();
  assert.match(await top.innerText(), /32 x QM9700 leaf \/ 16 x QM9700 spine/);

  await pickTemplate(page, 'NVIDIA DGX SuperPOD H100 (scalable units)', 4, false);
  await apply(page).click();
  await page.getByRole('alertdialog', { name: 'Replace your scenario with the template?' }).getByRole('button', { name: 'Replace my scenario' }).click();
  assert.deepEqual((await savedScenario(page)).fabric.pin, { family: 'rail-optimized', technology: 'infiniband', planes: 1 });
});
