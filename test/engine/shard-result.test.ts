// A shard's result crosses from a worker to the page by structured clone, once per shard (some 300
// per search): it carries a rule's first rejected design only for the rules that rejected one.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as L from '../../assembly/layout';
import { defaultCatalog } from '../../src/catalog/default';
import { Kernel } from '../../src/engine/kernel';
import { prepareSearch } from '../../src/engine/search';
import { nodeKernelModule } from '../../src/engine/wasm-node';
import { ScenarioSchema } from '../../src/model/scenario';

describe('shard results', () => {
  it("carry each rule's count, and its first rejected design only when it rejected one", async () => {
    const scenario = ScenarioSchema.parse(JSON.parse(readFileSync(new URL('../bench/s.json', import.meta.url), 'utf8')));
    const p = prepareSearch(scenario, defaultCatalog);
    if ('ok' in p) throw new Error(p.reason);
    const kernel = await Kernel.create(await nodeKernelModule());
    kernel.load(p.encoding.input);
    let rejecting = 0;
    let idle = 0;
    p.shards.forEach(([b0, b1], i) => {
      const r = kernel.run(i, b0, b1, false);
      expect(r.tallies).toHaveLength(L.RULE_COUNT);
      for (const t of r.tallies) {
        expect(t.first).toHaveLength(t.count > 0 ? L.DESIGN_STRIDE : 0);
        if (t.count > 0) rejecting++;
        else idle++;
      }
    });
    // Both kinds occur, so both lengths were checked.
    expect(rejecting).toBeGreaterThan(0);
    expect(idle).toBeGreaterThan(0);
  });
});
