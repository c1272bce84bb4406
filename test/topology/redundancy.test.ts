import { describe, expect, it } from 'vitest';
import { labCatalog } from '../fixtures/lab-catalog';
import { buildContext, type Context } from '../../src/topology/context';
import { shapeOf } from '../../src/topology/shape';
import { optimize } from '../../src/topology/optimize';
import { scenario, tier } from './helpers';

const cat = labCatalog();
const onePort100 = (gpus: number, fabric: object = {}) => scenario({ cluster: { gpus, serverProfile: 'one-port-100g' }, fabric: { maxOversubscription: 3, ...fabric } });

function ctxOf(s: ReturnType<typeof scenario>): Context {
  const c = buildContext(s, cat);
  if ('ok' in c) throw new Error(c.reason);
  return c;
}
const ft2 = (n: number, down: number, up: number) => ({ family: 'fat-tree' as const, technology: 'infiniband' as const, planes: 1, nodesPerLeafGroup: n, tiers: [tier('SW36', '36x100G', down, up), tier('SW36', '36x100G', 0)] });
const ft3 = (n: number, up: number, Sp: number, Lp: number, spineUp: number) => ({
  family: 'fat-tree' as const, technology: 'infiniband' as const, planes: 1, nodesPerLeafGroup: n, spinesPerPod: Sp, leavesPerPod: Lp,
  tiers: [tier('SW36', '36x100G', n, up), tier('SW36', '36x100G', Lp * (up / Sp), spineUp), tier('SW36', '36x100G', 0)],
});

describe('redundancy minimums', () => {
  it('spreads two leaves of 12 uplinks over two spines by default, where one spine would take all 24 links', () => {
    const s = shapeOf(ctxOf(onePort100(48)), ft2(24, 24, 12));
    if ('ok' in s) throw new Error(s.reason);
    expect(s.tiers[1].countPerPlane).toBe(2);
    expect(s.parallelLinks).toEqual([6]);
    const one = shapeOf(ctxOf(onePort100(48, { minSpinesPerPlane: 1, minUplinkSwitches: 1 })), ft2(24, 24, 12));
    if ('ok' in one) throw new Error(one.reason);
    expect(one.tiers[1].countPerPlane).toBe(1);
  });

  it('rejects a leaf with a single uplink as min-spines, and one reaching fewer uplink switches than asked as min-uplink-switches', () => {
    const single = shapeOf(ctxOf(onePort100(48)), ft2(3, 3, 1));
    expect('ok' in single && single.rule).toBe('min-spines');
    const two = shapeOf(ctxOf(onePort100(48, { minSpinesPerPlane: 1, minUplinkSwitches: 3 })), ft2(4, 4, 2));
    expect('ok' in two && two.rule).toBe('min-uplink-switches');
    expect('ok' in two && two.reason).toContain('fabric.minUplinkSwitches 3');
  });

  it('holds each pod to minSpinesPerPlane spines and each spine to minUplinkSwitches cores at three tiers', () => {
    const ctx = ctxOf(onePort100(600));
    const onePerPod = shapeOf(ctx, ft3(3, 1, 1, 18, 18));
    expect('ok' in onePerPod && onePerPod.rule).toBe('min-spines');
    const oneCore = shapeOf(ctxOf(onePort100(600, { maxOversubscription: 32, maxEndToEndOversubscription: 64 })), ft3(18, 18, 2, 2, 1));
    expect('ok' in oneCore && oneCore.rule).toBe('min-uplink-switches');
    const ok = shapeOf(ctx, ft3(18, 18, 18, 18, 18));
    if ('ok' in ok) throw new Error(ok.reason);
    expect(ok.coresPerGroup).toBeGreaterThanOrEqual(2);
  });

  it('gives every searched design with a spine tier at least two spines per plane and two uplink switches per leaf', () => {
    const r = optimize(onePort100(200, { maxOversubscription: 3 }), cat);
    if (!r.ok) throw new Error(r.reason);
    expect(r.result.candidates.length).toBeGreaterThan(0);
    for (const c of r.result.candidates) {
      if (c.tiers.length === 1) continue;
      const perPod = c.tiers.length === 3 ? c.design.spinesPerPod! : c.tiers[1].countPerPlane;
      expect(perPod).toBeGreaterThanOrEqual(2);
    }
    expect(r.result.stats.infeasibleReasons.some((x) => x.reason.startsWith('min-spines:'))).toBe(true);
  });

  it('names fabric.minSpinesPerPlane when it rejects every design, and finds that one spine would do', () => {
    const r = optimize(onePort100(60, { maxTiers: 2, minSpinesPerPlane: 40 }), cat);
    if (!r.ok) throw new Error(r.reason);
    expect(r.result.candidates).toEqual([]);
    expect(r.result.diagnosis[0].field).toBe('fabric.minSpinesPerPlane');
    expect(r.result.diagnosis[0].message).toContain('min-spines');
    expect(r.result.diagnosis.some((d) => d.fix?.startsWith('fabric.minSpinesPerPlane: 1'))).toBe(true);
  });
});
