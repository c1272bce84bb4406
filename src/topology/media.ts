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

/** Picks, for every run length, the recipe with the lowest reference cost per link. */
export class MediaChooser {
  /** link type key -> run length (cm) -> choice (null: none reaches). */
  private cache = new Map<string, Map<number, MediaChoice | null>>();
  private typeKeys = new WeakMap<LinkType, string>();

  constructor(private readonly ctx: Context) {}

  /** The cheapest recipe that reaches `lengthCm`, or undefined when none does. Ties go to catalog order. */
  choose(t: LinkType, lengthCm: number): MediaChoice | undefined {
    let typeKey = this.typeKeys.get(t);
    if (typeKey === undefined) this.typeKeys.set(t, (typeKey = linkTypeKey(t)));
    let byLength = this.cache.get(typeKey);
    if (!byLength) this.cache.set(typeKey, (byLength = new Map()));
    const hit = byLength.get(lengthCm);
    if (hit !== undefined) return hit ?? undefined;
    let best: MediaChoice | undefined;
    this.ctx.recipes.forEach((recipe, recipeIndex) => {
      if (!recipeFits(this.ctx, recipe, t)) return;
      if (Math.round(recipe.maxReachM * 100) < lengthCm) return;
      const parts: MediaPart[] = [];
      let cableLengthCm = 0;
      let scaled = 0;
      for (const p of recipe.parts) {
        let sku: Sku | undefined;
        if (p.role === 'cable') {
          const lengths = this.ctx.cableLengthsCm.get(p.part) ?? [];
          const standard = lengths.find((l) => l >= lengthCm);
          if (standard === undefined) return;
          cableLengthCm = standard;
          sku = this.ctx.cableSku(p.part, standard);
        } else {
          sku = this.ctx.skuByPart.get(p.part);
        }
        if (!sku || sku.refCents === undefined) return;
        parts.push({ sku, role: p.role, linksPerUnit: p.linksPerUnit });
        scaled += sku.refCents * (SHARE_SCALE / p.linksPerUnit);
      }
      if (!best || scaled < best.scaledCostPerLink) {
        best = { recipe, recipeIndex, cableLengthCm, parts, scaledCostPerLink: scaled };
      }
    });
    byLength.set(lengthCm, best ?? null);
    return best;
  }
}
