import type { SwitchPart } from '../model/catalog';
import type { Family, Technology } from '../model/common';
import type { NamedRole, NamingPlaceholder } from '../model/scenario';

/**
 * One naming scheme for every device, port and cable Railyard writes: the cable schedule, the rack
 * CSV, ibnetdiscover, Slurm topology.conf, containerlab, DOT, NetBox and the rack elevations all name
 * things through this module, so a name in one file is the same name in every other.
 *
 * Hostnames come from templates (scenario `naming`): text with placeholders in braces. Numbers are
 * zero-padded to the digits of their largest value (at least 2), so names sort as they are
 * numbered; `{plane}` and `{rail}` are not padded (p1, r5).
 */

export type { NamedRole } from '../model/scenario';
export const NAMED_ROLES: readonly NamedRole[] = ['node', 'leaf', 'spine', 'core'];
/** The placeholders, what they stand for and which role may use which: defined with the scenario's `naming` object. */
export { NAMING_PLACEHOLDERS as PLACEHOLDERS, ROLE_PLACEHOLDERS, namingTemplateProblem as templateProblem } from '../model/scenario';
export type Placeholder = NamingPlaceholder;

export type NamingTemplates = Record<NamedRole, string>;
/** The scenario's `naming` object: any role left out takes the family's default. */
export type NamingSpec = Partial<NamingTemplates>;

const PLACEHOLDER = /\{([^{}]*)\}/g;

/** The names Railyard uses when the scenario sets none, per family and tier count. */
export function defaultTemplates(family: Family, tiers: number): NamingTemplates {
  const leaf = family === 'fat-tree' ? 'p{plane}-leaf-{index}' : family === 'rail-optimized' ? 'p{plane}-su{su}-leaf-r{rail}' : 'p{plane}-r{rail}-leaf-{su}';
  const spine = tiers === 3 ? 'p{plane}-pod{pod}-spine-{member}' : family === 'rail-only' ? 'p{plane}-r{rail}-spine-{member}' : 'p{plane}-spine-{index}';
  return { node: 'node-{index}', leaf, spine, core: 'p{plane}-core-{group}-{member}' };
}

/** The templates of a design: the scenario's where it sets them, the family's defaults elsewhere. */
export function templatesFor(spec: NamingSpec | undefined, family: Family, tiers: number): NamingTemplates {
  return { ...defaultTemplates(family, tiers), ...Object.fromEntries(Object.entries(spec ?? {}).filter(([, v]) => v !== undefined)) };
}

/** Values of the placeholders for one device: numbers are padded to `widths`, text is used as it is. */
export type PlaceholderValues = Partial<Record<Placeholder, number | string>>;

/**
 * A compiled template: fills placeholders by plain concatenation (a million names a second).
 * Numbers are padded to the width given for their placeholder.
 */
export function compileTemplate(template: string, widths: Partial<Record<Placeholder, number>>): (v: PlaceholderValues) => string {
  const pieces: (string | Placeholder)[] = [];
  const isName: boolean[] = [];
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    pieces.push(template.slice(last, m.index));
    isName.push(false);
    pieces.push(m[1] as Placeholder);
    isName.push(true);
    last = m.index! + m[0].length;
  }
  pieces.push(template.slice(last));
  isName.push(false);
  return (v) => {
    let out = '';
    for (let i = 0; i < pieces.length; i++) {
      if (!isName[i]) {
        out += pieces[i];
        continue;
      }
      const key = pieces[i] as Placeholder;
      const x = v[key];
      out += typeof x === 'number' ? String(x).padStart(widths[key] ?? 0, '0') : (x ?? '');
    }
    return out;
  };
}

/** Digits of the largest value, at least 2: the padding of a numbered placeholder. */
export const padWidth = (largest: number): number => Math.max(2, String(Math.max(1, largest)).length);

// --- Ports ----------------------------------------------------------------------------------------

/** Electrical lanes per cage: an OSFP or QSFP-DD cage has 8, the QSFP family 4. */
export const CAGE_LANES: Record<string, number> = { OSFP: 8, 'QSFP-DD': 8, QSFP112: 4, QSFP56: 4, QSFP28: 4 };

/**
 * How a switch names its ports, by technology and vendor:
 * - `ib` (InfiniBand, NVIDIA Quantum): `17` for a cage run as one port, `17/1`, `17/2` for the
 *   logical ports of a split (twin-port) cage, as the switch CLI and UFM show them.
 * - `cumulus` (NVIDIA Ethernet, Cumulus Linux): `swp17`, breakouts `swp17s0`, `swp17s1` (0-based).
 * - `eos` (Arista EOS): `Ethernet17/1`, breakouts named by their first lane: `Ethernet17/1`,
 *   `Ethernet17/5` for 2 x 400G in an 8-lane cage.
 * - `sonic` (other Ethernet, SONiC): `Ethernet<first lane>` counted from 0 over the whole switch:
 *   `Ethernet128`, `Ethernet132` for cage 17 split in two.
 */
export type PortStyle = 'ib' | 'cumulus' | 'eos' | 'sonic';

export function portStyle(technology: Technology, vendor: string): PortStyle {
  if (technology === 'infiniband') return 'ib';
  if (/nvidia|mellanox/i.test(vendor)) return 'cumulus';
  if (/arista/i.test(vendor)) return 'eos';
  return 'sonic';
}

/**
 * Names the logical ports and cages of one switch model in one port mode. With `split` (a cage
 * split, docs/model.md): the first `downPorts` logical ports run the down mode on the first cages,
 * the up ports follow on cages of their own in the up mode (`upPorts` ports on every cage).
 */
export class PortNamer {
  readonly style: PortStyle;
  /** Logical ports per cage in this mode (the down mode of a split). */
  readonly perCage: number;
  readonly lanes: number;
  private readonly cache: string[] = [];
  private readonly upStart: number;
  private readonly upCage0: number;
  private readonly upPerCage: number;

  constructor(sw: Pick<SwitchPart, 'vendor' | 'cageType' | 'cages'>, technology: Technology, ports: number, split?: { downPorts: number; upPorts: number }) {
    this.style = portStyle(technology, sw.vendor);
    this.perCage = Math.max(1, Math.round(ports / sw.cages));
    this.upPerCage = split ? Math.max(1, Math.round(split.upPorts / sw.cages)) : this.perCage;
    this.lanes = Math.max(this.perCage, this.upPerCage, CAGE_LANES[sw.cageType] ?? this.perCage);
    this.upStart = split ? split.downPorts + 1 : Infinity;
    this.upCage0 = split ? Math.ceil(split.downPorts / this.perCage) : 0;
  }

  /** Logical ports per cage where logical port q sits (the up mode's for a split's up ports). */
  perCageAt(q: number): number {
    return q >= this.upStart ? this.upPerCage : this.perCage;
  }

  /** Cage (1-based) of logical port q (1-based). */
  cageOf(q: number): number {
    if (q >= this.upStart) return this.upCage0 + Math.floor((q - this.upStart) / this.upPerCage) + 1;
    return Math.floor((q - 1) / this.perCage) + 1;
  }

  /** Lane (1-based) of logical port q within its cage. */
  laneOf(q: number): number {
    if (q >= this.upStart) return ((q - this.upStart) % this.upPerCage) + 1;
    return ((q - 1) % this.perCage) + 1;
  }

  /** The name of logical port q (1-based, down ports first as the design numbers them). */
  port(q: number): string {
    let n = this.cache[q];
    if (n === undefined) this.cache[q] = n = this.make(q);
    return n;
  }

  private make(q: number): string {
    const cage = this.cageOf(q);
    const lane = this.laneOf(q);
    const perCage = this.perCageAt(q);
    const split = perCage > 1;
    const step = this.lanes / perCage;
    switch (this.style) {
      case 'ib': return split ? `${cage}/${lane}` : `${cage}`;
      case 'cumulus': return split ? `swp${cage}s${lane - 1}` : `swp${cage}`;
      case 'eos': return `Ethernet${cage}/${(lane - 1) * step + 1}`;
      case 'sonic': return `Ethernet${(cage - 1) * this.lanes + (lane - 1) * step}`;
    }
  }

  /** The name of a whole cage, for a plug that takes every logical port of it. */
  cage(cage: number): string {
    switch (this.style) {
      case 'ib': return `${cage}`;
      case 'cumulus': return `swp${cage}`;
      case 'eos': return `Ethernet${cage}`;
      case 'sonic': return `Ethernet${(cage - 1) * this.lanes}`;
    }
  }

  /** The logical port number a port name stands for (the inverse of port), or undefined. */
  number(name: string, radix: number): number | undefined {
    for (let q = 1; q <= radix; q++) if (this.port(q) === name) return q;
    return undefined;
  }
}

/** A server's NIC port: `nic3` (rail 3), or `nic3/2` (rail 3, plane 2) when each port is split into planes. */
export const nicPortName = (rail: number, plane: number, planes: number): string => (planes === 1 ? `nic${rail + 1}` : `nic${rail + 1}/${plane + 1}`);

/**
 * The Linux interface containerlab wires for a port: Cumulus names are Linux names already; EOS
 * `Ethernet17/5` is `eth17_5` and SONiC `Ethernet128` is `eth128` (containerlab's mapping for cEOS
 * and SONiC); a server's `nic3/2` is its `eth` number counted over rails and planes.
 */
export function labInterface(port: string, planes: number): string {
  let m: RegExpExecArray | null;
  if ((m = /^Ethernet(\d+)\/(\d+)$/.exec(port))) return `eth${m[1]}_${m[2]}`;
  if ((m = /^Ethernet(\d+)$/.exec(port))) return `eth${Number(m[1]) + 1}`;
  if ((m = /^nic(\d+)(?:\/(\d+))?$/.exec(port))) return `eth${(Number(m[1]) - 1) * planes + Number(m[2] ?? 1)}`;
  return port;
}

// --- Cables ---------------------------------------------------------------------------------------

/** A cable's ID: `C` and its number in schedule order, padded to the digits of the largest. */
export const cableId = (n: number, width: number): string => `C${String(n).padStart(width, '0')}`;
