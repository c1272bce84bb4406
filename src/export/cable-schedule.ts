import type { Catalog } from '../model/catalog';
import type { Candidate } from '../model/result';
import type { Cable, CableEnd } from '../topology/materialize';
import { bomPartNumber } from '../topology/bom';
import { csvRow, csvText } from './csv';
import type { ExportSubject } from './fabric';

/** Columns of one cable end: where it is and what it plugs into. */
const END_FIELDS = ['hall', 'row', 'rack', 'position', 'device', 'port', 'transceiver'] as const;

/**
 * The schedule's columns: the cable, its A end, then B ends 1..maxBEnds (a splitter fills more
 * than one). A phased design (cluster.phases) adds `phase` after the label (the phase that pulls
 * the cable and plugs its A end) and `bK_phase` after each B end (the phase that plugs that leg).
 */
export function cableScheduleColumns(maxBEnds: number, phased = false): string[] {
  const cols = [
    'cable_id', 'label', ...(phased ? ['phase'] : []), 'plane', 'link_class', 'links', 'media', 'cable_part_number', 'part_number_kind', 'cable_length_m', 'run_length_m', 'media_recipe',
    ...END_FIELDS.map((f) => `a_${f}`),
  ];
  for (let k = 1; k <= maxBEnds; k++) cols.push(...END_FIELDS.map((f) => `b${k}_${f}`), ...(phased ? [`b${k}_phase`] : []));
  return cols;
}

/** Measured size of the schedule per logical link (1,456 MB for the 6,291,456 links of a 1,048,576-GPU fabric). */
export const CABLE_SCHEDULE_BYTES_PER_LINK = 235;

/**
 * Rows the schedule of a candidate will have (without the header), from its link counts per media
 * recipe: a recipe whose cable carries k links makes about one row per k links (exact unless a
 * cage's legs need different media).
 */
export function cableScheduleRows(candidate: Candidate, catalog: Catalog): number {
  const perCable = new Map(catalog.mediaRecipes.map((r) => [r.id, r.parts.find((p) => p.role === 'cable')?.linksPerUnit ?? 1]));
  let rows = 0;
  for (const l of candidate.links) for (const m of l.media) rows += Math.ceil(m.count / (perCable.get(m.recipe) ?? 1));
  return rows;
}

/**
 * The installer's cable schedule: one row per physical cable, rack by rack of its A end (the
 * switch end a crew works from; a plane-split cable's A end is the server), generated lazily so a
 * million-GPU fabric streams to a file without being held in memory. A splitter is one row with
 * a B end per leg. Each end gives hall, row, rack, position (U of a switch, slot of a server),
 * device, port (the cage when the plug takes the whole cage) and the transceiver's part number
 * (empty for DAC, ACC and AOC). The cable's part number is the orderable, length-coded one when the
 * catalog lists it for that length, else the family with part_number_kind `family` (estimated).
 */
export function* cableScheduleCsv(s: ExportSubject): Generator<string> {
  const listing = s.listing;
  const maxB = listing.maxBEnds;
  const phased = listing.phases.count > 1;
  yield csvRow(cableScheduleColumns(maxB, phased));
  const placement = listing.placement();
  const racks = placement.racks;
  const cables = new Map(s.catalog.cables.map((c) => [c.id, c]));
  // Catalog text is escaped once per part and length, rack text once per rack: a million rows repeat a few.
  const partCells = new Map<string, string>();
  const cablePartCell = (part: string, cm: number) => {
    const key = `${part}|${cm}`;
    let cell = partCells.get(key);
    if (cell === undefined) {
      const c = cables.get(part);
      const pn = c ? bomPartNumber('cable', c.model, cm / 100, c.partNumbers) : { partNumber: s.modelOf(part), partNumberKind: 'family' as const };
      partCells.set(key, (cell = `${csvText(c?.kind ?? '')},${csvText(pn.partNumber)},${pn.partNumberKind}`));
    }
    return cell;
  };
  const modelCells = new Map<string, string>();
  const model = (part: string | undefined) => {
    if (!part) return '';
    let cell = modelCells.get(part);
    if (cell === undefined) modelCells.set(part, (cell = csvText(s.modelOf(part))));
    return cell;
  };
  const rackCells: string[] = [];
  const rackCell = (rack: number) => {
    let cell = rackCells[rack];
    if (cell === undefined) {
      const r = racks[rack];
      rackCells[rack] = cell = `${r.hall},${csvText(r.row)},${csvText(r.name)}`;
    }
    return cell;
  };
  const position = (e: CableEnd) => (e.u !== undefined ? `U${e.u}` : e.slot !== undefined ? `slot ${e.slot}` : '');
  const end = (e: CableEnd) => `${rackCell(e.rack)},${position(e)},${csvText(e.device)},${csvText(e.port)},${model(e.transceiver)}`;
  const emptyEnd = phased ? ',,,,,,,' : ',,,,,,';
  // Device and port names hold no quote or line break (naming.ts allows none), and the label starts with the cable ID: quoting is all it needs.
  const label = (c: Cable) => {
    let t = `"${c.id} ${c.a.device}:${c.a.port} > `;
    for (let k = 0; k < c.b.length; k++) t += `${k ? ', ' : ''}${c.b[k].device}:${c.b[k].port}`;
    return `${t}"`;
  };
  // A B end's phase: its leg's (one B end per leg, except a straight twin-port cable's shared plug: one phase, the cable's).
  const bPhase = (c: Cable, k: number) => (c.b.length === c.links.length ? c.links[k].phase : c.phase);
  for (const c of listing.cables()) {
    let row = `${c.id},${label(c)},${phased ? `${c.phase},` : ''}${c.plane},${c.linkClass},${c.links.length},${cablePartCell(c.cablePart, c.cableLengthCm)},${c.cableLengthCm / 100},${c.runLengthCm / 100},${csvText(c.recipe)},${end(c.a)}`;
    for (let k = 0; k < maxB; k++) row += `,${k < c.b.length ? end(c.b[k]) + (phased ? `,${bPhase(c, k)}` : '') : emptyEnd}`;
    yield row + '\r\n';
  }
}
