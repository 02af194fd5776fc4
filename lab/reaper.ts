import type Docker from 'dockerode';
import { deleteTempRefs } from '../git/gitWorkspace';
import { LABEL_REPO, LABEL_RUN, LABEL_SCOPE } from './containerLabels';
import { containersWithLabel, removeContainer } from './labContainer';

export interface ReapResult {
  removed: string[];
  kept: string[];
}

/**
 * Removes Loom containers (and their temporary refs) that no running workflow owns.
 * Every container carries the id of the workflow that made it, so ownership is a
 * question to Temporal, not a guess. Young containers are spared: their workflow
 * may only just be starting. Containers made for another Temporal server or namespace
 * (one Docker engine can serve several) are not this reaper's to judge.
 */
export async function reapOrphans(docker: Docker, isRunning: (workflowId: string) => Promise<boolean>, graceMs = 60_000, now = Date.now(), scope?: string): Promise<ReapResult> {
  const result: ReapResult = { removed: [], kept: [] };
  const owners = new Map<string, boolean>();
  for (const c of await containersWithLabel(docker, LABEL_RUN)) {
    const run = c.Labels[LABEL_RUN]!;
    const theirs = c.Labels[LABEL_SCOPE];
    if (scope && theirs && theirs !== scope) continue;
    const name = c.Names[0]?.replace(/^\//, '') ?? c.Id;
    if (now - c.Created * 1000 < graceMs) {
      result.kept.push(name);
      continue;
    }
    if (!owners.has(run)) owners.set(run, await isRunning(run));
    if (owners.get(run)) {
      result.kept.push(name);
      continue;
    }
    await removeContainer(docker, c.Id);
    const repo = c.Labels[LABEL_REPO];
    if (repo) await deleteTempRefs(repo, run).catch(() => 0);
    result.removed.push(name);
  }
  return result;
}
