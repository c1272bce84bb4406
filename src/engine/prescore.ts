// Scoring, while the waves run, the designs the merge will keep. The merge scores every design it
// keeps (decodes it, asks the reference for its shape and keys: mergeRanked's `scored`), after the
// last wave, while no worker works. A design can only be kept if, when its shard's result arrived,
// its objective was within the K best so far or no design so far strictly dominated it: the K-th
// best objective only falls and the front only advances as results come in. So the pool notes each
// result as it arrives and scores those designs while the workers compute the next wave, against
// the bar its seed builder already keeps; the merge takes a design's score from here when it has one. Scores depend only on the design, so the result
// is the same bytes with or without this.
import type { Assessor } from '../topology/assess';
import type { Scored } from '../topology/optimize';
import type { Encoding } from './encode';
import type { ShardItem, ShardResult } from './kernel';
import { scored } from './merge';
import type { SeedBuilder } from './seed';

export class Prescorer {
  private readonly scores = new WeakMap<ShardItem, Scored>();
  /** Designs noted and not yet scored or ruled out, as (item, kept for its objective) pairs. */
  private pending: [ShardItem, boolean][] = [];
  /** Designs scored so far (by work() or score()). */
  scoredCount = 0;

  /** `bar`: the K best objectives and the front of every result so far (the caller adds each result to it). */
  constructor(private readonly assessor: Assessor, private readonly encoding: Encoding, private readonly bar: SeedBuilder) {}

  /** Notes a shard's result as it arrives, after the bar has it (cheap: the scoring waits for work()). */
  add(result: ShardResult): void {
    for (const item of result.top) this.pending.push([item, true]);
    for (const item of result.pareto) this.pending.push([item, false]);
  }

  /**
   * Scores noted designs that can still be kept, until none is left or `budgetMs` has passed;
   * returns whether any is left to score now. Designs kept for their objective wait until K are
   * known (a phased search asks for many rows: scored against no bar, most would drop out).
   */
  work(budgetMs: number): boolean {
    const until = performance.now() + budgetMs;
    const kth = this.bar.kth();
    const waiting: [ShardItem, boolean][] = [];
    let i = this.pending.length;
    while (i > 0) {
      const [item, top] = this.pending[--i];
      if (top && kth === Infinity) {
        waiting.push([item, top]);
        continue;
      }
      if (top ? item.objectiveCents > kth : this.bar.dominated(item)) continue;
      this.score(item);
      if (performance.now() >= until) break;
    }
    this.pending.length = i;
    for (const w of waiting) this.pending.push(w);
    return i > 0;
  }

  /** The design's score: from work() when it scored it, else scored now. */
  score(item: ShardItem): Scored {
    let s = this.scores.get(item);
    if (!s) {
      s = scored(this.assessor, this.encoding, item);
      this.scores.set(item, s);
      this.scoredCount++;
    }
    return s;
  }
}
