// The conventions of the railyard command: --version, --json, --quiet, where optimize writes
// without --out, and that the command runs the JavaScript built by scripts/build-cli.mjs, with no
// TypeScript loader and no node_modules at run time.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPORT_FORMATS } from '../../src/export/formats';
import { EXIT } from '../../src/cli/exit-codes';
import { EXPORT_FORMAT_IDS } from '../../src/cli/usage';
import { checkResult } from '../../src/model/validate';

const root = join(__dirname, '..', '..');
const bin = join(root, 'bin', 'railyard.mjs');
const example = join(root, 'examples', 'h100-1024-ndr.json');
const folder = () => mkdtempSync(join(tmpdir(), 'railyard-conv-'));
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version as string;

/** Runs a railyard program as a user would: no NODE_OPTIONS (so no --import tsx), in an empty folder. */
function run(args: string[], opts: { cwd?: string; bin?: string } = {}): SpawnSyncReturns<string> {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  return spawnSync(process.execPath, [opts.bin ?? bin, ...args], { encoding: 'utf8', cwd: opts.cwd ?? folder(), env, timeout: 120_000 });
}

/** A copy of the example scenario in a folder of its own. */
function scenarioCopy(name = 'cluster.json'): { dir: string; path: string } {
  const dir = folder();
  copyFileSync(example, join(dir, name));
  return { dir, path: join(dir, name) };
}

describe('--version and --help', () => {
  it('prints the version from package.json and exits 0', () => {
    for (const flag of ['--version', '-v']) {
      const r = run([flag]);
      expect(r.status).toBe(EXIT.ok);
      expect(r.stdout).toBe(`railyard ${version}\n`);
    }
  });

  it('prints the usage with the exit codes for --help, also after a command', () => {
    for (const args of [['--help'], ['optimize', '--help'], ['export', '-h']]) {
      const r = run(args);
      expect(r.status).toBe(EXIT.ok);
      expect(r.stdout).toContain('railyard optimize SCENARIO.json');
      expect(r.stdout).toContain('--json');
      expect(r.stdout).toMatch(/Exit status: 0 success, 1 invalid input, 2 usage error, 3 no feasible design,\s+4 file or I\/O error/);
    }
  });

  it('lists in the usage exactly the export formats the export command knows', () => {
    expect(EXPORT_FORMAT_IDS).toEqual(EXPORT_FORMATS.map((f) => f.id));
  });
});

describe('optimize without --out', () => {
  it('writes SCENARIO.result.json beside the scenario, not in the current folder', () => {
    const { dir, path } = scenarioCopy();
    const cwd = folder();
    const r = run(['optimize', path, '--top', '2'], { cwd });
    expect(r.status, r.stderr).toBe(EXIT.ok);
    const written = join(dir, 'cluster.result.json');
    expect(checkResult(JSON.parse(readFileSync(written, 'utf8'))).ok).toBe(true);
    expect(readdirSync(cwd)).toEqual([]);
    expect(r.stdout).toContain(`Wrote ${written}`);
  });

  it('writes beside a relative scenario path too', () => {
    const { dir } = scenarioCopy();
    mkdirSync(join(dir, 'work'));
    const r = run(['optimize', '../cluster.json', '--top', '1', '--quiet'], { cwd: join(dir, 'work') });
    expect(r.status, r.stderr).toBe(EXIT.ok);
    expect(existsSync(join(dir, 'cluster.result.json'))).toBe(true);
    expect(readdirSync(join(dir, 'work'))).toEqual([]);
  });
});

describe('--json', () => {
  it('prints the result JSON to standard output instead of the table, and writes no file without --out', () => {
    const { dir, path } = scenarioCopy();
    const r = run(['optimize', path, '--top', '3', '--json']);
    expect(r.status, r.stderr).toBe(EXIT.ok);
    const result = JSON.parse(r.stdout);
    expect(checkResult(result).ok).toBe(true);
    expect(result.candidates.filter((c: { rank: number | null }) => c.rank !== null)).toHaveLength(3);
    expect(r.stdout).not.toMatch(/^rank\s+family/m);
    expect(readdirSync(dir)).toEqual(['cluster.json']);
  });

  it('with --out writes the file and prints the same JSON', () => {
    const dir = folder();
    const out = join(dir, 'r.json');
    const r = run(['optimize', example, '--top', '2', '--json', '--out', out]);
    expect(r.status, r.stderr).toBe(EXIT.ok);
    expect(r.stdout).toBe(readFileSync(out, 'utf8'));
    expect(r.stderr).toContain(`Wrote ${out}`);
  });

  it('prints the result of an infeasible scenario as JSON, says why on standard error and exits 3', () => {
    const dir = folder();
    const s = join(dir, 'tiny.json');
    writeFileSync(s, JSON.stringify({ cluster: { gpus: 4096 }, fabric: { technologies: ['infiniband'], switchModels: ['QM9700'], maxTiers: 1 } }));
    const r = run(['optimize', s, '--json']);
    expect(r.status).toBe(EXIT.infeasible);
    expect(JSON.parse(r.stdout).candidates).toEqual([]);
    expect(r.stderr).toContain('No feasible design');
  });
});

describe('--quiet', () => {
  it('prints nothing at all when optimize, validate, catalog --out and export --out succeed', () => {
    const dir = folder();
    const out = join(dir, 'r.json');
    for (const args of [
      ['optimize', example, '--top', '1', '--quiet', '--out', out],
      ['validate', out, '--quiet'],
      ['catalog', '--out', join(dir, 'c.json'), '-q'],
      ['export', out, '--format', 'bom-csv', '--out', join(dir, 'bom.csv'), '--quiet'],
    ]) {
      const r = run(args);
      expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(EXIT.ok);
      expect(r.stdout + r.stderr).toBe('');
    }
    expect(readFileSync(join(dir, 'bom.csv'), 'utf8').split('\n')[0]).toContain('category');
  });

  it('still prints errors', () => {
    const dir = folder();
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ cluster: { gpus: -8 } }));
    const r = run(['optimize', join(dir, 'bad.json'), '--quiet']);
    expect(r.status).toBe(EXIT.invalidInput);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('cluster.gpus: must be a positive integer, got -8');
  });
});

describe('the railyard program is built JavaScript', () => {
  it('bin/railyard.mjs loads the built CLI, not TypeScript through tsx', () => {
    const text = readFileSync(bin, 'utf8');
    expect(text).not.toMatch(/tsx|\.ts['"]/);
    expect(text).toContain('dist-cli/cli/railyard.mjs');
  });

  it('runs --help and optimizes from a copy with no node_modules (so no tsx, zod or comlink to load)', () => {
    const app = folder();
    cpSync(join(root, 'bin'), join(app, 'bin'), { recursive: true });
    cpSync(join(root, 'dist-cli'), join(app, 'dist-cli'), { recursive: true });
    mkdirSync(join(app, 'build'));
    copyFileSync(join(root, 'build', 'kernel.wasm'), join(app, 'build', 'kernel.wasm'));
    const copy = join(app, 'bin', 'railyard.mjs');
    expect(existsSync(join(app, 'node_modules'))).toBe(false);

    const help = run(['--help'], { bin: copy });
    expect(help.status, help.stderr).toBe(EXIT.ok);
    expect(help.stdout).toContain('railyard optimize SCENARIO.json');

    const r = run(['optimize', example, '--top', '2', '--json', '--workers', '2'], { bin: copy });
    expect(r.status, r.stderr).toBe(EXIT.ok);
    const result = JSON.parse(r.stdout);
    expect(result.stats.engine).toBe('kernel');
    expect(result.candidates[0].rank).toBe(1);
  });

  it('says how to build it when the built CLI is missing, and exits 5', () => {
    const app = folder();
    cpSync(join(root, 'bin'), join(app, 'bin'), { recursive: true });
    const r = run(['--help'], { bin: join(app, 'bin', 'railyard.mjs') });
    expect(r.status).toBe(EXIT.engine);
    expect(r.stderr).toContain('npm run build:cli');
  });
});
