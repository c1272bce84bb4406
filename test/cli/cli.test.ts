import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkResult } from '../../src/model/validate';

const bin = join(__dirname, '..', '..', 'bin', 'railyard.mjs');
const examples = join(__dirname, '..', '..', 'examples');
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: mkdtempSync(join(tmpdir(), 'railyard-')) });

describe('the railyard command line', () => {
  it('optimizes the 1,024-GPU example, prints a ranked table and writes a schema-valid result', () => {
    const dir = mkdtempSync(join(tmpdir(), 'railyard-'));
    const out = join(dir, 'r.json');
    const r = run('optimize', join(examples, 'h100-1024-ndr.json'), '--out', out, '--top', '5');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^rank\s+family\s+links\s+tiers\s+switches\s+capex\s+per GPU/m);
    expect(r.stdout).toMatch(/^\s+1\s+\S+\s+IB 400G\s+32 x QM9700 leaf \/ 16 x QM9700 spine\s+48\s+\$/m);
    const result = JSON.parse(readFileSync(out, 'utf8'));
    const checked = checkResult(result);
    expect(checked.ok).toBe(true);
    expect(result.candidates.filter((c: { rank: number | null }) => c.rank !== null)).toHaveLength(5);
  });

  it('shows end-to-end oversubscription, rail-local reach and warnings per row, and the best design\'s unconfirmed parts in full', () => {
    const dir = mkdtempSync(join(tmpdir(), 'railyard-'));
    const scenario = join(dir, 's.json');
    writeFileSync(scenario, JSON.stringify({
      cluster: { gpus: 2048, serverProfile: 'hgx-b300-8x800g' },
      fabric: { technologies: ['ethernet'], planes: [2], switchModels: ['7060DX5-64S'] },
      sourcing: { allowUnconfirmed: true },
    }));
    const r = run('optimize', scenario, '--top', '3');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/\soversub\s+e2e\s+rail-local\s+warnings$/m);
    expect(r.stdout).toMatch(/^\s+1\s.*\d+ unconfirmed, \d+ estimated$/m);
    expect(r.stdout).toMatch(/^ {2}warning \(unconfirmed-part\): cable PS-AEC-OSFP800-2xQDD400 .* is unconfirmed/m);
  });

  it('lists every problem of an invalid scenario by field path and exits 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'railyard-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ cluster: { gpus: -8 }, fabric: { maxTiers: 7, families: ['mesh'] } }));
    const r = run('optimize', bad);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('cluster.gpus: must be a positive integer, got -8');
    expect(r.stderr).toContain('fabric.maxTiers: must be 1, 2 or 3, got 7');
    expect(r.stderr).toContain('fabric.families[0]: must be one of "fat-tree", "rail-optimized", "rail-only", got "mesh"');
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it('reports malformed JSON with the parser message, not a stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'railyard-'));
    const bad = join(dir, 'broken.json');
    writeFileSync(bad, '{ "cluster": { "gpus": 8, }');
    const r = run('validate', bad);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/broken\.json is not valid:\n {2}\(file\): is not valid JSON/);
  });

  it('validates scenarios, catalogs and results by recognising which is which', () => {
    const dir = mkdtempSync(join(tmpdir(), 'railyard-'));
    const catalog = join(dir, 'catalog.json');
    execFileSync(process.execPath, [bin, 'catalog', '--out', catalog]);
    expect(run('validate', catalog).stdout).toContain('valid catalog');
    expect(run('validate', join(examples, 'h100-1024-ndr.json')).stdout).toContain('valid scenario');
    const cat = JSON.parse(readFileSync(catalog, 'utf8'));
    cat.offers[0].price = -5;
    cat.offers[1].part = 'NO-SUCH-PART';
    writeFileSync(catalog, JSON.stringify(cat));
    const r = run('validate', catalog);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('offers[0].price: must not be negative, got -5');
    expect(r.stderr).toContain('offers[1].part: must name a switch, transceiver or cable in the catalog, got "NO-SUCH-PART"');
  });

  it('says why no design is feasible and exits 3', () => {
    const dir = mkdtempSync(join(tmpdir(), 'railyard-'));
    const s = join(dir, 'tiny.json');
    writeFileSync(s, JSON.stringify({ cluster: { gpus: 4096 }, fabric: { technologies: ['infiniband'], switchModels: ['QM9700'], maxTiers: 1 } }));
    const r = run('optimize', s, '--out', join(dir, 'out.json'));
    expect(r.status).toBe(3);
    expect(r.stdout).toContain('No feasible design');
  });

  it('exits 2 with usage on an unknown command or option', () => {
    expect(run('frobnicate').status).toBe(2);
    expect(run('optimize', 'x.json', '--bogus').status).toBe(2);
    expect(run('optimize', join(examples, 'h100-1024-ndr.json'), '--top', '0').stderr).toContain('--top: must be an integer from 1 to 100, got 0');
  });
});
