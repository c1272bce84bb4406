import { z } from 'zod';
import { Id, NonNegativeMoney, Notes, Source, Technology } from './common';
import { quoteText } from './quote-text';

export const CAGE_TYPES = ['OSFP', 'QSFP-DD', 'QSFP112', 'QSFP56', 'QSFP28'] as const;
export const CageType = z.enum(CAGE_TYPES);
export type CageType = z.infer<typeof CageType>;

const count = (max: number) =>
  z.number().int('must be an integer').min(1, 'must be a positive integer').max(max, `must be at most ${max}`);
const watts = z.number().min(0, 'must not be negative').max(100_000, 'must be at most 100,000 W');
const meters = z.number().positive('must be positive').max(100_000, 'must be at most 100,000 m');
const name = z.string().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

/**
 * How far a part's existence and figures are established: 'verified' (a real orderable part whose
 * figures come from a public datasheet), 'estimated' (a real part, but some figure such as power,
 * reach or the part number is estimated), 'unconfirmed' (not known to exist as a standard
 * product). User catalogs that leave it out get 'estimated': nothing vouches for their figures, yet
 * the parts are presumably real. `notes` say which figure is estimated and why.
 */
export const CONFIDENCES = ['verified', 'estimated', 'unconfirmed'] as const;
export const Confidence = z.enum(CONFIDENCES);
export type Confidence = z.infer<typeof Confidence>;
const confidence = Confidence.default('estimated');

export const PortMode = z.strictObject({
  id: z.string().min(1).max(40),
  ports: count(4096),
  gbps: count(3200),
});

/**
 * A cage split a switch allows: some cages run port mode `down` (toward the tier below), the rest
 * port mode `up` (toward the tier above), e.g. SN5600 cages as 2 x 400G down and 1 x 800G up.
 */
export const CageSplit = z.strictObject({
  down: z.string().min(1).max(40),
  up: z.string().min(1).max(40),
});

export const SwitchPart = z.strictObject({
  id: Id,
  model: name,
  vendor: name,
  name,
  technology: Technology,
  cageType: CageType,
  cages: count(1024),
  portModes: z.array(PortMode).min(1, 'must list at least one port mode').max(16, 'must list at most 16 port modes'),
  /** Allowed cage splits (a down mode and an up mode, both of portModes); left out, every cage runs one mode. */
  cageSplits: z.array(CageSplit).max(16, 'must list at most 16 cage splits').optional(),
  /** Typical power without optics, watts. */
  powerW: watts,
  /** Maximum power without optics, watts, for PDU and rack-power sizing; powerW when left out (see switchMaxPowerW). */
  maxPowerW: watts.optional(),
  rackUnits: count(48),
  confidence,
  notes: Notes.default(''),
}).superRefine((sw, ctx) => {
  if (sw.maxPowerW !== undefined && sw.maxPowerW < sw.powerW)
    ctx.addIssue({ code: 'custom', path: ['maxPowerW'], message: `must be at least powerW (${sw.powerW} W), got ${sw.maxPowerW}` });
  sw.portModes.forEach((m, i) => {
    if (m.ports % sw.cages !== 0)
      ctx.addIssue({ code: 'custom', path: ['portModes', i, 'ports'], message: `must be a multiple of the ${sw.cages} cages, got ${m.ports}` });
  });
  const modeIds = sw.portModes.map((m) => m.id);
  const seen = new Set<string>();
  (sw.cageSplits ?? []).forEach((sp, i) => {
    for (const side of ['down', 'up'] as const)
      if (!modeIds.includes(sp[side]))
        ctx.addIssue({ code: 'custom', path: ['cageSplits', i, side], message: `must be one of the switch's port modes (${modeIds.join(', ')}), got "${sp[side]}"` });
    if (sp.down === sp.up)
      ctx.addIssue({ code: 'custom', path: ['cageSplits', i, 'up'], message: `must differ from the down mode "${sp.down}" (one mode on every cage is not a split)` });
    const key = `${sp.down}|${sp.up}`;
    if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['cageSplits', i], message: `repeats the split ${sp.down} down / ${sp.up} up` });
    seen.add(key);
  });
});

export const Transceiver = z.strictObject({
  id: Id,
  model: name,
  vendor: name,
  name,
  technologies: z.array(Technology).min(1).max(2, 'must list at most 2 technologies'),
  formFactor: z.string().min(1).max(40),
  /** Module aggregate rate (a twin-port 800G module serves two 400G links). */
  gbps: count(3200),
  reachM: meters,
  powerW: watts,
  confidence,
  notes: Notes.default(''),
});

export const CABLE_KINDS = ['dac', 'acc', 'aoc', 'fiber'] as const;
export const Cable = z.strictObject({
  id: Id,
  model: name,
  vendor: name,
  name,
  kind: z.enum(CABLE_KINDS),
  technologies: z.array(Technology).min(1).max(2, 'must list at most 2 technologies'),
  /** Standard lengths this cable is sold in, ascending, metres. */
  lengthsM: z.array(meters).min(1, 'must list at least one length').max(100, 'must list at most 100 lengths')
    .refine((ls) => ls.every((l, i) => i === 0 || l > ls[i - 1]), 'must be strictly ascending'),
  /** Power of one cable (both ends), watts; 0 for passive copper and fiber. */
  powerW: watts,
  /**
   * Orderable, length-coded part numbers by standard length: the key is the length in metres as
   * written in lengthsM ("0.5", "1", "2.5"), the value the number to order (e.g. MCP7Y00-N01A for
   * 1.5 m). A length left out is ordered by its family (`model`) and its BOM line is estimated.
   */
  partNumbers: z.record(z.string(), z.string().min(1, 'must not be empty').max(100, 'must be at most 100 characters')).optional(),
  confidence,
  notes: Notes.default(''),
}).superRefine((c, ctx) => {
  for (const key of Object.keys(c.partNumbers ?? {}))
    if (!c.lengthsM.some((l) => String(l) === key))
      ctx.addIssue({ code: 'custom', path: ['partNumbers', key], message: `must be one of the standard lengths (${c.lengthsM.join(', ')} m), got "${key}"` });
});

export const Nic = z.strictObject({
  id: Id,
  model: name,
  vendor: name,
  name,
  ports: count(16),
  gbps: count(3200),
  formFactor: z.string().min(1).max(40),
  technologies: z.array(Technology).min(1).max(2, 'must list at most 2 technologies'),
  confidence,
  notes: Notes.default(''),
});

export const RECIPE_ROLES = ['lower-end', 'upper-end', 'cable'] as const;
export const RecipePart = z.strictObject({
  part: Id,
  /** lower-end: the NIC end of a node link, or the lower switch; upper-end: the upper switch. */
  role: z.enum(RECIPE_ROLES),
  /** How many links one unit serves (2 for a twin-port module or a 1:2 splitter). */
  linksPerUnit: count(8),
});

export const MediaRecipe = z.strictObject({
  id: Id,
  name,
  technologies: z.array(Technology).min(1).max(2, 'must list at most 2 technologies'),
  /** Rate of one link. */
  linkGbps: count(3200),
  kind: z.enum(['node-switch', 'switch-switch']),
  /** Cage type at the switch end(s). */
  switchCage: CageType,
  /** node-switch only: the NIC port speed this recipe plugs into (defaults to linkGbps). */
  nicGbps: count(3200).optional(),
  /** node-switch only: the NIC cage this recipe's NIC-end part fits (any NIC when left out). */
  nicFormFactor: z.string().min(1).max(40).optional(),
  maxReachM: meters,
  parts: z.array(RecipePart).min(1, 'must list at least one part').max(8, 'must list at most 8 parts'),
  confidence,
  notes: Notes.default(''),
});

export const LinkSpeeds = z.strictObject({
  infiniband: z.array(count(3200)).max(16, 'must list at most 16 speeds').default([]),
  ethernet: z.array(count(3200)).max(16, 'must list at most 16 speeds').default([]),
});

export const ServerProfile = z.strictObject({
  id: Id,
  name,
  gpusPerNode: count(512),
  railsPerNode: count(64),
  nicGbps: count(3200),
  nic: Id,
  scaleUpDomainGpus: count(100_000),
  /** Scale-up (NVLink / Infinity Fabric) bandwidth per GPU, GB/s, one direction. */
  scaleUpGBpsPerGpu: z.number().min(0).max(100_000),
  /** Per-plane link speeds the NIC can run, by technology (nicGbps / planes must be listed). */
  linkSpeeds: LinkSpeeds,
  /** Nodes a rack holds when the rack is a fixed product (GB200 NVL72: 18 compute trays). */
  nodesPerRack: count(72).optional(),
  /** Maximum power of one node, kW (with rackPowerKW it sets nodes per rack). */
  nodePowerKW: z.number().positive('must be positive').max(1000, 'must be at most 1,000 kW').optional(),
  /** Power budget of one rack at the site this profile is deployed in, kW. */
  rackPowerKW: z.number().positive('must be positive').max(1000, 'must be at most 1,000 kW').optional(),
  /** Whether a leaf switch may sit in a compute rack (false for NVL72 racks: no free U). Default true. */
  switchesInComputeRack: z.boolean().optional(),
  notes: Notes.default(''),
});

export const Offer = z.strictObject({
  id: Id,
  part: Id,
  source: Source,
  vendor: name,
  /** Unit price in the catalog currency; for cables, the fixed part of base + perMeter x length. */
  price: NonNegativeMoney,
  perMeterPrice: z.number().min(0, 'must not be negative').max(100_000, 'must be at most 100,000 per metre').default(0),
  /** Cables only: the one standard length this offer sells (owned stock names its length); left out, every length. */
  lengthM: meters.optional(),
  /** Units available; null means unlimited. For cables, per standard length. */
  stock: z.number().int('must be an integer').min(0, 'must not be negative').max(1e9).nullable().default(null),
  leadTimeWeeks: z.number().min(0, 'must not be negative').max(520, 'must be at most 520 weeks').default(0),
  warrantyYears: z.number().min(0, 'must not be negative').max(20, 'must be at most 20 years').default(1),
  /** Annual support or licence per installed unit, catalog currency; added to TCO over the objective's years. */
  supportPerYear: z.number().min(0, 'must not be negative').max(10_000_000, 'must be at most 10,000,000 per year').default(0),
  /**
   * The range this price may swing in (quotes move by tens of percent): the robustness analysis
   * draws a price uniformly between them (docs/robustness.md). Left out, the scenario's
   * robustness.ranges apply, else the price is fixed. 0 <= priceLow <= price <= priceHigh.
   */
  priceLow: NonNegativeMoney.optional(),
  priceHigh: NonNegativeMoney.optional(),
  notes: Notes.default(''),
}).superRefine((o, ctx) => {
  if (o.priceLow !== undefined && o.priceLow > o.price)
    ctx.addIssue({ code: 'custom', path: ['priceLow'], message: `must be at most price (${o.price}), got ${o.priceLow}` });
  if (o.priceHigh !== undefined && o.priceHigh < o.price)
    ctx.addIssue({ code: 'custom', path: ['priceHigh'], message: `must be at least price (${o.price}), got ${o.priceHigh}` });
});

const failurePct = z.number().min(0, 'must not be negative').max(100, 'must be at most 100 (% per year)');
const CategoryFailureRates = z.strictObject({ switch: failurePct, optic: failurePct, cable: failurePct });
/**
 * Expected annual failure rates, % of installed units per year, by source and category: TCO buys
 * replacements at the unit's price. The defaults are estimates (see notes), not measurements.
 */
export const FailureRates = z.strictObject({
  'oem-new': CategoryFailureRates.default({ switch: 2, optic: 1, cable: 0.2 }),
  'oem-refurbished': CategoryFailureRates.default({ switch: 3, optic: 2, cable: 0.3 }),
  'compatible-new': CategoryFailureRates.default({ switch: 2.5, optic: 1.5, cable: 0.3 }),
  /** Parts already owned (used, out of a running cluster): assumed to fail like refurbished parts. */
  owned: CategoryFailureRates.default({ switch: 3, optic: 2, cable: 0.3 }),
  notes: Notes.default(
    'Estimated: a switch MTBF near 500,000 h is about 1.75% a year; transceivers and active cables fail more often than passive copper; '
      + 'refurbished and third-party parts are assumed somewhat worse than new OEM parts. Replace with your own fleet data.',
  ),
});
export type FailureRates = z.output<typeof FailureRates>;

export const CatalogSchema = z.strictObject({
  schemaVersion: z.literal(1, { error: 'must be 1' }).default(1),
  name: name.default('Catalog'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be a 3-letter currency code').default('USD'),
  priceBasis: z.string().max(500).default(''),
  switches: z.array(SwitchPart).max(500, 'must list at most 500 switches').default([]),
  transceivers: z.array(Transceiver).max(2000, 'must list at most 2,000 transceivers').default([]),
  cables: z.array(Cable).max(2000, 'must list at most 2,000 cables').default([]),
  nics: z.array(Nic).max(500, 'must list at most 500 NICs').default([]),
  mediaRecipes: z.array(MediaRecipe).max(2000, 'must list at most 2,000 media recipes').default([]),
  serverProfiles: z.array(ServerProfile).max(500, 'must list at most 500 server profiles').default([]),
  offers: z.array(Offer).max(20_000, 'must list at most 20,000 offers').default([]),
  failureRates: FailureRates.prefault({}),
}).superRefine((cat, ctx) => {
  // An id that breaks the id rule is reported there; cross-checking it would quote it again (it
  // may be 300 KB or hold control characters). Ids that are quoted are cleaned as the validator does.
  const validIds = new Map<string, boolean>();
  const valid = (id: string) => {
    let ok = validIds.get(id);
    if (ok === undefined) validIds.set(id, (ok = Id.safeParse(id).success));
    return ok;
  };
  const seen = new Map<string, string>();
  const claim = (id: string, path: (string | number)[]) => {
    if (!valid(id)) return;
    const prior = seen.get(id);
    if (prior) ctx.addIssue({ code: 'custom', path: [...path, 'id'], message: `must be unique (${prior} already uses it), got ${quoteText(id)}` });
    else seen.set(id, path.join('.'));
  };
  cat.switches.forEach((p, i) => claim(p.id, ['switches', i]));
  cat.transceivers.forEach((p, i) => claim(p.id, ['transceivers', i]));
  cat.cables.forEach((p, i) => claim(p.id, ['cables', i]));
  cat.nics.forEach((p, i) => claim(p.id, ['nics', i]));
  const recipeIds = new Set<string>();
  cat.mediaRecipes.forEach((r, i) => {
    if (!valid(r.id)) return;
    if (recipeIds.has(r.id)) ctx.addIssue({ code: 'custom', path: ['mediaRecipes', i, 'id'], message: `must be unique, got ${quoteText(r.id)} a second time` });
    recipeIds.add(r.id);
  });
  const offerIds = new Set<string>();
  cat.offers.forEach((o, i) => {
    if (!valid(o.id)) return;
    if (offerIds.has(o.id)) ctx.addIssue({ code: 'custom', path: ['offers', i, 'id'], message: `must be unique, got ${quoteText(o.id)} a second time` });
    offerIds.add(o.id);
  });
  const switches = new Set(cat.switches.map((p) => p.id));
  const optics = new Set(cat.transceivers.map((p) => p.id));
  const cables = new Set(cat.cables.map((p) => p.id));
  const nics = new Set(cat.nics.map((p) => p.id));
  cat.offers.forEach((o, i) => {
    if (valid(o.part) && !switches.has(o.part) && !optics.has(o.part) && !cables.has(o.part))
      ctx.addIssue({ code: 'custom', path: ['offers', i, 'part'], message: `must name a switch, transceiver or cable in the catalog, got ${quoteText(o.part)}` });
    if (o.lengthM !== undefined && cables.has(o.part)) {
      const lengths = cat.cables.find((c) => c.id === o.part)!.lengthsM;
      if (!lengths.includes(o.lengthM))
        ctx.addIssue({ code: 'custom', path: ['offers', i, 'lengthM'], message: `must be one of the cable's standard lengths (${lengths.join(', ')} m), got ${o.lengthM}` });
    } else if (o.lengthM !== undefined && valid(o.part) && (switches.has(o.part) || optics.has(o.part))) {
      ctx.addIssue({ code: 'custom', path: ['offers', i, 'lengthM'], message: 'must be left out: only cable offers have a length' });
    }
  });
  cat.mediaRecipes.forEach((r, i) => {
    if (r.kind === 'switch-switch' && (r.nicGbps !== undefined || r.nicFormFactor !== undefined))
      ctx.addIssue({ code: 'custom', path: ['mediaRecipes', i, 'nicGbps'], message: 'nicGbps and nicFormFactor must be left out for switch-switch recipes' });
    let cableCount = 0;
    r.parts.forEach((p, j) => {
      const path = ['mediaRecipes', i, 'parts', j, 'part'];
      if (p.role === 'cable') {
        cableCount++;
        if (valid(p.part) && !cables.has(p.part)) ctx.addIssue({ code: 'custom', path, message: `must name a cable in the catalog, got ${quoteText(p.part)}` });
      } else if (valid(p.part) && !optics.has(p.part)) {
        ctx.addIssue({ code: 'custom', path, message: `must name a transceiver in the catalog, got ${quoteText(p.part)}` });
      }
    });
    if (cableCount !== 1)
      ctx.addIssue({ code: 'custom', path: ['mediaRecipes', i, 'parts'], message: `must have exactly one cable part, got ${cableCount}` });
  });
  cat.serverProfiles.forEach((s, i) => {
    if (valid(s.nic) && !nics.has(s.nic)) ctx.addIssue({ code: 'custom', path: ['serverProfiles', i, 'nic'], message: `must name a NIC in the catalog, got ${quoteText(s.nic)}` });
  });
});

export type Catalog = z.output<typeof CatalogSchema>;
export type CatalogInput = z.input<typeof CatalogSchema>;
export type SwitchPart = z.output<typeof SwitchPart>;
export type Transceiver = z.output<typeof Transceiver>;
export type Cable = z.output<typeof Cable>;
export type Nic = z.output<typeof Nic>;
export type MediaRecipe = z.output<typeof MediaRecipe>;
export type ServerProfile = z.output<typeof ServerProfile>;
export type Offer = z.output<typeof Offer>;
export type PortMode = z.output<typeof PortMode>;

/** A switch's maximum power without optics: maxPowerW, or the typical powerW when the catalog gives none. */
export const switchMaxPowerW = (sw: Pick<SwitchPart, 'powerW' | 'maxPowerW'>): number => sw.maxPowerW ?? sw.powerW;
