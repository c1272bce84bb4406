// How a worker's shard results cross to the page: packed into one Float64Array that is transferred,
// not cloned. As plain objects, every shard's result was some forty objects and arrays (a tally
// per rule, most of them empty, and an array per kept design), and the page took up to 4 ms a wave
// to deserialize them (0.4-3.9 ms per wave of the L benchmark scenario, 11 ms a run, by
// v8.deserialize), while the workers waited for the next wave's seed. Every number in a result
// (design words, counts, cents, figures) is exact in a double.
import { DESIGN_STRIDE } from '../../assembly/layout';
import type { ShardItem, ShardResult } from './kernel';

/** Numbers before a shard's tallies: shard, evaluated, pruned, feasible, spaceSize, top count, Pareto count, rules with a count. */
const HEADER = 8;
/** Numbers per kept design: its design words and its three figures. */
const ITEM = DESIGN_STRIDE + 3;

/** The results in one buffer (see unpackShards). */
export function packShards(results: readonly ShardResult[]): Float64Array {
  let size = 1;
  for (const r of results) {
    size += HEADER + (r.top.length + r.pareto.length) * ITEM;
    for (const t of r.tallies) if (t.count > 0) size += 2 + DESIGN_STRIDE;
  }
  const out = new Float64Array(size);
  let at = 0;
  out[at++] = results.length;
  const design = (words: readonly number[]) => {
    if (words.length !== DESIGN_STRIDE) throw new Error(`a shard result holds a design of ${words.length} words, not ${DESIGN_STRIDE}`);
    for (let i = 0; i < DESIGN_STRIDE; i++) out[at++] = words[i];
  };
  const items = (list: readonly ShardItem[]) => {
    for (const item of list) {
      design(item.design);
      out[at++] = item.objectiveCents;
      out[at++] = item.oversubscription;
      out[at++] = item.milliwatts;
    }
  };
  for (const r of results) {
    let counted = 0;
    for (const t of r.tallies) if (t.count > 0) counted++;
    out[at++] = r.shard;
    out[at++] = r.evaluated;
    out[at++] = r.pruned;
    out[at++] = r.feasible;
    out[at++] = r.spaceSize;
    out[at++] = r.top.length;
    out[at++] = r.pareto.length;
    out[at++] = counted;
    for (let rule = 0; rule < r.tallies.length; rule++) {
      const t = r.tallies[rule];
      if (t.count === 0) continue;
      out[at++] = rule;
      out[at++] = t.count;
      design(t.first);
    }
    items(r.top);
    items(r.pareto);
  }
  return out;
}

/** The results packShards packed, with a tally for each of `rules` rules (zero where none was packed). */
export function unpackShards(wire: Float64Array, rules: number): ShardResult[] {
  let at = 0;
  const take = (n: number) => {
    if (at + n > wire.length) throw new Error(`shard results from a search worker end early (${wire.length} numbers)`);
    const from = at;
    at += n;
    return from;
  };
  // Plain loops: Array.from over a typed array goes through an iterator, which cost the page more
  // than the structured clone this replaces.
  const words = () => {
    const from = take(DESIGN_STRIDE);
    const out = new Array<number>(DESIGN_STRIDE);
    for (let i = 0; i < DESIGN_STRIDE; i++) out[i] = wire[from + i];
    return out;
  };
  const items = (count: number): ShardItem[] => {
    const list: ShardItem[] = [];
    for (let i = 0; i < count; i++) {
      const design = words();
      const f = take(3);
      list.push({ design, objectiveCents: wire[f], oversubscription: wire[f + 1], milliwatts: wire[f + 2] });
    }
    return list;
  };
  const results: ShardResult[] = [];
  const count = wire[take(1)];
  for (let s = 0; s < count; s++) {
    const h = take(HEADER);
    const tallies: ShardResult['tallies'] = [];
    for (let r = 0; r < rules; r++) tallies.push({ count: 0, first: [] });
    for (let t = 0; t < wire[h + 7]; t++) {
      const r = take(2);
      const rule = wire[r];
      if (!(rule >= 0 && rule < rules)) throw new Error(`shard results from a search worker name rule ${rule}; there are ${rules}`);
      tallies[rule] = { count: wire[r + 1], first: words() };
    }
    results.push({
      shard: wire[h],
      evaluated: wire[h + 1],
      pruned: wire[h + 2],
      feasible: wire[h + 3],
      spaceSize: wire[h + 4],
      tallies,
      top: items(wire[h + 5]),
      pareto: items(wire[h + 6]),
    });
  }
  if (at !== wire.length) throw new Error(`shard results from a search worker hold ${wire.length - at} numbers too many`);
  return results;
}
