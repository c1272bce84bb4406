import { describe, expect, it } from 'vitest';
import type { Candidate } from '../../src/model/result';
import { fabricExportFileName } from '../../src/ui/export-actions';
import { cliCommand, exportLimit, FABRIC_EXPORTS, PHASE_BOM_EXPORT, phaseChoices } from '../../src/ui/export-plan';

const phase = (n: number, gpus: number, month: number) => ({
  phase: n, month, gpus, nodes: gpus / 8,
  adds: { nodes: 0, leafGroups: 0, pods: 0, switches: { leaf: 0, spine: 0, core: 0 }, links: { 'node-leaf': 0, 'leaf-spine': 0, 'spine-core': 0 } },
  capex: 0, discountFactor: 1, capexPresentValue: 0, runningYears: 0, runningCost: 0, runningPresentValue: 0,
});
const candidate = (id: string, phases?: ReturnType<typeof phase>[]) => ({ id, rank: 1, ...(phases ? { phases: { phases } } : {}) }) as unknown as Candidate;
const cables = FABRIC_EXPORTS.find((f) => f.id === 'cables-csv')!;

describe('exporting one phase from the app', () => {
  it('offers the whole design and each phase, by month and GPUs, only for a result that grows in phases', () => {
    expect(phaseChoices(candidate('x', [phase(1, 1024, 0), phase(2, 4096, 12)]))).toEqual([
      { value: null, label: 'Whole design' },
      { value: 1, label: 'Phase 1 (month 0, 1,024 GPUs)' },
      { value: 2, label: 'Phase 2 (month 12, 4,096 GPUs)' },
    ]);
    expect(phaseChoices(candidate('x'))).toEqual([]);
    expect(phaseChoices(candidate('x', [phase(1, 4096, 0)]))).toEqual([]);
  });

  it('names the file after the phase, even when a long design id must be cut', () => {
    expect(fabricExportFileName(candidate('ft-ib-p1'), cables, 2)).toBe('railyard-rank1-ft-ib-p1-phase2-cables.csv');
    expect(fabricExportFileName(candidate('ft-ib-p1'), PHASE_BOM_EXPORT, 1)).toBe('railyard-rank1-ft-ib-p1-phase1-bom.csv');
    expect(fabricExportFileName(candidate('ft-ib-p1'), cables)).toBe('railyard-rank1-ft-ib-p1-cables.csv');
    const long = fabricExportFileName(candidate('ft-eth-p1-n8-'.repeat(12)), cables, 12);
    expect(long).toMatch(/-phase12-cables\.csv$/);
    expect(long.length).toBeLessThanOrEqual('railyard-'.length + 100 + '.csv'.length);
  });

  it('gives the command line with --phase for a phase too large for the browser', () => {
    expect(cliCommand('cables-csv', 'id', 'results.json', 'out.csv', 2)).toBe('npx railyard export results.json --candidate id --format cables-csv --phase 2 --out out.csv');
  });

  it('holds a phase\'s containerlab lab to the links standing after it, not the whole design\'s', () => {
    const p1 = { ...phase(1, 64, 0), adds: { ...phase(1, 64, 0).adds, links: { 'node-leaf': 512, 'leaf-spine': 512, 'spine-core': 0 } } };
    const p2 = { ...phase(2, 4096, 12), adds: { ...phase(2, 4096, 12).adds, links: { 'node-leaf': 3584, 'leaf-spine': 3584, 'spine-core': 0 } } };
    const c = { ...candidate('x', [p1, p2]), technology: 'ethernet', metrics: { linkCount: 8192 } } as unknown as Candidate;
    expect(exportLimit('containerlab', c)).toBe('containerlab labs are limited to 5,000 links; this design has 8,192.');
    expect(exportLimit('containerlab', c, 1)).toBeUndefined();
    expect(exportLimit('containerlab', c, 2)).toBe('containerlab labs are limited to 5,000 links; this design has 8,192 after phase 2.');
  });
});
