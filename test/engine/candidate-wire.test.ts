// Candidates cross from a search worker without their BOM lines, which the page makes from its own
// context (src/engine/candidate-wire.ts): the result must be exactly what materializeDesigns makes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/catalog/default';
import { fromWire, materializeForWire } from '../../src/engine/candidate-wire';
import { Assessor } from '../../src/topology/assess';
import { buildContext, type Context } from '../../src/topology/context';
import { enumerateDesigns } from '../../src/topology/enumerate';
import { materializeDesigns, type ResultDesign } from '../../src/topology/optimize';
import { labCatalog } from '../fixtures/lab-catalog';
import { scenario } from '../topology/helpers';

function contextOf(input: object, catalog = defaultCatalog): Context {
  const ctx = buildContext(scenario(input as never), catalog);
  if ('ok' in ctx) throw new Error(ctx.reason);
  return ctx;
}

/** Up to `count` feasible designs of the context, as result rows. */
function designsOf(ctx: Context, count: number): ResultDesign[] {
  const assessor = new Assessor(ctx);
  const out: ResultDesign[] = [];
  for (const design of enumerateDesigns(ctx)) {
    if (!assessor.assess(design).ok) continue;
    out.push({ design, rank: out.length % 3 === 2 ? null : out.length + 1 });
    if (out.length === count) break;
  }
  return out;
}

const example = (name: string) => JSON.parse(readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8'));

describe('candidates on the wire', () => {
  const lineKinds = { spare: false, laterOffer: false };
  const cases: [string, () => Context][] = [
    ['an H100 InfiniBand cluster, default catalog', () => contextOf(example('h100-1024-ndr.json'))],
    ['a RoCE cluster with spares', () => contextOf({ ...example('b300-2048-roce-800g.json'), objective: { sparesPct: { switch: 5, optic: 2, cable: 2 } } })],
    ['a limited-stock refurbished offer before a new one, lab catalog', () => contextOf({ cluster: { gpus: 256, serverProfile: 'one-port-400g' } }, labCatalog())],
  ];
  for (const [name, make] of cases) {
    it(`are, after a structured clone and fromWire, exactly materializeDesigns's: ${name}`, () => {
      const ctx = make();
      const designs = designsOf(ctx, 12);
      expect(designs.length).toBeGreaterThan(3);
      const expected = materializeDesigns(new Assessor(ctx), designs);
      // The worker builds its own context from the same scenario and catalog.
      const worker = buildContext(ctx.scenario, ctx.catalog) as Context;
      const wire = structuredClone(materializeForWire(new Assessor(worker), designs));
      expect(wire.candidates.every((c) => c.bom.length === 0)).toBe(true);
      // Recipe names cross blank: the page names them from its catalog.
      expect(wire.candidates.every((c) => c.links.every((l) => l.media.every((m) => m.recipeName === '')))).toBe(true);
      const got = fromWire(ctx, wire);
      expect(got).toStrictEqual(expected);
      // The same bytes, keys in the same order.
      expect(JSON.stringify(got)).toBe(JSON.stringify(expected));
      expect(got.some((c) => c.bom.length > 3)).toBe(true);
      lineKinds.spare ||= got.some((c) => c.bom.some((l) => l.spare));
      lineKinds.laterOffer ||= wire.lines.some((x) => x.some((v, j) => j % 5 === 1 && v > 0));
    });
  }

  it("covered spare lines and offers after a part's first", () => {
    expect(lineKinds).toEqual({ spare: true, laterOffer: true });
  });

  it('refuses candidates from a context with other parts', () => {
    const ctx = contextOf(example('h100-1024-ndr.json'));
    const wire = materializeForWire(new Assessor(ctx), designsOf(ctx, 2));
    const other = contextOf({ cluster: { gpus: 256, serverProfile: 'one-port-400g' } }, labCatalog());
    expect(() => fromWire(other, wire)).toThrow(/parts, this context has/);
  });

  it('refuses a candidate naming a media recipe the page does not know', () => {
    const ctx = contextOf(example('h100-1024-ndr.json'));
    const wire = materializeForWire(new Assessor(ctx), designsOf(ctx, 2));
    wire.candidates[1].links[0].media[0].recipe = 'no-such-recipe';
    expect(() => fromWire(ctx, wire)).toThrow(/media recipe no-such-recipe, which this context lacks/);
  });

  it('carry a warning that several candidates share once: one frozen object, shared after the clone too', () => {
    const ctx = contextOf({ ...example('b300-2048-roce-800g.json') });
    const wire = materializeForWire(new Assessor(ctx), designsOf(ctx, 12));
    const byMessage = new Map<string, Set<object>>();
    for (const c of wire.candidates) for (const w of c.warnings) byMessage.set(w.message, (byMessage.get(w.message) ?? new Set()).add(w));
    const shared = [...byMessage.values()].filter((objects) => objects.size === 1);
    // Some part's warning is named by more than one candidate (else the check below proves nothing).
    const named = (w: object) => wire.candidates.filter((c) => c.warnings.includes(w as never)).length;
    expect(shared.some((objects) => named([...objects][0]) > 1)).toBe(true);
    expect([...byMessage.values()].every((objects) => objects.size === 1)).toBe(true);
    for (const c of wire.candidates) for (const w of c.warnings) expect(Object.isFrozen(w)).toBe(true);
    // A structured clone keeps one copy of an object it meets twice, so the message carries the text once.
    const clone = structuredClone(wire);
    const first = clone.candidates.find((c) => c.warnings.length > 0)!;
    const again = clone.candidates.filter((c) => c.warnings.some((w) => first.warnings.includes(w)));
    expect(again.length).toBeGreaterThan(1);
  });
});
