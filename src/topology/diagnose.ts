// Why a scenario has no feasible design, said so a user can act on it: causes read off the
// scenario and catalog before any search (no switch at the NIC's speed, no media between a NIC and
// a switch, more NIC ports than the allowed tiers can connect), and, when run lengths or switch
// radix are the cause, the smallest change that makes a design feasible, found by running the
// search with it. Both engines call the same functions, so they give the same diagnosis.
import type { Catalog } from '../model/catalog';
import type { Diagnosis, Result } from '../model/result';
import type { Scenario } from '../model/scenario';
import type { Context, SwitchOption } from './context';
import type { OptimizeOutcome } from './optimize';
import { enumerateDesigns, fabricVariants, pinnedVariants, spineOptions, upperOptions } from './enumerate';
import { impliedTiers, pinPlan, pinsTier } from './pins';
import { nodeSpreads } from './node-spread';
import type { Pin } from '../model/scenario';
import { recipeFits, type LinkType } from './media';
import { endToEndCap, railLocalGpus, reservedPorts, usablePorts } from './limits';
import { FAMILY_TIERS } from './shape';

const TECH_LABEL = { infiniband: 'InfiniBand', ethernet: 'Ethernet' } as const;
const fmt = (x: number) => x.toLocaleString('en-US');
const list = (xs: (string | number)[], last = 'or') =>
  xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} ${last} ${xs[xs.length - 1]}`;

/** Scenario fields that must name something in the catalog; a user error, reported like a validation error. */
export function checkAgainstCatalog(scenario: Scenario, catalog: Catalog): string | undefined {
  const names = new Set(catalog.switches.flatMap((s) => [s.model, s.id]));
  const problems = scenario.fabric.switchModels.flatMap((m, i) =>
    names.has(m) ? [] : [`fabric.switchModels[${i}]: must name a switch model in the catalog, got "${m}"`]);
  const pin = scenario.fabric.pin;
  for (const role of ['leaf', 'spine', 'core'] as const) {
    const p = pin?.[role];
    if (!p) continue;
    const at = `fabric.pin.${role}`;
    const model = p.switchModel === undefined ? undefined : catalog.switches.find((s) => s.model === p.switchModel || s.id === p.switchModel);
    if (p.switchModel !== undefined && !model) {
      problems.push(`${at}.switchModel: must name a switch model in the catalog, got "${p.switchModel}"`);
      continue;
    }
    if (p.portMode !== undefined) {
      if (model && !model.portModes.some((m) => m.id === p.portMode)) {
        problems.push(`${at}.portMode: must be a port mode of ${model.model} (${model.portModes.map((m) => m.id).join(', ')}), got "${p.portMode}"`);
        continue;
      }
      if (!model && !catalog.switches.some((s) => s.portModes.some((m) => m.id === p.portMode))) {
        problems.push(`${at}.portMode: must be a port mode id of a catalog switch, got "${p.portMode}"`);
        continue;
      }
    }
    const up = p.upPortMode;
    if (up === undefined) continue;
    // An up mode names a cage split's up side: a mode the switch has, paired in one of its cageSplits with the pinned down mode.
    const switches = model ? [model] : catalog.switches;
    const down = p.portMode !== undefined ? ` with down mode ${p.portMode} (fabric.pin.${role}.portMode)` : '';
    if (!switches.some((s) => s.portModes.some((m) => m.id === up)))
      problems.push(model ? `${at}.upPortMode: must be a port mode of ${model.model} (${model.portModes.map((m) => m.id).join(', ')}), got "${up}"`
        : `${at}.upPortMode: must be a port mode id of a catalog switch, got "${up}"`);
    else if (!switches.some((s) => (s.cageSplits ?? []).some((sp) => sp.up === up && (p.portMode === undefined || sp.down === p.portMode)))) {
      const splits = model ? (model.cageSplits ?? []).map((sp) => `${sp.down} down / ${sp.up} up`) : [];
      problems.push(`${at}.upPortMode: must be the up mode of a cage split${down} of ${model ? model.model : 'a catalog switch'}${
        model ? ` (${splits.length ? `its splits: ${splits.join(', ')}` : 'it has no cageSplits'})` : ''}, got "${up}"`);
    }
  }
  return problems.length ? problems.join('\n') : undefined;
}

/** Link speeds (per plane) the NIC runs on `technology` with the scenario's plane counts. */
function nicSpeeds(ctx: Context, technology: keyof typeof TECH_LABEL): number[] {
  const nic = ctx.profile.nicGbps;
  return ctx.scenario.fabric.planes
    .filter((P) => nic % P === 0 && ctx.profile.linkSpeeds[technology].includes(nic / P))
    .map((P) => nic / P);
}

/**
 * Whether the allowed switches can connect the cluster's NIC ports at all: an upper bound on the
 * endpoints per plane of a radix-k fabric whose tiers keep down:up at most o (down ports at most
 * d = floor(k o / (1 + o))) and whose leaf and spine ratios compound to at most the end-to-end cap:
 * k at one tier, k d at two, k d1 d2 at three (k^3/4 when non-blocking). Rail-only stops at two
 * tiers per rail.
 */
export function limitsOf(ctx: Context, variants: ReturnType<typeof fabricVariants>): { fits: true } | { fits: false; diagnosis: Diagnosis } {
  const f = ctx.scenario.fabric;
  const o = f.maxOversubscription;
  const e2e = endToEndCap(f);
  const M = ctx.nodes;
  const R = ctx.profile.railsPerNode;
  // Down ports of a k-port switch at ratio r (at least half: a tier below 1:1 counts as 1:1).
  const down = (k: number, r: number) => Math.max(Math.floor(k / 2), Math.floor((k * r) / (1 + r) + 1e-9));
  // Spare ports are never wired: the bound uses what the least-reserving tier may wire.
  const leastPct = Math.min(f.sparePortsPct.leaf, f.sparePortsPct.spine, f.sparePortsPct.core);
  const cap = (radix: number, T: number) => {
    const k = radix - reservedPorts(radix, leastPct);
    const r = Math.min(o, e2e);
    if (T === 1) return k;
    if (T === 2) return k * down(k, r);
    // Leaf and spine ratios compound: leaf d1 down ports leave the spine E / (leaf ratio).
    let best = 0;
    for (let d1 = Math.floor(k / 2); d1 <= down(k, r); d1++) {
      const r1 = Math.max(1, d1 / (k - d1));
      if (r1 > r + 1e-9) break;
      best = Math.max(best, d1 * down(k, Math.min(o, e2e / r1)));
    }
    return k * best;
  };
  const fitsAt = (maxTiers: number) => variants.some((v) => {
    let k = 0;
    for (const x of v.options) k = Math.max(k, x.radix); // no spread: options grow with the catalog
    return f.families.some((fam) => fam === 'rail-only' ? M <= cap(k, Math.min(2, maxTiers)) : M * R <= cap(k, maxTiers));
  });
  if (variants.length === 0 || fitsAt(f.maxTiers)) return { fits: true };
  let best = variants[0].options[0];
  for (const v of variants) for (const x of v.options) if (x.radix > best.radix) best = x;
  const spare = leastPct > 0 ? `, with fabric.sparePortsPct keeping ${reservedPorts(best.radix, leastPct)} of its ports free,` : '';
  const ports = `${fmt(M * R)} NIC ports per plane`;
  const ratio = e2e < o ? `at ${o}:1 per tier and ${e2e}:1 end to end (fabric.maxEndToEndOversubscription)` : o === 1 ? 'non-blocking' : `at ${o}:1`;
  if (f.maxTiers < 3 && fitsAt(3))
    return { fits: false, diagnosis: { message: `${ports} need more than ${f.maxTiers} tier${f.maxTiers > 1 ? 's' : ''}: ${f.maxTiers} tier${f.maxTiers > 1 ? 's' : ''} of ${best.radix}-port ${best.sw.model}${spare} connect at most ${fmt(cap(best.radix, f.maxTiers))} ${ratio}`, field: 'fabric.maxTiers' } };
  return {
    fits: false,
    diagnosis: {
      message: `${ports} are more than 3 tiers of the allowed switches connect ${ratio}: the largest, ${best.radix}-port ${best.sw.model} at ${best.gbps}G${spare || ','} reaches at most ${fmt(cap(best.radix, 3))} (more planes give more ports per switch; more oversubscription, more endpoints per port)`,
      field: 'fabric.planes',
    },
  };
}

/**
 * Whether some leaf group the search may build reaches fabric.minRailLocalGpus: the search drops
 * smaller leaf groups before it starts, so a floor above what any allowed leaf serves empties the
 * space without a single rejected design.
 */
export function railLocalityOf(ctx: Context, variants: ReturnType<typeof fabricVariants>): Diagnosis | undefined {
  const f = ctx.scenario.fabric;
  if (f.minRailLocalGpus === undefined || variants.length === 0) return undefined;
  const M = ctx.nodes;
  const R = ctx.profile.railsPerNode;
  const gpn = ctx.profile.gpusPerNode;
  let best = { gpus: 0, nodes: 0, leaf: variants[0].options[0] };
  for (const family of f.families) {
    // Whole nodes per switch at one tier; the fewest rails per leaf (nodes spread the widest) above it.
    const spreads = nodeSpreads(family, R, ctx.pins);
    if (!spreads.length) continue;
    const wholeNode = spreads[0].leavesPerNode === undefined ? spreads[0].railsPerLeaf : 0;
    const widest = spreads[spreads.length - 1];
    const [minT, maxT] = FAMILY_TIERS[family];
    for (const v of variants) for (const leaf of v.options) {
      for (let T = minT; T <= Math.min(maxT, f.maxTiers); T++) {
        // One switch holds the whole cluster; else a leaf group leaves a port for uplinks (and
        // needs two leaves: rail-only two groups, the others two groups or a group of several leaves).
        const k1 = usablePorts(f, 'leaf', leaf.radix);
        const perNode = T === 1 ? wholeNode : widest.railsPerLeaf;
        if (perNode === 0) continue;
        const n = T === 1 ? (M * perNode <= k1 ? M : 0)
          : Math.min(Math.ceil(k1 / perNode) - 1, family !== 'rail-only' && widest.leavesPerGroup >= 2 ? M : M - 1);
        const gpus = n > 0 ? railLocalGpus(n, M, gpn, R) : 0;
        if (gpus > best.gpus) best = { gpus, nodes: n, leaf };
      }
    }
  }
  // No leaf at all (families, tiers or radix rule every shape out) is another cause, named elsewhere.
  if (best.gpus === 0 || best.gpus >= f.minRailLocalGpus) return undefined;
  const reach = `the most any allowed leaf reaches is ${fmt(best.gpus)} (a ${best.leaf.radix}-port ${best.leaf.sw.model} leaf serving ${fmt(best.nodes)} node${best.nodes > 1 ? 's' : ''}${M <= best.nodes + 1 ? ` of the cluster's ${fmt(M)}` : ''})`;
  return {
    message: `fabric.minRailLocalGpus asks for ${fmt(f.minRailLocalGpus)} GPUs of one rail behind a single switch; ${reach}, so the search has no leaf group to start from`,
    field: 'fabric.minRailLocalGpus',
  };
}

/**
 * The switch options each tier may use by the speed of the links from below: leaves at the NIC's
 * per-plane speeds, spines at any leaf's up speed, cores (single mode) at any 3-tier spine's up
 * speed. Pins on other tiers are not applied: a tier's own pins are what is being checked.
 */
function tierSpeeds(ctx: Context, variants: ReturnType<typeof pinnedVariants>) {
  type At = { technology: string; gbps: number; option: SwitchOption };
  const leaf: At[] = variants.flatMap((v) => v.leafOptions.map((o) => ({ technology: v.technology, gbps: o.gbps, option: o })));
  const ups = (xs: At[]) => [...new Set(xs.map((x) => `${x.technology}|${x.option.upGbps}`))].map((k) => k.split('|'));
  const spine: At[] = ups(leaf).flatMap(([t, g]) => spineOptions(ctx, t, Number(g)).map((o) => ({ technology: t, gbps: o.gbps, option: o })));
  const core: At[] = ups(spine).flatMap(([t, g]) => upperOptions(ctx, t, Number(g)).map((o) => ({ technology: t, gbps: o.gbps, option: o })));
  return { leaf, spine, core };
}

/**
 * Pins no design can meet, read off the scenario: a pinned family, technology, plane or tier count
 * the other fabric fields exclude, a pinned switch or port mode the allowed switches or the NIC's
 * link speed rule out, a group size or leaf count the cluster cannot be cut into.
 */
export function pinProblems(ctx: Context): Diagnosis[] {
  const pin = ctx.scenario.fabric.pin;
  if (!pin) return [];
  const f = ctx.scenario.fabric;
  const M = ctx.nodes;
  const R = ctx.profile.railsPerNode;
  const out: Diagnosis[] = [];
  const at = (field: string, message: string) => out.push({ message: `fabric.pin.${field}: ${message}`, field: `fabric.pin.${field}` });
  if (pin.family !== undefined && !f.families.includes(pin.family)) at('family', `${pin.family} is not among fabric.families (${list(f.families, 'and')})`);
  if (pin.technology !== undefined && !f.technologies.includes(pin.technology)) at('technology', `${pin.technology} is not among fabric.technologies (${list(f.technologies, 'and')})`);
  if (pin.planes !== undefined && !f.planes.includes(pin.planes)) at('planes', `${pin.planes} planes is not among fabric.planes (${list(f.planes)})`);
  if (out.length) return out;
  const families = pin.family !== undefined ? [pin.family] : f.families;
  const implied = impliedTiers(pin);
  const tiersOk = (T: number) => T <= f.maxTiers && implied.includes(T) && families.some((fam) => T >= FAMILY_TIERS[fam][0] && T <= FAMILY_TIERS[fam][1]);
  if (![1, 2, 3].some(tiersOk)) {
    const why = pin.tiers !== undefined && pin.tiers > f.maxTiers ? `${pin.tiers} tiers, but fabric.maxTiers is ${f.maxTiers}`
      : `the pins need ${list(implied.map((T) => `${T} tier${T > 1 ? 's' : ''}`))}, which ${list(families, 'and')} with fabric.maxTiers ${f.maxTiers} cannot have`;
    const field = pin.tiers !== undefined ? 'tiers' : pinsTier(pin.core) ? 'core' : pin.spine?.upPortMode !== undefined && pin.spine.upPorts === undefined ? 'spine.upPortMode' : pinsTier(pin.spine) ? 'spine' : pin.leaf?.upPorts !== undefined ? 'leaf.upPorts' : 'leaf.upPortMode';
    at(field, why);
    return out;
  }
  const variants = pinnedVariants(ctx);
  if (variants.length === 0) {
    at(pin.planes !== undefined ? 'planes' : 'technology', `the ${ctx.profile.id} NIC runs no allowed switch's port speed with ${pin.technology ?? 'the allowed technologies'}${pin.planes !== undefined ? ` on ${pin.planes} plane${pin.planes > 1 ? 's' : ''}` : ''}`);
    return out;
  }
  const speeds = [...new Set(variants.map((v) => v.linkGbps))];
  // Each tier runs at the speed of the links from below: leaves at the NIC's per-plane speed, spines
  // at a leaf's up speed, cores at a 3-tier spine's up speed (either the up mode of a cage split).
  const below = tierSpeeds(ctx, variants);
  const speedsOf = (role: 'leaf' | 'spine' | 'core') => [...new Set(below[role].map((x) => x.gbps))].sort((a, b) => a - b);
  const whose = { leaf: `the NIC's per-plane link speed`, spine: `the leaves' up speed`, core: `the spines' up speed` };
  for (const role of ['leaf', 'spine', 'core'] as const) {
    const p = pin[role];
    if (!p || (p.switchModel === undefined && p.portMode === undefined)) continue;
    const at_ = speedsOf(role);
    const runs = (technology: string, gbps: number) => below[role].some((x) => x.technology === technology && x.gbps === gbps);
    if (p.switchModel !== undefined) {
      const sw = ctx.catalog.switches.find((s) => s.model === p.switchModel || s.id === p.switchModel)!;
      if (f.switchModels.length > 0 && !f.switchModels.includes(sw.model) && !f.switchModels.includes(sw.id)) { at(`${role}.switchModel`, `${sw.model} is not in fabric.switchModels (${list(f.switchModels, 'and')})`); continue; }
      if (!variants.some((v) => v.technology === sw.technology)) { at(`${role}.switchModel`, `${sw.model} is ${TECH_LABEL[sw.technology]}, which the technology and plane settings rule out`); continue; }
      const modes = sw.portModes.filter((m) => runs(sw.technology, m.gbps));
      if (modes.length === 0) { at(`${role}.switchModel`, `${sw.model} has no ${list(at_.map((s) => `${s}G`))} port mode (it has ${list(sw.portModes.map((m) => m.id), 'and')}), ${whose[role]}`); continue; }
      if (p.portMode !== undefined && !modes.some((m) => m.id === p.portMode)) {
        const m = sw.portModes.find((x) => x.id === p.portMode)!;
        at(`${role}.portMode`, role === 'leaf' ? `${sw.model} ${m.id} runs ${m.gbps}G; the NIC's links are ${list(at_.map((s) => `${s}G`))} per plane`
          : `${sw.model} ${m.id} runs ${m.gbps}G; links from the ${role === 'spine' ? 'leaves' : 'spines'} run ${list(at_.map((s) => `${s}G`))}`);
      }
    } else if (!ctx.switchOptions.some((o) => o.mode.id === p.portMode && runs(o.sw.technology, o.gbps)))
      at(`${role}.portMode`, `no allowed switch has a ${p.portMode} port mode at ${list(at_.map((s) => `${s}G`))}`);
  }
  // A split's up side feeds the tier above: leaves and 3-tier spines have one, the top tier never (docs/model.md "Split port modes").
  if (pin.core?.upPortMode !== undefined) at('core.upPortMode', `a core is the top tier and has no up ports, so it never runs a cage split`);
  for (const role of ['leaf', 'spine'] as const) {
    const up = pin[role]?.upPortMode;
    if (up === undefined || below[role].some((x) => x.option.split && ctx.pins[role].option(x.option))) continue;
    const splits = below[role].filter((x) => x.option.split?.upMode.id === up).map((x) => x.option.sw.model);
    at(`${role}.upPortMode`, splits.length === 0
      ? `no allowed switch has a cage split with ${up} up and a down mode at ${list(speedsOf(role).map((s) => `${s}G`))}, ${whose[role]}`
      : `the cage splits with ${up} up (${list([...new Set(splits)], 'and')}) do not meet the ${role}'s other pins`);
  }
  if (pin.nodesPerLeafGroup !== undefined && pin.nodesPerLeafGroup > M) at('nodesPerLeafGroup', `${fmt(pin.nodesPerLeafGroup)} nodes per leaf group is more than the cluster's ${fmt(M)} nodes`);
  const g = pin.leavesPerNode;
  if (g !== undefined && !families.some((fam) => nodeSpreads(fam, R, ctx.pins).length > 0)) {
    const ft = families.includes('fat-tree');
    const rails = families.some((fam) => fam !== 'fat-tree');
    const valid = nodeSpreads('fat-tree', R).map((sp) => sp.leavesPerGroup);
    at('leavesPerNode', `${ft ? `a fat-tree node's ${R} rail${R > 1 ? 's' : ''} cannot spread evenly over ${fmt(g)} leaves (it spreads over ${list(valid)} ${valid.length === 1 ? 'leaf' : 'leaves'})` : ''}${ft && rails ? ', and ' : ''}${rails ? `a ${list(families.filter((fam) => fam !== 'fat-tree'), 'or')} node reaches ${R} leaves, one per rail` : ''}`);
  }
  const L = pin.leaf?.switchesPerPlane;
  if (L !== undefined) {
    // Leaves per plane are ceil(M / n) groups (times R rails for the rail families).
    const reachable = families.some((fam) => nodeSpreads(fam, R, ctx.pins).some(({ leavesPerGroup: lpg }) => {
      if (L % lpg !== 0) return false;
      const groups = L / lpg;
      const n = Math.ceil(M / groups);
      return n >= 1 && Math.ceil(M / n) === groups && (pin.nodesPerLeafGroup === undefined || pin.nodesPerLeafGroup === n);
    }));
    if (!reachable) {
      const rails = families.every((fam) => fam !== 'fat-tree') ? ` (${R} per scalable unit)` : '';
      at('leaf.switchesPerPlane', `${fmt(L)} leaves${rails} cannot serve ${fmt(M)} nodes in equal leaf groups${pin.nodesPerLeafGroup !== undefined ? ` of ${fmt(pin.nodesPerLeafGroup)}` : ''} (ceil(${fmt(M)} / n) groups of n nodes is never ${fmt(families.every((fam) => fam !== 'fat-tree') ? L / R : L)})`);
    }
  }
  const d = pin.leaf?.downPorts;
  // A fat-tree leaf takes R / g ports of each of its nodes: its down ports are a multiple of that for some allowed g.
  const perNode = nodeSpreads('fat-tree', R, ctx.pins).map((sp) => sp.railsPerLeaf);
  if (d !== undefined && families.every((fam) => fam === 'fat-tree') && perNode.length > 0 && !perNode.some((r) => d % r === 0))
    at('leaf.downPorts', perNode.length === 1 && perNode[0] === R
      ? `a fat-tree leaf takes all ${R} ports of each of its nodes, so its down ports are a multiple of ${R}, got ${d}`
      : `a fat-tree leaf takes ${list(perNode.map(String), 'or')} ports of each of its nodes (fabric.pin.leavesPerNode), so its down ports are a multiple of ${Math.min(...perNode)}, got ${d}`);
  return out;
}

/**
 * Pin fields in the order they are tried when no design meets the pins together: counts and port
 * splits first (the most specific, top tier first), then switches, then the fabric's shape.
 */
function pinFields(pin: Pin): string[] {
  const out: string[] = [];
  for (const k of ['switchesPerPlane', 'downPorts', 'upPorts', 'switchModel', 'portMode', 'upPortMode'] as const)
    for (const role of ['core', 'spine', 'leaf'] as const) if (pin[role]?.[k] !== undefined) out.push(`${role}.${k}`);
  for (const k of ['nodesPerLeafGroup', 'leavesPerNode', 'tiers', 'planes', 'technology', 'family'] as const) if (pin[k] !== undefined) out.push(k);
  return out;
}

function withoutPinField(pin: Pin, field: string): Pin {
  const [a, b] = field.split('.');
  const copy = structuredClone(pin) as Record<string, unknown>;
  if (b === undefined) delete copy[a];
  else delete (copy[a] as Record<string, unknown>)[b];
  return copy as Pin;
}

/** Enumeration steps each relaxed pin set may take to find a design (about a second of the reference enumerator). */
export const PIN_DIAGNOSIS_STEPS = 5_000_000;

/**
 * The pin that empties the space when no design meets all of them: the first field whose removal
 * leaves some design (the reference enumeration, stopped at the first design it yields, or after
 * PIN_DIAGNOSIS_STEPS steps: then that field is passed over). Step-counted, so both engines say the same.
 */
export function pinSpaceDiagnosis(ctx: Context): Diagnosis {
  const pin = ctx.scenario.fabric.pin!;
  const fields = pinFields(pin);
  let cutShort = false;
  for (const field of fields) {
    const relaxed: Context = { ...ctx, pins: pinPlan(withoutPinField(pin, field)) };
    const budget = { steps: PIN_DIAGNOSIS_STEPS };
    const found = !enumerateDesigns(relaxed, budget).next().done;
    if (budget.steps < 0) cutShort = true;
    if (found) {
      const value = field.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], pin);
      return {
        message: `fabric.pin.${field}: no design in the search space has ${JSON.stringify(value)} there together with the other pins and the fabric settings; without this pin there are designs`,
        field: `fabric.pin.${field}`,
      };
    }
  }
  return {
    message: `fabric.pin: no design in the search space meets the pins (${list(fields.map((x) => `fabric.pin.${x}`), 'and')}) together; ${
      cutShort ? 'the space is too large to try each pin left out to the end' : 'no single pin left out makes one'}`,
    field: 'fabric.pin',
  };
}

/** Causes that leave the design space empty or wholly infeasible, read off the scenario and catalog. */
export function diagnoseBeforeSearch(ctx: Context): Diagnosis[] {
  const f = ctx.scenario.fabric;
  const prof = ctx.profile;
  const out: Diagnosis[] = [];
  const techs = f.technologies;
  const pinned = pinProblems(ctx);
  if (pinned.length) return pinned;

  // The NIC must run some allowed technology at some allowed plane split.
  const speedsByTech = techs.map((t) => ({ t, speeds: nicSpeeds(ctx, t) }));
  if (speedsByTech.every((x) => x.speeds.length === 0)) {
    for (const { t } of speedsByTech) {
      const runs = prof.linkSpeeds[t];
      if (runs.length === 0) out.push({ message: `${prof.id} NICs do not run ${TECH_LABEL[t]}`, field: 'fabric.technologies' });
      else {
        const planes = runs.map((s) => prof.nicGbps / s).filter((p) => Number.isInteger(p));
        out.push({
          message: `${prof.id} NICs run ${TECH_LABEL[t]} at ${list(runs.map((s) => `${s}G`))} per plane, which needs ${list(planes.map((p) => `${p} plane${p > 1 ? 's' : ''}`))}; fabric.planes allows ${list(f.planes)}`,
          field: 'fabric.planes',
        });
      }
    }
    return out;
  }

  // Some allowed switch must have a port mode at such a speed.
  const variants = fabricVariants(ctx);
  if (variants.length === 0) {
    const allowed = ctx.catalog.switches.filter((s) => techs.includes(s.technology)
      && (f.switchModels.length === 0 || f.switchModels.includes(s.model) || f.switchModels.includes(s.id)));
    if (allowed.length === 0) {
      out.push(f.switchModels.length
        ? { message: `no ${list(techs.map((t) => TECH_LABEL[t]))} switch is allowed: fabric.switchModels lists only ${list(f.switchModels, 'and')}`, field: 'fabric.switchModels' }
        : { message: `the catalog has no ${list(techs.map((t) => TECH_LABEL[t]))} switch`, field: 'fabric.technologies' });
      return out;
    }
    for (const sw of allowed) {
      const speeds = nicSpeeds(ctx, sw.technology);
      if (speeds.length === 0) {
        out.push({ message: `${sw.model} is ${TECH_LABEL[sw.technology]} and ${prof.id} NICs do not run ${TECH_LABEL[sw.technology]} at the allowed plane counts`, field: 'fabric.technologies' });
        continue;
      }
      out.push({
        message: `${sw.model} has no ${list(speeds.map((s) => `${s}G`))} port mode (it has ${list(sw.portModes.map((m) => m.id), 'and')}) and ${prof.id} NICs run at ${list(speeds.map((s) => `${s}G`))}`,
        field: f.switchModels.length ? 'fabric.switchModels' : 'fabric.planes',
      });
    }
    return out;
  }

  // Node links: some recipe must join the NIC to some leaf candidate (reach aside).
  const blocked: Diagnosis[] = [];
  let usable = false;
  for (const v of variants) {
    const cages = [...new Set(v.options.map((o) => o.sw.cageType))];
    for (const cage of cages) {
      const type: LinkType = { kind: 'node-switch', technology: v.technology, linkGbps: v.linkGbps, switchCage: cage };
      const fitting = ctx.recipes.filter((r) => recipeFits(ctx, r, type));
      const models = list([...new Set(v.options.filter((o) => o.sw.cageType === cage).map((o) => o.sw.model))], 'and');
      const nicEnd = `NIC-${prof.nicFormFactor || 'port'} (${prof.nicGbps}G)`;
      if (fitting.length === 0) {
        blocked.push({ message: `no media recipe joins ${nicEnd} at ${v.linkGbps}G ${TECH_LABEL[v.technology]} to ${models} (${cage})`, field: 'fabric.switchModels' });
        continue;
      }
      const stocked = fitting.filter((r) => r.parts.every((p) => {
        if (p.role === 'cable') return (ctx.cableLengthsCm.get(p.part) ?? []).some((cm) => ctx.cableSku(p.part, cm)?.refCents !== undefined);
        return ctx.skuByPart.get(p.part)?.refCents !== undefined;
      }));
      if (stocked.length === 0) {
        const missing = fitting[0].parts.find((p) => p.role === 'cable'
          ? !(ctx.cableLengthsCm.get(p.part) ?? []).some((cm) => ctx.cableSku(p.part, cm)?.refCents !== undefined)
          : ctx.skuByPart.get(p.part)?.refCents === undefined)!;
        const category = missing.role === 'cable' ? 'cable' : 'optic';
        blocked.push({
          message: `every media recipe from ${nicEnd} at ${v.linkGbps}G to ${models} needs a part no allowed offer supplies (e.g. ${missing.part} in "${fitting[0].name}")`,
          field: `sourcing.${category}`,
        });
        continue;
      }
      usable = true;
    }
  }
  if (!usable) return blocked;

  // Leaf groups too small for the rail-locality floor are dropped before the search.
  const locality = railLocalityOf(ctx, variants);
  if (locality) out.push(locality);
  // More NIC ports than the allowed tiers can connect under the oversubscription caps.
  const limits = limitsOf(ctx, variants);
  if (!limits.fits) out.push(limits.diagnosis);
  return out;
}

/** Rejection rules that a single scenario field sets, so the diagnosis can name it. */
const RULE_FIELDS: Record<string, string> = {
  'min-spines': 'fabric.minSpinesPerPlane',
  'min-uplink-switches': 'fabric.minUplinkSwitches',
};

/** The diagnosis a result with no feasible design carries before any fix is tried; never empty. */
export function diagnoseEmpty(ctx: Context, result: Pick<Result, 'stats'>): Diagnosis[] {
  const found = diagnoseBeforeSearch(ctx);
  if (found.length) return found;
  const reasons = result.stats.infeasibleReasons;
  const f = ctx.scenario.fabric;
  if (reasons.length === 0 && ctx.pins.any && result.stats.spaceSize === 0) return [pinSpaceDiagnosis(ctx)];
  if (reasons.length === 0 && f.minRailLocalGpus !== undefined)
    return [{ message: `no design in the search space: leaf groups of at least ${fmt(f.minRailLocalGpus)} GPUs per rail (fabric.minRailLocalGpus) leave no leaf, spine and pod shape the allowed switches can build within ${f.maxTiers} tier${f.maxTiers > 1 ? 's' : ''}`, field: 'fabric.minRailLocalGpus' }];
  if (reasons.length === 0)
    return [{ message: `no design in the search space: the allowed families (${list(ctx.scenario.fabric.families, 'and')}), at most ${ctx.scenario.fabric.maxTiers} tier${ctx.scenario.fabric.maxTiers > 1 ? 's' : ''}, cannot connect ${fmt(ctx.nodes * ctx.profile.railsPerNode)} NIC ports per plane with the allowed switches`, field: 'fabric.maxTiers' }];
  const top = reasons[0];
  const field = RULE_FIELDS[top.reason.slice(0, top.reason.indexOf(':'))];
  return [{ message: `every design was rejected; most often (${fmt(top.count)} designs) because ${top.reason}`, ...(field ? { field } : {}) }];
}

// ---------------------------------------------------------------------------------------------
// Changes tried with the search itself.
// ---------------------------------------------------------------------------------------------

/** A scenario change to try, in words and as the field it sets. */
export interface Change {
  field: string;
  fix: string;
  scenario: Scenario;
}

/** At most this many changes are tried per diagnosis (each is a full search). */
export const MAX_TRIES = 6;

const reachRejected = (result: Pick<Result, 'stats'>) =>
  result.stats.infeasibleReasons.find((r) => r.reason.startsWith('media:') && r.reason.includes('reaches a'));

const withLayout = (s: Scenario, patch: Partial<Scenario['layout']>): Scenario => ({ ...s, layout: { ...s.layout, ...patch } });
const withFabric = (s: Scenario, patch: Partial<Scenario['fabric']>): Scenario => ({ ...s, fabric: { ...s.fabric, ...patch } });

/** Row lengths to try, nearest to the current one first: shorter rows shorten runs along a row, longer ones shorten a deep floor. */
function rowLengths(current: number, resolved: number): number[] {
  const out = new Set<number>();
  for (const k of [0.8, 1.25, 0.6, 1.6, 0.5, 2, 0.4, 2.5, 3, 4]) {
    const v = Math.min(200, Math.max(1, Math.round(current * k)));
    if (v !== current) out.add(v);
  }
  if (resolved !== current) out.add(resolved);
  return [...out].sort((a, b) => Math.abs(a - current) - Math.abs(b - current) || a - b);
}

/** The changes worth trying for a result with no feasible design, most local first. */
export function changesToTry(ctx: Context, result: Pick<Result, 'stats'>): Change[] {
  const input = ctx.input;
  const layout = ctx.scenario.layout;
  const changes: Change[] = [];
  // A cause no layout change removes (no switch at the NIC's speed, no media at all) is not worth trying around.
  const limits = limitsOf(ctx, fabricVariants(ctx));
  if (limits.fits && diagnoseBeforeSearch(ctx).length > 0) return [];
  const reach = reachRejected(result);
  if (reach) {
    if (layout.switchPlacement === 'row-end')
      changes.push({ field: 'layout.switchPlacement', fix: 'layout.switchPlacement: "group-center" (leaves beside their nodes, not at the row end)', scenario: withLayout(input, { switchPlacement: 'group-center' }) });
    if (reach.reason.includes('spine-core') && layout.networkRowSpanM > 6)
      changes.push({ field: 'layout.networkRowSpanM', fix: 'layout.networkRowSpanM: 6', scenario: withLayout(input, { networkRowSpanM: 6 }) });
    const lengths = rowLengths(layout.racksPerRow, layout.racksPerRow);
    for (const v of lengths.slice(0, 4))
      changes.push({ field: 'layout.racksPerRow', fix: `layout.racksPerRow: ${v} (${v < layout.racksPerRow ? 'shorter' : 'longer'} rows than ${layout.racksPerRow})`, scenario: withLayout(input, { racksPerRow: v }) });
    const s = input.sourcing;
    if (s.optic.length < 3 || s.cable.length < 3)
      changes.push({ field: 'sourcing.optic', fix: 'allow every source of optics and cables (sourcing.optic and sourcing.cable)', scenario: { ...input, sourcing: { ...s, optic: ['oem-new', 'oem-refurbished', 'compatible-new'], cable: ['oem-new', 'oem-refurbished', 'compatible-new'] } } });
    for (const v of lengths.slice(4))
      changes.push({ field: 'layout.racksPerRow', fix: `layout.racksPerRow: ${v} (${v < layout.racksPerRow ? 'shorter' : 'longer'} rows than ${layout.racksPerRow})`, scenario: withLayout(input, { racksPerRow: v }) });
  }
  // The redundancy minimums: try what one spine (and one uplink switch) would allow, so the user
  // knows the rule is what stands between them and a design.
  const f0 = ctx.scenario.fabric;
  const redundancy = result.stats.infeasibleReasons.some((r) => r.reason.startsWith('min-spines:') || r.reason.startsWith('min-uplink-switches:'));
  if (redundancy && (f0.minSpinesPerPlane > 1 || f0.minUplinkSwitches > 1))
    changes.push({
      field: f0.minSpinesPerPlane > 1 ? 'fabric.minSpinesPerPlane' : 'fabric.minUplinkSwitches',
      fix: 'fabric.minSpinesPerPlane: 1 and fabric.minUplinkSwitches: 1 (a single spine or uplink switch allowed; no redundancy)',
      scenario: withFabric(input, { minSpinesPerPlane: 1, minUplinkSwitches: 1 }),
    });
  if (!limits.fits) {
    const f = ctx.scenario.fabric;
    if (limits.diagnosis.field === 'fabric.maxTiers') {
      changes.push({ field: 'fabric.maxTiers', fix: 'fabric.maxTiers: 3', scenario: withFabric(input, { maxTiers: 3 }) });
    } else {
      // The next plane split the NIC runs (more, slower ports per switch), then more oversubscription.
      const nic = ctx.profile.nicGbps;
      const P = [2, 4, 8].find((p) => !f.planes.includes(p) && f.technologies.some((t) => ctx.profile.linkSpeeds[t].includes(nic / p)));
      if (P !== undefined) {
        const planes = [...f.planes, P].sort((a, b) => a - b);
        changes.push({ field: 'fabric.planes', fix: `fabric.planes: [${planes.join(', ')}] (split each NIC port into ${P} planes)`, scenario: withFabric(input, { planes }) });
      }
      // Per tier 2:1 compounds to 4:1 over two oversubscribed tiers: allow that end to end too.
      if (f.maxOversubscription < 2)
        changes.push({
          field: 'fabric.maxOversubscription', fix: 'fabric.maxOversubscription: 2 with fabric.maxEndToEndOversubscription: 4',
          scenario: withFabric(input, { maxOversubscription: 2, maxEndToEndOversubscription: Math.max(4, f.maxEndToEndOversubscription ?? 0) }),
        });
    }
  }
  return changes.flatMap((c) => {
    const scenario = keepPhasePlan(c.scenario);
    return scenario ? [{ ...c, scenario }] : [];
  }).slice(0, MAX_TRIES);
}

/**
 * A tried scenario whose cluster size differs from its phase plan's last phase (docs/phases.md:
 * the last phase is the cluster) gets a valid plan: the last phase moves to the new size when it
 * still grows on the phase before it; otherwise the change is not tried (undefined), since no
 * plan of the user's would remain. Scenarios without phases, or whose plan still ends at their
 * size, are returned as they are.
 */
export function keepPhasePlan(s: Scenario): Scenario | undefined {
  const phases = s.cluster.phases;
  if (!phases || phases[phases.length - 1].gpus === s.cluster.gpus) return s;
  const before = phases.length > 1 ? phases[phases.length - 2].gpus : 0;
  if (s.cluster.gpus <= before) return undefined;
  return { ...s, cluster: { ...s.cluster, phases: [...phases.slice(0, -1), { ...phases[phases.length - 1], gpus: s.cluster.gpus }] } };
}

/** Scenarios being tried: a search over one of them does not try changes of its own. */
const trials = new WeakSet<Scenario>();
export const isTrial = (s: Scenario) => trials.has(s);

/** The scenario a change is tried with: one design is enough to know. */
function trial(c: Change): Scenario {
  const s: Scenario = { ...c.scenario, search: { ...c.scenario.search, topK: 1 } };
  trials.add(s);
  return s;
}

/** The diagnosis for a tried change that made a design feasible. */
function fixed(c: Change): Diagnosis {
  return { message: `tried: with ${c.fix} the search finds a feasible design`, field: c.field, fix: c.fix };
}

/**
 * Tries the changes in order with `feasible` (the same engine's search) and adds the first that
 * works to the result's diagnosis, or says none of them did. Synchronous, for the reference engine.
 */
export function tryFixesSync(ctx: Context, result: Result, feasible: (s: Scenario) => boolean): void {
  if (result.candidates.length > 0 || isTrial(ctx.input)) return;
  const changes = changesToTry(ctx, result);
  for (const c of changes) if (feasible(trial(c))) return void result.diagnosis.push(fixed(c));
  if (changes.length) result.diagnosis.push(noneWorked(changes));
}

/** tryFixesSync for an asynchronous engine (the kernel pool). */
export async function tryFixes(ctx: Context, result: Result, feasible: (s: Scenario) => Promise<boolean>): Promise<void> {
  if (result.candidates.length > 0 || isTrial(ctx.input)) return;
  const changes = changesToTry(ctx, result);
  for (const c of changes) if (await feasible(trial(c))) return void result.diagnosis.push(fixed(c));
  if (changes.length) result.diagnosis.push(noneWorked(changes));
}

/** A feasibility test from an engine's optimize function: some design is feasible. */
export const feasibleWith = (run: (s: Scenario) => Promise<OptimizeOutcome>) => async (s: Scenario): Promise<boolean> => {
  const o = await run(s);
  return o.ok && o.result.candidates.length > 0;
};

function noneWorked(changes: Change[]): Diagnosis {
  return { message: `tried ${changes.length} change${changes.length > 1 ? 's' : ''} (${list(changes.map((c) => c.fix), 'and')}): none makes a design feasible` };
}
