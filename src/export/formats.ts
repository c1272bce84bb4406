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

export interface ExportFormat {
  id: string;
  label: string;
  extension: string;
  mime: string;
  /** Why this format does not fit the candidate, or undefined when it does. */
  unsuitable?: (s: ExportSubject) => string | undefined;
  /** Formats that are parts of one set (the NetBox import files) share a group. */
  group?: string;
  /** The file, as chunks (large formats are generated lazily). */
  write: (s: ExportSubject) => Iterable<string>;
}

const ib = (s: ExportSubject) => (s.candidate.technology === 'infiniband' ? undefined : 'is for InfiniBand designs');
const eth = (s: ExportSubject) => (s.candidate.technology === 'ethernet' ? undefined : 'is for Ethernet designs');

export const EXPORT_FORMATS: ExportFormat[] = [
  { id: 'json', label: 'Candidate JSON', extension: 'json', mime: 'application/json', write: (s) => [candidateJson(s.result, s.candidate)] },
  { id: 'bom-csv', label: 'BOM CSV', extension: 'csv', mime: 'text/csv', write: (s) => [bomCsv(s.candidate, s.result.currency)] },
  { id: 'cables-csv', label: 'Cable schedule CSV', extension: 'csv', mime: 'text/csv', write: (s) => chunked(cableScheduleCsv(s)) },
  { id: 'dot', label: 'Graphviz DOT', extension: 'dot', mime: 'text/vnd.graphviz', write: (s) => chunked(dot(s)) },
  { id: 'dot-full', label: 'Graphviz DOT (every device)', extension: 'dot', mime: 'text/vnd.graphviz', write: (s) => chunked(dot(s, 'full')) },
  { id: 'ibnetdiscover', label: 'ibnetdiscover topology', extension: 'topo', mime: 'text/plain', unsuitable: ib, write: (s) => [ibnetdiscover(s)] },
  { id: 'topology-conf', label: 'Slurm topology.conf', extension: 'conf', mime: 'text/plain', write: (s) => chunked(slurmTopology(s)) },
  { id: 'containerlab', label: 'containerlab YAML', extension: 'clab.yml', mime: 'application/yaml', unsuitable: eth, write: (s) => [containerlab(s)] },
  { id: 'rack-csv', label: 'Rack elevations CSV', extension: 'csv', mime: 'text/csv', write: (s) => chunked(rackCsv(s)) },
  // NetBox bulk import: one CSV per object type, imported in this order (see docs/exports.md).
  ...NETBOX_TABLES.map((t): ExportFormat => ({
    id: `netbox-${t.id}`, label: t.label, extension: 'csv', mime: 'text/csv', group: 'netbox', write: (s) => chunked(netboxCsv(t, s)),
  })),
];

export function exportFormat(id: string): ExportFormat | undefined {
  return EXPORT_FORMATS.find((f) => f.id === id);
}
