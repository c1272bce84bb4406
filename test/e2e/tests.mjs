import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parse as parseCsv } from 'csv-parse/sync';
import { parse as parseYaml } from 'yaml';
import { validateJsonSchema } from './json-schema.mjs';

/**
 * Browser tests. Each gets `page` (a fresh profile at 1280x800 on the served dist/), `origin`,
 * `open(path)` and `newProfile()` for a second, empty browser profile; `checkResult` is the model's validator.
 */
export const tests = [];
const test = (name, fn, timeoutMs = 120_000) => tests.push({ name, fn, timeoutMs });

export const gpus = (page) => page.getByRole('textbox', { name: 'GPUs', exact: true });
export const optimize = (page) => page.getByRole('button', { name: 'Optimize', exact: true });
export const ranked = (page) => page.getByRole('table', { name: 'Ranked designs' });

export async function runAndWait(page, timeout = 90_000) {
  await optimize(page).click();
  await page.getByRole('button', { name: 'Optimize', exact: true }).and(page.locator(':enabled')).waitFor({ timeout });
  await ranked(page).locator('tbody tr').first().waitFor({ timeout: 5_000 });
}

export async function setProfile(page, id) {
  await page.getByRole('combobox', { name: 'Server profile' }).selectOption(id);
}

/**
 * Drops a JSON file on the page, as a user would. The app listens for drops from an effect after
 * its first render, which can come after the page's load event: a drop before then would fall on a
 * page not listening yet (on a loaded machine it did). So it first drags the file over the page
 * until the app shows its drop overlay.
 */
export async function dropFile(page, name, text) {
  await page.waitForFunction(([name, text]) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], name, { type: 'application/json' }));
    window.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt }));
    return document.querySelector('.drop-overlay') !== null;
  }, [name, text]);
  await page.evaluate(([name, text]) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], name, { type: 'application/json' }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, cancelable: true }));
  }, [name, text]);
}

/** Drops a scenario file on the page and waits until it is loaded. */
export async function dropScenario(page, name, scenario) {
  await dropFile(page, name, JSON.stringify(scenario));
  await page.getByText(`Scenario loaded from ${name}.`).waitFor();
}

/** The WebAssembly search workers the page has running now. */
const searchWorkers = (page) => page.workers().filter((w) => /search\.worker-.*\.js$/.test(w.url()));

/** A run's worker count: one per hardware thread, never more, and not fewer than the default plan's shards allow. */
function assertWorkers(workers, threads) {
  assert.ok(workers <= threads && workers >= Math.min(threads, 8), `${workers} workers on ${threads} hardware threads`);
}

/** The engine and worker count of the shown results, from the stats line. */
async function statsEngine(page) {
  const text = await page.locator('.results-head .stats').innerText();
  const m = /· (\w+) engine, (\d+) workers? ·/.exec(text);
  assert.ok(m, `stats line names the engine: ${text}`);
  return { engine: m[1], workers: Number(m[2]) };
}

/**
 * The answer of a result: candidates, Pareto ids and the size of the space. The rest of the stats
 * differ by engine (timings, workers, and the kernel prunes designs the reference evaluates).
 */
const answerOf = (doc) => ({ candidates: doc.candidates, pareto: doc.pareto, spaceSize: doc.stats.spaceSize });

/**
 * So large the kernel needs seconds on two cores: 524,288 GPUs, both technologies, every plane
 * count and any oversubscription; no switch in the catalog reaches that far, so nothing prunes.
 */
const HUGE_SCENARIO = {
  cluster: { gpus: 524288, serverProfile: 'hgx-h100-8x400g' },
  fabric: { technologies: ['infiniband', 'ethernet'], planes: [1, 2, 4, 8], maxOversubscription: 64 },
};

test('the default scenario optimizes and shows ranked results', async ({ page, open }) => {
  await open('/');
  assert.equal(await gpus(page).inputValue(), '1024');
  await page.getByText('No results yet').waitFor();
  await runAndWait(page);
  const rows = ranked(page).locator('tbody tr');
  assert.ok((await rows.count()) >= 3, 'expected several ranked designs');
  const first = await rows.first().innerText();
  assert.match(first, /^1\b/);
  assert.match(first, /QM9700/);
  assert.match(first, /\$[\d,]+/);
  // The WebAssembly kernel ran, in one worker per hardware thread (at most one per shard), and the stats line says so.
  const { engine, workers } = await statsEngine(page);
  assert.equal(engine, 'kernel');
  assertWorkers(workers, await page.evaluate(() => navigator.hardwareConcurrency));
  const idle = searchWorkers(page).length;
  assert.ok(idle >= 1 && idle <= workers, `${idle} search workers kept for the next run, ${workers} used`);
  // The design view shows the diagram, BOM and metrics of the top design.
  await page.getByRole('tab', { name: 'Design' }).click();
  await page.getByRole('img', { name: /^Topology:/ }).waitFor();
  await page.getByRole('table', { name: 'Bill of materials' }).waitFor();
  assert.ok(await page.getByRole('button', { name: 'Export JSON', exact: true }).isVisible());
});

test('4,096 B200 GPUs on QM9700 rail-optimized need 3 tiers', async ({ page, open }) => {
  await open('/');
  await setProfile(page, 'hgx-b200-8x400g');
  await gpus(page).fill('4096');
  await page.getByRole('checkbox', { name: 'Fat-tree' }).uncheck();
  await page.getByRole('checkbox', { name: 'Rail-only' }).uncheck();
  const models = page.getByRole('group', { name: /Switch models/ }).getByRole('checkbox');
  for (let i = 0; i < (await models.count()); i++) {
    const box = models.nth(i);
    const label = await box.evaluate((el) => el.parentElement.textContent.trim());
    if (label === 'QM9700') await box.check();
    else await box.uncheck();
  }
  await runAndWait(page);
  const top = ranked(page).locator('tbody tr').first();
  assert.match(await top.innerText(), /^1\b/);
  await page.getByRole('tab', { name: 'Design' }).click();
  const tierRows = page.getByRole('region', { name: 'Tiers' }).locator('tbody tr');
  assert.equal(await tierRows.count(), 3, 'top candidate should have leaf, spine and core tiers');
  const summary = await page.locator('.candidate-head').innerText();
  assert.match(summary, /Rail-optimized/);
  assert.match(summary, /QM9700 leaf .* QM9700 spine .* QM9700 core/);
});

test('the kernel in the browser gives the reference optimizer\'s answer; without WebAssembly the reference engine runs and says so', async ({ page, context, open, newProfile, tsImport }) => {
  await withoutSavePicker(context);
  await open('/');
  await gpus(page).fill('256');
  // (InfiniBand only keeps the reference engine's share of this test short)
  await page.getByRole('checkbox', { name: 'Ethernet (RoCE)' }).uncheck();
  await runAndWait(page);
  const kernelStats = await statsEngine(page);
  assert.equal(kernelStats.engine, 'kernel');
  assertWorkers(kernelStats.workers, await page.evaluate(() => navigator.hardwareConcurrency));
  await openDesign(page);
  const kernelDoc = JSON.parse((await downloadOf(page, 'All results JSON')).text);
  // The reference optimizer, in Node, on the same scenario and the default catalog.
  const { optimize: referenceOptimize } = await tsImport('../../src/topology/optimize.ts');
  const { defaultCatalog } = await tsImport('../../src/catalog/default.ts');
  const reference = referenceOptimize(kernelDoc.scenario, defaultCatalog);
  assert.ok(reference.ok);
  assert.deepEqual(answerOf(kernelDoc), answerOf(reference.result));

  // A browser without WebAssembly (e.g. a locked-down profile): the page falls back to the reference worker.
  const other = await newProfile();
  const otherContext = other.context();
  await withoutSavePicker(otherContext);
  await otherContext.addInitScript(() => { delete globalThis.WebAssembly; });
  await other.goto(page.url());
  assert.equal(await other.evaluate(() => typeof WebAssembly), 'undefined');
  await gpus(other).fill('256');
  await other.getByRole('checkbox', { name: 'Ethernet (RoCE)' }).uncheck();
  await optimize(other).click();
  await other.getByText('WebAssembly unavailable: using the slower reference engine').first().waitFor();
  await other.getByRole('button', { name: 'Optimize', exact: true }).and(other.locator(':enabled')).waitFor({ timeout: 90_000 });
  assert.deepEqual(await statsEngine(other), { engine: 'reference', workers: 1 });
  await openDesign(other);
  const fallbackDoc = JSON.parse((await downloadOf(other, 'All results JSON')).text);
  assert.deepEqual(answerOf(fallbackDoc), answerOf(kernelDoc));
  assert.equal(other.workers().filter((w) => /search\.worker-/.test(w.url())).length, 0);
});

test('on a cross-origin-isolated page the workers claim their work from shared memory, with the same answer as by message', async ({ page, context, newProfile, serve }) => {
  // 1,024 nodes: the workers encode the media tables too (in claimed chunks when memory is shared).
  const scenario = { cluster: { gpus: 8192, serverProfile: 'hgx-h100-8x400g' }, fabric: { technologies: ['infiniband'] } };
  const answer = async (p, site) => {
    await withoutSavePicker(p.context());
    await p.goto(site.url);
    await dropScenario(p, 'isolation.json', scenario);
    await runAndWait(p);
    assert.equal((await statsEngine(p)).engine, 'kernel');
    await openDesign(p);
    return answerOf(JSON.parse((await downloadOf(p, 'All results JSON')).text));
  };
  const isolated = await serve({ headers: { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' } });
  const shared = await answer(page, isolated);
  assert.deepEqual(await page.evaluate(() => [globalThis.crossOriginIsolated, typeof SharedArrayBuffer]), [true, 'function']);
  const plain = await serve();
  const other = await newProfile();
  const byMessage = await answer(other, plain);
  assert.deepEqual(await other.evaluate(() => [globalThis.crossOriginIsolated, typeof SharedArrayBuffer]), [false, 'undefined']);
  assert.ok(shared.candidates.length > 0);
  assert.deepEqual(shared, byMessage);
});

test('with no feasible design the kernel\'s run still lists why designs were rejected, as the reference does', async ({ page, open, tsImport }) => {
  const scenario = { cluster: { gpus: 1024, serverProfile: 'hgx-h100-8x400g' }, fabric: { switchModels: ['QM9700'] }, sourcing: { minWarrantyYears: 5 } };
  await open('/');
  await dropScenario(page, 'strict.json', scenario);
  await optimize(page).click();
  const alert = page.getByRole('alert').filter({ hasText: 'No feasible design' });
  await alert.waitFor({ timeout: 90_000 });
  const { optimize: referenceOptimize } = await tsImport('../../src/topology/optimize.ts');
  const { defaultCatalog } = await tsImport('../../src/catalog/default.ts');
  const { ScenarioSchema } = await tsImport('../../src/model/scenario.ts');
  const reference = referenceOptimize(ScenarioSchema.parse(scenario), defaultCatalog);
  assert.ok(reference.ok && reference.result.candidates.length === 0);
  // The kernel may prune designs the reference evaluates, so counts can be lower; the reasons are the reference's texts.
  const want = reference.result.stats.infeasibleReasons.map((r) => r.reason);
  const cells = await alert.getByRole('table').locator('tbody tr td:first-child').allInnerTexts();
  assert.ok(cells.length > 0, 'the rejection reasons are listed');
  for (const c of cells) assert.ok(want.includes(c.trim()), `unexpected reason ${c}`);
  assert.match(await alert.innerText(), /[1-9][\d,]* designs were evaluated and every one was rejected/);
});

test('Cancel stops a large run promptly, terminates its workers and keeps the page responsive', async ({ page, open }) => {
  await open('/');
  await dropScenario(page, 'huge.json', HUGE_SCENARIO);
  await optimize(page).click();
  const bar = page.getByRole('progressbar', { name: 'Search progress' });
  await bar.waitFor({ timeout: 10_000 });
  // The progress bar shows the real number of workers, and the kernel reports designs from inside its shards.
  const threads = await page.evaluate(() => navigator.hardwareConcurrency);
  const figures = page.locator('.run-figures');
  await page.waitForFunction(() => /^Evaluated\s*[1-9]/m.test(document.querySelector('.run-figures')?.innerText ?? ''), null, { timeout: 20_000 });
  assertWorkers(Number(/Workers\s*(\d+)/.exec(await figures.innerText())?.[1]), threads);
  assert.ok(searchWorkers(page).length >= 1, 'search workers are running');
  // The main thread is free while the workers search: typing into a field still works.
  await page.getByRole('textbox', { name: 'Scenario name' }).fill('large run');
  assert.equal(await page.getByRole('textbox', { name: 'Scenario name' }).inputValue(), 'large run');
  const clicked = Date.now();
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await page.getByText('Search cancelled.').waitFor({ timeout: 5_000 });
  const took = Date.now() - clicked;
  assert.ok(took < 1_500, `cancel took ${took} ms`);
  assert.equal(await bar.count(), 0);
  assert.ok(await optimize(page).isEnabled());
  // Cancel terminates the workers (a synchronous WebAssembly loop cannot be interrupted otherwise).
  for (let i = 0; i < 50 && searchWorkers(page).length > 0; i++) await page.waitForTimeout(100);
  assert.equal(searchWorkers(page).length, 0, 'no search worker survives a cancel');
  // The next run starts fresh workers and completes.
  await gpus(page).fill('256');
  await runAndWait(page);
  assert.equal((await statsEngine(page)).engine, 'kernel');
});

test('an invalid scenario import shows the error and keeps the current scenario', async ({ page, open }) => {
  await open('/');
  await gpus(page).fill('2048');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import scenario' }).click();
  const bad = { schemaVersion: 1, cluster: { gpus: -8, serverProfile: 'hgx-h100-8x400g' }, fabric: { maxTiers: 5 } };
  await (await chooser).setFiles({ name: 'bad-scenario.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
  const alert = page.getByRole('alert').filter({ hasText: 'bad-scenario.json was not imported' });
  await alert.waitFor();
  const text = await alert.innerText();
  assert.match(text, /cluster\.gpus: must be a positive integer, got -8/);
  assert.match(text, /fabric\.maxTiers: must be 1, 2 or 3, got 5/);
  assert.equal(await gpus(page).inputValue(), '2048');
  // Unparseable JSON is refused the same way.
  const chooser2 = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import scenario' }).click();
  await (await chooser2).setFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"cluster": ') });
  await page.getByRole('alert').filter({ hasText: 'broken.json was not imported' }).waitFor();
  assert.equal(await gpus(page).inputValue(), '2048');
});

test('an invalid field shows the CLI message, blocks Optimize and keeps the other fields', async ({ page, open }) => {
  await open('/');
  await page.getByRole('textbox', { name: 'Top-K designs' }).fill('7');
  await gpus(page).fill('-8');
  await page.getByText('must be a positive integer, got -8').waitFor();
  assert.equal(await optimize(page).isDisabled(), true);
  assert.equal(await page.getByRole('textbox', { name: 'Top-K designs' }).inputValue(), '7');
  await gpus(page).fill('512');
  assert.equal(await optimize(page).isEnabled(), true);
  assert.equal(await page.getByText('must be a positive integer').count(), 0);
});

test('Export JSON downloads a result that validates against the published schema', async ({ page, open, checkResult, resultJsonSchema }) => {
  await open('/');
  await gpus(page).fill('256');
  await runAndWait(page);
  await page.getByRole('tab', { name: 'Design' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export JSON', exact: true }).click();
  const file = await (await download).path();
  const doc = JSON.parse(await readFile(file, 'utf8'));
  const checked = checkResult(doc);
  assert.ok(checked.ok, checked.ok ? '' : JSON.stringify(checked.problems.slice(0, 5)));
  assert.equal(doc.candidates.length, 1);
  assert.equal(doc.scenario.cluster.gpus, 256);
  if (resultJsonSchema) assert.deepEqual(validateJsonSchema(resultJsonSchema, doc), [], 'the download must validate against result.schema.json');
  // The all-results file validates too.
  const all = page.waitForEvent('download');
  await page.getByRole('button', { name: 'All results JSON' }).click();
  const allDoc = JSON.parse(await readFile(await (await all).path(), 'utf8'));
  assert.ok(checkResult(allDoc).ok);
  assert.ok(allDoc.candidates.length > 1);
  if (resultJsonSchema) assert.deepEqual(validateJsonSchema(resultJsonSchema, allDoc), []);
});

test('a reload keeps the scenario, the catalog edits and the results', async ({ page, open }) => {
  await open('/');
  await gpus(page).fill('512');
  await page.getByRole('checkbox', { name: 'Rail-only' }).uncheck();
  await page.getByRole('tab', { name: 'Catalog' }).click();
  await page.getByRole('textbox', { name: 'QM9700:oem-new price' }).fill('47000');
  await page.getByRole('tab', { name: 'Results' }).click();
  await runAndWait(page);
  await page.reload();
  assert.equal(await gpus(page).inputValue(), '512');
  await page.getByRole('tab', { name: 'Catalog' }).click();
  assert.equal(await page.getByRole('textbox', { name: 'QM9700:oem-new price' }).inputValue(), '47000');
  await page.getByRole('tab', { name: 'Results' }).click();
  assert.equal(await page.getByRole('checkbox', { name: 'Rail-only' }).isChecked(), false);
  await ranked(page).locator('tbody tr').first().waitFor();
  // Changing the scenario marks the restored results stale, and that survives a reload too.
  await gpus(page).fill('640');
  await page.getByText('The scenario or catalog changed since these results were computed').waitFor();
  await page.reload();
  await page.getByText('The scenario or catalog changed since these results were computed').waitFor();
  assert.equal(await gpus(page).inputValue(), '640');
});

test('a scenario dropped on the page loads; an invalid one is refused', async ({ page, open }) => {
  await open('/');
  const drop = (name, text) => dropFile(page, name, text);
  await drop('pod.json', JSON.stringify({ cluster: { gpus: 2304, serverProfile: 'gb200-nvl72' } }));
  await page.getByText('Scenario loaded from pod.json.').waitFor();
  assert.equal(await gpus(page).inputValue(), '2304');
  await drop('typo.json', JSON.stringify({ cluster: { gpus: 64 }, fabric: { familys: ['fat-tree'] } }));
  const alert = page.getByRole('alert').filter({ hasText: 'typo.json was not imported' });
  await alert.waitFor();
  assert.match(await alert.innerText(), /fabric\.familys: is not a known field/);
  assert.equal(await gpus(page).inputValue(), '2304');
});

test('a corrupt saved scenario does not crash the app and is kept aside', async ({ page, open, context, origin }) => {
  await context.addInitScript(() => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('railyard.scenario', '{"state": {"scenario": ');
      sessionStorage.setItem('seeded', '1');
    }
  });
  void origin;
  await open('/');
  await page.getByText('Your saved scenario could not be read').waitFor();
  assert.equal(await gpus(page).inputValue(), '1024');
  const backups = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('railyard.scenario:unreadable:')).map((k) => localStorage.getItem(k)));
  assert.deepEqual(backups, ['{"state": {"scenario": ']);
});

test('a copied link reproduces the scenario in a new profile', async ({ page, open, newProfile }) => {
  await open('/');
  await gpus(page).fill('3072');
  await setProfile(page, 'mi300x-8x400g');
  await page.getByRole('checkbox', { name: 'Ethernet (RoCE)' }).check();
  await page.getByRole('button', { name: 'Copy link' }).click();
  await page.waitForFunction(() => location.hash.startsWith('#s='));
  const url = page.url();
  const other = await newProfile();
  await other.goto(url);
  await other.getByText('Scenario loaded from the link.').waitFor();
  assert.equal(await gpus(other).inputValue(), '3072');
  assert.equal(await other.getByRole('combobox', { name: 'Server profile' }).inputValue(), 'mi300x-8x400g');
  assert.equal(await other.getByRole('checkbox', { name: 'Ethernet (RoCE)' }).isChecked(), true);
});

test('a price list with a bad row changes no price and names the row and field', async ({ page, open }) => {
  await open('/');
  await page.getByRole('tab', { name: 'Catalog' }).click();
  await page.getByText(/illustrative 2026 estimate — replace with your quotes/).first().waitFor();
  const before = await page.getByRole('textbox', { name: 'QM9700:oem-new price' }).inputValue();
  const csv = 'offer id,part,source,vendor,price\nQM9700:oem-new,QM9700,oem-new,NVIDIA,41000\nbad,QM9700,used,Broker,-5\n';
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import price list CSV' }).click();
  await (await chooser).setFiles({ name: 'quotes.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const alert = page.getByRole('alert').filter({ hasText: 'quotes.csv was not imported' });
  await alert.waitFor();
  assert.match(await alert.innerText(), /row 3, source: must be one of/);
  assert.match(await alert.innerText(), /row 3, price: must not be negative/);
  assert.equal(await page.getByRole('textbox', { name: 'QM9700:oem-new price' }).inputValue(), before);
  const good = 'offer id,part,source,vendor,price\nQM9700:oem-new,QM9700,oem-new,NVIDIA,41000\n';
  const chooser2 = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import price list CSV' }).click();
  await (await chooser2).setFiles({ name: 'quotes2.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
  await page.getByText('Price list quotes2.csv applied: 1 offers updated, 0 added.').waitFor();
  assert.equal(await page.getByRole('textbox', { name: 'QM9700:oem-new price' }).inputValue(), '41000');
});

// ---------------------------------------------------------------------------------------------
// Offline, privacy and exports

/** Makes the page behave like a browser without the File System Access API (exports download as Blobs). */
const withoutSavePicker = (context) =>
  context.addInitScript(() => {
    for (const o of [window, Object.getPrototypeOf(window), globalThis.Window?.prototype]) {
      try { if (o) delete o.showSaveFilePicker; } catch { /* not configurable */ }
    }
    if (typeof window.showSaveFilePicker === 'function') Object.defineProperty(window, 'showSaveFilePicker', { value: undefined, configurable: true });
  });

/**
 * Stands in for the File System Access API save picker: the "file" records its name, how many
 * writes and characters it received (and the text when `keep`), and whether it was closed.
 */
const fakeSavePicker = (context, keep) =>
  context.addInitScript((keep) => {
    window.__saved = [];
    window.showSaveFilePicker = async (opts) => {
      const file = { name: opts.suggestedName, writes: 0, chars: 0, text: keep ? '' : null, closed: false, aborted: false };
      window.__saved.push(file);
      return {
        createWritable: async () => ({
          write: async (data) => { file.writes++; file.chars += data.length; if (keep) file.text += data; },
          close: async () => { file.closed = true; },
          abort: async () => { file.aborted = true; },
        }),
      };
    };
  }, keep);

const exportButton = (page, name) => page.getByRole('region', { name: 'Exports' }).getByRole('button', { name, exact: true });

async function downloadOf(page, name) {
  const download = page.waitForEvent('download', { timeout: 60_000 });
  await exportButton(page, name).click();
  const d = await download;
  return { name: d.suggestedFilename(), text: await readFile(await d.path(), 'utf8') };
}

async function openDesign(page) {
  await page.getByRole('tab', { name: 'Design' }).click();
  await page.getByRole('region', { name: 'Exports' }).waitFor();
}

/** Every request the browser makes in this context (pages, workers, the service worker's own fetches). */
function recordRequests(context) {
  const urls = [];
  context.on('request', (r) => urls.push(r.url()));
  context.on('serviceworker', (w) => urls.push(w.url()));
  return urls;
}

test('served from a sub-path, after one visit it loads, optimizes and exports with the server stopped and the network off', async ({ page, context, serve, dist: distDir }) => {
  await withoutSavePicker(context);
  const site = await serve({ prefix: '/some/sub/path/' });
  await page.goto(site.url);
  await gpus(page).waitFor();
  // The service worker installs (precaching the whole app) and takes control of this page.
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  assert.equal(scope, site.url, 'the service worker scope is the sub-path the site is served from');
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const manifest = await page.evaluate(async () => (await fetch(document.querySelector('link[rel=manifest]').href)).json());
  assert.equal(manifest.short_name, 'Railyard');
  assert.ok(manifest.icons.some((i) => i.sizes === '512x512'));
  const precached = await page.evaluate(async () => {
    const urls = [];
    for (const name of await caches.keys()) for (const r of await (await caches.open(name)).keys()) urls.push(new URL(r.url).pathname);
    return urls;
  });
  for (const want of [/\/index\.html$/, /\/assets\/index-.*\.js$/, /\/assets\/.*\.css$/, /\/assets\/search\.worker-.*\.js$/, /\/assets\/kernel-.*\.wasm$/, /\/assets\/reference\.worker-.*\.js$/, /\/assets\/export\.worker-.*\.js$/])
    assert.ok(precached.some((u) => want.test(u) && u.startsWith('/some/sub/path/')), `precache should hold ${want}: ${precached.join(', ')}`);
  // Every file of the build (worker chunks, any .wasm kernel, icons, schemas) is precached, except
  // source maps and the service worker's own scripts.
  const dist = distDir.endsWith('/') ? distDir : distDir + '/';
  const built = (await readdir(dist, { recursive: true, withFileTypes: true }))
    .filter((d) => d.isFile())
    .map((d) => `${d.parentPath ?? d.path}/${d.name}`.slice(dist.length).replace(/^\/+/, ''))
    .filter((f) => !/\.map$/.test(f) && !/^(sw\.js|workbox-[\w-]+\.js|_headers)$/.test(f));
  const missing = built.filter((f) => !precached.includes(`/some/sub/path/${f}`));
  assert.deepEqual(missing, [], 'files of dist/ the service worker does not precache');

  await site.close();
  await context.setOffline(true);
  assert.equal(await page.evaluate(() => fetch('http://127.0.0.1:9/x').then(() => 'online', () => 'offline')), 'offline');
  await page.reload();
  await gpus(page).fill('512');
  await runAndWait(page);
  assert.equal((await statsEngine(page)).engine, 'kernel', 'offline, the kernel worker and its .wasm come from the precache');
  await openDesign(page);
  const json = await downloadOf(page, 'Export JSON');
  assert.equal(JSON.parse(json.text).scenario.cluster.gpus, 512);
  const cables = await downloadOf(page, 'Cable schedule CSV');
  const rows = parseCsv(cables.text, { columns: true });
  // One row per physical cable: a splitter's legs share a row.
  assert.equal(rows.reduce((a, r) => a + Number(r.links), 0), JSON.parse(json.text).candidates[0].metrics.linkCount);
  // A fresh navigation to the sub-path (not a reload) is answered by the service worker too.
  await page.goto(site.url);
  await gpus(page).waitFor();
});

test('a whole session requests nothing but the page\'s own origin', async ({ page, context, open, origin }) => {
  await withoutSavePicker(context);
  const urls = recordRequests(context);
  // What the page and its workers load (the service worker also fetches every file to precache it).
  const loaded = [];
  context.on('request', (r) => { if (!r.serviceWorker()) loaded.push(new URL(r.url()).pathname); });
  await open('/');
  await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state);
  await runAndWait(page);
  await ranked(page).getByRole('button', { name: /^Open design 2:/ }).click();
  await page.getByRole('region', { name: 'Exports' }).waitFor();
  for (const name of ['Export JSON', 'BOM CSV', 'All results JSON', 'Cable schedule CSV', 'DOT', 'ibnetdiscover', 'Slurm topology.conf']) await downloadOf(page, name);
  await page.getByRole('tab', { name: 'Catalog' }).click();
  await page.getByRole('tab', { name: 'Compare' }).click();
  const foreign = urls.filter((u) => !(u.startsWith(origin + '/') || u.startsWith('blob:') || u.startsWith('data:')));
  assert.deepEqual(foreign, [], `requests that left ${origin}`);
  // The list is real: it holds the page, its script, the kernel worker and its .wasm, and the export worker.
  const paths = urls.filter((u) => u.startsWith(origin)).map((u) => new URL(u).pathname);
  for (const want of [/^\/$/, /\/assets\/index-.*\.js$/, /search\.worker-.*\.js$/, /kernel-.*\.wasm$/, /export\.worker-.*\.js$/, /\/sw\.js$/])
    assert.ok(paths.some((p) => want.test(p)), `expected a request matching ${want} among ${[...new Set(paths)].join(', ')}`);
  // With WebAssembly available, the slower reference engine is never loaded.
  assert.ok(loaded.some((p) => /search\.worker-/.test(p)), `the page loaded no search worker: ${[...new Set(loaded)].join(', ')}`);
  assert.ok(!loaded.some((p) => /reference\.worker-/.test(p)), 'the reference worker was loaded although WebAssembly is available');
});

test('every export of the default 1,024-GPU design downloads and parses', async ({ page, context, open }) => {
  await withoutSavePicker(context);
  await open('/');
  await runAndWait(page);
  await openDesign(page);
  const candidate = JSON.parse((await downloadOf(page, 'Export JSON')).text).candidates[0];
  assert.equal(candidate.technology, 'infiniband');
  assert.equal(await exportButton(page, 'containerlab YAML').count(), 0, 'containerlab is offered for Ethernet designs only');
  const m = candidate.metrics;

  const bom = parseCsv((await downloadOf(page, 'BOM CSV')).text, { columns: true });
  assert.equal(bom.reduce((a, r) => a + Number(r.extendedPrice), 0), m.capex);

  const cables = await downloadOf(page, 'Cable schedule CSV');
  assert.match(cables.name, /\.csv$/);
  const rows = parseCsv(cables.text, { columns: true });
  // One row per physical cable: the 1,024 server links are 512 splitter cables with two B ends each.
  assert.deepEqual(Object.keys(rows[0]).slice(0, 11), ['cable_id', 'label', 'plane', 'link_class', 'links', 'media', 'cable_part_number', 'part_number_kind', 'cable_length_m', 'run_length_m', 'media_recipe']);
  assert.equal(new Set(rows.map((r) => r.cable_id)).size, rows.length);
  assert.equal(rows.filter((r) => r.link_class === 'node-leaf').length, 512);
  assert.equal(rows.reduce((a, r) => a + Number(r.links), 0), m.linkCount);
  assert.ok(rows.every((r) => Number(r.cable_length_m) >= Number(r.run_length_m) - 1e-9));

  const dot = (await downloadOf(page, 'DOT')).text;
  assert.match(dot, /^graph "railyard /);
  assert.equal((dot.match(/\{/g) ?? []).length, (dot.match(/\}/g) ?? []).length);
  // 2,048 links: more than the 2,000 drawn device by device, so one edge per tier boundary.
  assert.equal((dot.match(/ -- /g) ?? []).length, m.linkCount <= 2000 ? m.linkCount : candidate.links.length * candidate.planes);

  const ib = (await downloadOf(page, 'ibnetdiscover')).text;
  assert.equal((ib.match(/^Switch\s/gm) ?? []).length, m.switchCount);
  assert.equal((ib.match(/^Ca\s/gm) ?? []).length, 128 * 8, 'one HCA per node rail');

  const slurm = (await downloadOf(page, 'Slurm topology.conf')).text;
  const entries = slurm.split('\n').filter((l) => l.startsWith('SwitchName='));
  assert.ok(entries.length >= 2);
  assert.ok(entries.some((l) => /Nodes=node-/.test(l)) && entries.some((l) => /Switches=/.test(l)));

  // An Ethernet design offers containerlab (and not ibnetdiscover).
  await page.getByRole('checkbox', { name: 'Ethernet (RoCE)' }).check();
  await page.getByRole('checkbox', { name: 'InfiniBand' }).uncheck();
  // (fat-tree only)
  await page.getByRole('checkbox', { name: 'Rail-optimized' }).uncheck();
  await page.getByRole('checkbox', { name: 'Rail-only' }).uncheck();
  await page.getByRole('tab', { name: 'Results' }).click();
  await runAndWait(page);
  await openDesign(page);
  assert.equal(await exportButton(page, 'ibnetdiscover').count(), 0);
  const eth = JSON.parse((await downloadOf(page, 'Export JSON')).text).candidates[0];
  const lab = parseYaml((await downloadOf(page, 'containerlab YAML')).text);
  assert.equal(lab.topology.links.length, eth.metrics.linkCount);
  assert.equal(Object.keys(lab.topology.nodes).length, eth.metrics.switchCount + 128);
});

test('a small cable schedule downloads with one click even where the save picker exists (large ones stream: tests-downloads.mjs)', async ({ page, context, open }) => {
  await fakeSavePicker(context, true);
  await open('/');
  await runAndWait(page);
  await openDesign(page);
  const file = await downloadOf(page, 'Cable schedule CSV');
  assert.equal(await page.evaluate(() => window.__saved.length), 0, 'the save dialog was not opened');
  assert.match(file.name, /^railyard-rank1-.*-cables\.csv$/);
  const rows = parseCsv(file.text, { columns: true });
  assert.ok(rows.length > 1000);
  await page.getByRole('status').filter({ hasText: `Downloaded ${file.name}` }).waitFor();
});

test('a 1,048,576-GPU cable schedule streams from a worker with progress, the page stays responsive', async ({ page, context, open, tsImport }) => {
  const { millionGpuResult } = await tsImport('./big-result.ts');
  const result = millionGpuResult();
  await fakeSavePicker(context, false);
  await open('/');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import results' }).click();
  await (await chooser).setFiles({ name: 'million.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(result)) });
  await page.getByText('Results imported from million.json').waitFor();
  await openDesign(page);
  await exportButton(page, 'Cable schedule CSV').click();
  const bar = page.getByRole('progressbar', { name: 'Export progress' });
  await bar.waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => Number(document.querySelector('[aria-label="Export progress"]')?.getAttribute('aria-valuenow')) >= 5, null, { timeout: 60_000 });
  // The main thread answers within a frame or two while the worker generates gigabytes.
  const lag = await page.evaluate(async () => {
    let worst = 0;
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      await new Promise((r) => setTimeout(r, 0));
      worst = Math.max(worst, performance.now() - t);
    }
    return worst;
  });
  assert.ok(lag < 250, `the page stalled for ${lag} ms`);
  await page.getByRole('tab', { name: 'Results' }).click();
  await page.getByRole('tab', { name: 'Design' }).click();
  await page.waitForFunction(() => window.__saved[0]?.closed, null, { timeout: 240_000, polling: 500 });
  const file = await page.evaluate(() => ({ chars: window.__saved[0].chars, writes: window.__saved[0].writes }));
  assert.ok(file.chars > 600e6, `expected the whole schedule, got ${file.chars} characters`);
  assert.ok(file.writes > 100, 'written in many batches');
  const heap = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? 0);
  assert.ok(heap < 200e6, `page heap ${Math.round(heap / 1e6)} MB after the export`);
}, 300_000);

test('without the save picker a huge export is refused with the CLI command; a small one downloads', async ({ page, context, open, tsImport }) => {
  const { millionGpuResult } = await tsImport('./big-result.ts');
  await withoutSavePicker(context);
  await open('/');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import results' }).click();
  await (await chooser).setFiles({ name: 'million.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(millionGpuResult())) });
  await openDesign(page);
  await exportButton(page, 'Cable schedule CSV').click();
  const alert = page.getByRole('alert').filter({ hasText: 'too large to build in memory' });
  await alert.waitFor();
  assert.match(await alert.innerText(), /npx railyard export results\.json --candidate \S+ --format cables-csv --out railyard-\S+\.csv/);
  // The aggregated DOT of the same fabric is small, so it downloads.
  const dot = await downloadOf(page, 'DOT');
  assert.match(dot.text, /subgraph cluster_p2/);
});

test('a result JSON imports back (replacing the shown results, with its scenario); an invalid one changes nothing', async ({ page, context, open }) => {
  await withoutSavePicker(context);
  await open('/');
  await gpus(page).fill('256');
  await runAndWait(page);
  await openDesign(page);
  const saved = await downloadOf(page, 'All results JSON');
  const doc = JSON.parse(saved.text);
  // Change everything, then import the file back.
  await page.getByRole('tab', { name: 'Results' }).click();
  await gpus(page).fill('2048');
  await runAndWait(page);
  const pick = async (name, text) => {
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import results' }).click();
    await (await chooser).setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  };
  // Invalid: named by field path, and nothing changes.
  const bad = structuredClone(doc);
  bad.candidates[0].metrics.capex = 'cheap';
  delete bad.catalogName;
  await pick('bad-result.json', JSON.stringify(bad));
  const alert = page.getByRole('alert').filter({ hasText: 'bad-result.json was not imported' });
  await alert.waitFor();
  assert.match(await alert.innerText(), /candidates\[0\]\.metrics\.capex: /);
  assert.match(await alert.innerText(), /catalogName: /);
  assert.equal(await gpus(page).inputValue(), '2048');
  await page.getByRole('tab', { name: 'Results' }).click();
  assert.equal(await page.getByText(/imported from/).count(), 0);
  // Valid: replaces the results, loads its scenario, and says it was imported.
  await pick(saved.name, saved.text);
  await page.getByText(`Results imported from ${saved.name}`).waitFor();
  assert.equal(await gpus(page).inputValue(), '256');
  await page.getByText(`imported from ${saved.name}`).first().waitFor();
  assert.equal(await ranked(page).locator('tbody tr').count(), doc.candidates.length);
  assert.equal(await page.getByText('The scenario or catalog changed since these results were computed').count(), 0);
  await openDesign(page);
  const again = JSON.parse((await downloadOf(page, 'All results JSON')).text);
  assert.deepEqual(again, doc);
  // The imported results survive a reload.
  await page.reload();
  await page.getByRole('tab', { name: 'Results' }).click();
  await page.getByText(`imported from ${saved.name}`).first().waitFor();
  // Dropping a result file on the page imports it the same way.
  await dropFile(page, 'dropped.json', saved.text);
  await page.getByText('Results imported from dropped.json').waitFor();
  await page.getByText('imported from dropped.json', { exact: true }).waitFor();
});
