import { subjectOf } from '../fixtures/export-subject';
import { parse as parseCsv } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/catalog/default';
import type { ExportSubject } from '../../src/export/fabric';
import { exportFormat } from '../../src/export/formats';
import type { Result } from '../../src/model/result';
import { ScenarioSchema } from '../../src/model/scenario';
import { optimize } from '../../src/topology/optimize';
import { buildElevations, MAX_DRAWN_RACKS } from '../../src/ui/rack-elevations';
import { estimateBytes } from '../../src/ui/export-plan';
import { millionGpuResult } from '../e2e/big-result';

function h100Example(): Result {
  const r = optimize(ScenarioSchema.parse(JSON.parse(readFileSync('examples/h100-1024-ndr.json', 'utf8'))), defaultCatalog);
  if (!r.ok) throw new Error(r.reason);
  return r.result;
}


const rackCsvRows = (s: ExportSubject): Record<string, string>[] => parseCsv([...exportFormat('rack-csv')!.write(s)].join(''), { columns: true });

describe('rack elevations', () => {
  const result = h100Example();
  const subject = subjectOf(result);
  const limitKW = result.resolvedLayout!.maxRackPowerKW;

  it('draws every rack of the 1,024-GPU example that holds a switch, each switch at the U and with the name the rack CSV gives it', () => {
    const e = buildElevations(subject, limitKW);
    const csv = rackCsvRows(subject).filter((r) => r.role !== 'node' && r.role !== 'patch-panel');
    expect(e.hidden).toBe(0);
    expect(e.racksWithSwitches).toBe(new Set(csv.map((r) => r.rack)).size);
    const drawn = e.racks.flatMap((r) => r.devices.filter((d) => d.role !== 'patch-panel').map((d) => `${r.name}|${d.u}|${d.heightU}|${d.name}|${d.role}`));
    expect(drawn.sort()).toEqual(csv.map((r) => `${r.rack}|${r.u}|${r.height_u}|${r.device}|${r.role}`).sort());
    expect(drawn.length).toBe(result.candidates[0].metrics.switchCount);
    // Servers are listed in their compute rack, slot 1 first, with the naming scheme's names.
    const nodes = rackCsvRows(subject).filter((r) => r.role === 'node');
    expect(e.racks.flatMap((r) => r.servers)).toEqual(nodes.filter((r) => e.racks.some((x) => x.name === r.rack)).map((r) => r.device));
  });

  it('gives each rack the typical and maximum power of its network equipment and flags network racks over layout.maxRackPowerKW', () => {
    const csv = rackCsvRows(subject);
    const e = buildElevations(subject, limitKW);
    for (const r of e.racks) {
      const row = csv.find((x) => x.rack === r.name)!;
      expect([Math.round(r.typicalW * 10) / 10, Math.round(r.maxW * 10) / 10]).toEqual([Number(row.rack_typical_w), Number(row.rack_max_w)]);
      expect(r.overLimit).toBe(false);
    }
    const network = e.racks.filter((r) => r.kind === 'network');
    expect(network.length).toBe(result.candidates[0].metrics.networkRacks);
    const tight = buildElevations(subject, 1);
    for (const r of tight.racks) expect(r.overLimit).toBe(r.kind === 'network' && r.maxW > 1000);
    expect(tight.types.reduce((x, t) => x + t.overLimit, 0)).toBe(network.filter((r) => r.maxW > 1000).length);
  });

  it('counts every rack by type, and a rack type\'s count adds up to all racks', () => {
    const e = buildElevations(subject, limitKW);
    expect(e.types.reduce((x, t) => x + t.racks, 0)).toBe(e.totalRacks);
    expect(e.types.find((t) => t.kind === 'compute')?.label).toMatch(/^compute rack, 4 servers \+ 1 x QM9700 leaf$/);
  });

  it('summarises a 1,048,576-GPU fabric: draws the first 40 racks and counts all of them by type', () => {
    const big = subjectOf(millionGpuResult() as Result);
    const e = buildElevations(big, big.result.resolvedLayout!.maxRackPowerKW);
    expect(e.racks).toHaveLength(MAX_DRAWN_RACKS);
    expect(e.racksWithSwitches).toBe(big.candidate.metrics.networkRacks);
    expect(e.hidden).toBe(e.racksWithSwitches - MAX_DRAWN_RACKS);
    expect(e.types.reduce((x, t) => x + t.racks, 0)).toBe(e.totalRacks);
    expect(e.types.length).toBeLessThan(10);
    expect(e.types.reduce((x, t) => x + t.overLimit, 0)).toBe(big.candidate.metrics.networkRacksOverPowerLimit);
  }, 60_000);

  it('estimates the rack CSV above its real size, so the download route is chosen safely', () => {
    const c = result.candidates[0];
    const bytes = [...exportFormat('rack-csv')!.write(subject)].join('').length;
    expect(estimateBytes('rack-csv', c)).toBeGreaterThanOrEqual(bytes);
    expect(estimateBytes('rack-csv', c)).toBeLessThan(bytes * 4);
  });
});
