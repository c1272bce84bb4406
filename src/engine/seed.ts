// The seed a wave of shards starts from: the K-th best objective and the non-dominated points of
// every shard done so far (see planWaves). Built as shard results arrive, so the seed of the next
// wave is ready when the last shard of a wave ends; the same values whatever order they arrive in.
import type { Seed, ShardItem, ShardResult } from './kernel';

type Point = Pick<ShardItem, 'objectiveCents' | 'oversubscription' | 'milliwatts'>;

/** q is at least as good as p on all three figures and better on one. */
const dominates = (q: Point, p: Point) =>
  q.objectiveCents <= p.objectiveCents && q.oversubscription <= p.oversubscription && q.milliwatts <= p.milliwatts
  && (q.objectiveCents < p.objectiveCents || q.oversubscription < p.oversubscription || q.milliwatts < p.milliwatts);

export class SeedBuilder {
  /** The topK smallest objectives seen, as a max-heap (the K-th best on top once full). */
  private readonly best: number[] = [];
  /** Points no point seen dominates (equal points all stay): strict dominance is transitive, so this is the front of all of them. */
  private readonly front: Point[] = [];

  constructor(private readonly topK: number) {}

  add(result: ShardResult): void {
    for (const t of result.top) this.addObjective(t.objectiveCents);
    for (const p of result.pareto) this.addPoint(p);
  }

  /** The seed for a wave starting now: K-th best objective and the front's first `cap` points by oversubscription. */
  seed(cap: number): Seed {
    const kth = this.best.length >= this.topK ? this.best[0] : Infinity;
    // Sorted by oversubscription: the kernel sweeps them in this order (coveredOverRange).
    const front = [...this.front].sort((p, q) => p.oversubscription - q.oversubscription || p.objectiveCents - q.objectiveCents || p.milliwatts - q.milliwatts);
    const points: number[] = [];
    for (const p of front.slice(0, cap)) points.push(p.objectiveCents, p.oversubscription, p.milliwatts);
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

  /** Adds p unless a point dominates it, dropping those it dominates in place (the rest keep their order). */
  private addPoint(p: Point): void {
    const front = this.front;
    for (const q of front) if (dominates(q, p)) return;
    let kept = 0;
    for (let i = 0; i < front.length; i++) if (!dominates(p, front[i])) front[kept++] = front[i];
    front.length = kept;
    front.push(p);
  }
}

/** The seed for the next wave from every shard done so far (results by shard; undefined = not run yet). */
export function seedFrom(results: readonly (ShardResult | undefined)[], topK: number, cap: number): Seed {
  const builder = new SeedBuilder(topK);
  for (const r of results) if (r) builder.add(r);
  return builder.seed(cap);
}
