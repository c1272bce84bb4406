import { describe, expect, it } from 'vitest';
import { CatalogSchema, type Catalog, type MediaRecipe, type Offer } from '../src/model/catalog';
import { defaultCatalog, defaultCatalogInput, ILLUSTRATIVE_PRICE_NOTE } from '../src/catalog/default';
import { SERVER_PROFILE_IDS } from '../src/model/scenario';

const cat: Catalog = defaultCatalog;
const switchById = new Map(cat.switches.map((s) => [s.id, s]));
const opticById = new Map(cat.transceivers.map((t) => [t.id, t]));
const cableById = new Map(cat.cables.map((c) => [c.id, c]));
const nicById = new Map(cat.nics.map((n) => [n.id, n]));
const allParts = [...cat.switches, ...cat.transceivers, ...cat.cables];
const offersFor = (part: string, source?: Offer['source']) =>
  cat.offers.filter((o) => o.part === part && (source === undefined || o.source === source));

const TECHS = ['infiniband', 'ethernet'] as const;

/** Combinations the built-in parts cannot serve, with the reason (kept exact by a test below). */
const KNOWN_NODE_GAPS = [
  // A ConnectX-7 OSFP port has 4 lanes of 100G; two HDR 200G planes would need 8 lanes of 50G,
  // so a 400G ConnectX-7 split into 2 planes cannot reach an HDR (QSFP56) switch at 200G.
  ...['hgx-h100-8x400g', 'hgx-b200-8x400g', 'gb200-nvl72'].map((profile) => `${profile}|infiniband|200|QM8700`),
];

function nodeRecipes(tech: string, linkGbps: number, cage: string, nicGbps: number, nicFormFactor: string): MediaRecipe[] {
  return cat.mediaRecipes.filter((r) =>
    r.kind === 'node-switch' &&
    r.technologies.includes(tech as never) &&
    r.linkGbps === linkGbps &&
    r.switchCage === cage &&
    (r.nicGbps ?? r.linkGbps) === nicGbps &&
    (r.nicFormFactor === undefined || r.nicFormFactor === nicFormFactor));
}

function switchRecipes(tech: string, linkGbps: number, cage: string): MediaRecipe[] {
  return cat.mediaRecipes.filter((r) =>
    r.kind === 'switch-switch' && r.technologies.includes(tech as never) && r.linkGbps === linkGbps && r.switchCage === cage);
}

const cableOf = (r: MediaRecipe) => cableById.get(r.parts.find((p) => p.role === 'cable')!.part)!;
const isCopper = (r: MediaRecipe) => ['dac', 'acc'].includes(cableOf(r).kind);

/** Every (profile, technology, speed, switch, mode) the built-in profiles and switches can combine. */
function profileCombos() {
  const combos: { key: string; profile: string; tech: string; speed: number; sw: string; mode: string; cage: string; nicGbps: number; nicFF: string }[] = [];
  for (const p of cat.serverProfiles) {
    const nic = nicById.get(p.nic)!;
    for (const tech of TECHS) {
      for (const speed of p.linkSpeeds[tech]) {
        for (const s of cat.switches.filter((s) => s.technology === tech)) {
          for (const m of s.portModes.filter((m) => m.gbps === speed)) {
            combos.push({
              key: `${p.id}|${tech}|${speed}|${s.id}`, profile: p.id, tech, speed, sw: s.id, mode: m.id,
              cage: s.cageType, nicGbps: p.nicGbps, nicFF: nic.formFactor,
            });
          }
        }
      }
    }
  }
  return combos;
}

/** Price of one unit of a part from an offer; cables at a given length. */
const unitPrice = (o: Offer, lengthM = 0) => o.price + o.perMeterPrice * lengthM;
const oemPrice = (part: string, lengthM = 0) => unitPrice(offersFor(part, 'oem-new')[0], lengthM);

describe('default catalog', () => {
  it('parses with CatalogSchema', () => {
    const r = CatalogSchema.safeParse(defaultCatalogInput);
    expect(r.success, r.success ? '' : JSON.stringify(r.error.issues.slice(0, 5), null, 2)).toBe(true);
    expect(r.data).toEqual(defaultCatalog);
  });

  it('has the 7 switch models by their exact model strings', () => {
    expect(cat.switches.map((s) => s.model).sort()).toEqual(
      ['7060DX5-64S', 'Q3400', 'QM8700', 'QM9700', 'S9321-64E', 'SB7800', 'SN5600'].sort(),
    );
  });

  it('describes the switches as their public datasheets do (cages, port modes, rack units)', () => {
    const modes = (id: string) => switchById.get(id)!.portModes.map((m) => m.id);
    expect(switchById.get('QM9700')).toMatchObject({ technology: 'infiniband', cageType: 'OSFP', cages: 32, rackUnits: 1 });
    expect(modes('QM9700')).toEqual(['64x400G', '128x200G']);
    expect(switchById.get('QM8700')).toMatchObject({ technology: 'infiniband', cageType: 'QSFP56', cages: 40, rackUnits: 1 });
    expect(modes('QM8700')).toEqual(['40x200G', '80x100G']);
    expect(switchById.get('SB7800')).toMatchObject({ technology: 'infiniband', cageType: 'QSFP28', cages: 36, rackUnits: 1 });
    expect(modes('SB7800')).toEqual(['36x100G']);
    expect(switchById.get('Q3400')).toMatchObject({ technology: 'infiniband', cageType: 'OSFP', cages: 72, rackUnits: 4 });
    expect(modes('Q3400')).toEqual(['144x800G']);
    for (const id of ['SN5600', 'S9321-64E']) {
      expect(switchById.get(id)).toMatchObject({ technology: 'ethernet', cageType: 'OSFP', cages: 64, rackUnits: 2 });
      expect(modes(id)).toEqual(['64x800G', '128x400G', '256x200G']);
    }
    expect(switchById.get('S9321-64E')!.powerW).toBe(913);
    expect(switchById.get('7060DX5-64S')).toMatchObject({ technology: 'ethernet', cageType: 'QSFP-DD', cages: 64, rackUnits: 2 });
    expect(modes('7060DX5-64S')).toEqual(['64x400G', '128x200G']);
  });

  it('labels every switch power figure not published in a datasheet as estimated, typical and maximum', () => {
    for (const s of cat.switches) {
      expect(s.confidence, s.id).toBe('estimated');
      expect(s.notes, s.id).toMatch(/^Estimated: [^.]*power/);
      expect(s.maxPowerW, s.id).toBeGreaterThan(s.powerW);
    }
    // The one published figure stays: UfiSpace S9321-64E, 913 W typical without optics.
    expect(switchById.get('S9321-64E')!.powerW).toBe(913);
  });

  it('has the 5 server profiles by id, each naming a NIC whose speed matches', () => {
    expect(cat.serverProfiles.map((p) => p.id).sort()).toEqual(
      [...SERVER_PROFILE_IDS].sort(),
    );
    for (const p of cat.serverProfiles) {
      const nic = nicById.get(p.nic);
      expect(nic, p.id).toBeDefined();
      expect(nic!.gbps, p.id).toBe(p.nicGbps);
      for (const tech of TECHS) {
        if (p.linkSpeeds[tech].length > 0) expect(nic!.technologies, `${p.id} ${tech}`).toContain(tech);
        for (const s of p.linkSpeeds[tech]) expect(p.nicGbps % s, `${p.id} ${tech} ${s}`).toBe(0);
      }
    }
    const byId = new Map(cat.serverProfiles.map((p) => [p.id, p]));
    expect(byId.get('hgx-h100-8x400g')).toMatchObject({ gpusPerNode: 8, railsPerNode: 8, nicGbps: 400, scaleUpDomainGpus: 8, scaleUpGBpsPerGpu: 450 });
    expect(byId.get('hgx-b200-8x400g')).toMatchObject({ nicGbps: 400, scaleUpGBpsPerGpu: 900 });
    expect(byId.get('hgx-b300-8x800g')).toMatchObject({ nicGbps: 800, linkSpeeds: { infiniband: [800, 400], ethernet: [400] } });
    expect(byId.get('gb200-nvl72')).toMatchObject({ gpusPerNode: 4, railsPerNode: 4, scaleUpDomainGpus: 72, scaleUpGBpsPerGpu: 900 });
    expect(byId.get('mi300x-8x400g')).toMatchObject({ nicGbps: 400, scaleUpGBpsPerGpu: 448, linkSpeeds: { infiniband: [], ethernet: [400, 200] } });
    expect(nicById.get(byId.get('mi300x-8x400g')!.nic)!.formFactor).toBe('QSFP112');
  });
});

describe('default catalog offers', () => {
  it('every switch, transceiver and cable has an oem-new offer', () => {
    for (const p of allParts) expect(offersFor(p.id, 'oem-new').length, p.id).toBeGreaterThan(0);
  });

  it('every switch has an oem-refurbished offer, cheaper than new by 40-60%, and at least one is stock-limited', () => {
    for (const s of cat.switches) {
      const refurb = offersFor(s.id, 'oem-refurbished');
      expect(refurb.length, s.id).toBeGreaterThan(0);
      const discount = 1 - refurb[0].price / oemPrice(s.id);
      expect(discount, s.id).toBeGreaterThanOrEqual(0.4 - 1e-9);
      expect(discount, s.id).toBeLessThanOrEqual(0.6 + 1e-9);
    }
    const limited = cat.offers.filter((o) => o.source === 'oem-refurbished' && o.stock !== null);
    expect(limited.length).toBeGreaterThan(0);
  });

  it('every transceiver and cable has a compatible-new offer 20-55% cheaper than its oem-new one at every standard length', () => {
    for (const t of cat.transceivers) {
      const compat = offersFor(t.id, 'compatible-new');
      expect(compat.length, t.id).toBeGreaterThan(0);
      const discount = 1 - unitPrice(compat[0]) / oemPrice(t.id);
      expect(discount, t.id).toBeGreaterThanOrEqual(0.2 - 0.005);
      expect(discount, t.id).toBeLessThanOrEqual(0.55 + 0.005);
    }
    for (const c of cat.cables) {
      const compat = offersFor(c.id, 'compatible-new');
      expect(compat.length, c.id).toBeGreaterThan(0);
      for (const len of c.lengthsM) {
        const discount = 1 - unitPrice(compat[0], len) / oemPrice(c.id, len);
        expect(discount, `${c.id} at ${len} m`).toBeGreaterThanOrEqual(0.2 - 0.005);
        expect(discount, `${c.id} at ${len} m`).toBeLessThanOrEqual(0.55 + 0.005);
      }
    }
  });

  it('every offer\'s notes label the price an illustrative estimate', () => {
    for (const o of cat.offers) expect(o.notes, o.id).toContain(ILLUSTRATIVE_PRICE_NOTE);
  });

  it('every part\'s notes label the price illustrative and cite a spec source', () => {
    for (const p of allParts) {
      expect(p.notes, p.id).toContain(ILLUSTRATIVE_PRICE_NOTE);
      expect(p.notes, p.id).toMatch(/Spec source: \S/);
    }
  });

  it('only cables carry a per-metre price', () => {
    for (const o of cat.offers.filter((o) => !cableById.has(o.part))) expect(o.perMeterPrice, o.id).toBe(0);
  });

  it('OEM prices are consistent with the public figure of ~ $2.6M cables + optics for 1,024 NDR GPUs in 2 tiers', () => {
    // All-optical, all OEM-new: one node link (~10 m) and one leaf-spine link (~20 m) per GPU.
    const price = (recipeId: string, lengthM: number) => {
      const r = cat.mediaRecipes.find((x) => x.id === recipeId)!;
      const c = cableOf(r);
      const len = c.lengthsM.find((l) => l >= lengthM)!;
      return r.parts.reduce((sum, p) => sum + (p.role === 'cable' ? oemPrice(p.part, len) : oemPrice(p.part)) / p.linksPerUnit, 0);
    };
    const perGpu = price('ns.400g.osfp.nic-osfp400.sr4', 10) + price('ss.400g.osfp.2xsr4', 20);
    expect(perGpu * 1024).toBeGreaterThan(2.62e6 * 0.75);
    expect(perGpu * 1024).toBeLessThan(2.62e6 * 1.35);
  });
});

describe('default catalog media recipes', () => {
  it('every media recipe\'s parts exist with the right role, and its maxReachM does not exceed any part\'s reach', () => {
    for (const r of cat.mediaRecipes) {
      const cables = r.parts.filter((p) => p.role === 'cable');
      expect(cables.length, r.id).toBe(1);
      const cable = cableById.get(cables[0].part);
      expect(cable, r.id).toBeDefined();
      expect(r.maxReachM, r.id).toBeLessThanOrEqual(Math.max(...cable!.lengthsM));
      for (const p of r.parts.filter((p) => p.role !== 'cable')) {
        const t = opticById.get(p.part);
        expect(t, `${r.id} ${p.part}`).toBeDefined();
        expect(r.maxReachM, `${r.id} ${p.part}`).toBeLessThanOrEqual(t!.reachM);
      }
      // Copper and AOCs are complete links: no transceivers.
      if (cable!.kind !== 'fiber') expect(r.parts.length, r.id).toBe(1);
      else expect(r.parts.filter((p) => p.role !== 'cable').map((p) => p.role).sort(), r.id).toEqual(['lower-end', 'upper-end']);
    }
  });

  it('every recipe\'s parts support the recipe\'s technologies', () => {
    for (const r of cat.mediaRecipes) {
      for (const p of r.parts) {
        const part = opticById.get(p.part) ?? cableById.get(p.part)!;
        for (const tech of r.technologies) expect(part.technologies, `${r.id} ${p.part} ${tech}`).toContain(tech);
      }
    }
  });

  it('no transceiver serves more bandwidth than it has, and a plane-split NIC-end module serves one link per plane', () => {
    for (const r of cat.mediaRecipes) {
      for (const p of r.parts.filter((p) => p.role !== 'cable')) {
        const t = opticById.get(p.part)!;
        expect(p.linksPerUnit * r.linkGbps, `${r.id} ${p.part}`).toBeLessThanOrEqual(t.gbps);
      }
      if (r.kind === 'node-switch') {
        const planes = (r.nicGbps ?? r.linkGbps) / r.linkGbps;
        expect(Number.isInteger(planes), r.id).toBe(true);
        for (const p of r.parts.filter((p) => p.role === 'lower-end')) expect(p.linksPerUnit, `${r.id} ${p.part}`).toBe(planes);
      }
    }
  });

  it('switch-side parts of node recipes fit the switch cage form factor', () => {
    for (const r of cat.mediaRecipes) {
      for (const p of r.parts.filter((p) => p.role === 'upper-end' || (r.kind === 'switch-switch' && p.role === 'lower-end'))) {
        expect(opticById.get(p.part)!.formFactor, `${r.id} ${p.part}`).toBe(r.switchCage);
      }
      if (r.kind === 'node-switch' && r.nicFormFactor !== undefined) {
        for (const p of r.parts.filter((p) => p.role === 'lower-end')) {
          expect(opticById.get(p.part)!.formFactor, `${r.id} ${p.part}`).toBe(r.nicFormFactor);
        }
      }
    }
  });

  it('XDR (800G InfiniBand) links use only linear active copper and single-mode optics', () => {
    const xdr = cat.mediaRecipes.filter((r) => r.linkGbps === 800 && r.technologies.includes('infiniband'));
    expect(xdr.length).toBeGreaterThan(0);
    for (const r of xdr) {
      const c = cableOf(r);
      if (c.kind === 'fiber') expect(c.name, r.id).toMatch(/single-mode/i);
      else expect(c.kind, r.id).toBe('acc');
    }
  });

  it('every (profile, technology, link speed, switch port mode) has node-switch media with copper for short runs and a >= 30 m option', () => {
    const missing: string[] = [];
    for (const c of profileCombos()) {
      if (KNOWN_NODE_GAPS.includes(c.key)) continue;
      const rs = nodeRecipes(c.tech, c.speed, c.cage, c.nicGbps, c.nicFF);
      if (rs.length === 0) missing.push(`${c.key} ${c.mode}: no node-switch recipe`);
      else {
        if (!rs.some(isCopper)) missing.push(`${c.key} ${c.mode}: no copper node-switch recipe`);
        if (!rs.some((r) => r.maxReachM >= 30)) missing.push(`${c.key} ${c.mode}: no node-switch recipe reaching 30 m`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('every (profile, technology, link speed, switch port mode) has switch-switch media with copper for short runs and a >= 30 m option', () => {
    const missing: string[] = [];
    for (const c of profileCombos()) {
      const rs = switchRecipes(c.tech, c.speed, c.cage);
      if (rs.length === 0) missing.push(`${c.key} ${c.mode}: no switch-switch recipe`);
      else {
        if (!rs.some(isCopper)) missing.push(`${c.key} ${c.mode}: no copper switch-switch recipe`);
        if (!rs.some((r) => r.maxReachM >= 30)) missing.push(`${c.key} ${c.mode}: no switch-switch recipe reaching 30 m`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('the known node-media gaps are exactly the combinations without a node-switch recipe', () => {
    const uncovered = profileCombos()
      .filter((c) => nodeRecipes(c.tech, c.speed, c.cage, c.nicGbps, c.nicFF).length === 0)
      .map((c) => c.key);
    expect([...new Set(uncovered)].sort()).toEqual([...KNOWN_NODE_GAPS].sort());
  });

  it('every switch port mode has switch-switch media with copper and a >= 30 m option', () => {
    for (const s of cat.switches) {
      for (const m of s.portModes) {
        const rs = switchRecipes(s.technology, m.gbps, s.cageType);
        expect(rs.some(isCopper), `${s.id} ${m.id} copper`).toBe(true);
        expect(rs.some((r) => r.maxReachM >= 30), `${s.id} ${m.id} >= 30 m`).toBe(true);
      }
    }
  });

  it('legacy HDR and EDR ports have node media for 100G / 200G NICs', () => {
    expect(nodeRecipes('infiniband', 100, 'QSFP28', 100, 'QSFP28').some(isCopper)).toBe(true);
    expect(nodeRecipes('infiniband', 100, 'QSFP28', 100, 'QSFP28').some((r) => r.maxReachM >= 30)).toBe(true);
    expect(nodeRecipes('infiniband', 100, 'QSFP56', 100, 'QSFP56').some(isCopper)).toBe(true);
    expect(nodeRecipes('infiniband', 200, 'QSFP56', 200, 'QSFP56').some((r) => r.maxReachM >= 30)).toBe(true);
  });

  it('the default scenario media exist: H100 at 400G on QM9700 and SN5600 gets a splitter DAC, a twin-port DAC and SR4 optics', () => {
    const parts = {
      infiniband: { splitter: 'MCP7Y00-N00x', sr4: 'MMA4Z00-NS', twin: 'MCP4Y10-N00x' },
      ethernet: { splitter: 'ETH-SPLIT-DAC-OSFP800-2xOSFP400', sr4: 'ETH-OSFP800-2xSR4', twin: 'ETH-DAC-OSFP800' },
    };
    for (const tech of TECHS) {
      const ns = nodeRecipes(tech, 400, 'OSFP', 400, 'OSFP');
      expect(ns.find((r) => cableOf(r).id === parts[tech].splitter)?.parts[0].linksPerUnit).toBe(2);
      expect(ns.some((r) => r.parts.some((p) => p.part === parts[tech].sr4 && p.linksPerUnit === 2))).toBe(true);
      const ss = switchRecipes(tech, 400, 'OSFP');
      expect(ss.find((r) => cableOf(r).id === parts[tech].twin)?.parts[0].linksPerUnit).toBe(2);
    }
  });
});

describe('default catalog confidence', () => {
  const rated = [
    ...cat.switches.map((p) => ({ what: 'switch', ...p })),
    ...cat.transceivers.map((p) => ({ what: 'transceiver', ...p })),
    ...cat.cables.map((p) => ({ what: 'cable', ...p })),
    ...cat.nics.map((p) => ({ what: 'nic', ...p })),
    ...cat.mediaRecipes.map((p) => ({ what: 'recipe', ...p })),
  ];

  it('every part of the default catalog states its confidence, and notes say why when it is not verified', () => {
    for (const kind of ['switches', 'transceivers', 'cables', 'nics', 'mediaRecipes'] as const) {
      for (const p of defaultCatalogInput[kind]!) expect((p as { confidence?: string }).confidence, `${kind} ${p.id}`).toBeDefined();
    }
    for (const p of rated) {
      if (p.confidence === 'verified') expect(p.notes, p.id).not.toMatch(/^(Estimated|Unconfirmed):/);
      if (p.confidence === 'estimated') expect(p.notes, p.id).toMatch(/^Estimated: \S.{10,}?\.(\s|$)/);
      if (p.confidence === 'unconfirmed') expect(p.notes, p.id).toMatch(/^Unconfirmed: \S.{10,}?\.(\s|$)/);
    }
    // Each level is used: datasheet parts, parts with an estimated figure, and parts nobody sells as standard.
    expect(new Set(rated.map((p) => p.confidence))).toEqual(new Set(['verified', 'estimated', 'unconfirmed']));
  });

  it('marks every plane-split cable unconfirmed, and every recipe that needs one', () => {
    const planeSplit = cat.cables.filter((c) => /plane-split/i.test(c.name));
    expect(planeSplit.map((c) => c.id).sort()).toEqual(
      ['PS-AEC-OSFP400-2xQDD200', 'PS-AEC-OSFP800-2xQDD400', 'PS-AEC-QSFP112-2xQDD200', 'PS-DAC-OSFP400-2x200G', 'PS-DAC-OSFP800-2x400G', 'PS-DAC-QSFP112-2x200G'],
    );
    for (const c of planeSplit) expect(c.confidence, c.id).toBe('unconfirmed');
    const usesPlaneSplit = cat.mediaRecipes.filter((r) => r.parts.some((p) => planeSplit.some((c) => c.id === p.part)));
    expect(usesPlaneSplit.length).toBeGreaterThan(0);
    for (const r of usesPlaneSplit) expect(r.confidence, r.id).toBe('unconfirmed');
    // Nothing else is unconfirmed: every other part is a real product.
    const explained = new Set([...usesPlaneSplit, ...planeSplit].map((p) => p.id));
    expect(rated.filter((p) => p.confidence === 'unconfirmed' && !explained.has(p.id)).map((p) => p.id)).toEqual([]);
  });

  it('marks the XDR copper whose 200G-per-lane reach is to be confirmed as estimated, naming the reach', () => {
    for (const id of ['XDR-1.6T-LACC', 'XDR-1.6T-2x800G-LACC']) {
      expect(cableById.get(id)!.confidence).toBe('estimated');
      expect(cableById.get(id)!.notes).toMatch(/^Estimated: reach at 200G per lane is to be confirmed/);
    }
    const lacc = cat.mediaRecipes.filter((r) => r.parts.some((p) => p.part.startsWith('XDR-') && p.role === 'cable' && cableById.get(p.part)!.kind === 'acc'));
    expect(lacc.length).toBe(2);
    for (const r of lacc) expect(r.confidence, r.id).toBe('estimated');
  });

  it('builds Ethernet recipes from Ethernet parts only: no InfiniBand LinkX part in a Spectrum or Tomahawk recipe', () => {
    const partById = new Map<string, { technologies: string[]; vendor: string; model: string }>([...opticById, ...cableById]);
    const eth = cat.mediaRecipes.filter((r) => r.technologies.includes('ethernet'));
    expect(eth.length).toBeGreaterThan(30);
    for (const r of eth) {
      expect(r.technologies, r.id).toEqual(['ethernet']);
      for (const p of r.parts) expect(partById.get(p.part)!.technologies, `${r.id} ${p.part}`).toContain('ethernet');
    }
    // NVIDIA's InfiniBand LinkX modules and cables (MMA*/MMS*/MCP*/MCA*/MFP*) serve InfiniBand only;
    // the one NVIDIA part in Ethernet recipes is its Ethernet-only -T module.
    for (const p of [...cat.transceivers, ...cat.cables].filter((p) => /^(MMA|MMS|MCP|MCA|MFP|MFS|MFA)/.test(p.model) && !p.model.endsWith('-T')))
      expect(p.technologies, p.id).toEqual(['infiniband']);
    // Every InfiniBand recipe has an Ethernet twin where the technology applies, so RoCE designs lose no media.
    for (const r of cat.mediaRecipes.filter((r) => r.id.startsWith('ns.eth.') || r.id.startsWith('ss.eth.'))) {
      const ib = cat.mediaRecipes.find((x) => x.id === r.id.replace('.eth.', '.'));
      expect(ib?.technologies, r.id).toEqual(['infiniband']);
      expect(r.maxReachM, r.id).toBe(ib!.maxReachM);
    }
  });

  it('offers refurbished InfiniBand optics with limited stock, their prices labelled estimates', () => {
    const refurbOptics = cat.offers.filter((o) => o.source === 'oem-refurbished' && opticById.has(o.part));
    expect(refurbOptics.map((o) => o.part).sort()).toEqual(['MMA1B00-E100', 'MMA1T00-HS', 'MMA4Z00-NS', 'MMA4Z00-NS400', 'MMS4X00-NS', 'MMS4X00-NS400']);
    for (const o of refurbOptics) {
      expect(o.stock, o.id).toBeGreaterThan(0);
      expect(o.price, o.id).toBeLessThan(oemPrice(o.part));
      expect(o.notes, o.id).toMatch(/estimated/);
    }
  });

  it('gives each switch a maximum power at least its typical power, which user catalogs may leave out', () => {
    const user = CatalogSchema.parse({ switches: [{ ...defaultCatalogInput.switches![0], maxPowerW: undefined, confidence: undefined }] });
    expect(user.switches[0].maxPowerW).toBeUndefined();
    expect(user.switches[0].confidence).toBe('estimated');
    const bad = CatalogSchema.safeParse({ switches: [{ ...defaultCatalogInput.switches![0], maxPowerW: 10 }] });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0].path).toEqual(['switches', 0, 'maxPowerW']);
  });
});
