import { PATCH_PANEL_U } from '../topology/racks';
import { csvRow, csvText } from './csv';
import type { ExportSubject } from './fabric';
import { rackPhase } from './phase-view';

export const RACK_CSV_COLUMNS = [
  'hall', 'row', 'rack', 'rack_kind', 'rack_height_u', 'u', 'height_u', 'slot', 'device', 'role', 'model', 'plane',
  'typical_w', 'max_w', 'rack_typical_w', 'rack_max_w',
] as const;

const w = (x: number) => Math.round(x * 10) / 10;

/**
 * The rack elevations as a table: one row per device per rack, racks in the order a crew walks
 * them (row by row, along each row, the central network row last; see src/topology/placement.ts).
 * Switches give their lowest U and height; servers their slot (1 = lowest; their U depends on the
 * chassis, which the catalog does not know); every network rack ends with its patch-panel space.
 * Power is the network equipment's: a switch with its share of its tier's optics and active
 * cables, typical and maximum, and each rack's totals repeated on its rows. Streamed rack by rack.
 * For a phase: the devices that phase installs, in the racks it touches, with each rack's totals as
 * it stands once the phase is built; a network rack's patch panel comes with its first switch.
 */
export function* rackCsv(s: ExportSubject): Generator<string> {
  yield csvRow(RACK_CSV_COLUMNS);
  const listing = s.listing;
  const placement = listing.placement();
  const namer = listing.namer();
  const tiers = s.candidate.tiers;
  const model = tiers.map((t) => csvText(t.switchModel));
  const phases = listing.phases;
  const n = s.phase?.phase;
  for (const r of placement.racks) {
    const { first, count } = placement.nodesIn(r.index);
    const switches = placement.switchesIn(r.index);
    let power = placement.rackPower(r.index);
    if (n !== undefined) {
      power = { typicalW: 0, maxW: 0 };
      for (const ref of switches) {
        if (phases.switchPhase(ref) > n) continue;
        const p = placement.switchPower(ref.tier);
        power.typicalW += p.typicalW;
        power.maxW += p.maxW;
      }
    }
    const installs = (k: number) => n === undefined || k === n;
    const head = `${r.hall},${csvText(r.row)},${csvText(r.name)},${r.kind},${r.heightU}`;
    const tail = `${w(power.typicalW)},${w(power.maxW)}`;
    for (let node = first; node < first + count; node++)
      if (installs(phases.node(node))) yield `${head},,,${placement.nodeSlot(node)},${csvText(namer.node(node))},node,,,0,0,${tail}\r\n`;
    for (const ref of switches) {
      if (!installs(phases.switchPhase(ref))) continue;
      const at = placement.place(ref);
      const p = placement.switchPower(ref.tier);
      yield `${head},${at.u},${at.heightU},,${csvText(listing.switchName(ref))},${tiers[ref.tier].role},${model[ref.tier]},${ref.plane + 1},${w(p.typicalW)},${w(p.maxW)},${tail}\r\n`;
    }
    const panels = placement.patchPanelU(r.index);
    if (panels && (n === undefined || rackPhase(listing, r.index) === n)) yield `${head},${panels.from},${PATCH_PANEL_U},,,patch-panel,,,0,0,${tail}\r\n`;
  }
}
