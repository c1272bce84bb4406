// Writes the cable schedule of a 1,048,576-GPU fabric to a file and prints the time and the peak
// memory: `npx tsx scripts/measure-cable-schedule.ts [OUT.csv]`. The design is the 2-plane,
// 3-tier rail-optimized SN5600 fabric of test/topology/scale.test.ts.
import { createWriteStream, statSync } from 'node:fs';
import { once } from 'node:events';
import { defaultCatalog } from '../src/catalog/default';
import { ScenarioSchema } from '../src/model/scenario';
import { exportSubject } from '../src/export/fabric';
import { exportFormat } from '../src/export/formats';
import { Assessor } from '../src/topology/assess';
import { buildContext } from '../src/topology/context';
import { buildResult } from '../src/topology/optimize';
import { designKey } from '../src/topology/shape';

const out = process.argv[2] ?? '/tmp/railyard-1m-cables.csv';
const scenario = ScenarioSchema.parse({
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
const scored = { design: a.shape.design, key: designKey(ctx, a.shape.design), objectiveCents: a.objectiveCents, oversubscription: 1, milliwatts: 0 };
const result = buildResult(assessor, [scored], [], { spaceSize: 1, evaluated: 1, pruned: 0, feasible: 1, infeasible: 0, elapsedMs: 0, workers: 1, engine: 'reference', infeasibleReasons: [] });
const subject = exportSubject(result, defaultCatalog, result.candidates[0].id);
if (!subject.ok) throw new Error(subject.message);

let peak = process.memoryUsage().rss;
const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
const started = performance.now();
const stream = createWriteStream(out);
for (const chunk of exportFormat('cables-csv')!.write(subject.value)) {
  if (!stream.write(chunk)) await once(stream, 'drain');
  peak = Math.max(peak, process.memoryUsage().rss);
}
stream.end();
await once(stream, 'finish');
clearInterval(timer);
const seconds = (performance.now() - started) / 1000;
console.log(`links: ${result.candidates[0].metrics.linkCount.toLocaleString('en-US')}`);
console.log(`file: ${out}, ${(statSync(out).size / 1e6).toFixed(0)} MB`);
console.log(`time: ${seconds.toFixed(1)} s, peak RSS: ${(peak / 1024 / 1024).toFixed(0)} MB`);
