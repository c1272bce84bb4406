// Reading and writing the CLI's files without losing the user's work: inputs are read with a byte
// count (so a device or pipe cannot exhaust memory), an --out that is one of the inputs is refused
// before any work starts, and outputs are written to a temporary file in the same folder and renamed
// into place, so a full disk or a killed process leaves the previous file as it was.
import { constants, type Stats } from 'node:fs';
import { access, lstat, open, readlink, realpath, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { unlinkSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { MAX_JSON_BYTES } from '../model/validate';
import { CliError, EXIT, FileError, InputError } from './exit-codes';
import { fileErrorMessage } from './file-errors';

export { fileErrorMessage };

const MB = 1024 * 1024;

/** A file the command reads, named as the user knows it ("scenario", "catalog", "result", "file"). */
export interface InputFile {
  path: string;
  what: string;
}

function isFsError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code);
}

/**
 * The text of an input file, at most `limit` bytes. Bytes are counted as they are read, because
 * stat() says 0 for devices and pipes (/dev/zero, /dev/stdin, a FIFO).
 */
export async function readInputText(input: InputFile, limit = MAX_JSON_BYTES): Promise<string> {
  const { path, what } = input;
  const tooBig = (detail: string) => new InputError(`${what} ${path}: must be at most ${limit / MB} MB, ${detail}`);
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, 'r');
    const st = await handle.stat();
    if (st.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    if (st.isFile() && st.size > limit) throw tooBig(`got ${(st.size / MB).toFixed(1)} MB`);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      // One byte past the limit is enough to know the input is too big.
      const want = Math.min(MB, limit + 1 - total);
      const buffer = Buffer.allocUnsafe(want);
      const { bytesRead } = await handle.read(buffer, 0, want, null);
      if (bytesRead === 0) break;
      chunks.push(buffer.subarray(0, bytesRead));
      total += bytesRead;
      if (total > limit) throw tooBig('and it is longer (stopped reading; a device or pipe that does not end?)');
    }
    // A leading byte-order mark (Windows editors) is not part of the JSON.
    return Buffer.concat(chunks, total).toString('utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw isFsError(e) ? new FileError(fileErrorMessage(e, path, 'read', what)) : e;
  } finally {
    await handle?.close().catch(() => {});
  }
}

/** Where and how an output is written, decided (and checked) before any work starts. */
export interface OutputTarget {
  /** The path as the user gave it (used in messages). */
  path: string;
  /** The file a finished write is renamed onto (the symlink's target when --out is a link). */
  finalPath: string;
  /** Devices and pipes (/dev/stdout, /dev/full, a FIFO) are written in place: they cannot be renamed onto. */
  inPlace: boolean;
  /** Permission bits to give the new file (the previous file's, when there is one). */
  mode: number;
  /** Whether a previous file exists (messages say it was kept). */
  replaces: boolean;
}

async function statOrNull(path: string, follow = true): Promise<Stats | null> {
  try {
    return await (follow ? stat(path) : lstat(path));
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') return null;
    throw e;
  }
}

function sameFile(a: Stats, b: Stats): boolean {
  return a.dev === b.dev && a.ino === b.ino;
}

const OPEN_STREAM_NAMES = /^\/dev\/(stdout|stderr|fd\/\d+)$|^\/proc\/(self|\d+)\/fd\/\d+$/;

/** A name in `folder` for a temporary file that no other process is using. */
function temporaryPath(folder: string, final: string): string {
  return join(folder, `.${basename(final)}.railyard-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * Checks an --out before any work starts: it is not one of the command's inputs (by path, or the
 * same file through a symlink or hard link), its folder exists and is writable, and it is a regular
 * file, a device or a pipe. Returns how to write it. `whileProbing` runs while the probe file exists
 * (tests use it to interrupt the process at that moment).
 */
export async function prepareOutput(out: string, inputs: InputFile[], options: { whileProbing?: () => Promise<void> } = {}): Promise<OutputTarget> {
  const absolute = resolve(out);
  try {
    const target = await statOrNull(absolute);
    for (const input of inputs) {
      const inputPath = resolve(input.path);
      let same = inputPath === absolute;
      if (!same && target) {
        const inputStat = await statOrNull(inputPath).catch(() => null);
        // Terminals and other devices are shared by many names; only files can be "the same file".
        same = !!inputStat && sameFile(target, inputStat) && (target.isFile() || target.isFIFO());
      }
      if (same)
        throw new CliError(
          `--out ${out} is the ${input.what} ${input.path} (the same file); writing there would destroy it. Choose another --out`,
          EXIT.usage,
        );
    }
    if (target?.isDirectory())
      throw new FileError(`--out ${out} is a folder; give a file name, e.g. ${join(out, 'railyard-output')}`);
    if (target && !target.isFile() && !target.isCharacterDevice() && !target.isFIFO())
      throw new FileError(`--out ${out} is not a regular file, a device or a pipe; choose another --out`);
    // /dev/stdout, /dev/fd/3 and the like stand for an open stream: append to it, never rename
    // over it, even when the shell redirected it to a regular file.
    const inPlace = !!target && (!target.isFile() || OPEN_STREAM_NAMES.test(absolute));
    if (inPlace) {
      await access(absolute, constants.W_OK);
      return { path: out, finalPath: absolute, inPlace, mode: 0o666, replaces: true };
    }
    let finalPath = absolute;
    if (target) finalPath = await realpath(absolute);
    else {
      // A dangling symlink: write where it points, keeping the link.
      const link = await statOrNull(absolute, false);
      if (link?.isSymbolicLink()) finalPath = resolve(dirname(absolute), await readlink(absolute));
    }
    const folder = dirname(finalPath);
    const folderStat = await statOrNull(folder);
    if (!folderStat) throw new FileError(`--out ${out}: the folder ${folder} does not exist; create it (mkdir -p ${folder}) or choose another --out`);
    if (!folderStat.isDirectory()) throw new FileError(`--out ${out}: ${folder} is not a folder; check the path`);
    if (target) {
      try {
        await access(finalPath, constants.W_OK);
      } catch {
        throw new FileError(`--out ${out} is read-only; make it writable (chmod u+w) or choose another --out`);
      }
    }
    // The real test of "can a file be created here" (permissions, read-only mounts, quotas, and
    // root, who passes every access() check): create the temporary file and remove it.
    // Tracked like a write's temporary file, so an interrupt at this moment leaves nothing behind.
    const probe = temporaryPath(folder, finalPath);
    track(probe);
    try {
      await (await open(probe, 'wx')).close();
      await options.whileProbing?.();
      await unlink(probe);
    } finally {
      untrack(probe);
    }
    return { path: out, finalPath, inPlace: false, mode: target ? target.mode & 0o7777 : 0o666, replaces: !!target };
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw isFsError(e) ? new FileError(fileErrorMessage(e, out, 'write')) : e;
  }
}

/** Writes one buffer completely; tests inject a writer that fails part-way (a disk filling up). */
export type ChunkWriter = (handle: FileHandle, data: Buffer) => Promise<void>;

const writeFully: ChunkWriter = async (handle, data) => {
  let offset = 0;
  while (offset < data.length) offset += (await handle.write(data, offset, data.length - offset, null)).bytesWritten;
};

/** Strings are gathered into writes of about this many characters: few system calls, flat memory. */
const BATCH_CHARS = MB;

async function* batches(chunks: Iterable<string> | AsyncIterable<string>): AsyncGenerator<Buffer> {
  let pending: string[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    pending.push(chunk);
    size += chunk.length;
    if (size >= BATCH_CHARS) {
      yield Buffer.from(pending.join(''), 'utf8');
      pending = [];
      size = 0;
    }
  }
  if (size) yield Buffer.from(pending.join(''), 'utf8');
}

// Temporary files of writes in progress, removed if the process is interrupted (SIGINT, SIGTERM,
// SIGHUP). SIGKILL cannot be caught: a `.NAME.railyard-PID-XXXX.tmp` file may then remain.
const pendingTemporaries = new Set<string>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

function removeTemporariesAndDie(signal: NodeJS.Signals): void {
  for (const path of pendingTemporaries) {
    try {
      unlinkSync(path);
    } catch {
      // Already gone.
    }
  }
  pendingTemporaries.clear();
  for (const s of SIGNALS) process.removeListener(s, removeTemporariesAndDie);
  process.kill(process.pid, signal);
}

function track(path: string): void {
  if (pendingTemporaries.size === 0) for (const s of SIGNALS) process.on(s, removeTemporariesAndDie);
  pendingTemporaries.add(path);
}

function untrack(path: string): void {
  pendingTemporaries.delete(path);
  if (pendingTemporaries.size === 0) for (const s of SIGNALS) process.removeListener(s, removeTemporariesAndDie);
}

/**
 * Writes the chunks to the target. Regular files are written to a temporary file beside the target,
 * flushed to disk and renamed into place, so the target holds either its previous content or the
 * whole new content. Errors from the chunk source (the export generator) are passed on unchanged
 * after cleaning up; filesystem errors become one FileError line.
 */
export async function writeOutput(
  target: OutputTarget,
  chunks: Iterable<string> | AsyncIterable<string>,
  options: { writeChunk?: ChunkWriter } = {},
): Promise<void> {
  const writeChunk = options.writeChunk ?? writeFully;
  const temporary = target.inPlace ? undefined : temporaryPath(dirname(target.finalPath), target.finalPath);
  let handle: FileHandle | undefined;
  try {
    if (temporary) track(temporary);
    // In place: append, so a stream shared with the shell (`>> log`, /dev/stdout) is not truncated.
    handle = await open(temporary ?? target.finalPath, temporary ? 'wx' : 'a', target.mode);
    for await (const data of batches(chunks)) await writeChunk(handle, data);
    if (temporary) {
      if (target.replaces) await handle.chmod(target.mode);
      await handle.sync();
    }
    await handle.close();
    handle = undefined;
    if (temporary) await rename(temporary, target.finalPath);
  } catch (e) {
    await handle?.close().catch(() => {});
    if (temporary) await unlink(temporary).catch(() => {});
    if (!isFsError(e)) throw e;
    const kept = target.replaces && !target.inPlace ? ` (the previous ${target.path} is unchanged)` : '';
    throw new FileError(fileErrorMessage(e, target.path, 'write') + kept);
  } finally {
    if (temporary) untrack(temporary);
  }
}

/** Signals that standard output was closed by its reader (`| head -1`): the command ends quietly. */
export class OutputClosed extends CliError {
  constructor() {
    super('', EXIT.io);
  }
}

/** Writes the chunks to standard output, waiting for each write so memory stays flat. */
export async function writeStdout(chunks: Iterable<string> | AsyncIterable<string>): Promise<void> {
  for await (const data of batches(chunks)) {
    await new Promise<void>((done, fail) => {
      process.stdout.write(data, (e) => (e ? fail(e) : done()));
    }).catch((e: unknown) => {
      const code = (e as { code?: string }).code;
      if (code === 'EPIPE' || code === 'ECONNRESET') throw new OutputClosed();
      throw isFsError(e) ? new FileError(fileErrorMessage(e, 'standard output', 'write', '')) : e;
    });
  }
}
