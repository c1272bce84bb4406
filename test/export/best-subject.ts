import { defaultCatalog } from '../../src/catalog/default';
import { exportSubject, type ExportSubject } from '../../src/export/fabric';
import { ScenarioSchema } from '../../src/model/scenario';
import { optimize } from '../../src/topology/optimize';

/** The export subject of the reference engine's best design for a scenario over the default catalog. */
export function bestSubject(input: object): ExportSubject {
  const r = optimize(ScenarioSchema.parse(input), defaultCatalog);
  if (!r.ok) throw new Error(r.reason);
  const s = exportSubject(r.result, defaultCatalog, r.result.candidates[0].id);
  if (!s.ok) throw new Error(s.message);
  return s.value;
}
