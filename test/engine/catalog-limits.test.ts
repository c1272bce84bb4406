// Catalogs at the schema's limits: they are searched or refused with a reason before searching,
// never a crash (a RangeError from spreading catalog-sized arrays) or a search that runs for hours.
import { catalogWithModes } from '../fixtures/catalog-with-modes';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/catalog/default';
import { CatalogSchema, type Catalog, type CatalogInput } from '../../src/model/catalog';
import { ScenarioSchema } from '../../src/model/scenario';
import { encode } from '../../src/engine/encode';
import { optimizeWithKernel, shutdownKernelPool } from '../../src/engine/node';
import { prepareSearch } from '../../src/engine/search';
import { MAX_BRANCHES, MAX_KERNEL_STEPS } from '../../src/engine/size-limit';
import { estimateWork } from '../../src/engine/work';
import { Assessor } from '../../src/topology/assess';
import { buildContext } from '../../src/topology/context';
import { optimize } from '../../src/topology/optimize';
import { labCatalog } from '../fixtures/lab-catalog';
import { scenario } from '../topology/helpers';

afterAll(() => shutdownKernelPool());

const h100 = (gpus: number) => ScenarioSchema.parse({ cluster: { gpus } });

/** The default catalog with QM9700's port modes replaced (and copies of it), parsed. */
const withModes = (modes: { id: string; ports: number; gbps: number }[], copies = 1): Catalog => CatalogSchema.parse(catalogWithModes(modes, copies));

/** 500 switches of 16 port modes of up to 4,096 ports each, and 20,000 offers: every array at its bound. */
function largestCatalog(): Catalog {
  const input = structuredClone(defaultCatalog) as CatalogInput;
  const base = input.switches![0];
  input.switches = Array.from({ length: 500 }, (_, j) => ({
    ...base, id: `S${j}`, model: `S${j}`, cages: 1024, maxPowerW: 5000,
    portModes: Array.from({ length: 16 }, (_, i) => ({ id: `m${i}`, ports: 4096 - 1024 * (i % 4), gbps: 400 })),
  }));
  const switchIds = new Set(defaultCatalog.switches.map((s) => s.id));
  input.offers = input.offers!.filter((o) => !switchIds.has(o.part));
  for (let j = 0; input.offers.length < 20_000; j++) input.offers.push({ id: `o${j}`, part: `S${j % 500}`, source: 'oem-new', vendor: 'V', price: 1000 + j });
  return CatalogSchema.parse(input);
}

const breakouts = Array.from({ length: 16 }, (_, i) => ({ id: `mode${i}`, ports: 64 * (1 + (i % 2)), gbps: 400 / (1 + (i % 2)) }));
/** Sixteen port modes from 32 to 512 ports (on eight copies of a switch: more branches than a call can take as arguments). */
const wide = Array.from({ length: 16 }, (_, i) => ({ id: `w${i}`, ports: 32 * (i + 1), gbps: 400 }));

describe('catalog limits', () => {
  it('refuses a switch with more than 16 port modes, naming the field', () => {
    const input = structuredClone(defaultCatalog) as CatalogInput;
    input.switches![0].portModes = Array.from({ length: 60 }, (_, i) => ({ id: `m${i}`, ports: 64, gbps: 400 }));
    const parsed = CatalogSchema.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['switches.0.portModes', 'must list at most 16 port modes']]);
  });

  it('searches a switch with the schema\'s maximum port modes without overflowing the stack', async () => {
    const o = await optimizeWithKernel(h100(1024), withModes(breakouts), { workers: 2 });
    if (!o.ok) throw new Error(o.reason);
    expect(o.result.candidates.length).toBeGreaterThan(0);
  }, 60_000);

  it('encodes more branches than a spread into a call can pass, without overflowing the stack', () => {
    const ctx = buildContext(h100(1024), withModes(wide, 8));
    if ('ok' in ctx) throw new Error(ctx.reason);
    const encoding = encode(new Assessor(ctx));
    // V8 overflows somewhere above ~100,000 spread arguments; the old encoder spread every branch word.
    expect(encoding.input.ints.length).toBeGreaterThan(200_000);
    expect(encoding.branchCount).toBeLessThanOrEqual(MAX_BRANCHES);
  });

  it('refuses before searching a catalog whose search could take hours, with its size and what to narrow', async () => {
    const started = performance.now();
    const o = await optimizeWithKernel(h100(1024), withModes(wide, 4), { workers: 2 });
    expect(o.ok).toBe(false);
    if (o.ok) return;
    expect(o.reason).toMatch(/^this search is too large to finish in reasonable time: (more than )?[\d,]+ designs, (up to|more than) [\d,]+ billion search steps at worst \(the limit is 60 billion\)\./);
    expect(o.reason).toMatch(/the largest are QM9700 w15 \(512 ports\)/);
    expect(o.reason).toMatch(/Narrow it: list fewer or smaller switches in fabric\.switchModels, or fewer fabric\.planes/);
    expect(performance.now() - started).toBeLessThan(15_000);
  }, 30_000);

  it('refuses a large cluster\'s search (its media encoded by the workers) with the same message, before its first shard, and the pool runs the next search', async () => {
    // 8,192 GPUs = 1,024 nodes: the pool counts the work while its workers encode the media.
    const catalog = withModes(wide, 4);
    const inline = prepareSearch(h100(8192), catalog);
    expect('ok' in inline && inline.reason).toMatch(/^this search is too large to finish in reasonable time: /);
    let progressed = false;
    const started = performance.now();
    const o = await optimizeWithKernel(h100(8192), catalog, { workers: 2, onProgress: (p) => (progressed ||= p.evaluated > 0) });
    expect(o.ok).toBe(false);
    expect(!o.ok && o.reason).toBe('ok' in inline && inline.reason);
    expect(progressed).toBe(false);
    expect(performance.now() - started).toBeLessThan(15_000);
    const next = await optimizeWithKernel(h100(8192), defaultCatalog, { workers: 2 });
    if (!next.ok) throw new Error(next.reason);
    expect(next.result.candidates.length).toBeGreaterThan(0);
  }, 60_000);

  it('the reference engine refuses the same search with the same message, before evaluating any design', async () => {
    const catalog = withModes(wide, 4);
    const kernel = await optimizeWithKernel(h100(1024), catalog, { workers: 1 });
    let progressed = false;
    const started = performance.now();
    const ref = optimize(h100(1024), catalog, { onProgress: () => (progressed = true) });
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(ref.ok).toBe(false);
    expect(kernel.ok).toBe(false);
    if (ref.ok || kernel.ok) return;
    expect(ref.reason).toBe(kernel.reason);
    expect(ref.reason).toMatch(/^this search is too large to finish in reasonable time: /);
    expect(progressed).toBe(false);
  }, 30_000);

  it('the reference engine refuses the schema\'s largest catalog by its branch count, as the kernel does', () => {
    const catalog = largestCatalog();
    const p = prepareSearch(h100(1024), catalog);
    const ref = optimize(h100(1024), catalog);
    expect(ref.ok).toBe(false);
    expect(!ref.ok && ref.reason).toBe('ok' in p && p.reason);
  }, 30_000);

  it('refuses the schema\'s largest catalog before encoding it, at any cluster size', () => {
    const catalog = largestCatalog();
    for (const gpus of [1024, 1_048_576]) {
      const started = performance.now();
      const p = prepareSearch(h100(gpus), catalog);
      expect('ok' in p && p.reason).toMatch(/^this search is too large to finish in reasonable time: up to [\d,]+ leaf choices .* It has 8,000 port modes of 500 switch models; the largest are S0 m0 \(4,096 ports\)/);
      expect(performance.now() - started).toBeLessThan(5_000);
    }
  }, 30_000);

  it('counts the same design space as the kernel and the reference engine', async () => {
    const s = scenario({
      cluster: { gpus: 2048, serverProfile: 'eight-rail-400g' },
      fabric: { technologies: ['infiniband'], planes: [1, 2], maxOversubscription: 2 },
    });
    const p = prepareSearch(s, labCatalog());
    if ('ok' in p) throw new Error(p.reason);
    const ref = optimize(s, labCatalog());
    if (!ref.ok) throw new Error(ref.reason);
    expect(estimateWork(p.encoding).designs).toBe(ref.result.stats.spaceSize);
    const k = await optimizeWithKernel(s, labCatalog(), { workers: 1 });
    expect(k.ok && k.result.stats.spaceSize).toBe(ref.result.stats.spaceSize);
  }, 60_000);

  it('counts the same design space as the kernel and the reference engine with cage splits on leaves and 3-tier spines', async () => {
    // SN5600 splits 128 x 400G down / 64 x 800G up (and 256 x 200G / 128 x 400G): split leaves, and
    // 3-tier spines over single-mode 400G leaves that send 800G to their cores.
    const s = scenario({
      cluster: { gpus: 4096 },
      fabric: { families: ['rail-optimized'], technologies: ['ethernet'], switchModels: ['SN5600'], maxOversubscription: 1, pin: { tiers: 3, leaf: { upPorts: 32 } } },
    });
    const p = prepareSearch(s, defaultCatalog);
    if ('ok' in p) throw new Error(p.reason);
    const ref = optimize(s, defaultCatalog);
    if (!ref.ok) throw new Error(ref.reason);
    // The space holds split spines (their tier names an up mode).
    expect(ref.result.candidates.some((c) => c.tiers[1].upPortMode !== undefined)).toBe(true);
    expect(estimateWork(p.encoding).designs).toBe(ref.result.stats.spaceSize);
    const k = await optimizeWithKernel(s, defaultCatalog, { workers: 1 });
    expect(k.ok && k.result.stats.spaceSize).toBe(ref.result.stats.spaceSize);
  }, 60_000);

  // Fat-tree nodes spread over 2 or 4 leaves (docs/model.md "Partial nodes per leaf") and cage splits
  // on leaves and 3-tier spines grew the space (286 M designs before them); the worst case stays
  // more than ten times under the limit.
  it('still runs the XL benchmark (852 M designs with the default catalog\'s cage splits and partial nodes per leaf): its worst case is far under the limit', () => {
    const xl = ScenarioSchema.parse(JSON.parse(readFileSync(new URL('../bench/xl.json', import.meta.url), 'utf8')));
    const p = prepareSearch(xl, defaultCatalog);
    if ('ok' in p) throw new Error(p.reason);
    // Counted exactly (the kernel's own count of this space is 852,050,258).
    const exact = estimateWork(p.encoding);
    expect(exact.designs).toBe(852_050_258);
    expect(exact.steps).toBeLessThan(MAX_KERNEL_STEPS / 10);
    // Even the upper bound the search is admitted by.
    expect(p.work!.steps).toBeLessThan(MAX_KERNEL_STEPS / 10);
  });
});
