import { CONTAINERLAB_MAX_LINKS } from '../export/containerlab';
import { FULL_DOT_MAX_LINKS } from '../export/dot';
import { IBNETDISCOVER_MAX_LINKS } from '../export/ibnetdiscover';
import type { Candidate, Result } from '../model/result';

/** The fabric exports the candidate view offers besides JSON and the BOM (ids of EXPORT_FORMATS). */
export const FABRIC_EXPORTS = [
  { id: 'cables-csv', label: 'Cable schedule CSV', extension: 'csv', mime: 'text/csv', what: 'cables' },
  { id: 'dot', label: 'DOT', extension: 'dot', mime: 'text/vnd.graphviz', what: 'fabric' },
  { id: 'ibnetdiscover', label: 'ibnetdiscover', extension: 'topo', mime: 'text/plain', what: 'ibnetdiscover' },
  { id: 'topology-conf', label: 'Slurm topology.conf', extension: 'conf', mime: 'text/plain', what: 'topology' },
  { id: 'containerlab', label: 'containerlab YAML', extension: 'clab.yml', mime: 'application/yaml', what: 'fabric' },
  { id: 'rack-csv', label: 'Rack elevations CSV', extension: 'csv', mime: 'text/csv', what: 'racks' },
  // The NetBox import set: one CSV per object type, imported in this order (docs/exports.md).
  { id: 'netbox-sites', label: 'Sites', extension: 'csv', mime: 'text/csv', what: 'netbox-1-sites', group: 'netbox' },
  { id: 'netbox-racks', label: 'Racks', extension: 'csv', mime: 'text/csv', what: 'netbox-2-racks', group: 'netbox' },
  { id: 'netbox-manufacturers', label: 'Manufacturers', extension: 'csv', mime: 'text/csv', what: 'netbox-3-manufacturers', group: 'netbox' },
  { id: 'netbox-device-roles', label: 'Device roles', extension: 'csv', mime: 'text/csv', what: 'netbox-4-device-roles', group: 'netbox' },
  { id: 'netbox-device-types', label: 'Device types', extension: 'csv', mime: 'text/csv', what: 'netbox-5-device-types', group: 'netbox' },
  { id: 'netbox-devices', label: 'Devices', extension: 'csv', mime: 'text/csv', what: 'netbox-6-devices', group: 'netbox' },
  { id: 'netbox-interfaces', label: 'Interfaces', extension: 'csv', mime: 'text/csv', what: 'netbox-7-interfaces', group: 'netbox' },
  { id: 'netbox-cables', label: 'Cables', extension: 'csv', mime: 'text/csv', what: 'netbox-8-cables', group: 'netbox' },
] as const;

/**
 * The BOM as the export worker writes it: the whole design's BOM is built on the page, but one
 * phase's purchase lines need the design rebuilt along the plan, which the worker does.
 */
export const PHASE_BOM_EXPORT = { id: 'bom-csv', label: 'BOM CSV', extension: 'csv', mime: 'text/csv', what: 'bom' } as const;

export type FabricExportId = (typeof FABRIC_EXPORTS)[number]['id'] | typeof PHASE_BOM_EXPORT.id;
export type FabricExport = (typeof FABRIC_EXPORTS)[number] | typeof PHASE_BOM_EXPORT;

/**
 * Largest file built in memory (as a Blob) when the browser cannot stream to a file. Chromium
 * keeps large Blobs out of the JS heap, but other browsers may not; beyond this the user is sent to
 * the CLI, which streams.
 */
export const BLOB_LIMIT_BYTES = 256 * 1024 * 1024;

/** Rough bytes per physical link of each format (measured on the default catalog, rounded up; the cable schedule counts per cable instead). */
const BYTES_PER_LINK: Record<FabricExportId, number> = {
  'bom-csv': 0,
  'cables-csv': 0,
  dot: 160,
  ibnetdiscover: 200,
  'topology-conf': 2,
  containerlab: 120,
  'rack-csv': 0,
  // Small tables: a row per site, rack, maker, role or switch model (bounded by the per-device rows below).
  'netbox-sites': 0,
  'netbox-racks': 0,
  'netbox-manufacturers': 0,
  'netbox-device-roles': 0,
  'netbox-device-types': 0,
  'netbox-devices': 0,
  // Two interface rows of about 70 B per link; a cable row of about 160 B per link (a splitter leg is a NetBox cable).
  'netbox-interfaces': 140,
  'netbox-cables': 160,
};

/** Rough bytes per device row of the NetBox tables that list devices, racks or types. */
const NETBOX_BYTES_PER_DEVICE = 120;

/** Rough bytes per row of the cable schedule (one row per physical cable: 167-290 B measured on the examples, rounded up). */
const CABLE_ROW_BYTES = 300;

/** Rough bytes per row of the rack elevations CSV (one row per server, switch and patch panel). */
const RACK_CSV_BYTES_PER_ROW = 110;

/** Expected size of an export, for choosing how to save it and for progress when no line count is known. */
export function estimateBytes(id: FabricExportId, c: Candidate): number {
  const links = c.metrics.linkCount;
  if (id === 'dot' && links > FULL_DOT_MAX_LINKS) return 4096 + 1024 * c.planes * c.tiers.length;
  if (id === 'cables-csv') return 1024 + CABLE_ROW_BYTES * cableRows(c);
  // A few hundred bytes a line, and the summary rows.
  if (id === 'bom-csv') return 4096 + 600 * c.bom.length;
  if (id === 'rack-csv') {
    // A server has at least 4 node-to-leaf links (one per rail and plane; 4 rails on a GB200 tray, 8 on HGX), so this errs high; network racks add a patch-panel row each.
    const nodeLinks = c.links.find((l) => l.between === 'node-leaf')?.count ?? 0;
    return 1024 + RACK_CSV_BYTES_PER_ROW * (c.metrics.switchCount + Math.ceil(nodeLinks / 4) + c.metrics.networkRacks);
  }
  if (BYTES_PER_LINK[id] === 0 && id.startsWith('netbox-')) {
    const nodes = Math.ceil((c.links.find((l) => l.between === 'node-leaf')?.count ?? 0) / 4);
    return 1024 + NETBOX_BYTES_PER_DEVICE * (c.metrics.switchCount + nodes);
  }
  return 1024 + BYTES_PER_LINK[id] * links;
}

/** Rows of the cable schedule: one per physical cable (a splitter serves two links), the candidate's cable count. */
const cableRows = (c: Candidate) => c.metrics.cableCount || c.metrics.linkCount;

/** Lines the file will have when that is known exactly (the cable schedule: a header and a line per cable). */
export function expectedLines(id: FabricExportId, c: Candidate): number | undefined {
  return id === 'cables-csv' ? cableRows(c) + 1 : undefined;
}

/** Which exports this candidate offers: ibnetdiscover only for InfiniBand, containerlab only for Ethernet. */
export function offeredExports(c: Candidate): FabricExport[] {
  return FABRIC_EXPORTS.filter((f) => (f.id === 'ibnetdiscover' ? c.technology === 'infiniband' : f.id === 'containerlab' ? c.technology === 'ethernet' : true));
}

/** Why an offered export cannot be written for this candidate (the writer's own limits), or undefined. */
export function exportLimit(id: FabricExportId, c: Candidate, phase?: number): string | undefined {
  // A phase's lab and listing are the fabric as built after it: the links of phases 1..N.
  const links = phase && c.phases
    ? c.phases.phases.slice(0, phase).reduce((x, p) => x + p.adds.links['node-leaf'] + p.adds.links['leaf-spine'] + p.adds.links['spine-core'], 0)
    : c.metrics.linkCount;
  const n = `${links.toLocaleString('en-US')}${phase ? ` after phase ${phase}` : ''}`;
  if (id === 'containerlab' && links > CONTAINERLAB_MAX_LINKS)
    return `containerlab labs are limited to ${CONTAINERLAB_MAX_LINKS.toLocaleString('en-US')} links; this design has ${n}.`;
  if (id === 'ibnetdiscover' && links > IBNETDISCOVER_MAX_LINKS)
    return `ibnetdiscover listings are limited to ${IBNETDISCOVER_MAX_LINKS.toLocaleString('en-US')} links; this design has ${n}.`;
  return undefined;
}

/** A message when the current catalog is not the one the result was priced with (exports would not rebuild it). */
export function catalogMismatch(result: Pick<Result, 'catalogName'>, catalogName: string): string | undefined {
  if (result.catalogName === catalogName) return undefined;
  return `These results were priced with the catalog "${result.catalogName}", but the current catalog is "${catalogName}". Load that catalog (Catalog tab) or run Optimize again to export the cable schedule, DOT, Slurm and lab files.`;
}

/**
 * Exports estimated at or under this size download with one click in every browser: built in
 * memory by the export worker, then saved through a Blob and an `<a download>` link (no dialog).
 * Larger ones stream into a file the user picks in the save dialog (File System Access API, in
 * Chromium), with progress, bytes written and Cancel; without that API they are built in memory up
 * to BLOB_LIMIT_BYTES, and beyond it the user is given the CLI command. 50 MB keeps the in-memory
 * copy well inside every browser's Blob budget while covering every export of fabrics up to tens of
 * thousands of GPUs (the 1,024-GPU cable schedule is about 0.3 MB).
 */
export const DIRECT_DOWNLOAD_BYTES = 50 * 1024 * 1024;

export type SaveRoute =
  | { kind: 'stream' }
  | { kind: 'blob' }
  | { kind: 'refuse'; message: string };

/** How to save an export: small ones download directly; large ones stream to a picked file when the browser can, else build in memory when they fit. */
export function chooseRoute(id: FabricExportId, c: Candidate, canStream: boolean, cli: string, limit = BLOB_LIMIT_BYTES, direct = DIRECT_DOWNLOAD_BYTES): SaveRoute {
  const bytes = estimateBytes(id, c);
  if (bytes <= direct) return { kind: 'blob' };
  if (canStream) return { kind: 'stream' };
  if (bytes <= limit) return { kind: 'blob' };
  return {
    kind: 'refuse',
    message: `This file would be about ${fmtBytes(bytes)}. This browser cannot stream a file to disk (it lacks the File System Access API) and the file is too large to build in memory. Use a Chromium-based browser, or the command line: save the results with "All results JSON", then run ${cli}`,
  };
}

/** The command line that writes the same export (the CLI streams, whatever the size). */
export function cliCommand(id: FabricExportId, candidateId: string, resultFile: string, outFile: string, phase?: number): string {
  return `npx railyard export ${resultFile} --candidate ${candidateId} --format ${id}${phase ? ` --phase ${phase}` : ''} --out ${outFile}`;
}

/** What the export card offers to export when the result grows in phases: the whole design, or one phase. */
export function phaseChoices(c: Candidate): { value: number | null; label: string }[] {
  const phases = c.phases?.phases;
  if (!phases || phases.length < 2) return [];
  return [
    { value: null, label: 'Whole design' },
    ...phases.map((p) => ({ value: p.phase, label: `Phase ${p.phase} (month ${p.month}, ${p.gpus.toLocaleString('en-US')} GPUs)` })),
  ];
}

/** "1.2 GB", "340 MB", "12 kB". */
export function fmtBytes(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(1)} GB`;
  if (n >= 1e6) return `${Math.round(n / 1e6)} MB`;
  if (n >= 1e3) return `${Math.round(n / 1e3)} kB`;
  return `${n} B`;
}

/** Counts line breaks in a chunk (progress of line-oriented exports). */
export function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Progress in [0, 1]: exact from lines when the line count is known, else from bytes against the estimate (never 1 before done). */
export function exportFraction(done: { lines: number; bytes: number }, expected: { lines?: number; bytes: number }): number {
  const f = expected.lines ? done.lines / expected.lines : done.bytes / Math.max(1, expected.bytes);
  return Math.max(0, Math.min(0.99, f));
}
