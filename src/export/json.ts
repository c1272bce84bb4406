import type { Candidate, Result } from '../model/result';

/** A result document holding one candidate (and its Pareto membership); valid against result.schema.json. */
export function candidateResult(result: Result, candidate: Candidate): Result {
  return { ...result, candidates: [candidate], pareto: result.pareto.filter((id) => id === candidate.id) };
}

export function candidateJson(result: Result, candidate: Candidate): string {
  return JSON.stringify(candidateResult(result, candidate), null, 2) + '\n';
}

/** The whole result: every ranked and Pareto candidate, the scenario and the search statistics. */
export function resultJson(result: Result): string {
  return JSON.stringify(result, null, 2) + '\n';
}

/** A file name safe on every OS: `railyard-<what>.json`. */
export function exportFileName(what: string, ext: string): string {
  const safe = what.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '').slice(0, 100);
  return `railyard-${safe || 'export'}.${ext}`;
}
