// Shard results cross from a search worker packed in one transferred Float64Array
// (src/engine/shard-wire.ts): unpacked, they must be exactly what the kernel returned.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as L from '../../assembly/layout';
import { defaultCatalog } from '../../src/catalog/default';
import { Kernel, type ShardResult } from '../../src/engine/kernel';
import { prepareSearch, runShards } from '../../src/engine/search';
import { packShards, unpackShards } from '../../src/engine/shard-wire';
import { nodeKernelModule } from '../../src/engine/wasm-node';
import { ScenarioSchema } from '../../src/model/scenario';
import { labCatalog } from '../fixtures/lab-catalog';
import { scenario } from '../topology/helpers';

/** Every shard's result of a search, in the pool's seeded waves. */
async function resultsOf(s: ReturnType<typeof scenario>, catalog = defaultCatalog): Promise<ShardResult[]> {
  const p = prepareSearch(s, catalog);
  if ('ok' in p) throw new Error(p.reason);
  return runShards(await Kernel.create(await nodeKernelModule()), p, true);
}

const bench = (name: string) => ScenarioSchema.parse(JSON.parse(readFileSync(new URL(`../bench/${name}.json`, import.meta.url), 'utf8')));

describe('shard results on the wire', () => {
  it('unpack to exactly the kernel\'s results, after a structured clone that transfers the buffer', async () => {
    const results = await resultsOf(bench('m'));
    // Not vacuous: kept designs, Pareto points and rules with a first design all cross.
    expect(results.some((r) => r.top.length > 0)).toBe(true);
    expect(results.some((r) => r.pareto.length > 0)).toBe(true);
    expect(results.some((r) => r.tallies.some((t) => t.count > 0))).toBe(true);
    const wire = packShards(results);
    const moved = structuredClone(wire, { transfer: [wire.buffer] });
    expect(wire.byteLength).toBe(0); // transferred, not copied
    expect(unpackShards(moved, L.RULE_COUNT)).toStrictEqual(results);
  });

  it('keep any subset of shards in the order given, and stock-limited lab results too', async () => {
    const results = await resultsOf(scenario({ cluster: { gpus: 256, serverProfile: 'one-port-400g' } }), labCatalog());
    const some = [results[3], results[0], results[results.length - 1]];
    expect(unpackShards(packShards(some), L.RULE_COUNT)).toStrictEqual(some);
    expect(unpackShards(packShards([]), L.RULE_COUNT)).toStrictEqual([]);
  });

  it('refuse a truncated or overlong buffer, a rule out of range and a design of the wrong length, naming what is wrong', async () => {
    const results = await resultsOf(bench('m'));
    const wire = packShards(results);
    expect(() => unpackShards(wire.subarray(0, wire.length - 1), L.RULE_COUNT)).toThrow(/end early/);
    const longer = new Float64Array(wire.length + 2);
    longer.set(wire);
    expect(() => unpackShards(longer, L.RULE_COUNT)).toThrow(/2 numbers too many/);
    // The first shard with a tally: its first rule index lies just after its header.
    const withTally = results.findIndex((r) => r.tallies.some((t) => t.count > 0));
    const at = 1 + packShards(results.slice(0, withTally)).length - 1 + 8;
    const bad = wire.slice();
    bad[at] = L.RULE_COUNT + 4;
    expect(() => unpackShards(bad, L.RULE_COUNT)).toThrow(`name rule ${L.RULE_COUNT + 4}; there are ${L.RULE_COUNT}`);
    const short = structuredClone(results[withTally]);
    short.tallies.find((t) => t.count > 0)!.first.pop();
    expect(() => packShards([short])).toThrow(`a design of ${L.DESIGN_STRIDE - 1} words, not ${L.DESIGN_STRIDE}`);
  });
});
