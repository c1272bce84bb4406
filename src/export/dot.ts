import { dotQuoted, dotText, memoEscape } from './escape';
import type { ExportSubject } from './fabric';

/** Fabrics with at most this many links are drawn device by device when asked for 'auto'. */
export const FULL_DOT_MAX_LINKS = 2000;

/** A quoted DOT string of text pieces (each escaped by dotText) joined by label line breaks. */
const q = (...pieces: string[]) => dotQuoted(pieces.length === 1 ? dotText(pieces[0]) : pieces.map(dotText).join('\\n'));
const n = (x: number) => x.toLocaleString('en-US');

/**
 * Graphviz DOT. Aggregated: one box per tier and plane, one edge per tier boundary labelled with
 * its link count and media. Full: every device and every link (small fabrics).
 */
export function* dot(s: ExportSubject, mode: 'auto' | 'aggregated' | 'full' = 'auto'): Generator<string> {
  const c = s.candidate;
  const full = mode === 'full' || (mode === 'auto' && c.metrics.linkCount <= FULL_DOT_MAX_LINKS);
  yield `graph ${q(`railyard ${c.id}`)} {\n`;
  yield `  graph [rankdir=BT, labelloc=t, fontname="Helvetica", label=${q(`${c.family} ${c.technology} ${c.linkGbps}G, ${c.planes} plane(s): ${c.id}`)}];\n`;
  yield `  node [shape=box, fontname="Helvetica"];\n  edge [fontname="Helvetica", fontsize=9];\n`;
  if (full) {
    // A few switch models and recipes label every device and link: escape each once.
    const model = memoEscape(dotText);
    const recipe = memoEscape(dotText);
    for (const d of s.listing.devices()) {
      const label = d.role === 'node' ? dotText(d.name) : `${dotText(d.name)}\\n${model(d.model!)}`;
      yield `  ${q(d.name)} [label=${dotQuoted(label)}${d.role === 'node' ? ', shape=box3d' : ''}];\n`;
    }
    for (const l of s.listing.links())
      yield `  ${q(l.a.device)} -- ${q(l.b.device)} [taillabel=${q(l.a.port)}, headlabel=${q(l.b.port)}, tooltip=${dotQuoted(`${dotText(l.id)} ${recipe(l.recipe)} ${l.cableLengthCm / 100} m`)}];\n`;
    yield '}\n';
    return;
  }
  const scenario = s.result.scenario;
  const P = c.planes;
  const nodes = Math.ceil(c.links[0].count / P);
  yield `  nodes [label=${q(`servers (${scenario.cluster.serverProfile})`, `${n(nodes)} NIC ports per plane`)}, shape=box3d];\n`;
  const edges: string[] = [];
  for (let p = 1; p <= P; p++) {
    yield `  subgraph cluster_p${p} {\n    label=${q(`plane ${p}`)};\n`;
    for (const t of c.tiers)
      yield `    p${p}_${t.role} [label=${q(`${n(t.countPerPlane)} x ${t.switchModel} ${t.role}`, t.upPortMode ? `${t.portMode} down / ${t.upPortMode} up: ${t.downPorts} down / ${t.upPorts} up` : `${t.portMode}: ${t.downPorts} down / ${t.upPorts} up`)}];\n`;
    yield '  }\n';
    c.links.forEach((l, i) => {
      const from = i === 0 ? 'nodes' : `p${p}_${c.tiers[i - 1].role}`;
      const media = l.media.map((m) => `${n(m.count / P)} x ${m.recipe} @ ${m.lengthM} m`);
      edges.push(`  ${from} -- p${p}_${c.tiers[i].role} [label=${q(`${n(l.count / P)} links x ${l.gbps}G`, ...media)}];\n`);
    });
  }
  yield* edges;
  yield '}\n';
}
