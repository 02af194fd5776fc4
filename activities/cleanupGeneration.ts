import { deleteExchangeRefs } from '../git/exchange';
import { deleteTempRefs } from '../git/gitWorkspace';
import { containersWithLabel, removeContainer } from '../lab/labContainer';
import { type LoomDeps } from './deps';
import { LABEL_RUN } from '../lab/containerLabels';

export interface CleanupInput {
  repoPath: string;
  runId: string;
  exchange?: string;
  /** 'lab' on a Lab worker apart from Prime: its containers only; the repository is not here. */
  side?: 'lab' | 'prime';
}

/** Removes whatever a generation may have left: its containers and temporary refs. */
export function makeCleanupGeneration(deps: LoomDeps) {
  return async function cleanupGeneration(input: CleanupInput): Promise<{ containersRemoved: number }> {
    const found = await containersWithLabel(deps.docker, `${LABEL_RUN}=${input.runId}`);
    // Together: some may already be on their way out (removeContainerSoon).
    await Promise.all(found.map((c) => removeContainer(deps.docker, c.Id)));
    if (input.side === 'lab') return { containersRemoved: found.length };
    // The repository may be the reason the generation failed; containers are what matter.
    await deleteTempRefs(input.repoPath, input.runId).catch(() => 0);
    if (input.exchange) await deleteExchangeRefs(input.repoPath, input.exchange, input.runId).catch(() => 0);
    return { containersRemoved: found.length };
  };
}
