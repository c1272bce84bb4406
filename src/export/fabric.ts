import type { Catalog } from '../model/catalog';
import type { Candidate, Result } from '../model/result';
import { materialize, type FabricListing } from '../topology/materialize';

export interface ExportSubject {
  result: Result;
  candidate: Candidate;
  catalog: Catalog;
  listing: FabricListing;
  /** Catalog part id -> model string, for part-number columns. */
  modelOf: (partId: string) => string;
}

export type Found<T> = { ok: true; value: T } | { ok: false; message: string };

/** Rebuilds the explicit fabric of one candidate of a result (the catalog must be the one it was priced with). */
export function exportSubject(result: Result, catalog: Catalog, candidateId: string): Found<ExportSubject> {
  const candidate = result.candidates.find((c) => c.id === candidateId);
  if (!candidate) {
    const ids = result.candidates.slice(0, 5).map((c) => c.id).join(', ');
    return { ok: false, message: `--candidate: must be a candidate id of this result (e.g. ${ids}), got "${candidateId}"` };
  }
  if (catalog.name !== result.catalogName)
    return { ok: false, message: `the result was priced with catalog "${result.catalogName}", not "${catalog.name}": pass that catalog` };
  const m = materialize(result.scenario, catalog, candidate.design);
  if (!m.ok) return { ok: false, message: `candidate ${candidateId} does not rebuild with this catalog: ${m.reason}` };
  const naming = m.listing.namingProblem();
  if (naming) return { ok: false, message: `the scenario's device names cannot be used: ${naming}` };
  const models = new Map<string, string>();
  for (const p of [...catalog.switches, ...catalog.transceivers, ...catalog.cables]) models.set(p.id, p.model);
  return { ok: true, value: { result, candidate, catalog, listing: m.listing, modelOf: (id) => models.get(id) ?? id } };
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
