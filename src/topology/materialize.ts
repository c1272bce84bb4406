import type { Catalog } from '../model/catalog';
import type { PartCategory, Source } from '../model/common';
import type { Candidate, Design, LinkClass, Metrics, TierRole } from '../model/result';
import type { Scenario } from '../model/scenario';
import { Assessor, type Assessment } from './assess';
import { bomLines } from './bom';
import { buildContext } from './context';
import { fromCents } from './money';
import { rackFigures } from './racks';
import { collectiveEstimates, locality, maxEndpoints } from './performance';
import { equivalentPodSplits } from './pod-splits';
import { designId, type Infeasible, type Shape } from './shape';
import { candidateWarnings } from './warnings';

export interface Device {
  name: string;
  role: 'node' | TierRole;
  plane?: number;
  model?: string;
  ports: number;
}

export interface PortRef {
  device: string;
  port: string;
}

/** One physical link: a cable run (with its transceivers) between two ports. */
export interface PhysicalLink {
  id: string;
  plane: number;
  linkClass: LinkClass;
  a: PortRef;
  b: PortRef;
  lengthCm: number;
  recipe: string;
  cableLengthCm: number;
  /** Part ids of the recipe (end parts and the cable). */
  parts: string[];
}

/** The explicit fabric, listed lazily so a million-GPU design never sits in memory whole. */
export interface FabricListing {
  devices(): Generator<Device>;
  links(): Generator<PhysicalLink>;
}

const pad = (i: number, total: number) => String(i).padStart(Math.max(2, String(total).length), '0');

/** Names every device and port of a counted design (see docs: device naming). */
export function listFabric(assessor: Assessor, a: Assessment): FabricListing {
  const s: Shape = a.shape;
  const plan = assessor.plan;
  const media = assessor.media;
  const runs = assessor.runs(s);
  const { family, planes: P, rails: R, nodes: M, groupNodes: n } = s;
  const T = s.tiers.length;
  const rail = family !== 'fat-tree';
  const leafDown = s.tiers[0].downPorts;
  const pre = (p: number) => `p${p + 1}-`;
  const nodeName = (i: number) => `node-${pad(i + 1, M)}`;
  const nicPort = (r: number, p: number) => (P === 1 ? `nic${r + 1}` : `nic${r + 1}/${p + 1}`);
  /** Leaf index within a plane: fat-tree by group; rail-optimized by SU then rail; rail-only by rail then group. */
  const leafName = (p: number, leaf: number) => {
    if (family === 'fat-tree') return `${pre(p)}leaf-${pad(leaf + 1, s.groups)}`;
    if (family === 'rail-optimized') return `${pre(p)}su${pad(Math.floor(leaf / R) + 1, s.groups)}-leaf-r${(leaf % R) + 1}`;
    return `${pre(p)}r${Math.floor(leaf / s.groups) + 1}-leaf-${pad((leaf % s.groups) + 1, s.groups)}`;
  };
  const leafGroup = (leaf: number) => (family === 'rail-optimized' ? Math.floor(leaf / R) : family === 'rail-only' ? leaf % s.groups : leaf);
  const spineCount = T >= 2 ? s.tiers[1].countPerPlane : 0;
  const spineName = (p: number, spine: number) => {
    if (T === 3) return `${pre(p)}pod${pad(Math.floor(spine / s.spinesPerGroup) + 1, s.pods)}-spine-${pad((spine % s.spinesPerGroup) + 1, s.spinesPerGroup)}`;
    if (family === 'rail-only') return `${pre(p)}r${Math.floor(spine / s.spinesPerGroup) + 1}-spine-${pad((spine % s.spinesPerGroup) + 1, s.spinesPerGroup)}`;
    return `${pre(p)}spine-${pad(spine + 1, spineCount)}`;
  };
  const coreName = (p: number, group: number, x: number) => `${pre(p)}core-${pad(group + 1, s.spinesPerGroup)}-${pad(x + 1, s.coresPerGroup)}`;
  const leavesPerPlane = s.tiers[0].countPerPlane;

  function* devices(): Generator<Device> {
    for (let i = 0; i < M; i++) yield { name: nodeName(i), role: 'node', ports: R * P };
    for (let p = 0; p < P; p++) {
      const t0 = s.tiers[0];
      for (let l = 0; l < leavesPerPlane; l++) yield { name: leafName(p, l), role: 'leaf', plane: p + 1, model: t0.option.sw.model, ports: t0.option.radix };
      if (T >= 2) {
        const t1 = s.tiers[1];
        for (let j = 0; j < spineCount; j++) yield { name: spineName(p, j), role: 'spine', plane: p + 1, model: t1.option.sw.model, ports: t1.option.radix };
      }
      if (T === 3) {
        const t2 = s.tiers[2];
        for (let g = 0; g < s.spinesPerGroup; g++)
          for (let x = 0; x < s.coresPerGroup; x++) yield { name: coreName(p, g, x), role: 'core', plane: p + 1, model: t2.option.sw.model, ports: t2.option.radix };
      }
    }
  }

  function* links(): Generator<PhysicalLink> {
    let seq = 0;
    const make = (p: number, linkClass: LinkClass, a: PortRef, b: PortRef, lengthCm: number, runIndex: number): PhysicalLink => {
      const choice = media.choose(runs[runIndex].type, lengthCm)!;
      seq++;
      return {
        id: `L${seq}`, plane: p + 1, linkClass, a, b, lengthCm,
        recipe: choice.recipe.id, cableLengthCm: choice.cableLengthCm,
        parts: choice.parts.map((x) => x.sku.partId),
      };
    };
    for (let p = 0; p < P; p++) {
      // Nodes to leaves.
      for (let g = 0; g < s.groups; g++) {
        const first = g * n;
        const count = Math.min(n, M - first);
        const site = plan.leafSite(first, count);
        for (let a = 0; a < count; a++) {
          const node = first + a;
          const cm = plan.nodeToLeafCm(node, site);
          for (let r = 0; r < R; r++) {
            const leaf = family === 'fat-tree' ? g : family === 'rail-optimized' ? g * R + r : r * s.groups + g;
            const port = family === 'fat-tree' ? a * R + r + 1 : a + 1;
            yield make(p, 'node-leaf', { device: nodeName(node), port: nicPort(r, p) }, { device: leafName(p, leaf), port: String(port) }, cm, 0);
          }
        }
      }
      if (T === 1) continue;
      // Leaves to spines.
      const c1 = s.parallelLinks[0];
      for (let l = 0; l < leavesPerPlane; l++) {
        const g = leafGroup(l);
        const site = plan.leafSite(g * n, Math.min(n, M - g * n));
        const cm = plan.leafToCenterCm(site.point);
        let firstSpine: number;
        let local: number;
        if (T === 3) {
          const pod = Math.floor(l / s.leavesPerPod);
          firstSpine = pod * s.spinesPerGroup;
          local = l % s.leavesPerPod;
        } else if (family === 'rail-only') {
          firstSpine = Math.floor(l / s.groups) * s.spinesPerGroup;
          local = l % s.groups;
        } else {
          firstSpine = 0;
          local = l;
        }
        for (let j = 0; j < s.spinesPerGroup; j++) {
          for (let i = 0; i < c1; i++) {
            yield make(p, 'leaf-spine',
              { device: leafName(p, l), port: String(leafDown + j * c1 + i + 1) },
              { device: spineName(p, firstSpine + j), port: String(local * c1 + i + 1) }, cm, 1);
          }
        }
      }
      if (T === 2) continue;
      // Spines to cores: spine j of every pod joins core group j.
      const c2 = s.parallelLinks[1];
      const spineDown = s.tiers[1].downPorts;
      const cm = plan.spineToCoreCm();
      for (let spine = 0; spine < spineCount; spine++) {
        const pod = Math.floor(spine / s.spinesPerGroup);
        const j = spine % s.spinesPerGroup;
        for (let x = 0; x < s.coresPerGroup; x++) {
          for (let i = 0; i < c2; i++) {
            yield make(p, 'spine-core',
              { device: spineName(p, spine), port: String(spineDown + x * c2 + i + 1) },
              { device: coreName(p, j, x), port: String(pod * c2 + i + 1) }, cm, 2);
          }
        }
      }
    }
  }
  return { devices, links };
}

/** Bandwidth, blast radius and growth figures derived from the counted shape. */
export function shapeMetrics(s: Shape, gpusPerNode: number, nicGbps: number) {
  const T = s.tiers.length;
  const perPlane = [s.links.nodeLeaf, s.links.leafSpine, s.links.spineCore].slice(0, T);
  const bisectionPerPlane = (Math.min(...perPlane) * s.linkGbps) / 2;
  let spineLoss = 0;
  if (T >= 2) {
    const after = [...perPlane];
    after[1] -= s.tiers[1].downPorts;
    if (T === 3) after[2] -= s.tiers[1].upPorts;
    const lost = bisectionPerPlane - (Math.min(...after) * s.linkGbps) / 2;
    spineLoss = (100 * lost) / (bisectionPerPlane * s.planes);
  }
  const rail = s.family !== 'fat-tree';
  const perLeafEndpoints = rail ? Math.min(s.groupNodes, s.nodes) : Math.min(s.groupNodes, s.nodes) * s.rails;
  let endToEnd = 1;
  let worst = T === 1 ? 1 : 0;
  for (const t of s.tiers.slice(0, T - 1)) {
    endToEnd *= Math.max(1, t.oversubscription);
    worst = Math.max(worst, t.oversubscription);
  }
  const { allReduce, allToAll } = collectiveEstimates(s, gpusPerNode, nicGbps, endToEnd);
  return {
    bisectionGbps: bisectionPerPlane * s.planes,
    spineFailureBisectionLossPct: spineLoss,
    leafFailureGpuPortsCut: perLeafEndpoints,
    growthHeadroomEndpoints: Math.max(0, maxEndpoints(s) - s.endpoints),
    diameterHops: 2 * T - 1,
    maxOversubscription: worst,
    endToEndOversubscription: endToEnd,
    allReduceGBpsPerGpu: allReduce,
    allToAllGBpsPerGpu: allToAll,
    ...locality(s, gpusPerNode),
  };
}

const r2 = (x: number) => Math.round(x * 100) / 100;
const r4 = (x: number) => Math.round(x * 10000) / 10000;

/** Turns an assessment into the result JSON's candidate: tiers, links, BOM and metrics. */
export function toCandidate(assessor: Assessor, a: Assessment, rank: number | null): Candidate {
  const ctx = assessor.ctx;
  const s = a.shape;
  const P = s.planes;
  const design: Design = s.design;
  const tiers = s.tiers.map((t) => ({
    role: t.role,
    switchModel: t.option.sw.model,
    switchId: t.option.sw.id,
    portMode: t.option.mode.id,
    count: t.countPerPlane * P,
    countPerPlane: t.countPerPlane,
    downPorts: t.downPorts,
    upPorts: t.upPorts,
    portGbps: t.option.gbps,
    radix: t.option.radix,
    freePortsPerSwitch: t.option.radix - t.downPorts - t.upPorts,
    oversubscription: r4(t.oversubscription),
  }));
  const classes: LinkClass[] = ['node-leaf', 'leaf-spine', 'spine-core'];
  const perPlane = { 'node-leaf': s.links.nodeLeaf, 'leaf-spine': s.links.leafSpine, 'spine-core': s.links.spineCore };
  const links = classes.slice(0, s.tiers.length).map((between) => ({
    between,
    count: perPlane[between] * P,
    gbps: s.linkGbps,
    media: a.linkGroups.filter((g) => g.linkClass === between).map((g) => ({
      recipe: g.choice.recipe.id,
      recipeName: g.choice.recipe.name,
      lengthM: g.choice.cableLengthCm / 100,
      maxRunM: g.maxRunCm / 100,
      count: g.links,
    })),
  }));
  const bom = bomLines(ctx, a.lines);
  const byCategory: Record<PartCategory, number> = { switch: 0, optic: 0, cable: 0 };
  const bySource: Record<Source, number> = { 'oem-new': 0, 'oem-refurbished': 0, 'compatible-new': 0 };
  let maxLead = 0;
  let minWarranty = Infinity;
  for (const l of a.lines) {
    byCategory[l.sku.category] += l.cents;
    bySource[l.offer.source] += l.cents;
    maxLead = Math.max(maxLead, l.offer.leadTimeWeeks);
    minWarranty = Math.min(minWarranty, l.offer.warrantyYears);
  }
  let transceivers = 0;
  let cables = 0;
  for (const [idx, q] of a.demand) {
    const cat = ctx.skus[idx].category;
    if (cat === 'optic') transceivers += q;
    else if (cat === 'cable') cables += q;
  }
  const switchCount = tiers.reduce((x, t) => x + t.count, 0);
  const linkCount = links.reduce((x, l) => x + l.count, 0);
  const portsUsed = (s.links.nodeLeaf + 2 * s.links.leafSpine + 2 * s.links.spineCore) * P;
  const portsTotal = tiers.reduce((x, t) => x + t.count * t.radix, 0);
  const rackUnits = s.tiers.reduce((x, t) => x + t.countPerPlane * P * t.option.sw.rackUnits, 0);
  const gpus = ctx.scenario.cluster.gpus;
  const m = shapeMetrics(s, ctx.profile.gpusPerNode, ctx.profile.nicGbps);
  // A row stands for every pod split that builds it; it can grow as far as the best of them.
  const splits = equivalentPodSplits(ctx, s);
  for (const x of splits) m.growthHeadroomEndpoints = Math.max(m.growthHeadroomEndpoints, x.maxEndpoints - s.endpoints);
  const capex = fromCents(a.capexCents);
  const oem = fromCents(a.capexAllOemNewCents);
  const metrics: Metrics = {
    capex,
    capexAllOemNew: oem,
    savingsVsAllOemNew: fromCents(a.capexAllOemNewCents - a.capexCents),
    savingsPct: oem > 0 ? r2((100 * (a.capexAllOemNewCents - a.capexCents)) / a.capexAllOemNewCents) : 0,
    capexByCategory: { switch: fromCents(byCategory.switch), optic: fromCents(byCategory.optic), cable: fromCents(byCategory.cable) },
    capexBySource: {
      'oem-new': fromCents(bySource['oem-new']),
      'oem-refurbished': fromCents(bySource['oem-refurbished']),
      'compatible-new': fromCents(bySource['compatible-new']),
    },
    capexPerGpu: r2(capex / gpus),
    tco: fromCents(a.capexCents + a.energyCents + a.supportCents + a.replacementCents),
    supportCost: fromCents(a.supportCents),
    replacementCost: fromCents(a.replacementCents),
    spareUnits: a.spareUnits,
    energyCost: fromCents(a.energyCents),
    powerW: (a.switchMilliwatts + a.mediaMilliwatts) / 1000,
    switchPowerW: a.switchMilliwatts / 1000,
    mediaPowerW: a.mediaMilliwatts / 1000,
    switchCount,
    linkCount,
    transceiverCount: transceivers,
    cableCount: cables,
    portsUsed,
    portsTotal,
    portUtilizationPct: r2((100 * portsUsed) / portsTotal),
    maxOversubscription: r4(m.maxOversubscription),
    endToEndOversubscription: r4(m.endToEndOversubscription),
    bisectionGbps: m.bisectionGbps,
    diameterHops: m.diameterHops,
    leafFailureGpuPortsCut: m.leafFailureGpuPortsCut,
    spineFailureBisectionLossPct: r4(m.spineFailureBisectionLossPct),
    growthHeadroomEndpoints: m.growthHeadroomEndpoints,
    rackUnits,
    ...rackFigures(assessor, a),
    allReduceGBpsPerGpu: r2(m.allReduceGBpsPerGpu),
    allToAllGBpsPerGpu: r2(m.allToAllGBpsPerGpu),
    railLocalGpus: m.railLocalGpus,
    leafGroupGpus: m.leafGroupGpus,
    sameRailHops: m.sameRailHops,
    crossRailHops: m.crossRailHops,
    crossRailViaScaleUp: m.crossRailViaScaleUp,
    maxLeadTimeWeeks: maxLead,
    minWarrantyYears: minWarranty === Infinity ? 0 : minWarranty,
  };
  return {
    id: designId(design),
    rank,
    family: s.family,
    technology: design.technology,
    planes: P,
    linkGbps: s.linkGbps,
    design,
    tiers,
    links,
    bom,
    metrics,
    objectiveValue: fromCents(a.objectiveCents),
    podSplits: splits.map(({ pods, leavesPerPod, spinesPerPod }) => ({ pods, leavesPerPod, spinesPerPod })),
    warnings: candidateWarnings(ctx, a),
  };
}

export type Materialized =
  | { ok: true; candidate: Candidate; assessment: Assessment; listing: FabricListing }
  | Infeasible;

/**
 * Builds the explicit fabric for one design: counts, media, BOM with sourcing allocation, metrics,
 * and a lazy listing of every device and link. Says precisely why when the design is infeasible.
 */
export function materialize(scenario: Scenario, catalog: Catalog, design: Design, assessor?: Assessor): Materialized {
  let a = assessor;
  if (!a) {
    const ctx = buildContext(scenario, catalog);
    if ('ok' in ctx) return { ok: false, rule: 'scenario', reason: ctx.reason };
    a = new Assessor(ctx);
  }
  const assessment = a.assess(design);
  if (!assessment.ok) return assessment;
  // Fill in derived top-tier down ports so the returned design is self-describing.
  const filled: Design = { ...design, tiers: design.tiers.map((t, i) => ({ ...t, downPorts: assessment.shape.tiers[i].downPorts })) };
  assessment.shape.design = filled;
  return { ok: true, candidate: toCandidate(a, assessment, null), assessment, listing: listFabric(a, assessment) };
}
