// The CLI's file layer on its own: refusing an --out that is an input, writing atomically (with a
// disk that fills part-way, injected), and reading with a byte count.
import { spawn } from 'node:child_process';
import { linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError, EXIT } from '../../src/cli/exit-codes';
import { prepareOutput, readInputText, writeOutput, type ChunkWriter } from '../../src/cli/files';

const folder = () => mkdtempSync(join(tmpdir(), 'railyard-files-'));

/** The error a promise rejects with (fails the test if it resolves). */
async function failureOf(p: Promise<unknown>): Promise<CliError> {
  const outcome = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(outcome, 'expected a failure').toBeInstanceOf(CliError);
  return outcome as CliError;
}

/** A writer that lets `capacity` bytes through and then fails like a full disk. */
function diskFillingAfter(capacity: number): ChunkWriter {
  let written = 0;
  return async (handle, data) => {
    const room = Math.max(0, capacity - written);
    if (room > 0) await handle.write(data, 0, Math.min(room, data.length), null);
    written += Math.min(room, data.length);
    if (data.length > room) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28 });
  };
}

describe('prepareOutput', () => {
  it('refuses an --out equal to an input by path, naming both files', async () => {
    const dir = folder();
    const scenario = join(dir, 's.json');
    writeFileSync(scenario, '{}');
    const e = await failureOf(prepareOutput(join(dir, '.', 's.json'), [{ path: scenario, what: 'scenario' }]));
    expect(e.exitCode).toBe(EXIT.usage);
    expect(e.message).toContain(`is the scenario ${scenario}`);
    expect(e.message).toContain('Choose another --out');
  });

  it('refuses an --out that is the same file as an input through a symlink or a hard link', async () => {
    const dir = folder();
    const catalog = join(dir, 'c.json');
    writeFileSync(catalog, '{}');
    symlinkSync(catalog, join(dir, 'link.json'));
    linkSync(catalog, join(dir, 'hard.json'));
    for (const out of ['link.json', 'hard.json']) {
      const e = await failureOf(prepareOutput(join(dir, out), [{ path: catalog, what: 'catalog' }]));
      expect(e.message).toContain(`is the catalog ${catalog} (the same file)`);
    }
    expect(readFileSync(catalog, 'utf8')).toBe('{}');
  });

  it('refuses an --out in a folder that does not exist, under a file, or that is a folder', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'plain'), 'x');
    const missing = await failureOf(prepareOutput(join(dir, 'nope', 'r.json'), []));
    expect(missing.exitCode).toBe(EXIT.io);
    expect(missing.message).toContain(`the folder ${join(dir, 'nope')} does not exist`);
    const underFile = await failureOf(prepareOutput(join(dir, 'plain', 'r.json'), []));
    expect(underFile.exitCode).toBe(EXIT.io);
    expect(underFile.message).toMatch(/plain\/r\.json: .*not a folder/);
    const isFolder = await failureOf(prepareOutput(dir, []));
    expect(isFolder.message).toContain('is a folder; give a file name');
  });

  it('writes devices such as /dev/null in place instead of renaming over them', async () => {
    const target = await prepareOutput('/dev/null', []);
    expect(target.inPlace).toBe(true);
    await writeOutput(target, ['discarded\n']);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('leaves no probe file behind after checking the folder', async () => {
    const dir = folder();
    const target = await prepareOutput(join(dir, 'r.json'), []);
    expect(target.inPlace).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('writeOutput', () => {
  it('replaces the previous file only once the whole output is written', async () => {
    const dir = folder();
    const out = join(dir, 'r.json');
    writeFileSync(out, 'previous');
    const target = await prepareOutput(out, []);
    await writeOutput(target, ['new ', 'content']);
    expect(readFileSync(out, 'utf8')).toBe('new content');
    expect(readdirSync(dir)).toEqual(['r.json']);
  });

  it('keeps the previous result intact when the disk fills during the write, and leaves no temporary file', async () => {
    const dir = folder();
    const out = join(dir, 'r.json');
    writeFileSync(out, '{"previous": true}\n');
    const target = await prepareOutput(out, []);
    // About 3 MB in 1 MB batches; the "disk" takes 1.5 MB.
    const chunks = Array.from({ length: 3000 }, (_, i) => `${String(i).padStart(1023, ' ')}\n`);
    const e = await failureOf(writeOutput(target, chunks, { writeChunk: diskFillingAfter(1_500_000) }));
    expect(e.exitCode).toBe(EXIT.io);
    expect(e.message).toBe(`cannot write --out ${out}: the disk is full (or over quota); free some space or choose another --out (the previous ${out} is unchanged)`);
    expect(readFileSync(out, 'utf8')).toBe('{"previous": true}\n');
    expect(readdirSync(dir)).toEqual(['r.json']);
  });

  it('passes an error of the chunk source on unchanged, after removing the temporary file', async () => {
    const dir = folder();
    const out = join(dir, 'big.csv');
    writeFileSync(out, 'old');
    function* failingExport() {
      yield 'a,b\n';
      throw new RangeError('the generator broke');
    }
    await expect(writeOutput(await prepareOutput(out, []), failingExport())).rejects.toThrow('the generator broke');
    expect(readFileSync(out, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['big.csv']);
  });

  it('keeps the permission bits of the file it replaces', async () => {
    const dir = folder();
    const out = join(dir, 'private.json');
    writeFileSync(out, 'old', { mode: 0o600 });
    await writeOutput(await prepareOutput(out, []), ['new']);
    expect(statSync(out).mode & 0o777).toBe(0o600);
  });

  it('writes through a symlinked --out to its target and keeps the link', async () => {
    const dir = folder();
    mkdirSync(join(dir, 'real'));
    writeFileSync(join(dir, 'real', 'r.json'), 'old');
    symlinkSync(join(dir, 'real', 'r.json'), join(dir, 'r.json'));
    await writeOutput(await prepareOutput(join(dir, 'r.json'), []), ['new']);
    expect(readFileSync(join(dir, 'real', 'r.json'), 'utf8')).toBe('new');
    expect(readdirSync(dir).sort()).toEqual(['r.json', 'real']);
    expect(readFileSync(join(dir, 'r.json'), 'utf8')).toBe('new');
  });

  it('removes its temporary file and leaves the previous file intact when the process is terminated mid-write', async () => {
    const dir = folder();
    const out = join(dir, 'r.json');
    writeFileSync(out, 'previous');
    // A child writing an endless output slowly; terminate it once its temporary file exists.
    const script = `
      import { prepareOutput, writeOutput } from ${JSON.stringify(join(__dirname, '..', '..', 'src', 'cli', 'files.ts'))};
      async function* endless() { for (;;) { yield 'x'.repeat(1 << 20); await new Promise((r) => setTimeout(r, 20)); } }
      await writeOutput(await prepareOutput(${JSON.stringify(out)}, []), endless());`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((done) => child.once('exit', (_code, signal) => done(signal)));
    const deadline = Date.now() + 20_000;
    // The write's temporary file, not prepareOutput's empty probe (covered by the next test).
    while (!readdirSync(dir).some((f) => f.endsWith('.tmp') && statSync(join(dir, f), { throwIfNoEntry: false })?.size)) {
      if (Date.now() > deadline) throw new Error('the writer never created its temporary file');
      await new Promise((r) => setTimeout(r, 25));
    }
    child.kill('SIGTERM');
    expect(await exited).toBe('SIGTERM');
    expect(readdirSync(dir)).toEqual(['r.json']);
    expect(readFileSync(out, 'utf8')).toBe('previous');
  }, 30_000);

  it('removes the probe file of prepareOutput when the process is terminated while it exists', async () => {
    const dir = folder();
    const out = join(dir, 'r.json');
    writeFileSync(out, 'previous');
    // The child says "probing" while its probe file exists, then waits to be terminated.
    const script = `
      import { prepareOutput } from ${JSON.stringify(join(__dirname, '..', '..', 'src', 'cli', 'files.ts'))};
      setInterval(() => {}, 1000);
      await prepareOutput(${JSON.stringify(out)}, [], { whileProbing: () => { process.stdout.write('probing\\n'); return new Promise(() => {}); } });`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<NodeJS.Signals | null>((done) => child.once('exit', (_code, signal) => done(signal)));
    await new Promise<void>((probing, failed) => {
      child.stdout.on('data', (text: Buffer) => text.toString().includes('probing') && probing());
      child.once('exit', () => failed(new Error('the child ended before probing')));
    });
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toHaveLength(1);
    child.kill('SIGTERM');
    expect(await exited).toBe('SIGTERM');
    expect(readdirSync(dir)).toEqual(['r.json']);
    expect(readFileSync(out, 'utf8')).toBe('previous');
  }, 30_000);
});

describe('readInputText', () => {
  it('stops reading a device at the size limit instead of trusting its size of 0', async () => {
    const e = await failureOf(readInputText({ path: '/dev/zero', what: 'file' }, 4 * 1024 * 1024));
    expect(e.exitCode).toBe(EXIT.invalidInput);
    expect(e.message).toMatch(/^file \/dev\/zero: must be at most 4 MB/);
  });

  it('says a folder given as an input is a folder', async () => {
    const dir = folder();
    const e = await failureOf(readInputText({ path: dir, what: 'catalog' }));
    expect(e.exitCode).toBe(EXIT.io);
    expect(e.message).toBe(`catalog ${dir} is a folder; give the path of a JSON file`);
  });

  it('drops a leading byte-order mark', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'bom.json'), '\uFEFF{"a":1}');
    expect(await readInputText({ path: join(dir, 'bom.json'), what: 'file' })).toBe('{"a":1}');
  });
});
