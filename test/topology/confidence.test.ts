import { beforeAll, describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/catalog/default';
import { bomCsv } from '../../src/export/bom-csv';
import { CatalogSchema, type Catalog } from '../../src/model/catalog';
import type { Candidate } from '../../src/model/result';
import { optimizeInProcess } from '../../src/engine/search';
import { nodeKernelModule } from '../../src/engine/wasm-node';
import { optimize } from '../../src/topology/optimize';
import { labCatalog } from '../fixtures/lab-catalog';
import { scenario } from './helpers';

const PLANE_SPLIT_DAC = 'PS-DAC-OSFP800-2x400G';

function run(input: Parameters<typeof scenario>[0], catalog: Catalog = defaultCatalog) {
  const r = optimize(scenario(input), catalog);
  if (!r.ok) throw new Error(r.reason);
  return r.result;
}

const usesPart = (c: Candidate, part: string) => c.bom.some((l) => l.part === part);

/** 64 B300 GPUs on 2 InfiniBand planes of QM9700 at 400G, one rack of 8 nodes: node runs short enough for copper. */
const b300TwoPlanes = (allowUnconfirmed: boolean) => ({
  cluster: { gpus: 64, serverProfile: 'hgx-b300-8x800g' },
  fabric: { technologies: ['infiniband' as const], planes: [2], switchModels: ['QM9700'], maxTiers: 2 },
  layout: { nodesPerRack: 8 },
  sourcing: { allowUnconfirmed },
  search: { topK: 5 },
});

describe('part confidence in the search', () => {
  it('marks the plane-split DAC unconfirmed and keeps it out of designs unless allowUnconfirmed', () => {
    expect(defaultCatalog.cables.find((c) => c.id === PLANE_SPLIT_DAC)!.confidence).toBe('unconfirmed');
    const strict = run(b300TwoPlanes(false));
    expect(strict.candidates.length).toBeGreaterThan(0);
    for (const c of strict.candidates) {
      expect(usesPart(c, PLANE_SPLIT_DAC), c.id).toBe(false);
      expect(c.warnings.some((w) => w.code === 'unconfirmed-part'), c.id).toBe(false);
    }
    const allowed = run(b300TwoPlanes(true));
    const best = allowed.candidates[0];
    expect(usesPart(best, PLANE_SPLIT_DAC)).toBe(true);
    expect(best.metrics.capex).toBeLessThan(strict.candidates[0].metrics.capex);
    // A user never meets the unconfirmed part without a warning naming it, listed first.
    expect(best.warnings[0]).toMatchObject({ code: 'unconfirmed-part' });
    expect(best.warnings.filter((w) => w.code === 'unconfirmed-part').flatMap((w) => w.partIds)).toContain(PLANE_SPLIT_DAC);
    for (const c of allowed.candidates) {
      const unconfirmedInBom = c.bom.filter((l) => l.category !== 'switch' && [...defaultCatalog.cables, ...defaultCatalog.transceivers].find((p) => p.id === l.part)!.confidence === 'unconfirmed');
      for (const l of unconfirmedInBom) expect(c.warnings.some((w) => w.code === 'unconfirmed-part' && w.partIds.includes(l.part)), `${c.id} ${l.part}`).toBe(true);
    }
  });

  it('warns of estimated figures, quoting which figure: QM9700 power', () => {
    const best = run(b300TwoPlanes(false)).candidates[0];
    const w = best.warnings.find((x) => x.partIds.includes('QM9700'));
    expect(w).toMatchObject({ code: 'estimated-figure' });
    expect(w!.message).toMatch(/QM9700 .* has estimated figures: power \(750 W typical, 1,100 W maximum without optics\)/);
  });

  it('builds Ethernet fabrics from Ethernet parts only', () => {
    const parts = new Map([...defaultCatalog.transceivers, ...defaultCatalog.cables].map((p) => [p.id, p]));
    for (const [serverProfile, planes] of [['hgx-h100-8x400g', [1, 2]], ['hgx-b300-8x800g', [2]], ['mi300x-8x400g', [1, 2]]] as const) {
      const result = run({
        cluster: { gpus: 64, serverProfile }, fabric: { technologies: ['ethernet'], planes: [...planes], maxTiers: 2 },
        sourcing: { allowUnconfirmed: true }, search: { topK: 25 },
      });
      expect(result.candidates.length, serverProfile).toBeGreaterThan(0);
      for (const c of result.candidates) {
        for (const l of c.bom.filter((x) => x.category !== 'switch')) {
          expect(parts.get(l.part)!.technologies, `${serverProfile} ${c.id} ${l.part}`).toContain('ethernet');
          expect(l.model, `${c.id} ${l.part}`).not.toMatch(/^(MMA|MMS|MCP|MCA|MFP)\w+-N\w*$/);
        }
      }
    }
  });

  it('shows warnings in the BOM CSV', () => {
    const best = run(b300TwoPlanes(true)).candidates[0];
    const rows = bomCsv(best, 'USD').trim().split(/\r?\n/);
    const header = rows[0].split(',');
    expect(header[header.length - 1]).toBe('warnings');
    const dac = rows.find((r) => r.includes(`,${PLANE_SPLIT_DAC},`))!;
    expect(dac).toMatch(/unconfirmed-part: cable PS-DAC-OSFP800-2x400G .* is unconfirmed/);
    expect(rows.find((r) => /^item,switch,[^,]*,QM9700,/.test(r))).toMatch(/estimated-figure: switch QM9700/);
  });
});

describe('when only unconfirmed parts make a design feasible', () => {
  /** The lab catalog with its 400G node copper unconfirmed and no 400G node optics. */
  const onlyUnconfirmedCopper = () => {
    const input = structuredClone(labCatalog()) as Catalog;
    input.cables.find((c) => c.id === 'DAC400')!.confidence = 'unconfirmed';
    input.mediaRecipes = input.mediaRecipes.filter((r) => r.id !== 'n400-opt');
    return CatalogSchema.parse(input);
  };
  const input = (allowUnconfirmed: boolean) => ({
    cluster: { gpus: 16, serverProfile: 'one-port-400g' },
    fabric: { technologies: ['infiniband' as const], maxTiers: 1 },
    layout: { nodesPerRack: 16 },
    sourcing: { allowUnconfirmed },
  });
  let module: WebAssembly.Module;
  beforeAll(async () => {
    module = await nodeKernelModule();
  });

  it('names allowUnconfirmed when unconfirmed parts are the only way to a feasible design', async () => {
    const cat = onlyUnconfirmedCopper();
    const strict = run(input(false), cat);
    expect(strict.candidates).toEqual([]);
    const reasons = strict.stats.infeasibleReasons.map((r) => r.reason);
    expect(reasons).toEqual([expect.stringMatching(/^unconfirmed: needs unconfirmed part DAC400 \(400G DAC\) for a \d+\.\d\d m node-leaf link .*; set sourcing\.allowUnconfirmed to use it$/)]);
    // The kernel reports the same rule and words.
    const k = await optimizeInProcess(scenario(input(false)), cat, module, { prune: false });
    expect(k.ok && k.result.stats.infeasibleReasons).toEqual(strict.stats.infeasibleReasons);

    const allowed = run(input(true), cat);
    expect(allowed.candidates.length).toBeGreaterThan(0);
    expect(allowed.candidates[0].warnings[0]).toMatchObject({ code: 'unconfirmed-part', partIds: ['DAC400'] });
  });

  it('tells "no media at all" from "only unconfirmed media": a run nothing reaches stays a media failure', () => {
    const cat = onlyUnconfirmedCopper();
    // 16 nodes in 1-node racks across a row: some node runs exceed the 3 m DAC, so nothing reaches them.
    const strict = run({ ...input(false), layout: { nodesPerRack: 1, racksPerRow: 16 } }, cat);
    expect(strict.candidates).toEqual([]);
    expect(strict.stats.infeasibleReasons.map((r) => r.reason)).toEqual([expect.stringMatching(/^media: no allowed media recipe reaches/)]);
  });
});
