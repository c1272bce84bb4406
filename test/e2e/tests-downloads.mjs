import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { runAndWait } from './tests.mjs';

/**
 * Downloads that just work: every small export downloads with one click in Chromium, where the
 * File System Access API exists (and in a headless browser, where its dialog never shows), with a
 * status line from the first frame; a large export streams into a chosen file with progress, bytes
 * written and Cancel, and Cancel answers even while the save dialog is open.
 */
export const tests = [];
const test = (name, fn, timeoutMs = 120_000) => tests.push({ name, fn, timeoutMs });

const exportsCard = (page) => page.getByRole('region', { name: 'Exports' });
const exportButton = (page, name) => exportsCard(page).getByRole('button', { name, exact: true });
const status = (page) => exportsCard(page).getByRole('status');

async function openDesign(page) {
  await page.getByRole('tab', { name: 'Design' }).click();
  await exportsCard(page).waitFor();
}

/** Records, in the page, when each click happens and when the export status line first changes after it. */
const watchFeedback = (page) =>
  page.evaluate(() => {
    window.__feedback = [];
    document.addEventListener('click', (e) => { if (e.target.closest('button')) window.__feedback.push({ clickAt: performance.now(), shownAt: null }); }, true);
    const region = document.querySelector('section[aria-label="Exports"] [role="status"]');
    const before = { text: region.textContent };
    new MutationObserver(() => {
      const last = window.__feedback.at(-1);
      if (last && last.shownAt === null && region.textContent !== before.text && region.textContent.trim() !== '') last.shownAt = performance.now();
      before.text = region.textContent;
    }).observe(region, { childList: true, subtree: true, characterData: true });
  });

/** A save picker that never answers, as in a headless browser where the dialog cannot show. */
const silentSavePicker = (context) =>
  context.addInitScript(() => {
    window.__pickerCalls = 0;
    window.showSaveFilePicker = () => {
      window.__pickerCalls++;
      return new Promise(() => {});
    };
  });

/** A save picker whose file records writes and whether it was closed or aborted; each write waits `delayMs`. */
const slowSavePicker = (context, delayMs) =>
  context.addInitScript((delayMs) => {
    window.__saved = [];
    window.showSaveFilePicker = async (opts) => {
      const file = { name: opts.suggestedName, writes: 0, chars: 0, closed: false, aborted: false };
      window.__saved.push(file);
      return {
        createWritable: async () => ({
          write: async (data) => { await new Promise((r) => setTimeout(r, delayMs)); file.writes++; file.chars += data.length; },
          close: async () => { file.closed = true; },
          abort: async () => { file.aborted = true; },
        }),
      };
    };
  }, delayMs);

async function importMillion(page, tsImport) {
  const { millionGpuResult } = await tsImport('./big-result.ts');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import results' }).click();
  await (await chooser).setFiles({ name: 'million.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(millionGpuResult())) });
  await page.getByText('Results imported from million.json').waitFor({ timeout: 60_000 });
  await openDesign(page);
}

test('each small export of the 1,024-GPU design downloads with one click, without the save dialog, and says what it saved', async ({ page, context, open }) => {
  await silentSavePicker(context); // present, as in Chromium: a click that waited on it would hang
  await open('/');
  await runAndWait(page);
  await openDesign(page);
  await watchFeedback(page);
  const names = ['Export JSON', 'BOM CSV', 'All results JSON', 'Cable schedule CSV', 'DOT', 'ibnetdiscover', 'Slurm topology.conf'];
  for (const name of names) {
    const download = page.waitForEvent('download', { timeout: 15_000 });
    await exportButton(page, name).click();
    const d = await download;
    const text = await readFile(await d.path(), 'utf8');
    assert.ok(text.length > 0, `${name}: empty file`);
    const kB = Buffer.byteLength(text);
    await status(page).filter({ hasText: `Downloaded ${d.suggestedFilename()} (` }).waitFor({ timeout: 5_000 });
    const shown = await status(page).innerText();
    assert.match(shown, /\((\d+ (B|kB|MB))\)/, `${name}: the status names the size`);
    assert.ok(kB < 50 * 1024 * 1024);
  }
  assert.equal(await page.evaluate(() => window.__pickerCalls), 0, 'no export opened the save dialog');
  const feedback = await page.evaluate(() => window.__feedback);
  assert.equal(feedback.length, names.length);
  for (const [i, f] of feedback.entries()) {
    assert.notEqual(f.shownAt, null, `${names[i]}: no visible feedback`);
    assert.ok(f.shownAt - f.clickAt < 100, `${names[i]}: feedback after ${Math.round(f.shownAt - f.clickAt)} ms`);
  }
});

test('a large export streams into the chosen file with progress and bytes written, and Cancel stops it and says nothing was saved', async ({ page, context, open, tsImport }) => {
  await slowSavePicker(context, 20);
  await open('/');
  await importMillion(page, tsImport);
  await exportButton(page, 'Cable schedule CSV').click();
  const bar = page.getByRole('progressbar', { name: 'Export progress' });
  await bar.waitFor({ timeout: 30_000 });
  await status(page).filter({ hasText: /Cable schedule CSV: \d+% · \d+(\.\d)? (kB|MB|GB) written to railyard-\S+\.csv/ }).waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => window.__saved[0]?.writes >= 3, null, { timeout: 30_000 });
  await exportButton(page, 'Cancel export').click();
  await status(page).filter({ hasText: 'Cable schedule CSV: export cancelled, nothing was saved.' }).waitFor({ timeout: 5_000 });
  const file = await page.evaluate(() => window.__saved[0]);
  assert.equal(file.aborted, true, 'the partial file was aborted');
  assert.equal(file.closed, false);
  assert.equal(await bar.count(), 0);
  // The buttons work again.
  assert.equal(await exportButton(page, 'Cable schedule CSV').isEnabled(), true);
}, 180_000);

test('while the save dialog is open the status says so, and Cancel answers even if the dialog never does', async ({ page, context, open, tsImport }) => {
  await silentSavePicker(context);
  await open('/');
  await importMillion(page, tsImport);
  await exportButton(page, 'Cable schedule CSV').click();
  await status(page).filter({ hasText: /Choose where to save railyard-\S+\.csv in the save dialog/ }).waitFor({ timeout: 2_000 });
  assert.equal(await page.evaluate(() => window.__pickerCalls), 1);
  await exportButton(page, 'Cancel export').click();
  await status(page).filter({ hasText: 'export cancelled, nothing was saved' }).waitFor({ timeout: 2_000 });
});

test('a save dialog closed without choosing, or a file that cannot be opened, is named in the status', async ({ page, context, open, tsImport }) => {
  await context.addInitScript(() => {
    let calls = 0;
    window.showSaveFilePicker = async () => {
      calls++;
      if (calls === 1) throw new DOMException('The user aborted a request.', 'AbortError');
      throw new DOMException('The file is locked by another program.', 'NoModificationAllowedError');
    };
  });
  await open('/');
  await importMillion(page, tsImport);
  await exportButton(page, 'Cable schedule CSV').click();
  await status(page).filter({ hasText: 'Cable schedule CSV was not saved: the save dialog was closed.' }).waitFor({ timeout: 5_000 });
  await exportButton(page, 'Cable schedule CSV').click();
  const alert = exportsCard(page).getByRole('alert').filter({ hasText: 'Cable schedule CSV was not saved: The file is locked by another program.' });
  await alert.waitFor({ timeout: 5_000 });
});
