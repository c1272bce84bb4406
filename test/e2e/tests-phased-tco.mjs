import assert from 'node:assert/strict';
import { dropScenario, ranked, runAndWait } from './tests.mjs';

/** Browser tests of a TCO plan whose last phase comes at the objective's horizon (docs/phases.md, "The search"). */
export const tests = [];
const test = (name, fn, timeoutMs = 120_000) => tests.push({ name, fn, timeoutMs });

const AT_HORIZON = {
  name: '1,024 H100 GPUs now, 4,096 at the end of five years, TCO',
  cluster: { gpus: 4096, serverProfile: 'hgx-h100-8x400g', phases: [{ gpus: 1024, month: 0 }, { gpus: 4096, month: 60 }] },
  objective: { minimize: 'tco', years: 5, discountRatePct: 8 },
};

test("phased TCO: a plan ending at the horizon ranks in the app, by present value, with each design's TCO over the 5 years", async ({ page, open }) => {
  await open('/');
  await dropScenario(page, 'at-horizon.json', AT_HORIZON);
  // Before the ordering objective the kernel widened to every row here and its workers stalled.
  await runAndWait(page, 60_000);
  const head = await page.locator('.results-head').innerText();
  assert.match(head, /present value of TCO/);
  // The kernel widened over a few runs, not to every row, and the head says so.
  assert.match(head, /priced 1,120 of 2,560 rows in 4 kernel runs/);
  // The kernel ranked by TCO over 0 years (the capex): the row still shows the 5-year TCO.
  const first = ranked(page).locator('tbody tr').first();
  await first.locator('[title="$9,251,698"]').waitFor({ timeout: 5_000 });
  await page.getByRole('tab', { name: 'Design' }).click();
  const card = page.getByRole('region', { name: 'Phases' });
  await card.waitFor();
  assert.match(await card.innerText(), /\$6,013,225/, 'the TCO present value');
});
