import type { Design, LinkClass } from '../model/result';
import type { AllowedOffer, Context, Sku } from './context';
import { FloorPlan, type LengthHistogram } from './layout';
import { describeUnconfirmedNeed, MediaChooser, type LinkType, type MediaChoice } from './media';
import { energyCostCents, roundHalfUp, unitPriceCents } from './money';
import { shapeOf, type Infeasible, type Shape } from './shape';

/** Links of one class that share a recipe and a bought cable length (counted over all planes). */
export interface LinkGroup {
  linkClass: LinkClass;
  choice: MediaChoice;
  links: number;
  maxRunCm: number;
}

export interface AllocationLine {
  sku: Sku;
  offer: AllowedOffer;
  quantity: number;
  cents: number;
  /** Spare units (objective.sparesPct): bought and kept on the shelf, so no power, support or failures. */
  spare: boolean;
}

/** Spare units of a part for `installed` units at `pct` %: ceil(installed x pct / 100), the kernel's arithmetic. */
export function spareUnits(installed: number, pct: number): number {
  return pct > 0 ? Math.ceil((installed * pct) / 100 - 1e-9) : 0;
}

/** Everything the cost model says about one design; materialize() adds names and metrics. */
export interface Assessment {
  ok: true;
  shape: Shape;
  linkGroups: LinkGroup[];
  /** Units needed per SKU index. */
  demand: Map<number, number>;
  lines: AllocationLine[];
  capexCents: number;
  capexAllOemNewCents: number;
  switchMilliwatts: number;
  mediaMilliwatts: number;
  energyCents: number;
  /** Support and licences over the objective's years (installed units x supportPerYear). */
  supportCents: number;
  /** Expected replacements over the objective's years (installed units x annual failure rate x unit price). */
  replacementCents: number;
  /** Spare units bought, all parts. */
  spareUnits: number;
  objectiveCents: number;
  /** Worst tier oversubscription, floored at 1 (undersubscription buys nothing). */
  worstOversubscription: number;
}

/** Shared state for assessing many designs of one scenario: floor plan and media caches. */
export class Assessor {
  readonly plan: FloorPlan;
  readonly media: MediaChooser;

  constructor(readonly ctx: Context) {
    this.plan = new FloorPlan(ctx.scenario.layout, ctx.nodes);
    this.media = new MediaChooser(ctx);
  }

  /** Run lengths of each link class in one plane, with the multiplicity of each run. */
  runs(shape: Shape): { linkClass: LinkClass; type: LinkType; histogram: LengthHistogram; perEntry: number }[] {
    const tech = shape.design.technology;
    const s = shape.linkGbps;
    const cage = (i: number) => shape.tiers[i].option.sw.cageType;
    const out = [];
    out.push({
      linkClass: 'node-leaf' as const,
      type: { kind: 'node-switch' as const, technology: tech, linkGbps: s, switchCage: cage(0) },
      histogram: this.plan.nodeRuns(shape.groupNodes),
      perEntry: shape.rails,
    });
    if (shape.tiers.length >= 2) {
      out.push({
        linkClass: 'leaf-spine' as const,
        // Switch links run at the leaf's up speed (its up mode when the leaf's cages are split).
        type: { kind: 'switch-switch' as const, technology: tech, linkGbps: shape.uplinkGbps, switchCage: cage(0), otherCage: cage(1) },
        histogram: this.plan.leafRuns(shape.groupNodes),
        perEntry: shape.leavesPerGroup * shape.tiers[0].upPorts,
      });
    }
    if (shape.tiers.length === 3) {
      out.push({
        linkClass: 'spine-core' as const,
        // Spine-core links run at the spine's up speed (its up mode when a 3-tier spine's cages are split).
        type: { kind: 'switch-switch' as const, technology: tech, linkGbps: shape.coreLinkGbps, switchCage: cage(1), otherCage: cage(2) },
        histogram: { lengthsCm: [this.plan.spineToCoreCm()], counts: [1] },
        perEntry: shape.tiers[1].countPerPlane * shape.tiers[1].upPorts,
      });
    }
    return out;
  }

  assess(design: Design): Assessment | Infeasible {
    const ctx = this.ctx;
    const shape = shapeOf(ctx, design);
    if ('ok' in shape) return shape;
    const P = shape.planes;

    const linkGroups: LinkGroup[] = [];
    // A run no allowed recipe reaches fails the design: 'media' when nothing in the catalog would
    // reach it, 'unconfirmed' when only unconfirmed parts or recipes would (and no other run fails
    // outright), so the reason says which setting would help.
    let needsUnconfirmed: Infeasible | undefined;
    for (const run of this.runs(shape)) {
      const byChoice = new Map<string, LinkGroup>();
      const { lengthsCm, counts } = run.histogram;
      const choose = this.media.chooserFor(run.type);
      // Lengths ascend and a choice holds for a whole length bucket: most lengths have the choice
      // of the one before, so its group, without a key to make and look up.
      let lastChoice: MediaChoice | undefined;
      let g: LinkGroup | undefined;
      for (let i = 0; i < lengthsCm.length; i++) {
        const choice = choose(lengthsCm[i]);
        if (!choice) {
          const t = run.type;
          const ends = t.kind === 'node-switch' ? `NIC-${t.switchCage}` : `${t.switchCage}-${t.otherCage}`;
          const link = `a ${(lengthsCm[i] / 100).toFixed(2)} m ${run.linkClass} link (${t.technology} ${t.linkGbps}G, ${ends})`;
          const need = this.media.unconfirmedOnly(t, lengthsCm[i]);
          if (!need) return { ok: false, rule: 'media', reason: `no allowed media recipe reaches ${link}` };
          needsUnconfirmed ??= {
            ok: false, rule: 'unconfirmed',
            reason: `needs unconfirmed ${describeUnconfirmedNeed(need)} for ${link}; set sourcing.allowUnconfirmed to use it`,
          };
          continue;
        }
        if (choice !== lastChoice || !g) {
          const key = `${choice.recipeIndex}@${choice.cableLengthCm}`;
          g = byChoice.get(key);
          if (!g) {
            g = { linkClass: run.linkClass, choice, links: 0, maxRunCm: 0 };
            byChoice.set(key, g);
          }
          lastChoice = choice;
        }
        g.links += counts[i] * run.perEntry * P;
        g.maxRunCm = Math.max(g.maxRunCm, lengthsCm[i]);
      }
      const sorted = [...byChoice.values()].sort((a, b) => a.choice.recipeIndex - b.choice.recipeIndex || a.choice.cableLengthCm - b.choice.cableLengthCm);
      for (const g of sorted) linkGroups.push(g); // a loop: a spread of a catalog-sized array can overflow the stack
    }
    if (needsUnconfirmed) return needsUnconfirmed;

    const demand = new Map<number, number>();
    const add = (sku: Sku, q: number) => demand.set(sku.index, (demand.get(sku.index) ?? 0) + q);
    for (const t of shape.tiers) add(t.option.sku, t.countPerPlane * P);
    for (const g of linkGroups) for (const p of g.choice.parts) add(p.sku, Math.ceil(g.links / p.linksPerUnit));

    const lines: AllocationLine[] = [];
    let capexCents = 0;
    let oemCents = 0;
    let switchMw = 0;
    let mediaMw = 0;
    // Support (cents per year, exact integers) and failures (cents x % per year, summed in the kernel's order).
    let supportPerYear = 0;
    let failureAcc = 0;
    let spares = 0;
    const sparesPct = ctx.scenario.objective.sparesPct;
    const rates = ctx.catalog.failureRates;
    const skuIndexes = [...demand.keys()].sort((a, b) => a - b);
    for (const idx of skuIndexes) {
      const sku = ctx.skus[idx];
      const installed = demand.get(idx)!;
      const spare = spareUnits(installed, sparesPct[sku.category]);
      spares += spare;
      // Installed units take the cheapest offers first; spares come from the same offers after them.
      const need = installed + spare;
      let left = need;
      let installLeft = installed;
      for (const offer of sku.offers) {
        if (left === 0) break;
        const q = offer.stock === null ? left : Math.min(left, offer.stock);
        if (q === 0) continue;
        const iq = Math.min(q, installLeft);
        installLeft -= iq;
        if (iq > 0) lines.push({ sku, offer, quantity: iq, cents: iq * offer.unitCents, spare: false });
        if (q > iq) lines.push({ sku, offer, quantity: q - iq, cents: (q - iq) * offer.unitCents, spare: true });
        capexCents += q * offer.unitCents;
        supportPerYear += iq * supportCentsPerYear(ctx, offer);
        failureAcc += iq * offer.unitCents * rates[offer.source][sku.category];
        left -= q;
      }
      if (left > 0) {
        const have = need - left;
        const what = sku.lengthCm !== undefined ? `${sku.model} ${sku.lengthCm / 100} m` : sku.model;
        return {
          ok: false, rule: sku.offers.length ? 'stock' : 'sourcing',
          reason: sku.offers.length
            ? `needs ${need} x ${what}${spare ? ` (${spare} of them spares)` : ''} but the allowed offers hold ${have}`
            : sku.unconfirmedWithheld
              ? `needs unconfirmed part ${sku.partId} (${sku.name}); set sourcing.allowUnconfirmed to use it`
              : `no offer for ${what} meets the sourcing policy`,
        };
      }
      oemCents += need * sku.oemNewCents;
      if (sku.category === 'switch') switchMw += installed * sku.milliwatts;
      else mediaMw += installed * sku.milliwatts;
    }

    const o = ctx.scenario.objective;
    const totalMw = switchMw + mediaMw;
    if (o.maxPowerW !== undefined && totalMw > o.maxPowerW * 1000)
      return { ok: false, rule: 'power', reason: `draws ${(totalMw / 1000).toFixed(0)} W, over objective.maxPowerW ${o.maxPowerW} W` };
    const energyCents = energyCostCents(totalMw, o.pue, o.years, o.energyPricePerKWh);
    const supportCents = roundHalfUp(supportPerYear * o.years);
    const replacementCents = roundHalfUp((failureAcc * o.years) / 100);
    let worst = 1;
    for (const t of shape.tiers) worst = Math.max(worst, t.oversubscription);
    return {
      ok: true, shape, linkGroups, demand, lines,
      capexCents, capexAllOemNewCents: oemCents,
      switchMilliwatts: switchMw, mediaMilliwatts: mediaMw, energyCents, supportCents, replacementCents, spareUnits: spares,
      objectiveCents: o.minimize === 'tco' ? capexCents + energyCents + supportCents + replacementCents : capexCents,
      worstOversubscription: worst,
    };
  }
}

/** An offer's annual support or licence per unit, cents. */
export function supportCentsPerYear(ctx: Context, offer: AllowedOffer): number {
  return unitPriceCents(ctx.catalog.offers[offer.offerIndex].supportPerYear, 0, 0);
}
