// The reference templates (src/catalog/templates.ts): the published tables they cite, the scenario
// each writes, the sizes they refuse, and what the search makes of their pins.
import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/catalog/default';
import { REFERENCE_TEMPLATES, templateById, templateSizeFromText, templateSizeProblem, TemplateSizeError, type ReferenceTemplate } from '../../src/catalog/templates';
import { checkScenario } from '../../src/model/validate';
import { optimize } from '../../src/topology/optimize';

const byId = (id: string): ReferenceTemplate => {
  const t = templateById(id);
  if (!t) throw new Error(`no template ${id}`);
  return t;
};

const SHORT: Record<string, string> = {
  'superpod-h100': 'SuperPOD H100',
  'superpod-b200': 'SuperPOD B200',
  'superpod-b300-xdr': 'SuperPOD B300 XDR',
  'superpod-b300-spectrum-x': 'SuperPOD B300 Spectrum-X',
  'gb200-nvl72': 'GB200 NVL72',
};

/** Every published row of every template, named as the claim it proves. */
const PUBLISHED = REFERENCE_TEMPLATES.flatMap((t) =>
  t.published.map((row) => ({
    t,
    row,
    claim: `${SHORT[t.id]} at ${row.size} SU: ${row.leaves} leaf, ${row.spines} spine${row.cores ? ` and ${row.cores} core` : ''} switches`,
  })),
);

describe('the built-in templates', () => {
  it('include SuperPOD H100 and B200 scalable units, B300 XDR, B300 Spectrum-X twin-planar and GB200 NVL72', () => {
    expect(REFERENCE_TEMPLATES.map((t) => t.id)).toEqual(Object.keys(SHORT));
  });

  it('each cite a public source by title and https address, and say which sizes are published and which derived', () => {
    for (const t of REFERENCE_TEMPLATES) {
      expect(t.sources.length, t.id).toBeGreaterThan(0);
      for (const s of t.sources) {
        expect(s.url, t.id).toMatch(/^https:\/\/docs\.nvidia\.com\//);
        expect(s.title.length, t.id).toBeGreaterThan(20);
      }
      expect(t.notes.join(' '), t.id).toMatch(t.published.length ? /Published:/ : /Derived, not published/);
    }
  });

  it('use only switch models, port modes and server profiles of the default catalog', () => {
    for (const t of REFERENCE_TEMPLATES) {
      expect(defaultCatalog.serverProfiles.some((p) => p.id === t.profile), t.id).toBe(true);
      const pin = t.designFor(t.size.default).pin;
      for (const tier of [pin.leaf, pin.spine, pin.core].filter((x) => x !== undefined)) {
        const sw = defaultCatalog.switches.find((s) => s.model === tier.switchModel);
        expect(sw, `${t.id} ${tier.switchModel}`).toBeDefined();
        expect(sw!.portModes.map((m) => m.id), t.id).toContain(tier.portMode);
        expect(sw!.technology, t.id).toBe(pin.technology);
      }
    }
  });
});

describe('the pinned designs reproduce the published tables', () => {
  it.each(PUBLISHED)('$claim', ({ t, row }) => {
    const d = t.designFor(row.size);
    expect(d.gpus).toBe(row.gpus);
    expect(d.switches).toEqual({ leaves: row.leaves, spines: row.spines, cores: row.cores ?? 0 });
    expect(d.tiers).toBe(row.cores ? 3 : 2);
  });

  it('the SuperPOD H100 template at 4 SU pins 32 QM9700 leaves of 32 down and 32 up ports and 16 spines of 64 down', () => {
    const pin = byId('superpod-h100').designFor(4).pin;
    expect(pin).toMatchObject({
      family: 'rail-optimized', technology: 'infiniband', planes: 1, tiers: 2, nodesPerLeafGroup: 32,
      leaf: { switchModel: 'QM9700', portMode: '64x400G', switchesPerPlane: 32, downPorts: 32, upPorts: 32 },
      spine: { switchModel: 'QM9700', portMode: '64x400G', switchesPerPlane: 16, downPorts: 64, upPorts: 0 },
    });
    expect(pin.core).toBeUndefined();
  });

  it('the B300 Spectrum-X template counts per plane: 8 leaves and 4 spines per SU in each of its 2 planes', () => {
    const pin = byId('superpod-b300-spectrum-x').designFor(1).pin;
    expect(pin).toMatchObject({ technology: 'ethernet', planes: 2, leaf: { switchModel: 'SN5600', portMode: '128x400G', switchesPerPlane: 8 }, spine: { switchesPerPlane: 4 } });
  });

  it('the B300 XDR template puts 72 nodes behind each Q3400 rail leaf, 72 ports down and 72 up', () => {
    const pin = byId('superpod-b300-xdr').designFor(8).pin;
    expect(pin).toMatchObject({ nodesPerLeafGroup: 72, leaf: { switchModel: 'Q3400', portMode: '144x800G', downPorts: 72, upPorts: 72 } });
  });

  it('past the two-tier limit a derived size gets a third tier whose cores take every spine uplink', () => {
    for (const [id, size] of [['superpod-b300-xdr', 19], ['superpod-b300-spectrum-x', 17], ['superpod-h100', 9], ['gb200-nvl72', 9216]] as const) {
      const d = byId(id).designFor(size);
      expect(d.tiers, id).toBe(3);
      const { spine, core } = d.pin;
      expect(spine.switchesPerPlane * spine.upPorts, id).toBe(core!.switchesPerPlane * core!.downPorts);
    }
  });
});

describe('the scenario a template writes', () => {
  it('with "vary only sourcing" pins family, technology, planes, tiers, leaf group and every tier\'s model, mode, count and ports', () => {
    const s = byId('superpod-b200').scenarioFor(16, { varyOnlySourcing: true });
    expect(s.cluster).toEqual({ gpus: 4096, serverProfile: 'hgx-b200-8x400g' });
    const pin = s.fabric.pin;
    expect(Object.keys(pin).sort()).toEqual(['core', 'family', 'leaf', 'nodesPerLeafGroup', 'planes', 'spine', 'technology', 'tiers']);
    for (const tier of [pin.leaf!, pin.spine!, pin.core!]) expect(Object.keys(tier).sort()).toEqual(['downPorts', 'portMode', 'switchModel', 'switchesPerPlane', 'upPorts']);
    expect(s.fabric).toMatchObject({ technologies: ['infiniband'], families: ['rail-optimized'], planes: [1], switchModels: ['QM9700'], maxTiers: 3 });
    expect(s.name).toBe('NVIDIA DGX SuperPOD B200, 16 SU (4,096 GPUs), vary only sourcing');
  });

  it('without it pins only family, technology and planes (and the profile), leaving switches, tiers and splits to the search', () => {
    const s = byId('superpod-b300-spectrum-x').scenarioFor(4, { varyOnlySourcing: false });
    expect(s.fabric.pin).toEqual({ family: 'rail-optimized', technology: 'ethernet', planes: 2 });
    expect(s.fabric).not.toHaveProperty('switchModels');
    expect(s.fabric).not.toHaveProperty('maxTiers');
    expect(s.fabric).not.toHaveProperty('minRailLocalGpus');
    expect(s.cluster.serverProfile).toBe('hgx-b300-8x800g');
  });

  it('is a valid scenario for every template, both ways, at its smallest, default and largest size', () => {
    for (const t of REFERENCE_TEMPLATES) {
      for (const size of [t.size.min, t.size.default, t.size.max]) {
        for (const varyOnlySourcing of [true, false]) {
          const checked = checkScenario(t.scenarioFor(size, { varyOnlySourcing }));
          expect(checked.ok ? [] : checked.problems, `${t.id} ${size} ${varyOnlySourcing}`).toEqual([]);
        }
      }
    }
  });
});

describe('sizes a template does not take', () => {
  it('are refused with a message naming the size field and its rule', () => {
    const h100 = byId('superpod-h100');
    expect(() => h100.scenarioFor(0)).toThrow(TemplateSizeError);
    expect(() => h100.scenarioFor(0)).toThrow('size: must be a whole number of scalable units from 1 to 256, got 0');
    expect(() => h100.scenarioFor(2.5)).toThrow('size: must be a whole number of scalable units from 1 to 256, got 2.5');
    expect(() => h100.scenarioFor(257)).toThrow('got 257');
    expect(templateSizeProblem(h100, '')).toBe('must be a whole number of scalable units from 1 to 256, got nothing');
    expect(templateSizeProblem(h100, Number.POSITIVE_INFINITY)).toBe('must be a whole number of scalable units from 1 to 256, got Infinity');
    expect(templateSizeProblem(h100, 'four')).toBe('must be a whole number of scalable units from 1 to 256, got "four"');
    expect(() => byId('gb200-nvl72').scenarioFor(100)).toThrow('size: must be a multiple of 72 GPUs from 72 to 65,520, got 100');
  });

  it('typed as text, are whole decimal numbers (thousands may be comma-separated); exponents, hex and fractions are named as typed', () => {
    const gb200 = byId('gb200-nvl72');
    expect(templateSizeFromText(gb200, ' 9,216 ')).toEqual({ ok: true, size: 9216 });
    expect(templateSizeFromText(gb200, '9216')).toEqual({ ok: true, size: 9216 });
    const rule = 'must be a multiple of 72 GPUs from 72 to 65,520';
    for (const [text, got] of [['1e3', '"1e3"'], ['0x48', '"0x48"'], ['72.5', '72.5'], ['-72', '-72'], ['9,21,6', '"9,21,6"'], ['', 'nothing']])
      expect(templateSizeFromText(gb200, text), text).toEqual({ ok: false, problem: `${rule}, got ${got}` });
  });

  it('stop where the documented rules stop: the largest size is the three-tier limit, one more has no design', () => {
    // 3 tiers of 64-port switches connect 64^3/4 = 65,536 NIC ports per plane: 256 SU of 256 rail ports.
    expect(byId('superpod-h100').size.max).toBe(256);
    expect(byId('superpod-b200').designFor(256).switches.leaves).toBe(2048);
    expect(byId('gb200-nvl72').size.max).toBe(65520);
  });
});

// These run the reference engine on the template's scenario, pins and all: they hold the engine's
// #1 design to the published counts, so they need fabric.pin in the scenario schema and a search
// that honours it.
describe('the search on a template with "vary only sourcing"', () => {
  const best = (t: ReferenceTemplate, size: number, varyOnlySourcing = true) => {
    const checked = checkScenario(t.scenarioFor(size, { varyOnlySourcing }));
    if (!checked.ok) throw new Error(checked.problems.map((p) => `${p.path}: ${p.message}`).join('; '));
    const outcome = optimize(checked.value, defaultCatalog);
    if (!outcome.ok) throw new Error(outcome.reason);
    const c = outcome.result.candidates.find((x) => x.rank === 1);
    if (!c) throw new Error(`no feasible design: ${outcome.result.diagnosis.map((d) => d.message).join('; ')}`);
    return c;
  };

  it.each(PUBLISHED)('ranks first the published design: $claim', ({ t, row }) => {
    const c = best(t, row.size);
    expect(c.tiers.map((x) => x.count)).toEqual([row.leaves, row.spines, ...(row.cores ? [row.cores] : [])]);
  });

  /** Every template at its default size, and derived sizes between and past the published rows (3 tiers, partial groups, one rack). */
  const DERIVED = [
    ...REFERENCE_TEMPLATES.map((t) => ({ t, size: t.size.default })),
    ...([['superpod-h100', 9], ['superpod-b200', 5], ['superpod-b300-xdr', 19], ['superpod-b300-spectrum-x', 17], ['gb200-nvl72', 72], ['gb200-nvl72', 2088]] as const)
      .map(([id, size]) => ({ t: byId(id), size })),
  ].map((x) => ({ ...x, claim: `${SHORT[x.t.id]} at ${x.size} ${x.t.size.unit}` }));

  it.each(DERIVED)('ranks first a design that matches every pin (model, mode, count, ports per tier): $claim', ({ t, size }) => {
    const pin = t.designFor(size).pin;
    const c = best(t, size);
    const tiers = [pin.leaf, pin.spine, pin.core].filter((x) => x !== undefined);
    expect(c.tiers.map((x) => [x.switchModel, x.portMode, x.countPerPlane, x.downPorts, x.upPorts]))
      .toEqual(tiers.map((x) => [x.switchModel, x.portMode, x.switchesPerPlane, x.downPorts, x.upPorts]));
    expect([c.family, c.technology, c.planes, c.design.nodesPerLeafGroup]).toEqual([pin.family, pin.technology, pin.planes, pin.nodesPerLeafGroup]);
  });

  it('holds the search to the pinned switch model by the pin alone: B300 Spectrum-X at 4 SU stays on SN5600 without the allow-list that repeats it, though the S9321-64E is cheaper', () => {
    const t = byId('superpod-b300-spectrum-x');
    const { switchModels: _allowList, ...fabric } = t.scenarioFor(4, { varyOnlySourcing: true }).fabric;
    const checked = checkScenario({ ...t.scenarioFor(4, { varyOnlySourcing: true }), fabric });
    if (!checked.ok) throw new Error(checked.problems.map((p) => `${p.path}: ${p.message}`).join('; '));
    const outcome = optimize(checked.value, defaultCatalog);
    if (!outcome.ok) throw new Error(outcome.reason);
    const c = outcome.result.candidates.find((x) => x.rank === 1)!;
    expect(c.tiers.map((x) => `${x.count} x ${x.switchModel} ${x.portMode}`)).toEqual(['64 x SN5600 128x400G', '32 x SN5600 128x400G']);
  });

  it('costs no less than the best design of the same family, technology and planes when the search is free', () => {
    const t = byId('superpod-b200');
    expect(best(t, 4, false).metrics.capex).toBeLessThanOrEqual(best(t, 4, true).metrics.capex);
  });
});
