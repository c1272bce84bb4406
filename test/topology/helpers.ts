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

/**
 * Up to `want` feasible designs spread evenly over the space of a scenario (`offset` shifts the
 * pick). One pass over the space: every `stride`-th design is kept, and whenever `want` x 8 are
 * kept the stride doubles and every other kept design goes, so the kept ones stay evenly spaced
 * (an enumeration can run to a million designs; counting it first took twice as long).
 */
export function sampleDesigns(s: Scenario, c: Catalog, want: number, offset: number): Design[] {
  const ctx = buildContext(s, c);
  if ('ok' in ctx) throw new Error(ctx.reason);
  const cap = want * 8;
  let stride = 1;
  let kept: { at: number; design: Design }[] = [];
  let i = 0;
  for (const design of enumerateDesigns(ctx)) {
    const at = i++ + offset;
    if (at % stride !== 0) continue;
    kept.push({ at, design });
    if (kept.length >= cap) {
      stride *= 2;
      kept = kept.filter((k) => k.at % stride === 0);
    }
  }
  const a = new Assessor(ctx);
  const feasible = kept.map((k) => k.design).filter((d) => a.assess(d).ok);
  if (feasible.length <= want) return feasible;
  return Array.from({ length: want }, (_, j) => feasible[Math.floor((j * feasible.length) / want)]);
}
