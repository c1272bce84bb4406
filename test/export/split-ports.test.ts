import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/catalog/default';
import { ScenarioSchema } from '../../src/model/scenario';
import type { Candidate } from '../../src/model/result';
import { optimizeWithKernel, shutdownKernelPool } from '../../src/engine/node';
import { exportSubject, type ExportSubject } from '../../src/export/fabric';
import { exportFormat } from '../../src/export/formats';
import { tiersSummary as cliTiers } from '../../src/cli/format';
import { tiersSummary as appTiers } from '../../src/ui/view-model';

// How displays and exports show a leaf whose cages are split (docs/model.md "Split port modes"):
// 4,096 H100 GPUs on SN5600, where the split leaf ranks second to the single-mode best.
let split: Candidate;
let s: ExportSubject;

beforeAll(async () => {
  const scenario = ScenarioSchema.parse({ cluster: { gpus: 4096 }, fabric: { technologies: ['ethernet'], switchModels: ['SN5600'], families: ['fat-tree'], maxTiers: 2 }, search: { topK: 2 } });
  const o = await optimizeWithKernel(scenario, defaultCatalog, { workers: 1 });
  if (!o.ok) throw new Error(o.reason);
  split = o.result.candidates.find((c) => c.tiers[0].upPortMode !== undefined)!;
  const sub = exportSubject(o.result, defaultCatalog, split.id);
  if (!sub.ok) throw new Error(sub.message);
  s = sub.value;
});
afterAll(() => shutdownKernelPool());

const text = (id: string) => [...exportFormat(id)!.write(s)].join('');

describe('a split leaf in displays and exports', () => {
  it('reads "64 x SN5600 leaf (64x400G down / 32x800G up)" in the CLI table and the app', () => {
    expect(cliTiers(split)).toBe('64 x SN5600 leaf (64x400G down / 32x800G up) / 32 x SN5600 spine');
    expect(appTiers(split)).toBe('64 x SN5600 leaf (64x400G down / 32x800G up) / 32 x SN5600 spine');
  });

  it('lists a split leaf\'s down ports at 400G on cages 1-32 and its up ports at 800G on cages 33-64 in the NetBox interfaces', () => {
    const rows: Record<string, string>[] = parseCsv(text('netbox-interfaces'), { columns: true });
    const leaf = rows.filter((r) => r.device === rows.find((x) => x.name === 'swp1s0')!.device);
    expect(leaf).toHaveLength(96);
    const down = leaf.filter((r) => r.speed === String(400 * 1_000_000));
    const up = leaf.filter((r) => r.speed === String(800 * 1_000_000));
    expect(down).toHaveLength(64);
    expect(up).toHaveLength(32);
    expect(new Set(down.map((r) => r.description))).toEqual(new Set(Array.from({ length: 32 }, (_, i) => `cage ${i + 1}`)));
    expect(up.map((r) => r.description)).toEqual(Array.from({ length: 32 }, (_, i) => `cage ${i + 33}`));
    expect(up[0].type).toMatch(/^800gbase/);
  });

  it('labels node links at 400G and leaf-spine links at 800G in the Graphviz file', () => {
    const dot = text('dot');
    expect(dot).toMatch(/links x 400G/);
    expect(dot).toMatch(/2,048 links x 800G|2048 links x 800G/);
    expect(dot).toContain('128x400G down / 64x800G up: 64 down / 32 up');
  });
});
