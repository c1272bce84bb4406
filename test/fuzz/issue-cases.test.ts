// Cases of the issue "Nothing lost, nothing injected, nothing hangs" that the CLI, engine and UI
// tests do not reproduce as reported: permission errors where the tests run as root, a disk that
// really fills (a small tmpfs, not an injected writer), and the catalogs with many port modes.
import { catalogWithModes } from '../fixtures/catalog-with-modes';
import { spawnSync, type SpawnSyncOptions, type SpawnSyncReturns } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes';
import { defaultCatalog } from '../../src/catalog/default';
import { useNotices } from '../../src/state/notices';
import { MemoryStorage } from '../ui/memory-storage';
import { expectCleanCliError, expectFieldProblem } from './clean-messages';

const root = join(__dirname, '..', '..');
const bin = join(root, 'bin', 'railyard.mjs');
const example = join(root, 'examples', 'h100-1024-ndr.json');
const isRoot = process.getuid?.() === 0;
/** Root ignores permission bits: permission cases run the command as "nobody" instead. */
const NOBODY = 65534;

/** A folder every user may enter and read (mkdtemp makes it private to its owner). */
function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'railyard-issue9-'));
  chmodSync(dir, 0o755);
  return dir;
}

function railyard(args: string[], opts: SpawnSyncOptions = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 120_000, ...opts }) as SpawnSyncReturns<string>;
}

/** Runs the command as a user without root's power to ignore permission bits. */
const asUnprivileged = (args: string[], cwd: string) => railyard(args, isRoot ? { cwd, uid: NOBODY, gid: NOBODY } : { cwd });

function expectOneLine(r: SpawnSyncReturns<string>): void {
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stderr).not.toMatch(/\b(Error|RangeError|TypeError):/);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(/^railyard: /);
}

describe('permission errors end in one line and exit code 4, also where the tests run as root', () => {
  it('says an unreadable scenario cannot be read (EACCES), naming it', () => {
    const dir = folder();
    writeFileSync(join(dir, 's.json'), readFileSync(example), { mode: 0o000 });
    mkdirSync(join(dir, 'out'));
    chmodSync(join(dir, 'out'), 0o777);
    for (const command of [['validate', 's.json'], ['optimize', 's.json', '--out', join(dir, 'out', 'r.json')]]) {
      const r = asUnprivileged(command, dir);
      expect(r.status, r.stderr).toBe(EXIT.io);
      expect(r.stderr).toBe(`railyard: ${command[0] === 'validate' ? 'file' : 'scenario'} s.json: permission denied; make it readable (chmod u+r) or copy it somewhere you can read\n`);
    }
  });

  it('refuses, before searching, an --out in a folder it may not write, and writes nothing there', () => {
    const dir = folder();
    mkdirSync(join(dir, 'locked'), { mode: 0o555 });
    chmodSync(join(dir, 'locked'), 0o555);
    const r = asUnprivileged(['optimize', example, '--out', 'locked/r.json'], dir);
    expect(r.status, r.stderr).toBe(EXIT.io);
    expect(r.stderr).toContain('--out locked/r.json: permission denied; make');
    expect(r.stderr).not.toContain('Searching');
    expectOneLine(r);
    expect(readdirSync(join(dir, 'locked'))).toEqual([]);
  });
});

const hasBash = spawnSync('bash', ['-c', 'true']).status === 0;

describe.skipIf(!hasBash)('an export read by a pipeline that stops early (needs bash)', () => {
  it('ends quietly with exit code 4 under `| head -1`: the first line arrives, no stack trace', () => {
    const dir = folder();
    const made = railyard(['optimize', example, '--top', '1', '--quiet', '--out', join(dir, 'r.json')]);
    expect(made.status, made.stderr).toBe(0);
    const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
    const r = spawnSync('bash', ['-c', `${quote(process.execPath)} ${quote(bin)} export r.json --format cables-csv | head -1; echo "status \${PIPESTATUS[0]}" >&2`], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(r.stdout).toMatch(/^cable_id,[^\n]*\n$/);
    expect(r.stderr).toBe(`status ${EXIT.io}\n`);
  });
});

/** Whether this machine lets the test mount a small tmpfs in a private mount namespace (root on Linux). */
const canFillADisk = isRoot && spawnSync('unshare', ['-m', 'sh', '-c', 'd=$(mktemp -d) && mount -t tmpfs -o size=64k tmpfs "$d" && umount "$d"'], { timeout: 10_000 }).status === 0;

/**
 * Runs the script inside a private mount namespace where $MNT is a fresh 512 KB tmpfs (gone when
 * the script ends); $FILL_TO leaves that many bytes free. What the test inspects is copied to $OUT.
 */
function onSmallDisk(script: string, env: Record<string, string>): string {
  const out = folder();
  const mnt = folder();
  const full = `set -e
mount -t tmpfs -o size=512k tmpfs "$MNT"
fill_to() { rm -f "$MNT/filler"; avail=$(df -B1 --output=avail "$MNT" | tail -1); head -c $((avail - $1)) /dev/zero > "$MNT/filler"; }
${script}`;
  const r = spawnSync('unshare', ['-m', 'sh', '-c', full], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...env, MNT: mnt, OUT: out, NODE: process.execPath, BIN: bin } });
  expect(r.status, r.stderr).toBe(0);
  return out;
}

describe.skipIf(!canFillADisk)('a disk that fills during a write (a real 512 KB tmpfs; needs root and unshare)', () => {
  let previous: string;
  beforeAll(() => {
    const dir = folder();
    previous = join(dir, 'previous.json');
    const r = railyard(['optimize', example, '--top', '2', '--quiet', '--out', previous]);
    expect(r.status, r.stderr).toBe(0);
  });

  it('keeps the previous valid result when optimize overwrites it and the disk fills, with one line and exit code 4', () => {
    const out = onSmallDisk(
      `cp "$PREVIOUS" "$MNT/r.json"
fill_to 8192
set +e
"$NODE" "$BIN" optimize "$SCENARIO" --top 2 --quiet --out "$MNT/r.json" 2> "$OUT/stderr"
echo $? > "$OUT/status"
cp "$MNT/r.json" "$OUT/r.json"
ls -A "$MNT" > "$OUT/listing"`,
      { PREVIOUS: previous, SCENARIO: example },
    );
    const stderr = readFileSync(join(out, 'stderr'), 'utf8');
    expect(Number(readFileSync(join(out, 'status'), 'utf8')), stderr).toBe(EXIT.io);
    expect(stderr).toMatch(/^railyard: cannot write --out \S+\/r\.json: the disk is full \(or over quota\); free some space or choose another --out \(the previous \S+\/r\.json is unchanged\)\n$/);
    expect(readFileSync(join(out, 'r.json'), 'utf8')).toBe(readFileSync(previous, 'utf8'));
    expect(() => JSON.parse(readFileSync(join(out, 'r.json'), 'utf8'))).not.toThrow();
    expect(readFileSync(join(out, 'listing'), 'utf8').trim().split('\n').sort(), 'no temporary file left').toEqual(['filler', 'r.json']);
  });

  it('keeps the previous cable schedule when export fills the disk part-way: no partial CSV, no temporary file', () => {
    const out = onSmallDisk(
      `cp "$PREVIOUS" "$MNT/r.json"
printf 'previous schedule\\n' > "$MNT/c.csv"
fill_to 65536
set +e
"$NODE" "$BIN" export "$MNT/r.json" --format cables-csv --out "$MNT/c.csv" 2> "$OUT/stderr"
echo $? > "$OUT/status"
cp "$MNT/c.csv" "$OUT/c.csv"
ls -A "$MNT" > "$OUT/listing"`,
      { PREVIOUS: previous },
    );
    const stderr = readFileSync(join(out, 'stderr'), 'utf8');
    expect(Number(readFileSync(join(out, 'status'), 'utf8')), stderr).toBe(EXIT.io);
    expect(stderr).toMatch(/^railyard: cannot write --out \S+\/c\.csv: the disk is full .*\(the previous \S+\/c\.csv is unchanged\)\n$/);
    expect(readFileSync(join(out, 'c.csv'), 'utf8')).toBe('previous schedule\n');
    expect(readFileSync(join(out, 'listing'), 'utf8').trim().split('\n').sort()).toEqual(['c.csv', 'filler', 'r.json']);
  });
});


const sixtyModes = Array.from({ length: 60 }, (_, i) => ({ id: `m${i}`, ports: 64, gbps: 400 }));
const qm9700Index = defaultCatalog.switches.findIndex((s) => s.id === 'QM9700');

describe('catalogs with many port modes', () => {
  // The app's stores persist to localStorage; here they persist to memory. Set before the stores load.
  const storage = new MemoryStorage();
  beforeAll(() => vi.stubGlobal('localStorage', storage));
  afterAll(() => vi.unstubAllGlobals());

  it('refuses one switch with 60 port modes in the CLI, naming the field, instead of overflowing the stack', () => {
    const dir = folder();
    writeFileSync(join(dir, 'c.json'), JSON.stringify(catalogWithModes(sixtyModes)));
    for (const args of [['optimize', example, '--catalog', 'c.json', '--out', 'r.json'], ['validate', 'c.json']]) {
      const r = railyard(args, { cwd: dir });
      expect(r.status, r.stderr).toBe(EXIT.invalidInput);
      expect(r.stderr).toBe(`railyard: c.json is not valid:\n  switches[${qm9700Index}].portModes: must list at most 16 port modes, got a list of 60\n`);
      expectCleanCliError(r.stderr);
    }
    expect(readdirSync(dir)).toEqual(['c.json']);
  });

  it('refuses the same catalog on import in the app, naming the field, and keeps the saved catalog', async () => {
    const { importCatalogText } = await import('../../src/ui/imports');
    const { catalogStore, CATALOG_STORAGE_KEY } = await import('../../src/state/catalog-store');
    // The user's saved work: an edited catalog.
    expect(importCatalogText('negotiated.json', JSON.stringify({ ...defaultCatalog, name: 'Negotiated Q3' }))).toBe(true);
    const before = JSON.stringify(catalogStore.getState().custom);
    const savedBefore = storage.getItem(CATALOG_STORAGE_KEY);
    expect(savedBefore).toContain('Negotiated Q3');
    useNotices.getState().clear();
    const applied = importCatalogText('sixty-modes.json', JSON.stringify(catalogWithModes(sixtyModes)));
    expect(applied).toBe(false);
    const [notice] = useNotices.getState().notices;
    expect(notice.kind).toBe('error');
    expect(notice.details).toEqual([`switches[${qm9700Index}].portModes: must list at most 16 port modes, got a list of 60`]);
    for (const line of notice.details!) expectFieldProblem(line);
    expect(JSON.stringify(catalogStore.getState().custom)).toBe(before);
    expect(storage.getItem(CATALOG_STORAGE_KEY)).toBe(savedBefore);
  });

  it('refuses before searching, with the space size and what to narrow, the 4 switches x 10 port modes that took 55 s for 1,024 GPUs', () => {
    const dir = folder();
    const ten = Array.from({ length: 10 }, (_, i) => ({ id: `w${i}`, ports: 32 * (i + 1), gbps: 400 }));
    writeFileSync(join(dir, 'c.json'), JSON.stringify(catalogWithModes(ten, 4)));
    copyFileSync(example, join(dir, 's.json'));
    const started = Date.now();
    const r = railyard(['optimize', 's.json', '--catalog', 'c.json', '--quiet', '--out', 'r.json'], { cwd: dir });
    expect(Date.now() - started, 'refused before searching').toBeLessThan(20_000);
    expect(r.status, r.stderr).toBe(EXIT.invalidInput);
    expect(r.stderr).toMatch(/^railyard: this search is too large to finish in reasonable time: more than [\d,]+ designs, .* It has 44 port modes of 7 switch models; .* Narrow it: list fewer or smaller switches in fabric\.switchModels/);
    expectOneLine(r);
    expect(readdirSync(dir).sort()).toEqual(['c.json', 's.json']);
  });
});
