import { FAMILIES } from '../model/common';
import { ScenarioSchema, type Scenario } from '../model/scenario';

/**
 * What a first visit shows: a 1,024-GPU H100 cluster on InfiniBand, every family. Plane counts and
 * oversubscription are left out, so they follow the cluster size (one plane, non-blocking here).
 */
export const DEFAULT_SCENARIO: Scenario = ScenarioSchema.parse({
  schemaVersion: 1,
  cluster: { gpus: 1024, serverProfile: 'hgx-h100-8x400g' },
  fabric: { technologies: ['infiniband'], families: [...FAMILIES], maxTiers: 3 },
});
