import { describe, expect, it } from 'vitest';
import { labCatalog } from '../fixtures/lab-catalog';
import { mustMaterialize, scenario, tier } from '../topology/helpers';
import { ecmpWords, failureBadge, failureWords } from '../../src/ui/resilience-view';

const cat = labCatalog();
const IB = { technology: 'infiniband' as const, planes: 1 };
const onePort400 = (gpus: number) => scenario({ cluster: { gpus, serverProfile: 'one-port-400g' } });
const twoTier = { ...IB, family: 'fat-tree' as const, nodesPerLeafGroup: 32, tiers: [tier('SW64', '64x400G', 32, 32), tier('SW64', '64x400G', 0)] };

describe('resilience words in the app', () => {
  it('badges a 2-tier design with one spine as not 1-fail safe and says which spine count is the reason', () => {
    // One spine is allowed only when the redundancy minimums are lowered to 1.
    const c = mustMaterialize(scenario({ cluster: { gpus: 64, serverProfile: 'one-port-400g' }, fabric: { minSpinesPerPlane: 1, minUplinkSwitches: 1 } }), cat, twoTier).candidate;
    expect(failureBadge(c)).toMatchObject({ text: 'not 1-fail safe', tone: 'bad' });
    expect(failureBadge(c)!.title).toContain('Each leaf reaches 1 spine');
    expect(failureWords(c)).toBe('Not safe: each leaf reaches a single spine; its failure cuts those leaves off from the rest of the fabric');
    expect(ecmpWords(c)).toBe('1,024 between two leaves (1 spine, 32 parallel links each way)');
  });

  it('badges a design with 8 spines as 1-fail safe and spells out S x c^2 paths', () => {
    const c = mustMaterialize(onePort400(512), cat, twoTier).candidate;
    expect(failureBadge(c)).toMatchObject({ text: '1-fail safe', tone: 'good' });
    expect(failureWords(c)).toMatch(/^Safe: each leaf reaches 8 spines, so losing any one spine or core/);
    expect(ecmpWords(c)).toBe('128 between two leaves (8 spines, 4 parallel links each way)');
  });

  it('calls a 1-tier design a single switch, not safe, and names the ports its failure takes', () => {
    const c = mustMaterialize(onePort400(32), cat, { ...IB, family: 'fat-tree', nodesPerLeafGroup: 32, tiers: [tier('SW64', '64x400G', 32)] }).candidate;
    expect(failureBadge(c)).toMatchObject({ text: 'single switch', tone: 'plain' });
    expect(failureWords(c)).toContain('takes all 32 GPU ports');
    expect(ecmpWords(c)).toMatch(/^No two leaves/);
  });

  it('adds the paths across pods at 3 tiers', () => {
    const c = mustMaterialize(onePort400(2048), cat, {
      ...IB, family: 'fat-tree', nodesPerLeafGroup: 32, spinesPerPod: 16, leavesPerPod: 16,
      tiers: [tier('SW64', '64x400G', 32, 32), tier('SW64', '64x400G', 32, 32), tier('SW64', '64x400G', 0)],
    }).candidate;
    expect(ecmpWords(c)).toBe('64 between two leaves of a pod (16 spines, 2 parallel links each way); 32,768 across pods (32 spine-core routes)');
  });

  it('says an older result does not report the figures', () => {
    const c = mustMaterialize(onePort400(512), cat, twoTier).candidate;
    const { singleSwitchFailureSafe: _s, ecmpPathsCrossLeaf: _e, ...older } = c.metrics;
    const old = { ...c, metrics: older };
    expect(failureBadge(old)).toBeUndefined();
    expect(failureWords(old)).toBe('not reported (older result)');
    expect(ecmpWords(old)).toBe('not reported (older result)');
  });
});
