// Writes the JSON Schema of each public document (scenario, catalog, result) into public/schema/,
// generated from the zod schemas so the two can never drift. Run by `npm run schema` and the build.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { CatalogSchema } from '../src/model/catalog';
import { InventorySchema } from '../src/model/inventory';
import { ResultSchema } from '../src/model/result';
import { ScenarioSchema } from '../src/model/scenario';

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'schema');
mkdirSync(outDir, { recursive: true });

const docs = [
  { file: 'scenario.schema.json', schema: ScenarioSchema, title: 'Railyard scenario', io: 'input' as const },
  { file: 'catalog.schema.json', schema: CatalogSchema, title: 'Railyard parts catalog', io: 'input' as const },
  { file: 'result.schema.json', schema: ResultSchema, title: 'Railyard optimization result', io: 'output' as const },
  { file: 'inventory.schema.json', schema: InventorySchema, title: 'Railyard inventory of owned parts', io: 'input' as const },
];

for (const d of docs) {
  const json = z.toJSONSchema(d.schema, { io: d.io, unrepresentable: 'any' }) as Record<string, unknown>;
  const out = { $id: `schema/${d.file}`, title: d.title, ...json };
  writeFileSync(join(outDir, d.file), JSON.stringify(out, null, 2) + '\n');
  console.log(`wrote public/schema/${d.file}`);
}
