// A result holding the 1,048,576-GPU fabric of scripts/measure-cable-schedule.ts (2-plane, 3-tier
// rail-optimized SN5600, 6,291,456 links), built directly rather than searched, for the export tests.
import { defaultCatalog } from '../../src/catalog/default';
import { ScenarioSchema } from '../../src/model/scenario';
import { Assessor } from '../../src/topology/assess';
import { buildContext } from '../../src/topology/context';
import { buildResult } from '../../src/topology/optimize';
import { classKey, designKey } from '../../src/topology/shape';

export function millionGpuResult() {
  const scenario = ScenarioSchema.parse({
    name: '1,048,576 GPUs (export test)',
    cluster: { gpus: 1_048_576, serverProfile: 'hgx-h100-8x400g' },
    fabric: { technologies: ['ethernet'], planes: [2] },
    layout: { nodesPerRack: 8, racksPerRow: 128 },
  });
  const ctx = buildContext(scenario, defaultCatalog);
  if ('ok' in ctx) throw new Error(ctx.reason);
  const assessor = new Assessor(ctx);
  const t = (switchId: string, down: number, up: number) => ({ switchId, portModeId: '256x200G', downPorts: down, upPorts: up });
  const design = { family: 'rail-optimized' as const, technology: 'ethernet' as const, planes: 2, nodesPerLeafGroup: 128, spinesPerPod: 128, leavesPerPod: 128, tiers: [t('SN5600', 128, 128), t('SN5600', 128, 128), t('SN5600', 0, 0)] };
  const a = assessor.assess(design);
  if (!a.ok) throw new Error(a.reason);
  const scored = { design: a.shape.design, key: designKey(ctx, a.shape.design), classKey: classKey(ctx, a.shape), objectiveCents: a.objectiveCents, oversubscription: 1, milliwatts: 0 };
  return buildResult(assessor, [scored], [], { spaceSize: 1, evaluated: 1, pruned: 0, feasible: 1, infeasible: 0, elapsedMs: 0, workers: 1, engine: 'reference', infeasibleReasons: [] });
}
