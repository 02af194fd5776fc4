import { simpleGit } from 'simple-git';
import { BUNDLE_TMP_REF_PREFIX } from '../git/gitWorkspace';
import { containersWithLabel, removeContainer } from '../lab/labContainer';
import { LABEL_RUN, type LoomDeps } from './deps';

export interface CleanupInput {
  repoPath: string;
  runId: string;
}

/** Removes whatever a generation may have left: its containers and temporary refs. */
export function makeCleanupGeneration(deps: LoomDeps) {
  return async function cleanupGeneration(input: CleanupInput): Promise<{ containersRemoved: number }> {
    const found = await containersWithLabel(deps.docker, `${LABEL_RUN}=${input.runId}`);
    for (const c of found) await removeContainer(deps.docker, c.Id);
    try {
      const g = simpleGit(input.repoPath);
      const refs = await g.raw(['for-each-ref', '--format=%(refname)', BUNDLE_TMP_REF_PREFIX]);
      const safeId = input.runId.replace(/[^A-Za-z0-9._-]/g, '_');
      for (const ref of refs.split('\n').filter((r) => r.startsWith(`${BUNDLE_TMP_REF_PREFIX}${safeId}-`))) {
        await g.raw(['update-ref', '-d', ref]);
      }
    } catch {
      // The repository may be the reason the generation failed; containers are what matter.
    }
    return { containersRemoved: found.length };
  };
}
