import { beforeEach, describe, expect, it } from 'vitest';
import { ScenarioSchema } from '../../src/model/scenario';
import { useNotices } from '../../src/state/notices';
import { listCopies } from '../../src/state/saved-storage';
import { DEFAULT_SCENARIO } from '../../src/state/scenario-defaults';
import { createScenarioStore, SCENARIO_STORAGE_KEY } from '../../src/state/scenario-store';
import { createLinkOpener, decodeScenarioHash, encodeScenarioHash } from '../../src/state/share-link';
import { deflateBombLink, linkForText } from '../fuzz/hostile';
import { MemoryStorage } from './memory-storage';

describe('scenario links', () => {
  it('round-trips a scenario through a compact, URL-safe hash', async () => {
    const scenario = ScenarioSchema.parse({
      name: 'B200 pod, 2:1, refurbished OK',
      cluster: { gpus: 4096, serverProfile: 'hgx-b200-8x400g' },
      fabric: { families: ['rail-optimized'], switchModels: ['QM9700'], maxOversubscription: 2 },
      sourcing: { switch: ['oem-refurbished'], maxLeadTimeWeeks: 6 },
    });
    const hash = await encodeScenarioHash(scenario);
    expect(hash).toMatch(/^s=[A-Za-z0-9_-]+$/);
    expect(hash.length).toBeLessThan(JSON.stringify(scenario).length);
    const back = await decodeScenarioHash(`#${hash}`);
    expect(back).toEqual({ ok: true, value: scenario });
  });

  it('says there is no scenario when the hash has none', async () => {
    expect(await decodeScenarioHash('')).toBeUndefined();
    expect(await decodeScenarioHash('#tab=results')).toBeUndefined();
  });

  it('reports a damaged link instead of throwing', async () => {
    const hash = await encodeScenarioHash(DEFAULT_SCENARIO);
    const cut = await decodeScenarioHash(hash.slice(0, 20));
    expect(cut?.ok).toBe(false);
    if (cut && !cut.ok) expect(cut.problems[0].path).toBe('(link)');
  });

  it('reports an empty link (#s= or #s) as damaged instead of ignoring it', async () => {
    for (const hash of ['#s=', '#s', '#tab=results&s=']) {
      expect(await decodeScenarioHash(hash), hash).toEqual({ ok: false, problems: [{ path: '(link)', message: 'is damaged: it carries no scenario (was it cut short?)' }] });
    }
  });

  const tooLarge = { ok: false, problems: [{ path: '(link)', message: 'must hold a scenario of at most 1 MB; this one is larger, so it was not opened' }] };

  it('refuses a 1.4 MB link that would inflate to 1 GB, without inflating it', async () => {
    const bomb = deflateBombLink(1024);
    expect(bomb.length).toBeLessThan(1.5 * 1024 * 1024);
    const before = process.memoryUsage().arrayBuffers;
    expect(await decodeScenarioHash(bomb)).toEqual(tooLarge);
    expect(process.memoryUsage().arrayBuffers - before, 'memory held by the decoder').toBeLessThan(64 * 1024 * 1024);
  });

  it('stops reading an oversized link at the limit: a bomb cut short is refused as too large, not read to its end', async () => {
    // Read to the end, this link is damaged (no final block); refused as too large, the reader stopped at 1 MB.
    expect(await decodeScenarioHash(deflateBombLink(64, false))).toEqual(tooLarge);
  });

  it('opens a link just under the size limit', async () => {
    const json = JSON.stringify(DEFAULT_SCENARIO);
    const padded = json.slice(0, -1) + ' '.repeat(1024 * 1024 - json.length) + '}';
    expect(padded.length).toBe(1024 * 1024);
    expect(await decodeScenarioHash(await linkForText(padded))).toEqual({ ok: true, value: DEFAULT_SCENARIO });
    expect(await decodeScenarioHash(await linkForText(padded + ' '))).toEqual(tooLarge);
  });

  it('validates the decoded scenario', async () => {
    const bad = { ...DEFAULT_SCENARIO, cluster: { gpus: 0, serverProfile: 'x' } };
    const hash = await encodeScenarioHash(bad as never);
    const r = await decodeScenarioHash(hash);
    expect(r).toEqual({ ok: false, problems: [{ path: 'cluster.gpus', message: 'must be a positive integer, got 0' }] });
  });
});

describe('opening a shared link', () => {
  let storage: MemoryStorage;
  const linked = ScenarioSchema.parse({ cluster: { gpus: 3072, serverProfile: 'mi300x-8x400g' } });
  const setup = () => {
    const scenario = createScenarioStore(() => storage);
    return { scenario, opener: createLinkOpener(scenario, () => storage) };
  };
  const savedGpus = () => JSON.parse(storage.getItem(SCENARIO_STORAGE_KEY)!).state.scenario.cluster.gpus;
  beforeEach(() => {
    storage = new MemoryStorage();
    useNotices.getState().clear();
  });

  it('opens at once when nothing is saved yet', () => {
    const { scenario, opener } = setup();
    expect(opener.getState().offer(linked)).toBe('opened');
    expect(scenario.getState().scenario.cluster.gpus).toBe(3072);
    expect(useNotices.getState().notices[0].title).toBe('Scenario loaded from the link.');
  });

  it('asks before replacing a different saved scenario, listing what differs, and changes nothing meanwhile', () => {
    const { scenario, opener } = setup();
    scenario.getState().setField('cluster.gpus', '2048');
    expect(opener.getState().offer(linked)).toBe('asking');
    // Fields the link leaves to their defaults may differ too, depending on what the default scenario states.
    const differences = opener.getState().pending?.differences ?? [];
    expect(differences).toEqual(expect.arrayContaining([
      'cluster.gpus: 2048 → 3072',
      'cluster.serverProfile: "hgx-h100-8x400g" → "mi300x-8x400g"',
      'fabric.technologies: ["infiniband"] → ["infiniband","ethernet"]',
    ]));
    for (const line of differences) expect(line).toMatch(/^[\w.]+: \S.* → \S/);
    expect(scenario.getState().scenario.cluster.gpus).toBe(2048);
    expect(savedGpus()).toBe(2048);
  });

  it('after replacing, keeps the replaced scenario as a dated copy and Undo restores it', () => {
    const { scenario, opener } = setup();
    scenario.getState().setField('cluster.gpus', '2048');
    opener.getState().offer(linked);
    opener.getState().replace();
    expect(opener.getState().pending).toBeNull();
    expect(savedGpus()).toBe(3072);
    const [copy] = listCopies(storage);
    expect(copy).toMatchObject({ of: SCENARIO_STORAGE_KEY, kind: 'replaced' });
    expect(JSON.parse(storage.getItem(copy.key)!).cluster.gpus).toBe(2048);
    const notice = useNotices.getState().notices.at(-1)!;
    expect(notice.title).toContain(copy.key);
    notice.actions!.find((a) => a.label === 'Undo')!.run();
    expect(scenario.getState().scenario.cluster.gpus).toBe(2048);
    expect(savedGpus()).toBe(2048);
  });

  it('"Keep my scenario" leaves the saved scenario as it was', () => {
    const { scenario, opener } = setup();
    scenario.getState().setField('cluster.gpus', '2048');
    opener.getState().offer(linked);
    opener.getState().keep();
    expect(opener.getState().pending).toBeNull();
    expect(scenario.getState().scenario.cluster.gpus).toBe(2048);
    expect(listCopies(storage)).toEqual([]);
  });

  it('just opens a link that holds the saved scenario', () => {
    const { scenario, opener } = setup();
    scenario.getState().load(linked);
    expect(opener.getState().offer(linked)).toBe('same');
    expect(opener.getState().pending).toBeNull();
  });
});
