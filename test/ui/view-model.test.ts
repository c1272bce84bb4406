import { describe, expect, it } from 'vitest';
import { ScenarioSchema } from '../../src/model/scenario';
import { checkResult } from '../../src/model/validate';
import { optimize } from '../../src/topology/optimize';
import { bomCsv, BOM_CSV_COLUMNS } from '../../src/export/bom-csv';
import { candidateResult } from '../../src/export/json';
import { parseCsv } from '../../src/state/csv';
import { readNumberText, readRatioText } from '../../src/state/number-text';
import { fmtRatio } from '../../src/ui/format';
import { bomGroups, chartPoints, compareRows, niceTicks, sortCandidates, tiersSummary } from '../../src/ui/view-model';
import { labCatalog } from '../fixtures/lab-catalog';

const result = (() => {
  const r = optimize(ScenarioSchema.parse({ cluster: { gpus: 600, serverProfile: 'one-port-400g' }, fabric: { maxOversubscription: 3 }, search: { topK: 6 } }), labCatalog());
  if (!r.ok) throw new Error(r.reason);
  return r.result;
})();

describe('view model', () => {
  it('summarises tiers as count x model role', () => {
    const c = result.candidates[0];
    expect(tiersSummary(c)).toBe(c.tiers.map((t) => `${t.count.toLocaleString('en-US')} x ${t.switchModel} ${t.role}`).join(' / '));
    expect(tiersSummary(c)).toMatch(/^\d[\d,]* x SW\d+ leaf/);
  });

  it('sorts by a column and back by rank', () => {
    const byPower = sortCandidates(result.candidates, 'power', 'asc');
    for (let i = 1; i < byPower.length; i++) expect(byPower[i].metrics.powerW).toBeGreaterThanOrEqual(byPower[i - 1].metrics.powerW);
    const byRank = sortCandidates(byPower, 'rank', 'asc').filter((c) => c.rank !== null);
    expect(byRank.map((c) => c.rank)).toEqual(byRank.map((_, i) => i + 1));
  });

  it('flags the compare rows that differ and marks the cheaper design', () => {
    const [a, b] = result.candidates;
    const rows = compareRows([a, b], 'USD');
    const capex = rows.find((r) => r.label === 'Capex')!;
    expect(capex.differs).toBe(a.metrics.capex !== b.metrics.capex);
    if (capex.differs) expect(capex.best).toBe(a.metrics.capex < b.metrics.capex ? 0 : 1);
    const same = compareRows([a, a], 'USD');
    expect(same.every((r) => !r.differs && r.best === null)).toBe(true);
  });

  it('compares single-switch-failure safety and ECMP paths, marking the design whose leaves reach more spines', () => {
    const [a] = result.candidates;
    const twoSpines = { ...a, metrics: { ...a.metrics, singleSwitchFailureSafe: true, uplinkSwitchesPerLeaf: 2, ecmpPathsCrossLeaf: 8, ecmpSwitchPathsCrossLeaf: 2, ecmpPathsCrossPod: null, ecmpSwitchPathsCrossPod: null } };
    const oneSpine = { ...a, metrics: { ...a.metrics, singleSwitchFailureSafe: false, uplinkSwitchesPerLeaf: 1, ecmpPathsCrossLeaf: 4, ecmpSwitchPathsCrossLeaf: 1, ecmpPathsCrossPod: null, ecmpSwitchPathsCrossPod: null } };
    const rows = compareRows([oneSpine, twoSpines], 'USD');
    const fail = rows.find((r) => r.label === 'Single switch failure')!;
    expect(fail.differs).toBe(true);
    expect(fail.best).toBe(1);
    expect(fail.values[0]).toMatch(/^Not safe/);
    const ecmp = rows.find((r) => r.label === 'ECMP paths')!;
    expect(ecmp.best).toBe(1);
  });

  it('groups the BOM by category with totals that add up to capex', () => {
    const c = result.candidates[0];
    const groups = bomGroups(c);
    expect(groups.reduce((x, g) => x + g.total, 0)).toBeCloseTo(c.metrics.capex, 2);
  });

  it('puts every candidate on the chart and marks the Pareto front', () => {
    const pts = chartPoints(result, 'oversubscription');
    expect(pts).toHaveLength(result.candidates.length);
    expect(pts.filter((p) => p.pareto).map((p) => p.id).sort()).toEqual([...result.pareto].sort());
    expect(niceTicks(0, 10, 5)).toEqual([0, 2, 4, 6, 8, 10]);
  });

  it('writes ratios and reads typed numbers', () => {
    expect(fmtRatio(1)).toBe('1:1');
    expect(fmtRatio(1.5)).toBe('1.5:1');
    expect(readNumberText('65,536', false)).toBe(65536);
    expect(readNumberText(' 1.5 ', false)).toBe(1.5);
    expect(readNumberText('', true)).toBeUndefined();
    expect(readNumberText('12abc', false)).toBe('12abc');
    expect(readRatioText('3:1')).toBe(3);
  });
});

describe('exports', () => {
  it('writes a one-candidate result that validates', () => {
    const doc = JSON.parse(JSON.stringify(candidateResult(result, result.candidates[1])));
    const checked = checkResult(doc);
    expect(checked.ok).toBe(true);
    expect(doc.candidates).toHaveLength(1);
  });

  it('writes a BOM CSV whose lines add up to capex', () => {
    const c = result.candidates[0];
    const rows: string[][] = parseCsv(bomCsv(c, 'USD'));
    expect(rows[0]).toEqual([...BOM_CSV_COLUMNS]);
    const items = rows.filter((r) => r[0] === 'item');
    expect(items).toHaveLength(c.bom.length);
    const extended = BOM_CSV_COLUMNS.indexOf('extendedPrice');
    const total = items.reduce((x, r) => x + Number(r[extended]), 0);
    expect(total).toBeCloseTo(c.metrics.capex, 2);
  });
});
