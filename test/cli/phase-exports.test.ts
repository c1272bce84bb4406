import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';

const bin = join(__dirname, '..', '..', 'bin', 'railyard.mjs');
const examples = join(__dirname, '..', '..', 'examples');
const dir = mkdtempSync(join(tmpdir(), 'railyard-phase-exports-'));
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: dir, maxBuffer: 64 << 20 });

beforeAll(() => {
  for (const [scenario, out] of [['h100-1024-to-4096-phases.json', 'phased.json'], ['h100-1024-ndr.json', 'single.json']]) {
    const r = run('optimize', join(examples, scenario), '--top', '1', '--out', out, '--quiet');
    if (r.status !== 0) throw new Error(r.stderr);
  }
});

type Row = Record<string, string>;
const rows = (stdout: string): Row[] => parseCsv(stdout, { columns: true });

describe('railyard export --phase', () => {
  it("writes phase 2's cable schedule of the 1,024-to-4,096 example: the 4,608 cables it pulls, 6,144 links", () => {
    const r = run('export', 'phased.json', '--format', 'cables-csv', '--phase', '2');
    expect(r.status).toBe(0);
    const cables = rows(r.stdout);
    expect(cables.length).toBe(4_608);
    expect(cables.every((c) => c.phase === '2')).toBe(true);
    expect(cables.reduce((x, c) => x + Number(c.links), 0)).toBe(6_144);
    expect(cables.filter((c) => c.link_class === 'leaf-spine').length).toBe(3_072);
  });

  it("writes phase 2's BOM: 48 leaves and the media its links need, totalling the phase's capex", () => {
    const r = run('export', 'phased.json', '--format', 'bom-csv', '--phase', '2', '--out', 'bom2.csv');
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('for phase 2 of 2 (4,096 GPUs at month 12) to bom2.csv');
    const bom = rows(run('export', 'phased.json', '--format', 'bom-csv', '--phase', '2').stdout);
    expect(bom.find((l) => l.row === 'subtotal-category' && l.category === 'switch')!.quantity).toBe('48');
    expect(Number(bom.find((l) => l.row === 'total')!.subtotal)).toBe(4_100_505.6);
    expect(bom.every((l) => l.phase === '2')).toBe(true);
  });

  it('refuses a phase past the plan with the usage exit code, naming the option and the range', () => {
    const r = run('export', 'phased.json', '--format', 'cables-csv', '--phase', '3');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--phase: must be a phase of this result, an integer from 1 to 2, got 3');
    expect(r.stdout).toBe('');
  });

  it('refuses a phase that is not a whole number, before reading the result', () => {
    for (const bad of ['1.5', 'two', '0']) {
      const r = run('export', 'missing.json', '--format', 'cables-csv', '--phase', bad);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`--phase: must be an integer from 1 to 24, got ${bad}`);
    }
  });

  it('refuses --phase for a result whose scenario has no phases', () => {
    const r = run('export', 'single.json', '--format', 'bom-csv', '--phase', '1');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--phase: this result has no phases to choose from');
  });

  it('refuses --phase for the JSON formats, which hold every phase', () => {
    for (const format of ['json', 'results-json']) {
      const r = run('export', 'phased.json', '--format', format, '--phase', '1');
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`--phase: does not apply to --format ${format}`);
    }
  });

  it('names --phase in --help', () => {
    expect(run('--help').stdout).toContain('[--phase N]');
  });
});
