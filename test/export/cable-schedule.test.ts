import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/catalog/default';
import { ScenarioSchema } from '../../src/model/scenario';
import { optimize } from '../../src/topology/optimize';
import { exportSubject } from '../../src/export/fabric';
import { exportFormat } from '../../src/export/formats';
import { cableScheduleRows } from '../../src/export/cable-schedule';

describe('cable schedule of a plane-split fabric', () => {
  it('writes a plane-split cable as one row from its NIC plug to the leaf of each plane, A end the server', () => {
    const scenario = ScenarioSchema.parse({
      cluster: { gpus: 256, serverProfile: 'hgx-b300-8x800g' },
      fabric: { technologies: ['ethernet'], planes: [2], maxTiers: 2 },
      sourcing: { allowUnconfirmed: true },
    });
    const r = optimize(scenario, defaultCatalog);
    if (!r.ok) throw new Error(r.reason);
    const c = r.result.candidates.find((x) => x.links[0].media.some((m) => m.recipe.includes('plane-split')));
    expect(c, 'a design with plane-split server cables').toBeDefined();
    const s = exportSubject(r.result, defaultCatalog, c!.id);
    if (!s.ok) throw new Error(s.message);
    const rows: Record<string, string>[] = parseCsv([...exportFormat('cables-csv')!.write(s.value)].join(''), { columns: true });
    const split = rows.filter((x) => x.media_recipe.includes('plane-split'));
    expect(split.length).toBe(c!.links[0].count / 2);
    for (const x of split) {
      expect(x.a_port).toMatch(/^nic\d+$/);
      expect(x.a_position).toMatch(/^slot \d+$/);
      expect([x.b1_device.slice(0, 3), x.b2_device.slice(0, 3)]).toEqual(['p1-', 'p2-']);
      expect(x.links).toBe('2');
    }
    expect(rows.reduce((a, x) => a + Number(x.links), 0)).toBe(c!.metrics.linkCount);
  });
});

describe('cable schedule size', () => {
  it('predicts its row count from the candidate and catalog (1,536 cables for the 1,024-GPU example)', () => {
    const r = optimize(ScenarioSchema.parse({ cluster: { gpus: 1024 }, fabric: { technologies: ['infiniband'] } }), defaultCatalog);
    if (!r.ok) throw new Error(r.reason);
    const c = r.result.candidates[0];
    const s = exportSubject(r.result, defaultCatalog, c.id);
    if (!s.ok) throw new Error(s.message);
    const rows = [...exportFormat('cables-csv')!.write(s.value)].join('').split('\r\n').length - 2;
    expect(cableScheduleRows(c, defaultCatalog)).toBe(rows);
    expect(rows).toBe(1536);
  });
});
