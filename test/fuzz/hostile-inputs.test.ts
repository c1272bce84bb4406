import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { defaultCatalog } from '../../src/catalog/default';
import type { Catalog } from '../../src/model/catalog';
import { findJsonSyntaxError } from '../../src/model/json-syntax';
import type { Result } from '../../src/model/result';
import { ScenarioSchema, type Scenario } from '../../src/model/scenario';
import { checkCatalog, checkResult, checkScenario } from '../../src/model/validate';
import { useNotices } from '../../src/state/notices';
import { priceListCsv } from '../../src/state/price-list';
import { optimize } from '../../src/topology/optimize';
import { labCatalog } from '../fixtures/lab-catalog';
import { MemoryStorage } from '../ui/memory-storage';
import { expectCleanTitle, expectFieldProblem, expectRowProblem } from './clean-messages';
import { DEEP, deflateBombLink, FUZZ_SEED, hostileCsvText, hostileDocumentText, hostileLinkRecipe, linkForText, type LinkRecipe } from './hostile';

/**
 * Hostile files and links go through the very functions the app's import buttons, drop zone and
 * link loader call, against stores that persist to a storage holding the user's saved work.
 */

// The app's stores persist to localStorage; here they persist to memory. Set before the stores load.
const storage = new MemoryStorage();
vi.stubGlobal('localStorage', storage);

type Imports = typeof import('../../src/ui/imports');
type Stores = {
  scenario: typeof import('../../src/state/scenario-store').scenarioStore;
  catalog: typeof import('../../src/state/catalog-store').catalogStore;
  run: typeof import('../../src/state/run-store').runStore;
};
let imports: Imports;
let stores: Stores;
let decodeScenarioHash: typeof import('../../src/state/share-link').decodeScenarioHash;

const savedScenario: Scenario = ScenarioSchema.parse({
  name: 'B200 pod, saved before the fuzzing',
  cluster: { gpus: 2048, serverProfile: 'hgx-b200-8x400g' },
  fabric: { maxOversubscription: 2 },
  search: { topK: 7 },
});
/** The user's edited catalog: the default with one negotiated price. */
const savedCatalog: Catalog = { ...defaultCatalog, name: 'Negotiated Q3', offers: defaultCatalog.offers.map((o, i) => (i === 0 ? { ...o, price: o.price - 1234 } : o)) };
let savedResult: Result;

function labResult(): Result {
  const r = optimize(ScenarioSchema.parse({ name: 'lab', cluster: { gpus: 64, serverProfile: 'one-port-400g' }, search: { topK: 3 } }), labCatalog());
  if (!r.ok) throw new Error(r.reason);
  return r.result;
}

/** Everything saved and shown: storage byte for byte, and each store's data (functions drop out of JSON). */
function savedWork(): string {
  const keys = Array.from({ length: storage.length }, (_, i) => storage.key(i)!).sort();
  return JSON.stringify({
    storage: keys.map((k) => [k, storage.getItem(k)]),
    scenario: stores.scenario.getState(),
    catalog: stores.catalog.getState(),
    run: { ...stores.run.getState(), progress: null },
  });
}

const tally: Record<string, { tried: number; accepted: number }> = {};
const prototypeKeys = () => [Object.prototype, Array.prototype, Function.prototype, String.prototype].map((p) => Object.getOwnPropertyNames(p).sort().join());
let prototypesBefore: string[];

/**
 * Runs one import and checks the promises every import makes: no throw; a refusal is one error
 * notice whose every line names a field (or row) and a rule with no internals; and a refused
 * file leaves saved work byte-identical. An accepted one (a mutation can stay valid) leaves
 * valid data behind.
 */
async function attempt(kind: string, run: () => Outcome | Promise<Outcome>, rowProblems = false): Promise<void> {
  const before = savedWork();
  useNotices.getState().clear();
  let accepted: Outcome;
  try {
    accepted = await run();
  } catch (e) {
    throw new Error(`the ${kind} import threw instead of reporting a problem: ${(e as Error)?.stack ?? String(e)}`);
  }
  const t = (tally[kind] ??= { tried: 0, accepted: 0 });
  t.tried++;
  const notices = useNotices.getState().notices;
  for (const n of notices) expectCleanTitle(n.title);
  if (accepted === 'no scenario in it') {
    expect(notices).toEqual([]);
    expect(savedWork() === before, `a link without a scenario changed saved work`).toBe(true);
  } else if (!accepted) {
    expect(notices.map((n) => n.kind)).toEqual(['error']);
    const details = notices[0].details ?? [];
    expect(details.length, 'a refusal says what is wrong').toBeGreaterThan(0);
    expect(details.length, 'a refusal lists at most 50 problems and a count').toBeLessThanOrEqual(51);
    for (const line of details) (rowProblems ? expectRowProblem : expectFieldProblem)(line);
    expect(savedWork() === before, `a refused ${kind} changed saved work`).toBe(true);
  } else {
    t.accepted++;
    expect(checkScenario(stores.scenario.getState().scenario).ok).toBe(true);
    expect(checkCatalog(stores.catalog.getState().custom ?? defaultCatalog).ok).toBe(true);
    const result = stores.run.getState().result;
    if (result) expect(checkResult(result).ok).toBe(true);
    for (let i = 0; i < storage.length; i++) expect(() => JSON.parse(storage.getItem(storage.key(i)!)!)).not.toThrow();
  }
}

/** Whether an import was applied; a hash without `s=` is not a link to a scenario and is left alone. */
type Outcome = boolean | 'no scenario in it';

/** What the app does with `#s=...` on load (src/main.tsx): decode, then load only a valid scenario. */
async function openLink(hash: string): Promise<Outcome> {
  const decoded = await decodeScenarioHash(hash);
  if (!decoded) return 'no scenario in it';
  if (!decoded.ok) {
    useNotices.getState().push('error', 'The scenario in this link is invalid, so your saved scenario is kept.', decoded.problems.map((p) => `${p.path}: ${p.message}`));
    return false;
  }
  return stores.scenario.getState().load(decoded.value).ok;
}

const runs = { scenario: 60, catalog: 45, csv: 55, link: 40, result: 45 };
const params = (numRuns: number) => ({ seed: FUZZ_SEED, numRuns, endOnFailure: true });

beforeAll(async () => {
  prototypesBefore = prototypeKeys();
  [imports, decodeScenarioHash] = await Promise.all([import('../../src/ui/imports'), import('../../src/state/share-link').then((m) => m.decodeScenarioHash)]);
  stores = {
    scenario: (await import('../../src/state/scenario-store')).scenarioStore,
    catalog: (await import('../../src/state/catalog-store')).catalogStore,
    run: (await import('../../src/state/run-store')).runStore,
  };
  // Saved work, written by the stores themselves.
  savedResult = labResult();
  expect(stores.scenario.getState().load(savedScenario).ok).toBe(true);
  expect(stores.catalog.getState().importCatalogJson(JSON.stringify(savedCatalog)).ok).toBe(true);
  stores.run.getState().importResult(savedResult, 'saved-result.json');
  expect(storage.length).toBeGreaterThanOrEqual(3);
});

afterAll(() => {
  vi.unstubAllGlobals();
});

describe(`hostile imports (fast-check seed ${FUZZ_SEED}; FUZZ_SEED=n replays another)`, () => {
  it(`refuses ${runs.scenario} hostile scenario files, dropped or opened, with field-path messages and saved work unchanged`, async () => {
    await fc.assert(
      fc.asyncProperty(hostileDocumentText(savedScenario), fc.boolean(), async (text, dropped) => {
        await attempt('scenario', () => (dropped ? imports.importAnyFile('hostile.json', text) : imports.importScenarioText('hostile.json', text)));
      }),
      params(runs.scenario),
    );
  });

  it(`refuses ${runs.catalog} hostile catalog files the same way`, async () => {
    await fc.assert(
      fc.asyncProperty(hostileDocumentText(savedCatalog), fc.boolean(), async (text, dropped) => {
        await attempt('catalog', () => (dropped && text.includes('"switches"') ? imports.importAnyFile('hostile.json', text) : imports.importCatalogText('hostile.json', text)));
      }),
      params(runs.catalog),
    );
  });

  it(`refuses ${runs.csv} hostile price-list CSVs (formulas, broken quotes, wrong columns, odd line ends) by row and column`, async () => {
    await fc.assert(
      fc.asyncProperty(hostileCsvText(priceListCsv(defaultCatalog)), fc.boolean(), async (text, replace) => {
        await attempt('price list', () => imports.importPriceListText('hostile.csv', text, replace), true);
      }),
      params(runs.csv),
    );
  });

  it(`refuses ${runs.link} hostile share links (bad base64, not deflate, cut short, hostile scenarios) without touching the saved scenario`, async () => {
    const hashes = new Map<LinkRecipe, string>();
    await fc.assert(
      fc.asyncProperty(hostileLinkRecipe(savedScenario), async (recipe) => {
        let hash = hashes.get(recipe);
        if (hash === undefined) {
          const packed = await linkForText(recipe.text);
          hash = recipe.damage ? recipe.damage(packed) : packed;
          hashes.set(recipe, hash);
        }
        await attempt('share link', () => openLink(hash));
      }),
      params(runs.link),
    );
  });

  it(`refuses ${runs.result} hostile result files, opened or dropped, keeping the saved results and scenario`, async () => {
    await fc.assert(
      fc.asyncProperty(hostileDocumentText(savedResult), fc.boolean(), async (text, dropped) => {
        await attempt('result', () => (dropped && text.includes('"candidates"') ? imports.importAnyFile('hostile.json', text) : imports.importResultText('hostile.json', text)));
      }),
      params(runs.result),
    );
  });

  it('survives the extremes: 100,000-deep nesting, 200,001 bad list items, files and links over the size limits, a 1 GB link bomb, an empty link, prototype keys at the top', async () => {
    const deepArray = '['.repeat(DEEP) + ']'.repeat(DEEP);
    const deepObject = '{"a":'.repeat(DEEP) + '1' + '}'.repeat(DEEP);
    const valid = JSON.stringify(savedScenario);
    for (const text of [deepArray, deepObject, valid.replace('"cluster":', `"cluster":${deepArray},"x":`), '{"__proto__":{"polluted":true},"cluster":{"gpus":8}}', '{"constructor":{"prototype":{"polluted":true}},"cluster":{"gpus":8}}', '\uFEFF', '\u0000', ''])
      await attempt('extreme', () => imports.importAnyFile('extreme.json', text));
    // 200,001 bad cable lengths: zod spreading that many issues into one call overflowed the stack.
    // The list is now bounded by the schema, so it is refused by its length, naming the field.
    const manyBadLengths = { ...savedCatalog, cables: savedCatalog.cables.map((c, i) => (i === 0 ? { ...c, lengthsM: Array(200_001).fill(0) } : c)) };
    await attempt('extreme', () => imports.importCatalogText('many-bad-lengths.json', JSON.stringify(manyBadLengths)));
    expect(useNotices.getState().notices[0].details).toEqual([expect.stringMatching(/^cables\[0\]\.lengthsM: must list at most 100 lengths, got a list of 200,?001$/)]);
    // One byte over the 64 MB limit: refused by size before parsing.
    await attempt('extreme', () => imports.importCatalogText('huge.json', ' '.repeat(64 * 1024 * 1024 + 1)));
    // 20,001 offers: one over the catalog's limit, refused by count (applying them used to take row x offer steps).
    const lines = priceListCsv(defaultCatalog).trim().split('\n');
    const tooMany = [lines[0], ...Array.from({ length: 20_001 }, (_, i) => lines[1].replace(/^[^,]*/, `X${i}`))].join('\r\n');
    await attempt('extreme', () => imports.importPriceListText('too-many.csv', tooMany, false), true);
    await attempt('extreme', () => imports.importPriceListText('huge.csv', 'id,part,source,vendor,price\n'.padEnd(16 * 1024 * 1024 + 1, 'x'), false), true);
    // Links whose scenario inflates past the link's 1 MB limit: 64 MB of spaces packs into about
    // 64 KB, and a 1.4 MB link inflates to 1 GB; both are refused while inflating, by size.
    await attempt('extreme', async () => openLink(await linkForText(' '.repeat(64 * 1024 * 1024 + 1))));
    await attempt('extreme', () => openLink(deflateBombLink(1024)));
    expect(useNotices.getState().notices[0].details).toEqual(['(link): must hold a scenario of at most 1 MB; this one is larger, so it was not opened']);
    // An empty link is damaged, not "no link".
    await attempt('extreme', () => openLink('#s='));
    expect(useNotices.getState().notices[0].details).toEqual(['(link): is damaged: it carries no scenario (was it cut short?)']);
  });

  it('finds the line and column of every JSON syntax error the parser rejects, and none in valid JSON', () => {
    fc.assert(
      fc.property(fc.oneof(hostileDocumentText(savedScenario), hostileDocumentText(savedResult)), (text) => {
        const body = text.replace(/^\uFEFF/, '');
        let valid = true;
        try {
          JSON.parse(body);
        } catch {
          valid = false;
        }
        const found = findJsonSyntaxError(body);
        expect(found === undefined).toBe(valid);
      }),
      params(300),
    );
  });

  it('tried at least 200 hostile inputs across scenario, catalog, CSV, share-link and result imports, and left every prototype clean', () => {
    const total = Object.values(tally).reduce((n, t) => n + t.tried, 0);
    console.info(`fuzz seed ${FUZZ_SEED}: ${Object.entries(tally).map(([k, t]) => `${k} ${t.tried} (${t.accepted} valid)`).join(', ')}; ${total} in all`);
    expect(total).toBeGreaterThanOrEqual(200);
    for (const kind of ['scenario', 'catalog', 'price list', 'share link', 'result']) expect(tally[kind]?.tried, kind).toBeGreaterThan(0);
    expect(prototypeKeys()).toEqual(prototypesBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // The saved work written at the start is still there unless a valid import replaced it.
    expect(storage.length).toBeGreaterThanOrEqual(3);
  });
});
