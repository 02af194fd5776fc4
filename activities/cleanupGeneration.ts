import { deleteExchangeRefs } from '../git/exchange';
import { deleteTempRefs } from '../git/gitWorkspace';
import { containersWithLabel, removeContainer } from '../lab/labContainer';
import type { ActivityScope } from '../generation/activityScope';
import { type LoomDeps } from './deps';
import { LABEL_RUN } from '../lab/containerLabels';

export interface CleanupInput {
  scope: ActivityScope;
  /** 'lab' on a Lab worker apart from Prime: its containers only; the repository is not here. */
  side?: 'lab' | 'prime';
}

/** Removes whatever a generation may have left: its containers and temporary refs. */
export function makeCleanupGeneration(deps: LoomDeps) {
  return async function cleanupGeneration(input: CleanupInput): Promise<{ containersRemoved: number }> {
    const { scope } = input;
    const found = await containersWithLabel(deps.docker, `${LABEL_RUN}=${scope.runId}`);
    // Together: some may already be on their way out (removeContainerSoon).
    await Promise.all(found.map((c) => removeContainer(deps.docker, c.Id)));
    if (input.side === 'lab') return { containersRemoved: found.length };
    // The repository may be the reason the generation failed; containers are what matter.
    await deleteTempRefs(scope.repoPath, scope.runId).catch(() => 0);
    if (scope.exchange) await deleteExchangeRefs(scope.repoPath, scope.exchange, scope.runId).catch(() => 0);
    return { containersRemoved: found.length };
  };
}
