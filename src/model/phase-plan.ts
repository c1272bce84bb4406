import { z } from 'zod';
import { MAX_GPUS } from './common';
import type { FieldProblem } from './validate';

/**
 * A phase plan: the cluster is built in phases, each a GPU count and the month from now at which
 * it is built (docs/phases.md). The fragments below are what the scenario will mount as
 * `cluster.phases` and `objective.discountRatePct` once both engines search on the present value;
 * the scenario mounts them (src/model/scenario.ts), src/topology/phases.ts prices a design along them.
 */

/** Most phases a plan may list: monthly phases for two years. */
export const MAX_PHASES = 24;
/** Latest month a phase may be built at: 50 years from now. */
export const MAX_PHASE_MONTH = 600;

const count = (n: number) => n.toLocaleString('en-US');

export const Phase = z.strictObject({
  /** GPUs in the cluster once this phase is built (all phases so far, not the ones it adds). */
  gpus: z
    .number({ error: 'must be a number' })
    .int('must be an integer')
    .min(1, 'must be a positive integer')
    .max(MAX_GPUS, `must be at most ${count(MAX_GPUS)} GPUs`),
  /** Whole months from now at which the phase is built; the first phase is built now (0). */
  month: z
    .number({ error: 'must be a number' })
    .int('must be an integer (whole months)')
    .min(0, 'must not be negative')
    .max(MAX_PHASE_MONTH, `must be at most ${MAX_PHASE_MONTH} (50 years)`),
});
export type Phase = z.output<typeof Phase>;

/**
 * The phases in build order: the first is built now (month 0), each has more GPUs than the one
 * before (a phase that adds nothing is no phase), and none is built before the one before it.
 * Issues name the item and field, e.g. `phases[1].gpus`.
 */
export const Phases = z
  .array(Phase)
  .min(1, 'must list at least one phase')
  .max(MAX_PHASES, `must list at most ${MAX_PHASES} phases`)
  .superRefine((phases, ctx) => {
    if (phases[0] && phases[0].month !== 0)
      ctx.addIssue({ code: 'custom', path: [0, 'month'], message: `must be 0: the first phase is built now, got ${phases[0].month}` });
    for (let i = 1; i < phases.length; i++) {
      const [before, p] = [phases[i - 1], phases[i]];
      if (p.gpus <= before.gpus)
        ctx.addIssue({ code: 'custom', path: [i, 'gpus'], message: `must be more than phases[${i - 1}].gpus (${count(before.gpus)}): each phase grows the cluster, got ${count(p.gpus)}` });
      if (p.month < before.month)
        ctx.addIssue({ code: 'custom', path: [i, 'month'], message: `must not be before phases[${i - 1}].month (${before.month}), got ${p.month}` });
    }
  });

/** Yearly discount rate, %, for the present value of later phases' spending. */
export const DiscountRatePct = z
  .number({ error: 'must be a number' })
  .min(0, 'must not be negative')
  .max(100, 'must be at most 100 (% a year)')
  .default(0);

export const PhasePlanSchema = z.strictObject({
  phases: Phases,
  discountRatePct: DiscountRatePct,
});
export type PhasePlan = z.output<typeof PhasePlanSchema>;
export type PhasePlanInput = z.input<typeof PhasePlanSchema>;

/**
 * The cross-field rule the scenario will hold once it mounts the plan: the design is chosen for
 * the last phase, so the last phase is the cluster (`cluster.gpus`). Undefined when it holds.
 */
export function lastPhaseProblem(phases: readonly Phase[], clusterGpus: number, path = 'phases'): FieldProblem | undefined {
  const i = phases.length - 1;
  if (i < 0 || phases[i].gpus === clusterGpus) return undefined;
  return {
    path: `${path}[${i}].gpus`,
    message: `must equal cluster.gpus (${count(clusterGpus)}): the design is chosen for the last phase, got ${count(phases[i].gpus)}`,
  };
}

/*
 * What a result will say about a phased build (src/topology/phases.ts summarizePhases), in the
 * catalog's currency like the rest of the result's money: per phase what it adds, its capex and
 * running costs and their present values, the totals, and the day-one comparison.
 */
const money = z.number().finite();
const whole = z.number().int().min(0);
const PhaseTotals = z.strictObject({
  capex: money,
  capexPresentValue: money,
  /** Energy, support and expected replacements over the objective's years (given for capex objectives too). */
  runningCost: money,
  runningPresentValue: money,
  /** What the search minimizes: capex PV, plus running PV for TCO. */
  objectivePresentValue: money,
});

export const PhaseSummary = z.strictObject({
  phase: whole,
  month: whole,
  gpus: whole,
  nodes: whole,
  adds: z.strictObject({
    nodes: whole,
    leafGroups: whole,
    pods: whole,
    switches: z.strictObject({ leaf: whole, spine: whole, core: whole }),
    links: z.strictObject({ 'node-leaf': whole, 'leaf-spine': whole, 'spine-core': whole }),
  }),
  capex: money,
  discountFactor: z.number().finite().min(0).max(1),
  capexPresentValue: money,
  runningYears: z.number().finite().min(0),
  runningCost: money,
  runningPresentValue: money,
});
export type PhaseSummary = z.output<typeof PhaseSummary>;

export const PhasedSummary = PhaseTotals.extend({
  discountRatePct: z.number().finite().min(0).max(100),
  phases: z.array(PhaseSummary).min(1),
  dayOne: PhaseTotals,
  /** dayOne.objectivePresentValue - objectivePresentValue. */
  savingVsDayOne: money,
});
export type PhasedSummary = z.output<typeof PhasedSummary>;
