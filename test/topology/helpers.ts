import { ScenarioSchema, type ScenarioInput, type Scenario } from '../../src/model/scenario';
import type { Catalog } from '../../src/model/catalog';
import type { Design } from '../../src/model/result';
import { Assessor } from '../../src/topology/assess';
import { buildContext } from '../../src/topology/context';
import { enumerateDesigns } from '../../src/topology/enumerate';
import { materialize, type PhysicalLink } from '../../src/topology/materialize';

export function scenario(input: ScenarioInput): Scenario {
  return ScenarioSchema.parse(input);
}

/** Materializes or fails the test with the engine's reason. */
export function mustMaterialize(s: Scenario, c: Catalog, d: Design) {
  const m = materialize(s, c, d);
  if (!m.ok) throw new Error(`infeasible: ${m.reason}`);
  return m;
}

export function tier(switchId: string, portModeId: string, downPorts: number, upPorts = 0) {
  return { switchId, portModeId, downPorts, upPorts };
}

/** Counts every link and port of the lazy listing. */
export function walk(links: Iterable<PhysicalLink>) {
  const perClass = new Map<string, number>();
  const perGroup = new Map<string, number>();
  const portUse = new Map<string, number>();
  const devicePorts = new Map<string, Set<string>>();
  let total = 0;
  for (const l of links) {
    total++;
    perClass.set(l.linkClass, (perClass.get(l.linkClass) ?? 0) + 1);
    const g = `${l.linkClass}|${l.recipe}|${l.cableLengthCm}`;
    perGroup.set(g, (perGroup.get(g) ?? 0) + 1);
    for (const end of [l.a, l.b]) {
      const key = `${end.device}#${end.port}`;
      portUse.set(key, (portUse.get(key) ?? 0) + 1);
      let set = devicePorts.get(end.device);
      if (!set) devicePorts.set(end.device, (set = new Set()));
      set.add(end.port);
    }
  }
  return { total, perClass, perGroup, portUse, devicePorts };
}

/** Up to `want` feasible designs spread evenly over the space of a scenario (`offset` shifts the pick). */
export function sampleDesigns(s: Scenario, c: Catalog, want: number, offset: number): Design[] {
  const ctx = buildContext(s, c);
  if ('ok' in ctx) throw new Error(ctx.reason);
  const a = new Assessor(ctx);
  let total = 0;
  for (const _ of enumerateDesigns(ctx)) total++;
  const every = Math.max(1, Math.floor(total / (want * 4)));
  const out: Design[] = [];
  let i = 0;
  for (const d of enumerateDesigns(ctx)) {
    if ((i++ + offset) % every !== 0) continue;
    if (a.assess(d).ok) out.push(d);
    if (out.length >= want) break;
  }
  return out;
}
