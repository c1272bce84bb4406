import assert from 'node:assert/strict';
import { dropScenario, ranked, runAndWait } from './tests.mjs';

/** Browser tests of a scenario that grows in phases: ranked by present value, the design's Phases card. */
export const tests = [];
const test = (name, fn, timeoutMs = 120_000) => tests.push({ name, fn, timeoutMs });

export const PHASED = {
  name: '1,024 H100 GPUs now, 4,096 in 12 months',
  cluster: { gpus: 4096, serverProfile: 'hgx-h100-8x400g', phases: [{ gpus: 1024, month: 0 }, { gpus: 4096, month: 12 }] },
  objective: { discountRatePct: 8 },
};

test('phases: a scenario growing from 1,024 to 4,096 GPUs ranks by present value and the design shows capex per phase and day one', async ({ page, open }) => {
  await open('/');
  await dropScenario(page, 'phased.json', PHASED);
  await runAndWait(page);
  assert.match(await page.locator('.results-head').innerText(), /minimizing the present value of capex, growing in 2 phases at 8% a year/);
  await ranked(page).waitFor();
  await page.getByRole('tab', { name: 'Design' }).click();
  const card = page.getByRole('region', { name: 'Phases' });
  await card.waitFor();
  const rows = (await card.locator('tr.phase-row').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  assert.match(rows[0], /^1 0 1,024 16 leaf \+ 32 spine switches, 2,048 links \$2,187,776/);
  assert.match(rows[1], /^2 12 4,096 48 leaf switches, 6,144 links \$4,100,50[56]/);
  const text = await card.innerText();
  assert.match(text, /\$5,984,54[01]/, 'the capex present value');
  assert.match(text, /\$303,74[12]/, 'the saving against day one');
});
