// The media tables, encoding's costly part, are computed in parts by the search workers and joined
// into the core encoding on the main thread (src/engine/encode.ts withMedia). The joined input must
// be the one encode() makes in one go, whatever the number of parts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/catalog/default';
import { encode, encodeMedia, withMedia } from '../../src/engine/encode';
import { ScenarioSchema } from '../../src/model/scenario';
import { Assessor } from '../../src/topology/assess';
import { buildContext, type Context } from '../../src/topology/context';

const bench = (name: string) => ScenarioSchema.parse(JSON.parse(readFileSync(new URL(`../bench/${name}.json`, import.meta.url), 'utf8')));

function assessorOf(s: unknown): Assessor {
  const ctx = buildContext(ScenarioSchema.parse(s), defaultCatalog);
  if ('ok' in ctx) throw new Error(ctx.reason);
  return new Assessor(ctx as Context);
}

const SHARED = {
  ints: (length: number) => new Int32Array(new SharedArrayBuffer(4 * length)),
  floats: (length: number) => new Float64Array(new SharedArrayBuffer(8 * length)),
};

describe('media tables computed in parts', () => {
  const cases: [string, Assessor][] = [
    ['the M benchmark (16,384 GPUs, default catalog)', assessorOf(bench('m'))],
    // 3 tiers with cage-split spines: spine-core media of the split spines' own up-port class.
    ['16,384 H100 on SN5600 only, 3 tiers', assessorOf({ cluster: { gpus: 16384 }, fabric: { families: ['fat-tree'], technologies: ['ethernet'], switchModels: ['SN5600'], pin: { tiers: 3 } } })],
  ];
  for (const [name, assessor] of cases) {
    it(`join into the input encode() makes, byte for byte, for 1 to 4 parts: ${name}`, () => {
      const whole = encode(assessor);
      const core = encode(assessor, { media: false });
      // The core encoding has no media at all: the join has something to add.
      expect(core.input.floats.length).toBeLessThan(whole.input.floats.length);
      for (const parts of [1, 2, 3, 4]) {
        const tables = Array.from({ length: parts }, (_, part) => encodeMedia(assessor, part, parts));
        // Parts in reverse order too: the join does not depend on the order parts arrive in.
        for (const order of [tables, [...tables].reverse()]) {
          const joined = withMedia(core, assessor, order);
          expect(Buffer.from(joined.input.ints.buffer).equals(Buffer.from(whole.input.ints.buffer))).toBe(true);
          expect(Buffer.from(joined.input.floats.buffer).equals(Buffer.from(whole.input.floats.buffer))).toBe(true);
          // Joined straight into shared memory (as the pool does for workers that share it): the same bytes.
          const shared = withMedia(core, assessor, order, SHARED).input;
          expect([shared.ints.buffer, shared.floats.buffer].every((b) => b instanceof SharedArrayBuffer)).toBe(true);
          expect(Buffer.from(shared.ints.buffer).equals(Buffer.from(whole.input.ints.buffer))).toBe(true);
          expect(Buffer.from(shared.floats.buffer).equals(Buffer.from(whole.input.floats.buffer))).toBe(true);
        }
        // The core encoding is left as it was (it is the pool's plan until the join).
        expect(core.input.floats.length).toBeLessThan(whole.input.floats.length);
      }
    });
  }

  it('names the slot a missing part leaves empty', () => {
    const [, assessor] = cases[0];
    const core = encode(assessor, { media: false });
    expect(() => withMedia(core, assessor, [encodeMedia(assessor, 0, 2)])).toThrow(/media tables lack .*group size \d+/);
  });

  it('refuses a part that names a slot or kind outside the encoding, instead of writing past its tables', () => {
    const [, assessor] = cases[0];
    const core = encode(assessor, { media: false });
    const part = encodeMedia(assessor, 0, 1);
    const slotTooFar = { entries: Int32Array.from([0, 1 << 30, -1]), data: new Float64Array(0) };
    expect(() => withMedia(core, assessor, [part, slotTooFar])).toThrow('media tables name slot 1073741824 of kind 0, outside the encoding');
    const unknownKind = { entries: Int32Array.from([2, 0, -1]), data: new Float64Array(0) };
    expect(() => withMedia(core, assessor, [part, unknownKind])).toThrow('media tables name slot 0 of kind 2, outside the encoding');
    const negative = { entries: Int32Array.from([1, -3, -1]), data: new Float64Array(0) };
    expect(() => withMedia(core, assessor, [part, negative])).toThrow(/slot -3 of kind 1/);
  });
});
