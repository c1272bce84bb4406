import { csvRow } from './csv';
import type { ExportSubject } from './fabric';

export const CABLE_SCHEDULE_COLUMNS = [
  'link_id', 'plane', 'link_class', 'from_device', 'from_port', 'to_device', 'to_port',
  'media_recipe', 'from_part', 'cable_part', 'to_part', 'cable_length_m', 'run_length_m',
] as const;

/**
 * The point-to-point sheet: one line per physical link, in listing order, generated lazily so a
 * million-GPU fabric streams to a file without being held in memory.
 */
export function* cableScheduleCsv(s: ExportSubject): Generator<string> {
  yield csvRow(CABLE_SCHEDULE_COLUMNS);
  const recipes = new Map(s.catalog.mediaRecipes.map((r) => [r.id, r]));
  for (const l of s.listing.links()) {
    const recipe = recipes.get(l.recipe)!;
    const part = (role: string) => {
      const p = recipe.parts.find((x) => x.role === role);
      return p ? s.modelOf(p.part) : '';
    };
    yield csvRow([
      l.id, l.plane, l.linkClass, l.a.device, l.a.port, l.b.device, l.b.port,
      l.recipe, part('lower-end'), part('cable'), part('upper-end'),
      l.cableLengthCm / 100, l.lengthCm / 100,
    ]);
  }
}
