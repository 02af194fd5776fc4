import { makeCleanupGeneration } from './cleanupGeneration';
import type { LoomDeps } from './deps';
import { makeFetchBranch } from './fetchBranch';
import { makeLlmReview } from './llmReview';
import { promote } from './promote';
import { makeRunTests } from './runTests';
import { makeSpawnLab } from './spawnLab';

export type { LoomDeps } from './deps';

/** The generation's activities, bound to their dependencies. */
export function createActivities(deps: LoomDeps) {
  return {
    spawnLab: makeSpawnLab(deps),
    fetchBranch: makeFetchBranch(deps),
    runTests: makeRunTests(deps),
    llmReview: makeLlmReview(deps),
    promote,
    cleanupGeneration: makeCleanupGeneration(deps),
  };
}

export type LoomActivities = ReturnType<typeof createActivities>;
