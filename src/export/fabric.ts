import type { Catalog } from '../model/catalog';
import type { BomLine, Candidate, Result } from '../model/result';
import { Assessor } from '../topology/assess';
import { bomLines } from '../topology/bom';
import { buildContext } from '../topology/context';
import { materialize, type FabricListing } from '../topology/materialize';
import { growInPhases, type PhasedDesign } from '../topology/phases';

export interface ExportSubject {
  result: Result;
  candidate: Candidate;
  catalog: Catalog;
  listing: FabricListing;
  /** Catalog part id -> model string, for part-number columns. */
  modelOf: (partId: string) => string;
  /** The phase exported (docs/exports.md "Phases"); undefined for the whole design. */
  phase?: ExportedPhase;
}

/** One phase of a phased result, as its exports need it. */
export interface ExportedPhase {
  /** 1-based, as users count phases. */
  phase: number;
  /** Phases in the plan. */
  count: number;
  gpus: number;
  month: number;
  /** What this phase buys: its purchase lines, which add up over the phases to the candidate's BOM. */
  bom: BomLine[];
  /** The whole phased build (what each phase adds and its link groups), for the as-built views. */
  grown: PhasedDesign;
}

const count = (n: number) => n.toLocaleString('en-US');

/** Why `phase` cannot be exported from this result (the option, the rule and the value), or undefined. */
export function phaseProblem(result: Result, phase: number): string | undefined {
  const phases = result.scenario.cluster.phases;
  if (!phases || phases.length < 2)
    return `--phase: this result has no phases to choose from (its scenario sets no cluster.phases with two or more phases), got ${phase}`;
  if (!Number.isInteger(phase) || phase < 1 || phase > phases.length)
    return `--phase: must be a phase of this result, an integer from 1 to ${phases.length}, got ${phase}`;
  return undefined;
}

/** "phase 2 of 2 (4,096 GPUs at month 12)", for headers and comments. */
export function phaseTitle(p: ExportedPhase): string {
  return `phase ${p.phase} of ${p.count} (${count(p.gpus)} GPUs at month ${p.month})`;
}

export type Found<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * Rebuilds the explicit fabric of one candidate of a result (the catalog must be the one it was
 * priced with); with `phase`, also what that phase of the result's plan buys and installs.
 */
export function exportSubject(result: Result, catalog: Catalog, candidateId: string, phase?: number): Found<ExportSubject> {
  const candidate = result.candidates.find((c) => c.id === candidateId);
  if (!candidate) {
    const ids = result.candidates.slice(0, 5).map((c) => c.id).join(', ');
    return { ok: false, message: `--candidate: must be a candidate id of this result (e.g. ${ids}), got "${candidateId}"` };
  }
  if (catalog.name !== result.catalogName)
    return { ok: false, message: `the result was priced with catalog "${result.catalogName}", not "${catalog.name}": pass that catalog` };
  if (phase !== undefined) {
    const why = phaseProblem(result, phase);
    if (why) return { ok: false, message: why };
  }
  const ctx = buildContext(result.scenario, catalog);
  if ('ok' in ctx) return { ok: false, message: `candidate ${candidateId} does not rebuild with this catalog: ${ctx.reason}` };
  const assessor = new Assessor(ctx);
  const m = materialize(result.scenario, catalog, candidate.design, assessor);
  if (!m.ok) return { ok: false, message: `candidate ${candidateId} does not rebuild with this catalog: ${m.reason}` };
  const naming = m.listing.namingProblem();
  if (naming) return { ok: false, message: `the scenario's device names cannot be used: ${naming}` };
  const models = new Map<string, string>();
  for (const p of [...catalog.switches, ...catalog.transceivers, ...catalog.cables]) models.set(p.id, p.model);
  const value: ExportSubject = { result, candidate, catalog, listing: m.listing, modelOf: (id) => models.get(id) ?? id };
  if (phase !== undefined) {
    const plan = { phases: result.scenario.cluster.phases!, discountRatePct: result.scenario.objective.discountRatePct };
    const grown = growInPhases(assessor, m.candidate.design, plan);
    if (!grown.ok) return { ok: false, message: `candidate ${candidateId} cannot grow along this result's phases: ${grown.reason}` };
    const p = grown.phases[phase - 1];
    value.phase = { phase, count: grown.phases.length, gpus: p.gpus, month: p.month, bom: bomLines(ctx, p.lines), grown };
  }
  return { ok: true, value };
}

/** Groups lines into chunks so a stream writer is not called once per line. */
export function* chunked(lines: Iterable<string>, size = 2000): Generator<string> {
  let buf: string[] = [];
  for (const l of lines) {
    buf.push(l);
    if (buf.length >= size) {
      yield buf.join('');
      buf = [];
    }
  }
  if (buf.length) yield buf.join('');
}
