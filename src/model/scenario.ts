import { z } from 'zod';
import { Family, FAMILIES, MAX_GPUS, Source, SOURCES, Technology, TECHNOLOGIES } from './common';
import { DiscountRatePct, lastPhaseProblem, Phases } from './phase-plan';

export const SERVER_PROFILE_IDS = [
  'hgx-h100-8x400g',
  'hgx-b200-8x400g',
  'hgx-b300-8x800g',
  'gb200-nvl72',
  'mi300x-8x400g',
] as const;

export { MAX_GPUS };

const positiveInt = (max: number, what = '') =>
  z
    .number({ error: 'must be a number' })
    .int('must be an integer')
    .min(1, 'must be a positive integer')
    .max(max, `must be at most ${max.toLocaleString('en-US')}${what}`);

const uniqueList = <T extends z.ZodType>(item: T, what: string) =>
  z
    .array(item)
    .min(1, `must list at least one ${what}`)
    .refine((xs) => new Set(xs).size === xs.length, `must not list a ${what} twice`);

export const Cluster = z.strictObject({
  gpus: positiveInt(MAX_GPUS, ' GPUs'),
  serverProfile: z.string().min(1, 'must not be empty').default('hgx-h100-8x400g'),
  gpusPerNode: positiveInt(512).optional(),
  railsPerNode: positiveInt(64).optional(),
  nicGbps: z.number().int('must be an integer').min(1, 'must be a positive integer').max(3200, 'must be at most 3,200').optional(),
  scaleUpDomainGpus: positiveInt(100_000).optional(),
  /**
   * Build the cluster in phases (docs/phases.md): GPU counts in build order with the month each is
   * built, the first now, the last equal to `gpus` (the design is chosen for it). Left out: one
   * phase, `gpus` built now.
   */
  phases: Phases.optional(),
}).superRefine((c, ctx) => {
  const p = c.phases && lastPhaseProblem(c.phases, c.gpus);
  if (p) ctx.addIssue({ code: 'custom', path: ['phases', c.phases!.length - 1, 'gpus'], message: p.message });
});

const pct50 = z.number({ error: 'must be a number' }).min(0, 'must not be negative').max(50, 'must be at most 50%').default(0);

/** A fixed choice for one tier of the design (fabric.pin.leaf / .spine / .core); what is left out is searched. */
export const TierPin = z.strictObject({
  /** A catalog switch `model` (or id), like fabric.switchModels. */
  switchModel: z.string({ error: 'must be text' }).min(1, 'must not be empty').optional(),
  /** A port mode id of that switch (e.g. "64x400G"). */
  portMode: z.string({ error: 'must be text' }).min(1, 'must not be empty').optional(),
  /**
   * The up mode of a cage split (e.g. "64x800G" beside portMode "128x400G"): only splits with that
   * up mode meet it, so it also excludes single-mode switches, which have no separate up mode.
   */
  upPortMode: z.string({ error: 'must be text' }).min(1, 'must not be empty').optional(),
  /** Switches of this tier in one plane (the result's TierSummary.countPerPlane). */
  switchesPerPlane: z.number({ error: 'must be a number' }).int('must be an integer').min(1, 'must be a positive integer').max(4_194_304, 'must be at most 4,194,304').optional(),
  downPorts: z.number({ error: 'must be a number' }).int('must be an integer').min(1, 'must be a positive integer').max(65_536, 'must be at most 65,536').optional(),
  upPorts: z.number({ error: 'must be a number' }).int('must be an integer').min(0, 'must not be negative').max(65_536, 'must be at most 65,536').optional(),
});
export type TierPin = z.output<typeof TierPin>;

/**
 * Choices fixed by the user (a design they already have, or a published reference design): the
 * search explores only what is not pinned. A pin no design can meet is named in the diagnosis.
 */
export const Pin = z.strictObject({
  family: Family.optional(),
  technology: Technology.optional(),
  planes: z.number({ error: 'must be a number' }).int('must be an integer').refine((p) => [1, 2, 4, 8].includes(p), 'must be 1, 2, 4 or 8').optional(),
  tiers: z.number({ error: 'must be a number' }).int('must be an integer').min(1, 'must be 1, 2 or 3').max(3, 'must be 1, 2 or 3').optional(),
  /** Nodes per leaf group: per leaf (fat-tree), per scalable unit (rail-optimized, one leaf per rail), per leaf of a rail (rail-only). */
  nodesPerLeafGroup: z.number({ error: 'must be a number' }).int('must be an integer').min(1, 'must be a positive integer').max(4_194_304, 'must be at most 4,194,304').optional(),
  /**
   * The leaves each node's NIC ports reach in a plane: a fat-tree's leavesPerNode (1: whole nodes per
   * leaf; 2 with 8 rails: 4 NICs to each of two leaves); the rail families reach one leaf per rail,
   * so they meet it only when it equals the profile's railsPerNode (docs/model.md "Partial nodes per leaf").
   */
  leavesPerNode: z.number({ error: 'must be a number' }).int('must be an integer').min(1, 'must be a positive integer').max(64, 'must be at most 64').optional(),
  leaf: TierPin.optional(),
  spine: TierPin.optional(),
  core: TierPin.optional(),
});
export type Pin = z.output<typeof Pin>;

export const Fabric = z.strictObject({
  technologies: uniqueList(Technology, 'technology').default([...TECHNOLOGIES]),
  /** Allow-list of switch model names; empty means every model in the catalog. */
  switchModels: z.array(z.string().min(1)).max(200).default([]),
  families: uniqueList(Family, 'family').default([...FAMILIES]),
  maxTiers: z.number().int('must be an integer').min(1, 'must be 1, 2 or 3').max(3, 'must be 1, 2 or 3').default(3),
  /** Plane counts to search. Left out: [1] while one plane connects the cluster, else [1, P] with the fewest planes P that do (src/topology/fabric-defaults.ts). */
  planes: uniqueList(
    z.number().int('must be an integer').min(1, 'must be 1, 2, 4 or 8').max(8, 'must be 1, 2, 4 or 8')
      .refine((p) => [1, 2, 4, 8].includes(p), 'must be 1, 2, 4 or 8'),
    'plane count',
  ).optional(),
  /** Worst down:up bandwidth ratio allowed at any tier; 1 = non-blocking. Left out: 1, unless no plane count connects the cluster non-blocking (src/topology/fabric-defaults.ts). */
  maxOversubscription: z.number().min(1, 'must be at least 1 (1 = non-blocking)').max(64, 'must be at most 64').optional(),
  /**
   * Worst compounded ratio from a GPU to the top of the fabric (product of the tier ratios); left
   * out, it equals maxOversubscription, so non-blocking means non-blocking end to end.
   */
  maxEndToEndOversubscription: z.number().min(1, 'must be at least 1 (1 = non-blocking end to end)').max(4096, 'must be at most 4,096').optional(),
  /** Least number of GPUs of one rail that reach each other through a single switch (leaf). */
  minRailLocalGpus: z.number().int('must be an integer').min(1, 'must be a positive integer').max(4_194_304, 'must be at most 4,194,304').optional(),
  /**
   * Fewest spines a design with a spine tier may have: per plane at 2 tiers (per rail's fabric for
   * rail-only), per pod at 3 tiers. 2 by default, so one spine failure never cuts a leaf off.
   */
  minSpinesPerPlane: z.number({ error: 'must be a number' }).int('must be an integer').min(1, 'must be at least 1').max(1024, 'must be at most 1,024').default(2),
  /** Fewest distinct upper-tier switches every leaf (and, at 3 tiers, every spine) reaches; 2 by default. */
  minUplinkSwitches: z.number({ error: 'must be a number' }).int('must be an integer').min(1, 'must be at least 1').max(1024, 'must be at most 1,024').default(2),
  /** Ports per switch kept free, per tier, % of the radix rounded up (growth, replacements, management); never wired. */
  sparePortsPct: z.strictObject({ leaf: pct50, spine: pct50, core: pct50 }).prefault({}),
  /** Fixed choices; the search explores only the rest (see Pin). */
  pin: Pin.optional(),
});

export const PLACEMENTS = ['group-center', 'row-end'] as const;

export const Layout = z.strictObject({
  /** Left out: from the server profile (a fixed rack like NVL72, else its rack power budget). */
  nodesPerRack: positiveInt(72).optional(),
  /** Left out: grows with the cluster so the floor stays about square (src/topology/floor-defaults.ts). */
  racksPerRow: positiveInt(200).optional(),
  rackWidthM: z.number().min(0.3, 'must be at least 0.3 m').max(2, 'must be at most 2 m').default(0.6),
  rowPitchM: z.number().min(0.6, 'must be at least 0.6 m').max(10, 'must be at most 10 m').default(2.4),
  /** Cable run inside a rack, from a port up to the tray (or down to the floor). */
  verticalRunM: z.number().min(0, 'must not be negative').max(10, 'must be at most 10 m').default(1.5),
  /** Multiplier for routing, service loops and bend radius. */
  slackFactor: z.number().min(1, 'must be at least 1').max(3, 'must be at most 3').default(1.2),
  /** Mean run between two switches inside the central network row (spine to core); left out: 6 m, or a third of the floor's width when that is longer. */
  networkRowSpanM: z.number().min(0, 'must not be negative').max(200, 'must be at most 200 m').optional(),
  /** Where a leaf sits: the middle rack of the nodes it serves, or the end of their row. */
  switchPlacement: z.enum(PLACEMENTS).default('group-center'),
  rackUnitsPerNetworkRack: positiveInt(60).default(42),
  /** May a leaf sit in its nodes' compute rack? Left out: from the server profile (not in NVL72 racks). */
  switchesInComputeRack: z.boolean().optional(),
  /** Power a network rack may draw at most (switch maximum power + optics); left out: the profile's rack budget. */
  maxRackPowerKW: z.number().positive('must be positive').max(1000, 'must be at most 1,000 kW').optional(),
});

export const Sourcing = z.strictObject({
  switch: uniqueList(Source, 'source').default([...SOURCES]),
  optic: uniqueList(Source, 'source').default([...SOURCES]),
  cable: uniqueList(Source, 'source').default([...SOURCES]),
  maxLeadTimeWeeks: z.number().min(0, 'must not be negative').max(520, 'must be at most 520 weeks').optional(),
  minWarrantyYears: z.number().min(0, 'must not be negative').max(20, 'must be at most 20 years').optional(),
  /** Allow parts and media recipes whose catalog confidence is 'unconfirmed' (not known as standard products). */
  allowUnconfirmed: z.boolean({ error: 'must be true or false' }).default(false),
});

export const Objective = z.strictObject({
  minimize: z.enum(['capex', 'tco']).default('capex'),
  years: z.number().min(0, 'must not be negative').max(30, 'must be at most 30').default(5),
  energyPricePerKWh: z.number().min(0, 'must not be negative').max(10, 'must be at most 10 per kWh').default(0.12),
  pue: z.number().min(1, 'must be at least 1').max(5, 'must be at most 5').default(1.3),
  /** Spare units bought per category, % of the installed quantity (rounded up per part); capex, not powered. */
  sparesPct: z.strictObject({
    switch: z.number().min(0, 'must not be negative').max(100, 'must be at most 100%').default(0),
    optic: z.number().min(0, 'must not be negative').max(100, 'must be at most 100%').default(0),
    cable: z.number().min(0, 'must not be negative').max(100, 'must be at most 100%').default(0),
  }).prefault({}),
  /** Optional cap on network power (switches + optics), in watts. */
  maxPowerW: z.number().positive('must be positive').optional(),
  /** Yearly discount rate, %, for the present value of later phases' spending (cluster.phases). */
  discountRatePct: DiscountRatePct,
});

/**
 * Device naming: a hostname template per role, text with placeholders in braces (see
 * docs/exports.md and src/topology/naming.ts). A role left out keeps the family's default name.
 */
export const NAMING_PLACEHOLDERS = {
  hall: 'data hall (Railyard lays out one hall: 1)',
  row: 'row of racks: 01, 02, ... for compute rows, NET for the central network row',
  rack: 'rack within its row: 01, 02, ... for compute racks, N1, N2, ... for network racks',
  slot: "position in the rack: a node's slot (1 = lowest) or a switch's lowest U",
  plane: 'fabric plane, 1..planes (switches)',
  su: 'leaf group: the scalable unit (rail-optimized), the group across rails (rail-only) or the leaf (fat-tree; its leaves when nodes spread over several); nodes and leaves',
  pod: 'pod of a 3-tier fabric (spines)',
  rail: 'rail of a leaf (rail families) or of a rail-only spine',
  tier: 'tier number: 1 leaf, 2 spine, 3 core (switches)',
  role: 'leaf, spine or core (switches)',
  group: 'core group: the spine position every pod joins to it (cores)',
  member: 'number within its pod, rail or core group (spines and cores)',
  index: 'number within the role (and plane, for switches), from 1',
} as const;
export type NamingPlaceholder = keyof typeof NAMING_PLACEHOLDERS;
export type NamedRole = 'node' | 'leaf' | 'spine' | 'core';

/** Which placeholders mean something for which role. */
export const ROLE_PLACEHOLDERS: Record<NamedRole, readonly NamingPlaceholder[]> = {
  node: ['hall', 'row', 'rack', 'slot', 'su', 'index'],
  leaf: ['hall', 'row', 'rack', 'slot', 'plane', 'su', 'rail', 'tier', 'role', 'index'],
  spine: ['hall', 'row', 'rack', 'slot', 'plane', 'pod', 'rail', 'tier', 'role', 'member', 'index'],
  core: ['hall', 'row', 'rack', 'slot', 'plane', 'tier', 'role', 'group', 'member', 'index'],
};

/**
 * Why a template cannot name a role (an unknown placeholder, one that means nothing for the role,
 * an unmatched brace, characters a hostname cannot carry, no placeholder at all), or undefined.
 */
export function namingTemplateProblem(role: NamedRole, template: string): string | undefined {
  if (template.length === 0) return 'must not be empty';
  for (const m of template.matchAll(/\{([^{}]*)\}/g)) {
    const name = m[1];
    if (!(name in NAMING_PLACEHOLDERS))
      return `has an unknown placeholder {${name}}; known: ${Object.keys(NAMING_PLACEHOLDERS).map((x) => `{${x}}`).join(', ')}`;
    if (!ROLE_PLACEHOLDERS[role].includes(name as NamingPlaceholder))
      return `uses {${name}}, which means nothing for a ${role}; a ${role} name may use ${ROLE_PLACEHOLDERS[role].map((x) => `{${x}}`).join(', ')}`;
  }
  const literal = template.replace(/\{[^{}]*\}/g, '');
  if (/[{}]/.test(literal)) return 'has an unmatched brace';
  if (!/^[A-Za-z0-9._-]*$/.test(literal)) return 'may hold only letters, digits, ".", "_" and "-" outside placeholders (names become hostnames)';
  if (!/\{[^{}]*\}/.test(template)) return `has no placeholder, so every ${role} would get the same name`;
  return undefined;
}

const namingTemplate = (role: NamedRole) =>
  z.string({ error: 'must be text' }).max(100, 'must be at most 100 characters').superRefine((t, ctx) => {
    const why = namingTemplateProblem(role, t);
    if (why) ctx.addIssue({ code: 'custom', message: why });
  }).optional();

export const Naming = z.strictObject({
  /** Servers, e.g. "gpu-{row}-{rack}-{slot}"; default "node-{index}". */
  node: namingTemplate('node'),
  /** Leaves; default by family: "p{plane}-leaf-{index}", "p{plane}-su{su}-leaf-r{rail}", "p{plane}-r{rail}-leaf-{su}". */
  leaf: namingTemplate('leaf'),
  /** Spines; default "p{plane}-spine-{index}", "p{plane}-r{rail}-spine-{member}" (rail-only), "p{plane}-pod{pod}-spine-{member}" (3 tiers). */
  spine: namingTemplate('spine'),
  /** Cores; default "p{plane}-core-{group}-{member}". */
  core: namingTemplate('core'),
});

export const Search = z.strictObject({
  topK: positiveInt(100).default(10),
});

/**
 * Price swings for `railyard robustness` (docs/robustness.md): ranges in % of each offer's price by
 * source and category (an offer's own priceLow / priceHigh win), how many price sets to draw, and
 * the seed that makes the draw repeatable. Owned parts keep their residual value.
 */
const pctOfPrice = z.number({ error: 'must be a number' }).min(-95, 'must be at least -95 (%)').max(500, 'must be at most 500 (%)');
export const Robustness = z.strictObject({
  ranges: z.array(z.strictObject({
    source: Source.refine((s) => s !== 'owned', 'must not be "owned": owned parts keep their residual value'),
    category: z.enum(['switch', 'optic', 'cable']),
    lowPct: pctOfPrice,
    highPct: pctOfPrice,
  }).refine((r) => r.lowPct <= r.highPct, { path: ['highPct'], message: 'must be at least lowPct' }))
    .max(12, 'must list at most 12 ranges')
    .refine((rs) => new Set(rs.map((r) => `${r.source}/${r.category}`)).size === rs.length, 'must not list a source and category twice')
    .default([]),
  samples: z.number({ error: 'must be a number' }).int('must be an integer').min(1, 'must be a positive integer').max(10_000, 'must be at most 10,000').default(200),
  seed: z.number({ error: 'must be a number' }).int('must be an integer').min(0, 'must not be negative').max(4_294_967_295, 'must be at most 4,294,967,295').default(1),
});

export const ScenarioSchema = z.strictObject({
  schemaVersion: z.literal(1, { error: 'must be 1' }).default(1),
  name: z.string().max(200, 'must be at most 200 characters').optional(),
  cluster: Cluster,
  fabric: Fabric.prefault({}),
  layout: Layout.prefault({}),
  sourcing: Sourcing.prefault({}),
  objective: Objective.prefault({}),
  search: Search.prefault({}),
  naming: Naming.prefault({}),
  robustness: Robustness.optional(),
});

export type Scenario = z.output<typeof ScenarioSchema>;
export type ScenarioInput = z.input<typeof ScenarioSchema>;
export type SourcingPolicy = z.output<typeof Sourcing>;
export type LayoutSpec = z.output<typeof Layout>;
