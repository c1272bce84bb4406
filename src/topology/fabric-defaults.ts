// The fabric defaults that grow with the cluster, like the floor: the plane counts searched and,
// only when no plane count connects the cluster non-blocking, the oversubscription cap. A scenario
// that sets a field keeps it. Resolved once in buildContext, before either engine builds its
// tables, so the reference and the kernel search the same space; echoed in the result.
import type { Context } from './context';
import type { ResolvedFabric } from './floor-defaults';
import { fabricVariants } from './enumerate';
import { limitsOf } from './diagnose';

export const FABRIC_DEFAULTED_FIELDS = ['planes', 'maxOversubscription'] as const;
export type FabricDefaultedField = (typeof FABRIC_DEFAULTED_FIELDS)[number];

/** The fabric fields the search assumes, with the ones that came from defaults. */
export interface FabricDefaults {
  planes: number[];
  maxOversubscription: number;
  defaulted: FabricDefaultedField[];
}

/** Plane counts a NIC port may split into (the schema's choices). */
const PLANE_SPLITS = [2, 4, 8];
/**
 * Per-tier (and, left out, end-to-end) ratios tried when no plane count connects the cluster
 * non-blocking: the smallest that fits is the default. Only 800G-NIC clusters past what 3 tiers of
 * the catalog's largest switches connect non-blocking need it (e.g. more than 746,496 HGX B300
 * GPUs: 3 tiers of 144-port Q3400 at 800G, and no 400G switch of more than 128 ports for 2 planes).
 */
export const OVERSUBSCRIPTION_STEPS = [2, 3, 4, 8];

const withFabric = (ctx: Context, fabric: ResolvedFabric): Context => ({ ...ctx, scenario: { ...ctx.scenario, fabric } });

/**
 * Resolves `planes` and `maxOversubscription` for a context built with the provisional values
 * ([1] and 1 where the scenario left them out): [1] while one plane connects the cluster, else
 * [1, P] with the fewest planes P the NIC runs at whose per-plane fabric the allowed switches
 * connect within the allowed tiers (diagnose.ts limitsOf); non-blocking unless no plane count
 * does (and both fields are left out). When nothing fits, the provisional values stay and the
 * diagnosis says why.
 */
export function resolveFabricDefaults(ctx: Context): FabricDefaults {
  const given = ctx.input.fabric;
  const defaulted: FabricDefaultedField[] = [];
  if (given.planes === undefined) defaulted.push('planes');
  if (given.maxOversubscription === undefined) defaulted.push('maxOversubscription');
  const provisional = ctx.scenario.fabric;
  const keep = { planes: provisional.planes, maxOversubscription: provisional.maxOversubscription, defaulted };
  if (defaulted.length === 0) return keep;

  const nic = ctx.profile.nicGbps;
  const runs = (P: number) => nic % P === 0 && provisional.technologies.some((t) => ctx.profile.linkSpeeds[t].includes(nic / P));
  // A pinned plane count is the one searched when fabric.planes is left out.
  const pinned = given.pin?.planes;
  const planeChoices = given.planes !== undefined ? [given.planes] : pinned !== undefined ? [[pinned]] : [[1], ...PLANE_SPLITS.filter(runs).map((P) => [1, P])];
  // Oversubscription grows only when the plane counts are left out too: a scenario that pins its
  // planes and says nothing of oversubscription means non-blocking, and is told what to change.
  const ratios = given.maxOversubscription !== undefined ? [given.maxOversubscription]
    : given.planes === undefined ? [1, ...OVERSUBSCRIPTION_STEPS] : [1];
  for (const maxOversubscription of ratios) {
    for (const planes of planeChoices) {
      // Only the added plane count has to fit: [1] was tried on its own first.
      const added = planes.length > 1 && given.planes === undefined && pinned === undefined ? [planes[planes.length - 1]] : planes;
      const trial = withFabric(ctx, { ...provisional, planes: added, maxOversubscription });
      const variants = fabricVariants(trial);
      if (variants.length > 0 && limitsOf(trial, variants).fits) return { planes, maxOversubscription, defaulted };
    }
  }
  return keep;
}
