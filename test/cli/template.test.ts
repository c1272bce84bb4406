// `railyard template`: the reference templates on the command line (src/cli/commands.ts runTemplate).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes';
import { REFERENCE_TEMPLATES, templateById } from '../../src/catalog/templates';

const bin = join(__dirname, '..', '..', 'bin', 'railyard.mjs');
const folder = () => mkdtempSync(join(tmpdir(), 'railyard-template-'));
const run = (...args: string[]) => {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  return spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: folder(), env, timeout: 60_000 });
};

describe('railyard template list', () => {
  it('lists every template with its size rule and the sizes its source publishes', () => {
    const r = run('template', 'list');
    expect(r.status, r.stderr).toBe(EXIT.ok);
    for (const t of REFERENCE_TEMPLATES) expect(r.stdout).toMatch(new RegExp(`^${t.id}\\s`, 'm'));
    expect(r.stdout).toMatch(/^superpod-b200\s+1-256 SU\s+published at 1, 2, 3, 4, 8, 16, 32, 64 SU\s+NVIDIA DGX SuperPOD B200/m);
    expect(r.stdout).toMatch(/^gb200-nvl72\s+72-65,520 GPUs, multiples of 72\s+derived \(no public table\)/m);
  });
});

describe('railyard template ID --size N', () => {
  it('prints the scenario JSON of the template at that size on standard output without --out', () => {
    const r = run('template', 'superpod-h100', '--size', '4');
    expect(r.status, r.stderr).toBe(EXIT.ok);
    expect(JSON.parse(r.stdout)).toEqual(templateById('superpod-h100')!.scenarioFor(4, { varyOnlySourcing: false }));
  });

  it('with --vary-only-sourcing writes the whole pinned design to --out, which validate accepts as a scenario', () => {
    const out = join(folder(), 'pod.json');
    const r = run('template', 'superpod-b200', '--size', '16', '--vary-only-sourcing', '--out', out);
    expect(r.status, r.stderr).toBe(EXIT.ok);
    expect(r.stdout).toContain(`Wrote ${out}: NVIDIA DGX SuperPOD B200, 16 SU (4,096 GPUs), vary only sourcing (pinned: 128 leaves, 128 spines, 64 cores)`);
    const written = JSON.parse(readFileSync(out, 'utf8'));
    expect(written.fabric.pin).toMatchObject({ tiers: 3, spine: { switchModel: 'QM9700', switchesPerPlane: 128 }, core: { switchesPerPlane: 64 } });
    const v = run('validate', out);
    expect(v.status, v.stderr).toBe(EXIT.ok);
    expect(v.stdout).toContain('valid scenario');
  });

  it('writes a scenario whose every ranked design, searched by the kernel, is the published one: B200 at 16 SU, 128 leaves, 128 spines, 64 cores', () => {
    const dir = folder();
    const out = join(dir, 'pod.json');
    expect(run('template', 'superpod-b200', '--size', '16', '--vary-only-sourcing', '--out', out, '--quiet').status).toBe(EXIT.ok);
    const r = run('optimize', out, '--top', '5', '--out', join(dir, 'pod.result.json'));
    expect(r.status, r.stderr).toBe(EXIT.ok);
    const rows = r.stdout.split('\n').filter((l) => /^\s+\d+\s+rail-optimized/.test(l));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatch(/ 128 x QM9700 leaf \/ 128 x QM9700 spine( \([^)]*\))? \/ 64 x QM9700 core /);
  });

  it('without --vary-only-sourcing pins only family, technology and planes', () => {
    const r = run('template', 'superpod-b300-spectrum-x', '--size', '2');
    expect(r.status, r.stderr).toBe(EXIT.ok);
    expect(JSON.parse(r.stdout).fabric.pin).toEqual({ family: 'rail-optimized', technology: 'ethernet', planes: 2 });
  });

  it('refuses an --out that exists without --force, before writing, and leaves it as it was', () => {
    const out = join(folder(), 'mine.json');
    writeFileSync(out, '{"my":"work"}\n');
    const r = run('template', 'gb200-nvl72', '--size', '9216', '--out', out);
    expect(r.status).toBe(EXIT.usage);
    expect(r.stderr).toContain(`railyard: --out ${out} already exists; pass --force to replace it, or choose another --out`);
    expect(readFileSync(out, 'utf8')).toBe('{"my":"work"}\n');
    const forced = run('template', 'gb200-nvl72', '--size', '9216', '--out', out, '--force', '--quiet');
    expect(forced.status, forced.stderr).toBe(EXIT.ok);
    expect(forced.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).cluster).toEqual({ gpus: 9216, serverProfile: 'gb200-nvl72' });
  });

  it('names --size and its rule for a size the template does not take, and writes nothing', () => {
    const dir = folder();
    const out = join(dir, 'x.json');
    for (const [size, message] of [
      ['0', '--size: must be a whole number of scalable units from 1 to 256, got 0 (superpod-h100: 32 nodes, 256 GPUs each)'],
      ['2.5', '--size: must be a whole number of scalable units from 1 to 256, got 2.5'],
      ['four', '--size: must be a whole number of scalable units from 1 to 256, got "four"'],
      ['0x10', '--size: must be a whole number of scalable units from 1 to 256, got "0x10"'],
    ]) {
      const r = run('template', 'superpod-h100', '--size', size, '--out', out);
      expect(r.status, size).toBe(EXIT.usage);
      expect(r.stderr, size).toContain(`railyard: ${message}`);
      expect(r.stderr, size).not.toMatch(/at .*\.(ts|js|mjs):\d+/);
    }
    expect(run('template', 'gb200-nvl72', '--size', '100').stderr).toContain('--size: must be a multiple of 72 GPUs from 72 to 65,520, got 100');
    expect(run('template', 'superpod-h100').stderr).toContain('--size: required: must be a whole number of scalable units from 1 to 256');
    expect(existsSync(out)).toBe(false);
  });

  it('names the known templates for an unknown id (usage error)', () => {
    const r = run('template', 'superpod-a100', '--size', '4');
    expect(r.status).toBe(EXIT.usage);
    expect(r.stderr).toContain('railyard: template: unknown template "superpod-a100"; known: superpod-h100, superpod-b200, superpod-b300-xdr, superpod-b300-spectrum-x, gb200-nvl72');
  });

  it('says which folder is missing for an --out in a folder that does not exist (file error)', () => {
    const out = join(folder(), 'no', 'such', 'pod.json');
    const r = run('template', 'superpod-h100', '--size', '4', '--out', out);
    expect(r.status).toBe(EXIT.io);
    expect(r.stderr).toContain('does not exist');
  });
});
