// The seed a wave of shards starts from: the K-th best objective and the non-dominated points of
// every shard done so far (see planWaves). Built as shard results arrive, so the seed of the next
// wave is ready when the last shard of a wave ends; the same values whatever order they arrive in.
import type { Seed, ShardItem, ShardResult } from './kernel';

type Point = Pick<ShardItem, 'objectiveCents' | 'oversubscription' | 'milliwatts'>;

export class SeedBuilder {
  /** The topK smallest objectives seen, as a max-heap (the K-th best on top once full). */
  private readonly best: number[] = [];
  /**
   * Points no point seen dominates (equal points all stay), as (objective, oversubscription,
   * milliwatts) triples: strict dominance is transitive, so this is the front of all of them. Kept
   * flat, not as objects: a phased or large run offers hundreds of points a wave, each compared
   * with the whole front, and the page waits for that between waves.
   */
  private front = new Float64Array(3 * 64);
  private size = 0;

  constructor(private readonly topK: number) {}

  add(result: ShardResult): void {
    for (const t of result.top) this.addObjective(t.objectiveCents);
    for (const p of result.pareto) this.addPoint(p);
  }

  /** The K-th best objective so far (Infinity until K were seen). */
  kth(): number {
    return this.best.length >= this.topK ? this.best[0] : Infinity;
  }

  /** Whether some point so far strictly dominates p. */
  dominated(p: Point): boolean {
    const f = this.front;
    for (let i = 0; i < 3 * this.size; i += 3) {
      if (f[i] <= p.objectiveCents && f[i + 1] <= p.oversubscription && f[i + 2] <= p.milliwatts
        && (f[i] < p.objectiveCents || f[i + 1] < p.oversubscription || f[i + 2] < p.milliwatts)) return true;
    }
    return false;
  }

  /** The seed for a wave starting now: K-th best objective and the front's first `cap` points by oversubscription. */
  seed(cap: number): Seed {
    const kth = this.kth();
    const f = this.front;
    // Sorted by oversubscription: the kernel sweeps them in this order (coveredOverRange).
    const order = Array.from({ length: this.size }, (_, i) => 3 * i);
    order.sort((a, b) => f[a + 1] - f[b + 1] || f[a] - f[b] || f[a + 2] - f[b + 2]);
    const points: number[] = [];
    for (const at of order.slice(0, cap)) points.push(f[at], f[at + 1], f[at + 2]);
    return { kth, points };
  }

  /** Keeps x if it is among the topK smallest: O(log K), for the hundreds of thousands of rows a phased search may ask. */
  private addObjective(x: number): void {
    const heap = this.best;
    if (heap.length < this.topK) {
      let i = heap.length;
      heap.push(x);
      while (i > 0) {
        const up = (i - 1) >> 1;
        if (heap[up] >= x) break;
        heap[i] = heap[up];
        i = up;
      }
      heap[i] = x;
      return;
    }
    if (x >= heap[0]) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= heap.length) break;
      const c = l + 1 < heap.length && heap[l + 1] > heap[l] ? l + 1 : l;
      if (heap[c] <= x) break;
      heap[i] = heap[c];
      i = c;
    }
    heap[i] = x;
  }

  /** Adds p unless a point strictly dominates it, dropping those it strictly dominates (the rest keep their order). */
  private addPoint(p: Point): void {
    const o = p.objectiveCents;
    const s = p.oversubscription;
    const m = p.milliwatts;
    if (this.dominated(p)) return;
    let f = this.front;
    const end = 3 * this.size;
    let kept = 0;
    for (let i = 0; i < end; i += 3) {
      const qo = f[i];
      const qs = f[i + 1];
      const qm = f[i + 2];
      if (o <= qo && s <= qs && m <= qm && (o < qo || s < qs || m < qm)) continue;
      if (kept !== i) {
        f[kept] = qo;
        f[kept + 1] = qs;
        f[kept + 2] = qm;
      }
      kept += 3;
    }
    if (kept + 3 > f.length) {
      const grown = new Float64Array(2 * f.length);
      grown.set(f.subarray(0, kept));
      this.front = f = grown;
    }
    f[kept] = o;
    f[kept + 1] = s;
    f[kept + 2] = m;
    this.size = kept / 3 + 1;
  }
}

/** The seed for the next wave from every shard done so far (results by shard; undefined = not run yet). */
export function seedFrom(results: readonly (ShardResult | undefined)[], topK: number, cap: number): Seed {
  const builder = new SeedBuilder(topK);
  for (const r of results) if (r) builder.add(r);
  return builder.seed(cap);
}
