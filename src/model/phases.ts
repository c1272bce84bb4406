import { PhasePlanSchema, type PhasePlan } from './phase-plan';
import { describeIssues, type Checked } from './validate';

// The phase plan's schemas live in ./phase-plan (the scenario and the result mount them, and that
// module imports nothing that imports them back); this module adds their validation.
export * from './phase-plan';

/** Validates a phase plan with field-path messages (`phases[1].gpus: must be more than ...`). */
export function checkPhasePlan(input: unknown): Checked<PhasePlan> {
  const r = PhasePlanSchema.safeParse(input);
  return r.success ? { ok: true, value: r.data } : { ok: false, problems: describeIssues(r.error.issues, input) };
}

