// The phased search on the worked example of docs/phases.md (1,024 H100 GPUs now, 4,096 later, 8% a
// year, default catalog): kernel runs, rows asked and priced along the plan (stats.phased) and the
// wall time with 2 workers, for capex and TCO plans with the last phase at month 12 and at the
// 5-year horizon (month 60, where the ordering objective is the capex), and a TCO plan at 40% a year
// that widens to tens of thousands of rows. `npx tsx test/bench/phased.ts`.
import { readFileSync } from 'node:fs';
import { defaultCatalog } from '../../src/catalog/default';
import { optimizeWithKernel, shutdownKernelPool } from '../../src/engine/node';
import { ScenarioSchema } from '../../src/model/scenario';
import { phasedOrder, phasePlanOf } from '../../src/topology/phased-ranking';

const example = JSON.parse(readFileSync(new URL('../../examples/h100-1024-to-4096-phases.json', import.meta.url), 'utf8'));
const cases = [
  { name: 'capex, last phase at month 12', month: 12, minimize: 'capex' },
  { name: 'TCO 5 y, last phase at month 12', month: 12, minimize: 'tco' },
  { name: 'TCO 5 y, last phase at month 60', month: 60, minimize: 'tco' },
  // At 40% a year the floor under the present value is weak: the kernel is asked for 40,960 rows.
  { name: 'TCO 5 y at 40%, last phase at month 48', month: 48, minimize: 'tco', ratePct: 40 },
];

async function main() {
  console.log(`railyard phased search — ${example.name.replace(/ in 12 months.*/, ' later')}, default catalog, 2 workers\n`);
  await optimizeWithKernel(ScenarioSchema.parse(example), defaultCatalog, { workers: 2 }); // warm the workers and the JIT
  const rows = [['plan', 'ordering years', 'kernel runs', 'rows asked', 'rows priced', 'wall ms', 'best PV']];
  for (const c of cases) {
    const s = ScenarioSchema.parse({
      ...example,
      cluster: { ...example.cluster, phases: [example.cluster.phases[0], { ...example.cluster.phases[1], month: c.month }] },
      objective: { ...example.objective, minimize: c.minimize, years: 5, discountRatePct: c.ratePct ?? example.objective.discountRatePct },
    });
    const t = performance.now();
    const o = await optimizeWithKernel(s, defaultCatalog, { workers: 2 });
    const ms = performance.now() - t;
    if (!o.ok) throw new Error(o.reason);
    const p = o.result.stats.phased!;
    const years = phasedOrder(phasePlanOf(s)!, s.objective).years;
    rows.push([c.name, c.minimize === 'tco' ? years.toFixed(3) : '-', String(p.kernelRuns), String(p.rows), String(p.priced), ms.toFixed(0), o.result.candidates[0].objectiveValue.toFixed(2)]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows) console.log(r.map((x, i) => (i === 0 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join('  '));
}

main().finally(() => shutdownKernelPool());
