import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ecmpSummary, failureSafety } from '../../src/cli/format';
import type { Candidate } from '../../src/model/result';

const bin = join(__dirname, '..', '..', 'bin', 'railyard.mjs');
const examples = join(__dirname, '..', '..', 'examples');
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: mkdtempSync(join(tmpdir(), 'railyard-')) });

const row = (tiers: number, metrics: Partial<Candidate['metrics']>) =>
  ({ tiers: Array.from({ length: tiers }), metrics }) as unknown as Candidate;

describe('resilience in the CLI table', () => {
  it('prints single-switch-failure safety with the spines per leaf, and the ECMP paths across leaves and pods', () => {
    const r = run('optimize', join(examples, 'h100-1024-ndr.json'), '--top', '3', '--out', join(mkdtempSync(join(tmpdir(), 'railyard-')), 'r.json'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/\spower\s+1-fail safe\s+ECMP leaf\/pod\s+oversub\s/m);
    // The best 1,024-GPU design: 32 QM9700 leaves under 16 spines, 2 links from each leaf to each: 16 x 2^2 paths.
    expect(r.stdout).toMatch(/^\s+1\s.*32 x QM9700 leaf \/ 16 x QM9700 spine .*kW\s+yes \(16 spines\)\s+64\s+1:1/m);
  });

  it('carries the resilience and ECMP figures in --json, null where a count does not apply', () => {
    const dir = mkdtempSync(join(tmpdir(), 'railyard-'));
    const scenario = join(dir, 's.json');
    writeFileSync(scenario, JSON.stringify({ cluster: { gpus: 1024 }, fabric: { technologies: ['infiniband'], switchModels: ['QM9700'], families: ['fat-tree'], maxTiers: 2 } }));
    const r = run('optimize', scenario, '--json', '--top', '2');
    expect(r.status, r.stderr).toBe(0);
    const m = JSON.parse(r.stdout).candidates[0].metrics;
    expect(m).toMatchObject({ singleSwitchFailureSafe: true, uplinkSwitchesPerLeaf: 16, ecmpPathsCrossLeaf: 64, ecmpSwitchPathsCrossLeaf: 16, ecmpPathsCrossPod: null, ecmpSwitchPathsCrossPod: null });
  });

  it('says NO with the one spine, "1 tier" for a single switch, and "-" for older results', () => {
    expect(failureSafety(row(2, { singleSwitchFailureSafe: false, uplinkSwitchesPerLeaf: 1 }))).toBe('NO (1 spine)');
    expect(failureSafety(row(3, { singleSwitchFailureSafe: true, uplinkSwitchesPerLeaf: 32 }))).toBe('yes (32 spines)');
    expect(failureSafety(row(1, { singleSwitchFailureSafe: true, uplinkSwitchesPerLeaf: 0 }))).toBe('1 tier');
    expect(failureSafety(row(2, {}))).toBe('-');
    expect(ecmpSummary(row(3, { ecmpPathsCrossLeaf: 32, ecmpPathsCrossPod: 1024 }))).toBe('32 / 1,024');
    expect(ecmpSummary(row(1, { ecmpPathsCrossLeaf: null, ecmpPathsCrossPod: null }))).toBe('-');
  });
});
