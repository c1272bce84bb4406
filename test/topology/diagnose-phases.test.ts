import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/catalog/default';
import { lastPhaseProblem } from '../../src/model/phase-plan';
import { buildContext } from '../../src/topology/context';
import { changesToTry, keepPhasePlan } from '../../src/topology/diagnose';
import { optimize } from '../../src/topology/optimize';
import { scenario } from './helpers';

const phased = (gpus: number, phases: { gpus: number; month: number }[], maxTiers = 2) =>
  scenario({ cluster: { gpus, serverProfile: 'hgx-h100-8x400g', phases }, fabric: { switchModels: ['QM9700'], technologies: ['infiniband'], planes: [1], maxTiers } });

describe("the diagnosis's tried changes keep a phase plan valid", () => {
  it('every change tried for an infeasible phased scenario keeps its last phase at cluster.gpus', () => {
    // 4,096 GPUs do not fit one tier of QM9700: the diagnosis tries fabric.maxTiers: 3.
    const s = phased(4_096, [{ gpus: 1_024, month: 0 }, { gpus: 4_096, month: 12 }], 1);
    const o = optimize(s, defaultCatalog);
    if (!o.ok) throw new Error(o.reason);
    expect(o.result.candidates).toEqual([]);
    const ctx = buildContext(s, defaultCatalog);
    if ('ok' in ctx) throw new Error(ctx.reason);
    const changes = changesToTry(ctx, o.result);
    expect(changes.map((c) => c.field)).toContain('fabric.maxTiers');
    for (const c of changes) {
      expect(c.scenario.cluster.phases).toBeDefined();
      expect(lastPhaseProblem(c.scenario.cluster.phases!, c.scenario.cluster.gpus)).toBeUndefined();
    }
  });

  it('a change of size moves the last phase to the new size when it still grows on the phase before', () => {
    const s = phased(4_096, [{ gpus: 1_024, month: 0 }, { gpus: 4_096, month: 12 }]);
    const smaller = keepPhasePlan({ ...s, cluster: { ...s.cluster, gpus: 3_072 } });
    expect(smaller?.cluster.phases).toEqual([{ gpus: 1_024, month: 0 }, { gpus: 3_072, month: 12 }]);
    expect(smaller?.cluster.gpus).toBe(3_072);
  });

  it('a change of size to or below an earlier phase is not tried: no plan of the user\'s would remain', () => {
    const s = phased(4_096, [{ gpus: 1_024, month: 0 }, { gpus: 4_096, month: 12 }]);
    expect(keepPhasePlan({ ...s, cluster: { ...s.cluster, gpus: 1_024 } })).toBeUndefined();
    // Scenarios without phases, or whose plan ends at their size, pass unchanged.
    expect(keepPhasePlan(s)).toBe(s);
    const single = scenario({ cluster: { gpus: 512 } });
    expect(keepPhasePlan({ ...single, cluster: { ...single.cluster, gpus: 256 } })?.cluster.gpus).toBe(256);
  });
});
