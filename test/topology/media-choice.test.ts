// The media chooser computes a link type's choice once per length bucket (between two recipe reaches
// or standard cable lengths) instead of once per run length. These tests hold it to the plain rule,
// recomputed here for every length: the cheapest allowed recipe whose reach covers the run, with its
// cable at the first standard length at least as long, ties to catalog order.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/catalog/default';
import type { Catalog } from '../../src/model/catalog';
import { buildContext, type Context, type Sku } from '../../src/topology/context';
import { MediaChooser, SHARE_SCALE, recipeFits, type LinkType } from '../../src/topology/media';
import { labCatalog } from '../fixtures/lab-catalog';
import { random } from '../fixtures/random';
import { scenario } from './helpers';
import { Assessor } from '../../src/topology/assess';
import { groupByChoice } from '../../src/engine/encode';
import * as L from '../../assembly/layout';

/** The rule, length by length, with no cache. */
function plainChoice(ctx: Context, t: LinkType, lengthCm: number) {
  let best: { recipe: string; cableLengthCm: number; parts: string[]; scaled: number } | undefined;
  for (const recipe of ctx.recipes) {
    if (recipe.confidence === 'unconfirmed' && !ctx.allowUnconfirmed) continue;
    if (!recipeFits(ctx, recipe, t) || Math.round(recipe.maxReachM * 100) < lengthCm) continue;
    let cableLengthCm = 0;
    let scaled = 0;
    const parts: string[] = [];
    let usable = true;
    for (const p of recipe.parts) {
      let sku: Sku | undefined;
      if (p.role === 'cable') {
        const standard = (ctx.cableLengthsCm.get(p.part) ?? []).find((l) => l >= lengthCm);
        if (standard === undefined) {
          usable = false;
          break;
        }
        cableLengthCm = standard;
        sku = ctx.cableSku(p.part, standard);
      } else sku = ctx.skuByPart.get(p.part);
      if (!sku || sku.refCents === undefined) {
        usable = false;
        break;
      }
      parts.push(`${sku.index}/${p.role}/${p.linksPerUnit}`);
      scaled += sku.refCents * (SHARE_SCALE / p.linksPerUnit);
    }
    if (usable && (!best || scaled < best.scaled)) best = { recipe: recipe.id, cableLengthCm, parts, scaled };
  }
  return best;
}

/** Every link type some recipe of the context fits. */
function linkTypes(ctx: Context): LinkType[] {
  const seen = new Map<string, LinkType>();
  for (const r of ctx.recipes) {
    for (const technology of r.technologies) {
      const t: LinkType = r.kind === 'node-switch'
        ? { kind: 'node-switch', technology, linkGbps: r.linkGbps, switchCage: r.switchCage }
        : { kind: 'switch-switch', technology, linkGbps: r.linkGbps, switchCage: r.switchCage, otherCage: r.switchCage };
      seen.set(JSON.stringify(t), t);
    }
  }
  return [...seen.values()];
}

const asked = (c: ReturnType<MediaChooser['choose']>) =>
  c && { recipe: c.recipe.id, cableLengthCm: c.cableLengthCm, parts: c.parts.map((p) => `${p.sku.index}/${p.role}/${p.linksPerUnit}`), scaled: c.scaledCostPerLink };

/**
 * Every length to 30 m, each side of every reach and standard cable length of the recipes that fit
 * t, and a spread of others up to past the longest reach (some recipes reach kilometres), ascending;
 * and the longest reach of those recipes.
 */
function askedLengths(ctx: Context, t: LinkType): { lengths: number[]; reach: number } {
  const fits = ctx.recipes.filter((r) => recipeFits(ctx, r, t));
  const edges = new Set<number>();
  let reach = 0;
  for (const r of fits) {
    reach = Math.max(reach, Math.round(r.maxReachM * 100));
    edges.add(Math.round(r.maxReachM * 100));
    for (const p of r.parts) if (p.role === 'cable') for (const l of ctx.cableLengthsCm.get(p.part) ?? []) edges.add(l);
  }
  const longest = Math.max(0, ...edges);
  const set = new Set<number>(Array.from({ length: 3000 }, (_, i) => i + 1));
  for (const e of edges) for (const d of [-1, 0, 1]) if (e + d >= 1) set.add(e + d);
  for (let i = 1; i <= 500; i++) set.add(Math.ceil(((longest + 200) * i) / 500));
  return { lengths: [...set].sort((a, b) => a - b), reach };
}

/**
 * A histogram's runs grouped by the plain rule's choice of each length, in order of first use: the
 * encoder's no-media codes where a length has none (L.MEDIA_NONE unless only unconfirmed media
 * reach it, else L.MEDIA_UNCONFIRMED_ONLY after the rest).
 */
function plainGroups(ctx: Context, t: LinkType, lengthsCm: number[], counts: number[]) {
  const groups: { recipe: string; cableLengthCm: number; count: number }[] = [];
  let gap = 0;
  for (let i = 0; i < lengthsCm.length; i++) {
    const c = plainChoice(ctx, t, lengthsCm[i]);
    if (!c) {
      if (!new MediaChooser(ctx).unconfirmedOnly(t, lengthsCm[i])) return L.MEDIA_NONE;
      gap = L.MEDIA_UNCONFIRMED_ONLY;
      continue;
    }
    let g = groups.find((x) => x.recipe === c.recipe && x.cableLengthCm === c.cableLengthCm);
    if (!g) groups.push((g = { recipe: c.recipe, cableLengthCm: c.cableLengthCm, count: 0 }));
    g.count += counts[i];
  }
  return gap !== 0 ? gap : groups;
}

function contexts(): { name: string; ctx: Context }[] {
  const out: { name: string; ctx: Context }[] = [];
  const add = (name: string, input: object, catalog: Catalog) => {
    for (const allowUnconfirmed of [false, true]) {
      const raw = input as { sourcing?: object };
      const ctx = buildContext(scenario({ ...raw, sourcing: { ...(raw.sourcing ?? {}), allowUnconfirmed } } as never), catalog);
      if (!('ok' in ctx)) out.push({ name: `${name}${allowUnconfirmed ? ' (unconfirmed allowed)' : ''}`, ctx });
    }
  };
  const examples = new URL('../../examples/', import.meta.url);
  for (const f of readdirSync(examples).filter((x) => x.endsWith('.json'))) {
    const input = JSON.parse(readFileSync(new URL(f, examples), 'utf8'));
    if ('cluster' in input) add(f, input, defaultCatalog); // not the inventory file
  }
  add('lab 400G', { cluster: { gpus: 256, serverProfile: 'one-port-400g' } }, labCatalog());
  return out;
}

describe('media chooser', () => {
  it('gives every run length up to past the longest reach the choice the plain rule gives, in any order of asking', () => {
    let compared = 0;
    const list = contexts();
    expect(list.length).toBeGreaterThan(8);
    for (const { name, ctx } of list) {
      for (const t of linkTypes(ctx)) {
        const { lengths } = askedLengths(ctx, t);
        // Ascending, descending and shuffled: a bucket's choice is computed for whichever length comes first.
        const shuffled = [...lengths];
        for (let i = shuffled.length - 1, x = 12345; i > 0; i--) {
          x = (x * 1103515245 + 12345) & 0x7fffffff;
          const j = x % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
        }
        for (const order of [lengths, [...lengths].reverse(), shuffled]) {
          const chooser = new MediaChooser(ctx);
          for (const cm of order) {
            const got = asked(chooser.choose(t, cm));
            const want = plainChoice(ctx, t, cm);
            if (JSON.stringify(got) !== JSON.stringify(want)) expect({ name, t, cm, got }).toEqual({ name, t, cm, got: want });
            compared++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(100_000);
  }, 120_000);

  it('groups a histogram\'s runs by media as the plain rule chooses each length (the encoder walks buckets, not lengths)', () => {
    let compared = 0;
    const draw = random(20261127);
    for (const { name, ctx } of contexts()) {
      const assessor = new Assessor(ctx);
      for (const t of linkTypes(ctx)) {
        const { lengths: asked, reach } = askedLengths(ctx, t);
        // Most walks stay within some recipe's reach (a length past every reach has no media).
        const within = asked.filter((cm) => cm <= reach);
        for (let trial = 0; trial < 12; trial++) {
          // Ascending lengths as a floor walk gives them: a random share of the asked ones (dense in
          // some trials, a few in others), each with a count.
          const keep = [0.002, 0.02, 0.2, 1][trial % 4];
          const lengthsCm = (trial % 3 === 2 ? asked : within).filter(() => draw() < keep);
          const counts = lengthsCm.map(() => 1 + Math.floor(draw() * 64));
          const got = groupByChoice(assessor, t, { lengthsCm, counts });
          const mine = typeof got === 'number' ? got : got.map((g) => ({ recipe: g.choice.recipe.id, cableLengthCm: g.choice.cableLengthCm, count: g.count }));
          const want = plainGroups(ctx, t, lengthsCm, counts);
          if (JSON.stringify(mine) !== JSON.stringify(want)) expect({ name, t, lengthsCm, mine }).toEqual({ name, t, lengthsCm, mine: want });
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(500);
  }, 120_000);

  it('answers the same through chooserFor as through choose', () => {
    const ctx = buildContext(scenario({ cluster: { gpus: 256, serverProfile: 'one-port-400g' } }), labCatalog());
    if ('ok' in ctx) throw new Error(ctx.reason);
    const t: LinkType = { kind: 'switch-switch', technology: 'infiniband', linkGbps: 400, switchCage: 'OSFP', otherCage: 'OSFP' };
    const a = new MediaChooser(ctx);
    const pick = new MediaChooser(ctx).chooserFor(t);
    for (const cm of [1, 150, 200, 201, 1234, 3000, 3001, 10_000, 10_001]) expect(asked(pick(cm))).toEqual(asked(a.choose(t, cm)));
    expect(pick(10_001)).toBeUndefined();
  });
});
