// One line per filesystem or stream error: the file, what went wrong and what to do. Apart from
// files.ts so the command's stdout error handler can use it without loading the input limits.
import { dirname, join, resolve } from 'node:path';

type Action = 'read' | 'write';

/** One line naming the file, what went wrong and what to do, for a Node filesystem or stream error. */
export function fileErrorMessage(error: unknown, path: string, action: Action, what = action === 'read' ? 'file' : '--out'): string {
  const code = (error as { code?: string }).code;
  const name = what ? `${what} ${path}` : path;
  const folder = dirname(resolve(path));
  switch (code) {
    case 'ENOENT':
      return action === 'read'
        ? `${name}: no such file; check the path`
        : `${name}: the folder ${folder} does not exist; create it (mkdir -p) or choose another --out`;
    case 'EACCES':
    case 'EPERM':
      return action === 'read'
        ? `${name}: permission denied; make it readable (chmod u+r) or copy it somewhere you can read`
        : `${name}: permission denied; make ${folder} writable or choose another --out`;
    case 'EISDIR':
      return action === 'read' ? `${name} is a folder; give the path of a JSON file` : `${name} is a folder; give a file name, e.g. ${join(path, 'railyard-output')}`;
    case 'ENOTDIR':
      return `${name}: a part of the path is a file, not a folder; check the path`;
    case 'ELOOP':
      return `${name}: too many symbolic links (a link loop?); check the path`;
    case 'ENAMETOOLONG':
      return `${name}: the path is too long; choose a shorter one`;
    case 'ENOSPC':
    case 'EDQUOT':
      return `cannot write ${name}: the disk is full (or over quota); free some space or choose another --out`;
    case 'EFBIG':
      return `cannot write ${name}: the file is larger than this file system allows; choose another --out`;
    case 'EROFS':
      return `cannot write ${name}: the file system is read-only; choose another --out`;
    case 'EIO':
      return `cannot ${action} ${name}: input/output error (the disk or device may be failing); try another location`;
    case 'EPIPE':
    case 'ECONNRESET':
      return `cannot write ${name}: the reader closed it before the output was complete`;
    case 'ENXIO':
      return `${name}: no such device or address (a socket, or a device that is not there); give a file, a device or a pipe`;
    case 'EMFILE':
    case 'ENFILE':
      return `cannot ${action} ${name}: too many open files; close some programs and retry`;
    case 'EAGAIN':
      return `cannot ${action} ${name}: it is not ready (a non-blocking device?); use a regular file`;
    default:
      return `cannot ${action} ${name}: ${(error as Error).message ?? String(error)}`;
  }
}
