// Reference templates: published NVIDIA designs (DGX SuperPOD scalable units, the B300 XDR and
// Spectrum-X twin-planar fabrics, GB200 NVL72 racks) that fill in a scenario for a given size, with
// fabric.pin fixing what the published design fixes. The switch counts per tier follow the
// balanced-wiring rules of docs/model.md ("Design space"); test/catalog/templates.test.ts holds
// them to the published tables quoted below, and docs/templates.md lists every table and source.
import type { Family, Technology } from '../model/common';
import type { ScenarioInput } from '../model/scenario';

/** One tier of a pinned design, as fabric.pin takes it (counts per plane; src/model/scenario.ts TierPin). */
export interface TierPin {
  switchModel?: string;
  portMode?: string;
  switchesPerPlane?: number;
  downPorts?: number;
  upPorts?: number;
}

export interface FabricPin {
  family?: Family;
  technology?: Technology;
  planes?: 1 | 2 | 4 | 8;
  tiers?: 1 | 2 | 3;
  nodesPerLeafGroup?: number;
  leaf?: TierPin;
  spine?: TierPin;
  core?: TierPin;
}

/** What a template writes: a scenario document (src/model/scenario.ts) with fabric.pin. */
export interface TemplateScenario {
  schemaVersion: 1;
  name: string;
  cluster: { gpus: number; serverProfile: string };
  fabric: {
    technologies: Technology[];
    families: Family[];
    planes: number[];
    switchModels?: string[];
    maxTiers?: number;
    minRailLocalGpus?: number;
    pin: FabricPin;
  };
}

/** A published source, cited by its title and address. */
export interface Citation {
  title: string;
  url: string;
  /** Which table or section of it. */
  part: string;
}

/** One row of a published table: switches of the whole fabric (every plane) at one size. */
export interface PublishedRow {
  size: number;
  gpus: number;
  leaves: number;
  spines: number;
  /** Absent: the published design has two tiers at this size. */
  cores?: number;
}

/** The design a template pins at one size. Counts are per plane, as fabric.pin takes them. */
export interface TemplateDesign {
  gpus: number;
  nodes: number;
  tiers: 2 | 3;
  pin: Required<Pick<FabricPin, 'family' | 'technology' | 'planes' | 'tiers' | 'nodesPerLeafGroup'>> & {
    leaf: Required<TierPin>;
    spine: Required<TierPin>;
    core?: Required<TierPin>;
  };
  /** Switches of the whole fabric per tier (per plane x planes). */
  switches: { leaves: number; spines: number; cores: number };
}

export interface TemplateSize {
  /** What the size counts: scalable units, or GPUs (whole NVL72 racks). */
  unit: 'SU' | 'GPUs';
  /** How the app and the CLI name it. */
  label: string;
  /** What one unit holds, for messages: "32 nodes, 256 GPUs each". */
  each: string;
  min: number;
  max: number;
  /** Sizes must be a multiple of this (72 GPUs: whole NVL72 racks). */
  step: number;
  default: number;
}

export interface ReferenceTemplate {
  id: string;
  title: string;
  description: string;
  profile: string;
  sources: Citation[];
  /** Rows of the published tables the template reproduces; empty when no table is public. */
  published: PublishedRow[];
  /** Where the pins come from: what is published and what is derived. */
  notes: string[];
  size: TemplateSize;
  /** The pinned design at a size; throws a TemplateSizeError for a size out of bounds. */
  designFor(size: number): TemplateDesign;
  /** The scenario for a size: ON pins the whole design (only sourcing and media vary), OFF only family, technology and planes. */
  scenarioFor(size: number, options?: { varyOnlySourcing?: boolean }): TemplateScenario;
}

/** A size outside a template's bounds; the message names the field and the rule. */
export class TemplateSizeError extends RangeError {}

const fmt = (n: number) => n.toLocaleString('en-US');

/** Why a size is not one the template takes (field named `size`), or undefined. */
export function templateSizeProblem(t: Pick<ReferenceTemplate, 'size'>, size: unknown): string | undefined {
  const s = t.size;
  const rule = s.step > 1
    ? `must be a multiple of ${s.step} ${s.unit} from ${fmt(s.min)} to ${fmt(s.max)}`
    : `must be a whole number of ${s.unit === 'SU' ? 'scalable units' : s.unit} from ${fmt(s.min)} to ${fmt(s.max)}`;
  if (typeof size !== 'number' || !Number.isFinite(size))
    return `${rule}, got ${size === undefined || (typeof size === 'string' && size.trim() === '') ? 'nothing' : typeof size === 'number' ? String(size) : JSON.stringify(size)}`;
  if (!Number.isInteger(size) || size < s.min || size > s.max || size % s.step !== 0) return `${rule}, got ${size}`;
  return undefined;
}

/**
 * A size typed as text (the app's field, the CLI's --size): whole decimal digits, thousands
 * separated by commas or not ("9,216"). Anything else ("1e3", "0x10", "2.5") is kept as typed, so
 * templateSizeProblem names it.
 */
export function readTemplateSize(text: string): number | string {
  const t = text.trim();
  return /^\d{1,3}(,\d{3})*$|^\d+$/.test(t) ? Number(t.replace(/,/g, '')) : t;
}

/** The size a text names for a template, or the problem with it (field not named). */
export function templateSizeFromText(t: Pick<ReferenceTemplate, 'size'>, text: string): { ok: true; size: number } | { ok: false; problem: string } {
  const size = readTemplateSize(text);
  const problem = templateSizeProblem(t, typeof size === 'string' && /^-?\d+(\.\d+)?$/.test(size) ? Number(size) : size);
  return problem ? { ok: false, problem } : { ok: true, size: size as number };
}

function divisors(u: number): number[] {
  const out: number[] = [];
  for (let s = 1; s <= u; s++) if (u % s === 0) out.push(s);
  return out;
}

/** Smallest divisor of `u` that is at least `min` (docs/model.md: the fewest switches of balanced wiring). */
function smallestDivisorAtLeast(u: number, min: number): number | undefined {
  for (let s = Math.max(1, min); s <= u; s++) if (u % s === 0) return s;
  return undefined;
}

/** A non-blocking rail-optimized fabric of one switch model and port mode on every tier. */
interface RailOptimizedSpec {
  technology: Technology;
  switchModel: string;
  portMode: string;
  /** Ports of the switch in that mode. */
  radix: number;
  planes: 1 | 2;
  rails: number;
  gpusPerNode: number;
  /** Nodes per rail leaf: the scalable unit (half the radix down, half up). */
  groupNodes: number;
}

/**
 * Counts one plane of a non-blocking rail-optimized fabric by the rules of docs/model.md: one leaf
 * per rail per group (groupNodes down, as many up); two tiers while every leaf can reach a spine
 * layer of this radix, with the fewest spines that divide the leaf uplinks; else three tiers with
 * spines of half the radix down and half up, pods of whole groups, and of the spines-per-pod
 * choices the one with the fewest switches (ties: the smaller pod).
 */
export function railOptimizedDesign(spec: RailOptimizedSpec, nodes: number): TemplateDesign | undefined {
  const k = spec.radix;
  // A cluster smaller than one group (a single NVL72 rack of 18 trays) is one group of all its nodes.
  const n = Math.min(spec.groupNodes, nodes);
  const u1 = n;
  const groups = Math.ceil(nodes / n);
  const L = groups * spec.rails;
  const tier = (downPorts: number, upPorts: number, switchesPerPlane: number): Required<TierPin> => ({
    switchModel: spec.switchModel, portMode: spec.portMode, switchesPerPlane, downPorts, upPorts,
  });
  const base = { family: 'rail-optimized' as const, technology: spec.technology, planes: spec.planes, nodesPerLeafGroup: n };
  const gpus = nodes * spec.gpusPerNode;
  if (L < 2) return undefined;
  if (L <= k) {
    const S = smallestDivisorAtLeast(u1, Math.ceil((L * u1) / k))!;
    return {
      gpus, nodes, tiers: 2,
      pin: { ...base, tiers: 2, leaf: tier(n, u1, L), spine: tier(L * (u1 / S), 0, S) },
      switches: { leaves: L * spec.planes, spines: S * spec.planes, cores: 0 },
    };
  }
  const u2 = k / 2;
  let best: { Sp: number; Lp: number; pods: number; Cg: number; total: number } | undefined;
  for (const Sp of divisors(u1)) {
    const c1 = u1 / Sp;
    const Lp = Math.floor(Math.floor((k - u2) / c1) / spec.rails) * spec.rails;
    if (Lp < 2 || Lp >= L || Lp * c1 > u2) continue;
    const pods = Math.ceil(L / Lp);
    const Cg = smallestDivisorAtLeast(u2, Math.ceil((pods * u2) / k));
    // fabric.minSpinesPerPlane and minUplinkSwitches default to 2: no pod of one spine, no spine reaching one core.
    if (Cg === undefined || Sp < 2 || Cg < 2) continue;
    const total = pods * Sp + Sp * Cg;
    if (!best || total < best.total) best = { Sp, Lp, pods, Cg, total };
  }
  if (!best) return undefined;
  const { Sp, Lp, pods, Cg } = best;
  return {
    gpus, nodes, tiers: 3,
    pin: {
      ...base, tiers: 3,
      leaf: tier(n, u1, L),
      spine: tier(Lp * (u1 / Sp), u2, pods * Sp),
      core: tier(pods * (u2 / Cg), 0, Sp * Cg),
    },
    switches: { leaves: L * spec.planes, spines: pods * Sp * spec.planes, cores: Sp * Cg * spec.planes },
  };
}

/** Largest size (a multiple of `step`) for which railOptimizedDesign finds a design: the 3-tier limit, found by bisection. */
function largestSize(spec: RailOptimizedSpec, nodesOf: (size: number) => number, step: number): number {
  const ok = (i: number) => railOptimizedDesign(spec, nodesOf(i * step)) !== undefined;
  let lo = 1;
  let hi = 2;
  while (ok(hi)) {
    lo = hi;
    hi *= 2;
  }
  // ok(lo), !ok(hi)
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (ok(mid)) lo = mid;
    else hi = mid;
  }
  return lo * step;
}

interface TemplateSpec {
  id: string;
  title: string;
  description: string;
  profile: string;
  sources: Citation[];
  published: PublishedRow[];
  notes: string[];
  spec: RailOptimizedSpec;
  size: Omit<TemplateSize, 'max'> & { max?: number };
  /** Nodes per unit of size: an SU's nodes, or 1/gpusPerNode for a size in GPUs. */
  nodesOf(size: number): number;
  nameOf(size: number, gpus: number): string;
}

function makeTemplate(t: TemplateSpec): ReferenceTemplate {
  const max = t.size.max ?? largestSize(t.spec, t.nodesOf, t.size.step);
  const template: ReferenceTemplate = {
    id: t.id, title: t.title, description: t.description, profile: t.profile, sources: t.sources,
    published: t.published, notes: t.notes,
    size: { ...t.size, max },
    designFor(size) {
      const why = templateSizeProblem(template, size);
      if (why) throw new TemplateSizeError(`size: ${why}`);
      const d = railOptimizedDesign(t.spec, t.nodesOf(size));
      if (!d) throw new TemplateSizeError(`size: no ${t.title} design at ${size} ${t.size.unit}`);
      return d;
    },
    scenarioFor(size, options = {}) {
      const d = template.designFor(size);
      const only = options.varyOnlySourcing ?? true;
      const p = d.pin;
      const pin: FabricPin = only ? p : { family: p.family, technology: p.technology, planes: p.planes };
      const scenario: TemplateScenario = {
        schemaVersion: 1,
        name: `${t.nameOf(size, d.gpus)}${only ? ', vary only sourcing' : ''}`,
        cluster: { gpus: d.gpus, serverProfile: t.profile },
        fabric: {
          technologies: [p.technology],
          families: [p.family],
          planes: [p.planes],
          // The allow-lists and limits the published design implies, so a search that ignored the
          // pin would still stay within it.
          ...(only ? { switchModels: [t.spec.switchModel], maxTiers: d.tiers, minRailLocalGpus: p.nodesPerLeafGroup * Math.ceil(t.spec.gpusPerNode / t.spec.rails) } : {}),
          pin,
        },
      };
      return scenario satisfies ScenarioInput;
    },
  };
  return template;
}

const SUPERPOD_H100: Citation = {
  title: 'NVIDIA DGX SuperPOD: Next Generation Scalable Infrastructure for AI Leadership, Reference Architecture Featuring NVIDIA DGX H100 Systems (RA-11333-001), Network Fabrics',
  url: 'https://docs.nvidia.com/dgx-superpod/reference-architecture-scalable-infrastructure-h100/latest/network-fabrics.html',
  part: 'Table 4, Compute fabric component count (1 to 4 SU)',
};
const SUPERPOD_B200_FABRICS: Citation = {
  title: 'NVIDIA DGX SuperPOD Reference Architecture Featuring NVIDIA DGX B200 Systems, Network Fabrics',
  url: 'https://docs.nvidia.com/dgx-superpod/reference-architecture-scalable-infrastructure-b200/latest/network-fabrics.html',
  part: 'Table 4, Compute fabric component count (1 to 4 SU)',
};
const SUPERPOD_B200_LARGER: Citation = {
  title: 'NVIDIA DGX SuperPOD Reference Architecture Featuring NVIDIA DGX B200 Systems, DGX SuperPOD Architecture',
  url: 'https://docs.nvidia.com/dgx-superpod/reference-architecture-scalable-infrastructure-b200/latest/dgx-superpod-architecture.html',
  part: 'Table of larger DGX SuperPOD component counts (2 to 64 SU: leaf, spine and core switches)',
};
const SUPERPOD_B300_XDR: Citation = {
  title: 'NVIDIA SuperPOD with DGX B300 Systems, NVIDIA Quantum-X800 InfiniBand switching and AC Power Reference Architecture (RA-11339-001), DGX SuperPOD Architecture',
  url: 'https://docs.nvidia.com/dgx-superpod/reference-architecture/scalable-infrastructure-b300-xdr/latest/dgx-superpod-architecture.html',
  part: 'Table 3, Example Compute Fabric Components for DGX SuperPOD Counts (1 to 18 SU)',
};
const SUPERPOD_B300_SX: Citation = {
  title: 'NVIDIA SuperPOD DGX B300 Systems, Spectrum-4 Ethernet and DC Busbar Power Reference Architecture, DGX SuperPOD Architecture',
  url: 'https://docs.nvidia.com/dgx-superpod/reference-architecture/scalable-infrastructure-b300/latest/dgx-superpod-architecture.html',
  part: 'Table 3, Larger DGX SuperPOD component counts (1 to 16 SU)',
};
const SUPERPOD_B300_SX_FABRICS: Citation = {
  title: 'NVIDIA SuperPOD DGX B300 Systems, Spectrum-4 Ethernet and DC Busbar Power Reference Architecture, Network Fabrics',
  url: 'https://docs.nvidia.com/dgx-superpod/reference-architecture/scalable-infrastructure-b300/latest/network-fabrics.html',
  part: 'Compute Fabric: the Spectrum-X twin-planar design, 2 x 400GbE per GPU through two planes, 64 rail-aligned nodes per SU',
};
const SUPERPOD_GB200: Citation = {
  title: 'NVIDIA DGX SuperPOD: Next Generation Scalable Infrastructure for AI Factories, Reference Architecture Featuring NVIDIA DGX GB200, Network Fabrics',
  url: 'https://docs.nvidia.com/dgx-superpod/reference-architecture-scalable-infrastructure-gb200/latest/network-fabrics.html',
  part: 'Compute Fabric: NDR 400G InfiniBand, scalable units of 8 DGX GB200 NVL72 racks (18 compute trays each), up to 128 racks (9,216 GPUs)',
};

/** The four 1-4 SU rows of Table 4, common to the H100 and B200 reference architectures (32-node SUs on QM9700). */
const QM9700_SU_ROWS: PublishedRow[] = [
  { size: 1, gpus: 256, leaves: 8, spines: 4 },
  { size: 2, gpus: 512, leaves: 16, spines: 8 },
  { size: 3, gpus: 768, leaves: 24, spines: 16 },
  { size: 4, gpus: 1024, leaves: 32, spines: 16 },
];
const QM9700_LARGER_ROWS: PublishedRow[] = [
  { size: 8, gpus: 2048, leaves: 64, spines: 32 },
  { size: 16, gpus: 4096, leaves: 128, spines: 128, cores: 64 },
  { size: 32, gpus: 8192, leaves: 256, spines: 256, cores: 128 },
  { size: 64, gpus: 16384, leaves: 512, spines: 512, cores: 256 },
];

const QM9700_SU: RailOptimizedSpec = {
  technology: 'infiniband', switchModel: 'QM9700', portMode: '64x400G', radix: 64, planes: 1, rails: 8, gpusPerNode: 8, groupNodes: 32,
};
const UFM_NOTE =
  'The published tables list 31 nodes in a 1-SU fabric (127 in 4 SU) because one node port per SU goes to the UFM appliance; the switch counts are those of full 32-node SUs, which this template builds.';

const superpod = (id: string, gpu: 'H100' | 'B200', profile: string, sources: Citation[], published: PublishedRow[], notes: string[]) =>
  makeTemplate({
    id, profile, sources, published, notes,
    title: `NVIDIA DGX SuperPOD ${gpu} (scalable units)`,
    description: `DGX ${gpu} scalable units of 32 nodes on NDR 400G InfiniBand: rail-optimized, one QM9700 leaf per rail per SU (32 ports down, 32 up), QM9700 spines, and QM9700 cores past 8 SU.`,
    spec: QM9700_SU,
    size: { unit: 'SU', label: 'Size (scalable units)', each: '32 nodes, 256 GPUs each', min: 1, step: 1, default: 4 },
    nodesOf: (su) => su * 32,
    nameOf: (su, gpus) => `NVIDIA DGX SuperPOD ${gpu}, ${su} SU (${fmt(gpus)} GPUs)`,
  });

export const REFERENCE_TEMPLATES: readonly ReferenceTemplate[] = [
  superpod('superpod-h100', 'H100', 'hgx-h100-8x400g', [SUPERPOD_H100, SUPERPOD_B200_LARGER], QM9700_SU_ROWS, [
    'Published: 1 to 4 SU (H100 reference architecture, Table 4). Larger sizes are derived by the same rules; they reproduce the B200 reference architecture\'s table of 8 to 64 SU, whose scalable unit (32 nodes, one QM9700 leaf per rail, QM9700 spines and cores) is the same.',
    UFM_NOTE,
  ]),
  superpod('superpod-b200', 'B200', 'hgx-b200-8x400g', [SUPERPOD_B200_FABRICS, SUPERPOD_B200_LARGER], [...QM9700_SU_ROWS, ...QM9700_LARGER_ROWS], [
    'Published: 1 to 4 SU (Table 4) and 2 to 64 SU (larger DGX SuperPOD component counts). Sizes between the published rows are derived by the same rules.',
    UFM_NOTE,
  ]),
  makeTemplate({
    id: 'superpod-b300-xdr', profile: 'hgx-b300-8x800g', sources: [SUPERPOD_B300_XDR],
    title: 'NVIDIA DGX SuperPOD B300, Quantum-X800 XDR InfiniBand (scalable units)',
    description: 'DGX B300 scalable units of 72 nodes on XDR 800G InfiniBand: rail-optimized, one Q3400 leaf per rail per SU (72 ports down, 72 up of 144), Q3400 spines.',
    spec: { technology: 'infiniband', switchModel: 'Q3400', portMode: '144x800G', radix: 144, planes: 1, rails: 8, gpusPerNode: 8, groupNodes: 72 },
    size: { unit: 'SU', label: 'Size (scalable units)', each: '72 nodes, 576 GPUs each', min: 1, step: 1, default: 8 },
    published: [
      { size: 1, gpus: 576, leaves: 8, spines: 4 },
      { size: 2, gpus: 1152, leaves: 16, spines: 8 },
      { size: 4, gpus: 2304, leaves: 32, spines: 18 },
      { size: 8, gpus: 4608, leaves: 64, spines: 36 },
      { size: 18, gpus: 10368, leaves: 144, spines: 72 },
    ],
    notes: [
      'Published: 1, 2, 4, 8 and 18 SU (two tiers). At 18 SU the table\'s GPU column says 9,216, but 1,296 nodes of 8 GPUs are 10,368 GPUs, as its cable columns (10,368 node-leaf links) show; this template uses 10,368.',
      'Past 18 SU (more than 144 leaves) the fabric needs a third tier; those sizes are derived by the rules of docs/model.md (Q3400 spines of 72 ports down and 72 up, Q3400 cores), not published.',
    ],
    nodesOf: (su) => su * 72,
    nameOf: (su, gpus) => `NVIDIA DGX SuperPOD B300 XDR, ${su} SU (${fmt(gpus)} GPUs)`,
  }),
  makeTemplate({
    id: 'superpod-b300-spectrum-x', profile: 'hgx-b300-8x800g', sources: [SUPERPOD_B300_SX, SUPERPOD_B300_SX_FABRICS],
    title: 'NVIDIA DGX SuperPOD B300, Spectrum-X Ethernet twin-planar (scalable units)',
    description: 'DGX B300 scalable units of 64 nodes on Spectrum-X Ethernet in two planes: each ConnectX-8 runs 2 x 400GbE, one to each plane; rail-optimized, one 51.2T leaf per rail per plane per SU (64 x 400G down, 64 up), 51.2T spines.',
    spec: { technology: 'ethernet', switchModel: 'SN5600', portMode: '128x400G', radix: 128, planes: 2, rails: 8, gpusPerNode: 8, groupNodes: 64 },
    size: { unit: 'SU', label: 'Size (scalable units)', each: '64 nodes, 512 GPUs each', min: 1, step: 1, default: 4 },
    published: [
      { size: 1, gpus: 512, leaves: 16, spines: 8 },
      { size: 2, gpus: 1024, leaves: 32, spines: 16 },
      { size: 4, gpus: 2048, leaves: 64, spines: 32 },
      { size: 8, gpus: 4096, leaves: 128, spines: 64 },
      { size: 16, gpus: 8192, leaves: 256, spines: 128 },
    ],
    notes: [
      'Published: 1, 2, 4, 8 and 16 SU (two tiers; counts are both planes together, 8 leaves and 4 spines per plane per SU).',
      'The reference architecture names Spectrum-4 switches; the catalog\'s Spectrum-4 51.2T switch is the SN5600, run as 128 x 400G on every tier. The table does not say whether leaf uplinks run at 400G or 800G; the switch counts are the same either way.',
      'Past 16 SU (more than 128 leaves per plane) a third tier is needed; those sizes are derived by the rules of docs/model.md, not published.',
    ],
    nodesOf: (su) => su * 64,
    nameOf: (su, gpus) => `NVIDIA DGX SuperPOD B300 Spectrum-X twin-planar, ${su} SU (${fmt(gpus)} GPUs)`,
  }),
  makeTemplate({
    id: 'gb200-nvl72', profile: 'gb200-nvl72', sources: [SUPERPOD_GB200],
    title: 'NVIDIA GB200 NVL72 (racks of 18 compute trays)',
    description: 'GB200 NVL72 racks (18 compute trays of 4 GPUs, one 72-GPU NVLink domain) on NDR 400G InfiniBand: rail-optimized over the 4 ConnectX-7 rails of a tray, QM9700 on every tier.',
    spec: { technology: 'infiniband', switchModel: 'QM9700', portMode: '64x400G', radix: 64, planes: 1, rails: 4, gpusPerNode: 4, groupNodes: 32 },
    size: { unit: 'GPUs', label: 'Size (GPUs)', each: 'whole NVL72 racks of 72 GPUs', min: 72, step: 72, default: 9216 },
    published: [],
    notes: [
      'Derived, not published: the GB200 reference architecture describes scalable units of 8 racks on NDR 400G InfiniBand, up to 128 racks (9,216 GPUs), but no table of switch counts per size was found in its public pages.',
      'The pins follow docs/model.md: one QM9700 leaf per rail for each group of 32 trays (32 ports down, 32 up: the non-blocking split of a 64-port leaf), QM9700 spines with the fewest switches that keep the wiring balanced, and a third tier past 2,048 GPUs. A single rack (18 trays) is one group of its 18 trays.',
    ],
    nodesOf: (gpus) => gpus / 4,
    nameOf: (gpus) => `GB200 NVL72, ${fmt(gpus / 72)} racks (${fmt(gpus)} GPUs)`,
  }),
];

export function templateById(id: string): ReferenceTemplate | undefined {
  return REFERENCE_TEMPLATES.find((t) => t.id === id);
}
