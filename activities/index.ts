import { checkChange } from './checkChange';
import { makeCleanupGeneration } from './cleanupGeneration';
import type { LoomDeps } from './deps';
import { makeFetchBranch } from './fetchBranch';
import { makeLlmReview } from './llmReview';
import { promote } from './promote';
import { recordGeneration } from './recordGeneration';
import { makeReflect } from './reflect';
import { resolveBase } from './resolveBase';
import { makeRunTests } from './runTests';
import { makeSpawnLab } from './spawnLab';

export type { LoomDeps } from './deps';

/** The generation's activities, bound to their dependencies. */
export function createActivities(deps: LoomDeps) {
  return {
    reflect: makeReflect(deps),
    resolveBase,
    spawnLab: makeSpawnLab(deps),
    fetchBranch: makeFetchBranch(deps),
    runTests: makeRunTests(deps),
    checkChange,
    llmReview: makeLlmReview(deps),
    promote,
    cleanupGeneration: makeCleanupGeneration(deps),
    recordGeneration,
  };
}

export type LoomActivities = ReturnType<typeof createActivities>;
