import { describe, expect, it } from 'vitest';
import { ScenarioSchema } from '../../src/model/scenario';
import { DEFAULT_SCENARIO } from '../../src/state/scenario-defaults';
import { decodeScenarioHash, encodeScenarioHash } from '../../src/state/share-link';

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

  it('validates the decoded scenario', async () => {
    const bad = { ...DEFAULT_SCENARIO, cluster: { gpus: 0, serverProfile: 'x' } };
    const hash = await encodeScenarioHash(bad as never);
    const r = await decodeScenarioHash(hash);
    expect(r).toEqual({ ok: false, problems: [{ path: 'cluster.gpus', message: 'must be a positive integer, got 0' }] });
  });
});
