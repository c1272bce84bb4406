import assert from 'node:assert/strict';
import { gpus } from './tests.mjs';

/**
 * "Reset scenario" never loses an edited scenario: a dated copy in localStorage and Undo.
 * Same shape as tests.mjs; run with `node test/e2e/run.mjs "<name part>"` after a build.
 */
export const tests = [];
const test = (name, fn, timeoutMs = 120_000) => tests.push({ name, fn, timeoutMs });

test('Reset scenario keeps the edited scenario as a dated copy and Undo brings it back', async ({ page, open }) => {
  await open('/');
  await gpus(page).fill('2048');
  await page.getByRole('button', { name: 'Reset scenario' }).click();
  await page.getByText('Scenario reset to the default.').waitFor();
  assert.notEqual(await gpus(page).inputValue(), '2048');
  const copies = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('railyard.scenario:replaced:')).map((k) => JSON.parse(localStorage.getItem(k)).cluster.gpus));
  assert.deepEqual(copies, [2048]);
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('railyard.scenario')).state.scenario.cluster.gpus === 2048);
  assert.equal(await gpus(page).inputValue(), '2048');
});
