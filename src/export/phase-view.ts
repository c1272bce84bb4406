import type { FabricListing } from '../topology/materialize';
import type { ExportSubject } from './fabric';

/**
 * How an export reads a phase (docs/exports.md "Phases"):
 * - `buys`: what the phase purchases (the BOM);
 * - `installs`: what the phase's crew installs and records (cable schedule, rack CSV, NetBox);
 * - `as-built`: the fabric as it stands once the phase is built (ibnetdiscover, DOT, Slurm, containerlab).
 */
export type PhaseView = 'buys' | 'installs' | 'as-built';

/**
 * The listing of what phase `n` installs: its devices, its links, and every cable with a link of
 * it (a splitter pulled earlier whose free leg this phase plugs is listed again). Cable IDs stay
 * those of the whole design, so labels printed in one phase match every other.
 */
export function installsListing(listing: FabricListing, n: number): FabricListing {
  return {
    ...listing,
    *devices() {
      for (const d of listing.devices()) if (d.phase === n) yield d;
    },
    *links() {
      for (const l of listing.links()) if (l.phase === n) yield l;
    },
    *cables() {
      for (const c of listing.cables()) if (c.links.some((l) => l.phase === n)) yield c;
    },
  };
}

/** The listing of the fabric as built after phase `n`: every device, link and cable of phases 1..n. */
export function standingListing(listing: FabricListing, n: number): FabricListing {
  return {
    ...listing,
    *devices() {
      for (const d of listing.devices()) if (d.phase <= n) yield d;
    },
    *links() {
      for (const l of listing.links()) if (l.phase <= n) yield l;
    },
    *cables() {
      for (const c of listing.cables()) if (c.phase <= n) yield { ...c, links: c.links.filter((l) => l.phase <= n) };
    },
  };
}

/** Links the exported fabric has: the whole design's, or those standing after the exported phase. */
export function linksStanding(s: ExportSubject): number {
  if (!s.phase) return s.candidate.metrics.linkCount;
  const links = s.phase.grown.phases[s.phase.phase - 1].installed.links;
  return links['node-leaf'] + links['leaf-spine'] + links['spine-core'];
}

/** The subject as an export of the given view sees it: the listing filtered to the phase (unchanged without a phase). */
export function viewOf(s: ExportSubject, view: PhaseView): ExportSubject {
  if (!s.phase || view === 'buys') return s;
  const listing = view === 'installs' ? installsListing(s.listing, s.phase.phase) : standingListing(s.listing, s.phase.phase);
  return { ...s, listing };
}

/** The phase that first puts a device in a rack: the earliest of its nodes' and switches'. */
export function rackPhase(listing: FabricListing, rack: number): number {
  const placement = listing.placement();
  const phases = listing.phases;
  let k = Infinity;
  const { first, count } = placement.nodesIn(rack);
  if (count > 0) k = phases.node(first);
  for (const ref of placement.switchesIn(rack)) k = Math.min(k, phases.switchPhase(ref));
  return k;
}
