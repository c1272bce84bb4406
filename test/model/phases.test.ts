import { describe, expect, it } from 'vitest';
import { checkPhasePlan, lastPhaseProblem, MAX_PHASES, PhasePlanSchema } from '../../src/model/phases';
import { checkScenario } from '../../src/model/validate';

const problems = (input: unknown) => {
  const r = checkPhasePlan(input);
  if (r.ok) throw new Error('expected the plan to be refused');
  return r.problems.map((p) => `${p.path}: ${p.message}`);
};

describe('a phase plan', () => {
  it('accepts 1,024 GPUs now growing to 4,096 in 12 months at 8%', () => {
    const plan = PhasePlanSchema.parse({ phases: [{ gpus: 1024, month: 0 }, { gpus: 4096, month: 12 }], discountRatePct: 8 });
    expect(plan).toEqual({ phases: [{ gpus: 1024, month: 0 }, { gpus: 4096, month: 12 }], discountRatePct: 8 });
  });

  it('leaves the discount rate at 0% when it is left out, and takes one phase as the whole cluster now', () => {
    expect(PhasePlanSchema.parse({ phases: [{ gpus: 512, month: 0 }] })).toEqual({ phases: [{ gpus: 512, month: 0 }], discountRatePct: 0 });
  });

  it('refuses a first phase that is not built now, naming phases[0].month', () => {
    expect(problems({ phases: [{ gpus: 1024, month: 3 }, { gpus: 2048, month: 6 }] }))
      .toEqual(['phases[0].month: must be 0: the first phase is built now, got 3']);
  });

  it('refuses a phase that does not grow the cluster, naming its gpus field and the phase before', () => {
    expect(problems({ phases: [{ gpus: 1024, month: 0 }, { gpus: 1024, month: 6 }, { gpus: 512, month: 12 }] })).toEqual([
      'phases[1].gpus: must be more than phases[0].gpus (1,024): each phase grows the cluster, got 1,024',
      'phases[2].gpus: must be more than phases[1].gpus (1,024): each phase grows the cluster, got 512',
    ]);
  });

  it('refuses a phase built before the phase before it, and allows two phases in one month', () => {
    expect(problems({ phases: [{ gpus: 64, month: 0 }, { gpus: 128, month: 12 }, { gpus: 256, month: 6 }] }))
      .toEqual(['phases[2].month: must not be before phases[1].month (12), got 6']);
    expect(checkPhasePlan({ phases: [{ gpus: 64, month: 0 }, { gpus: 128, month: 0 }, { gpus: 256, month: 6 }] }).ok).toBe(true);
  });

  it('holds each field to its bounds with the field path', () => {
    expect(problems({ phases: [{ gpus: 0, month: 0 }] })).toEqual(['phases[0].gpus: must be a positive integer, got 0']);
    expect(problems({ phases: [{ gpus: 8.5, month: 0 }] })).toEqual(['phases[0].gpus: must be an integer, got 8.5']);
    expect(problems({ phases: [{ gpus: 5_000_000, month: 0 }] })).toEqual(['phases[0].gpus: must be at most 4,194,304 GPUs, got 5000000']);
    expect(problems({ phases: [{ gpus: 8, month: 0 }, { gpus: 16, month: 1.5 }] })).toEqual(['phases[1].month: must be an integer, got 1.5']);
    expect(problems({ phases: [{ gpus: 8, month: 0 }, { gpus: 16, month: 601 }] })).toEqual(['phases[1].month: must be at most 600 (50 years), got 601']);
    expect(problems({ phases: [{ gpus: 8, month: -1 }] })).toEqual(expect.arrayContaining(['phases[0].month: must not be negative, got -1']));
    expect(problems({ phases: [{ gpus: 8 }] })).toEqual(['phases[0].month: is required']);
    expect(problems({ phases: [{ gpus: 8, month: 0, when: 'now' }] })).toEqual(['phases[0].when: is not a known field']);
  });

  it('needs at least one phase and at most 24', () => {
    expect(problems({ phases: [] })).toEqual(['phases: must list at least one phase, got a list of 0']);
    const many = Array.from({ length: MAX_PHASES + 1 }, (_, i) => ({ gpus: 8 * (i + 1), month: i }));
    expect(problems({ phases: many })).toEqual([`phases: must list at most ${MAX_PHASES} phases, got a list of 25`]);
  });

  it('holds the discount rate to 0..100 % a year', () => {
    const one = [{ gpus: 8, month: 0 }];
    expect(problems({ phases: one, discountRatePct: -1 })).toEqual(['discountRatePct: must not be negative, got -1']);
    expect(problems({ phases: one, discountRatePct: 101 })).toEqual(['discountRatePct: must be at most 100 (% a year), got 101']);
    expect(problems({ phases: one, discountRatePct: '8%' })).toEqual(['discountRatePct: must be a number, got a string ("8%")']);
    expect(checkPhasePlan({ phases: one, discountRatePct: 7.5 }).ok).toBe(true);
  });

  it('says when the last phase is not the cluster the design is chosen for', () => {
    const phases = [{ gpus: 1024, month: 0 }, { gpus: 4096, month: 12 }];
    expect(lastPhaseProblem(phases, 4096)).toBeUndefined();
    expect(lastPhaseProblem(phases, 2048, 'cluster.phases')).toEqual({
      path: 'cluster.phases[1].gpus',
      message: 'must equal cluster.gpus (2,048): the design is chosen for the last phase, got 4,096',
    });
  });
});

describe('a scenario that grows in phases', () => {
  const scenarioProblems = (input: unknown) => {
    const r = checkScenario(input);
    if (r.ok) throw new Error('expected the scenario to be refused');
    return r.problems.map((p) => `${p.path}: ${p.message}`);
  };

  it('mounts the plan as cluster.phases and objective.discountRatePct', () => {
    const r = checkScenario({ cluster: { gpus: 4096, phases: [{ gpus: 1024, month: 0 }, { gpus: 4096, month: 12 }] }, objective: { discountRatePct: 8 } });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.value.cluster.phases).toEqual([{ gpus: 1024, month: 0 }, { gpus: 4096, month: 12 }]);
    expect(r.value.objective.discountRatePct).toBe(8);
  });

  it('keeps cluster.gpus alone as one phase built now, at a 0% discount rate', () => {
    const r = checkScenario({ cluster: { gpus: 512 } });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.value.cluster.phases).toBeUndefined();
    expect(r.value.objective.discountRatePct).toBe(0);
  });

  it('refuses a last phase that is not cluster.gpus, naming cluster.phases[1].gpus', () => {
    expect(scenarioProblems({ cluster: { gpus: 2048, phases: [{ gpus: 1024, month: 0 }, { gpus: 4096, month: 12 }] } })).toContain(
      'cluster.phases[1].gpus: must equal cluster.gpus (2,048): the design is chosen for the last phase, got 4,096',
    );
  });

  it('refuses a discount rate above 100%, naming objective.discountRatePct', () => {
    expect(scenarioProblems({ cluster: { gpus: 64 }, objective: { discountRatePct: 120 } })).toContain('objective.discountRatePct: must be at most 100 (% a year), got 120');
  });
});
