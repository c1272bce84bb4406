// Words for a design's single-switch-failure safety and ECMP path counts (docs/model.md,
// "Resilience and ECMP paths"), shared by the results table badge and the design view.
import type { Candidate } from '../model/result';
import { fmtInt } from './format';

export interface FailureBadge {
  text: string;
  tone: 'good' | 'bad' | 'plain';
  title: string;
}

const spines = (n: number) => `${fmtInt(n)} spine${n === 1 ? '' : 's'}`;
/** What a fabric is, per plane: rail-only fabrics are one per rail. */
const fabricOf = (c: Candidate) => (c.family === 'rail-only' ? 'its rail' : c.planes > 1 ? 'its plane' : 'the fabric');

/** The results table's badge; undefined for results saved before the figure existed. */
export function failureBadge(c: Candidate): FailureBadge | undefined {
  const m = c.metrics;
  if (m.singleSwitchFailureSafe === undefined) return undefined;
  if (c.tiers.length === 1)
    return { text: 'single switch', tone: 'plain', title: `One switch per ${c.family === 'rail-only' ? 'rail' : 'plane'}: no spine to fail, and its own failure takes all ${fmtInt(m.leafFailureGpuPortsCut)} of its GPU ports` };
  const up = m.uplinkSwitchesPerLeaf ?? 0;
  return m.singleSwitchFailureSafe
    ? { text: '1-fail safe', tone: 'good', title: `No single spine or core failure cuts a leaf off: each leaf reaches ${spines(up)}` }
    : { text: 'not 1-fail safe', tone: 'bad', title: `Each leaf reaches ${spines(up)}: one spine failure cuts leaves off from the rest of ${fabricOf(c)}` };
}

/** One line on what a single switch failure does. */
export function failureWords(c: Candidate): string {
  const m = c.metrics;
  if (m.singleSwitchFailureSafe === undefined) return 'not reported (older result)';
  if (c.tiers.length === 1)
    return `One switch per ${c.family === 'rail-only' ? 'rail' : 'plane'}: no spine or core to fail; its own failure takes all ${fmtInt(m.leafFailureGpuPortsCut)} GPU ports it serves`;
  const up = m.uplinkSwitchesPerLeaf ?? 0;
  const where = c.tiers.length === 3 ? 'of its pod' : c.family === 'rail-only' ? 'of its rail' : '';
  if (m.singleSwitchFailureSafe)
    return `Safe: each leaf reaches ${spines(up)}${where ? ` ${where}` : ''}, so losing any one spine or core leaves every leaf connected to the rest of ${fabricOf(c)}`;
  return `Not safe: each leaf reaches a single spine${where ? ` ${where}` : ''}; its failure cuts those leaves off from the rest of ${fabricOf(c)}`;
}

/** One line on the equal-cost paths between GPUs on two leaves, and across pods. */
export function ecmpWords(c: Candidate): string {
  const m = c.metrics;
  if (m.ecmpPathsCrossLeaf === undefined) return 'not reported (older result)';
  if (m.ecmpPathsCrossLeaf === null) return 'No two leaves: every GPU of a plane (or rail) shares one switch';
  const scope = c.tiers.length === 3 ? 'two leaves of a pod' : c.family === 'rail-only' ? 'two leaves of a rail' : 'two leaves';
  const via = m.ecmpSwitchPathsCrossLeaf ?? 0;
  const parallel = via > 0 ? Math.round(Math.sqrt(m.ecmpPathsCrossLeaf / via)) : 0;
  let line = `${fmtInt(m.ecmpPathsCrossLeaf)} between ${scope} (${spines(via)}${parallel > 1 ? `, ${parallel} parallel links each way` : ''})`;
  if (m.ecmpPathsCrossPod != null)
    line += `; ${fmtInt(m.ecmpPathsCrossPod)} across pods (${fmtInt(m.ecmpSwitchPathsCrossPod ?? 0)} spine-core routes)`;
  return line;
}
