import { z } from 'zod';
import { Family, PartCategory, Source, Technology } from './common';
import { Confidence } from './catalog';
import { PLACEMENTS, ScenarioSchema } from './scenario';
import { PhasedSummary } from './phase-plan';

export const TIER_ROLES = ['leaf', 'spine', 'core'] as const;
export const TierRole = z.enum(TIER_ROLES);
export type TierRole = z.infer<typeof TierRole>;
export const LINK_CLASSES = ['node-leaf', 'leaf-spine', 'spine-core'] as const;
export const LinkClass = z.enum(LINK_CLASSES);
export type LinkClass = z.infer<typeof LinkClass>;

const int = z.number().int().min(0);
const num = z.number().finite();

/** The choice that fully determines a fabric; materialize() turns it into devices, links and a BOM. */
export const DesignSchema = z.strictObject({
  family: Family,
  technology: Technology,
  planes: z.number().int().min(1),
  /** Nodes whose ports share one leaf (fat-tree) or one leaf per rail (rail families: the scalable unit). */
  nodesPerLeafGroup: z.number().int().min(1),
  /**
   * Fat-tree only: the leaves each node's NICs spread over, evenly (R / leavesPerNode rails to each
   * leaf of its group); a divisor of the node's rails below it. Left out: 1, a leaf holds whole nodes.
   */
  leavesPerNode: z.number().int().min(2).optional(),
  tiers: z.array(z.strictObject({
    switchId: z.string(),
    /** The port mode of the down ports (of every port when the tier runs one mode). */
    portModeId: z.string(),
    /** A split tier (the switch's cageSplits): the port mode of its up ports, on cages of their own. */
    upPortModeId: z.string().optional(),
    /** Down ports used per switch (for the top tier, the ports its lower tier needs). */
    downPorts: int,
    upPorts: int,
  })).min(1).max(3),
  /** 3 tiers only: spines in each pod and leaves in each pod. */
  spinesPerPod: z.number().int().min(1).optional(),
  leavesPerPod: z.number().int().min(1).optional(),
});
export type Design = z.infer<typeof DesignSchema>;

export const TierSummary = z.strictObject({
  role: TierRole,
  switchModel: z.string(),
  switchId: z.string(),
  portMode: z.string(),
  /** Switches of this role in the whole fabric, across every rail and plane. */
  count: int,
  countPerPlane: int,
  downPorts: int,
  upPorts: int,
  /** Speed of the down ports (of every port when the tier runs one mode). */
  portGbps: int,
  /** A split tier: the port mode and speed of its up ports (cage split; docs/model.md "Split port modes"). */
  upPortMode: z.string().optional(),
  upPortGbps: int.optional(),
  radix: int,
  /** Ports free beyond the reserved ones (radix - down - up - reserved). */
  freePortsPerSwitch: int,
  /** Ports kept free by fabric.sparePortsPct (ceil(radix x pct / 100)), never wired; 0 in older results. */
  reservedPortsPerSwitch: int.default(0),
  /** (downPorts x speed) / (upPorts x speed); 0 for the top tier. */
  oversubscription: num,
});

export const MediaLine = z.strictObject({
  recipe: z.string(),
  recipeName: z.string(),
  /** The standard length bought (the next standard length at or above the run). */
  lengthM: num,
  /** Longest computed run in this bucket. */
  maxRunM: num,
  count: int,
});

export const LinkSummary = z.strictObject({
  between: LinkClass,
  /** Links of this class in the whole fabric, across every rail and plane. */
  count: int,
  gbps: int,
  media: z.array(MediaLine),
});

export const BomLine = z.strictObject({
  part: z.string(),
  model: z.string(),
  name: z.string(),
  category: PartCategory,
  source: Source,
  vendor: z.string(),
  offer: z.string(),
  lengthM: num.optional(),
  quantity: int,
  unitPrice: num,
  extendedPrice: num,
  /** Spare units (objective.sparesPct), bought from the same offers after the installed ones. */
  spare: z.boolean().optional(),
  /**
   * What to order (older results lack the ordering fields): a cable's length-coded number from the
   * catalog's partNumbers, else the part's model. partNumberKind 'family' means the catalog knows
   * only the family (e.g. MCP7Y00-N00x): the length digits are still to be filled in.
   */
  partNumber: z.string().optional(),
  partNumberKind: z.enum(['orderable', 'family']).optional(),
  /** The offer's lead time and warranty. */
  leadTimeWeeks: num.optional(),
  warrantyYears: num.optional(),
  /** Power of one unit, typical and maximum, watts (a switch without optics; a cable both ends). */
  unitPowerW: num.optional(),
  unitMaxPowerW: num.optional(),
  /** The catalog's confidence in the part, lowered to 'estimated' when the part number is a family. */
  confidence: Confidence.optional(),
});
export type BomLine = z.infer<typeof BomLine>;

export const Metrics = z.strictObject({
  capex: num,
  capexAllOemNew: num,
  savingsVsAllOemNew: num,
  savingsPct: num,
  capexByCategory: z.strictObject({ switch: num, optic: num, cable: num }),
  /** owned: the residual value of reused parts (older results and designs that reuse nothing lack it). */
  capexBySource: z.strictObject({ 'oem-new': num, 'oem-refurbished': num, 'compatible-new': num, owned: num.optional() }),
  /** Parts reused from the inventory, when the design reuses any (src/topology/inventory.ts). */
  reuse: z.strictObject({
    /** Owned units the design uses (installed and spare). */
    units: int,
    /** Their residual value: what they would fetch if sold, counted in capex as the cost of reusing them. */
    residualValue: num,
    /** What the same units would cost bought from the allowed offers, cheapest first. */
    avoidedPrice: num,
    /** Capex of what is bought: capex minus the residual value. */
    capexBought: num,
    /** The same design with nothing reused: capex - residualValue + avoidedPrice. */
    capexBuyingEverything: num,
    /** capexBuyingEverything - capex = avoidedPrice - residualValue. */
    savingVsBuyingEverything: num,
  }).optional(),
  capexPerGpu: num,
  tco: num,
  energyCost: num,
  /** TCO parts besides capex and energy (older results lack them): support and licences over the years, */
  supportCost: num.optional(),
  /** expected replacements (annual failure rate per source and category x unit price x years), */
  replacementCost: num.optional(),
  /** and the spare units bought (in capex). */
  spareUnits: int.optional(),
  powerW: num,
  switchPowerW: num,
  mediaPowerW: num,
  switchCount: int,
  linkCount: int,
  transceiverCount: int,
  cableCount: int,
  portsUsed: int,
  portsTotal: int,
  portUtilizationPct: num,
  maxOversubscription: num,
  endToEndOversubscription: num,
  bisectionGbps: num,
  diameterHops: int,
  leafFailureGpuPortsCut: int,
  spineFailureBisectionLossPct: num,
  growthHeadroomEndpoints: int,
  /** Rack units of every switch. */
  rackUnits: int,
  /** Racks that hold switches only (leaves beside or at the end of their rows, spines and cores in the central row). */
  networkRacks: int,
  /** Rack units the switches in network racks take. */
  networkRackUnits: int,
  /** Leaves that sit in their nodes' compute rack (top of rack): no network rack for them. */
  computeRackSwitches: int,
  /** The most one network rack draws: switches at maximum power plus their optics, W. */
  maxNetworkRackPowerW: num,
  /** Network racks whose maximum draw exceeds layout.maxRackPowerKW. */
  networkRacksOverPowerLimit: int,
  allReduceGBpsPerGpu: num,
  allToAllGBpsPerGpu: num,
  /** GPUs of one rail that reach each other through a single switch (the leaf of their group); older results lack the locality fields. */
  railLocalGpus: int.optional(),
  /** GPUs of every rail behind one leaf group (cross-rail inside it: one scale-up hop, then one switch). */
  leafGroupGpus: int.optional(),
  /** Worst switch hops between two GPUs of one rail. */
  sameRailHops: int.optional(),
  /** Worst switch hops of cross-rail traffic through the fabric. */
  crossRailHops: int.optional(),
  /** True for rail-only: cross-rail traffic has no fabric path and goes through the scale-up domain. */
  crossRailViaScaleUp: z.boolean().optional(),
  /**
   * Resilience and path diversity (docs/model.md, "Resilience and ECMP paths"; src/topology/resilience.ts);
   * older results lack them. True when no single spine or core failure cuts a leaf off from the rest of its fabric.
   */
  singleSwitchFailureSafe: z.boolean().optional(),
  /** Distinct upper switches each leaf is wired to (0 at 1 tier). */
  uplinkSwitchesPerLeaf: int.optional(),
  /**
   * Distinct leaves each node's NIC ports reach in a plane (fat-tree: its leavesPerNode, 1 for whole
   * nodes per leaf; rail families: one per rail). A leaf failure takes 1 / leavesPerNode of each of
   * its nodes' ports; the node keeps the rest. Older results lack it.
   */
  leavesPerNode: int.optional(),
  /** Equal-cost shortest paths between GPUs on different leaves of one pod, each parallel link counted; null at 1 tier. */
  ecmpPathsCrossLeaf: int.nullable().optional(),
  /** The same paths told apart only by the switches they pass. */
  ecmpSwitchPathsCrossLeaf: int.nullable().optional(),
  /** 3 tiers: equal-cost paths between GPUs of different pods, each parallel link counted; null below 3 tiers. */
  ecmpPathsCrossPod: int.nullable().optional(),
  ecmpSwitchPathsCrossPod: int.nullable().optional(),
  maxLeadTimeWeeks: num,
  minWarrantyYears: num,
});
export type Metrics = z.infer<typeof Metrics>;

export const WARNING_CODES = ['unconfirmed-part', 'estimated-figure'] as const;
/** Something a buyer must know about a design's parts: the catalog's confidence in them. */
export const CandidateWarning = z.strictObject({
  /** unconfirmed-part: not known as a standard product; estimated-figure: some figure (power, reach, part number) is estimated. */
  code: z.enum(WARNING_CODES),
  message: z.string(),
  /** Catalog ids of the parts (switch, transceiver, cable, NIC) or media recipe the warning is about. */
  partIds: z.array(z.string()),
});
export type CandidateWarning = z.infer<typeof CandidateWarning>;

export const CandidateSchema = z.strictObject({
  id: z.string(),
  /** 1-based rank by the objective; null for a Pareto-front design outside the top K. */
  rank: z.number().int().min(1).nullable(),
  family: Family,
  technology: Technology,
  planes: z.number().int().min(1),
  linkGbps: int,
  design: DesignSchema,
  tiers: z.array(TierSummary),
  links: z.array(LinkSummary),
  bom: z.array(BomLine),
  metrics: Metrics,
  objectiveValue: num,
  /**
   * 3 tiers: every pod split that builds this same row (equal switch counts, links, cost, power and
   * metrics), the design's own first; empty below 3 tiers and in older results.
   */
  podSplits: z.array(z.strictObject({
    pods: int, leavesPerPod: int, spinesPerPod: int,
    /** The split's own resilience figures (older results lack them): see Metrics. */
    singleSwitchFailureSafe: z.boolean().optional(),
    uplinkSwitchesPerLeaf: int.optional(),
    ecmpPathsCrossLeaf: int.nullable().optional(),
  })).default([]),
  /** Unconfirmed parts and estimated figures this design relies on (older results have none). */
  warnings: z.array(CandidateWarning).default([]),
  /**
   * When the scenario grows in phases (cluster.phases): per phase its capex, what it adds and their
   * present values, and the same design bought on day one (docs/phases.md). objectiveValue is then
   * the present value the search ranks by.
   */
  phases: PhasedSummary.optional(),
});
export type Candidate = z.infer<typeof CandidateSchema>;

export const SearchStats = z.strictObject({
  /** Designs in the search space (before pruning). */
  spaceSize: int,
  evaluated: int,
  pruned: int,
  feasible: int,
  infeasible: int,
  elapsedMs: num,
  workers: int,
  engine: z.enum(['reference', 'kernel']),
  /** Why designs were rejected, most common first (reason -> count). */
  infeasibleReasons: z.array(z.strictObject({ reason: z.string(), count: int })),
  /**
   * Growing in phases (cluster.phases; docs/phases.md, "The search"): `rows` is how many rows
   * feasible at the final size the present-value ranking was handed (the reference: all of them;
   * the kernel: those its last run was asked for), `priced` how many it priced along the plan before
   * a floor proved no other row could enter the top K, `kernelRuns` how many times the kernel ran
   * (each asking four times the rows of the one before; 0 for the reference). The counts above are
   * the last run's.
   */
  phased: z.strictObject({ rows: int, priced: int, kernelRuns: int }).optional(),
});

/** The floor the costs assume: the scenario's layout with the defaults it left out filled in. */
export const ResolvedLayoutSchema = z.strictObject({
  nodesPerRack: int,
  racksPerRow: int,
  rackWidthM: num,
  rowPitchM: num,
  verticalRunM: num,
  slackFactor: num,
  networkRowSpanM: num,
  switchPlacement: z.enum(PLACEMENTS),
  rackUnitsPerNetworkRack: int,
  switchesInComputeRack: z.boolean(),
  maxRackPowerKW: num,
  computeRacks: int,
  rows: int,
  /** Layout fields filled in from the server profile and the cluster size rather than set by the scenario. */
  defaulted: z.array(z.string()),
});
export type ResolvedLayoutJson = z.infer<typeof ResolvedLayoutSchema>;

/** The fabric fields that grow with the cluster as the search assumed them (src/topology/fabric-defaults.ts). */
export const ResolvedFabricSchema = z.strictObject({
  planes: z.array(int),
  maxOversubscription: num,
  /** Fabric fields filled in from the cluster size rather than set by the scenario. */
  defaulted: z.array(z.string()),
});

/** Why nothing is feasible, in words a user acts on; with the change that was tried and works, when one was found. */
export const DiagnosisSchema = z.strictObject({
  message: z.string(),
  /** The scenario field to change, as a path (e.g. layout.racksPerRow). */
  field: z.string().optional(),
  /** The change that makes a design feasible (found by running the search with it). */
  fix: z.string().optional(),
});
export type Diagnosis = z.infer<typeof DiagnosisSchema>;

export const ResultSchema = z.strictObject({
  schemaVersion: z.literal(1),
  generator: z.string(),
  scenario: ScenarioSchema,
  catalogName: z.string(),
  currency: z.string(),
  objective: z.enum(['capex', 'tco']),
  candidates: z.array(CandidateSchema),
  pareto: z.array(z.string()),
  stats: SearchStats,
  /** The floor the search assumed (older results have none). */
  resolvedLayout: ResolvedLayoutSchema.optional(),
  /** The plane counts and oversubscription cap the search assumed (older results have none). */
  resolvedFabric: ResolvedFabricSchema.optional(),
  /** When nothing is feasible: why, and what change makes a design feasible. */
  diagnosis: z.array(DiagnosisSchema).default([]),
});
export type Result = z.infer<typeof ResultSchema>;
export type SearchStats = z.infer<typeof SearchStats>;
