// Loads the compiled kernel from build/ in Node (workers, tests, CLI, bench).
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compileKernel, KernelError } from './kernel';

/**
 * The kernel file: build/kernel.wasm, or the file named by RAILYARD_KERNEL_WASM (a debug build, or
 * a deliberately broken one in tests). Worker threads inherit the variable, so every thread loads
 * the same file.
 */
export const KERNEL_WASM_URL = process.env.RAILYARD_KERNEL_WASM
  ? pathToFileURL(resolve(process.env.RAILYARD_KERNEL_WASM))
  : new URL('../../build/kernel.wasm', import.meta.url);

/** The kernel file is missing, unreadable or not a valid WebAssembly module; the message says which file and what to do. */
export class KernelFileError extends KernelError {}

function unreadable(path: string, e: unknown): KernelFileError {
  const code = (e as { code?: string }).code;
  const why = code === 'ENOENT' ? 'is missing' : code === 'EISDIR' ? 'is a folder' : `cannot be read (${(e as Error).message})`;
  return new KernelFileError(`the search kernel ${path} ${why}; build it with npm run asbuild`);
}

let compiled: Promise<WebAssembly.Module> | undefined;

/** The kernel module, compiled once per thread. */
export function nodeKernelModule(): Promise<WebAssembly.Module> {
  const path = fileURLToPath(KERNEL_WASM_URL);
  if (compiled) return compiled;
  const loading = readFile(KERNEL_WASM_URL)
    .catch((e: unknown) => {
      throw unreadable(path, e);
    })
    .then((bytes) =>
      compileKernel(bytes).catch((e: unknown) => {
        if (e instanceof KernelError) throw e;
        throw new KernelFileError(
          `the search kernel ${path} is not a valid WebAssembly module (${(e as Error).message}); rebuild it with npm run asbuild`,
        );
      }),
    );
  // A failed load is not cached: the file may be rebuilt while the process runs (tests, dev server).
  loading.catch(() => {
    if (compiled === loading) compiled = undefined;
  });
  compiled = loading;
  return loading;
}
