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
import { scenario } from './helpers';

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
        // Every length to 30 m, each side of every reach and standard cable length, and a spread of
        // others up to past the longest reach (some recipes reach kilometres).
        const fits = ctx.recipes.filter((r) => recipeFits(ctx, r, t));
        const edges = new Set<number>();
        for (const r of fits) {
          edges.add(Math.round(r.maxReachM * 100));
          for (const p of r.parts) if (p.role === 'cable') for (const l of ctx.cableLengthsCm.get(p.part) ?? []) edges.add(l);
        }
        const longest = Math.max(0, ...edges);
        const set = new Set<number>(Array.from({ length: 3000 }, (_, i) => i + 1));
        for (const e of edges) for (const d of [-1, 0, 1]) if (e + d >= 1) set.add(e + d);
        for (let i = 1; i <= 500; i++) set.add(Math.ceil(((longest + 200) * i) / 500));
        const lengths = [...set].sort((a, b) => a - b);
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
