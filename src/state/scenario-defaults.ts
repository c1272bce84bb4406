import { FAMILIES } from '../model/common';
import { ScenarioSchema, type Scenario } from '../model/scenario';

/** What a first visit shows: a 1,024-GPU H100 cluster on non-blocking InfiniBand, every family. */
export const DEFAULT_SCENARIO: Scenario = ScenarioSchema.parse({
  schemaVersion: 1,
  cluster: { gpus: 1024, serverProfile: 'hgx-h100-8x400g' },
  fabric: { technologies: ['infiniband'], families: [...FAMILIES], maxTiers: 3, planes: [1], maxOversubscription: 1 },
});
