import { describe, expect, it } from 'vitest';
import { labCatalog } from '../fixtures/lab-catalog';
import { buildContext, type Context } from '../../src/topology/context';
import { enumerateDesigns } from '../../src/topology/enumerate';
import { shapeOf } from '../../src/topology/shape';
import { optimize } from '../../src/topology/optimize';
import { reservedPorts } from '../../src/topology/limits';
import { mustMaterialize, scenario, tier } from './helpers';

const cat = labCatalog();
const onePort100 = (gpus: number, fabric: object = {}) => scenario({ cluster: { gpus, serverProfile: 'one-port-100g' }, fabric: { maxOversubscription: 3, ...fabric } });
function ctxOf(s: ReturnType<typeof scenario>): Context {
  const c = buildContext(s, cat);
  if ('ok' in c) throw new Error(c.reason);
  return c;
}
const ft2 = (n: number, down: number, up: number) => ({ family: 'fat-tree' as const, technology: 'infiniband' as const, planes: 1, nodesPerLeafGroup: n, tiers: [tier('SW36', '36x100G', down, up), tier('SW36', '36x100G', 0)] });

describe('spare ports', () => {
  it('reserves ceil(radix x pct / 100) ports: 4 of 36 at 10%, none at 0', () => {
    expect(reservedPorts(36, 10)).toBe(4);
    expect(reservedPorts(64, 12.5)).toBe(8);
    expect(reservedPorts(36, 0)).toBe(0);
  });

  it('never wires a leaf beyond its radix less the reserved ports, and says which setting holds them', () => {
    const ctx = ctxOf(onePort100(48, { sparePortsPct: { leaf: 10 } }));
    for (const d of enumerateDesigns(ctx)) expect(d.tiers[0].downPorts + d.tiers[0].upPorts).toBeLessThanOrEqual(32);
    const full = shapeOf(ctx, ft2(24, 24, 12));
    expect('ok' in full && full.rule).toBe('port-budget');
    expect('ok' in full && full.reason).toContain('4 of its 36 kept spare by fabric.sparePortsPct.leaf');
    expect('ok' in shapeOf(ctx, ft2(24, 24, 8))).toBe(false); // 24 down and 8 up fit the 32 ports it may wire
  });

  it('shrinks the space when ports are kept spare', () => {
    const count = (s: ReturnType<typeof scenario>) => { let n = 0; for (const _ of enumerateDesigns(ctxOf(s))) n++; return n; };
    expect(count(onePort100(200, { sparePortsPct: { leaf: 25, spine: 25 } }))).toBeLessThan(count(onePort100(200)));
  });

  it('reports reserved ports per switch, counts them in utilization and not as free ports', () => {
    const s = onePort100(48, { sparePortsPct: { leaf: 10, spine: 20 } });
    const m = mustMaterialize(s, cat, ft2(16, 16, 8));
    const [leaf, spine] = m.candidate.tiers;
    expect(leaf.reservedPortsPerSwitch).toBe(4);
    expect(leaf.freePortsPerSwitch).toBe(36 - 16 - 8 - 4);
    expect(spine.reservedPortsPerSwitch).toBe(8);
    expect(spine.freePortsPerSwitch).toBe(36 - spine.downPorts - 8);
    expect(m.candidate.metrics.portsTotal).toBe((leaf.count + spine.count) * 36);
    expect(m.candidate.metrics.portsUsed).toBe(48 + 2 * 3 * 8);
    // Growth stops at the wired ports: a spine takes at most 28 leaves, not 36.
    expect(m.candidate.metrics.growthHeadroomEndpoints).toBe(28 * 16 - 48);
  });

  it('counts the spare ports in the before-search bound: 34 nodes do not fit one 36-port switch that keeps 4 free', () => {
    const r = optimize(onePort100(34, { maxTiers: 1, sparePortsPct: { leaf: 10, spine: 10, core: 10 } }), cat);
    if (!r.ok) throw new Error(r.reason);
    expect(r.result.candidates).toEqual([]);
    expect(r.result.diagnosis[0].field).toBe('fabric.maxTiers');
    expect(r.result.diagnosis[0].message).toContain('36-port SW36, with fabric.sparePortsPct keeping 4 of its ports free, connect at most 32');
  });

  it('finds designs whose every switch keeps its spare ports free', () => {
    const r = optimize(onePort100(300, { sparePortsPct: { leaf: 10, spine: 10, core: 10 } }), cat);
    if (!r.ok) throw new Error(r.reason);
    expect(r.result.candidates.length).toBeGreaterThan(0);
    for (const c of r.result.candidates) for (const t of c.tiers) {
      expect(t.reservedPortsPerSwitch).toBe(4);
      expect(t.downPorts + t.upPorts).toBeLessThanOrEqual(32);
    }
  });
});
