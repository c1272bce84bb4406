// Starting from a template (src/state/template-apply.ts) never loses an edited scenario.
import { beforeEach, describe, expect, it } from 'vitest';
import { templateById } from '../../src/catalog/templates';
import { useNotices } from '../../src/state/notices';
import { listCopies } from '../../src/state/saved-storage';
import { DEFAULT_SCENARIO } from '../../src/state/scenario-defaults';
import { createScenarioStore, SCENARIO_STORAGE_KEY } from '../../src/state/scenario-store';
import { createTemplateApplier } from '../../src/state/template-apply';
import { MemoryStorage } from './memory-storage';

describe('starting from a template', () => {
  let storage: MemoryStorage;
  const h100 = templateById('superpod-h100')!.scenarioFor(4, { varyOnlySourcing: true });
  const setup = () => {
    const scenario = createScenarioStore(() => storage);
    return { scenario, applier: createTemplateApplier(scenario, () => storage) };
  };
  const saved = () => JSON.parse(storage.getItem(SCENARIO_STORAGE_KEY)!).state.scenario;
  beforeEach(() => {
    storage = new MemoryStorage();
    useNotices.getState().clear();
  });

  it('replaces the untouched default scenario at once, and Undo brings the default back', () => {
    const { scenario, applier } = setup();
    expect(applier.getState().offer(h100, h100.name)).toBe('applied');
    expect(saved().fabric.pin.leaf.switchesPerPlane).toBe(32);
    expect(listCopies(storage)).toEqual([]);
    const notice = useNotices.getState().notices.at(-1)!;
    expect(notice.title).toBe(`Scenario set from the template ${h100.name}. Undo brings back the default scenario.`);
    notice.actions!.find((a) => a.label === 'Undo')!.run();
    expect(scenario.getState().scenario).toEqual(DEFAULT_SCENARIO);
  });

  it('asks before replacing an edited scenario, listing what differs, and changes nothing meanwhile', () => {
    const { scenario, applier } = setup();
    scenario.getState().setField('cluster.gpus', '2048');
    expect(applier.getState().offer(h100, h100.name)).toBe('asking');
    expect(applier.getState().pending?.differences).toEqual(expect.arrayContaining(['cluster.gpus: 2048 → 1024', 'fabric.families: ["fat-tree","rail-optimized","rail-only"] → ["rail-optimized"]']));
    expect(saved().cluster.gpus).toBe(2048);
    applier.getState().keep();
    expect(applier.getState().pending).toBeNull();
    expect(saved().cluster.gpus).toBe(2048);
    expect(listCopies(storage)).toEqual([]);
  });

  it('after "Replace my scenario" keeps the edited one as a dated copy, and Undo restores it', () => {
    const { scenario, applier } = setup();
    scenario.getState().setField('cluster.gpus', '2048');
    applier.getState().offer(h100, h100.name);
    applier.getState().replace();
    expect(saved().cluster.gpus).toBe(1024);
    const [copy] = listCopies(storage);
    expect(copy).toMatchObject({ of: SCENARIO_STORAGE_KEY, kind: 'replaced' });
    expect(JSON.parse(storage.getItem(copy.key)!).cluster.gpus).toBe(2048);
    const notice = useNotices.getState().notices.at(-1)!;
    expect(notice.title).toContain(copy.key);
    notice.actions!.find((a) => a.label === 'Undo')!.run();
    expect(saved().cluster.gpus).toBe(2048);
  });

  it('refuses a scenario that fails validation, naming the field, and changes nothing', () => {
    const { scenario, applier } = setup();
    expect(applier.getState().offer({ cluster: { gpus: -1 } }, 'broken')).toBe('invalid');
    expect(useNotices.getState().notices.at(-1)!.details).toEqual(['cluster.gpus: must be a positive integer, got -1']);
    expect(scenario.getState().scenario).toEqual(DEFAULT_SCENARIO);
  });
});
