// The railyard command never loses a user's file, never hangs on a device, never prints a stack
// trace and never lets file text drive the terminal. Each case here was reproduced against the CLI
// before these protections existed (see the issue "Nothing lost, nothing injected, nothing hangs").
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { chmodSync, copyFileSync, linkSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes';

const root = join(__dirname, '..', '..');
const bin = join(root, 'bin', 'railyard.mjs');
const example = join(root, 'examples', 'h100-1024-ndr.json');
// Root ignores permission bits, so "permission denied" cannot be provoked with chmod there.
const isRoot = process.getuid?.() === 0;

const folder = () => mkdtempSync(join(tmpdir(), 'railyard-safety-'));

function run(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: opts.cwd ?? folder(), env: { ...process.env, ...opts.env }, timeout: 120_000 });
}

/** One line on stderr, no Node stack trace. */
function expectOneCleanLine(r: SpawnSyncReturns<string>): void {
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stderr.trim().split('\n').filter((l) => l.startsWith('railyard:'))).toHaveLength(1);
}

/** Characters a terminal acts on instead of showing. */
const ACTIVE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

let resultDir: string;
let resultPath: string;

beforeAll(() => {
  resultDir = folder();
  resultPath = join(resultDir, 'r.json');
  const r = run(['optimize', example, '--top', '2', '--quiet', '--out', resultPath]);
  expect(r.status, r.stderr).toBe(0);
}, 120_000);

describe('--out is checked before searching and never destroys an input', () => {
  it('refuses --out equal to the scenario, before searching, and leaves it intact', () => {
    const dir = folder();
    const scenario = join(dir, 's.json');
    copyFileSync(example, scenario);
    const r = run(['optimize', 's.json', '--out', 's.json'], { cwd: dir });
    expect(r.status).toBe(EXIT.usage);
    expect(r.stderr).toContain('--out s.json is the scenario s.json');
    expect(r.stderr).not.toContain('Searching');
    expectOneCleanLine(r);
    expect(readFileSync(scenario, 'utf8')).toBe(readFileSync(example, 'utf8'));
  });

  it('refuses --out equal to the --catalog and leaves the catalog intact', () => {
    const dir = folder();
    expect(run(['catalog', '--out', 'c.json'], { cwd: dir }).status).toBe(0);
    const before = readFileSync(join(dir, 'c.json'), 'utf8');
    const r = run(['optimize', example, '--catalog', 'c.json', '--out', join(dir, 'c.json')], { cwd: dir });
    expect(r.status).toBe(EXIT.usage);
    expect(r.stderr).toContain('is the catalog c.json');
    expect(readFileSync(join(dir, 'c.json'), 'utf8')).toBe(before);
  });

  it('refuses an export --out that is the result being exported and leaves it intact', () => {
    const before = readFileSync(resultPath, 'utf8');
    const r = run(['export', resultPath, '--format', 'bom-csv', '--out', resultPath]);
    expect(r.status).toBe(EXIT.usage);
    expect(r.stderr).toContain(`is the result ${resultPath}`);
    expect(readFileSync(resultPath, 'utf8')).toBe(before);
  });

  it('refuses an --out that reaches the scenario through a symlink or a hard link', () => {
    const dir = folder();
    copyFileSync(example, join(dir, 's.json'));
    symlinkSync(join(dir, 's.json'), join(dir, 'link.json'));
    linkSync(join(dir, 's.json'), join(dir, 'hard.json'));
    for (const out of ['link.json', 'hard.json']) {
      const r = run(['optimize', 's.json', '--out', out], { cwd: dir });
      expect(r.status).toBe(EXIT.usage);
      expect(r.stderr).toContain(`--out ${out} is the scenario s.json (the same file)`);
    }
    expect(readFileSync(join(dir, 's.json'), 'utf8')).toBe(readFileSync(example, 'utf8'));
  });

  it('refuses, before searching, an --out in a missing folder, under a file, or that is a folder', () => {
    const dir = folder();
    writeFileSync(join(dir, 'plain'), 'x');
    const cases: [string, string][] = [
      ['nope/r.json', `the folder ${join(dir, 'nope')} does not exist; create it`],
      ['plain/r.json', 'a part of the path is a file, not a folder'],
      ['.', 'is a folder; give a file name'],
    ];
    for (const [out, message] of cases) {
      const r = run(['optimize', example, '--out', out], { cwd: dir });
      expect(r.status, out).toBe(EXIT.io);
      expect(r.stderr).toContain(message);
      expect(r.stderr).not.toContain('Searching');
      expectOneCleanLine(r);
    }
  });

  it.skipIf(isRoot)('refuses, before searching, an --out in a folder it may not write (not testable as root, who ignores mode bits)', () => {
    const dir = folder();
    mkdirSync(join(dir, 'locked'), { mode: 0o555 });
    const r = run(['optimize', example, '--out', 'locked/r.json'], { cwd: dir });
    chmodSync(join(dir, 'locked'), 0o755);
    expect(r.status).toBe(EXIT.io);
    expect(r.stderr).toContain('permission denied');
    expect(r.stderr).not.toContain('Searching');
  });
});

describe('file and stream errors end with one line and exit code 4', () => {
  it('says a folder given as scenario, catalog or result is a folder', () => {
    const dir = folder();
    const cases = [
      ['optimize', dir],
      ['optimize', example, '--catalog', dir, '--out', join(dir, 'r.json')],
      ['export', dir, '--format', 'bom-csv'],
      ['validate', dir],
    ];
    for (const args of cases) {
      const r = run(args);
      expect(r.status, args.join(' ')).toBe(EXIT.io);
      expect(r.stderr).toContain(`${dir} is a folder; give the path of a JSON file`);
      expectOneCleanLine(r);
    }
  });

  it('says a missing scenario does not exist', () => {
    const r = run(['optimize', 'no-such-scenario.json']);
    expect(r.status).toBe(EXIT.io);
    expect(r.stderr).toBe('railyard: scenario no-such-scenario.json: no such file; check the path\n');
  });

  it.skipIf(isRoot)('says an unreadable scenario cannot be read (not testable as root, who ignores mode bits)', () => {
    const dir = folder();
    writeFileSync(join(dir, 's.json'), '{}', { mode: 0o000 });
    const r = run(['validate', 's.json'], { cwd: dir });
    expect(r.status).toBe(EXIT.io);
    expect(r.stderr).toContain('file s.json: permission denied');
  });

  it('says the disk is full when the result cannot be written (--out /dev/full)', () => {
    const r = run(['optimize', example, '--top', '2', '--quiet', '--out', '/dev/full']);
    expect(r.status).toBe(EXIT.io);
    expect(r.stderr).toBe('railyard: cannot write --out /dev/full: the disk is full (or over quota); free some space or choose another --out\n');
  });

  it('says the disk is full when a streamed export cannot be written', () => {
    const r = run(['export', resultPath, '--format', 'cables-csv', '--out', '/dev/full']);
    expect(r.status).toBe(EXIT.io);
    expect(r.stderr).toContain('cannot write --out /dev/full: the disk is full');
    expectOneCleanLine(r);
  });

  it('ends quietly when the reader of an export closes the pipe (| head -1)', async () => {
    const child = spawn(process.execPath, [bin, 'export', resultPath, '--format', 'cables-csv'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    let first = '';
    child.stdout.once('data', (d: Buffer) => {
      first = d.toString().split('\n')[0];
      child.stdout.destroy();
    });
    const code = await new Promise<number | null>((done) => child.once('close', done));
    expect(first).toMatch(/^cable_id,/);
    expect(stderr).toBe('');
    expect(code).toBe(EXIT.io);
  });
});

describe('size limits hold for devices and pipes', () => {
  it('stops reading /dev/zero at 64 MB and says so, promptly', () => {
    const started = Date.now();
    const r = run(['validate', '/dev/zero']);
    expect(r.status).toBe(EXIT.invalidInput);
    expect(r.stderr).toMatch(/^railyard: file \/dev\/zero: must be at most 64 MB/);
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('stops reading an endless pipe at 64 MB', () => {
    // A real pipe needs the shell's `|` (Node gives children sockets, which /dev/stdin cannot reopen).
    const dir = folder();
    writeFileSync(
      join(dir, 'endless.mjs'),
      `const b = Buffer.alloc(1 << 20, ' ');
       process.stdout.on('error', () => process.exit(0));
       (function feed() { while (process.stdout.write(b)); process.stdout.once('drain', feed); })();`,
    );
    const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
    const r = spawnSync(`${quote(process.execPath)} endless.mjs | ${quote(process.execPath)} ${quote(bin)} validate /dev/stdin`, {
      shell: true, cwd: dir, encoding: 'utf8', timeout: 60_000,
    });
    expect(r.stderr).toMatch(/^railyard: file \/dev\/stdin: must be at most 64 MB/);
    expect(r.status).toBe(EXIT.invalidInput);
  }, 60_000);
});

describe('a missing or corrupt search kernel', () => {
  it('names the missing kernel file and how to build it, with exit code 5', () => {
    const missing = join(folder(), 'kernel.wasm');
    const r = run(['optimize', example, '--quiet', '--out', join(folder(), 'r.json')], { env: { RAILYARD_KERNEL_WASM: missing } });
    expect(r.status).toBe(EXIT.engine);
    expect(r.stderr).toBe(`railyard: the search kernel ${missing} is missing; build it with npm run asbuild\n`);
  });

  it('names a corrupt kernel file and how to rebuild it, with exit code 5', () => {
    const corrupt = join(folder(), 'kernel.wasm');
    writeFileSync(corrupt, readFileSync(join(root, 'build', 'kernel.wasm')).subarray(0, 1000));
    const r = run(['optimize', example, '--quiet', '--out', join(folder(), 'r.json')], { env: { RAILYARD_KERNEL_WASM: corrupt } });
    expect(r.status).toBe(EXIT.engine);
    expect(r.stderr).toMatch(new RegExp(`^railyard: the search kernel ${corrupt} is not a valid WebAssembly module \\(.*\\); rebuild it with npm run asbuild\\n$`));
  });
});

describe('text from scenario and catalog files cannot drive the terminal', () => {
  it('prints the summary and catalog name without escape sequences', () => {
    const dir = folder();
    expect(run(['catalog', '--out', 'c.json'], { cwd: dir }).status).toBe(0);
    const catalog = JSON.parse(readFileSync(join(dir, 'c.json'), 'utf8'));
    catalog.name = 'Evil\x1b]8;;http://x.example/\x07 prices\x1b]8;;\x07\x1b[2J\x9b31m';
    catalog.switches.find((s: { id: string }) => s.id === 'QM9700').model = 'QM9700\x1b[31m\u202e';
    writeFileSync(join(dir, 'c.json'), JSON.stringify(catalog));
    const r = run(['optimize', example, '--catalog', 'c.json', '--top', '2', '--out', 'r.json'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Prices: Evil prices.');
    expect(r.stdout).toMatch(/x QM9700 leaf/);
    expect(r.stdout.replace(/\n/g, '')).not.toMatch(ACTIVE);
    expect(r.stderr.replace(/\n/g, '')).not.toMatch(ACTIVE);
  });

  it('quotes file text in error messages without escape sequences', () => {
    const dir = folder();
    expect(run(['catalog', '--out', 'c.json'], { cwd: dir }).status).toBe(0);
    const catalog = JSON.parse(readFileSync(join(dir, 'c.json'), 'utf8'));
    catalog.offers[0].part = 'NOPE\x1b]0;pwned\x07\x1b[2J\x85';
    writeFileSync(join(dir, 'c.json'), JSON.stringify(catalog));
    const r = run(['validate', 'c.json'], { cwd: dir });
    expect(r.status).toBe(EXIT.invalidInput);
    // The field is named and the text quoted, however the message spells the characters it dropped.
    expect(r.stderr).toMatch(/^ {2}offers\[0\]\.part: .*got "NOPE/m);
    expect(r.stderr.replace(/\n/g, '')).not.toMatch(ACTIVE);
  });
});

describe('exit codes', () => {
  it('are listed by --help and in the README, one per kind of failure', () => {
    const help = run(['--help']).stdout;
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Command line'), readme.indexOf('\n## ', readme.indexOf('## Command line') + 1));
    for (const [code, words] of [
      [EXIT.ok, 'success'],
      [EXIT.invalidInput, 'invalid input'],
      [EXIT.usage, 'usage error'],
      [EXIT.infeasible, 'no feasible design'],
      [EXIT.io, 'file or I/O error'],
      [EXIT.engine, 'the search engine could not run'],
    ] as const) {
      expect(help).toContain(`${code} ${words}`);
      expect(section).toMatch(new RegExp(`\\| ${code} \\| ${words}`, 'i'));
    }
  });

});
