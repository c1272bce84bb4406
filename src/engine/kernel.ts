// One instance of the WebAssembly kernel, driven from JavaScript (a worker, or the main thread in
// tests). Environment-neutral: the caller supplies the compiled module.
import * as L from '../../assembly/layout';
import type { EncodedInput } from './encode';

interface KernelExports {
  memory: WebAssembly.Memory;
  layoutVersion(): number;
  prepare(bytes: number): number;
  setup(intWords: number, floatWords: number): number;
  outputPtr(): number;
  outputFloatPtr(): number;
  runShard(b0: number, b1: number, prune: number): number;
  seedBuffer(): number;
  computeBranchBoundsIn(b0: number, b1: number): number;
  seedSet(kth: number, count: number): void;
}

/**
 * What earlier waves of a run found, passed to later shards so they prune harder: the K-th best
 * objective (Infinity while fewer than K were found) and achieved (objective, oversubscription,
 * milliwatts) points. It never changes the answer, only how much is skipped.
 */
export interface Seed {
  kth: number;
  points: number[];
}

export const NO_SEED: Seed = { kth: Infinity, points: [] };

/** One kept design: the kernel's design words and its three figures. */
export interface ShardItem {
  design: number[];
  objectiveCents: number;
  oversubscription: number;
  milliwatts: number;
}

/** What one shard produced. Plain data: it crosses worker boundaries by structured clone. */
export interface ShardResult {
  shard: number;
  evaluated: number;
  pruned: number;
  feasible: number;
  spaceSize: number;
  /** Per rule (RULE_NAMES order): count and the shard's first design rejected by it (empty when the count is 0). */
  tallies: { count: number; first: number[] }[];
  top: ShardItem[];
  pareto: ShardItem[];
}

export class KernelError extends Error {}

/** Compiles the kernel; fails with a clear message when WebAssembly is unavailable. */
export async function compileKernel(bytes: BufferSource): Promise<WebAssembly.Module> {
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.compile !== 'function')
    throw new KernelError('WebAssembly is not available in this environment; the search kernel cannot run');
  return WebAssembly.compile(bytes);
}

export class Kernel {
  private readonly exports: KernelExports;
  private loaded = false;

  private constructor(
    instance: WebAssembly.Instance,
    private readonly progress: { fn: (done: number) => void },
  ) {
    this.exports = instance.exports as unknown as KernelExports;
    const version = this.exports.layoutVersion();
    if (version !== L.LAYOUT_VERSION)
      throw new KernelError(`kernel layout version ${version} does not match the encoder's ${L.LAYOUT_VERSION}; rebuild with npm run asbuild`);
  }

  static async create(module: WebAssembly.Module): Promise<Kernel> {
    const progress = { fn: (_done: number) => {} };
    const instance = await WebAssembly.instantiate(module, {
      env: {
        progress: (done: number) => progress.fn(done),
        abort: () => { throw new KernelError('kernel aborted'); },
      },
    });
    return new Kernel(instance, progress);
  }

  /** Copies one run's input into the kernel's memory. */
  load(input: EncodedInput): void {
    const intBytes = input.ints.length * 4;
    const floatStart = (intBytes + 7) & ~7;
    const ptr = this.exports.prepare(floatStart + input.floats.length * 8);
    // prepare() may grow memory: views are made after it.
    new Int32Array(this.exports.memory.buffer, ptr, input.ints.length).set(input.ints);
    new Float64Array(this.exports.memory.buffer, ptr + floatStart, input.floats.length).set(input.floats);
    if (this.exports.setup(input.ints.length, input.floats.length) !== 0)
      throw new KernelError('kernel rejected the encoded input (layout version)');
    this.loaded = true;
  }

  /**
   * Whole-branch lower bounds on the objective (see assembly computeBranchBoundsIn), one per branch
   * of [from, to): of every branch by default.
   */
  branchBounds(count: number, from = 0, to = count): Float64Array {
    if (!this.loaded) throw new KernelError('kernel has no input loaded');
    if (!(Number.isInteger(from) && Number.isInteger(to) && 0 <= from && from <= to && to <= count))
      throw new KernelError(`branch bounds asked for branches [${from}, ${to}) of ${count}`);
    const ptr = this.exports.computeBranchBoundsIn(from, to);
    return new Float64Array(this.exports.memory.buffer, ptr, to - from).slice();
  }

  /** Runs branches [b0, b1); `onProgress` hears designs covered so far within the shard. */
  run(shard: number, b0: number, b1: number, prune: boolean, onProgress?: (done: number) => void, seed: Seed = NO_SEED): ShardResult {
    if (!this.loaded) throw new KernelError('kernel has no input loaded');
    const count = seed.points.length / L.ITEM_FIGURES;
    new Float64Array(this.exports.memory.buffer, this.exports.seedBuffer(), seed.points.length).set(seed.points);
    this.exports.seedSet(seed.kth, count);
    this.progress.fn = onProgress ?? (() => {});
    const status = this.exports.runShard(b0, b1, prune ? 1 : 0);
    this.progress.fn = () => {};
    if (status !== 0) throw new KernelError(`a shard's Pareto front exceeded its capacity (status ${status})`);
    const buf = this.exports.memory.buffer;
    const out = new Int32Array(buf, this.exports.outputPtr());
    const outF = new Float64Array(buf, this.exports.outputFloatPtr());
    const topCount = out[L.O_TOP_COUNT];
    const paretoCount = out[L.O_PARETO_COUNT];
    const tallies = [];
    for (let r = 0; r < L.RULE_COUNT; r++) {
      const at = L.O_TALLIES + r * L.TALLY_STRIDE;
      // A rule that rejected nothing has no first design (most rules, in most shards): nothing to copy to the page.
      tallies.push({ count: out[at], first: out[at] > 0 ? Array.from(out.subarray(at + 1, at + 1 + L.DESIGN_STRIDE)) : [] });
    }
    const items = (count: number, wordAt: number, figAt: number): ShardItem[] => {
      const list: ShardItem[] = [];
      for (let i = 0; i < count; i++) {
        const w = wordAt + i * L.DESIGN_STRIDE;
        const fg = figAt + i * L.ITEM_FIGURES;
        list.push({ design: Array.from(out.subarray(w, w + L.DESIGN_STRIDE)), objectiveCents: outF[fg], oversubscription: outF[fg + 1], milliwatts: outF[fg + 2] });
      }
      return list;
    };
    const wordBase = L.O_TALLIES + L.RULE_COUNT * L.TALLY_STRIDE;
    return {
      shard,
      evaluated: outF[L.OF_EVALUATED],
      pruned: outF[L.OF_PRUNED],
      feasible: outF[L.OF_FEASIBLE],
      spaceSize: outF[L.OF_SPACE],
      tallies,
      top: items(topCount, wordBase, L.OF_HEADER),
      pareto: items(paretoCount, wordBase + topCount * L.DESIGN_STRIDE, L.OF_HEADER + topCount * L.ITEM_FIGURES),
    };
  }
}
