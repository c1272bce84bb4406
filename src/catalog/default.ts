/**
 * Railyard's built-in parts catalog: switches, transceivers, cables, NICs, media recipes, server
 * profiles and offers.
 *
 * Specs come from the public vendor documents each part's notes cite (NVIDIA LinkX product
 * specifications and switch manuals, vendor data sheets, IEEE 802.3 clauses). Every part states
 * its confidence (verified / estimated / unconfirmed) and, when not verified, which figure is
 * estimated and why. Every price is an illustrative 2026 estimate, anchored on the few public
 * price figures (NDR switch ~ $50k NVIDIA-branded, Aug 2024; cables + optics ~ $2.6M for
 * 1,024 NDR GPUs in 2 tiers; compatible optics 20-55% below OEM; refurbished switches 40-60% below
 * new). Replace them with your quotes.
 *
 * Recipe conventions (see src/model/catalog.ts): for a node-switch link the 'lower-end' part sits
 * in the NIC and the 'upper-end' part in the leaf switch; for a switch-switch link 'lower-end' is
 * the lower switch. `linksPerUnit` counts the links one unit serves (twin-port module: 2 links of
 * 400G or 4 of 200G; 1:2 splitter: 2; a NIC-end module whose port is split into P planes: P).
 */
import { CatalogSchema, type Catalog, type CatalogInput, type Confidence } from '../model/catalog';

export const ILLUSTRATIVE_PRICE_NOTE = 'illustrative 2026 estimate — replace with your quotes';

type SwitchIn = NonNullable<CatalogInput['switches']>[number];
type TransceiverIn = NonNullable<CatalogInput['transceivers']>[number];
type CableIn = NonNullable<CatalogInput['cables']>[number];
type NicIn = NonNullable<CatalogInput['nics']>[number];
type RecipeIn = NonNullable<CatalogInput['mediaRecipes']>[number];
type RecipePartIn = RecipeIn['parts'][number];
type ProfileIn = NonNullable<CatalogInput['serverProfiles']>[number];
type OfferIn = NonNullable<CatalogInput['offers']>[number];
type Tech = 'infiniband' | 'ethernet';

const IB: Tech[] = ['infiniband'];
const ETH: Tech[] = ['ethernet'];
const IB_ETH: Tech[] = ['infiniband', 'ethernet'];

const COMPATIBLE_VENDOR = 'third-party compatible (MSA-compliant, coded for the platform)';
const TBC = 'Part number to be confirmed.';

/**
 * How sure the catalog is of a part or recipe: give `estimated` (which figure is estimated and why)
 * or `unconfirmed` (why it is not known as a standard product); neither means verified against a
 * public datasheet. The text opens the notes as "Estimated: ..." / "Unconfirmed: ...", one
 * sentence, which is what a design's warnings quote (src/topology/warnings.ts).
 */
interface Rating {
  estimated?: string;
  unconfirmed?: string;
}
const confidenceOf = (r: Rating): Confidence => (r.unconfirmed ? 'unconfirmed' : r.estimated ? 'estimated' : 'verified');
const ratingNote = (r: Rating) => (r.unconfirmed ? `Unconfirmed: ${r.unconfirmed}. ` : r.estimated ? `Estimated: ${r.estimated}. ` : '');

/** Part notes: confidence, what it is, where the spec comes from, and the price label. */
const partNotes = (what: string, source: string, r: Rating = {}) =>
  `${ratingNote(r)}${what} Spec source: ${source}. Price: ${ILLUSTRATIVE_PRICE_NOTE}.`;

/** Vendor of the generic Ethernet (MSA) parts: the switch vendor's coded module or a compatible one. */
const MSA_VENDOR = 'MSA-compliant (switch vendor or compatible)';
/** Why a generic Ethernet part is 'estimated'. */
const GENERIC_ETH = 'generic MSA part, figures taken from the equivalent NVIDIA datasheet; modules of other vendors may differ in power';

const offerNotes = (what: string) => `${what} Price: ${ILLUSTRATIVE_PRICE_NOTE}.`;

const offers: OfferIn[] = [];

const round2 = (x: number) => Math.round(x * 100) / 100;

// ---------------------------------------------------------------------------------------------
// Switches
// ---------------------------------------------------------------------------------------------

interface SwitchPricing {
  /** OEM new unit price. */
  newPrice: number;
  /** OEM / certified refurbished unit price (40-60% below new). */
  refurbPrice: number;
  /** Refurbished units available; null = unlimited. */
  refurbStock: number | null;
  newLeadWeeks: number;
  refurbVendor: string;
}

/**
 * Annual support per switch, as a share of the offer's price: OEM support contracts (hardware
 * replacement, software updates, technical support) are commonly quoted at 8-15% of list price a
 * year; refurbished units usually cannot get OEM support and are covered by third-party
 * maintenance, quoted lower. Estimates, not quotes: notes say so. Optics and cables carry none
 * (they are replaced, not supported; see the catalog's failure rates).
 */
export const SWITCH_SUPPORT_SHARE = { 'oem-new': 0.1, 'oem-refurbished': 0.08 } as const;
const supportNote = (share: number, what: string) => `Support: estimated ${Math.round(share * 100)}% of the unit price a year (${what}).`;

function sw(part: Omit<SwitchIn, 'notes' | 'confidence'> & { what: string; source: string } & Rating, p: SwitchPricing): SwitchIn {
  const { what, source, estimated, unconfirmed, ...rest } = part;
  const newShare = SWITCH_SUPPORT_SHARE['oem-new'];
  const refurbShare = SWITCH_SUPPORT_SHARE['oem-refurbished'];
  offers.push({
    id: `${part.id}:oem-new`, part: part.id, source: 'oem-new', vendor: part.vendor,
    price: p.newPrice, stock: null, leadTimeWeeks: p.newLeadWeeks, warrantyYears: 1,
    supportPerYear: Math.round(p.newPrice * newShare),
    notes: offerNotes(`New from the OEM or an authorised reseller, standard 1-year hardware warranty. ${supportNote(newShare, 'OEM support contracts run about 8-15% of list price a year')}`),
  });
  offers.push({
    id: `${part.id}:oem-refurbished`, part: part.id, source: 'oem-refurbished', vendor: p.refurbVendor,
    price: p.refurbPrice, stock: p.refurbStock, leadTimeWeeks: 2, warrantyYears: 1,
    supportPerYear: Math.round(p.refurbPrice * refurbShare),
    notes: offerNotes(
      `Certified refurbished, ${Math.round((1 - p.refurbPrice / p.newPrice) * 100)}% below new` +
        (p.refurbStock === null ? '; broadly available.' : `; about ${p.refurbStock} units on the secondary market.`) +
        ` ${supportNote(refurbShare, 'third-party maintenance; OEM support is usually not sold for refurbished units')}`,
    ),
  });
  return { ...rest, confidence: confidenceOf({ estimated, unconfirmed }), notes: partNotes(what, source, { estimated, unconfirmed }) };
}

const switches: SwitchIn[] = [
  sw({
    id: 'QM9700', estimated: 'power (750 W typical, 1,100 W maximum without optics) is not published in the sources used', model: 'QM9700', vendor: 'NVIDIA', name: 'NVIDIA Quantum-2 QM9700 NDR InfiniBand switch',
    technology: 'infiniband', cageType: 'OSFP', cages: 32,
    portModes: [{ id: '64x400G', ports: 64, gbps: 400 }, { id: '128x200G', ports: 128, gbps: 200 }],
    powerW: 750, maxPowerW: 1_100, rackUnits: 1,
    what: '32 twin-port OSFP cages = 64 x NDR 400G or 128 x NDR200, 51.2 Tb/s, class-8 (17 W) modules, 1U ' +
      '(QM9790 is the externally managed variant). ' +
      'New price anchored on ~ $50k NVIDIA-branded (Aug 2024, public cluster-cost spreadsheet / FS.com listing).',
    source: 'NVIDIA QM97XX user manual',
  }, { newPrice: 50_000, refurbPrice: 25_000, refurbStock: 40, newLeadWeeks: 12, refurbVendor: 'certified refurbisher' }),
  sw({
    id: 'QM8700', estimated: 'power (350 W typical, 500 W maximum without optics) is not published in the sources used', model: 'QM8700', vendor: 'NVIDIA', name: 'NVIDIA Quantum QM8700 HDR InfiniBand switch',
    technology: 'infiniband', cageType: 'QSFP56', cages: 40,
    portModes: [{ id: '40x200G', ports: 40, gbps: 200 }, { id: '80x100G', ports: 80, gbps: 100 }],
    powerW: 350, maxPowerW: 500, rackUnits: 1,
    what: '40 x HDR 200G QSFP56 (80 x HDR100 when split), 16 Tb/s, 1U (QM8790 is the externally managed variant).',
    source: 'NVIDIA/Mellanox QM8700 product brief',
  }, { newPrice: 20_000, refurbPrice: 8_000, refurbStock: null, newLeadWeeks: 10, refurbVendor: 'certified refurbisher' }),
  sw({
    id: 'SB7800', estimated: 'power (220 W typical, 300 W maximum without optics) is not published in the sources used', model: 'SB7800', vendor: 'Mellanox (NVIDIA)', name: 'Mellanox Switch-IB 2 SB7800 EDR InfiniBand switch',
    technology: 'infiniband', cageType: 'QSFP28', cages: 36,
    portModes: [{ id: '36x100G', ports: 36, gbps: 100 }],
    powerW: 220, maxPowerW: 300, rackUnits: 1,
    what: '36 x EDR 100G QSFP28, 7.2 Tb/s, 1U. ' +
      'Legacy part: new units are scarce, refurbished ones plentiful.',
    source: 'Mellanox SB7800 product brief',
  }, { newPrice: 12_000, refurbPrice: 4_800, refurbStock: null, newLeadWeeks: 16, refurbVendor: 'certified refurbisher' }),
  sw({
    id: 'Q3400', estimated: 'power (3,000 W typical, 3,600 W maximum without optics) is not published in the sources used', model: 'Q3400', vendor: 'NVIDIA', name: 'NVIDIA Quantum-X800 Q3400 XDR InfiniBand switch',
    technology: 'infiniband', cageType: 'OSFP', cages: 72,
    portModes: [{ id: '144x800G', ports: 144, gbps: 800 }],
    powerW: 3_000, maxPowerW: 3_600, rackUnits: 4,
    what: '72 twin-port OSFP cages = 144 x XDR 800G, 115.2 Tb/s, 4U; 2 tiers reach 144^2/2 = 10,368 endpoints.',
    source: 'NVIDIA Quantum-X800 announcements',
  }, { newPrice: 130_000, refurbPrice: 78_000, refurbStock: 12, newLeadWeeks: 20, refurbVendor: 'certified refurbisher' }),
  sw({
    id: 'SN5600', estimated: 'power (1,000 W typical, 1,500 W maximum without optics) is not published in the sources used; the cage splits follow from per-port breakout, no published design states the mix', model: 'SN5600', vendor: 'NVIDIA', name: 'NVIDIA Spectrum-4 SN5600 Ethernet switch',
    technology: 'ethernet', cageType: 'OSFP', cages: 64,
    portModes: [
      { id: '64x800G', ports: 64, gbps: 800 },
      { id: '128x400G', ports: 128, gbps: 400 },
      { id: '256x200G', ports: 256, gbps: 200 },
    ],
    // Cage splits: some cages broken out toward the GPUs, the rest at full speed toward the spines.
    cageSplits: [{ down: '128x400G', up: '64x800G' }, { down: '256x200G', up: '128x400G' }],
    powerW: 1_000, maxPowerW: 1_500, rackUnits: 2,
    what: '64 OSFP cages = 64 x 800G, 128 x 400G or 256 x 200G, 51.2 Tb/s, 2U; 18 W optics per port. ' +
      'Cage splits: Cumulus Linux sets breakout per port (a cage as 2 x 400G or 1 x 800G), so some cages can run 2 x 400G ' +
      '(or 4 x 200G) toward the GPUs and the rest 1 x 800G (or 2 x 400G) toward the spines.',
    source: 'NVIDIA SN5000 series documentation; NVIDIA Cumulus Linux user guide (per-port breakout)',
  }, { newPrice: 55_000, refurbPrice: 30_000, refurbStock: 24, newLeadWeeks: 12, refurbVendor: 'certified refurbisher' }),
  sw({
    id: 'S9321-64E', estimated: 'maximum power 1,300 W without optics is estimated (the 913 W typical figure is published); the cage splits follow from per-port breakout, the data sheet does not list the mix', model: 'S9321-64E', vendor: 'UfiSpace', name: 'UfiSpace S9321-64E Broadcom Tomahawk 5 Ethernet switch',
    technology: 'ethernet', cageType: 'OSFP', cages: 64,
    portModes: [
      { id: '64x800G', ports: 64, gbps: 800 },
      { id: '128x400G', ports: 128, gbps: 400 },
      { id: '256x200G', ports: 256, gbps: 200 },
    ],
    cageSplits: [{ down: '128x400G', up: '64x800G' }, { down: '256x200G', up: '128x400G' }],
    powerW: 913, maxPowerW: 1_300, rackUnits: 2,
    what: 'White-box Tomahawk 5: 64 x 800G OSFP (128 x 400G, 256 x 200G breakout), 51.2 Tb/s, 2U; ' +
      '913 W typical without optics (published). Runs a third-party NOS (e.g. IP Infusion OcNOS, SONiC). ' +
      'Cage splits: breakout (2 x 400G, 4 x 200G) is set per port, and Tomahawk 5 is described as running 64 x 800G, 128 x 400G, ' +
      '256 x 200G "or various mixed configurations", so cages can run 2 x 400G down and 1 x 800G up.',
    source: 'IP Infusion / UfiSpace S9321-64E data sheet; IP Infusion Tomahawk 5 platform page (per-port breakout); Yobitel Tomahawk 5 overview (mixed configurations)',
  }, { newPrice: 32_000, refurbPrice: 19_000, refurbStock: 16, newLeadWeeks: 10, refurbVendor: 'certified refurbisher' }),
  sw({
    id: '7060DX5-64S', estimated: 'power (650 W typical, 1,000 W maximum without optics) is not published in the sources used', model: '7060DX5-64S', vendor: 'Arista', name: 'Arista 7060DX5-64S Broadcom Tomahawk 4 Ethernet switch',
    technology: 'ethernet', cageType: 'QSFP-DD', cages: 64,
    portModes: [{ id: '64x400G', ports: 64, gbps: 400 }, { id: '128x200G', ports: 128, gbps: 200 }],
    powerW: 650, maxPowerW: 1_000, rackUnits: 2,
    what: 'Tomahawk 4: 64 x 400G QSFP-DD (128 x 200G breakout), 25.6 Tb/s, 2U; ports are 8 x 50G PAM4 lanes, so links to ' +
      '100G-lane NICs (ConnectX-7, Thor2) need gearbox optics or gearbox active electrical cables. ' +
      'Ethernet parts only: Arista QSFP-DD optics and cables, gearbox cables to 100G-lane NICs.',
    source: 'Arista 7060X5 data sheet; MegaScale (NSDI\'24) for the Tomahawk 4 use case',
  }, { newPrice: 38_000, refurbPrice: 15_200, refurbStock: null, newLeadWeeks: 8, refurbVendor: 'certified refurbisher' }),
];

// ---------------------------------------------------------------------------------------------
// Transceivers
// ---------------------------------------------------------------------------------------------

interface OpticPricing {
  oemPrice: number;
  /** Compatible-new discount vs OEM, 0.20-0.55. */
  compatibleDiscount: number;
  oemLeadWeeks?: number;
  /** OEM-refurbished modules (pulled from decommissioned clusters and retested): discount vs OEM and units available. */
  refurb?: { discount: number; stock: number };
}

function optic(part: Omit<TransceiverIn, 'notes' | 'confidence'> & { what: string; source: string } & Rating, p: OpticPricing): TransceiverIn {
  const { what, source, estimated, unconfirmed, ...rest } = part;
  offers.push({
    id: `${part.id}:oem-new`, part: part.id, source: 'oem-new', vendor: part.vendor,
    price: p.oemPrice, stock: null, leadTimeWeeks: p.oemLeadWeeks ?? 8, warrantyYears: 1,
    notes: offerNotes('OEM-branded module, new.'),
  });
  offers.push({
    id: `${part.id}:compatible-new`, part: part.id, source: 'compatible-new', vendor: COMPATIBLE_VENDOR,
    price: Math.round(p.oemPrice * (1 - p.compatibleDiscount)), stock: null, leadTimeWeeks: 3, warrantyYears: 3,
    notes: offerNotes(`Compatible module, ${Math.round(p.compatibleDiscount * 100)}% below OEM.`),
  });
  if (p.refurb) {
    offers.push({
      id: `${part.id}:oem-refurbished`, part: part.id, source: 'oem-refurbished', vendor: 'optics refurbisher (retested OEM modules)',
      price: Math.round(p.oemPrice * (1 - p.refurb.discount)), stock: p.refurb.stock, leadTimeWeeks: 2, warrantyYears: 1,
      notes: offerNotes(
        `OEM module pulled from a decommissioned cluster and retested, ${Math.round(p.refurb.discount * 100)}% below new; ` +
          `about ${p.refurb.stock} units on the secondary market (discount and stock estimated).`,
      ),
    });
  }
  return { ...rest, confidence: confidenceOf({ estimated, unconfirmed }), notes: partNotes(what, source, { estimated, unconfirmed }) };
}

const transceivers: TransceiverIn[] = [
  // 100G-per-lane generation (NDR / 400GbE / 800GbE), OSFP, switch end (finned top, twin-port).
  optic({
    id: 'MMA4Z00-NS', model: 'MMA4Z00-NS', vendor: 'NVIDIA', name: '800G twin-port OSFP 2xSR4 multimode (switch end)',
    technologies: IB_ETH, formFactor: 'OSFP', gbps: 800, reachM: 50, powerW: 15,
    what: 'Twin-port 2 x 400G SR4 (SR8 as one 800GbE port), two MPO-12/APC, 50 m on multimode; serves 2 x 400G, ' +
      '4 x 200G with 1:2 fiber splitters, or 1 x 800GbE. 15 W.',
    source: 'NVIDIA MMA4Z00-NS product specification',
  }, { oemPrice: 1_300, compatibleDiscount: 0.5, refurb: { discount: 0.55, stock: 600 } }),
  optic({
    id: 'MMS4X00-NS', model: 'MMS4X00-NS', vendor: 'NVIDIA', name: '800G twin-port OSFP DR8 single-mode 100 m (switch end)',
    technologies: IB_ETH, formFactor: 'OSFP', gbps: 800, reachM: 100, powerW: 17,
    what: 'Twin-port 2 x 400G DR4 (DR8), two MPO-12/APC, 100 m on single-mode; 2 x 400G or 4 x 200G with 1:2 splitters. 17 W.',
    source: 'NVIDIA MMS4X00-NS product specification',
  }, { oemPrice: 1_600, compatibleDiscount: 0.45, refurb: { discount: 0.5, stock: 400 } }),
  optic({
    id: 'MMS4X00-NM', model: 'MMS4X00-NM', vendor: 'NVIDIA', name: '800G twin-port OSFP 2xDR4 single-mode 500 m (switch end)',
    technologies: IB_ETH, formFactor: 'OSFP', gbps: 800, reachM: 500, powerW: 17,
    what: 'Twin-port 2 x 400G DR4, two MPO-12/APC, 500 m on single-mode; also runs as one 800GbE DR8 port. 17 W.',
    source: 'NVIDIA MMS4X00-NM product specification',
  }, { oemPrice: 1_900, compatibleDiscount: 0.45 }),
  optic({
    id: 'MMS4X50-NM', estimated: 'power ~ 17 W is not in the sources used', model: 'MMS4X50-NM', vendor: 'NVIDIA', name: '800G twin-port OSFP 2xFR4 single-mode 2 km (switch end)',
    technologies: IB_ETH, formFactor: 'OSFP', gbps: 800, reachM: 2_000, powerW: 17,
    what: 'Twin-port 2 x 400G FR4, two duplex LC, 2 km on single-mode. Power ~ 17 W is estimated.',
    source: 'NVIDIA MMS4X50-NM product specification',
  }, { oemPrice: 2_400, compatibleDiscount: 0.45 }),
  // NIC end, single-port 400G (flat top OSFP for ConnectX-7 OSFP; QSFP112 for ConnectX-7 QSFP112 / Thor2).
  optic({
    id: 'MMA4Z00-NS400', model: 'MMA4Z00-NS400', vendor: 'NVIDIA', name: '400G single-port OSFP SR4 multimode (NIC end)',
    technologies: IB_ETH, formFactor: 'OSFP', gbps: 400, reachM: 50, powerW: 8,
    what: 'Flat-top 400G SR4 for ConnectX-7 OSFP, MPO-12/APC, 50 m; runs 2 x 200G when the NIC port is split. 8 W typical, 9 W max.',
    source: 'NVIDIA MMA4Z00-NS400 product specification',
  }, { oemPrice: 800, compatibleDiscount: 0.5, refurb: { discount: 0.55, stock: 800 } }),
  optic({
    id: 'MMS4X00-NS400', model: 'MMS4X00-NS400', vendor: 'NVIDIA', name: '400G single-port OSFP DR4 single-mode (NIC end)',
    technologies: IB_ETH, formFactor: 'OSFP', gbps: 400, reachM: 100, powerW: 9,
    what: 'Flat-top 400G DR4 for ConnectX-7 OSFP, MPO-12/APC, 100 m (catalog uses the conservative end of 100-500 m); ' +
      '200G over 2 channels with a 1:2 splitter fiber. 9 W.',
    source: 'NVIDIA MMS4X00-NS400 product specification',
  }, { oemPrice: 1_000, compatibleDiscount: 0.45, refurb: { discount: 0.5, stock: 400 } }),
  optic({
    id: 'MMA1Z00-NS400', model: 'MMA1Z00-NS400', vendor: 'NVIDIA', name: '400G QSFP112 SR4 multimode (NIC end)',
    technologies: IB_ETH, formFactor: 'QSFP112', gbps: 400, reachM: 50, powerW: 8,
    what: '400G SR4 QSFP112 for QSFP112 NICs (ConnectX-7 QSFP112, Broadcom Thor2), MPO-12/APC, 50 m. 8 W typical, 9 W max.',
    source: 'NVIDIA MMA1Z00-NS400 product specification',
  }, { oemPrice: 800, compatibleDiscount: 0.5 }),
  optic({
    id: 'QSFP112-400G-DR4', estimated: 'part number to be confirmed (NVIDIA MMS1Z00-NS400 class), power taken from the OSFP DR4', model: '400G QSFP112 DR4 (NVIDIA MMS1Z00-NS400 class)', vendor: 'NVIDIA',
    name: '400G QSFP112 DR4 single-mode (NIC end)',
    technologies: IB_ETH, formFactor: 'QSFP112', gbps: 400, reachM: 100, powerW: 9,
    what: `400G DR4 QSFP112 for QSFP112 NICs, MPO-12/APC, 100 m; 200G over 2 channels with a 1:2 splitter. ${TBC} Power as the OSFP DR4.`,
    source: 'NVIDIA LinkX 400G DR4 family',
  }, { oemPrice: 1_000, compatibleDiscount: 0.45 }),
  // NIC end for ConnectX-8 (800G OSFP, 2 x 400G planes): flat-top twin-port modules.
  optic({
    id: 'OSFP-800G-2xSR4-FLT', estimated: 'flat-top part number and ConnectX-8 support to be confirmed; power as the finned module', model: 'MMA4Z00-NS-FLT', vendor: 'NVIDIA', name: '800G OSFP 2xSR4 flat top (ConnectX-8 NIC end)',
    technologies: IB_ETH, formFactor: 'OSFP', gbps: 800, reachM: 50, powerW: 15,
    what: 'Flat-top 2 x 400G SR4 for a ConnectX-8 port split into two 400G planes; each MPO-12 goes to one plane. ' +
      `${TBC} ConnectX-8 support to be confirmed. 15 W as the finned version.`,
    source: 'NVIDIA MMA4Z00-NS product specification (flat-top variant)',
  }, { oemPrice: 1_350, compatibleDiscount: 0.5 }),
  optic({
    id: 'OSFP-800G-2xDR4-FLT', estimated: 'flat-top part number and ConnectX-8 support to be confirmed; power as the finned module', model: 'MMS4X00-NM-FLT', vendor: 'NVIDIA', name: '800G OSFP 2xDR4 flat top (ConnectX-8 NIC end)',
    technologies: IB_ETH, formFactor: 'OSFP', gbps: 800, reachM: 500, powerW: 17,
    what: 'Flat-top 2 x 400G DR4, 500 m single-mode, for a ConnectX-8 port split into two 400G planes. ' +
      `${TBC} ConnectX-8 support to be confirmed. 17 W as the finned version.`,
    source: 'NVIDIA MMS4X00-NM product specification (flat-top variant)',
  }, { oemPrice: 1_950, compatibleDiscount: 0.45 }),
  // 800GbE single port, long reach.
  optic({
    id: 'OSFP-800G-DR8-2', estimated: 'generic 800GBASE-DR8-2 module (part number per vendor) and its power ~ 17 W are estimated', model: '800GBASE-DR8-2 OSFP', vendor: MSA_VENDOR, name: '800G OSFP DR8-2 single-mode 2 km (one 800GbE port)',
    technologies: ETH, formFactor: 'OSFP', gbps: 800, reachM: 2_000, powerW: 17,
    what: 'One 800GbE port (8 x 100G) over 8 single-mode pairs (two MPO-12/APC), 2 km. Used instead of 2xFR4, which carries ' +
      `2 x 400G and not one 800GbE port. ${TBC} Power ~ 17 W is estimated.`,
    source: 'IEEE 802.3df (800GBASE-DR8-2); NVIDIA LinkX overview',
  }, { oemPrice: 2_600, compatibleDiscount: 0.45 }),
  // XDR (200G per lane): single-mode only.
  optic({
    id: 'XDR-1.6T-2xDR4', estimated: 'part number to be confirmed and power ~ 25 W estimated', model: '1.6T twin-port OSFP 2xDR4 (XDR)', vendor: 'NVIDIA', name: '1.6T twin-port OSFP 2 x 800G DR4 (XDR switch end)',
    technologies: IB, formFactor: 'OSFP', gbps: 1_600, reachM: 500, powerW: 25,
    what: `Twin-port 2 x 800G DR4 (4 x 200G PAM4 each), two MPO-12/APC, 500 m single-mode, for Quantum-X800. ${TBC} ` +
      'Power ~ 25 W is estimated. XDR has no DAC, AOC or multimode options.',
    source: 'NVIDIA 800G/200G-PAM4 LinkX list; NVIDIA LinkX overview',
  }, { oemPrice: 3_000, compatibleDiscount: 0.45, oemLeadWeeks: 16 }),
  optic({
    id: 'XDR-1.6T-2xFR4', estimated: 'part number to be confirmed and power ~ 28 W estimated', model: '1.6T twin-port OSFP 2xFR4 (XDR)', vendor: 'NVIDIA', name: '1.6T twin-port OSFP 2 x 800G FR4 (XDR switch end)',
    technologies: IB, formFactor: 'OSFP', gbps: 1_600, reachM: 2_000, powerW: 28,
    what: `Twin-port 2 x 800G FR4, two duplex LC, 2 km single-mode, for Quantum-X800. ${TBC} Power ~ 28 W is estimated.`,
    source: 'NVIDIA 800G/200G-PAM4 LinkX list; NVIDIA LinkX overview',
  }, { oemPrice: 3_800, compatibleDiscount: 0.45, oemLeadWeeks: 16 }),
  optic({
    id: 'XDR-800G-DR4', estimated: 'part number to be confirmed and power ~ 15 W estimated', model: '800G single-port OSFP DR4 (XDR)', vendor: 'NVIDIA', name: '800G OSFP DR4 flat top (ConnectX-8 NIC end, XDR)',
    technologies: IB, formFactor: 'OSFP', gbps: 800, reachM: 500, powerW: 15,
    what: `Flat-top 800G DR4 (4 x 200G PAM4), MPO-12/APC, 500 m single-mode, for ConnectX-8 at XDR. ${TBC} Power ~ 15 W is estimated.`,
    source: 'NVIDIA 800G/200G-PAM4 LinkX list; NVIDIA LinkX overview',
  }, { oemPrice: 1_700, compatibleDiscount: 0.45, oemLeadWeeks: 16 }),
  // Tomahawk 4 QSFP-DD (8 x 50G electrical, gearbox to 4 x 100G optical).
  optic({
    id: 'QDD-400G-DR4', estimated: 'power ~ 12 W is not in the sources used, and 2 x 200G breakout is to be confirmed per module', model: 'QDD-400G-DR4', vendor: 'Arista', name: '400G QSFP-DD DR4 single-mode 500 m (gearbox)',
    technologies: ETH, formFactor: 'QSFP-DD', gbps: 400, reachM: 500, powerW: 12,
    what: '400GBASE-DR4: 8 x 50G electrical, 4 x 100G optical over MPO-12, 500 m; interoperates with OSFP/QSFP112 400G DR4 ' +
      'NIC modules; 2 x 200G breakout when the switch port is split (to be confirmed per module). Power ~ 12 W is estimated.',
    source: 'Arista transceiver data sheet; IEEE 802.3bs (400GBASE-DR4)',
  }, { oemPrice: 2_000, compatibleDiscount: 0.5 }),
  // HDR / EDR (QSFP56 / QSFP28).
  optic({
    id: 'MMA1T00-HS', estimated: 'power ~ 4.5 W is not in the sources used', model: 'MMA1T00-HS', vendor: 'NVIDIA', name: '200G HDR QSFP56 SR4 multimode',
    technologies: IB, formFactor: 'QSFP56', gbps: 200, reachM: 100, powerW: 4.5,
    what: 'HDR 200G SR4 (4 x 50G PAM4), MPO-12, 100 m on OM4. Power ~ 4.5 W is estimated.',
    source: 'NVIDIA MMA1T00-HS product specification',
  }, { oemPrice: 550, compatibleDiscount: 0.45, refurb: { discount: 0.6, stock: 2000 } }),
  optic({
    id: 'MMA1B00-E100', estimated: 'power ~ 2.5 W is not in the sources used', model: 'MMA1B00-E100', vendor: 'NVIDIA', name: '100G EDR QSFP28 SR4 multimode',
    technologies: IB, formFactor: 'QSFP28', gbps: 100, reachM: 100, powerW: 2.5,
    what: 'EDR 100G SR4 (4 x 25G NRZ), MPO-12, 100 m on OM4. Power ~ 2.5 W is estimated.',
    source: 'NVIDIA/Mellanox MMA1B00-E100 product specification',
  }, { oemPrice: 250, compatibleDiscount: 0.45, refurb: { discount: 0.65, stock: 3000 } }),
  // Ethernet (Spectrum-4 SN5600, Tomahawk 5 S9321-64E): OSFP MSA modules, no InfiniBand part numbers. On
  // SN5600 they are NVIDIA's Ethernet-only parts (named in the notes); Tomahawk boxes take their vendor's
  // coded module or a compatible one. Figures follow the NVIDIA datasheets of the equivalent parts.
  optic({
    id: 'ETH-OSFP800-2xSR4', estimated: GENERIC_ETH, model: 'OSFP 800G 2xSR4 / SR8 (MSA)', vendor: MSA_VENDOR,
    name: '800GbE twin-port OSFP 2xSR4 / SR8 multimode, finned (Ethernet switch end)',
    technologies: ETH, formFactor: 'OSFP', gbps: 800, reachM: 50, powerW: 15,
    what: 'Two 400GBASE-SR4 ports or one 800GBASE-SR8, two MPO-12/APC, 50 m on OM4; 2 x 400G, 4 x 200G with 1:2 splitters, ' +
      'or 1 x 800GbE. On SN5600 this is NVIDIA MMA4Z00-NS-T. 15 W.',
    source: 'NVIDIA MMA4Z00-NS-T product specification; OSFP MSA',
  }, { oemPrice: 1_200, compatibleDiscount: 0.5 }),
  optic({
    id: 'ETH-OSFP800-2xDR4', estimated: GENERIC_ETH, model: 'OSFP 800G 2xDR4 / DR8 (MSA)', vendor: MSA_VENDOR,
    name: '800GbE twin-port OSFP 2xDR4 / DR8 single-mode 500 m, finned (Ethernet switch end)',
    technologies: ETH, formFactor: 'OSFP', gbps: 800, reachM: 500, powerW: 17,
    what: 'Two 400GBASE-DR4 ports or one 800GBASE-DR8, two MPO-12/APC, 500 m on single-mode; 2 x 400G or 4 x 200G with 1:2 splitters. 17 W.',
    source: 'NVIDIA MMS4X00-NS-T / MMS4X00-NM product specifications; IEEE 802.3bs (400GBASE-DR4)',
  }, { oemPrice: 1_700, compatibleDiscount: 0.45 }),
  optic({
    id: 'ETH-OSFP800-2xFR4', estimated: GENERIC_ETH, model: 'OSFP 800G 2xFR4 (MSA)', vendor: MSA_VENDOR,
    name: '800GbE twin-port OSFP 2xFR4 single-mode 2 km, finned (Ethernet switch end)',
    technologies: ETH, formFactor: 'OSFP', gbps: 800, reachM: 2_000, powerW: 17,
    what: 'Two 400GBASE-FR4 ports, two duplex LC, 2 km on single-mode. Power ~ 17 W.',
    source: 'NVIDIA MMS4X50-NM product specification; IEEE 802.3cu (400GBASE-FR4)',
  }, { oemPrice: 2_200, compatibleDiscount: 0.45 }),
  optic({
    id: 'MMA4Z00-NS400-T', model: 'MMA4Z00-NS400-T', vendor: 'NVIDIA', name: '400GbE single-port OSFP SR4 multimode, flat top (ConnectX-7 NIC end, Ethernet)',
    technologies: ETH, formFactor: 'OSFP', gbps: 400, reachM: 50, powerW: 8,
    what: 'NVIDIA\'s Ethernet-only 400G SR4 for ConnectX-7 OSFP, MPO-12/APC, 50 m; 200G over 2 channels with a 1:2 splitter. 8 W typical, 9 W max.',
    source: 'NVIDIA MMA4Z00-NS400-T product specification',
  }, { oemPrice: 750, compatibleDiscount: 0.5 }),
  optic({
    id: 'ETH-OSFP400-DR4-FLT', estimated: GENERIC_ETH, model: 'OSFP 400G DR4 flat top (MSA)', vendor: MSA_VENDOR,
    name: '400GbE single-port OSFP DR4 single-mode, flat top (NIC end, Ethernet)',
    technologies: ETH, formFactor: 'OSFP', gbps: 400, reachM: 500, powerW: 9,
    what: '400GBASE-DR4 for ConnectX-7 OSFP, MPO-12/APC, 500 m; 200G over 2 channels with a 1:2 splitter. 9 W.',
    source: 'NVIDIA MMS4X00-NS400 product specification (power); IEEE 802.3bs (400GBASE-DR4)',
  }, { oemPrice: 950, compatibleDiscount: 0.45 }),
  optic({
    id: 'ETH-QSFP112-400G-SR4', estimated: GENERIC_ETH, model: 'QSFP112 400G SR4 (MSA)', vendor: MSA_VENDOR,
    name: '400GbE QSFP112 SR4 multimode (NIC end, Ethernet)',
    technologies: ETH, formFactor: 'QSFP112', gbps: 400, reachM: 50, powerW: 8,
    what: '400GBASE-SR4 for QSFP112 NICs (Broadcom Thor2, ConnectX-7 QSFP112: NVIDIA MMA1Z00-NS400-T), MPO-12/APC, 50 m. 8 W typical.',
    source: 'NVIDIA MMA1Z00-NS400-T product specification; QSFP112 MSA',
  }, { oemPrice: 750, compatibleDiscount: 0.5 }),
  optic({
    id: 'ETH-QSFP112-400G-DR4', estimated: GENERIC_ETH, model: 'QSFP112 400G DR4 (MSA)', vendor: MSA_VENDOR,
    name: '400GbE QSFP112 DR4 single-mode (NIC end, Ethernet)',
    technologies: ETH, formFactor: 'QSFP112', gbps: 400, reachM: 500, powerW: 9,
    what: '400GBASE-DR4 for QSFP112 NICs, MPO-12/APC, 500 m; 200G over 2 channels with a 1:2 splitter. 9 W.',
    source: 'IEEE 802.3bs (400GBASE-DR4); QSFP112 MSA',
  }, { oemPrice: 950, compatibleDiscount: 0.45 }),
  optic({
    id: 'ETH-OSFP800-2xSR4-FLT', model: 'OSFP 800G 2xSR4 flat top (MSA)', vendor: MSA_VENDOR,
    estimated: 'flat-top twin-port module for ConnectX-8 at 2 x 400GbE, part number per vendor to be confirmed, power as the finned module',
    name: '800G OSFP 2xSR4 flat top (ConnectX-8 NIC end, 2 x 400GbE planes)',
    technologies: ETH, formFactor: 'OSFP', gbps: 800, reachM: 50, powerW: 15,
    what: 'Two 400GBASE-SR4 for a ConnectX-8 port split into two 400GbE planes; each MPO-12 goes to one plane. 15 W.',
    source: 'NVIDIA MMA4Z00-NS-T product specification (finned equivalent)',
  }, { oemPrice: 1_250, compatibleDiscount: 0.5 }),
  optic({
    id: 'ETH-OSFP800-2xDR4-FLT', model: 'OSFP 800G 2xDR4 flat top (MSA)', vendor: MSA_VENDOR,
    estimated: 'flat-top twin-port module for ConnectX-8 at 2 x 400GbE, part number per vendor to be confirmed, power as the finned module',
    name: '800G OSFP 2xDR4 flat top (ConnectX-8 NIC end, 2 x 400GbE planes)',
    technologies: ETH, formFactor: 'OSFP', gbps: 800, reachM: 500, powerW: 17,
    what: 'Two 400GBASE-DR4, 500 m single-mode, for a ConnectX-8 port split into two 400GbE planes. 17 W.',
    source: 'NVIDIA MMS4X00-NM product specification (finned equivalent); IEEE 802.3bs',
  }, { oemPrice: 1_850, compatibleDiscount: 0.45 }),
];

// ---------------------------------------------------------------------------------------------
// Cables
// ---------------------------------------------------------------------------------------------

interface CablePricing {
  /** OEM new: price = base + perMeter x length. */
  base: number;
  perMeter: number;
  /** Compatible-new discount vs OEM, 0.20-0.55, on both terms. */
  compatibleDiscount: number;
  oemVendor?: string;
}

function cable(part: Omit<CableIn, 'notes' | 'confidence'> & { what: string; source: string } & Rating, p: CablePricing): CableIn {
  const { what, source, estimated, unconfirmed, ...rest } = part;
  offers.push({
    id: `${part.id}:oem-new`, part: part.id, source: 'oem-new', vendor: p.oemVendor ?? part.vendor,
    price: p.base, perMeterPrice: p.perMeter, stock: null, leadTimeWeeks: 6, warrantyYears: 1,
    notes: offerNotes(`OEM-branded, new; priced ${p.base} + ${p.perMeter}/m at the standard length bought.`),
  });
  const f = 1 - p.compatibleDiscount;
  offers.push({
    id: `${part.id}:compatible-new`, part: part.id, source: 'compatible-new', vendor: COMPATIBLE_VENDOR,
    price: Math.round(p.base * f), perMeterPrice: round2(p.perMeter * f), stock: null, leadTimeWeeks: 2, warrantyYears: 3,
    notes: offerNotes(`Compatible, ${Math.round(p.compatibleDiscount * 100)}% below OEM.`),
  });
  return { ...rest, confidence: confidenceOf({ estimated, unconfirmed }), notes: partNotes(what, source, { estimated, unconfirmed }) };
}

const DAC_LENGTHS = [1, 1.5, 2, 2.5, 3];
const TWIN_DAC_LENGTHS = [0.5, 1, 1.5, 2];
const ACC_SPLIT_LENGTHS = [4, 5];
const ACC_LENGTHS = [3, 4, 5];
const AEC_LENGTHS = [1, 1.5, 2, 2.5, 3, 4, 5];
const LACC_LENGTHS = [1, 1.5, 2, 2.5, 3, 4, 5];
const FIBER_50 = [1, 2, 3, 5, 7, 10, 15, 20, 30, 50];
const FIBER_100 = [...FIBER_50, 70, 100];
const FIBER_500 = [...FIBER_100, 150, 200, 300, 500];
const FIBER_2000 = [...FIBER_500, 1_000, 2_000];
const AOC_30 = [3, 5, 7, 10, 15, 20, 30];

/**
 * NVIDIA LinkX length coding: the family's trailing digits are the length in metres, three digits
 * with 'A' for a half metre (0.5 m -> N00A, 1 m -> N001, 1.5 m -> N01A, 2.5 m -> N02A, 10 m -> N010),
 * as in the ordering tables of the MCP7Y00 and MCP4Y10 product specifications. Only lengths the
 * public ordering tables list are given; any other length stays a family and its BOM line is estimated.
 */
function linkxPartNumbers(prefix: string, lengthsM: number[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of lengthsM) {
    const whole = Math.floor(m);
    const half = m - whole === 0.5;
    if (!half && m !== whole) continue;
    out[String(m)] = `${prefix}${half ? `${String(whole).padStart(2, '0')}A` : String(whole).padStart(3, '0')}`;
  }
  return out;
}
/** MPO-12/APC fiber lengths the LinkX ordering tables list (MFP7E10 / MFP7E30); 1 m and 2 m stay families. */
const LINKX_FIBER_LENGTHS = [3, 5, 7, 10, 15, 20, 30, 50];

const PLANE_SPLIT_CAVEAT =
  'Plane-split breakout: one NIC-end plug, one leg to each plane switch. No standard LinkX part is known; a custom or ' +
  'third-party assembly whose switch-end cage occupancy must be checked with the switch vendor. Part number and ' +
  'availability to be confirmed; prefer the optical recipes when in doubt.';

const cables: CableIn[] = [
  // --- 100G-per-lane copper, OSFP switch end.
  cable({
    id: 'MCP4Y10-N00x', model: 'MCP4Y10-N00x', vendor: 'NVIDIA', name: 'Twin-port OSFP to twin-port OSFP passive DAC, 2 x 400G',
    kind: 'dac', technologies: IB_ETH, lengthsM: TWIN_DAC_LENGTHS, powerW: 0, partNumbers: linkxPartNumbers('MCP4Y10-N', TWIN_DAC_LENGTHS),
    what: 'Switch-to-switch passive copper, 8 x 100G: 2 x 400G links, 4 x 200G in split mode, or one 800GbE link. 0.5-2 m, < 0.1 W.',
    source: 'NVIDIA MCP4Y10-Nxxx product specification',
  }, { base: 220, perMeter: 15, compatibleDiscount: 0.45 }),
  cable({
    id: 'OSFP-800G-ACC', estimated: 'part number to be confirmed (MCA4J80 class) and power 1.5 W per end taken from the LinkX overview', model: 'MCA4J80-N00x', vendor: 'NVIDIA', name: 'Twin-port OSFP to twin-port OSFP active copper (ACC), 2 x 400G',
    kind: 'acc', technologies: IB_ETH, lengthsM: ACC_LENGTHS, powerW: 3,
    what: `Switch-to-switch active copper for 3-5 m, 1.5 W per 800G end. ${TBC}`,
    source: 'NVIDIA LinkX overview; NVIDIA LinkX overview',
  }, { base: 550, perMeter: 20, compatibleDiscount: 0.4 }),
  cable({
    id: 'MCP7Y00-N00x', model: 'MCP7Y00-N00x', vendor: 'NVIDIA', name: 'Twin-port OSFP to 2 x 400G OSFP passive splitter DAC',
    kind: 'dac', technologies: IB_ETH, lengthsM: DAC_LENGTHS, powerW: 0, partNumbers: linkxPartNumbers('MCP7Y00-N', DAC_LENGTHS),
    what: 'Switch cage (twin-port, finned) to two ConnectX-7 OSFP NICs (flat top), 1-3 m, < 0.1 W.',
    source: 'NVIDIA MCP7Y00-Nxxx product specification',
  }, { base: 270, perMeter: 15, compatibleDiscount: 0.45 }),
  cable({
    id: 'MCA7J60-N00x', estimated: 'cable power ~ 3 W is estimated from 1.5 W at the 800G end', model: 'MCA7J60-N00x', vendor: 'NVIDIA', name: 'Twin-port OSFP to 2 x 400G OSFP active copper splitter (ACC)',
    kind: 'acc', technologies: IB_ETH, lengthsM: ACC_SPLIT_LENGTHS, powerW: 3, partNumbers: linkxPartNumbers('MCA7J60-N', ACC_SPLIT_LENGTHS),
    what: 'Switch cage to two ConnectX-7 OSFP NICs, 4-5 m active copper; ~ 1.5 W at the 800G end (cable total ~ 3 W, estimated).',
    source: 'NVIDIA MCA7J60-Nxxx product specification',
  }, { base: 600, perMeter: 20, compatibleDiscount: 0.4 }),
  cable({
    id: 'MCP7Y10-N00x', model: 'MCP7Y10-N00x', vendor: 'NVIDIA', name: 'Twin-port OSFP to 2 x 400G QSFP112 passive splitter DAC',
    kind: 'dac', technologies: IB_ETH, lengthsM: DAC_LENGTHS, powerW: 0, partNumbers: linkxPartNumbers('MCP7Y10-N', DAC_LENGTHS),
    what: 'Switch cage to two QSFP112 NICs (ConnectX-7 QSFP112, Thor2), 1-3 m, < 0.1 W.',
    source: 'NVIDIA MCP7Y10-Nxxx product specification',
  }, { base: 280, perMeter: 15, compatibleDiscount: 0.45 }),
  cable({
    id: 'MCA7J65-N00x', estimated: 'part number to be confirmed and power ~ 3 W estimated', model: 'MCA7J65-N00x', vendor: 'NVIDIA', name: 'Twin-port OSFP to 2 x 400G QSFP112 active copper splitter (ACC)',
    kind: 'acc', technologies: IB_ETH, lengthsM: ACC_SPLIT_LENGTHS, powerW: 3,
    what: `Switch cage to two QSFP112 NICs, 4-5 m active copper, ~ 3 W per cable (estimated). ${TBC}`,
    source: 'NVIDIA MCA7J60-Nxxx product specification (QSFP112 variants MCA7J65 / MCA7J75)',
  }, { base: 620, perMeter: 20, compatibleDiscount: 0.4 }),
  // --- Plane-split copper (a NIC port split into 2 planes, each leg to a different switch).
  cable({
    id: 'PS-DAC-OSFP400-2x200G', unconfirmed: 'no standard plane-split DAC is known (one NIC plug, one leg to each plane switch); a custom assembly at best', model: 'OSFP 400G to 2 x 200G plane-split DAC', vendor: 'custom cable assembler',
    name: 'ConnectX-7 OSFP 400G to 2 x 200G plane-split passive DAC',
    kind: 'dac', technologies: IB_ETH, lengthsM: DAC_LENGTHS, powerW: 0,
    what: `Passive copper, 4 x 100G at the NIC, 2 x 100G to each of two plane switches (OSFP 200G ports), 1-3 m. ${PLANE_SPLIT_CAVEAT}`,
    source: 'planes as in docs/model.md',
  }, { base: 450, perMeter: 20, compatibleDiscount: 0.4 }),
  cable({
    id: 'PS-DAC-QSFP112-2x200G', unconfirmed: 'no standard plane-split DAC is known (one NIC plug, one leg to each plane switch); a custom assembly at best', model: 'QSFP112 400G to 2 x 200G plane-split DAC', vendor: 'custom cable assembler',
    name: 'QSFP112 400G to 2 x 200G plane-split passive DAC',
    kind: 'dac', technologies: IB_ETH, lengthsM: DAC_LENGTHS, powerW: 0,
    what: `Passive copper, QSFP112 at the NIC, 2 x 100G to each of two plane switches (OSFP 200G ports), 1-3 m. ${PLANE_SPLIT_CAVEAT}`,
    source: 'planes as in docs/model.md',
  }, { base: 450, perMeter: 20, compatibleDiscount: 0.4 }),
  cable({
    id: 'PS-DAC-OSFP800-2x400G', unconfirmed: 'no standard plane-split DAC is known (one NIC plug, one leg to each plane switch); a custom assembly at best', model: 'OSFP 800G to 2 x 400G plane-split DAC', vendor: 'custom cable assembler',
    name: 'ConnectX-8 OSFP 800G to 2 x 400G plane-split passive DAC',
    kind: 'dac', technologies: IB_ETH, lengthsM: DAC_LENGTHS, powerW: 0,
    what: 'Passive copper, 8 x 100G at a ConnectX-8 (flat top), 4 x 100G to each of two plane switches (OSFP 400G ports), 1-3 m; ' +
      `the reverse use of an MCP7Y00-N00x-FLT is the closest standard part. ${PLANE_SPLIT_CAVEAT}`,
    source: 'NVIDIA MCP7Y00-Nxxx product specification; planes as in docs/model.md',
  }, { base: 500, perMeter: 20, compatibleDiscount: 0.4 }),
  // --- Multimode / single-mode fiber for the 100G-lane and XDR optics.
  cable({
    id: 'MFP7E10-N0xx', model: 'MFP7E10-N0xx', vendor: 'NVIDIA', name: 'Multimode MPO-12/APC straight fiber (OM4)',
    kind: 'fiber', technologies: IB_ETH, lengthsM: FIBER_50, powerW: 0, partNumbers: linkxPartNumbers('MFP7E10-N', LINKX_FIBER_LENGTHS),
    what: 'One 400G SR4 link (or 2 x 200G between split switch ports) between 100G-lane multimode modules, up to 50 m.',
    source: 'NVIDIA MMA4Z00-NS product specification (recommended fiber cables)',
  }, { base: 40, perMeter: 2, compatibleDiscount: 0.4 }),
  cable({
    id: 'MFP7E20-N0xx', model: 'MFP7E20-N0xx', vendor: 'NVIDIA', name: 'Multimode MPO-12/APC 1:2 splitter fiber (OM4)',
    kind: 'fiber', technologies: IB_ETH, lengthsM: FIBER_50, powerW: 0,
    what: 'Splits one SR4 MPO into 2 x 200G (2 channels each); the catalog counts one splitter per 200G plane-split link ' +
      '(a splitter at each end per two links), which is conservative on length. Up to 50 m.',
    source: 'NVIDIA MMA4Z00-NS product specification (1:2 splitter fibers)',
  }, { base: 70, perMeter: 2.5, compatibleDiscount: 0.4 }),
  cable({
    id: 'MFP7E30-N0xx', model: 'MFP7E30-N0xx', vendor: 'NVIDIA', name: 'Single-mode MPO-12/APC straight fiber (OS2)',
    kind: 'fiber', technologies: IB_ETH, lengthsM: FIBER_500, powerW: 0, partNumbers: linkxPartNumbers('MFP7E30-N', LINKX_FIBER_LENGTHS),
    what: 'One DR4 link (400G at 100G/lane, 800G XDR at 200G/lane, or 2 x 200G between split switch ports); ' +
      'lengths above 100 m are structured-cabling trunks. Up to 500 m.',
    source: 'NVIDIA MMS4X00-NS400 product specification (MFP7E30 crossover fibers)',
  }, { base: 45, perMeter: 1.5, compatibleDiscount: 0.4 }),
  cable({
    id: 'MFP7E40-N0xx', model: 'MFP7E40-N0xx', vendor: 'NVIDIA', name: 'Single-mode MPO-12/APC 1:2 splitter fiber (OS2)',
    kind: 'fiber', technologies: IB_ETH, lengthsM: FIBER_100, powerW: 0,
    what: 'Splits one DR4 MPO into 2 x 200G; the catalog counts one splitter per 200G plane-split link (conservative). Up to 100 m.',
    source: 'NVIDIA MMS4X00-NS400 product specification (MFP7E40 splitter fibers)',
  }, { base: 75, perMeter: 2, compatibleDiscount: 0.4 }),
  cable({
    id: 'SMF-LC-DUPLEX', model: 'OS2 duplex LC/UPC patch or trunk', vendor: 'structured-cabling vendor', name: 'Single-mode duplex LC fiber (OS2)',
    kind: 'fiber', technologies: IB_ETH, lengthsM: FIBER_2000, powerW: 0,
    what: 'One FR4 link (400G or 800G XDR) per duplex pair, up to 2 km; long runs are structured-cabling trunks.',
    source: 'NVIDIA MMS4X50-NM product specification (duplex LC)',
  }, { base: 15, perMeter: 0.5, compatibleDiscount: 0.4, oemVendor: 'NVIDIA / structured-cabling vendor' }),
  cable({
    id: 'MMF-2xMPO12-800G', model: 'OM4 2 x MPO-12/APC harness', vendor: 'structured-cabling vendor', name: 'Multimode 2 x MPO-12/APC harness for one 800GbE SR8 port',
    kind: 'fiber', technologies: ETH, lengthsM: FIBER_50, powerW: 0,
    what: 'Two MPO-12/APC multimode fibers bundled as one part, because one 800GbE SR8 link uses both MPOs of a twin-port module. Up to 50 m.',
    source: 'NVIDIA MMA4Z00-NS product specification',
  }, { base: 80, perMeter: 4, compatibleDiscount: 0.4 }),
  cable({
    id: 'SMF-2xMPO12-800G', model: 'OS2 2 x MPO-12/APC harness', vendor: 'structured-cabling vendor', name: 'Single-mode 2 x MPO-12/APC harness for one 800GbE DR8 port',
    kind: 'fiber', technologies: ETH, lengthsM: FIBER_2000, powerW: 0,
    what: 'Two MPO-12/APC single-mode fibers bundled as one part for one 800GbE DR8 / DR8-2 link; long runs are trunks. Up to 2 km.',
    source: 'NVIDIA MMS4X00-NM product specification',
  }, { base: 90, perMeter: 3, compatibleDiscount: 0.4 }),
  // --- XDR copper: linear active copper only.
  cable({
    id: 'XDR-1.6T-LACC', estimated: 'reach at 200G per lane is to be confirmed (5 m is the 100G-lane LACC reach), the part number too, and power ~ 2 W per end is estimated', model: '1.6T twin-port OSFP LACC (XDR)', vendor: 'NVIDIA', name: 'Twin-port 1.6T OSFP to twin-port OSFP linear active copper, 2 x 800G XDR',
    kind: 'acc', technologies: IB, lengthsM: LACC_LENGTHS, powerW: 4,
    what: `Switch-to-switch XDR copper, 2 x 800G (200G PAM4 lanes). ${TBC} Reach at 200G/lane to be confirmed; ~ 2 W per end is estimated.`,
    source: 'NVIDIA 800G/200G-PAM4 LinkX list; NVIDIA LinkX overview',
  }, { base: 900, perMeter: 30, compatibleDiscount: 0.4 }),
  cable({
    id: 'XDR-1.6T-2x800G-LACC', estimated: 'reach at 200G per lane is to be confirmed (5 m is the 100G-lane LACC reach), the part number too, and power ~ 4 W is estimated', model: '1.6T twin-port OSFP to 2 x 800G OSFP LACC splitter (XDR)', vendor: 'NVIDIA',
    name: 'Twin-port 1.6T OSFP to 2 x 800G OSFP linear active copper splitter (XDR)',
    kind: 'acc', technologies: IB, lengthsM: LACC_LENGTHS, powerW: 4,
    what: `Quantum-X800 cage to two ConnectX-8 NICs at XDR 800G. ${TBC} Reach at 200G/lane to be confirmed; power ~ 4 W is estimated.`,
    source: 'NVIDIA 800G/200G-PAM4 LinkX list; NVIDIA LinkX overview',
  }, { base: 1_000, perMeter: 30, compatibleDiscount: 0.4 }),
  // --- QSFP-DD (Tomahawk 4, 8 x 50G lanes).
  cable({
    id: 'CAB-D-D-400G', estimated: 'Arista part number and length range to be confirmed', model: 'CAB-D-D-400G-xM', vendor: 'Arista', name: 'QSFP-DD to QSFP-DD 400G passive DAC',
    kind: 'dac', technologies: ETH, lengthsM: DAC_LENGTHS, powerW: 0,
    what: `Switch-to-switch 400G (8 x 50G) copper; carries 2 x 200G between split ports. 1-3 m. ${TBC}`,
    source: 'Arista cable data sheet; NVIDIA LinkX overview',
  }, { base: 300, perMeter: 20, compatibleDiscount: 0.5 }),
  cable({
    id: 'AOC-D-D-400G', estimated: 'power ~ 10 W per end and the part number are estimated', model: 'AOC-D-D-400G-xM', vendor: 'Arista', name: 'QSFP-DD to QSFP-DD 400G active optical cable',
    kind: 'aoc', technologies: ETH, lengthsM: AOC_30, powerW: 20,
    what: `Switch-to-switch 400G AOC (SR8), 3-30 m; carries 2 x 200G between split ports. ~ 10 W per end is estimated. ${TBC}`,
    source: 'Arista cable data sheet; NVIDIA LinkX overview',
  }, { base: 900, perMeter: 5, compatibleDiscount: 0.5 }),
  cable({
    id: 'AEC-QDD400-OSFP400', estimated: 'part number to be confirmed and power ~ 12 W estimated', model: '400G QSFP-DD (8x50G) to OSFP (4x100G) gearbox AEC', vendor: 'Credo',
    name: 'QSFP-DD 400G to OSFP 400G active electrical cable with gearbox',
    kind: 'acc', technologies: ETH, lengthsM: AEC_LENGTHS, powerW: 12,
    what: 'Tomahawk 4 QSFP-DD port (8 x 50G) to a ConnectX-7 OSFP NIC (4 x 100G); a passive DAC cannot join the two lane rates. ' +
      `Up to 5 m. ${TBC} Power ~ 12 W is estimated.`,
    source: 'Credo HiWire AEC product family; NVIDIA LinkX overview',
  }, { base: 700, perMeter: 20, compatibleDiscount: 0.4 }),
  cable({
    id: 'AEC-QDD400-QSFP112', estimated: 'part number to be confirmed and power ~ 12 W estimated', model: '400G QSFP-DD (8x50G) to QSFP112 (4x100G) gearbox AEC', vendor: 'Credo',
    name: 'QSFP-DD 400G to QSFP112 400G active electrical cable with gearbox',
    kind: 'acc', technologies: ETH, lengthsM: AEC_LENGTHS, powerW: 12,
    what: `Tomahawk 4 QSFP-DD port to a QSFP112 NIC (Thor2, ConnectX-7 QSFP112). Up to 5 m. ${TBC} Power ~ 12 W is estimated.`,
    source: 'Credo HiWire AEC product family; NVIDIA LinkX overview',
  }, { base: 700, perMeter: 20, compatibleDiscount: 0.4 }),
  cable({
    id: 'PS-AEC-OSFP400-2xQDD200', unconfirmed: 'no standard plane-split gearbox AEC is known (one NIC plug, one leg to each plane switch); a custom assembly at best', model: 'OSFP 400G to 2 x QSFP-DD 200G plane-split gearbox AEC', vendor: 'Credo',
    name: 'ConnectX-7 OSFP 400G to 2 x 200G QSFP-DD plane-split gearbox AEC',
    kind: 'acc', technologies: ETH, lengthsM: AEC_LENGTHS, powerW: 12,
    what: `Gearbox copper, 2 x 100G per plane at the NIC to 4 x 50G at each Tomahawk 4 plane switch. Up to 5 m. ${PLANE_SPLIT_CAVEAT}`,
    source: 'Credo HiWire AEC product family; planes as in docs/model.md',
  }, { base: 850, perMeter: 20, compatibleDiscount: 0.4 }),
  cable({
    id: 'PS-AEC-QSFP112-2xQDD200', unconfirmed: 'no standard plane-split gearbox AEC is known (one NIC plug, one leg to each plane switch); a custom assembly at best', model: 'QSFP112 400G to 2 x QSFP-DD 200G plane-split gearbox AEC', vendor: 'Credo',
    name: 'QSFP112 400G to 2 x 200G QSFP-DD plane-split gearbox AEC',
    kind: 'acc', technologies: ETH, lengthsM: AEC_LENGTHS, powerW: 12,
    what: `Gearbox copper from a QSFP112 NIC (Thor2) split into two 200G planes to Tomahawk 4 ports. Up to 5 m. ${PLANE_SPLIT_CAVEAT}`,
    source: 'Credo HiWire AEC product family; planes as in docs/model.md',
  }, { base: 850, perMeter: 20, compatibleDiscount: 0.4 }),
  cable({
    id: 'PS-AEC-OSFP800-2xQDD400', unconfirmed: 'no standard plane-split gearbox AEC is known (one NIC plug, one leg to each plane switch); a custom assembly at best', model: 'OSFP 800G to 2 x QSFP-DD 400G plane-split gearbox AEC', vendor: 'Credo',
    name: 'ConnectX-8 OSFP 800G to 2 x 400G QSFP-DD plane-split gearbox AEC',
    kind: 'acc', technologies: ETH, lengthsM: AEC_LENGTHS, powerW: 20,
    what: `Gearbox copper, 4 x 100G per plane at a ConnectX-8 to 8 x 50G at each Tomahawk 4 plane switch. Up to 5 m. ${PLANE_SPLIT_CAVEAT}`,
    source: 'Credo HiWire AEC product family; planes as in docs/model.md',
  }, { base: 1_100, perMeter: 25, compatibleDiscount: 0.4 }),
  // --- HDR (QSFP56, 50G lanes) and EDR (QSFP28, 25G lanes).
  cable({
    id: 'MCP1650-H00x', estimated: 'carrying 2 x HDR100 between split ports is to be confirmed with the switch vendor', model: 'MCP1650-H00x', vendor: 'NVIDIA', name: 'HDR 200G QSFP56 passive DAC',
    kind: 'dac', technologies: IB, lengthsM: [0.5, 1, 1.5, 2], powerW: 0,
    what: 'HDR 200G copper, 0.5-2 m; between two ports split into HDR100 it carries 2 x 100G (to be confirmed with the switch vendor).',
    source: 'NVIDIA MCP1650-H product specification',
  }, { base: 110, perMeter: 15, compatibleDiscount: 0.45 }),
  cable({
    id: 'MFS1S00-H0xx', estimated: 'power ~ 4 W per end is not in the sources used', model: 'MFS1S00-H0xx', vendor: 'NVIDIA', name: 'HDR 200G QSFP56 active optical cable',
    kind: 'aoc', technologies: IB, lengthsM: AOC_30, powerW: 8,
    what: 'HDR 200G AOC, 3-30 m; ~ 4 W per end (estimated).',
    source: 'NVIDIA MFS1S00-H product specification; NVIDIA LinkX overview',
  }, { base: 450, perMeter: 10, compatibleDiscount: 0.45 }),
  cable({
    id: 'MCP7H50-H00x', model: 'MCP7H50-H00x', vendor: 'NVIDIA', name: 'HDR 200G QSFP56 to 2 x HDR100 QSFP56 passive splitter DAC',
    kind: 'dac', technologies: IB, lengthsM: [1, 1.5, 2], powerW: 0,
    what: 'One QM8700 port in split mode to two HDR100 NICs, 1-2 m.',
    source: 'NVIDIA MCP7H50-H product specification',
  }, { base: 250, perMeter: 15, compatibleDiscount: 0.45 }),
  cable({
    id: 'MFS1S50-H0xx', estimated: 'power (~ 4 W at the 200G end, ~ 2.5 W per HDR100 end) is not in the sources used', model: 'MFS1S50-H0xx', vendor: 'NVIDIA', name: 'HDR 200G QSFP56 to 2 x HDR100 QSFP56 active optical splitter',
    kind: 'aoc', technologies: IB, lengthsM: AOC_30, powerW: 9,
    what: 'One QM8700 port in split mode to two HDR100 NICs, 3-30 m; ~ 4 W at the 200G end and ~ 2.5 W per HDR100 end (estimated).',
    source: 'NVIDIA MFS1S50-H product specification; NVIDIA LinkX overview',
  }, { base: 650, perMeter: 10, compatibleDiscount: 0.45 }),
  cable({
    id: 'MCP1600-E00x', model: 'MCP1600-E00x', vendor: 'NVIDIA', name: 'EDR 100G QSFP28 passive DAC',
    kind: 'dac', technologies: IB, lengthsM: [0.5, 1, 1.5, 2, 2.5, 3, 4, 5], powerW: 0,
    what: 'EDR 100G copper (25G NRZ lanes), 0.5-5 m.',
    source: 'NVIDIA/Mellanox MCP1600-E product specification',
  }, { base: 70, perMeter: 12, compatibleDiscount: 0.45 }),
  cable({
    id: 'MFA1A00-E0xx', estimated: 'power ~ 2.2 W per end is not in the sources used', model: 'MFA1A00-E0xx', vendor: 'NVIDIA', name: 'EDR 100G QSFP28 active optical cable',
    kind: 'aoc', technologies: IB, lengthsM: [...AOC_30, 50, 100], powerW: 4.5,
    what: 'EDR 100G AOC, 3-100 m; ~ 2.2 W per end (estimated).',
    source: 'NVIDIA/Mellanox MFA1A00-E product specification',
  }, { base: 250, perMeter: 4, compatibleDiscount: 0.45 }),
  cable({
    id: 'MMF-MPO12-UPC', model: 'OM4 MPO-12/UPC trunk', vendor: 'structured-cabling vendor', name: 'Multimode MPO-12/UPC fiber (OM4) for HDR / EDR SR4',
    kind: 'fiber', technologies: IB, lengthsM: FIBER_100, powerW: 0,
    what: 'One HDR or EDR SR4 link (or 2 x HDR100 between split ports), up to 100 m on OM4.',
    source: 'NVIDIA MMA1T00-HS / MMA1B00-E100 product specifications',
  }, { base: 35, perMeter: 1.8, compatibleDiscount: 0.4, oemVendor: 'NVIDIA / structured-cabling vendor' }),
  // --- Ethernet copper and fiber (generic MSA / structured cabling; on SN5600, NVIDIA's Ethernet LinkX cables).
  cable({
    id: 'ETH-DAC-OSFP800', estimated: GENERIC_ETH, model: 'OSFP 800G passive DAC (MSA)', vendor: MSA_VENDOR,
    name: 'OSFP to OSFP 800GbE passive DAC, finned (Ethernet switch to switch)',
    kind: 'dac', technologies: ETH, lengthsM: TWIN_DAC_LENGTHS, powerW: 0,
    what: 'Passive copper, 8 x 100G: one 800GbE link, 2 x 400GbE or 4 x 200GbE between split ports. 0.5-2 m, < 0.1 W.',
    source: 'NVIDIA MCP4Y10-Nxxx product specification (equivalent); OSFP MSA',
  }, { base: 200, perMeter: 15, compatibleDiscount: 0.45 }),
  cable({
    id: 'ETH-ACC-OSFP800', estimated: GENERIC_ETH, model: 'OSFP 800G active copper (MSA)', vendor: MSA_VENDOR,
    name: 'OSFP to OSFP 800GbE active copper cable (Ethernet switch to switch)',
    kind: 'acc', technologies: ETH, lengthsM: ACC_LENGTHS, powerW: 3,
    what: 'Active copper for 3-5 m, 1.5 W per 800G end.',
    source: 'NVIDIA LinkX overview (ACC); OSFP MSA',
  }, { base: 520, perMeter: 20, compatibleDiscount: 0.4 }),
  cable({
    id: 'ETH-SPLIT-DAC-OSFP800-2xOSFP400', estimated: GENERIC_ETH, model: 'OSFP 800G to 2 x OSFP 400G splitter DAC (MSA)', vendor: MSA_VENDOR,
    name: 'OSFP 800GbE (finned) to 2 x 400GbE OSFP (flat top) passive splitter DAC',
    kind: 'dac', technologies: ETH, lengthsM: DAC_LENGTHS, powerW: 0,
    what: 'Switch cage to two ConnectX-7 OSFP NICs, 1-3 m, < 0.1 W.',
    source: 'NVIDIA MCP7Y00-Nxxx product specification (equivalent); OSFP MSA',
  }, { base: 250, perMeter: 15, compatibleDiscount: 0.45 }),
  cable({
    id: 'ETH-SPLIT-ACC-OSFP800-2xOSFP400', estimated: GENERIC_ETH, model: 'OSFP 800G to 2 x OSFP 400G splitter ACC (MSA)', vendor: MSA_VENDOR,
    name: 'OSFP 800GbE (finned) to 2 x 400GbE OSFP (flat top) active copper splitter',
    kind: 'acc', technologies: ETH, lengthsM: ACC_SPLIT_LENGTHS, powerW: 3,
    what: 'Switch cage to two ConnectX-7 OSFP NICs, 4-5 m active copper, ~ 3 W per cable.',
    source: 'NVIDIA MCA7J60-Nxxx product specification (equivalent); OSFP MSA',
  }, { base: 570, perMeter: 20, compatibleDiscount: 0.4 }),
  cable({
    id: 'ETH-SPLIT-DAC-OSFP800-2xQSFP112', estimated: GENERIC_ETH, model: 'OSFP 800G to 2 x QSFP112 400G splitter DAC (MSA)', vendor: MSA_VENDOR,
    name: 'OSFP 800GbE (finned) to 2 x 400GbE QSFP112 passive splitter DAC',
    kind: 'dac', technologies: ETH, lengthsM: DAC_LENGTHS, powerW: 0,
    what: 'Switch cage to two QSFP112 NICs (Thor2, ConnectX-7 QSFP112), 1-3 m, < 0.1 W.',
    source: 'NVIDIA MCP7Y10-Nxxx product specification (equivalent); OSFP and QSFP112 MSAs',
  }, { base: 260, perMeter: 15, compatibleDiscount: 0.45 }),
  cable({
    id: 'ETH-SPLIT-ACC-OSFP800-2xQSFP112', estimated: GENERIC_ETH, model: 'OSFP 800G to 2 x QSFP112 400G splitter ACC (MSA)', vendor: MSA_VENDOR,
    name: 'OSFP 800GbE (finned) to 2 x 400GbE QSFP112 active copper splitter',
    kind: 'acc', technologies: ETH, lengthsM: ACC_SPLIT_LENGTHS, powerW: 3,
    what: 'Switch cage to two QSFP112 NICs, 4-5 m active copper, ~ 3 W per cable.',
    source: 'NVIDIA MCA7J65 / MCA7J75 product family (equivalent); OSFP and QSFP112 MSAs',
  }, { base: 590, perMeter: 20, compatibleDiscount: 0.4 }),
  cable({
    id: 'ETH-MMF-MPO12-APC', model: 'OM4 MPO-12/APC straight fiber', vendor: 'structured-cabling vendor', name: 'Multimode MPO-12/APC straight fiber (OM4), Ethernet SR4',
    kind: 'fiber', technologies: ETH, lengthsM: FIBER_50, powerW: 0,
    what: 'One 400GBASE-SR4 link (or 2 x 200G between split switch ports), up to 50 m.',
    source: 'IEEE 802.3db (400GBASE-SR4 over OM4)',
  }, { base: 35, perMeter: 2, compatibleDiscount: 0.4 }),
  cable({
    id: 'ETH-MMF-MPO12-APC-SPLIT', model: 'OM4 MPO-12/APC 1:2 splitter fiber', vendor: 'structured-cabling vendor', name: 'Multimode MPO-12/APC 1:2 splitter fiber (OM4), Ethernet SR4',
    kind: 'fiber', technologies: ETH, lengthsM: FIBER_50, powerW: 0,
    what: 'Splits one SR4 MPO into 2 x 200G; counted one per 200G plane-split link (conservative on length). Up to 50 m.',
    source: 'IEEE 802.3db; NVIDIA MMA4Z00-NS400-T product specification (splitter use)',
  }, { base: 60, perMeter: 2.5, compatibleDiscount: 0.4 }),
  cable({
    id: 'ETH-SMF-MPO12-APC', model: 'OS2 MPO-12/APC straight fiber', vendor: 'structured-cabling vendor', name: 'Single-mode MPO-12/APC straight fiber (OS2), Ethernet DR4',
    kind: 'fiber', technologies: ETH, lengthsM: FIBER_500, powerW: 0,
    what: 'One 400GBASE-DR4 link (or 2 x 200G between split switch ports); lengths above 100 m are structured-cabling trunks. Up to 500 m.',
    source: 'IEEE 802.3bs (400GBASE-DR4)',
  }, { base: 40, perMeter: 1.5, compatibleDiscount: 0.4 }),
  cable({
    id: 'ETH-SMF-MPO12-APC-SPLIT', model: 'OS2 MPO-12/APC 1:2 splitter fiber', vendor: 'structured-cabling vendor', name: 'Single-mode MPO-12/APC 1:2 splitter fiber (OS2), Ethernet DR4',
    kind: 'fiber', technologies: ETH, lengthsM: FIBER_100, powerW: 0,
    what: 'Splits one DR4 MPO into 2 x 200G; counted one per 200G plane-split link (conservative). Up to 100 m.',
    source: 'IEEE 802.3bs; NVIDIA MMS4X00-NS400 product specification (splitter use)',
  }, { base: 65, perMeter: 2, compatibleDiscount: 0.4 }),
];

// ---------------------------------------------------------------------------------------------
// NICs (informational; not priced)
// ---------------------------------------------------------------------------------------------

const nics: NicIn[] = [
  {
    id: 'connectx-7-osfp', model: 'ConnectX-7 (OSFP)', vendor: 'NVIDIA', name: 'NVIDIA ConnectX-7 400G OSFP',
    ports: 1, gbps: 400, formFactor: 'OSFP', technologies: IB_ETH, confidence: 'verified',
    notes: 'NDR 400G InfiniBand or 400GbE, 4 x 100G lanes; port can split into 2 x 200G. Used in HGX H100/B200 and GB200. Spec source: NVIDIA ConnectX product briefs.',
  },
  {
    id: 'connectx-8', model: 'ConnectX-8 SuperNIC', vendor: 'NVIDIA', name: 'NVIDIA ConnectX-8 800G OSFP',
    ports: 1, gbps: 800, formFactor: 'OSFP', technologies: IB_ETH, confidence: 'verified',
    notes: 'XDR 800G InfiniBand, or 2 x 400G (two planes, InfiniBand or 400GbE). Used in HGX B300. Spec source: NVIDIA ConnectX product briefs.',
  },
  {
    id: 'thor2-400g', model: 'BCM957608 (Thor2)', vendor: 'Broadcom', name: 'Broadcom Thor2 400G QSFP112',
    ports: 1, gbps: 400, formFactor: 'QSFP112', technologies: ETH, confidence: 'verified',
    notes: '400GbE RoCE NIC, QSFP112, 4 x 100G lanes. Typical scale-out NIC for AMD MI300X platforms. Spec source: Broadcom Thor2 product brief.',
  },
  {
    id: 'connectx-6-hdr', model: 'ConnectX-6 VPI (QSFP56)', vendor: 'NVIDIA', name: 'NVIDIA ConnectX-6 200G QSFP56',
    ports: 1, gbps: 200, formFactor: 'QSFP56', technologies: IB_ETH, confidence: 'verified',
    notes: 'HDR 200G / HDR100 InfiniBand or 200GbE, 4 x 50G lanes; for custom HDR profiles. Spec source: NVIDIA ConnectX-6 product brief.',
  },
  {
    id: 'connectx-5-edr', model: 'ConnectX-5 VPI (QSFP28)', vendor: 'NVIDIA', name: 'NVIDIA ConnectX-5 100G QSFP28',
    ports: 1, gbps: 100, formFactor: 'QSFP28', technologies: IB_ETH, confidence: 'verified',
    notes: 'EDR 100G InfiniBand or 100GbE; for custom EDR profiles. Spec source: NVIDIA ConnectX-5 product brief.',
  },
];

// ---------------------------------------------------------------------------------------------
// Media recipes
// ---------------------------------------------------------------------------------------------

const cab = (part: string, linksPerUnit = 1): RecipePartIn => ({ part, role: 'cable', linksPerUnit });
const lower = (part: string, linksPerUnit = 1): RecipePartIn => ({ part, role: 'lower-end', linksPerUnit });
const upper = (part: string, linksPerUnit = 1): RecipePartIn => ({ part, role: 'upper-end', linksPerUnit });

interface NodeGroup {
  key: string;
  technologies: Tech[];
  linkGbps: number;
  switchCage: RecipeIn['switchCage'];
  nicGbps?: number;
  nicFormFactor?: string;
  what: string;
}

interface Variant extends Rating {
  id: string;
  name: string;
  maxReachM: number;
  parts: RecipePartIn[];
  notes?: string;
}

/** A recipe's confidence and notes: its own rating first, then the group's and the variant's text. */
const recipeRating = (g: { what: string }, v: Variant) => ({
  confidence: confidenceOf(v),
  notes: `${ratingNote(v)}${v.notes ? `${g.what} ${v.notes}` : g.what}`,
});

/** Node-switch recipes sharing one (technology, speed, switch cage, NIC) combination. */
function nodeRecipes(g: NodeGroup, variants: Variant[]): RecipeIn[] {
  return variants.map((v) => ({
    id: `ns.${g.key}.${v.id}`,
    name: v.name,
    technologies: g.technologies,
    linkGbps: g.linkGbps,
    kind: 'node-switch' as const,
    switchCage: g.switchCage,
    ...(g.nicGbps !== undefined ? { nicGbps: g.nicGbps } : {}),
    ...(g.nicFormFactor !== undefined ? { nicFormFactor: g.nicFormFactor } : {}),
    maxReachM: v.maxReachM,
    parts: v.parts,
    ...recipeRating(g, v),
  }));
}

interface SwitchGroup {
  key: string;
  technologies: Tech[];
  linkGbps: number;
  switchCage: RecipeIn['switchCage'];
  what: string;
}

function switchRecipes(g: SwitchGroup, variants: Variant[]): RecipeIn[] {
  return variants.map((v) => ({
    id: `ss.${g.key}.${v.id}`,
    name: v.name,
    technologies: g.technologies,
    linkGbps: g.linkGbps,
    kind: 'switch-switch' as const,
    switchCage: g.switchCage,
    maxReachM: v.maxReachM,
    parts: v.parts,
    ...recipeRating(g, v),
  }));
}

const recipesAsWritten: RecipeIn[] = [
  // ===== Node links, 400G, OSFP switch, ConnectX-7 OSFP 400G NIC (1 plane).
  ...nodeRecipes({
    key: '400g.osfp.nic-osfp400', technologies: IB_ETH, linkGbps: 400, switchCage: 'OSFP', nicGbps: 400, nicFormFactor: 'OSFP',
    what: 'ConnectX-7 OSFP 400G NIC to a 400G port of an OSFP switch (QM9700, SN5600, S9321-64E).',
  }, [
    { id: 'splitter-dac', name: '800G twin-port to 2 x 400G OSFP splitter DAC', maxReachM: 3, parts: [cab('MCP7Y00-N00x', 2)] },
    { id: 'splitter-acc', name: '800G twin-port to 2 x 400G OSFP active copper splitter', maxReachM: 5, parts: [cab('MCA7J60-N00x', 2)] },
    {
      id: 'sr4', name: '2xSR4 twin-port at switch + 400G SR4 at NIC + multimode fiber', maxReachM: 50,
      parts: [upper('MMA4Z00-NS', 2), lower('MMA4Z00-NS400'), cab('MFP7E10-N0xx')],
    },
    {
      id: 'dr4', name: 'DR8 twin-port at switch + 400G DR4 at NIC + single-mode fiber', maxReachM: 100,
      parts: [upper('MMS4X00-NS', 2), lower('MMS4X00-NS400'), cab('MFP7E30-N0xx')],
    },
  ]),
  // ===== Node links, 400G, OSFP switch, QSFP112 400G NIC (Thor2 / ConnectX-7 QSFP112).
  ...nodeRecipes({
    key: '400g.osfp.nic-qsfp112-400', technologies: IB_ETH, linkGbps: 400, switchCage: 'OSFP', nicGbps: 400, nicFormFactor: 'QSFP112',
    what: 'QSFP112 400G NIC (Thor2, ConnectX-7 QSFP112) to a 400G port of an OSFP switch.',
  }, [
    { id: 'splitter-dac', name: '800G twin-port OSFP to 2 x 400G QSFP112 splitter DAC', maxReachM: 3, parts: [cab('MCP7Y10-N00x', 2)] },
    { id: 'splitter-acc', name: '800G twin-port OSFP to 2 x 400G QSFP112 active copper splitter', maxReachM: 5, parts: [cab('MCA7J65-N00x', 2)] },
    {
      id: 'sr4', name: '2xSR4 twin-port at switch + 400G QSFP112 SR4 at NIC + multimode fiber', maxReachM: 50,
      parts: [upper('MMA4Z00-NS', 2), lower('MMA1Z00-NS400'), cab('MFP7E10-N0xx')],
    },
    {
      id: 'dr4', name: 'DR8 twin-port at switch + 400G QSFP112 DR4 at NIC + single-mode fiber', maxReachM: 100,
      parts: [upper('MMS4X00-NS', 2), lower('QSFP112-400G-DR4'), cab('MFP7E30-N0xx')],
    },
  ]),
  // ===== Node links, 200G, OSFP switch, ConnectX-7 OSFP 400G NIC split into 2 planes.
  ...nodeRecipes({
    key: '200g.osfp.nic-osfp400', technologies: IB_ETH, linkGbps: 200, switchCage: 'OSFP', nicGbps: 400, nicFormFactor: 'OSFP',
    what: 'ConnectX-7 OSFP 400G NIC split into 2 x 200G planes, to 200G ports of OSFP switches (QM9700 128x200G, SN5600 / S9321-64E 256x200G).',
  }, [
    { id: 'plane-split-dac', name: 'OSFP 400G to 2 x 200G plane-split DAC', unconfirmed: 'the plane-split cable is not a known standard part', maxReachM: 3, parts: [cab('PS-DAC-OSFP400-2x200G', 2)] },
    {
      id: 'sr4-split', name: '2xSR4 twin-port (4 x 200G) at switch + 400G SR4 (2 planes) at NIC + 1:2 multimode splitters', maxReachM: 50,
      parts: [upper('MMA4Z00-NS', 4), lower('MMA4Z00-NS400', 2), cab('MFP7E20-N0xx')],
    },
    {
      id: 'dr4-split', name: 'DR8 twin-port (4 x 200G) at switch + 400G DR4 (2 planes) at NIC + 1:2 single-mode splitters', maxReachM: 100,
      parts: [upper('MMS4X00-NS', 4), lower('MMS4X00-NS400', 2), cab('MFP7E40-N0xx')],
    },
  ]),
  // ===== Node links, 200G, OSFP switch, QSFP112 400G NIC split into 2 planes.
  ...nodeRecipes({
    key: '200g.osfp.nic-qsfp112-400', technologies: IB_ETH, linkGbps: 200, switchCage: 'OSFP', nicGbps: 400, nicFormFactor: 'QSFP112',
    what: 'QSFP112 400G NIC (Thor2) split into 2 x 200G planes, to 200G ports of OSFP switches.',
  }, [
    { id: 'plane-split-dac', name: 'QSFP112 400G to 2 x 200G plane-split DAC', unconfirmed: 'the plane-split cable is not a known standard part', maxReachM: 3, parts: [cab('PS-DAC-QSFP112-2x200G', 2)] },
    {
      id: 'sr4-split', name: '2xSR4 twin-port (4 x 200G) at switch + QSFP112 SR4 (2 planes) at NIC + 1:2 multimode splitters', maxReachM: 50,
      parts: [upper('MMA4Z00-NS', 4), lower('MMA1Z00-NS400', 2), cab('MFP7E20-N0xx')],
    },
    {
      id: 'dr4-split', name: 'DR8 twin-port (4 x 200G) at switch + QSFP112 DR4 (2 planes) at NIC + 1:2 single-mode splitters', maxReachM: 100,
      parts: [upper('MMS4X00-NS', 4), lower('QSFP112-400G-DR4', 2), cab('MFP7E40-N0xx')],
    },
  ]),
  // ===== Node links, 400G, OSFP switch, ConnectX-8 800G NIC split into 2 planes.
  ...nodeRecipes({
    key: '400g.osfp.nic-osfp800', technologies: IB_ETH, linkGbps: 400, switchCage: 'OSFP', nicGbps: 800, nicFormFactor: 'OSFP',
    what: 'ConnectX-8 800G NIC split into 2 x 400G planes, to 400G ports of OSFP switches (QM9700 64x400G, SN5600 / S9321-64E 128x400G).',
  }, [
    { id: 'plane-split-dac', name: 'OSFP 800G to 2 x 400G plane-split DAC', unconfirmed: 'the plane-split cable is not a known standard part', maxReachM: 3, parts: [cab('PS-DAC-OSFP800-2x400G', 2)] },
    {
      id: 'sr4', name: '2xSR4 twin-port at switch + 2xSR4 flat top (2 planes) at NIC + multimode fiber', maxReachM: 50,
      parts: [upper('MMA4Z00-NS', 2), lower('OSFP-800G-2xSR4-FLT', 2), cab('MFP7E10-N0xx')],
    },
    {
      id: 'dr4', name: '2xDR4 twin-port at switch + 2xDR4 flat top (2 planes) at NIC + single-mode fiber', maxReachM: 500,
      parts: [upper('MMS4X00-NM', 2), lower('OSFP-800G-2xDR4-FLT', 2), cab('MFP7E30-N0xx')],
    },
  ]),
  // ===== Node links, 800G XDR, OSFP (Q3400), ConnectX-8 800G NIC.
  ...nodeRecipes({
    key: '800g.osfp.nic-osfp800', technologies: IB, linkGbps: 800, switchCage: 'OSFP', nicGbps: 800, nicFormFactor: 'OSFP',
    what: 'ConnectX-8 800G XDR NIC to a Quantum-X800 (Q3400) port. XDR has no DAC, AOC or multimode: LACC or single-mode only.',
  }, [
    { id: 'lacc-splitter', name: '1.6T twin-port to 2 x 800G OSFP LACC splitter', maxReachM: 5, estimated: 'the 5 m reach of XDR copper at 200G per lane is to be confirmed', parts: [cab('XDR-1.6T-2x800G-LACC', 2)] },
    {
      id: 'dr4', name: '1.6T 2xDR4 twin-port at switch + 800G DR4 at NIC + single-mode fiber', maxReachM: 500,
      parts: [upper('XDR-1.6T-2xDR4', 2), lower('XDR-800G-DR4'), cab('MFP7E30-N0xx')],
    },
  ]),
  // ===== Node links, 400G, QSFP-DD (Tomahawk 4), ConnectX-7 OSFP 400G NIC.
  ...nodeRecipes({
    key: '400g.qsfp-dd.nic-osfp400', technologies: ETH, linkGbps: 400, switchCage: 'QSFP-DD', nicGbps: 400, nicFormFactor: 'OSFP',
    what: 'ConnectX-7 OSFP 400G NIC (4 x 100G) to a Tomahawk 4 QSFP-DD 400G port (8 x 50G): gearbox needed.',
  }, [
    { id: 'gearbox-aec', name: 'QSFP-DD to OSFP 400G gearbox active electrical cable', maxReachM: 5, parts: [cab('AEC-QDD400-OSFP400')] },
    {
      id: 'dr4', name: 'QSFP-DD DR4 at switch + OSFP DR4 at NIC + single-mode fiber', maxReachM: 100,
      parts: [upper('QDD-400G-DR4'), lower('MMS4X00-NS400'), cab('MFP7E30-N0xx')],
    },
  ]),
  // ===== Node links, 400G, QSFP-DD, QSFP112 400G NIC.
  ...nodeRecipes({
    key: '400g.qsfp-dd.nic-qsfp112-400', technologies: ETH, linkGbps: 400, switchCage: 'QSFP-DD', nicGbps: 400, nicFormFactor: 'QSFP112',
    what: 'QSFP112 400G NIC (Thor2) to a Tomahawk 4 QSFP-DD 400G port: gearbox needed.',
  }, [
    { id: 'gearbox-aec', name: 'QSFP-DD to QSFP112 400G gearbox active electrical cable', maxReachM: 5, parts: [cab('AEC-QDD400-QSFP112')] },
    {
      id: 'dr4', name: 'QSFP-DD DR4 at switch + QSFP112 DR4 at NIC + single-mode fiber', maxReachM: 100,
      parts: [upper('QDD-400G-DR4'), lower('QSFP112-400G-DR4'), cab('MFP7E30-N0xx')],
    },
  ]),
  // ===== Node links, 200G, QSFP-DD, ConnectX-7 OSFP 400G NIC split into 2 planes.
  ...nodeRecipes({
    key: '200g.qsfp-dd.nic-osfp400', technologies: ETH, linkGbps: 200, switchCage: 'QSFP-DD', nicGbps: 400, nicFormFactor: 'OSFP',
    what: 'ConnectX-7 OSFP 400G NIC split into 2 x 200G planes, to Tomahawk 4 200G (split QSFP-DD) ports.',
  }, [
    { id: 'plane-split-aec', name: 'OSFP 400G to 2 x 200G QSFP-DD plane-split gearbox AEC', unconfirmed: 'the plane-split cable is not a known standard part', maxReachM: 5, parts: [cab('PS-AEC-OSFP400-2xQDD200', 2)] },
    {
      id: 'dr4-split', name: 'QSFP-DD DR4 (2 x 200G) at switch + OSFP DR4 (2 planes) at NIC + 1:2 single-mode splitters', maxReachM: 100, estimated: '2 x 200G breakout of a QSFP-DD DR4 module is to be confirmed per module',
      parts: [upper('QDD-400G-DR4', 2), lower('MMS4X00-NS400', 2), cab('MFP7E40-N0xx')],
    },
  ]),
  // ===== Node links, 200G, QSFP-DD, QSFP112 400G NIC split into 2 planes.
  ...nodeRecipes({
    key: '200g.qsfp-dd.nic-qsfp112-400', technologies: ETH, linkGbps: 200, switchCage: 'QSFP-DD', nicGbps: 400, nicFormFactor: 'QSFP112',
    what: 'QSFP112 400G NIC (Thor2) split into 2 x 200G planes, to Tomahawk 4 200G (split QSFP-DD) ports.',
  }, [
    { id: 'plane-split-aec', name: 'QSFP112 400G to 2 x 200G QSFP-DD plane-split gearbox AEC', unconfirmed: 'the plane-split cable is not a known standard part', maxReachM: 5, parts: [cab('PS-AEC-QSFP112-2xQDD200', 2)] },
    {
      id: 'dr4-split', name: 'QSFP-DD DR4 (2 x 200G) at switch + QSFP112 DR4 (2 planes) at NIC + 1:2 single-mode splitters', maxReachM: 100, estimated: '2 x 200G breakout of a QSFP-DD DR4 module is to be confirmed per module',
      parts: [upper('QDD-400G-DR4', 2), lower('QSFP112-400G-DR4', 2), cab('MFP7E40-N0xx')],
    },
  ]),
  // ===== Node links, 400G, QSFP-DD, ConnectX-8 800G NIC split into 2 planes.
  ...nodeRecipes({
    key: '400g.qsfp-dd.nic-osfp800', technologies: ETH, linkGbps: 400, switchCage: 'QSFP-DD', nicGbps: 800, nicFormFactor: 'OSFP',
    what: 'ConnectX-8 800G NIC split into 2 x 400GbE planes, to Tomahawk 4 QSFP-DD 400G ports: gearbox needed.',
  }, [
    { id: 'plane-split-aec', name: 'OSFP 800G to 2 x 400G QSFP-DD plane-split gearbox AEC', unconfirmed: 'the plane-split cable is not a known standard part', maxReachM: 5, parts: [cab('PS-AEC-OSFP800-2xQDD400', 2)] },
    {
      id: 'dr4', name: 'QSFP-DD DR4 at switch + 2xDR4 flat top (2 planes) at NIC + single-mode fiber', maxReachM: 500,
      parts: [upper('QDD-400G-DR4'), lower('OSFP-800G-2xDR4-FLT', 2), cab('MFP7E30-N0xx')],
    },
  ]),
  // ===== Node links, 200G HDR, QSFP56 (QM8700), HDR 200G QSFP56 NIC (ConnectX-6).
  ...nodeRecipes({
    key: '200g.qsfp56.nic-qsfp56-200', technologies: IB, linkGbps: 200, switchCage: 'QSFP56', nicGbps: 200, nicFormFactor: 'QSFP56',
    what: 'HDR 200G QSFP56 NIC (ConnectX-6) to a QM8700 200G port.',
  }, [
    { id: 'dac', name: 'HDR QSFP56 passive DAC', maxReachM: 2, parts: [cab('MCP1650-H00x')] },
    { id: 'aoc', name: 'HDR QSFP56 AOC', maxReachM: 30, parts: [cab('MFS1S00-H0xx')] },
    {
      id: 'sr4', name: 'HDR SR4 both ends + multimode fiber', maxReachM: 100,
      parts: [upper('MMA1T00-HS'), lower('MMA1T00-HS'), cab('MMF-MPO12-UPC')],
    },
  ]),
  // ===== Node links, 100G HDR100, QSFP56 (QM8700 80x100G), 100G NIC.
  ...nodeRecipes({
    key: '100g.qsfp56.nic-100', technologies: IB, linkGbps: 100, switchCage: 'QSFP56', nicGbps: 100,
    what: 'HDR100 / 100G NIC to a QM8700 port split into 2 x HDR100.',
  }, [
    { id: 'splitter-dac', name: 'HDR to 2 x HDR100 splitter DAC', maxReachM: 2, parts: [cab('MCP7H50-H00x', 2)] },
    { id: 'splitter-aoc', name: 'HDR to 2 x HDR100 AOC splitter', maxReachM: 30, parts: [cab('MFS1S50-H0xx', 2)] },
  ]),
  // ===== Node links, 100G EDR, QSFP28 (SB7800), 100G NIC.
  ...nodeRecipes({
    key: '100g.qsfp28.nic-100', technologies: IB, linkGbps: 100, switchCage: 'QSFP28', nicGbps: 100,
    what: 'EDR 100G NIC to an SB7800 port.',
  }, [
    { id: 'dac', name: 'EDR QSFP28 passive DAC', maxReachM: 5, parts: [cab('MCP1600-E00x')] },
    { id: 'aoc', name: 'EDR QSFP28 AOC', maxReachM: 100, parts: [cab('MFA1A00-E0xx')] },
    {
      id: 'sr4', name: 'EDR SR4 both ends + multimode fiber', maxReachM: 100,
      parts: [upper('MMA1B00-E100'), lower('MMA1B00-E100'), cab('MMF-MPO12-UPC')],
    },
  ]),

  // ===== Switch links, 400G, OSFP (QM9700 64x400G, SN5600 / S9321-64E 128x400G).
  ...switchRecipes({
    key: '400g.osfp', technologies: IB_ETH, linkGbps: 400, switchCage: 'OSFP',
    what: 'Switch-to-switch 400G between twin-port OSFP cages; every module and cable end serves 2 x 400G.',
  }, [
    { id: 'twin-dac', name: 'Twin-port OSFP passive DAC (2 links)', maxReachM: 2, parts: [cab('MCP4Y10-N00x', 2)] },
    { id: 'twin-acc', name: 'Twin-port OSFP active copper (2 links)', maxReachM: 5, parts: [cab('OSFP-800G-ACC', 2)] },
    {
      id: '2xsr4', name: '2xSR4 both ends + multimode fiber', maxReachM: 50,
      parts: [lower('MMA4Z00-NS', 2), upper('MMA4Z00-NS', 2), cab('MFP7E10-N0xx')],
    },
    {
      id: 'dr8', name: 'DR8 (2 x DR4) both ends + single-mode fiber, 100 m', maxReachM: 100,
      parts: [lower('MMS4X00-NS', 2), upper('MMS4X00-NS', 2), cab('MFP7E30-N0xx')],
    },
    {
      id: '2xdr4', name: '2xDR4 both ends + single-mode fiber, 500 m', maxReachM: 500,
      parts: [lower('MMS4X00-NM', 2), upper('MMS4X00-NM', 2), cab('MFP7E30-N0xx')],
    },
    {
      id: '2xfr4', name: '2xFR4 both ends + duplex LC single-mode, 2 km', maxReachM: 2_000,
      parts: [lower('MMS4X50-NM', 2), upper('MMS4X50-NM', 2), cab('SMF-LC-DUPLEX')],
    },
  ]),
  // ===== Switch links, 200G, OSFP (QM9700 128x200G, SN5600 / S9321-64E 256x200G).
  ...switchRecipes({
    key: '200g.osfp', technologies: IB_ETH, linkGbps: 200, switchCage: 'OSFP',
    what: 'Switch-to-switch 200G between twin-port OSFP cages in split mode; a cage carries 4 x 200G, an MPO 2 x 200G.',
  }, [
    { id: 'twin-dac', name: 'Twin-port OSFP passive DAC (4 x 200G)', maxReachM: 2, parts: [cab('MCP4Y10-N00x', 4)] },
    { id: 'twin-acc', name: 'Twin-port OSFP active copper (4 x 200G)', maxReachM: 5, parts: [cab('OSFP-800G-ACC', 4)] },
    {
      id: '2xsr4', name: '2xSR4 both ends (4 x 200G) + multimode fiber (2 x 200G)', maxReachM: 50,
      parts: [lower('MMA4Z00-NS', 4), upper('MMA4Z00-NS', 4), cab('MFP7E10-N0xx', 2)],
    },
    {
      id: '2xdr4', name: '2xDR4 both ends (4 x 200G) + single-mode fiber (2 x 200G), 500 m', maxReachM: 500,
      parts: [lower('MMS4X00-NM', 4), upper('MMS4X00-NM', 4), cab('MFP7E30-N0xx', 2)],
    },
  ]),
  // ===== Switch links, 800GbE, OSFP (SN5600 / S9321-64E 64x800G).
  ...switchRecipes({
    key: '800g.osfp.eth', technologies: ETH, linkGbps: 800, switchCage: 'OSFP',
    what: 'Switch-to-switch 800GbE (8 x 100G) between OSFP cages; each module or cable carries one 800GbE link.',
  }, [
    { id: 'dac', name: 'OSFP passive DAC as one 800GbE link', maxReachM: 2, parts: [cab('MCP4Y10-N00x')] },
    { id: 'acc', name: 'OSFP active copper as one 800GbE link', maxReachM: 5, parts: [cab('OSFP-800G-ACC')] },
    {
      id: 'sr8', name: 'SR8 both ends + 2 x MPO multimode harness', maxReachM: 50,
      parts: [lower('MMA4Z00-NS'), upper('MMA4Z00-NS'), cab('MMF-2xMPO12-800G')],
    },
    {
      id: 'dr8', name: 'DR8 (500 m) both ends + 2 x MPO single-mode harness', maxReachM: 500,
      parts: [lower('MMS4X00-NM'), upper('MMS4X00-NM'), cab('SMF-2xMPO12-800G')],
    },
    {
      id: 'dr8-2', name: 'DR8-2 (2 km) both ends + 2 x MPO single-mode harness', maxReachM: 2_000,
      parts: [lower('OSFP-800G-DR8-2'), upper('OSFP-800G-DR8-2'), cab('SMF-2xMPO12-800G')],
    },
  ]),
  // ===== Switch links, 800G XDR, OSFP (Q3400).
  ...switchRecipes({
    key: '800g.osfp.xdr', technologies: IB, linkGbps: 800, switchCage: 'OSFP',
    what: 'Switch-to-switch XDR 800G between Quantum-X800 twin-port cages (2 x 800G each). LACC or single-mode only.',
  }, [
    { id: 'twin-lacc', name: '1.6T twin-port LACC (2 links)', maxReachM: 5, estimated: 'the 5 m reach of XDR copper at 200G per lane is to be confirmed', parts: [cab('XDR-1.6T-LACC', 2)] },
    {
      id: '2xdr4', name: '1.6T 2xDR4 both ends + single-mode fiber, 500 m', maxReachM: 500,
      parts: [lower('XDR-1.6T-2xDR4', 2), upper('XDR-1.6T-2xDR4', 2), cab('MFP7E30-N0xx')],
    },
    {
      id: '2xfr4', name: '1.6T 2xFR4 both ends + duplex LC single-mode, 2 km', maxReachM: 2_000,
      parts: [lower('XDR-1.6T-2xFR4', 2), upper('XDR-1.6T-2xFR4', 2), cab('SMF-LC-DUPLEX')],
    },
  ]),
  // ===== Switch links, 400G, QSFP-DD (7060DX5-64S 64x400G).
  ...switchRecipes({
    key: '400g.qsfp-dd', technologies: ETH, linkGbps: 400, switchCage: 'QSFP-DD',
    what: 'Switch-to-switch 400G between Tomahawk 4 QSFP-DD ports (8 x 50G).',
  }, [
    { id: 'dac', name: 'QSFP-DD 400G passive DAC', maxReachM: 3, parts: [cab('CAB-D-D-400G')] },
    { id: 'aoc', name: 'QSFP-DD 400G AOC', maxReachM: 30, parts: [cab('AOC-D-D-400G')] },
    {
      id: 'dr4', name: 'QSFP-DD DR4 both ends + single-mode fiber', maxReachM: 500,
      parts: [lower('QDD-400G-DR4'), upper('QDD-400G-DR4'), cab('MFP7E30-N0xx')],
    },
  ]),
  // ===== Switch links, 200G, QSFP-DD (7060DX5-64S 128x200G).
  ...switchRecipes({
    key: '200g.qsfp-dd', technologies: ETH, linkGbps: 200, switchCage: 'QSFP-DD',
    what: 'Switch-to-switch 200G between Tomahawk 4 QSFP-DD ports split 2 x 200G; each module or cable carries 2 links.',
  }, [
    { id: 'dac', name: 'QSFP-DD 400G passive DAC (2 x 200G)', maxReachM: 3, parts: [cab('CAB-D-D-400G', 2)] },
    { id: 'aoc', name: 'QSFP-DD 400G AOC (2 x 200G)', maxReachM: 30, parts: [cab('AOC-D-D-400G', 2)] },
    {
      id: 'dr4', name: 'QSFP-DD DR4 both ends (2 x 200G) + single-mode fiber', maxReachM: 500,
      parts: [lower('QDD-400G-DR4', 2), upper('QDD-400G-DR4', 2), cab('MFP7E30-N0xx', 2)],
    },
  ]),
  // ===== Switch links, 200G HDR, QSFP56 (QM8700 40x200G).
  ...switchRecipes({
    key: '200g.qsfp56', technologies: IB, linkGbps: 200, switchCage: 'QSFP56',
    what: 'Switch-to-switch HDR 200G between QSFP56 ports.',
  }, [
    { id: 'dac', name: 'HDR QSFP56 passive DAC', maxReachM: 2, parts: [cab('MCP1650-H00x')] },
    { id: 'aoc', name: 'HDR QSFP56 AOC', maxReachM: 30, parts: [cab('MFS1S00-H0xx')] },
    {
      id: 'sr4', name: 'HDR SR4 both ends + multimode fiber', maxReachM: 100,
      parts: [lower('MMA1T00-HS'), upper('MMA1T00-HS'), cab('MMF-MPO12-UPC')],
    },
  ]),
  // ===== Switch links, 100G HDR100, QSFP56 (QM8700 80x100G).
  ...switchRecipes({
    key: '100g.qsfp56', technologies: IB, linkGbps: 100, switchCage: 'QSFP56',
    what: 'Switch-to-switch HDR100 between QM8700 ports both split 2 x HDR100; each cable or module carries 2 links ' +
      '(split-to-split cabling to be confirmed with NVIDIA).',
  }, [
    { id: 'dac', name: 'HDR QSFP56 passive DAC (2 x HDR100)', maxReachM: 2, estimated: 'split-to-split HDR100 cabling is to be confirmed with NVIDIA', parts: [cab('MCP1650-H00x', 2)] },
    { id: 'aoc', name: 'HDR QSFP56 AOC (2 x HDR100)', maxReachM: 30, estimated: 'split-to-split HDR100 cabling is to be confirmed with NVIDIA', parts: [cab('MFS1S00-H0xx', 2)] },
    {
      id: 'sr4', name: 'HDR SR4 both ends (2 x HDR100) + multimode fiber', maxReachM: 100, estimated: 'split-to-split HDR100 cabling is to be confirmed with NVIDIA',
      parts: [lower('MMA1T00-HS', 2), upper('MMA1T00-HS', 2), cab('MMF-MPO12-UPC', 2)],
    },
  ]),
  // ===== Switch links, 100G EDR, QSFP28 (SB7800).
  ...switchRecipes({
    key: '100g.qsfp28', technologies: IB, linkGbps: 100, switchCage: 'QSFP28',
    what: 'Switch-to-switch EDR 100G between QSFP28 ports.',
  }, [
    { id: 'dac', name: 'EDR QSFP28 passive DAC', maxReachM: 5, parts: [cab('MCP1600-E00x')] },
    { id: 'aoc', name: 'EDR QSFP28 AOC', maxReachM: 100, parts: [cab('MFA1A00-E0xx')] },
    {
      id: 'sr4', name: 'EDR SR4 both ends + multimode fiber', maxReachM: 100,
      parts: [lower('MMA1B00-E100'), upper('MMA1B00-E100'), cab('MMF-MPO12-UPC')],
    },
  ]),
];

/**
 * InfiniBand LinkX parts and the Ethernet part that takes each one's place in Ethernet recipes, so
 * a Spectrum-4 or Tomahawk BOM holds no InfiniBand part numbers. The LinkX parts serve InfiniBand
 * only (several are dual-protocol, but NVIDIA sells Ethernet-only "-T" parts for Spectrum-4).
 */
const ETHERNET_PART: Record<string, string> = {
  'MMA4Z00-NS': 'ETH-OSFP800-2xSR4',
  'MMS4X00-NS': 'ETH-OSFP800-2xDR4',
  'MMS4X00-NM': 'ETH-OSFP800-2xDR4',
  'MMS4X50-NM': 'ETH-OSFP800-2xFR4',
  'MMA4Z00-NS400': 'MMA4Z00-NS400-T',
  'MMS4X00-NS400': 'ETH-OSFP400-DR4-FLT',
  'MMA1Z00-NS400': 'ETH-QSFP112-400G-SR4',
  'QSFP112-400G-DR4': 'ETH-QSFP112-400G-DR4',
  'OSFP-800G-2xSR4-FLT': 'ETH-OSFP800-2xSR4-FLT',
  'OSFP-800G-2xDR4-FLT': 'ETH-OSFP800-2xDR4-FLT',
  'MCP4Y10-N00x': 'ETH-DAC-OSFP800',
  'OSFP-800G-ACC': 'ETH-ACC-OSFP800',
  'MCP7Y00-N00x': 'ETH-SPLIT-DAC-OSFP800-2xOSFP400',
  'MCA7J60-N00x': 'ETH-SPLIT-ACC-OSFP800-2xOSFP400',
  'MCP7Y10-N00x': 'ETH-SPLIT-DAC-OSFP800-2xQSFP112',
  'MCA7J65-N00x': 'ETH-SPLIT-ACC-OSFP800-2xQSFP112',
  'MFP7E10-N0xx': 'ETH-MMF-MPO12-APC',
  'MFP7E20-N0xx': 'ETH-MMF-MPO12-APC-SPLIT',
  'MFP7E30-N0xx': 'ETH-SMF-MPO12-APC',
  'MFP7E40-N0xx': 'ETH-SMF-MPO12-APC-SPLIT',
};
for (const part of [...transceivers, ...cables]) if (part.id in ETHERNET_PART) part.technologies = IB;

/** The Ethernet version of a recipe: every InfiniBand LinkX part swapped for its Ethernet counterpart. */
function asEthernet(r: RecipeIn, id: string): RecipeIn {
  return { ...r, id, technologies: ETH, parts: r.parts.map((p) => ({ ...p, part: ETHERNET_PART[p.part] ?? p.part })) };
}

/**
 * The recipes: one written for both technologies becomes an InfiniBand recipe (LinkX parts, same
 * id) and an Ethernet one (id with ".eth" after the kind); Ethernet-only ones get Ethernet parts.
 */
const mediaRecipes: RecipeIn[] = recipesAsWritten.flatMap((r) => {
  if (!r.technologies.includes('ethernet')) return [r];
  if (!r.technologies.includes('infiniband')) return [asEthernet(r, r.id)];
  return [{ ...r, technologies: IB }, asEthernet(r, r.id.replace(/^(ns|ss)\./, '$1.eth.'))];
});

// ---------------------------------------------------------------------------------------------
// Server profiles
// ---------------------------------------------------------------------------------------------

const serverProfiles: ProfileIn[] = [
  {
    id: 'hgx-h100-8x400g', name: 'NVIDIA HGX H100, 8 GPUs, 8 x 400G ConnectX-7',
    gpusPerNode: 8, railsPerNode: 8, nicGbps: 400, nic: 'connectx-7-osfp',
    scaleUpDomainGpus: 8, scaleUpGBpsPerGpu: 450,
    linkSpeeds: { infiniband: [400, 200], ethernet: [400, 200] },
    nodePowerKW: 10.2, rackPowerKW: 42, switchesInComputeRack: true,
    notes: 'NVLink4 900 GB/s per GPU both directions (450 GB/s each way); one ConnectX-7 per GPU. ' +
      'No IB 200G media to QM8700 (HDR): a ConnectX-7 port cannot present two 4-lane HDR ports. ' +
      'Node power 10.2 kW is the DGX H100 maximum (NVIDIA DGX H100 user guide); the 42 kW rack budget (4 systems a rack) is estimated, a common air-cooled H100 deployment.',
  },
  {
    id: 'hgx-b200-8x400g', name: 'NVIDIA HGX B200, 8 GPUs, 8 x 400G ConnectX-7',
    gpusPerNode: 8, railsPerNode: 8, nicGbps: 400, nic: 'connectx-7-osfp',
    scaleUpDomainGpus: 8, scaleUpGBpsPerGpu: 900,
    linkSpeeds: { infiniband: [400, 200], ethernet: [400, 200] },
    nodePowerKW: 14.3, rackPowerKW: 60, switchesInComputeRack: true,
    notes: 'NVLink5 1.8 TB/s per GPU both directions (900 GB/s each way); one ConnectX-7 per GPU. ' +
      'Node power 14.3 kW is the DGX B200 maximum (NVIDIA DGX B200 user guide); the 60 kW rack budget (4 systems a rack) is estimated.',
  },
  {
    id: 'hgx-b300-8x800g', name: 'NVIDIA HGX B300, 8 GPUs, 8 x 800G ConnectX-8',
    gpusPerNode: 8, railsPerNode: 8, nicGbps: 800, nic: 'connectx-8',
    scaleUpDomainGpus: 8, scaleUpGBpsPerGpu: 900,
    linkSpeeds: { infiniband: [800, 400], ethernet: [400] },
    nodePowerKW: 14.5, rackPowerKW: 60, switchesInComputeRack: true,
    notes: 'ConnectX-8 runs 1 x 800G XDR or 2 x 400G planes (InfiniBand NDR or 400GbE). NVLink5 900 GB/s each way. ' +
      'Node power 14.5 kW and the 60 kW rack budget (4 systems a rack) are estimated.',
  },
  {
    id: 'gb200-nvl72', name: 'NVIDIA GB200 NVL72 compute tray, 4 GPUs, 4 x 400G ConnectX-7',
    gpusPerNode: 4, railsPerNode: 4, nicGbps: 400, nic: 'connectx-7-osfp',
    scaleUpDomainGpus: 72, scaleUpGBpsPerGpu: 900,
    linkSpeeds: { infiniband: [400, 200], ethernet: [400, 200] },
    nodesPerRack: 18, rackPowerKW: 132, switchesInComputeRack: false,
    notes: 'A node is one compute tray (2 Grace + 4 Blackwell GPUs); 18 trays share one 72-GPU NVLink domain, and one NVL72 rack ' +
      'holds exactly those 18 trays and the 9 NVLink switch trays, so no scale-out switch fits in it: leaves stand in network racks at the row ends. ' +
      'Rack power about 132 kW (liquid cooled) is estimated from NVIDIA GB200 NVL72 material.',
  },
  {
    id: 'mi300x-8x400g', name: 'AMD MI300X platform, 8 GPUs, 8 x 400G Broadcom Thor2',
    gpusPerNode: 8, railsPerNode: 8, nicGbps: 400, nic: 'thor2-400g',
    scaleUpDomainGpus: 8, scaleUpGBpsPerGpu: 448,
    linkSpeeds: { infiniband: [], ethernet: [400, 200] },
    nodePowerKW: 10, rackPowerKW: 42, switchesInComputeRack: true,
    notes: 'Infinity Fabric 7 x 64 GB/s = 448 GB/s per GPU each way; RoCE Ethernet only. ' +
      'Node power 10 kW (8 x 750 W GPUs plus host) and the 42 kW rack budget (4 systems a rack) are estimated. Spec source: AMD MI300X platform data sheet.',
  },
];

// ---------------------------------------------------------------------------------------------

export const defaultCatalogInput: CatalogInput = {
  schemaVersion: 1,
  name: 'Railyard default catalog',
  currency: 'USD',
  priceBasis:
    `Unit prices in USD, ${ILLUSTRATIVE_PRICE_NOTE}. Anchors: NVIDIA-branded 64 x 400G NDR switch ~ $50k (Aug 2024); ` +
    'cables + optics ~ $2.6M for 1,024 NDR GPUs in 2 tiers (Aug 2024); compatible optics 20-55% below OEM; ' +
    'refurbished switches 40-60% below new. Cables cost base + per-metre x standard length.',
  switches,
  transceivers,
  cables,
  nics,
  mediaRecipes,
  serverProfiles,
  offers,
};

export const defaultCatalog: Catalog = CatalogSchema.parse(defaultCatalogInput);
