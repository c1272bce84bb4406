import type { Catalog, Confidence, MediaRecipe, ServerProfile, SwitchPart, PortMode } from '../model/catalog';
import type { PartCategory, Source, Technology } from '../model/common';
import type { Scenario } from '../model/scenario';
import { unitPriceCents, toMilliwatts } from './money';
import { resolveLayout, type ResolvedScenario } from './floor-defaults';
import { checkAgainstCatalog } from './diagnose';
import { resolveFabricDefaults, type FabricDefaults } from './fabric-defaults';
import { pinPlan, type PinPlan } from './pins';

/** The server profile with the scenario's explicit overrides applied. */
export interface ResolvedProfile {
  id: string;
  name: string;
  gpusPerNode: number;
  railsPerNode: number;
  nicGbps: number;
  nicFormFactor: string;
  scaleUpDomainGpus: number;
  scaleUpGBpsPerGpu: number;
  /** Per-plane link speeds the NIC supports, by technology. */
  linkSpeeds: Record<Technology, number[]>;
}

/** One offer the sourcing policy allows, priced for its SKU. */
export interface AllowedOffer {
  offerIndex: number;
  offerId: string;
  source: Source;
  vendor: string;
  unitCents: number;
  /** null = unlimited */
  stock: number | null;
  leadTimeWeeks: number;
  warrantyYears: number;
}

/** A purchasable unit: a switch, a transceiver, or a cable at one standard length. */
export interface Sku {
  index: number;
  partId: string;
  category: PartCategory;
  model: string;
  name: string;
  /** Cables only: the standard length in centimetres. */
  lengthCm?: number;
  milliwatts: number;
  /** Allowed offers, cheapest first (ties by catalog order). */
  offers: AllowedOffer[];
  /** Cheapest allowed offer with stock, cents; undefined when none is allowed. */
  refCents?: number;
  /** Cheapest OEM-new offer regardless of policy (or cheapest offer when there is none), cents. */
  oemNewCents: number;
  /** The catalog's confidence in the part. */
  confidence: Confidence;
  /**
   * True when the policy would allow some offer but the part is unconfirmed and
   * sourcing.allowUnconfirmed is false: its offers are then withheld (offers is empty).
   */
  unconfirmedWithheld: boolean;
}

export interface SwitchOption {
  switchIndex: number;
  sw: SwitchPart;
  /** Port mode index; a split is numbered after the port modes (portModes.length + its cageSplits index), so keys stay ordered. */
  modeIndex: number;
  /** The port mode (of the down ports, for a split). */
  mode: PortMode;
  /** Ports of `mode` (for a split: its down ports were every cage in the down mode). */
  radix: number;
  /** Speed of the down ports (of every port without a split). */
  gbps: number;
  /** Speed of the up ports: `gbps`, or the up mode's speed of a split. */
  upGbps: number;
  /** A cage split (docs/model.md "Split port modes"): the up ports run `upMode` on cages of their own. */
  split?: { upMode: PortMode; upModeIndex: number; downPerCage: number; upPerCage: number };
  sku: Sku;
}

export interface Context {
  /** The scenario with its floor and fabric defaults resolved (filled in from the profile and cluster size). */
  scenario: ResolvedScenario;
  /** The plane counts and oversubscription cap searched, and which of them came from defaults. */
  resolvedFabric: FabricDefaults;
  /** The scenario as given, echoed in the result. */
  input: Scenario;
  catalog: Catalog;
  profile: ResolvedProfile;
  /** Nodes (servers). */
  nodes: number;
  skus: Sku[];
  skuByPart: Map<string, Sku>; // non-cable parts
  cableSku: (partId: string, lengthCm: number) => Sku | undefined;
  cableLengthsCm: Map<string, number[]>;
  switchOptions: SwitchOption[];
  recipes: MediaRecipe[];
  /** sourcing.allowUnconfirmed: unconfirmed parts and recipes are options only when true. */
  allowUnconfirmed: boolean;
  /** fabric.pin as a filter on the design space (src/topology/pins.ts). */
  pins: PinPlan;
}

export type ContextProblem = { ok: false; reason: string };

export function resolveProfile(scenario: Scenario, catalog: Catalog): ResolvedProfile | ContextProblem {
  const c = scenario.cluster;
  const base: ServerProfile | undefined = catalog.serverProfiles.find((p) => p.id === c.serverProfile);
  if (!base) {
    const known = catalog.serverProfiles.map((p) => p.id).join(', ');
    return { ok: false, reason: `cluster.serverProfile: must be a profile in the catalog (${known}), got "${c.serverProfile}"` };
  }
  const nic = catalog.nics.find((n) => n.id === base.nic);
  const nicGbps = c.nicGbps ?? base.nicGbps;
  // An overridden NIC speed means a NIC we know nothing about: allow every technology at nicGbps / planes.
  const linkSpeeds: Record<Technology, number[]> =
    c.nicGbps !== undefined && c.nicGbps !== base.nicGbps
      ? { infiniband: [1, 2, 4, 8].map((p) => nicGbps / p), ethernet: [1, 2, 4, 8].map((p) => nicGbps / p) }
      : { infiniband: base.linkSpeeds.infiniband, ethernet: base.linkSpeeds.ethernet };
  return {
    id: base.id,
    name: base.name,
    gpusPerNode: c.gpusPerNode ?? base.gpusPerNode,
    railsPerNode: c.railsPerNode ?? base.railsPerNode,
    nicGbps,
    nicFormFactor: nic?.formFactor ?? '',
    scaleUpDomainGpus: c.scaleUpDomainGpus ?? base.scaleUpDomainGpus,
    scaleUpGBpsPerGpu: base.scaleUpGBpsPerGpu,
    linkSpeeds,
  };
}

/**
 * Every purchasable unit of the catalog with the offers the sourcing policy allows, cheapest first:
 * switches, transceivers, then each cable at each standard length. (Apart from buildContext so V8
 * optimizes each piece on its own: one large function is slow to optimize and reoptimize.)
 */
function catalogSkus(catalog: Catalog, policy: Scenario['sourcing'], allowUnconfirmed: boolean) {
  const skus: Sku[] = [];
  const skuByPart = new Map<string, Sku>();
  const cableSkus = new Map<string, Sku>();
  const cableLengthsCm = new Map<string, number[]>();
  // Offers by part, in catalog order (each sku reads its part's, not the whole list).
  const offersOf = new Map<string, number[]>();
  for (let offerIndex = 0; offerIndex < catalog.offers.length; offerIndex++) {
    const part = catalog.offers[offerIndex].part;
    const list = offersOf.get(part);
    if (list) list.push(offerIndex);
    else offersOf.set(part, [offerIndex]);
  }
  const env: SkuEnv = { catalog, policy, allowUnconfirmed, offersOf, skus };

  for (const s of catalog.switches) skuByPart.set(s.id, makeSku(env, s.id, 'switch', s.model, s.name, s.powerW, s.confidence));
  for (const t of catalog.transceivers) skuByPart.set(t.id, makeSku(env, t.id, 'optic', t.model, t.name, t.powerW, t.confidence));
  for (const c of catalog.cables) {
    // Built by push with int32 values (lengths are at most 10^7 cm): an array from .map() here got
    // another elements kind once V8 optimized this function, and every loop over these lengths
    // (here and in the media chooser) was deoptimized and compiled again.
    const lengths: number[] = [];
    for (const m of c.lengthsM) lengths.push(Math.round(m * 100) | 0);
    cableLengthsCm.set(c.id, lengths);
    for (const cm of lengths) cableSkus.set(`${c.id}@${cm}`, makeSku(env, c.id, 'cable', c.model, c.name, c.powerW, c.confidence, cm));
  }
  return { skus, skuByPart, cableSkus, cableLengthsCm };
}

/** What makeSku reads and where it adds the skus it makes (see catalogSkus). */
interface SkuEnv {
  catalog: Catalog;
  policy: Scenario['sourcing'];
  allowUnconfirmed: boolean;
  /** Offers by part, in catalog order. */
  offersOf: Map<string, number[]>;
  skus: Sku[];
}

/**
 * The sku of one part (of one cable length) with the offers the policy allows, cheapest first.
 * (Module-level rather than a closure made per call: V8 holds a closure's optimized code only
 * while a closure of it lives, so a per-call one was compiled again after every full GC.)
 */
function makeSku(
  env: SkuEnv, partId: string, category: PartCategory, model: string, name: string, watts: number, confidence: Confidence, lengthCm?: number,
): Sku {
  const allowed: AllowedOffer[] = [];
  let oemNew: number | undefined;
  let anyCheapest: number | undefined;
  for (const offerIndex of env.offersOf.get(partId) ?? []) {
    const o = env.catalog.offers[offerIndex];
    // An offer of one cable length (owned stock names its length) is no offer for the others.
    if (o.lengthM !== undefined && (lengthCm === undefined || Math.round(o.lengthM * 100) !== lengthCm)) continue;
    const unitCents = unitPriceCents(o.price, category === 'cable' ? o.perMeterPrice : 0, lengthCm ?? 0);
    if (o.source === 'oem-new') oemNew = oemNew === undefined ? unitCents : Math.min(oemNew, unitCents);
    // The all-OEM-new reference is a price to buy at: a residual value of owned stock is not one.
    if (o.source !== 'owned') anyCheapest = anyCheapest === undefined ? unitCents : Math.min(anyCheapest, unitCents);
    if (!env.policy[category].includes(o.source)) continue;
    if (env.policy.maxLeadTimeWeeks !== undefined && o.leadTimeWeeks > env.policy.maxLeadTimeWeeks) continue;
    if (env.policy.minWarrantyYears !== undefined && o.warrantyYears < env.policy.minWarrantyYears) continue;
    if (o.stock === 0) continue;
    allowed.push({
      offerIndex, offerId: o.id, source: o.source, vendor: o.vendor, unitCents,
      stock: o.stock, leadTimeWeeks: o.leadTimeWeeks, warrantyYears: o.warrantyYears,
    });
  }
  allowed.sort(byUnitPrice);
  // An unconfirmed part is priced like any other but offered only when the scenario allows it, so
  // both engines simply do not see it (media choice falls back to confirmed recipes).
  const unconfirmedWithheld = confidence === 'unconfirmed' && !env.allowUnconfirmed && allowed.length > 0;
  const offers = unconfirmedWithheld ? [] : allowed;
  const sku: Sku = {
    index: env.skus.length, partId, category, model, name, lengthCm,
    milliwatts: toMilliwatts(watts),
    offers,
    refCents: offers[0]?.unitCents,
    oemNewCents: oemNew ?? anyCheapest ?? 0,
    confidence,
    unconfirmedWithheld,
  };
  env.skus.push(sku);
  return sku;
}

const byUnitPrice = (a: AllowedOffer, b: AllowedOffer) => a.unitCents - b.unitCents || a.offerIndex - b.offerIndex;

/** The switch options the fabric may use: each allowed switch's port modes, then its cage splits, in catalog order. */
function switchOptionsOf(scenario: Scenario, catalog: Catalog, skuByPart: Map<string, Sku>): SwitchOption[] {
  const allowedModels = scenario.fabric.switchModels;
  const switchOptions: SwitchOption[] = [];
  catalog.switches.forEach((sw, switchIndex) => {
    if (!scenario.fabric.technologies.includes(sw.technology)) return;
    if (allowedModels.length > 0 && !allowedModels.includes(sw.model) && !allowedModels.includes(sw.id)) return;
    sw.portModes.forEach((mode, modeIndex) => {
      switchOptions.push({ switchIndex, sw, modeIndex, mode, radix: mode.ports, gbps: mode.gbps, upGbps: mode.gbps, sku: skuByPart.get(sw.id)! });
    });
    // Splits follow the switch's port modes, so option order is (switch, mode index) for both engines.
    (sw.cageSplits ?? []).forEach((sp, i) => {
      const mode = sw.portModes.find((m) => m.id === sp.down)!;
      const upModeIndex = sw.portModes.findIndex((m) => m.id === sp.up);
      const upMode = sw.portModes[upModeIndex];
      switchOptions.push({
        switchIndex, sw, modeIndex: sw.portModes.length + i, mode, radix: mode.ports, gbps: mode.gbps, upGbps: upMode.gbps,
        split: { upMode, upModeIndex, downPerCage: mode.ports / sw.cages, upPerCage: upMode.ports / sw.cages },
        sku: skuByPart.get(sw.id)!,
      });
    });
  });
  return switchOptions;
}

/** Builds the priced, policy-filtered view of the catalog that evaluation works on. */
export function buildContext(scenario: Scenario, catalog: Catalog): Context | ContextProblem {
  const profile = resolveProfile(scenario, catalog);
  if ('ok' in profile) return profile;
  const unknown = checkAgainstCatalog(scenario, catalog);
  if (unknown) return { ok: false, reason: unknown };
  const policy = scenario.sourcing;
  const allowUnconfirmed = policy.allowUnconfirmed;
  const nic = catalog.nics.find((n) => n.id === catalog.serverProfiles.find((p) => p.id === profile.id)?.nic);
  if (nic && nic.confidence === 'unconfirmed' && !allowUnconfirmed)
    return { ok: false, reason: `cluster.serverProfile: the NIC of ${profile.id}, ${nic.id} (${nic.name}), is unconfirmed; set sourcing.allowUnconfirmed to use it` };
  const { skus, skuByPart, cableSkus, cableLengthsCm } = catalogSkus(catalog, policy, allowUnconfirmed);
  const switchOptions = switchOptionsOf(scenario, catalog, skuByPart);

  const nodes = Math.ceil(scenario.cluster.gpus / profile.gpusPerNode);
  const baseProfile = catalog.serverProfiles.find((p) => p.id === profile.id)!;
  // Provisional fabric defaults ([1] plane, non-blocking), then grown with the cluster where left out.
  const fabric = { ...scenario.fabric, planes: scenario.fabric.planes ?? (scenario.fabric.pin?.planes !== undefined ? [scenario.fabric.pin.planes] : [1]), maxOversubscription: scenario.fabric.maxOversubscription ?? 1 };
  const ctx: Context = {
    scenario: { ...scenario, fabric, layout: resolveLayout(scenario.layout, baseProfile, nodes) }, input: scenario, catalog, profile,
    resolvedFabric: { planes: fabric.planes, maxOversubscription: fabric.maxOversubscription, defaulted: [] },
    nodes,
    skus, skuByPart,
    cableSku: (partId, lengthCm) => cableSkus.get(`${partId}@${lengthCm}`),
    cableLengthsCm,
    switchOptions,
    recipes: catalog.mediaRecipes,
    allowUnconfirmed,
    pins: pinPlan(scenario.fabric.pin),
  };
  const resolved = resolveFabricDefaults(ctx);
  ctx.resolvedFabric = resolved;
  ctx.scenario.fabric = { ...fabric, planes: resolved.planes, maxOversubscription: resolved.maxOversubscription };
  return ctx;
}
