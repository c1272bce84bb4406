import { dotQuoted, dotText, memoEscape } from './escape';
import { phaseTitle, type ExportSubject } from './fabric';

/** Fabrics with at most this many links are drawn device by device when asked for 'auto'. */
export const FULL_DOT_MAX_LINKS = 2000;

/** A quoted DOT string of text pieces (each escaped by dotText) joined by label line breaks. */
const q = (...pieces: string[]) => dotQuoted(pieces.length === 1 ? dotText(pieces[0]) : pieces.map(dotText).join('\\n'));
const n = (x: number) => x.toLocaleString('en-US');

/** How phase-N additions are drawn in a phase's DOT: bold blue, so the as-built fabric shows what the phase adds. */
const ADDED = 'color="#1f5fbf", fontcolor="#1f5fbf", penwidth=2';

/**
 * Graphviz DOT. Aggregated: one box per tier and plane, one edge per tier boundary labelled with
 * its link count and media. Full: every device and every link (small fabrics). For a phase: the
 * fabric as built after it, with what the phase adds drawn bold blue (full) or counted (aggregated).
 */
export function* dot(s: ExportSubject, mode: 'auto' | 'aggregated' | 'full' = 'auto'): Generator<string> {
  const c = s.candidate;
  const full = mode === 'full' || (mode === 'auto' && c.metrics.linkCount <= FULL_DOT_MAX_LINKS);
  yield `graph ${q(`railyard ${c.id}`)} {\n`;
  const ph = s.phase;
  const title = `${c.family} ${c.technology} ${c.linkGbps}G, ${c.planes} plane(s): ${c.id}`;
  yield `  graph [rankdir=BT, labelloc=t, fontname="Helvetica", label=${ph ? q(title, `as built after ${phaseTitle(ph)}; its additions in bold blue`) : q(title)}];\n`;
  yield `  node [shape=box, fontname="Helvetica"];\n  edge [fontname="Helvetica", fontsize=9];\n`;
  if (full) {
    // A few switch models and recipes label every device and link: escape each once.
    const model = memoEscape(dotText);
    const recipe = memoEscape(dotText);
    for (const d of s.listing.devices()) {
      const label = d.role === 'node' ? dotText(d.name) : `${dotText(d.name)}\\n${model(d.model!)}`;
      yield `  ${q(d.name)} [label=${dotQuoted(label)}${d.role === 'node' ? ', shape=box3d' : ''}${ph && d.phase === ph.phase ? `, ${ADDED}` : ''}];\n`;
    }
    for (const l of s.listing.links())
      yield `  ${q(l.a.device)} -- ${q(l.b.device)} [taillabel=${q(l.a.port)}, headlabel=${q(l.b.port)}, tooltip=${dotQuoted(`${dotText(l.id)} ${recipe(l.recipe)} ${l.cableLengthCm / 100} m`)}${ph && l.phase === ph.phase ? `, ${ADDED}` : ''}];\n`;
    yield '}\n';
    return;
  }
  const scenario = s.result.scenario;
  const P = c.planes;
  // Per tier and link class: what stands (after the phase, or the whole design) and what the phase adds.
  const built = ph?.grown.phases[ph.phase - 1];
  const switchesPerPlane = (i: number) => (built ? built.installed.switches[c.tiers[i].role] / P : c.tiers[i].countPerPlane);
  const addedNote = (added: number | undefined) => (built && added ? ` (+${n(added / P)})` : '');
  const media = (i: number) => {
    const l = c.links[i];
    if (!ph) return l.media.map((m) => `${n(m.count / P)} x ${m.recipe} @ ${m.lengthM} m`);
    // Links of this class installed in phases 1..N, per recipe and cable length, in the design's media order.
    const count = new Map<string, number>();
    for (const p of ph.grown.phases.slice(0, ph.phase))
      for (const g of p.linkGroups)
        if (g.linkClass === l.between) count.set(`${g.choice.recipe.id}@${g.choice.cableLengthCm / 100}`, (count.get(`${g.choice.recipe.id}@${g.choice.cableLengthCm / 100}`) ?? 0) + g.links);
    return l.media.filter((m) => count.get(`${m.recipe}@${m.lengthM}`)).map((m) => `${n(count.get(`${m.recipe}@${m.lengthM}`)! / P)} x ${m.recipe} @ ${m.lengthM} m`);
  };
  const nodes = built ? built.installed.links['node-leaf'] / P : Math.ceil(c.links[0].count / P);
  yield `  nodes [label=${q(`servers (${scenario.cluster.serverProfile})`, `${n(nodes)} NIC ports per plane${addedNote(built?.adds.links['node-leaf'])}`)}, shape=box3d];\n`;
  const edges: string[] = [];
  for (let p = 1; p <= P; p++) {
    yield `  subgraph cluster_p${p} {\n    label=${q(`plane ${p}`)};\n`;
    for (const [i, t] of c.tiers.entries())
      yield `    p${p}_${t.role} [label=${q(`${n(switchesPerPlane(i))} x ${t.switchModel} ${t.role}${addedNote(built?.adds.switches[t.role])}`, t.upPortMode ? `${t.portMode} down / ${t.upPortMode} up: ${t.downPorts} down / ${t.upPorts} up` : `${t.portMode}: ${t.downPorts} down / ${t.upPorts} up`)}${built?.adds.switches[t.role] ? `, ${ADDED}` : ''}];\n`;
    yield '  }\n';
    c.links.forEach((l, i) => {
      const from = i === 0 ? 'nodes' : `p${p}_${c.tiers[i - 1].role}`;
      const links = built ? built.installed.links[l.between] : l.count;
      const added = built?.adds.links[l.between];
      edges.push(`  ${from} -- p${p}_${c.tiers[i].role} [label=${q(`${n(links / P)} links x ${l.gbps}G${addedNote(added)}`, ...media(i))}${added ? `, ${ADDED}` : ''}];\n`);
    });
  }
  yield* edges;
  yield '}\n';
}
