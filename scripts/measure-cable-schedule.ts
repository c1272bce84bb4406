// Writes the cable schedule of a 1,048,576-GPU fabric to a file and prints the time and the peak
// memory: `npx tsx scripts/measure-cable-schedule.ts [OUT.csv]`. The design is the 2-plane,
// 3-tier rail-optimized SN5600 fabric of test/e2e/big-result.ts (also used by the browser test).
import { createWriteStream, statSync } from 'node:fs';
import { once } from 'node:events';
import { defaultCatalog } from '../src/catalog/default';
import { exportSubject } from '../src/export/fabric';
import { exportFormat } from '../src/export/formats';
import { millionGpuResult } from '../test/e2e/big-result';

const out = process.argv[2] ?? '/tmp/railyard-1m-cables.csv';
const result = millionGpuResult();
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
