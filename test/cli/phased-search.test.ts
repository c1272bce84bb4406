import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = join(__dirname, '..', '..', 'bin', 'railyard.mjs');
const example = join(__dirname, '..', '..', 'examples', 'h100-1024-to-4096-phases.json');

describe('railyard optimize says how the present-value ranking went', () => {
  it('prints the rows priced and the kernel runs of a TCO plan ending at the horizon, and the result carries them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'railyard-'));
    const scenario = JSON.parse(readFileSync(example, 'utf8'));
    scenario.cluster.phases[1].month = 60;
    scenario.objective = { minimize: 'tco', years: 5, discountRatePct: 8 };
    writeFileSync(join(dir, 'at-horizon.json'), JSON.stringify(scenario));
    const r = spawnSync(process.execPath, [bin, 'optimize', 'at-horizon.json', '--top', '3', '--out', 'r.json'], { encoding: 'utf8', cwd: dir });
    expect(r.status).toBe(0);
    const phased = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')).stats.phased;
    // Widened past the first run, far short of every row (the floor is f_K x capex here).
    expect(phased.kernelRuns).toBeGreaterThan(1);
    expect(phased.rows).toBeLessThanOrEqual(2560);
    const n = (x: number) => x.toLocaleString('en-US');
    expect(r.stdout).toContain(`Present value: priced ${n(phased.priced)} of the kernel's best ${n(phased.rows)} rows in ${phased.kernelRuns} kernel runs, each asking four times the rows`);
  }, 120_000);
});
