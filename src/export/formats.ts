import { bomCsv } from './bom-csv';
import { cableScheduleCsv } from './cable-schedule';
import { containerlab } from './containerlab';
import { dot } from './dot';
import type { ExportSubject } from './fabric';
import { chunked } from './fabric';
import { ibnetdiscover } from './ibnetdiscover';
import { candidateJson } from './json';
import { netboxCsv, NETBOX_TABLES } from './netbox';
import { rackCsv } from './rack-csv';
import { slurmTopology } from './slurm';
import { viewOf, type PhaseView } from './phase-view';

export interface ExportFormat {
  id: string;
  label: string;
  extension: string;
  mime: string;
  /** Why this format does not fit the candidate, or undefined when it does. */
  unsuitable?: (s: ExportSubject) => string | undefined;
  /** Formats that are parts of one set (the NetBox import files) share a group. */
  group?: string;
  /**
   * How the format reads a phase (docs/exports.md "Phases"): what the phase buys, installs, or the
   * fabric as built after it; undefined when it has no phase view (the candidate JSON holds every phase).
   */
  phaseView?: PhaseView;
  /** The file, as chunks (large formats are generated lazily); for a phase, the subject is already filtered to its view. */
  write: (s: ExportSubject) => Iterable<string>;
}

const ib = (s: ExportSubject) => (s.candidate.technology === 'infiniband' ? undefined : 'is for InfiniBand designs');
const eth = (s: ExportSubject) => (s.candidate.technology === 'ethernet' ? undefined : 'is for Ethernet designs');

const FORMATS: ExportFormat[] = [
  { id: 'json', label: 'Candidate JSON', extension: 'json', mime: 'application/json', write: (s) => [candidateJson(s.result, s.candidate)] },
  {
    id: 'bom-csv', label: 'BOM CSV', extension: 'csv', mime: 'text/csv', phaseView: 'buys',
    write: (s) => [bomCsv(s.candidate, s.result.currency, s.phase && { phase: s.phase.phase, bom: s.phase.bom })],
  },
  { id: 'cables-csv', label: 'Cable schedule CSV', extension: 'csv', mime: 'text/csv', phaseView: 'installs', write: (s) => chunked(cableScheduleCsv(s)) },
  { id: 'dot', label: 'Graphviz DOT', extension: 'dot', mime: 'text/vnd.graphviz', phaseView: 'as-built', write: (s) => chunked(dot(s)) },
  { id: 'dot-full', label: 'Graphviz DOT (every device)', extension: 'dot', mime: 'text/vnd.graphviz', phaseView: 'as-built', write: (s) => chunked(dot(s, 'full')) },
  { id: 'ibnetdiscover', label: 'ibnetdiscover topology', extension: 'topo', mime: 'text/plain', phaseView: 'as-built', unsuitable: ib, write: (s) => [ibnetdiscover(s)] },
  { id: 'topology-conf', label: 'Slurm topology.conf', extension: 'conf', mime: 'text/plain', phaseView: 'as-built', write: (s) => chunked(slurmTopology(s)) },
  { id: 'containerlab', label: 'containerlab YAML', extension: 'clab.yml', mime: 'application/yaml', phaseView: 'as-built', unsuitable: eth, write: (s) => [containerlab(s)] },
  { id: 'rack-csv', label: 'Rack elevations CSV', extension: 'csv', mime: 'text/csv', phaseView: 'installs', write: (s) => chunked(rackCsv(s)) },
  // NetBox bulk import: one CSV per object type, imported in this order (see docs/exports.md); a phase's set adds what it installs.
  ...NETBOX_TABLES.map((t): ExportFormat => ({
    id: `netbox-${t.id}`, label: t.label, extension: 'csv', mime: 'text/csv', group: 'netbox', phaseView: 'installs', write: (s) => chunked(netboxCsv(t, s)),
  })),
];

/** Every export format; for a phase, each writes its own view of it (the listing filtered by viewOf). */
export const EXPORT_FORMATS: ExportFormat[] = FORMATS.map((f) => (f.phaseView ? { ...f, write: (s: ExportSubject) => f.write(viewOf(s, f.phaseView!)) } : f));

export function exportFormat(id: string): ExportFormat | undefined {
  return EXPORT_FORMATS.find((f) => f.id === id);
}
