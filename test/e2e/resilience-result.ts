// A result of two hand-picked designs for 64 H100 GPUs on QM9700, built directly rather than
// searched: one switch, and two leaves under one spine (not single-switch-failure safe).
import { defaultCatalog } from '../../src/catalog/default';
import type { Candidate, Design } from '../../src/model/result';
import { ScenarioSchema } from '../../src/model/scenario';
import { Assessor } from '../../src/topology/assess';
import { buildContext } from '../../src/topology/context';
import { materialize } from '../../src/topology/materialize';
import { assembleResult } from '../../src/topology/optimize';

export function resilienceResult() {
  const scenario = ScenarioSchema.parse({
    name: '64 GPUs, one spine or two (resilience test)',
    cluster: { gpus: 64, serverProfile: 'hgx-h100-8x400g' },
    // The search requires 2 spines by default; lowering the minimums lets this design have one.
    fabric: { technologies: ['infiniband'], switchModels: ['QM9700'], families: ['fat-tree'], minSpinesPerPlane: 1, minUplinkSwitches: 1 },
  });
  const ctx = buildContext(scenario, defaultCatalog);
  if ('ok' in ctx) throw new Error(ctx.reason);
  const assessor = new Assessor(ctx);
  const t = (down: number, up: number) => ({ switchId: 'QM9700', portModeId: '64x400G', downPorts: down, upPorts: up });
  const designs: Design[] = [
    { family: 'fat-tree', technology: 'infiniband', planes: 1, nodesPerLeafGroup: 8, tiers: [t(64, 0)] },
    // 2 leaves of 4 nodes (32 ports), 32 uplinks each: one 64-port spine takes them all.
    { family: 'fat-tree', technology: 'infiniband', planes: 1, nodesPerLeafGroup: 4, tiers: [t(32, 32), t(0, 0)] },
  ];
  const candidates: Candidate[] = designs.map((d) => {
    const m = materialize(scenario, defaultCatalog, d, assessor);
    if (!m.ok) throw new Error(m.reason);
    return m.candidate;
  });
  candidates.sort((a, b) => a.objectiveValue - b.objectiveValue);
  candidates.forEach((c, i) => { c.rank = i + 1; });
  return assembleResult(assessor, candidates, [], { spaceSize: 2, evaluated: 2, pruned: 0, feasible: 2, infeasible: 0, elapsedMs: 0, workers: 1, engine: 'reference', infeasibleReasons: [] });
}
