import type { MediaRecipe } from '../model/catalog';
import type { Technology } from '../model/common';
import type { Context, Sku } from './context';

/** What kind of link needs media: the ends, the rate and the technology. */
export interface LinkType {
  kind: 'node-switch' | 'switch-switch';
  technology: Technology;
  linkGbps: number;
  /** Cage type of the switch (node links) or of both switches (switch links). */
  switchCage: string;
  /** Cage of the other switch for switch links; must equal switchCage for a recipe to fit. */
  otherCage?: string;
}

export interface MediaPart {
  sku: Sku;
  role: 'lower-end' | 'upper-end' | 'cable';
  linksPerUnit: number;
}

/** The media a link of a given type and run length is built from. */
export interface MediaChoice {
  recipe: MediaRecipe;
  recipeIndex: number;
  /** Standard cable length bought, cm. */
  cableLengthCm: number;
  parts: MediaPart[];
  /** Reference cost of one link x 840 (840 = lcm(1..8), so per-link shares stay integers). */
  scaledCostPerLink: number;
}

/** The first of `lengths`, in their order, at least `lengthCm` (as Array.find would). */
function firstAtLeast(lengths: readonly number[] | undefined, lengthCm: number): number | undefined {
  if (lengths) for (const l of lengths) if (l >= lengthCm) return l;
  return undefined;
}

/** Per-link shares are compared as integers: cents x 840 / linksPerUnit. */
export const SHARE_SCALE = 840;

export function linkTypeKey(t: LinkType): string {
  return `${t.kind}|${t.technology}|${t.linkGbps}|${t.switchCage}|${t.otherCage ?? ''}`;
}

export function recipeFits(ctx: Context, r: MediaRecipe, t: LinkType): boolean {
  if (r.kind !== t.kind || r.linkGbps !== t.linkGbps || !r.technologies.includes(t.technology)) return false;
  if (r.switchCage !== t.switchCage) return false;
  if (t.kind === 'switch-switch') return t.otherCage === t.switchCage;
  if ((r.nicGbps ?? r.linkGbps) !== ctx.profile.nicGbps) return false;
  return r.nicFormFactor === undefined || r.nicFormFactor === ctx.profile.nicFormFactor;
}

/**
 * One link type's choices. A run length matters to a recipe only through whether the recipe's reach
 * covers it and which standard length of its cable is the first at least as long, so the choice is
 * the same for every length between two of `bounds` (every recipe reach and standard cable length
 * of the type's recipes, ascending): bucket i holds the lengths in (bounds[i - 1], bounds[i]], the
 * last those above every bound. A bucket's choice is computed for the first length asked in it.
 */
interface TypeChoices {
  bounds: Float64Array;
  /** Choice per bucket: undefined until asked, null when no recipe reaches. */
  byBucket: (MediaChoice | null | undefined)[];
}

/** Picks, for every run length, the recipe with the lowest reference cost per link. */
export class MediaChooser {
  /** link type key -> its choices by length bucket. */
  private cache = new Map<string, TypeChoices>();
  private typeKeys = new WeakMap<LinkType, string>();

  constructor(private readonly ctx: Context) {}

  /** The cheapest recipe that reaches `lengthCm`, or undefined when none does. Ties go to catalog order. */
  choose(t: LinkType, lengthCm: number): MediaChoice | undefined {
    return this.chooseIn(this.choicesOf(t), t, lengthCm);
  }

  /**
   * choose() for one link type, its cache looked up once: the media encoder asks for every run
   * length of every group size's walk (hundreds of thousands of lengths at a million GPUs).
   */
  chooserFor(t: LinkType): (lengthCm: number) => MediaChoice | undefined {
    const choices = this.choicesOf(t);
    return (lengthCm) => this.chooseIn(choices, t, lengthCm);
  }

  /**
   * The bounds of link type t's length buckets, ascending: a bucket holds the lengths above one
   * bound up to the next (the last, those above every bound), and every length in a bucket has the
   * same choice (the bounds are the recipes' reaches and their cables' standard lengths).
   */
  bucketBounds(t: LinkType): Float64Array {
    return this.choicesOf(t).bounds;
  }

  /** The choices by length bucket for link type t. */
  private choicesOf(t: LinkType): TypeChoices {
    let typeKey = this.typeKeys.get(t);
    if (typeKey === undefined) this.typeKeys.set(t, (typeKey = linkTypeKey(t)));
    let choices = this.cache.get(typeKey);
    if (!choices) {
      const bounds = new Set<number>();
      for (const recipe of this.ctx.recipes) {
        if (!recipeFits(this.ctx, recipe, t)) continue;
        bounds.add(Math.round(recipe.maxReachM * 100));
        for (const p of recipe.parts) if (p.role === 'cable') for (const l of this.ctx.cableLengthsCm.get(p.part) ?? []) bounds.add(l);
      }
      const sorted = Float64Array.from(bounds).sort();
      this.cache.set(typeKey, (choices = { bounds: sorted, byBucket: new Array(sorted.length + 1).fill(undefined) }));
    }
    return choices;
  }

  private chooseIn(choices: TypeChoices, t: LinkType, lengthCm: number): MediaChoice | undefined {
    // The bucket: the first bound at least lengthCm (binary search).
    const bounds = choices.bounds;
    let lo = 0;
    let hi = bounds.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (bounds[mid] < lengthCm) lo = mid + 1;
      else hi = mid;
    }
    const hit = choices.byBucket[lo];
    if (hit !== undefined) return hit ?? undefined;
    let best: MediaChoice | undefined;
    // A loop and a method, not a callback made per call: V8 holds a closure's optimized code only
    // while a closure of it lives, so a per-call callback was compiled again after every full GC.
    const recipes = this.ctx.recipes;
    for (let recipeIndex = 0; recipeIndex < recipes.length; recipeIndex++) {
      const choice = this.recipeChoice(recipes[recipeIndex], recipeIndex, t, lengthCm);
      if (choice && (!best || choice.scaledCostPerLink < best.scaledCostPerLink)) best = choice;
    }
    choices.byBucket[lo] = best ?? null;
    return best;
  }

  /** Recipe `recipe` (at `recipeIndex`) for a link of type t and length lengthCm, if it is allowed and reaches. */
  private recipeChoice(recipe: MediaRecipe, recipeIndex: number, t: LinkType, lengthCm: number): MediaChoice | undefined {
    if (recipe.confidence === 'unconfirmed' && !this.ctx.allowUnconfirmed) return undefined;
    if (!recipeFits(this.ctx, recipe, t)) return undefined;
    if (Math.round(recipe.maxReachM * 100) < lengthCm) return undefined;
    const parts: MediaPart[] = [];
    let cableLengthCm = 0;
    let scaled = 0;
    for (const p of recipe.parts) {
      let sku: Sku | undefined;
      if (p.role === 'cable') {
        const standard = firstAtLeast(this.ctx.cableLengthsCm.get(p.part), lengthCm);
        if (standard === undefined) return undefined;
        cableLengthCm = standard;
        sku = this.ctx.cableSku(p.part, standard);
      } else {
        sku = this.ctx.skuByPart.get(p.part);
      }
      if (!sku || sku.refCents === undefined) return undefined;
      parts.push({ sku, role: p.role, linksPerUnit: p.linksPerUnit });
      scaled += sku.refCents * (SHARE_SCALE / p.linksPerUnit);
    }
    return { recipe, recipeIndex, cableLengthCm, parts, scaledCostPerLink: scaled };
  }

  /**
   * When no allowed recipe reaches `lengthCm`: the first recipe (catalog order) that would, were
   * unconfirmed recipes and parts allowed, and what in it is unconfirmed. Undefined when none would.
   */
  unconfirmedOnly(t: LinkType, lengthCm: number): UnconfirmedNeed | undefined {
    const ctx = this.ctx;
    if (ctx.allowUnconfirmed) return undefined;
    for (const recipe of ctx.recipes) {
      if (!recipeFits(ctx, recipe, t) || Math.round(recipe.maxReachM * 100) < lengthCm) continue;
      const withheld: Sku[] = [];
      const usable = recipe.parts.every((p) => {
        let sku: Sku | undefined;
        if (p.role === 'cable') {
          const standard = firstAtLeast(ctx.cableLengthsCm.get(p.part), lengthCm);
          sku = standard === undefined ? undefined : ctx.cableSku(p.part, standard);
        } else {
          sku = ctx.skuByPart.get(p.part);
        }
        if (sku?.unconfirmedWithheld) withheld.push(sku);
        return sku !== undefined && (sku.refCents !== undefined || sku.unconfirmedWithheld);
      });
      if (usable && (withheld.length > 0 || recipe.confidence === 'unconfirmed')) return { recipe, parts: withheld };
    }
    return undefined;
  }
}

/** The unconfirmed recipe, or the unconfirmed parts of a recipe, a link would need. */
export interface UnconfirmedNeed {
  recipe: MediaRecipe;
  /** Unconfirmed parts of the recipe (empty when only the recipe itself is unconfirmed). */
  parts: Sku[];
}

/** "part X (name)" / "media recipe Y (name)" for a reason or warning. */
export function describeUnconfirmedNeed(need: UnconfirmedNeed): string {
  const seen = new Set<string>();
  const parts = need.parts.filter((p) => !seen.has(p.partId) && seen.add(p.partId));
  if (parts.length > 0) return `part${parts.length > 1 ? 's' : ''} ${parts.map((p) => `${p.partId} (${p.name})`).join(', ')}`;
  return `media recipe ${need.recipe.id} (${need.recipe.name})`;
}
