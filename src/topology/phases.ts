import type { Catalog } from '../model/catalog';
import type { PhasePlan, PhasedSummary } from '../model/phases';
import type { Design, LinkClass } from '../model/result';
import type { Scenario } from '../model/scenario';
import { Assessor, spareUnits, supportCentsPerYear, type AllocationLine, type Assessment } from './assess';
import { buildContext, type Context, type Sku } from './context';
import type { MediaChoice } from './media';
import { energyCostCents, fromCents, roundHalfUp } from './money';
import { shapeOf, type Infeasible, type Shape } from './shape';

/**
 * Growing a design in phases (docs/phases.md). The design is the final phase's; phase k installs
 * the first nodes of the final floor plan and what they need on top of the earlier phases, and
 * never recables a link an earlier phase installed:
 * - a leaf group (a fat-tree leaf, a rail-optimized scalable unit's leaf per rail, a rail-only
 *   leaf in every rail's fabric) comes with the phase of its first node, at its final site, with
 *   the node-leaf links of the phase's nodes (a partly filled group's leaf waits for the rest);
 * - every leaf comes with all its uplinks, c to each spine of its group (balanced wiring), so a
 *   2-tier fabric buys all its spines in the first phase; at 3 tiers a pod (its spines and their
 *   uplinks, c2 to each core of their group) comes with its first leaf, and every core comes with
 *   the first pod, since spine j of a pod is wired to every core of group j.
 * Prices are today's catalog; later spending is discounted to the present.
 */

export type PhaseCounts = Record<'leaf' | 'spine' | 'core', number>;

/** Links one phase adds of one class, recipe and bought cable length (all planes). */
export interface PhaseLinkGroup {
  linkClass: LinkClass;
  choice: MediaChoice;
  links: number;
}

/** What one phase builds on top of the earlier ones, what it costs, and what it costs today. */
export interface PhaseBuild {
  /** 1-based, as users count phases. */
  phase: number;
  month: number;
  gpus: number;
  nodes: number;
  /** Added in this phase: nodes, leaf groups, pods (3 tiers), switches per role and links per class (all planes). */
  adds: { nodes: number; leafGroups: number; pods: number; switches: PhaseCounts; links: Record<LinkClass, number> };
  /** Installed once this phase is built (all planes). */
  installed: { switches: PhaseCounts; links: Record<LinkClass, number> };
  linkGroups: PhaseLinkGroup[];
  /** Installed units added per SKU index (spares not included). */
  demand: Map<number, number>;
  /** This phase's purchases: installed units then spares, per SKU, from the stock earlier phases left. */
  lines: AllocationLine[];
  spareUnits: number;
  capexCents: number;
  switchMilliwatts: number;
  mediaMilliwatts: number;
  /** Years this phase's parts run within the objective's years, counted from month 0. */
  runningYears: number;
  /** Running costs of this phase's parts over runningYears, undiscounted. */
  energyCents: number;
  supportCents: number;
  replacementCents: number;
  /** 1 / (1 + r)^(month / 12). */
  discountFactor: number;
  /** roundHalfUp(capexCents x discountFactor). */
  capexPresentCents: number;
  /** Present value of the running costs, as a continuous flow from the phase's month to the end of the objective's years. */
  runningPresentCents: number;
}

/** Costs of a build as one figure set: capex, running costs, and their present values. */
export interface PhaseTotals {
  capexCents: number;
  capexPresentCents: number;
  runningCents: number;
  runningPresentCents: number;
  /** What the search would minimize: capex PV, or capex PV + running PV for TCO. */
  objectivePresentCents: number;
}

export interface PhasedDesign extends PhaseTotals {
  ok: true;
  /** The final design, assessed as the reference does. */
  assessment: Assessment;
  discountRatePct: number;
  phases: PhaseBuild[];
  /** The same final design bought and built at month 0. */
  dayOne: PhaseTotals;
  /** dayOne.objectivePresentCents - objectivePresentCents: what growing in phases saves today. */
  savingVsDayOneCents: number;
}

export type PhaseInfeasible = Infeasible & { phase?: number };

const CLASSES: LinkClass[] = ['node-leaf', 'leaf-spine', 'spine-core'];
const ROLES = ['leaf', 'spine', 'core'] as const;
const isShape = (x: Shape | Infeasible): x is Shape => !('ok' in x);
const fmt = (n: number) => n.toLocaleString('en-US');

/** Running costs per year of a set of purchase lines (installed units only): support cents and failures (cents x %). */
function runningRates(ctx: Context, lines: AllocationLine[]) {
  const rates = ctx.catalog.failureRates;
  let supportPerYear = 0;
  let failureAcc = 0;
  // The order of the reference's sums (per SKU, per offer), so day one at 0% equals assess() to the cent.
  for (const l of lines) {
    if (l.spare) continue;
    supportPerYear += l.quantity * supportCentsPerYear(ctx, l.offer);
    failureAcc += l.quantity * l.offer.unitCents * rates[l.offer.source][l.sku.category];
  }
  return { supportPerYear, failureAcc };
}

/**
 * Years-weight of a running cost from year t0 to the horizon T at r a year: T - t0 undiscounted,
 * else the present value of one unit a year as a continuous flow, ((1+r)^-t0 - (1+r)^-T) / ln(1+r).
 */
export function runningWeight(t0: number, T: number, ratePct: number): number {
  if (t0 >= T) return 0;
  if (ratePct === 0) return T - t0;
  const g = 1 + ratePct / 100;
  return (Math.pow(g, -t0) - Math.pow(g, -T)) / Math.log(g);
}

/** 1 / (1 + r)^(month / 12): exactly 1 at month 0 or 0%. */
export function discountFactor(month: number, ratePct: number): number {
  return month === 0 || ratePct === 0 ? 1 : 1 / Math.pow(1 + ratePct / 100, month / 12);
}

/** Energy, support and replacements of `mw` and `lines` over a years-weight `w`, each rounded once as assess() does. */
export function runningCents(ctx: Context, mw: number, lines: AllocationLine[], w: number): number {
  const o = ctx.scenario.objective;
  const { supportPerYear, failureAcc } = runningRates(ctx, lines);
  return energyCostCents(mw, o.pue, w, o.energyPricePerKWh) + roundHalfUp(supportPerYear * w) + roundHalfUp((failureAcc * w) / 100);
}

/**
 * Why the design cannot be grown along the plan: the first phase from which its structure no
 * longer serves the cluster. When an earlier phase was served, reaching this one would mean
 * recabling installed links (a 1-tier switch split into a leaf and a spine tier, a spine or core
 * group grown past its radix, which changes every installed switch's balanced wiring).
 */
function growthProblem(ctx: Context, design: Design, plan: PhasePlan, nodes: number[], finalReason: Infeasible): PhaseInfeasible {
  // The top tier's down ports follow from the cluster size: leave them to shapeOf at each size.
  const T = design.tiers.length;
  const scan: Design = { ...design, tiers: design.tiers.map((t, i) => (T > 1 && i === T - 1 ? { ...t, downPorts: 0 } : t)) };
  const fits = nodes.map((m) => shapeOf({ ...ctx, nodes: m }, scan));
  let first = fits.length - 1;
  while (first > 0 && !isShape(fits[first - 1])) first--;
  const p = plan.phases[first];
  const at = `phase ${first + 1} (${fmt(p.gpus)} GPUs at month ${p.month})`;
  const fail = fits[first] as Infeasible;
  if (first === 0 || isShape(fits[first])) return { ...finalReason, phase: plan.phases.length, reason: `the final phase: ${finalReason.reason}` };
  const prior = fits[first - 1] as Shape;
  const n = design.nodesPerLeafGroup;
  const per = design.family === 'rail-only' ? 'rail' : 'plane';
  let why = fail.reason;
  if (fail.rule === 'one-switch')
    why = `the 1-tier design is one switch per ${per}, serving ${fmt(n)} nodes (${fmt(n * ctx.profile.gpusPerNode)} GPUs); ${fmt(nodes[first])} nodes need more leaves and a spine tier, and the installed switch's node links would move to free ports for its uplinks`;
  else if (fail.rule === 'spine-radix')
    why = `${prior.spinesPerGroup} spines per group take no more leaves (${fail.reason}); a larger spine group changes the links every installed leaf sends to each spine`;
  else if (fail.rule === 'core-radix')
    why = `the cores take no more pods (${fail.reason}); a larger core group changes the links every installed spine sends to each core`;
  return { ok: false, rule: 'growth', phase: first + 1, reason: `${at} cannot be built on phase ${first}'s fabric without recabling: ${why}` };
}

/**
 * Prices a final design grown along a phase plan: what each phase installs, buys (limited stock
 * allocated cheapest first, in phase order), costs and costs today, and the same design bought on
 * day one. The assessor is the final scenario's (cluster.gpus = the last phase's GPUs).
 */
export function growInPhases(assessor: Assessor, design: Design, plan: PhasePlan): PhasedDesign | PhaseInfeasible {
  const ctx = assessor.ctx;
  const gpusPerNode = ctx.profile.gpusPerNode;
  const K = plan.phases.length;
  const last = plan.phases[K - 1];
  if (last.gpus !== ctx.scenario.cluster.gpus)
    return { ok: false, rule: 'phases', phase: K, reason: `phases[${K - 1}].gpus: must equal cluster.gpus (${fmt(ctx.scenario.cluster.gpus)}): the design is chosen for the last phase, got ${fmt(last.gpus)}` };
  const phaseNodes = plan.phases.map((p) => Math.ceil(p.gpus / gpusPerNode));
  const a = assessor.assess(design);
  if (!a.ok) return growthProblem(ctx, design, plan, phaseNodes, a);

  const s = a.shape;
  const { planes: P, rails: R, groupNodes: n, leavesPerGroup } = s;
  const T = s.tiers.length;
  const fp = assessor.plan;
  const runs = assessor.runs(s);
  const start = (k: number) => (k === 0 ? 0 : phaseNodes[k - 1]);
  const phaseOfNode = (i: number) => {
    let k = 0;
    while (i >= phaseNodes[k]) k++;
    return k;
  };

  // Links per class and media choice, per phase, as the reference groups them.
  const groups = CLASSES.map(() => new Map<string, { choice: MediaChoice; perPhase: number[] }>());
  const addLinks = (cls: number, cm: number, k: number, links: number) => {
    const choice = assessor.media.choose(runs[cls].type, cm)!;
    const key = `${choice.recipeIndex}@${choice.cableLengthCm}`;
    let g = groups[cls].get(key);
    if (!g) groups[cls].set(key, (g = { choice, perPhase: new Array<number>(K).fill(0) }));
    g.perPhase[k] += links;
  };
  const adds = plan.phases.map(() => ({ leafGroups: 0, pods: 0, switches: { leaf: 0, spine: 0, core: 0 }, links: { 'node-leaf': 0, 'leaf-spine': 0, 'spine-core': 0 } }));

  const G = s.groups;
  const leafUp = s.tiers[0].upPorts;
  for (let g = 0; g < G; g++) {
    const first = g * n;
    const size = fp.groupSize(n, g);
    const site = fp.leafSite(first, size);
    const k0 = phaseOfNode(first);
    adds[k0].leafGroups++;
    adds[k0].switches.leaf += leavesPerGroup * P;
    // Node links rack by rack, split where a phase boundary falls inside a rack.
    for (let rack = fp.rackOf(first); rack <= fp.rackOf(first + size - 1); rack++) {
      const lo = Math.max(first, rack * fp.layout.nodesPerRack);
      const hi = Math.min(first + size, (rack + 1) * fp.layout.nodesPerRack);
      const cm = fp.rackToSiteCm(rack, site.point.x, site.point.y, site.rack);
      for (let k = phaseOfNode(lo); k < K && start(k) < hi; k++) {
        const count = Math.min(hi, phaseNodes[k]) - Math.max(lo, start(k));
        if (count > 0) addLinks(0, cm, k, count * R * P);
      }
    }
    if (T >= 2) addLinks(1, fp.leafToCenterCm(site.point), k0, leavesPerGroup * leafUp * P);
  }
  if (T === 2) adds[0].switches.spine += s.tiers[1].countPerPlane * P;
  if (T === 3) {
    const Lp = s.leavesPerPod;
    const spineUp = s.tiers[1].upPorts;
    for (let pod = 0; pod < s.pods; pod++) {
      // A pod holds whole leaf groups (rail-optimized pods are whole scalable units): its first group's phase.
      const k = phaseOfNode(Math.floor((pod * Lp) / leavesPerGroup) * n);
      adds[k].pods++;
      adds[k].switches.spine += s.spinesPerGroup * P;
      addLinks(2, fp.spineToCoreCm(), k, s.spinesPerGroup * spineUp * P);
    }
    adds[0].switches.core += s.tiers[2].countPerPlane * P;
  }

  // Units per SKU per phase: switches as added; media per group as the units its links so far need
  // beyond those bought before, ceil(L_k / u) - ceil(L_k-1 / u), so the phases add up to the final ceil(L / u).
  const demand = plan.phases.map(() => new Map<number, number>());
  const add = (k: number, sku: Sku, q: number) => { if (q > 0) demand[k].set(sku.index, (demand[k].get(sku.index) ?? 0) + q); };
  const linkGroups: PhaseLinkGroup[][] = plan.phases.map(() => []);
  for (let k = 0; k < K; k++) for (const [t, role] of s.tiers.map((x, i) => [x, ROLES[i]] as const)) add(k, t.option.sku, adds[k].switches[role]);
  CLASSES.forEach((cls, c) => {
    const sorted = [...groups[c].values()].sort((x, y) => x.choice.recipeIndex - y.choice.recipeIndex || x.choice.cableLengthCm - y.choice.cableLengthCm);
    for (const g of sorted) {
      let cum = 0;
      for (let k = 0; k < K; k++) {
        const before = cum;
        cum += g.perPhase[k];
        adds[k].links[cls] += g.perPhase[k];
        if (g.perPhase[k] > 0) linkGroups[k].push({ linkClass: cls, choice: g.choice, links: g.perPhase[k] });
        for (const part of g.choice.parts) add(k, part.sku, Math.ceil(cum / part.linksPerUnit) - Math.ceil(before / part.linksPerUnit));
      }
    }
  });

  // Purchases: the final design's allocation (installed units cheapest first, then spares from the
  // same offers after them) handed out in phase order, installed units and spares each from their
  // own queue; a phase's spares are those its installed units so far call for beyond the spares
  // bought before. So every phase buys from the cheapest stock the earlier phases left, and the
  // phases add up to the final BOM line by line, spares included.
  const o = ctx.scenario.objective;
  const rate = plan.discountRatePct;
  const lines: AllocationLine[][] = plan.phases.map(() => []);
  const spares = new Array<number>(K).fill(0);
  const capex = new Array<number>(K).fill(0);
  const mw = plan.phases.map(() => ({ switch: 0, media: 0 }));
  const bySku = new Map<number, AllocationLine[]>();
  for (const l of a.lines) {
    const list = bySku.get(l.sku.index);
    if (list) list.push(l);
    else bySku.set(l.sku.index, [l]);
  }
  for (const [idx, skuLines] of bySku) {
    const sku = ctx.skus[idx];
    const pct = o.sparesPct[sku.category];
    const queues = [skuLines.filter((l) => !l.spare), skuLines.filter((l) => l.spare)];
    const at = [0, 0];
    const used = [0, 0];
    let installedSoFar = 0;
    for (let k = 0; k < K; k++) {
      const installed = demand[k].get(idx) ?? 0;
      const spare = spareUnits(installedSoFar + installed, pct) - spareUnits(installedSoFar, pct);
      installedSoFar += installed;
      spares[k] += spare;
      [installed, spare].forEach((want, q) => {
        let left = want;
        while (left > 0) {
          const from = queues[q][at[q]];
          const n = Math.min(left, from.quantity - used[q]);
          lines[k].push({ sku, offer: from.offer, quantity: n, cents: n * from.offer.unitCents, spare: q === 1 });
          capex[k] += n * from.offer.unitCents;
          left -= n;
          used[q] += n;
          if (used[q] === from.quantity) {
            at[q]++;
            used[q] = 0;
          }
        }
      });
      if (sku.category === 'switch') mw[k].switch += installed * sku.milliwatts;
      else mw[k].media += installed * sku.milliwatts;
    }
  }
  // Lines in the reference's order: by SKU, installed before spares, offers cheapest first.
  for (const ls of lines) ls.sort((x, y) => x.sku.index - y.sku.index || Number(x.spare) - Number(y.spare));

  const years = o.years;
  const tco = o.minimize === 'tco';
  const phases: PhaseBuild[] = plan.phases.map((p, k) => {
    const t0 = p.month / 12;
    const power = mw[k].switch + mw[k].media;
    const runningYears = Math.max(0, years - t0);
    const { supportPerYear, failureAcc } = runningRates(ctx, lines[k]);
    const factor = discountFactor(p.month, rate);
    const installed = { switches: { leaf: 0, spine: 0, core: 0 }, links: { 'node-leaf': 0, 'leaf-spine': 0, 'spine-core': 0 } };
    for (let j = 0; j <= k; j++) {
      for (const r of ROLES) installed.switches[r] += adds[j].switches[r];
      for (const c of CLASSES) installed.links[c] += adds[j].links[c];
    }
    return {
      phase: k + 1, month: p.month, gpus: p.gpus, nodes: phaseNodes[k],
      adds: { nodes: phaseNodes[k] - start(k), ...adds[k] },
      installed,
      linkGroups: linkGroups[k], demand: demand[k], lines: lines[k], spareUnits: spares[k],
      capexCents: capex[k], switchMilliwatts: mw[k].switch, mediaMilliwatts: mw[k].media,
      runningYears,
      energyCents: energyCostCents(power, o.pue, runningYears, o.energyPricePerKWh),
      supportCents: roundHalfUp(supportPerYear * runningYears),
      replacementCents: roundHalfUp((failureAcc * runningYears) / 100),
      discountFactor: factor,
      capexPresentCents: roundHalfUp(capex[k] * factor),
      runningPresentCents: runningCents(ctx, power, lines[k], runningWeight(t0, years, rate)),
    };
  });
  const sum = (f: (x: PhaseBuild) => number) => phases.reduce((x, p) => x + f(p), 0);
  const capexPresentCents = sum((p) => p.capexPresentCents);
  const runningPresentCents = sum((p) => p.runningPresentCents);
  const objectivePresentCents = capexPresentCents + (tco ? runningPresentCents : 0);
  const dayMw = a.switchMilliwatts + a.mediaMilliwatts;
  const dayRunning = runningCents(ctx, dayMw, a.lines, runningWeight(0, years, rate));
  const dayOne: PhaseTotals = {
    capexCents: a.capexCents,
    capexPresentCents: a.capexCents,
    runningCents: runningCents(ctx, dayMw, a.lines, years),
    runningPresentCents: dayRunning,
    objectivePresentCents: a.capexCents + (tco ? dayRunning : 0),
  };
  return {
    ok: true, assessment: a, discountRatePct: rate, phases,
    capexCents: sum((p) => p.capexCents),
    capexPresentCents,
    runningCents: sum((p) => p.energyCents + p.supportCents + p.replacementCents),
    runningPresentCents,
    objectivePresentCents,
    dayOne,
    savingVsDayOneCents: dayOne.objectivePresentCents - objectivePresentCents,
  };
}

/** growInPhases from a scenario (cluster.gpus = the last phase's GPUs) and a catalog. */
export function phasesOf(scenario: Scenario, catalog: Catalog, design: Design, plan: PhasePlan): PhasedDesign | PhaseInfeasible {
  const ctx = buildContext(scenario, catalog);
  if ('ok' in ctx) return { ok: false, rule: 'scenario', reason: ctx.reason };
  return growInPhases(new Assessor(ctx), design, plan);
}

/** A phased build as the result will show it (src/model/phases.ts PhasedSummary): money in the catalog's currency. */
export function summarizePhases(g: PhasedDesign): PhasedSummary {
  const totals = (t: PhaseTotals) => ({
    capex: fromCents(t.capexCents),
    capexPresentValue: fromCents(t.capexPresentCents),
    runningCost: fromCents(t.runningCents),
    runningPresentValue: fromCents(t.runningPresentCents),
    objectivePresentValue: fromCents(t.objectivePresentCents),
  });
  return {
    ...totals(g),
    discountRatePct: g.discountRatePct,
    phases: g.phases.map((p) => ({
      phase: p.phase, month: p.month, gpus: p.gpus, nodes: p.nodes,
      adds: { nodes: p.adds.nodes, leafGroups: p.adds.leafGroups, pods: p.adds.pods, switches: { ...p.adds.switches }, links: { ...p.adds.links } },
      capex: fromCents(p.capexCents),
      discountFactor: p.discountFactor,
      capexPresentValue: fromCents(p.capexPresentCents),
      runningYears: p.runningYears,
      runningCost: fromCents(p.energyCents + p.supportCents + p.replacementCents),
      runningPresentValue: fromCents(p.runningPresentCents),
    })),
    dayOne: totals(g.dayOne),
    savingVsDayOne: fromCents(g.savingVsDayOneCents),
  };
}
