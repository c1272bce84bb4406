import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = join(__dirname, '..', '..', 'bin', 'railyard.mjs');
const dir = mkdtempSync(join(tmpdir(), 'railyard-robustness-phases-'));
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: dir, maxBuffer: 64 << 20 });

/** The 1,024-to-4,096 example with refurbished switches swinging -20%..+30%. */
function phasedScenario(): string {
  const s = JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', 'h100-1024-to-4096-phases.json'), 'utf8'));
  s.robustness = { ranges: [{ source: 'oem-refurbished', category: 'switch', lowPct: -20, highPct: 30 }] };
  const path = join(dir, 'phased.json');
  writeFileSync(path, JSON.stringify(s));
  return path;
}

describe('railyard robustness on a phased scenario', () => {
  it('says it compares designs at the final size bought on day one, in the table and in the report JSON', () => {
    const path = phasedScenario();
    const r = run('robustness', path, '--samples', '2', '--out', 'report.json');
    expect(r.status).toBe(0);
    const note = "robustness compares designs at the final size (4,096 GPUs), bought and built on day one: the scenario's 2 phases (cluster.phases) and its 8% discount rate are not applied to the samples";
    expect(r.stdout.split('\n')[0]).toBe(`Note: ${note}, so ranks here can differ from the present-value ranks of Optimize.`);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(report.phases).toEqual({ count: 2, finalGpus: 4096, discountRatePct: 8, note: expect.stringContaining(note) });
  });

  it('adds no such note for a scenario without phases', () => {
    const s = JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', 'h100-1024-ndr.json'), 'utf8'));
    s.robustness = { ranges: [{ source: 'oem-refurbished', category: 'switch', lowPct: -20, highPct: 30 }] };
    writeFileSync(join(dir, 'single.json'), JSON.stringify(s));
    const r = run('robustness', join(dir, 'single.json'), '--samples', '2', '--json', '--quiet');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).phases).toBeUndefined();
  });
});
