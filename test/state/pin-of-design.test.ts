import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/catalog/default';
import { REFERENCE_TEMPLATES } from '../../src/catalog/templates';
import type { Candidate } from '../../src/model/result';
import { ScenarioSchema, type ScenarioInput } from '../../src/model/scenario';
import { pinOfDesign, pinsAnything, prunedPin } from '../../src/state/pin-of-design';
import { optimize } from '../../src/topology/optimize';

function run(input: ScenarioInput) {
  const r = optimize(ScenarioSchema.parse(input), defaultCatalog);
  if (!r.ok) throw new Error(r.reason);
  return r.result;
}

/** What a row is built of, sourcing left out: the choices a pin fixes. */
const shape = (c: Candidate) => ({ ...c.design, tiers: c.tiers.map((t) => [t.role, t.switchModel, t.portMode, t.upPortMode, t.countPerPlane, t.downPorts, t.upPorts]) });

/** Pins the unpinned search's best row and searches again. */
function pinAndRerun(input: ScenarioInput) {
  const free = run(input);
  const best = free.candidates[0];
  const pin = pinOfDesign(best);
  const pinned = run({ ...input, fabric: { ...input.fabric, pin } });
  return { free, best, pin, pinned };
}

const twoTier: ScenarioInput = { cluster: { gpus: 128 }, fabric: { technologies: ['infiniband'], maxOversubscription: 2 } };
const threeTier: ScenarioInput = {
  cluster: { gpus: 4096 },
  fabric: { technologies: ['ethernet'], switchModels: ['7060DX5-64S'], planes: [1], families: ['rail-optimized'] },
};

describe('pinOfDesign', () => {
  it('re-ranks a pinned 2-tier design first, at the same cost, among only its sourcing variants', () => {
    const { free, best, pin, pinned } = pinAndRerun(twoTier);
    expect(best.tiers.length).toBe(2);
    expect(pinned.candidates[0].design).toEqual(best.design);
    expect(pinned.candidates[0].objectiveValue).toBe(best.objectiveValue);
    for (const c of pinned.candidates) {
      expect(shape(c)).toEqual(shape(best));
      expect(pinOfDesign(c)).toEqual(pin);
    }
    expect(pinned.stats.spaceSize).toBe(1);
    expect(free.stats.spaceSize).toBeGreaterThan(1000);
  });

  it('re-ranks a pinned 3-tier design first, its spines, cores and their ports fixed, in a space of only its equivalent pod splits', () => {
    const { best, pin, pinned } = pinAndRerun(threeTier);
    expect(best.tiers.map((t) => t.role)).toEqual(['leaf', 'spine', 'core']);
    expect(pin.core).toEqual({ switchModel: '7060DX5-64S', portMode: '64x400G', switchesPerPlane: 64, downPorts: 64, upPorts: 0 });
    expect(pinned.candidates[0].design).toEqual(best.design);
    expect(pinned.candidates[0].objectiveValue).toBe(best.objectiveValue);
    for (const c of pinned.candidates) expect(shape(c)).toEqual(shape(best));
    // The pin fixes counts and ports, not how pods split: the splits that build this same row remain.
    expect(best.podSplits.length).toBeGreaterThan(1);
    expect(pinned.stats.spaceSize).toBe(best.podSplits.length);
  });

  it.each([
    ['a leaf cage split (128x400G down, 64x800G up)', { cluster: { gpus: 256 }, fabric: { technologies: ['ethernet'], switchModels: ['SN5600'], planes: [1], families: ['fat-tree'], pin: { leaf: { upPortMode: '64x800G' } } } }],
    ['a fat-tree spreading each node over 2 leaves', { cluster: { gpus: 256 }, fabric: { technologies: ['infiniband'], families: ['fat-tree'], pin: { leavesPerNode: 2 } } }],
  ] as [string, ScenarioInput][])('re-ranks a pinned design with %s first, at the same cost', (_what, input) => {
    const { best, pin, pinned } = pinAndRerun(input);
    expect(pin.leaf!.upPortMode).toBe(best.tiers[0].upPortMode);
    expect(pin.leavesPerNode).toBe(best.design.leavesPerNode);
    expect(pin.leaf!.upPortMode ?? pin.leavesPerNode).toBeDefined();
    expect(pinned.candidates[0].design).toEqual(best.design);
    expect(pinned.candidates[0].objectiveValue).toBe(best.objectiveValue);
    for (const c of pinned.candidates) expect(shape(c)).toEqual(shape(best));
    expect(pinned.stats.spaceSize).toBe(1);
  });

  it('pins the top tier as the reference templates do: its count and down ports, 0 up ports', () => {
    const t = REFERENCE_TEMPLATES[0];
    const template = t.designFor(t.size.default).pin;
    const templateTop = template.core ?? template.spine;
    const pin = pinOfDesign(run(twoTier).candidates[0]);
    expect(Object.keys(pin.spine!).sort()).toEqual(['downPorts', 'portMode', 'switchModel', 'switchesPerPlane', 'upPorts']);
    expect(pin.spine!.upPorts).toBe(0);
    expect(Object.keys(pin.spine!).sort()).toEqual(Object.keys(templateTop).sort());
    expect(Object.keys(pin).filter((k) => typeof pin[k as keyof typeof pin] !== 'object').sort()).toEqual(Object.keys(template).filter((k) => typeof template[k as keyof typeof template] !== 'object').sort());
  });

  it('pins a cage split\'s up mode and a fat-tree\'s leaves per node only where the design has them', () => {
    const best = run(twoTier).candidates[0];
    const split: Candidate = {
      ...best,
      design: { ...best.design, leavesPerNode: 2 },
      tiers: [{ ...best.tiers[0], switchModel: 'SN5600', portMode: '128x400G', upPortMode: '64x800G' }, best.tiers[1]],
    };
    const pin = pinOfDesign(split);
    expect(pin.leavesPerNode).toBe(2);
    expect(pin.leaf!.upPortMode).toBe('64x800G');
    expect('upPortMode' in pin.spine!).toBe(false);
    expect('leavesPerNode' in pinOfDesign(best)).toBe(false);
    expect(ScenarioSchema.safeParse({ cluster: { gpus: 128 }, fabric: { pin } }).success).toBe(true);
  });
});

describe('prunedPin', () => {
  it('drops emptied tiers and leaves no pin once every field is cleared', () => {
    expect(prunedPin({ leaf: { switchModel: undefined }, spine: { switchesPerPlane: 4 } })).toEqual({ spine: { switchesPerPlane: 4 } });
    expect(prunedPin({ leaf: {}, spine: { upPorts: undefined } })).toBeUndefined();
    expect(prunedPin({})).toBeUndefined();
    expect(prunedPin({ tiers: 2, core: {} })).toEqual({ tiers: 2 });
    expect(pinsAnything({ leaf: { upPorts: 0 } })).toBe(true);
    expect(pinsAnything({ leaf: {} })).toBe(false);
  });
});
