import { csvRow, csvText } from './csv';
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
  // The catalog text of a row depends only on its recipe: escape it once per recipe, not per row.
  const recipeCells = new Map<string, string>();
  for (const r of s.catalog.mediaRecipes) {
    const part = (role: string) => {
      const p = r.parts.find((x) => x.role === role);
      return p ? s.modelOf(p.part) : '';
    };
    recipeCells.set(r.id, [r.id, part('lower-end'), part('cable'), part('upper-end')].map(csvText).join(','));
  }
  for (const l of s.listing.links()) {
    yield `${csvText(l.id)},${l.plane},${csvText(l.linkClass)},${csvText(l.a.device)},${csvText(l.a.port)},${csvText(l.b.device)},${csvText(l.b.port)},` +
      `${recipeCells.get(l.recipe)!},${l.cableLengthCm / 100},${l.lengthCm / 100}\r\n`;
  }
}
