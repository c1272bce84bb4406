import assert from 'node:assert/strict';
import { dropScenario, ranked, runAndWait } from './tests.mjs';

/** Browser tests of part confidence: warnings in the results table, the design view and the BOM. */
export const tests = [];
const test = (name, fn, timeoutMs = 120_000) => tests.push({ name, fn, timeoutMs });

test('the design view and results table show the warning for a design using an estimated part', async ({ page, open }) => {
  await open('/');
  // 64 H100 GPUs on QM9700: the switch's power is an estimate, so every design warns of it.
  await dropScenario(page, 'confidence.json', {
    schemaVersion: 1,
    cluster: { gpus: 64, serverProfile: 'hgx-h100-8x400g' },
    fabric: { technologies: ['infiniband'], switchModels: ['QM9700'], maxTiers: 2 },
  });
  await runAndWait(page);
  const top = ranked(page).locator('tbody tr').first();
  const badge = top.getByRole('img', { name: /^\d+ warnings?: .*estimated figure/ });
  await badge.waitFor();
  assert.match(await badge.getAttribute('title'), /QM9700 .* has estimated figures: power/);

  await page.getByRole('tab', { name: 'Design' }).click();
  const list = page.getByRole('region', { name: 'Warnings' });
  await list.waitFor();
  assert.match(await list.innerText(), /switch QM9700 .* has estimated figures: power \(750 W typical, 1,100 W maximum without optics\)/);
  // The BOM line of the switch carries a marker naming the estimate.
  const bom = page.getByRole('table', { name: 'Bill of materials' });
  const switchRow = bom.locator('tbody tr', { hasText: 'QM9700' }).first();
  const marker = switchRow.getByRole('img', { name: 'Estimated figure' });
  assert.ok(await marker.isVisible(), 'the QM9700 BOM line is marked');
});

test('the sourcing matrix greys out sources the catalog has no offers for, and offers allowUnconfirmed', async ({ page, open }) => {
  await open('/');
  // The default catalog sells no refurbished cables: that checkbox would change nothing.
  const refurbCables = page.getByRole('checkbox', { name: 'Cables: OEM refurb' });
  assert.equal(await refurbCables.isDisabled(), true);
  assert.match(await page.locator('#src-no-offers').innerText(), /no offers for .*cables/i);
  assert.equal(await page.getByRole('checkbox', { name: 'Optics: OEM refurb' }).isDisabled(), false);
  const allow = page.getByRole('checkbox', { name: 'Allow unconfirmed parts' });
  assert.equal(await allow.isChecked(), false);
});
