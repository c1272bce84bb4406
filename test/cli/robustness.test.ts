import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = join(__dirname, '..', '..', 'bin', 'railyard.mjs');
const examples = join(__dirname, '..', '..', 'examples');
const dir = () => mkdtempSync(join(tmpdir(), 'railyard-rob-'));
const run = (cwd: string, ...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd });

const RANGES = [
  { source: 'oem-refurbished', category: 'switch', lowPct: -20, highPct: 30 },
  { source: 'compatible-new', category: 'optic', lowPct: -30, highPct: 30 },
];

/** The 4,096-GPU rail-optimized example with price ranges, written into a fresh folder. */
function scenarioFile(d: string, robustness: unknown = { ranges: RANGES, samples: 30 }, patch: Record<string, unknown> = {}) {
  const s = { ...JSON.parse(readFileSync(join(examples, 'b200-4096-ndr-rail-optimized.json'), 'utf8')), robustness, ...patch };
  const path = join(d, 'scenario.json');
  writeFileSync(path, JSON.stringify(s));
  return path;
}

describe('railyard robustness', () => {
  it('prints each design with its win share, mean, P10 and P90, and the break-even list', () => {
    const d = dir();
    const r = run(d, 'robustness', scenarioFile(d), '--workers', '2');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Prices swing on');
    expect(r.stdout).toMatch(/^nominal\s+wins\s+mean capex\s+P10\s+P90\s+note\s+design$/m);
    expect(r.stdout).toMatch(/^\s+1\s+\d+\.\d%\s+\$[\d,]+\s+\$[\d,]+\s+\$[\d,]+\s+rail-optimized IB 400G: \d+ x QM9700 leaf/m);
    expect(r.stdout).toContain("Break-even prices of the nominal winner's largest cost lines");
    expect(r.stdout).toMatch(/^ {2}QM9700 \(oem-new, NVIDIA\): [\d,]+ x \$50,000\.00 = \$[\d,]+$/m);
    expect(r.stdout).toMatch(/^ {4}(up: {3}(none up to|\$)|down: (none down to|\$))/m);
    expect(r.stdout).toContain('30 samples (seed 1)');
    expect(r.stderr).toContain('Drawing 30 price sets for 4,096 GPUs (hgx-b200-8x400g)');
    // Nothing written without --out.
    expect(existsSync(join(d, 'scenario.result.json'))).toBe(false);
  }, 60_000);

  it('writes the same report bytes with 1 and 2 workers, and another seed draws other prices', () => {
    const d = dir();
    const s = scenarioFile(d);
    const one = run(d, 'robustness', s, '--workers', '1', '--out', join(d, 'one.json'), '--quiet');
    const two = run(d, 'robustness', s, '--workers', '2', '--out', join(d, 'two.json'), '--quiet');
    const other = run(d, 'robustness', s, '--seed', '99', '--out', join(d, 'other.json'), '--quiet');
    expect([one.status, two.status, other.status], one.stderr + two.stderr + other.stderr).toEqual([0, 0, 0]);
    expect(one.stdout + one.stderr).toBe('');
    const a = readFileSync(join(d, 'one.json'), 'utf8');
    expect(readFileSync(join(d, 'two.json'), 'utf8')).toBe(a);
    const report = JSON.parse(a);
    expect(report).toMatchObject({ kind: 'railyard-robustness', samples: 30, seed: 1, objective: 'capex' });
    expect(JSON.parse(readFileSync(join(d, 'other.json'), 'utf8')).designs[0].mean).not.toBe(report.designs[0].mean);
  }, 90_000);

  it('takes --samples and --seed over the scenario, and --json prints the report alone on standard output', () => {
    const d = dir();
    const r = run(d, 'robustness', scenarioFile(d), '--samples', '12', '--seed', '5', '--json');
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.samples).toBe(12);
    expect(report.seed).toBe(5);
    expect(report.winnerBySample).toHaveLength(12);
    expect(r.stderr).toContain('12 samples (seed 5)');
  }, 60_000);

  it('refuses an --out that is the scenario file, before searching, and leaves it as it was', () => {
    const d = dir();
    const s = scenarioFile(d);
    const before = readFileSync(s, 'utf8');
    const r = run(d, 'robustness', s, '--out', s);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`--out ${s} is the scenario ${s}`);
    expect(r.stderr).not.toContain('Drawing');
    expect(readFileSync(s, 'utf8')).toBe(before);
  });

  it('refuses a --samples or --seed that is not an integer in range, with exit code 2', () => {
    const d = dir();
    const s = scenarioFile(d);
    for (const [flag, value, message] of [
      ['--samples', '0', '--samples: must be an integer from 1 to 10,000, got 0'],
      ['--samples', 'many', '--samples: must be an integer from 1 to 10,000, got many'],
      ['--seed', '4294967296', '--seed: must be an integer from 0 to 4,294,967,295, got 4294967296'],
    ]) {
      const r = run(d, 'robustness', s, flag, value);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(message);
    }
  });

  it('names the field and the rule of a bad price range, with exit code 1', () => {
    const d = dir();
    const r = run(d, 'robustness', scenarioFile(d, { ranges: [{ source: 'oem-refurbished', category: 'switch', lowPct: 40, highPct: 30 }] }));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('robustness.ranges[0].highPct: must be at least lowPct, got 30');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('says what to set when no price swings, with exit code 1', () => {
    const d = dir();
    const r = run(d, 'robustness', scenarioFile(d, { ranges: [] }));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('robustness: no price swings: set robustness.ranges in the scenario');
    expect(r.stderr).not.toContain('Drawing');
  });

  it('exits 3 when no design is feasible at the catalog prices', () => {
    const d = dir();
    const r = run(d, 'robustness', scenarioFile(d, { ranges: RANGES }, { fabric: { technologies: ['infiniband'], switchModels: ['QM9700'], families: ['rail-optimized'], maxTiers: 2, planes: [1], maxOversubscription: 1 } }));
    expect(r.status, r.stderr).toBe(3);
    expect(r.stderr).toContain('no design is feasible at the catalog prices');
  });
});
