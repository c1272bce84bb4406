import { beforeEach, describe, expect, it } from 'vitest';
import type { Candidate } from '../../src/model/result';
import { useNotices } from '../../src/state/notices';
import { editPin, pinDesign, removePins, setPin } from '../../src/state/pin-edit';
import { createScenarioStore } from '../../src/state/scenario-store';
import { MemoryStorage } from '../ui/memory-storage';

let storage: MemoryStorage;
const make = () => createScenarioStore(() => storage);
const saved = () => JSON.parse(storage.getItem('railyard.scenario') ?? 'null')?.state.scenario;

beforeEach(() => {
  storage = new MemoryStorage();
  useNotices.getState().clear();
});

/** A 2-tier result row, as far as a pin reads it. */
const row = {
  family: 'fat-tree', technology: 'infiniband', planes: 1,
  design: { family: 'fat-tree', technology: 'infiniband', planes: 1, nodesPerLeafGroup: 4, tiers: [] },
  tiers: [
    { role: 'leaf', switchModel: 'QM9700', portMode: '64x400G', countPerPlane: 32, downPorts: 32, upPorts: 32 },
    { role: 'spine', switchModel: 'QM9700', portMode: '64x400G', countPerPlane: 16, downPorts: 64, upPorts: 0 },
  ],
} as unknown as Candidate;

describe('pin editor edits', () => {
  it('applies typed pin counts as numbers, and removes fabric.pin once every field is cleared', () => {
    const store = make();
    editPin(store, 'fabric.pin.spine.switchesPerPlane', '4');
    editPin(store, 'fabric.pin.leaf.switchModel', 'QM9700');
    expect(store.getState().scenario.fabric.pin).toEqual({ spine: { switchesPerPlane: 4 }, leaf: { switchModel: 'QM9700' } });
    editPin(store, 'fabric.pin.spine.switchesPerPlane', '');
    expect(store.getState().scenario.fabric.pin).toEqual({ leaf: { switchModel: 'QM9700' } });
    editPin(store, 'fabric.pin.leaf.switchModel', undefined);
    expect(store.getState().scenario.fabric.pin).toBeUndefined();
    expect('pin' in saved().fabric).toBe(false);
  });

  it('refuses a negative, fractional or absurd count with the field\'s rule, keeping the saved pin', () => {
    const store = make();
    editPin(store, 'fabric.pin.leaf.downPorts', '32');
    for (const [text, rule] of [['-3', 'must be a positive integer'], ['1.5', 'must be an integer'], ['99999999', 'must be at most 65,536'], ['many', 'must be a number']] as const) {
      expect(editPin(store, 'fabric.pin.leaf.downPorts', text)).toBe(false);
      expect(store.getState().errors['fabric.pin.leaf.downPorts']).toMatch(rule);
      expect(store.getState().drafts['fabric.pin.leaf.downPorts']).toBe(text);
      expect(saved().fabric.pin).toEqual({ leaf: { downPorts: 32 } });
    }
  });

  it('"Remove pins" drops the pin and the text typed for it; Undo brings the same pin back', () => {
    const store = make();
    editPin(store, 'fabric.pin.spine.switchesPerPlane', '4');
    editPin(store, 'fabric.pin.leaf.upPorts', '-1');
    removePins(store);
    expect(store.getState().scenario.fabric.pin).toBeUndefined();
    expect(Object.keys(store.getState().drafts).filter((p) => p.startsWith('fabric.pin'))).toEqual([]);
    expect(Object.keys(store.getState().errors)).toEqual([]);
    useNotices.getState().notices.at(-1)!.actions![0].run();
    expect(store.getState().scenario.fabric.pin).toEqual({ spine: { switchesPerPlane: 4 } });
  });
});

describe('"Keep this design, vary sourcing"', () => {
  it('pins the whole row in place of an edited pin, says what it pinned, and Undo restores the edited pin', () => {
    const store = make();
    editPin(store, 'fabric.pin.tiers', 3);
    store.getState().setField('cluster.gpus', '2048');
    expect(pinDesign(store, row, (p) => `pinned ${p.tiers} tiers`)).toBe(true);
    expect(store.getState().scenario.fabric.pin).toEqual({
      family: 'fat-tree', technology: 'infiniband', planes: 1, tiers: 2, nodesPerLeafGroup: 4,
      leaf: { switchModel: 'QM9700', portMode: '64x400G', switchesPerPlane: 32, downPorts: 32, upPorts: 32 },
      spine: { switchModel: 'QM9700', portMode: '64x400G', switchesPerPlane: 16, downPorts: 64, upPorts: 0 },
    });
    const notice = useNotices.getState().notices.at(-1)!;
    expect(notice.title).toMatch(/Design pinned/);
    expect(notice.details).toEqual(['pinned 2 tiers']);
    notice.actions![0].run();
    expect(store.getState().scenario.fabric.pin).toEqual({ tiers: 3 });
    expect(store.getState().scenario.cluster.gpus).toBe(2048);
  });

  it('an invalid whole pin changes nothing and leaves no error behind, only its message', () => {
    const store = make();
    expect(setPin(store, { planes: 3 as 1 })).toEqual({ ok: false, problem: expect.stringMatching(/must be 1, 2, 4 or 8/) });
    expect(store.getState().scenario.fabric.pin).toBeUndefined();
    expect(store.getState().errors).toEqual({});
  });
});
