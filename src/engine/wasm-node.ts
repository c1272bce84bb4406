// Loads the compiled kernel from build/ in Node (workers, tests, CLI, bench).
import { readFile } from 'node:fs/promises';
import { compileKernel } from './kernel';

export const KERNEL_WASM_URL = new URL('../../build/kernel.wasm', import.meta.url);

let compiled: Promise<WebAssembly.Module> | undefined;

/** The kernel module, compiled once per thread. */
export function nodeKernelModule(): Promise<WebAssembly.Module> {
  compiled ??= readFile(KERNEL_WASM_URL).then(
    (bytes) => compileKernel(bytes),
    (e: unknown) => {
      throw new Error(`cannot read the search kernel at ${KERNEL_WASM_URL.pathname} (run npm run asbuild): ${(e as Error).message}`);
    },
  );
  return compiled;
}
