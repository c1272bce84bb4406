// How candidates a search worker materialized cross to the page. Their BOM lines are most of their
// bytes (a line repeats its part's name, vendor, offer and part number as strings, and a million-GPU
// run sends 252 candidates of some twenty lines), and the page would get every string as a fresh
// copy to keep and later collect. So a worker sends each candidate without its lines, plus the
// allocation they come from as numbers; the page makes the lines from its own context (the same
// scenario and catalog, so the same parts and offers in the same order), sharing its strings. So
// too the recipe names of the links' media (a million-GPU candidate lists some twenty media groups,
// each naming its recipe in a sentence): they cross empty and the page names them from its
// catalog by recipe id. The candidates are then exactly those materializeDesigns makes.
import type { Candidate } from '../model/result';
import type { Assessor, AllocationLine } from '../topology/assess';
import { bomLines } from '../topology/bom';
import type { Context } from '../topology/context';
import { toCandidate } from '../topology/materialize';
import { reassess, type ResultDesign } from '../topology/optimize';

/** Numbers per allocation line on the wire: sku index, offer's place in the sku's offers, quantity, cents, spare (0 or 1). */
const LINE = 5;

export interface WireCandidates {
  /** Parts in the worker's context: the page's must have as many, or it did not build the same one. */
  skus: number;
  /** The candidates, their `bom` empty and their links' recipe names blank until fromWire makes them. */
  candidates: Candidate[];
  /** Per candidate, its allocation lines, LINE numbers each. */
  lines: Float64Array[];
}

/** Materializes designs for the page: materializeDesigns's candidates, their BOM lines as numbers. */
export function materializeForWire(assessor: Assessor, designs: ResultDesign[]): WireCandidates {
  const candidates: Candidate[] = [];
  const lines: Float64Array[] = [];
  for (const { design, rank } of designs) {
    const a = reassess(assessor, design);
    const candidate = toCandidate(assessor, a, rank, []);
    for (const link of candidate.links) for (const m of link.media) m.recipeName = '';
    candidates.push(candidate);
    const wire = new Float64Array(a.lines.length * LINE);
    for (let i = 0; i < a.lines.length; i++) {
      const l = a.lines[i];
      wire.set([l.sku.index, l.sku.offers.indexOf(l.offer), l.quantity, l.cents, l.spare ? 1 : 0], i * LINE);
    }
    lines.push(wire);
  }
  return { skus: assessor.ctx.skus.length, candidates, lines };
}

/** The candidates with their BOM lines, made from this context's parts and offers. */
export function fromWire(ctx: Context, wire: WireCandidates): Candidate[] {
  if (wire.skus !== ctx.skus.length) throw new Error(`candidates from a search worker name ${wire.skus} parts, this context has ${ctx.skus.length}`);
  const recipeNames = new Map(ctx.recipes.map((r) => [r.id, r.name]));
  // A loop, not a callback made per call: V8 holds a closure's optimized code only while a closure
  // of it lives, so a per-call callback was compiled again after every full GC.
  const out: Candidate[] = [];
  for (let i = 0; i < wire.candidates.length; i++) {
    const c = wire.candidates[i];
    for (const link of c.links) {
      for (const m of link.media) {
        const name = recipeNames.get(m.recipe);
        if (name === undefined) throw new Error(`a candidate from a search worker names media recipe ${m.recipe}, which this context lacks`);
        m.recipeName = name;
      }
    }
    c.bom = bomLines(ctx, wireLines(ctx, wire.lines[i]));
    out.push(c);
  }
  return out;
}

/** A candidate's allocation lines from the wire (see materializeForWire). */
function wireLines(ctx: Context, x: Float64Array): AllocationLine[] {
  const lines: AllocationLine[] = [];
  for (let j = 0; j < x.length; j += LINE) {
    const sku = ctx.skus[x[j]];
    const offer = sku?.offers[x[j + 1]];
    if (!offer) throw new Error(`a candidate from a search worker names part ${x[j]}, offer ${x[j + 1]}, which this context lacks`);
    lines.push({ sku, offer, quantity: x[j + 2], cents: x[j + 3], spare: x[j + 4] === 1 });
  }
  return lines;
}
