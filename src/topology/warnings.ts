// What a buyer must know about the parts a design relies on: the catalog's confidence in each
// switch, transceiver, cable, NIC and media recipe the design uses. Computed once per materialized
// candidate (never in the search), so both engines attach the same warnings.
import type { Catalog, Confidence } from '../model/catalog';
import type { CandidateWarning } from '../model/result';
import type { Assessment } from './assess';
import type { Context } from './context';

interface Rated {
  id: string;
  kind: 'switch' | 'transceiver' | 'cable' | 'NIC' | 'media recipe';
  name: string;
  confidence: Confidence;
  notes: string;
  /** Ids the warning names: the part, or a recipe and its parts. */
  partIds: string[];
}

/**
 * The sentence of a part's notes that says what is estimated or unconfirmed: the one starting
 * "Estimated:" or "Unconfirmed:" when there is one (the default catalog's convention), else the
 * first sentence.
 */
export function confidenceNote(notes: string): string {
  const text = notes.trim();
  if (!text) return '';
  const marked = /(?:^|\s)((?:Estimated|Unconfirmed):\s[\s\S]*?)(?:\.(?:\s|$)|$)/.exec(text);
  const sentence = marked ? marked[1] : /^([\s\S]*?)(?:\.(?:\s|$)|$)/.exec(text)![1];
  return sentence.replace(/^(?:Estimated|Unconfirmed):\s*/, '').trim();
}

function warningOf(r: Rated): CandidateWarning {
  const note = confidenceNote(r.notes);
  if (r.confidence === 'unconfirmed') {
    return {
      code: 'unconfirmed-part',
      message: `${r.kind} ${r.id} (${r.name}) is unconfirmed: not known as a standard product${note ? ` (${note})` : ''}; confirm availability before ordering`,
      partIds: r.partIds,
    };
  }
  return {
    code: 'estimated-figure',
    message: `${r.kind} ${r.id} (${r.name}) has estimated figures${note ? `: ${note}` : ''}`,
    partIds: r.partIds,
  };
}

/** Per catalog: its transceivers and cables by id, and each part's warning once made (by kind:id). */
const byCatalog = new WeakMap<Catalog, { transceivers: Map<string, Catalog['transceivers'][number]>; cables: Map<string, Catalog['cables'][number]>; messages: Map<string, CandidateWarning> }>();

function catalogWarnings(cat: Catalog) {
  let known = byCatalog.get(cat);
  if (!known) {
    known = { transceivers: new Map(cat.transceivers.map((t) => [t.id, t])), cables: new Map(cat.cables.map((c) => [c.id, c])), messages: new Map() };
    byCatalog.set(cat, known);
  }
  return known;
}

/** Warnings for every unconfirmed or estimated part and recipe of an assessed design, unconfirmed first. */
export function candidateWarnings(ctx: Context, a: Assessment): CandidateWarning[] {
  const cat = ctx.catalog;
  const { transceivers, cables, messages } = catalogWarnings(cat);
  const warnings: CandidateWarning[] = [];
  const seen = new Set<string>();
  const add = (r: Rated) => {
    const key = `${r.kind}:${r.id}`;
    if (r.confidence === 'verified' || seen.has(key)) return;
    seen.add(key);
    // A part's warning reads the same in every candidate: made once per catalog, one object that
    // every candidate naming the part shares (so a message carrying many candidates carries it once).
    let w = messages.get(key);
    if (!w) messages.set(key, (w = Object.freeze(warningOf(r))));
    warnings.push(w);
  };
  for (const t of a.shape.tiers) {
    const sw = t.option.sw;
    add({ id: sw.id, kind: 'switch', name: sw.name, confidence: sw.confidence, notes: sw.notes, partIds: [sw.id] });
  }
  const profile = cat.serverProfiles.find((p) => p.id === ctx.profile.id);
  const nic = cat.nics.find((n) => n.id === profile?.nic);
  if (nic) add({ id: nic.id, kind: 'NIC', name: nic.name, confidence: nic.confidence, notes: nic.notes, partIds: [nic.id] });
  for (const g of a.linkGroups) {
    const recipe = g.choice.recipe;
    add({
      id: recipe.id, kind: 'media recipe', name: recipe.name, confidence: recipe.confidence, notes: recipe.notes,
      partIds: [recipe.id, ...new Set(recipe.parts.map((p) => p.part))],
    });
    for (const p of g.choice.parts) {
      const part = p.role === 'cable' ? cables.get(p.sku.partId) : transceivers.get(p.sku.partId);
      if (!part) continue;
      add({
        id: part.id, kind: p.role === 'cable' ? 'cable' : 'transceiver', name: part.name,
        confidence: part.confidence, notes: part.notes, partIds: [part.id],
      });
    }
  }
  return [...warnings.filter((w) => w.code === 'unconfirmed-part'), ...warnings.filter((w) => w.code !== 'unconfirmed-part')];
}

/** The warnings naming each catalog part id (BOM lines, CSV rows and markers look parts up here). */
export function warningsByPart(warnings: readonly CandidateWarning[] | undefined): Map<string, CandidateWarning[]> {
  const out = new Map<string, CandidateWarning[]>();
  for (const w of warnings ?? []) for (const id of w.partIds) out.set(id, [...(out.get(id) ?? []), w]);
  return out;
}
