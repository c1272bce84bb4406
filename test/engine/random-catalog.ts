import fc from 'fast-check';
import { CatalogSchema, type Catalog, type CatalogInput } from '../../src/model/catalog';
import { ScenarioSchema, type Scenario } from '../../src/model/scenario';
import { InventorySchema, type InventoryInput } from '../../src/model/inventory';
import { withInventory } from '../../src/topology/inventory';

/**
 * Random small catalogs modelled on test/fixtures/lab-catalog.ts: a few switches (radix 8-64) on
 * two cage types and two speeds, DAC/AOC-style copper plus optics, random prices and random stock on
 * refurbished and compatible offers, so stock limits, sourcing and media choice all come into play.
 * Dual-mode switches often allow cage splits, so split leaves (and their up-speed spines and media) are searched too.
 */
export const arbCatalog: fc.Arbitrary<Catalog> = fc
  .record({
    switches: fc.array(
      fc.record({
        cages: fc.integer({ min: 8, max: 32 }),
        perCage: fc.constantFrom(1, 2),
        cage: fc.constantFrom('OSFP', 'QSFP28'),
        tech: fc.constantFrom('infiniband', 'ethernet'),
        // Most switches run their cages at 400G or split in two at 200G (as real ones do), so most plane splits find a port mode.
        dualMode: fc.constantFrom(true, true, true, false),
        // Cage splits on dual-mode switches (docs/model.md "Split port modes"): 2 x 200G down and 400G up
        // (the real pattern), the reverse, or both.
        splits: fc.constantFrom('none', 'up', 'up', 'down', 'both'),
        price: fc.integer({ min: 1000, max: 60000 }),
        refurbPrice: fc.option(fc.integer({ min: 500, max: 40000 }), { nil: undefined }),
        refurbStock: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }),
        powerW: fc.integer({ min: 50, max: 1500 }),
        confidence: fc.constantFrom('verified', 'verified', 'estimated', 'estimated', 'unconfirmed'),
      }),
      { minLength: 2, maxLength: 3 },
    ),
    optPrice: fc.integer({ min: 50, max: 2000 }),
    compatPrice: fc.option(fc.integer({ min: 20, max: 1500 }), { nil: undefined }),
    compatStock: fc.option(fc.integer({ min: 0, max: 300 }), { nil: null }),
    dacBase: fc.integer({ min: 10, max: 300 }),
    dacPerM: fc.integer({ min: 0, max: 60 }),
    dacReach: fc.constantFrom(2, 3, 5),
    fiberPerM: fc.integer({ min: 0, max: 5 }),
    twin: fc.boolean(),
    // TCO beyond energy: support per offer (switches, optics) and failure rates per source and category.
    switchSupport: fc.option(fc.constantFrom(0, 150, 999.99, 4200), { nil: undefined }),
    opticSupport: fc.option(fc.constantFrom(0, 3.5, 12), { nil: undefined }),
    failureRates: fc.option(fc.record({
      'oem-new': fc.record({ switch: fc.constantFrom(0, 1, 2), optic: fc.constantFrom(0.5, 1, 3.3), cable: fc.constantFrom(0, 0.1, 0.2) }),
      'oem-refurbished': fc.record({ switch: fc.constantFrom(2, 3, 7.5), optic: fc.constantFrom(1, 2), cable: fc.constantFrom(0, 0.3) }),
      'compatible-new': fc.record({ switch: fc.constantFrom(1, 2.5), optic: fc.constantFrom(1.5, 4.1), cable: fc.constantFrom(0.2, 0.3) }),
    }), { nil: undefined }),
    // Part and recipe confidence, so sourcing.allowUnconfirmed changes media choice and feasibility.
    dacConfidence: fc.constantFrom('verified', 'verified', 'estimated', 'unconfirmed'),
    optConfidence: fc.constantFrom('verified', 'verified', 'verified', 'estimated', 'estimated', 'unconfirmed'),
    unconfirmedRecipe: fc.option(fc.integer({ min: 0, max: 15 }), { nil: undefined }),
    // Owned parts (an inventory): limited stock at a residual value, below or above the purchase prices, cables by length.
    inventory: fc.option(fc.record({
      switch: fc.option(fc.record({ index: fc.integer({ min: 0, max: 2 }), quantity: fc.integer({ min: 0, max: 60 }), residual: fc.constantFrom(0, 800, 12_000.5, 70_000) }), { nil: undefined }),
      optic: fc.option(fc.record({ quantity: fc.integer({ min: 0, max: 400 }), residual: fc.constantFrom(0, 30, 999, 2500), warrantyYears: fc.constantFrom(0, 1) }), { nil: undefined }),
      cable: fc.option(fc.record({ fiber: fc.boolean(), lengthIndex: fc.integer({ min: 0, max: 3 }), quantity: fc.integer({ min: 1, max: 300 }), residual: fc.constantFrom(0, 5, 80) }), { nil: undefined }),
    }), { nil: undefined }),
  })
  .map((r): Catalog => {
    const speeds = (perCage: number) => (perCage === 2 ? 200 : 400);
    const input: CatalogInput = {
      name: 'random',
      // The first two switches are one of each technology, so either technology has a switch.
      switches: r.switches.map((s, i) => ({
        id: `SW${i}`, model: `SW${i}`, vendor: 'R', name: `switch ${i}`, technology: (i === 0 ? 'infiniband' : i === 1 ? 'ethernet' : s.tech) as 'infiniband' | 'ethernet',
        cageType: s.cage as 'OSFP' | 'QSFP28', cages: s.cages,
        portModes: s.dualMode
          ? [{ id: `${s.cages}x400G`, ports: s.cages, gbps: 400 }, { id: `${s.cages * 2}x200G`, ports: s.cages * 2, gbps: 200 }]
          : [{ id: `${s.cages * s.perCage}x${speeds(s.perCage)}G`, ports: s.cages * s.perCage, gbps: speeds(s.perCage) }],
        ...(s.dualMode && s.splits !== 'none' ? {
          cageSplits: [
            ...(s.splits !== 'down' ? [{ down: `${s.cages * 2}x200G`, up: `${s.cages}x400G` }] : []),
            ...(s.splits !== 'up' ? [{ down: `${s.cages}x400G`, up: `${s.cages * 2}x200G` }] : []),
          ],
        } : {}),
        powerW: s.powerW, rackUnits: 1, confidence: s.confidence as 'verified' | 'estimated' | 'unconfirmed',
      })),
      transceivers: [
        { id: 'OPT', model: 'OPT', vendor: 'R', name: 'optic', technologies: ['infiniband', 'ethernet'], formFactor: 'OSFP', gbps: 800, reachM: 100, powerW: 12, confidence: r.optConfidence as 'verified' | 'estimated' | 'unconfirmed' },
        { id: 'NICOPT', model: 'NICOPT', vendor: 'R', name: 'nic optic', technologies: ['infiniband', 'ethernet'], formFactor: 'OSFP', gbps: 400, reachM: 100, powerW: 8 },
      ],
      cables: [
        { id: 'DAC', model: 'DAC', vendor: 'R', name: 'dac', kind: 'dac', technologies: ['infiniband', 'ethernet'], lengthsM: [1, 2, 3, 5].filter((l) => l <= r.dacReach), powerW: 0, confidence: r.dacConfidence as 'verified' | 'estimated' | 'unconfirmed' },
        { id: 'FIB', model: 'FIB', vendor: 'R', name: 'fiber', kind: 'fiber', technologies: ['infiniband', 'ethernet'], lengthsM: [5, 10, 20, 30, 50, 100], powerW: 0 },
      ],
      nics: [{ id: 'NIC', model: 'NIC', vendor: 'R', name: 'nic', ports: 1, gbps: 400, formFactor: 'OSFP', technologies: ['infiniband', 'ethernet'] }],
      mediaRecipes: [],
      serverProfiles: [
        { id: 'one-400', name: 'one 400G port', gpusPerNode: 1, railsPerNode: 1, nicGbps: 400, nic: 'NIC', scaleUpDomainGpus: 1, scaleUpGBpsPerGpu: 0, linkSpeeds: { infiniband: [400, 200], ethernet: [400, 200] } },
        { id: 'four-400', name: '4 GPUs, 4 x 400G', gpusPerNode: 4, railsPerNode: 4, nicGbps: 400, nic: 'NIC', scaleUpDomainGpus: 4, scaleUpGBpsPerGpu: 450, linkSpeeds: { infiniband: [400, 200], ethernet: [400] }, nodePowerKW: 10, rackPowerKW: 42 },
        // NVL72-like: a fixed rack of trays with no room for a switch, so leaves stand at the row ends.
        { id: 'tray-rack', name: '4-GPU trays, 6 to a rack', gpusPerNode: 4, railsPerNode: 4, nicGbps: 400, nic: 'NIC', scaleUpDomainGpus: 24, scaleUpGBpsPerGpu: 900, linkSpeeds: { infiniband: [400, 200], ethernet: [400] }, nodesPerRack: 6, switchesInComputeRack: false },
      ],
      offers: [
        { id: 'opt-new', part: 'OPT', source: 'oem-new', vendor: 'R', price: r.optPrice },
        ...(r.compatPrice !== undefined ? [{ id: 'opt-compat', part: 'OPT', source: 'compatible-new' as const, vendor: 'C', price: r.compatPrice, stock: r.compatStock }] : []),
        { id: 'nicopt-new', part: 'NICOPT', source: 'oem-new', vendor: 'R', price: Math.round(r.optPrice * 0.6) },
        { id: 'dac-new', part: 'DAC', source: 'oem-new', vendor: 'R', price: r.dacBase, perMeterPrice: r.dacPerM },
        { id: 'fib-new', part: 'FIB', source: 'oem-new', vendor: 'R', price: 20, perMeterPrice: r.fiberPerM },
        ...r.switches.flatMap((s, i) => [
          { id: `sw${i}-new`, part: `SW${i}`, source: 'oem-new' as const, vendor: 'R', price: s.price },
          ...(s.refurbPrice !== undefined ? [{ id: `sw${i}-ref`, part: `SW${i}`, source: 'oem-refurbished' as const, vendor: 'B', price: s.refurbPrice, stock: s.refurbStock, warrantyYears: 1 }] : []),
        ]),
      ],
    };
    for (const cage of ['OSFP', 'QSFP28'] as const) {
      for (const gbps of [400, 200]) {
        const lpu = r.twin ? 2 : 1;
        input.mediaRecipes!.push(
          { id: `n-${cage}-${gbps}-dac`, name: 'dac', technologies: ['infiniband', 'ethernet'], linkGbps: gbps, kind: 'node-switch', switchCage: cage, nicGbps: 400, maxReachM: r.dacReach, parts: [{ part: 'DAC', role: 'cable', linksPerUnit: 1 }] },
          { id: `n-${cage}-${gbps}-opt`, name: 'opt', technologies: ['infiniband', 'ethernet'], linkGbps: gbps, kind: 'node-switch', switchCage: cage, nicGbps: 400, maxReachM: 100, parts: [{ part: 'NICOPT', role: 'lower-end', linksPerUnit: 1 }, { part: 'OPT', role: 'upper-end', linksPerUnit: lpu }, { part: 'FIB', role: 'cable', linksPerUnit: 1 }] },
          { id: `s-${cage}-${gbps}-dac`, name: 'dac', technologies: ['infiniband', 'ethernet'], linkGbps: gbps, kind: 'switch-switch', switchCage: cage, maxReachM: r.dacReach, parts: [{ part: 'DAC', role: 'cable', linksPerUnit: 1 }] },
          { id: `s-${cage}-${gbps}-opt`, name: 'opt', technologies: ['infiniband', 'ethernet'], linkGbps: gbps, kind: 'switch-switch', switchCage: cage, maxReachM: 100, parts: [{ part: 'OPT', role: 'lower-end', linksPerUnit: lpu }, { part: 'OPT', role: 'upper-end', linksPerUnit: lpu }, { part: 'FIB', role: 'cable', linksPerUnit: 1 }] },
        );
      }
    }
    if (r.unconfirmedRecipe !== undefined) input.mediaRecipes![r.unconfirmedRecipe].confidence = 'unconfirmed';
    for (const o of input.offers!) {
      if (o.part.startsWith('SW') && r.switchSupport !== undefined) o.supportPerYear = o.source === 'oem-new' ? r.switchSupport : r.switchSupport / 2;
      if (o.part === 'OPT' && r.opticSupport !== undefined) o.supportPerYear = r.opticSupport;
    }
    if (r.failureRates) input.failureRates = r.failureRates;
    const catalog = CatalogSchema.parse(input);
    if (!r.inventory) return catalog;
    const items: InventoryInput['items'] = [];
    const { switch: sw, optic, cable } = r.inventory;
    if (sw && sw.index < r.switches.length) items.push({ part: `SW${sw.index}`, quantity: sw.quantity, residualValue: sw.residual });
    if (optic) items.push({ part: 'OPT', quantity: optic.quantity, residualValue: optic.residual, warrantyYears: optic.warrantyYears });
    if (cable) {
      const c = catalog.cables.find((x) => x.id === (cable.fiber ? 'FIB' : 'DAC'))!;
      items.push({ part: c.id, lengthM: c.lengthsM[Math.min(cable.lengthIndex, c.lengthsM.length - 1)], quantity: cable.quantity, residualValue: cable.residual });
    }
    return withInventory(catalog, InventorySchema.parse({ name: 'random owned', items }));
  });

/** fabric.minRailLocalGpus for a random scenario: at most 8 and a quarter of the nodes (one GPU per rail port in every profile) unless `far`. */
function railLocalFloor(r: { gpus: number; far: boolean } | undefined, gpus: number, profile: string): number | undefined {
  if (!r) return undefined;
  const nodes = Math.ceil(gpus / (profile === 'one-400' ? 1 : 4));
  return r.far ? r.gpus : Math.max(1, Math.min(r.gpus, 8, Math.floor(nodes / 4)));
}

/** A value one time in four, else left out. */
const rarely = <T>(a: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: a });

/** Random small and medium clusters over the random catalogs' profiles. */
export const arbScenario: fc.Arbitrary<Scenario> = fc
  .record({
    profile: fc.constantFrom('one-400', 'four-400', 'tray-rack'),
    gpus: fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 2, max: 256 }) }, { weight: 1, arbitrary: fc.integer({ min: 257, max: 600 }) }),
    families: fc.subarray(['fat-tree', 'rail-optimized', 'rail-only'] as const, { minLength: 1 }),
    technologies: fc.subarray(['infiniband', 'ethernet'] as const, { minLength: 1 }),
    planes: fc.constantFrom([1], [1], [1, 2], [1, 2], [1, 2], [2]),
    maxTiers: fc.constantFrom(1, 2, 2, 3, 3, 3, 3, 3),
    maxOversubscription: fc.constantFrom(1, 1.5, 2, 3),
    maxEndToEnd: fc.option(fc.constantFrom(1, 1.5, 2, 3, 4, 6), { nil: undefined }),
    // A rail-locality floor in about a third of the scenarios: mostly one a leaf reaches (at most half
    // the cluster's nodes), now and then one up to 48 GPUs that may empty the space before the search.
    railLocal: fc.oneof(
      { weight: 2, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.record({ gpus: fc.integer({ min: 1, max: 48 }), far: fc.constantFrom(false, false, false, false, true) }) },
    ),
    // Redundancy minimums (default 2 each): 1 lets single-spine designs in, 3 rejects more.
    minSpinesPerPlane: fc.constantFrom(1, 1, 2, 2, 3),
    minUplinkSwitches: fc.constantFrom(1, 1, 2, 2, 3),
    // Spare ports per tier in about half the scenarios (percent of the radix, rounded up per switch).
    sparePortsPct: fc.option(fc.record({ leaf: fc.constantFrom(0, 5, 12.5, 25), spine: fc.constantFrom(0, 3, 10, 50), core: fc.constantFrom(0, 7, 20) }), { nil: undefined }),
    // Pins in about an eighth of the scenarios: any subset of the fields, with values that sometimes
    // fit the space and sometimes empty it (test/engine/kernel-equals-reference.test.ts also pins
    // found designs' own choices).
    pin: fc.oneof(
      { weight: 7, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.record({
        family: rarely(fc.constantFrom('fat-tree', 'rail-optimized', 'rail-only')),
        tiers: rarely(fc.constantFrom(1, 2, 3)),
        planes: rarely(fc.constantFrom(1, 2)),
        nodesPerLeafGroup: rarely(fc.integer({ min: 1, max: 16 })),
        // Partial nodes per leaf: 1 (whole nodes), 2 (a 4-rail node over two leaves) or 4 (a leaf per rail: the rail families only).
        leavesPerNode: rarely(fc.constantFrom(1, 2, 4)),
        // A split's up mode (fabric.pin.leaf.upPortMode): ids of some drawn cage counts, so it sometimes
        // names a split, sometimes a single mode of no split, sometimes nothing (refused by field path).
        leaf: rarely(fc.record({ switchModel: rarely(fc.constantFrom('SW0', 'SW1')), upPorts: rarely(fc.integer({ min: 1, max: 12 })), switchesPerPlane: rarely(fc.integer({ min: 2, max: 12 })),
          upPortMode: rarely(fc.constantFrom('8x400G', '12x400G', '16x400G', '16x200G', '24x200G', '32x200G')) })),
        // A 3-tier spine's split up mode too (docs/model.md "Split port modes").
        spine: rarely(fc.record({ switchesPerPlane: rarely(fc.integer({ min: 1, max: 8 })), downPorts: rarely(fc.integer({ min: 2, max: 24 })), upPorts: rarely(fc.integer({ min: 0, max: 8 })),
          upPortMode: rarely(fc.constantFrom('8x400G', '16x400G', '16x200G', '32x200G')) })),
        core: rarely(fc.record({ switchesPerPlane: rarely(fc.integer({ min: 2, max: 8 })), downPorts: rarely(fc.integer({ min: 2, max: 16 })) })),
      }) },
    ),
    nodesPerRack: fc.integer({ min: 1, max: 16 }),
    racksPerRow: fc.integer({ min: 1, max: 12 }),
    placement: fc.constantFrom('group-center', 'row-end'),
    // Floor from the profile and cluster size (nodesPerRack, racksPerRow left out), and the switch-in-rack rule either way.
    floorDefaults: fc.boolean(),
    switchesInComputeRack: fc.option(fc.boolean(), { nil: undefined }),
    refurb: fc.boolean(),
    compat: fc.boolean(),
    minimize: fc.constantFrom('capex', 'tco', 'tco'),
    years: fc.constantFrom(0, 3, 5, 7.5),
    sparesPct: fc.option(fc.record({ switch: fc.constantFrom(0, 2, 5, 10), optic: fc.constantFrom(0, 1, 3.3, 5), cable: fc.constantFrom(0, 2.5, 10) }), { nil: undefined }),
    // A network power cap in about a quarter of the scenarios (often one that rejects every design).
    maxPowerW: fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.integer({ min: 2000, max: 200000 }) }),
    topK: fc.integer({ min: 1, max: 12 }),
    allowUnconfirmed: fc.constantFrom(true, true, false),
    owned: fc.boolean(),
  })
  .map((r) =>
    ScenarioSchema.parse({
      // One tier connects only as many NIC ports as one switch has: keep those clusters small.
      cluster: { gpus: r.maxTiers === 1 ? 1 + (r.gpus % 24) : r.gpus, serverProfile: r.profile },
      fabric: { families: r.families, technologies: r.technologies, planes: r.planes, maxTiers: r.maxTiers, maxOversubscription: r.maxOversubscription,
        maxEndToEndOversubscription: r.maxEndToEnd, minRailLocalGpus: railLocalFloor(r.railLocal, r.maxTiers === 1 ? 1 + (r.gpus % 24) : r.gpus, r.profile),
        minSpinesPerPlane: r.minSpinesPerPlane, minUplinkSwitches: r.minUplinkSwitches, sparePortsPct: r.sparePortsPct, pin: r.pin },
      layout: r.floorDefaults
        ? { switchPlacement: r.placement, switchesInComputeRack: r.switchesInComputeRack }
        : { nodesPerRack: r.nodesPerRack, racksPerRow: r.racksPerRow, switchPlacement: r.placement, switchesInComputeRack: r.switchesInComputeRack },
      sourcing: {
        switch: [...(r.refurb ? ['oem-new', 'oem-refurbished'] as const : ['oem-new'] as const), ...(r.owned ? ['owned'] as const : [])],
        optic: [...(r.compat ? ['oem-new', 'compatible-new'] as const : ['oem-new'] as const), ...(r.owned ? ['owned'] as const : [])],
        cable: r.owned ? ['oem-new', 'owned'] : ['oem-new'],
        allowUnconfirmed: r.allowUnconfirmed,
      },
      objective: { minimize: r.minimize, years: r.years, maxPowerW: r.maxPowerW, sparesPct: r.sparesPct },
      search: { topK: r.topK },
    }),
  );

/**
 * Random scenarios searched at three tiers only (fabric.pin.tiers 3), on clusters large enough for
 * pods: where 3-tier spines may split their cages (down at the leaves' up speed, up at their own).
 */
export const arbThreeTierScenario: fc.Arbitrary<Scenario> = fc
  .tuple(arbScenario, fc.integer({ min: 64, max: 700 }))
  .map(([s, gpus]) => ScenarioSchema.parse({
    ...s,
    cluster: { ...s.cluster, gpus },
    fabric: {
      ...s.fabric,
      families: s.fabric.families.includes('rail-only') && s.fabric.families.length === 1 ? ['fat-tree'] : s.fabric.families.filter((f) => f !== 'rail-only'),
      maxTiers: 3,
      minRailLocalGpus: undefined,
      pin: { ...(s.fabric.pin ?? {}), tiers: 3 },
    },
  }));

/**
 * Random phase plans on random scenarios: 1 to 3 phases (the last the cluster), the earlier ones
 * a random share of it, built within 2 years, at discount rates from 0% (present value = capex)
 * to 40%. (Plans whose last phase comes at or past the objective's years, where the ordering
 * objective is the capex, are drawn by test/engine/phased-floor.test.ts; docs/phases.md.)
 */
export const arbPhasedScenario: fc.Arbitrary<Scenario> = fc
  .tuple(
    arbScenario,
    fc.array(fc.record({ share: fc.integer({ min: 1, max: 99 }), months: fc.constantFrom(0, 1, 6, 12) }), { minLength: 0, maxLength: 2 }),
    fc.constantFrom(0, 3, 8, 8, 12.5, 40),
  )
  .map(([s, early, rate]) => {
    const gpus = s.cluster.gpus;
    const counts = [...new Set(early.map((e) => Math.max(1, Math.floor((gpus * e.share) / 100))))].filter((g) => g < gpus).sort((a, b) => a - b);
    let month = 0;
    const phases = counts.map((g, i) => {
      if (i > 0) month += early[i].months;
      return { gpus: g, month };
    });
    phases.push({ gpus, month: month + (early[early.length - 1]?.months ?? 0) });
    if (phases.length === 1) phases[0].month = 0;
    return ScenarioSchema.parse({ ...s, cluster: { ...s.cluster, phases }, objective: { ...s.objective, discountRatePct: rate } });
  });
