import type { Catalog } from '../model/catalog';
import type { PartCategory, Source } from '../model/common';
import type { BomLine, Candidate, Design, LinkClass, Metrics, TierRole } from '../model/result';
import type { Scenario } from '../model/scenario';
import { Assessor, type Assessment } from './assess';
import { bomLines } from './bom';
import { buildContext } from './context';
import { fromCents } from './money';
import { reuseMetrics } from './inventory';
import { rackFigures } from './racks';
import { collectiveEstimates, locality, maxEndpoints } from './performance';
import { equivalentPodSplits } from './pod-splits';
import { resilience } from './resilience';
import { designId, type Infeasible, type Shape } from './shape';
import { candidateWarnings } from './warnings';
import type { MediaChoice } from './media';
import {
  cableId, compileTemplate, NAMED_ROLES, nicPortName, padWidth, PortNamer, ROLE_PLACEHOLDERS, templateProblem, templatesFor,
  type NamedRole, type NamingSpec, type NamingTemplates, type PlaceholderValues,
} from './naming';
import { Placement, type SwitchRef } from './placement';
import { installPhases, type InstallPhases } from './phase-listing';

export interface Device {
  name: string;
  role: 'node' | TierRole;
  plane?: number;
  model?: string;
  ports: number;
  /** Where it stands: rack name (see placement.ts), and for switches the lowest U and height. */
  rack: string;
  u?: number;
  heightU?: number;
  /** Nodes: slot in the rack, 1 = lowest. */
  slot?: number;
  /** The phase that installs it (1-based; 1 without cluster.phases): src/topology/phase-listing.ts. */
  phase: number;
}

export interface PortRef {
  device: string;
  /** The port's name (switch ports in the vendor's style, e.g. `17/1`, `swp17s0`; NIC ports `nic3`, `nic3/2`). */
  port: string;
  /** Switch ports: the logical port number, 1-based, down ports first (what ibnetdiscover prints). */
  number?: number;
}

/** One logical link: a connection between two ports (one leg of a splitter cable is one link). */
export interface PhysicalLink {
  id: string;
  plane: number;
  linkClass: LinkClass;
  /** The lower end (the node, or the lower switch) and the upper end. */
  a: PortRef;
  b: PortRef;
  lengthCm: number;
  recipe: string;
  cableLengthCm: number;
  /** Part ids of the recipe (end parts and the cable). */
  parts: string[];
  /** The phase that installs it: its node's (node links), its leaf's (leaf uplinks), its pod's (spine uplinks). */
  phase: number;
}

/** One end of a cable: a plug in a device, carrying one or more logical ports. */
export interface CableEnd {
  device: string;
  /** What the plug goes into: the port name, the cage name when it takes every port of a cage, or the ports joined by `+`. */
  port: string;
  /** The logical ports the plug carries. */
  ports: string[];
  /** Index of the device's rack in the placement, its lowest U (switches) or slot (nodes). */
  rack: number;
  u?: number;
  slot?: number;
  /** The transceiver plugged at this end (catalog part id), none for DAC, ACC and AOC. */
  transceiver?: string;
}

/**
 * One physical cable: a straight cable has one B end; a splitter has one plug at A and one plug
 * per leg at B. A is the switch end the crew works from: the leaf for node links, the lower switch
 * for switch links, the server for a plane-split cable (its one plug is in the NIC).
 */
export interface Cable {
  id: string;
  plane: number;
  linkClass: LinkClass;
  recipe: string;
  /** Catalog part id of the cable, and its standard length: the longest leg's. */
  cablePart: string;
  cableLengthCm: number;
  /** The longest computed run of its legs. */
  runLengthCm: number;
  a: CableEnd;
  b: CableEnd[];
  links: PhysicalLink[];
  /**
   * The phase that pulls the cable and plugs its A end: its earliest link's. A splitter whose legs
   * reach nodes of two phases keeps the later legs free until their phase (links[i].phase).
   */
  phase: number;
}

/** The explicit fabric, listed lazily so a million-GPU design never sits in memory whole. */
export interface FabricListing {
  devices(): Generator<Device>;
  /** Every logical link, in cable order. */
  links(): Generator<PhysicalLink>;
  /** Every physical cable, rack by rack of its A end (the order a crew installs them). */
  cables(): Generator<Cable>;
  placement(): Placement;
  namer(): DeviceNamer;
  /** The counted design the listing names. */
  shape: Shape;
  /** The name of a switch (tier 0 leaf, 1 spine, 2 core; plane and index 0-based). */
  switchName(ref: SwitchRef): string;
  /** Port namer of a tier's switches (0 leaf, 1 spine, 2 core). */
  portNamer(tier: number): PortNamer;
  /** The most B ends one cable of this design can have. */
  maxBEnds: number;
  /** Digits of a cable number (cable IDs are C and this many digits). */
  cableIdWidth: number;
  /** Why the naming templates cannot name this design (a field path and the rule), or undefined. */
  namingProblem(): string | undefined;
  /** Which phase installs each node, leaf, spine and core (cluster.phases; one phase without it). */
  phases: InstallPhases;
}

/**
 * Names every device of a design from the naming templates and the placement (see naming.ts).
 * Placeholder numbers are padded to the digits of their largest value.
 */
export class DeviceNamer {
  private readonly fill: Record<NamedRole, (v: PlaceholderValues) => string>;
  readonly templates: NamingTemplates;

  constructor(private readonly s: Shape, private readonly place: Placement, spec: NamingSpec | undefined) {
    const T = s.tiers.length;
    this.templates = templatesFor(spec, s.family, T);
    const count = (t: number) => (t < T ? s.tiers[t].countPerPlane : 1);
    const common = { su: padWidth(s.groups), slot: 2 };
    this.fill = {
      node: compileTemplate(this.templates.node, { ...common, index: padWidth(s.nodes) }),
      leaf: compileTemplate(this.templates.leaf, { ...common, index: padWidth(count(0)) }),
      spine: compileTemplate(this.templates.spine, { ...common, index: padWidth(count(1)), pod: padWidth(s.pods), member: padWidth(s.spinesPerGroup) }),
      core: compileTemplate(this.templates.core, { ...common, index: padWidth(count(2)), group: padWidth(s.spinesPerGroup), member: padWidth(s.coresPerGroup) }),
    };
  }

  private where(rack: number) {
    const r = this.place.racks[rack];
    return { hall: r.hall, row: r.row, rack: r.position };
  }

  node(i: number): string {
    const r = this.place.racks[this.place.nodeRack(i)];
    return this.fill.node({ hall: r.hall, row: r.row, rack: r.position, slot: this.place.nodeSlot(i), su: Math.floor(i / this.s.groupNodes) + 1, index: i + 1 });
  }

  /** The leaf group (SU) of leaf `l` of a plane. */
  leafGroup(l: number): number {
    const s = this.s;
    return s.family === 'rail-only' ? l % s.groups : Math.floor(l / s.leavesPerGroup);
  }

  switch(ref: SwitchRef): string {
    const s = this.s;
    const at = this.place.place(ref);
    const v: PlaceholderValues = { ...this.where(at.rack), slot: at.u, plane: ref.plane + 1, tier: ref.tier + 1, role: ROLE_NAMES[ref.tier], index: ref.index + 1 };
    if (ref.tier === 0) {
      v.su = this.leafGroup(ref.index) + 1;
      if (s.family === 'rail-optimized') v.rail = (ref.index % s.rails) + 1;
      else if (s.family === 'rail-only') v.rail = Math.floor(ref.index / s.groups) + 1;
      return this.fill.leaf(v);
    }
    if (ref.tier === 1) {
      const group = Math.floor(ref.index / s.spinesPerGroup);
      v.member = (ref.index % s.spinesPerGroup) + 1;
      if (s.tiers.length === 3) v.pod = group + 1;
      else if (s.family === 'rail-only') v.rail = group + 1;
      return this.fill.spine(v);
    }
    v.group = Math.floor(ref.index / s.coresPerGroup) + 1;
    v.member = (ref.index % s.coresPerGroup) + 1;
    return this.fill.core(v);
  }
}

const ROLE_NAMES: TierRole[] = ['leaf', 'spine', 'core'];
const PLURAL: Record<NamedRole, string> = { node: 'nodes', leaf: 'leaves', spine: 'spines', core: 'cores' };

/** A link before it is grouped into cables. */
interface Leg {
  link: PhysicalLink;
  /** The end the cable is grouped by (its A end), and the other end. */
  aSwitch?: { tier: number; ref: SwitchRef; q: number };
  aNode?: { node: number };
  bSwitch?: { ref: SwitchRef; q: number };
  bNode?: { node: number };
  choice: MediaChoice;
}

/** Names every device, port and cable of a counted design and places every switch (see naming.ts, placement.ts). */
export function listFabric(assessor: Assessor, a: Assessment): FabricListing {
  const s: Shape = a.shape;
  const plan = assessor.plan;
  const media = assessor.media;
  const runs = assessor.runs(s);
  const { family, planes: P, rails: R, nodes: M, groupNodes: n } = s;
  const T = s.tiers.length;
  const technology = s.design.technology;
  const leafDown = s.tiers[0].downPorts;
  const leavesPerPlane = s.tiers[0].countPerPlane;
  const spineCount = T >= 2 ? s.tiers[1].countPerPlane : 0;
  const ports = s.tiers.map((t) => new PortNamer(t.option.sw, technology, t.option.radix, t.option.split ? { downPorts: t.downPorts, upPorts: t.option.split.upMode.ports } : undefined));
  const spec: NamingSpec | undefined = assessor.ctx.scenario.naming;
  const phaseOf = installPhases(s, assessor.ctx.scenario.cluster.phases, assessor.ctx.profile.gpusPerNode);

  let placement: Placement | undefined;
  let namer: DeviceNamer | undefined;
  const getPlacement = () => (placement ??= new Placement(assessor, a));
  const getNamer = () => (namer ??= new DeviceNamer(s, getPlacement(), spec));
  // Names are made once per switch (tens of thousands at most) and per node as it is met.
  let switchNames: string[][] | undefined;
  const switchName = (ref: SwitchRef) => {
    if (!switchNames) {
      const nm = getNamer();
      switchNames = s.tiers.map((t, tier) => {
        const out: string[] = [];
        for (let p = 0; p < P; p++) for (let i = 0; i < t.countPerPlane; i++) out.push(nm.switch({ tier, plane: p, index: i }));
        return out;
      });
    }
    return switchNames[ref.tier][ref.plane * s.tiers[ref.tier].countPerPlane + ref.index];
  };
  // A node is named once per leaf it reaches (rails x planes times): keep recent names, a bounded window.
  const nodeNames = new Map<number, string>();
  const nodeName = (i: number) => {
    let name = nodeNames.get(i);
    if (name === undefined) {
      if (nodeNames.size >= 65_536) nodeNames.clear();
      nodeNames.set(i, (name = getNamer().node(i)));
    }
    return name;
  };

  // Recipes by id: which parts sit at which end, how many links one cable carries, and whether it fans out at the NIC.
  const recipeInfo = new Map<string, { lower?: string; upper?: string; cable: string; perCable: number; nicFanOut: boolean }>();
  for (const r of assessor.ctx.catalog.mediaRecipes) {
    const cable = r.parts.find((x) => x.role === 'cable')!;
    recipeInfo.set(r.id, {
      lower: r.parts.find((x) => x.role === 'lower-end')?.part,
      upper: r.parts.find((x) => x.role === 'upper-end')?.part,
      cable: cable.part,
      perCable: cable.linksPerUnit,
      // A plane-split cable: one plug in the NIC, one leg to each plane's switch.
      nicFanOut: r.kind === 'node-switch' && (r.nicGbps ?? r.linkGbps) > r.linkGbps && cable.linksPerUnit > 1,
    });
  }
  const usedRecipes = new Set(a.linkGroups.map((g) => g.choice.recipe.id));
  const maxBEnds = Math.max(1, ...[...usedRecipes].map((id) => recipeInfo.get(id)?.perCable ?? 1));
  const planeSplit = [...usedRecipes].some((id) => recipeInfo.get(id)?.nicFanOut);
  const totalLinks = (s.links.nodeLeaf + s.links.leafSpine + s.links.spineCore) * P;
  const cableIdWidth = Math.max(2, String(totalLinks).length);

  let seq = 0;
  // One part-id list per media choice, shared by its links (a million links use a few choices).
  const partIds = new Map<MediaChoice, string[]>();
  const leg = (p: number, linkClass: LinkClass, lower: PortRef, upper: PortRef, lengthCm: number, runIndex: number, phase: number): { link: PhysicalLink; choice: MediaChoice } => {
    const choice = media.choose(runs[runIndex].type, lengthCm)!;
    let parts = partIds.get(choice);
    if (!parts) partIds.set(choice, (parts = choice.parts.map((x) => x.sku.partId)));
    return {
      choice,
      link: {
        id: '', plane: p + 1, linkClass, a: lower, b: upper, lengthCm,
        recipe: choice.recipe.id, cableLengthCm: choice.cableLengthCm, parts, phase,
      },
    };
  };
  const swPort = (tier: number, ref: SwitchRef, q: number): PortRef => ({ device: switchName(ref), port: ports[tier].port(q), number: q });
  const nicPort = (node: number, r: number, p: number): PortRef => ({ device: nodeName(node), port: nicPortName(r, p, P) });

  // A group's leaves split each node's rails: leaf m of a group takes rails m x railsPerLeaf onward
  // (one rail per leaf for the rail families, all of them for a fat-tree of whole nodes per leaf).
  const lpg = s.leavesPerGroup;
  const rpl = s.railsPerLeaf;
  /** The group, first node and node count a leaf serves, and its first rail. */
  const leafNodes = (l: number) => {
    const g = family === 'rail-only' ? l % s.groups : Math.floor(l / lpg);
    const m = family === 'rail-only' ? Math.floor(l / s.groups) : l % lpg;
    const first = g * n;
    return { g, firstRail: m * rpl, first, count: Math.min(n, M - first) };
  };

  /** A leaf's down links (to nodes), in its port order: node by node, its rails in order. */
  function* leafDownLegs(p: number, l: number): Generator<Leg> {
    const { firstRail, first, count } = leafNodes(l);
    const site = plan.leafSite(first, count);
    const ref = { tier: 0, plane: p, index: l };
    for (let x = 0; x < count; x++) {
      const node = first + x;
      const cm = plan.nodeToLeafCm(node, site);
      for (let i = 0; i < rpl; i++) {
        const q = x * rpl + i + 1;
        const { link, choice } = leg(p, 'node-leaf', nicPort(node, firstRail + i, p), swPort(0, ref, q), cm, 0, phaseOf.node(node));
        yield { link, choice, aSwitch: { tier: 0, ref, q }, bNode: { node } };
      }
    }
  }

  /** The leaf a node's rail-r port reaches in a plane. */
  const leafFor = (node: number, r: number) => {
    const g = Math.floor(node / n);
    const x = node - g * n;
    const m = Math.floor(r / rpl);
    const l = family === 'rail-only' ? m * s.groups + g : g * lpg + m;
    const q = x * rpl + (r % rpl) + 1;
    return { l, q, first: g * n, count: Math.min(n, M - g * n) };
  };

  /** A leaf's up links (to spines), in its port order. */
  function* leafUpLegs(p: number, l: number): Generator<Leg> {
    const c1 = s.parallelLinks[0];
    const { g } = leafNodes(l);
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
    const ref = { tier: 0, plane: p, index: l };
    const phase = phaseOf.leaf(l);
    for (let j = 0; j < s.spinesPerGroup; j++) {
      for (let i = 0; i < c1; i++) {
        const q = leafDown + j * c1 + i + 1;
        const spine = { tier: 1, plane: p, index: firstSpine + j };
        const sq = local * c1 + i + 1;
        const { link, choice } = leg(p, 'leaf-spine', swPort(0, ref, q), swPort(1, spine, sq), cm, 1, phase);
        yield { link, choice, aSwitch: { tier: 0, ref, q }, bSwitch: { ref: spine, q: sq } };
      }
    }
  }

  /** A spine's up links (to cores), in its port order: spine j of every pod joins core group j. */
  function* spineUpLegs(p: number, spine: number): Generator<Leg> {
    const c2 = s.parallelLinks[1];
    const spineDown = s.tiers[1].downPorts;
    const cm = plan.spineToCoreCm();
    const pod = Math.floor(spine / s.spinesPerGroup);
    const j = spine % s.spinesPerGroup;
    const ref = { tier: 1, plane: p, index: spine };
    const phase = phaseOf.spine(spine);
    for (let x = 0; x < s.coresPerGroup; x++) {
      for (let i = 0; i < c2; i++) {
        const q = spineDown + x * c2 + i + 1;
        const core = { tier: 2, plane: p, index: j * s.coresPerGroup + x };
        const cq = pod * c2 + i + 1;
        const { link, choice } = leg(p, 'spine-core', swPort(1, ref, q), swPort(2, core, cq), cm, 2, phase);
        yield { link, choice, aSwitch: { tier: 1, ref, q }, bSwitch: { ref: core, q: cq } };
      }
    }
  }

  const nodeEnd = (node: number, port: string[], transceiver: string | undefined): CableEnd => {
    const pl = getPlacement();
    // A plane-split plug takes every plane of one NIC port: it is named by the port (nic3).
    const nic = port.length > 1 ? /^(nic\d+)\//.exec(port[0])?.[1] : undefined;
    const whole = nic !== undefined && port.every((x) => x.startsWith(`${nic}/`));
    return { device: nodeName(node), port: whole ? nic : port.length === 1 ? port[0] : port.join('+'), ports: port, rack: pl.nodeRack(node), slot: pl.nodeSlot(node), ...(transceiver ? { transceiver } : {}) };
  };
  const switchEnd = (tier: number, ref: SwitchRef, qs: number[], transceiver: string | undefined): CableEnd => {
    const pl = getPlacement();
    const pn = ports[tier];
    const names = qs.length === 1 ? [pn.port(qs[0])] : qs.map((q) => pn.port(q));
    // A plug that takes every logical port of one cage is named by the cage.
    const whole = qs.length === pn.perCageAt(qs[0]) && pn.perCageAt(qs[0]) > 1 && qs.every((q) => pn.cageOf(q) === pn.cageOf(qs[0]));
    const end: CableEnd = { device: switchName(ref), port: whole ? pn.cage(pn.cageOf(qs[0])) : names.length === 1 ? names[0] : names.join('+'), ports: names, rack: pl.switchRack(ref), u: pl.switchU(ref) };
    if (transceiver) end.transceiver = transceiver;
    return end;
  };

  /** Makes one cable of legs that share the A plug. */
  const cableOf = (legs: Leg[], seq: { link: number; cable: number }): Cable => {
    const first = legs[0];
    const info = recipeInfo.get(first.link.recipe)!;
    let cableLengthCm = 0;
    let runLengthCm = 0;
    let phase = Infinity;
    for (const l of legs) {
      l.link.id = `L${++seq.link}`;
      cableLengthCm = Math.max(cableLengthCm, l.link.cableLengthCm);
      runLengthCm = Math.max(runLengthCm, l.link.lengthCm);
      phase = Math.min(phase, l.link.phase);
    }
    const nodeLink = first.link.linkClass === 'node-leaf';
    // The A end's transceiver: the upper end's part for node links (A is the leaf), the lower end's for switch links.
    const aPart = first.aNode ? info.lower : nodeLink ? info.upper : info.lower;
    const bPart = first.aNode ? info.upper : nodeLink ? info.lower : info.upper;
    let a: CableEnd;
    const b: CableEnd[] = [];
    if (first.aNode) {
      a = nodeEnd(first.aNode.node, legs.map((l) => l.link.a.port), aPart);
      for (const l of legs) b.push(switchEnd(0, l.bSwitch!.ref, [l.bSwitch!.q], bPart));
    } else {
      const sw = first.aSwitch!;
      a = switchEnd(sw.tier, sw.ref, legs.map((l) => l.aSwitch!.q), aPart);
      if (nodeLink) {
        // One plug per NIC port: a splitter's legs go to two ports (of one node or of two).
        for (const l of legs) b.push(nodeEnd(l.bNode!.node, [l.link.a.port], bPart));
      } else {
        // Legs that reach the same cage of the same switch share its plug (a straight twin-port cable).
        const tier = sw.tier + 1;
        const byCage = new Map<string, Leg[]>();
        for (const l of legs) {
          const key = `${l.bSwitch!.ref.index}|${ports[tier].cageOf(l.bSwitch!.q)}`;
          const list = byCage.get(key);
          if (list) list.push(l);
          else byCage.set(key, [l]);
        }
        for (const list of byCage.values()) b.push(switchEnd(tier, list[0].bSwitch!.ref, list.map((l) => l.bSwitch!.q), bPart));
      }
    }
    return {
      id: cableId(++seq.cable, cableIdWidth), plane: first.link.plane, linkClass: first.link.linkClass, recipe: first.link.recipe,
      cablePart: info.cable, cableLengthCm, runLengthCm, a, b, links: legs.map((l) => l.link), phase,
    };
  };

  /**
   * Groups legs in A-port order into cables: consecutive legs of one recipe in one cage of the A
   * switch share a cable up to its links per cable (a splitter or a twin-port copper cable).
   */
  function* group(legs: Iterable<Leg>, seq: { link: number; cable: number }): Generator<Cable> {
    let open: Leg[] = [];
    let cage = -1;
    let per = 1;
    for (const l of legs) {
      const info = recipeInfo.get(l.link.recipe)!;
      if (info.nicFanOut) continue; // listed with the node (its one plug is in the NIC)
      const c = ports[l.aSwitch!.tier].cageOf(l.aSwitch!.q);
      if (open.length > 0 && (open.length >= per || c !== cage || l.link.recipe !== open[0].link.recipe || l.link.linkClass !== open[0].link.linkClass)) {
        yield cableOf(open, seq);
        open = [];
      }
      if (open.length === 0) {
        cage = c;
        per = info.perCable;
      }
      open.push(l);
    }
    if (open.length > 0) yield cableOf(open, seq);
  }

  /** Plane-split cables of one node: for each rail, its legs to each plane's leaf, grouped by links per cable. */
  function* nodePlaneSplitCables(node: number, seq: { link: number; cable: number }): Generator<Cable> {
    for (let r = 0; r < R; r++) {
      const { l, q, first, count } = leafFor(node, r);
      const site = plan.leafSite(first, count);
      const cm = plan.nodeToLeafCm(node, site);
      let open: Leg[] = [];
      for (let p = 0; p < P; p++) {
        const ref = { tier: 0, plane: p, index: l };
        const { link, choice } = leg(p, 'node-leaf', nicPort(node, r, p), swPort(0, ref, q), cm, 0, phaseOf.node(node));
        const info = recipeInfo.get(link.recipe)!;
        if (!info.nicFanOut) continue;
        open.push({ link, choice, aNode: { node }, bSwitch: { ref, q } });
        if (open.length >= info.perCable) {
          yield cableOf(open, seq);
          open = [];
        }
      }
      if (open.length > 0) yield cableOf(open, seq);
    }
  }

  function* cables(): Generator<Cable> {
    // Numbering is per listing run, so two listings read side by side number alike.
    const seq = { link: 0, cable: 0 };
    const pl = getPlacement();
    for (const rack of pl.racks) {
      for (const ref of pl.switchesIn(rack.index)) {
        if (ref.tier === 0) {
          yield* group(leafDownLegs(ref.plane, ref.index), seq);
          if (T >= 2) yield* group(leafUpLegs(ref.plane, ref.index), seq);
        } else if (ref.tier === 1 && T === 3) yield* group(spineUpLegs(ref.plane, ref.index), seq);
      }
      if (planeSplit && rack.kind === 'compute') {
        const { first, count } = pl.nodesIn(rack.index);
        for (let node = first; node < first + count; node++) yield* nodePlaneSplitCables(node, seq);
      }
    }
  }

  function* links(): Generator<PhysicalLink> {
    for (const c of cables()) yield* c.links;
  }

  function* devices(): Generator<Device> {
    const pl = getPlacement();
    for (let i = 0; i < M; i++) yield { name: nodeName(i), role: 'node', ports: R * P, rack: pl.racks[pl.nodeRack(i)].name, slot: pl.nodeSlot(i), phase: phaseOf.node(i) };
    for (let p = 0; p < P; p++) {
      for (let tier = 0; tier < T; tier++) {
        const t = s.tiers[tier];
        for (let i = 0; i < t.countPerPlane; i++) {
          const ref = { tier, plane: p, index: i };
          const at = pl.place(ref);
          yield { name: switchName(ref), role: t.role, plane: p + 1, model: t.option.sw.model, ports: listedPorts(t), rack: pl.racks[at.rack].name, u: at.u, heightU: at.heightU, phase: phaseOf.switchPhase(ref) };
        }
      }
    }
  }

  /** The first template that names two devices alike, as a field path and the rule. */
  function namingProblem(): string | undefined {
    // The family defaults name every device apart by construction: only templates the scenario sets are checked.
    if (!spec || Object.values(spec).every((t) => t === undefined)) return undefined;
    const nm = getNamer();
    for (const role of NAMED_ROLES) {
      const why = templateProblem(role, nm.templates[role]);
      if (why) return `naming.${role}: ${why}`;
    }
    const seen = new Map<string, NamedRole>();
    const check = (name: string, role: NamedRole): string | undefined => {
      const prior = seen.get(name);
      if (prior === undefined) {
        seen.set(name, role);
        return undefined;
      }
      const field = `naming.${role}`;
      return prior === role
        ? `${field}: "${nm.templates[role]}" gives two ${PLURAL[role]} the same name "${name}"; add a placeholder that tells them apart (${ROLE_PLACEHOLDERS[role].map((x) => `{${x}}`).join(', ')})`
        : `${field}: "${nm.templates[role]}" names a ${role} "${name}", already the name of a ${prior} (naming.${prior}); make the two templates differ`;
    };
    for (let i = 0; i < M; i++) {
      const why = check(nm.node(i), 'node');
      if (why) return why;
    }
    for (let tier = 0; tier < T; tier++)
      for (let p = 0; p < P; p++)
        for (let i = 0; i < s.tiers[tier].countPerPlane; i++) {
          const why = check(switchName({ tier, plane: p, index: i }), ROLE_NAMES[tier]);
          if (why) return why;
        }
    return undefined;
  }

  return { devices, links, cables, placement: getPlacement, namer: getNamer, shape: s, switchName, portNamer: (tier) => ports[tier], maxBEnds, cableIdWidth, namingProblem, phases: phaseOf };
}

/** Bandwidth, blast radius and growth figures derived from the counted shape. */
export function shapeMetrics(s: Shape, gpusPerNode: number, nicGbps: number) {
  const T = s.tiers.length;
  // Each boundary's bandwidth is its links times their speed (a cage split's up links run faster).
  const gbps = [s.linkGbps, s.uplinkGbps, s.coreLinkGbps];
  const perPlane = [s.links.nodeLeaf, s.links.leafSpine, s.links.spineCore].slice(0, T).map((n, i) => n * gbps[i]);
  const bisectionPerPlane = Math.min(...perPlane) / 2;
  let spineLoss = 0;
  if (T >= 2) {
    const after = [...perPlane];
    after[1] -= s.tiers[1].downPorts * gbps[1];
    if (T === 3) after[2] -= s.tiers[1].upPorts * gbps[2];
    const lost = bisectionPerPlane - Math.min(...after) / 2;
    spineLoss = (100 * lost) / (bisectionPerPlane * s.planes);
  }
  const perLeafEndpoints = Math.min(s.groupNodes, s.nodes) * s.railsPerLeaf;
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
/**
 * Logical ports a switch of the tier lists: its radix, or for a cage split its down ports, then the
 * up mode's ports on every cage the down ports leave (the PortNamer's numbering).
 */
function listedPorts(t: Shape['tiers'][number]): number {
  const sp = t.option.split;
  return sp ? t.downPorts + (t.option.sw.cages - Math.ceil(t.downPorts / sp.downPerCage)) * sp.upPerCage : t.option.radix;
}

/** Unreserved free ports of a tier's switch (of its listed ports, for a cage split). */
function freePorts(t: Shape['tiers'][number]): number {
  return listedPorts(t) - t.downPorts - t.upPorts - t.reservedPorts;
}

/**
 * The candidate of an assessment. `bom` is its BOM lines, bomLines of the assessment's allocation
 * unless given (a search worker leaves them for the page to make, see src/engine/candidate-wire.ts).
 * Built by several small functions rather than one: a function this size takes V8 a tenth of a
 * second to optimize, and each worker optimizes it again whenever new object shapes reach it.
 */
export function toCandidate(assessor: Assessor, a: Assessment, rank: number | null, bom: BomLine[] = bomLines(assessor.ctx, a.lines)): Candidate {
  const ctx = assessor.ctx;
  const s = a.shape;
  const design: Design = s.design;
  const tiers = candidateTiers(s);
  const links = candidateLinks(s, a);
  // A row stands for every pod split that builds it; it can grow as far as the best of them.
  const splits = equivalentPodSplits(ctx, s);
  const metrics = candidateMetrics(assessor, a, tiers, links, splits);
  return {
    id: designId(design),
    rank,
    family: s.family,
    technology: design.technology,
    planes: s.planes,
    linkGbps: s.linkGbps,
    design,
    tiers,
    links,
    bom,
    metrics,
    objectiveValue: fromCents(a.objectiveCents),
    podSplits: splits.map(({ maxEndpoints: _, ...split }) => split),
    warnings: candidateWarnings(ctx, a),
  };
}

/** The candidate's tiers: switch, port mode, counts, ports and oversubscription. */
function candidateTiers(s: Shape): Candidate['tiers'] {
  const P = s.planes;
  return s.tiers.map((t) => {
    const tier = {
      role: t.role,
      switchModel: t.option.sw.model,
      switchId: t.option.sw.id,
      portMode: t.option.mode.id,
      count: t.countPerPlane * P,
      countPerPlane: t.countPerPlane,
      downPorts: t.downPorts,
      upPorts: t.upPorts,
      portGbps: t.option.gbps,
    } as Candidate['tiers'][number];
    if (t.option.split) {
      tier.upPortMode = t.option.split.upMode.id;
      tier.upPortGbps = t.option.upGbps;
    }
    tier.radix = listedPorts(t);
    tier.freePortsPerSwitch = freePorts(t);
    tier.reservedPortsPerSwitch = t.reservedPorts;
    tier.oversubscription = r4(t.oversubscription);
    return tier;
  });
}

/** The candidate's link classes with their media groups. */
function candidateLinks(s: Shape, a: Assessment): Candidate['links'] {
  const classes: LinkClass[] = ['node-leaf', 'leaf-spine', 'spine-core'];
  const perPlane = { 'node-leaf': s.links.nodeLeaf, 'leaf-spine': s.links.leafSpine, 'spine-core': s.links.spineCore };
  return classes.slice(0, s.tiers.length).map((between) => ({
    between,
    count: perPlane[between] * s.planes,
    gbps: between === 'node-leaf' ? s.linkGbps : between === 'leaf-spine' ? s.uplinkGbps : s.coreLinkGbps,
    media: a.linkGroups.filter((g) => g.linkClass === between).map((g) => ({
      recipe: g.choice.recipe.id,
      recipeName: g.choice.recipe.name,
      lengthM: g.choice.cableLengthCm / 100,
      maxRunM: g.maxRunCm / 100,
      count: g.links,
    })),
  }));
}

/** The candidate's metrics, in the result's order: money, counts, fabric, racks, performance, resilience, sourcing. */
function candidateMetrics(assessor: Assessor, a: Assessment, tiers: Candidate['tiers'], links: Candidate['links'], splits: ReturnType<typeof equivalentPodSplits>): Metrics {
  const ctx = assessor.ctx;
  const s = a.shape;
  const m = shapeMetrics(s, ctx.profile.gpusPerNode, ctx.profile.nicGbps);
  for (const x of splits) m.growthHeadroomEndpoints = Math.max(m.growthHeadroomEndpoints, x.maxEndpoints - s.endpoints);
  const { money, sourcing } = moneyFigures(ctx, a);
  return Object.assign(
    money,
    countFigures(ctx, a, tiers, links),
    fabricFigures(s, m, tiers),
    rackFigures(assessor, a),
    performanceFigures(m),
    resilience(s),
    sourcing,
  ) as Metrics;
}

/** Capex by category and source, reuse, TCO and power; and the worst lead time and warranty of the lines. */
function moneyFigures(ctx: Assessor['ctx'], a: Assessment) {
  const byCategory: Record<PartCategory, number> = { switch: 0, optic: 0, cable: 0 };
  const bySource: Record<Source, number> = { 'oem-new': 0, 'oem-refurbished': 0, 'compatible-new': 0, owned: 0 };
  let maxLead = 0;
  let minWarranty = Infinity;
  let owned = false;
  for (const l of a.lines) {
    byCategory[l.sku.category] += l.cents;
    bySource[l.offer.source] += l.cents;
    maxLead = Math.max(maxLead, l.offer.leadTimeWeeks);
    minWarranty = Math.min(minWarranty, l.offer.warrantyYears);
    if (l.offer.source === 'owned') owned = true;
  }
  const capex = fromCents(a.capexCents);
  const oem = fromCents(a.capexAllOemNewCents);
  const capexBySource: Metrics['capexBySource'] = {
    'oem-new': fromCents(bySource['oem-new']),
    'oem-refurbished': fromCents(bySource['oem-refurbished']),
    'compatible-new': fromCents(bySource['compatible-new']),
  };
  if (bySource.owned > 0 || owned) capexBySource.owned = fromCents(bySource.owned);
  const money = {
    capex,
    capexAllOemNew: oem,
    savingsVsAllOemNew: fromCents(a.capexAllOemNewCents - a.capexCents),
    savingsPct: oem > 0 ? r2((100 * (a.capexAllOemNewCents - a.capexCents)) / a.capexAllOemNewCents) : 0,
    capexByCategory: { switch: fromCents(byCategory.switch), optic: fromCents(byCategory.optic), cable: fromCents(byCategory.cable) },
    capexBySource,
  } as Partial<Metrics>;
  Object.assign(money, reuseMetrics(a.lines));
  money.capexPerGpu = r2(capex / ctx.scenario.cluster.gpus);
  money.tco = fromCents(a.capexCents + a.energyCents + a.supportCents + a.replacementCents);
  money.supportCost = fromCents(a.supportCents);
  money.replacementCost = fromCents(a.replacementCents);
  money.spareUnits = a.spareUnits;
  money.energyCost = fromCents(a.energyCents);
  money.powerW = (a.switchMilliwatts + a.mediaMilliwatts) / 1000;
  money.switchPowerW = a.switchMilliwatts / 1000;
  money.mediaPowerW = a.mediaMilliwatts / 1000;
  return { money, sourcing: { maxLeadTimeWeeks: maxLead, minWarrantyYears: minWarranty === Infinity ? 0 : minWarranty } };
}

/** Switches, links, optics, cables and ports. */
function countFigures(ctx: Assessor['ctx'], a: Assessment, tiers: Candidate['tiers'], links: Candidate['links']) {
  const s = a.shape;
  let transceivers = 0;
  let cables = 0;
  for (const [idx, q] of a.demand) {
    const cat = ctx.skus[idx].category;
    if (cat === 'optic') transceivers += q;
    else if (cat === 'cable') cables += q;
  }
  const portsUsed = (s.links.nodeLeaf + 2 * s.links.leafSpine + 2 * s.links.spineCore) * s.planes;
  const portsTotal = tiers.reduce((x, t) => x + t.count * t.radix, 0);
  return {
    switchCount: tiers.reduce((x, t) => x + t.count, 0),
    linkCount: links.reduce((x, l) => x + l.count, 0),
    transceiverCount: transceivers,
    cableCount: cables,
    portsUsed,
    portsTotal,
    portUtilizationPct: r2((100 * portsUsed) / portsTotal),
  };
}

/** Oversubscription, bisection, blast radius, growth and rack units of the fabric. */
function fabricFigures(s: Shape, m: ReturnType<typeof shapeMetrics>, tiers: Candidate['tiers']) {
  return {
    maxOversubscription: r4(m.maxOversubscription),
    endToEndOversubscription: r4(m.endToEndOversubscription),
    bisectionGbps: m.bisectionGbps,
    diameterHops: m.diameterHops,
    leafFailureGpuPortsCut: m.leafFailureGpuPortsCut,
    spineFailureBisectionLossPct: r4(m.spineFailureBisectionLossPct),
    growthHeadroomEndpoints: m.growthHeadroomEndpoints,
    rackUnits: s.tiers.reduce((x, t, i) => x + tiers[i].count * t.option.sw.rackUnits, 0),
  };
}

/** Collective bandwidth estimates and locality. */
function performanceFigures(m: ReturnType<typeof shapeMetrics>) {
  return {
    allReduceGBpsPerGpu: r2(m.allReduceGBpsPerGpu),
    allToAllGBpsPerGpu: r2(m.allToAllGBpsPerGpu),
    railLocalGpus: m.railLocalGpus,
    leafGroupGpus: m.leafGroupGpus,
    sameRailHops: m.sameRailHops,
    crossRailHops: m.crossRailHops,
    crossRailViaScaleUp: m.crossRailViaScaleUp,
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
