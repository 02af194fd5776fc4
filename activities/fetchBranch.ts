import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PermanentError } from '../generation/errors';
import { diffStat, fetchBundle, isAncestor, refSha } from '../git/gitWorkspace';
import { execOk, getFile, removeContainerSoon } from '../lab/labContainer';
import { exchangeRef, fetchFromExchange } from '../git/exchange';
import type { ActivityScope } from '../generation/activityScope';
import type { LoomDeps } from './deps';

export interface FetchBranchInput {
  /** With an exchange (the Lab worked apart), the commit waits there, not in a container here. */
  scope: ActivityScope;
  container: string;
  labBranch: string;
  baseSha: string;
  labSha: string;
}

export interface FetchBranchResult {
  labSha: string;
  hostRef: string;
  /** `git diff --stat` of the change, source files only. */
  diffStat: string;
  durationMs: number;
}

const MAX_BUNDLE_BYTES = 1 << 30;

/**
 * Brings the Lab's branch to the host repository as a git bundle copied out through
 * the Docker API (a branch left in the container's clone would be lost with it), checks
 * it is the SHA the Lab reported and that it builds on the base, then removes the Lab container.
 */
export function makeFetchBranch(deps: LoomDeps) {
  return async function fetchBranch(input: FetchBranchInput): Promise<FetchBranchResult> {
    const started = Date.now();
    const { scope } = input;
    const hostRef = `refs/heads/${input.labBranch}`;
    // A retry after a crash may find the work already done.
    if ((await refSha(scope.repoPath, hostRef)) !== input.labSha) {
      const sha = scope.exchange
        ? await fetchFromExchange(scope.repoPath, scope.exchange, exchangeRef(scope.runId, 'lab', scope.candidate), hostRef)
        : await copyBranchOut(deps, input.container, input.labBranch, scope.repoPath, hostRef, input.baseSha);
      if (sha !== input.labSha) {
        throw new PermanentError(`${input.labBranch} arrived at ${sha} but the Lab reported ${input.labSha}`);
      }
    }
    if (!(await isAncestor(scope.repoPath, input.baseSha, input.labSha))) {
      throw new PermanentError(`${input.labBranch} (${input.labSha.slice(0, 12)}) does not build on the base ${input.baseSha.slice(0, 12)}: the Lab rewrote history`);
    }
    if (!scope.exchange) removeContainerSoon(deps.docker, input.container);
    const stat = await diffStat(scope.repoPath, input.baseSha, input.labSha);
    return { labSha: input.labSha, hostRef, diffStat: stat, durationMs: Date.now() - started };
  };
}

/**
 * Copies a branch out of a Lab container as a git bundle, through the Docker API, into
 * `repoPath` as `dstRef`; returns the SHA that arrived.
 */
export async function copyBranchOut(deps: LoomDeps, containerName: string, branch: string, repoPath: string, dstRef: string, baseSha?: string): Promise<string> {
  const container = deps.docker.getContainer(containerName);
  let bundle: Buffer;
  try {
    // Only the Lab's commits when the host has the base (a long history stays put); the
    // whole branch when there are none, since git will not write an empty bundle.
    const bundleArgs = baseSha
      ? ['bash', '-c', 'git bundle create -q /tmp/lab.bundle "^$1" "$2" 2>/dev/null || git bundle create -q /tmp/lab.bundle "$2"', 'bundle', baseSha, branch]
      : ['git', 'bundle', 'create', '-q', '/tmp/lab.bundle', branch];
    await execOk(container, bundleArgs);
    bundle = await getFile(container, '/tmp/lab.bundle', MAX_BUNDLE_BYTES);
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) {
      throw new PermanentError(`the Lab container ${containerName} is gone and ${branch} never reached the host; run the generation again`);
    }
    throw err;
  }
  const dir = await mkdtemp(join(deps.tmpDir ?? tmpdir(), 'loom-fetch-'));
  try {
    const file = join(dir, 'lab.bundle');
    await writeFile(file, bundle).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOSPC') throw err;
      // Retryable: space may be freed; the Lab container and its branch wait.
      throw new Error(`no space left on the host in ${dir} for the ${bundle.length}-byte bundle of ${branch}: free disk space (or set TMPDIR elsewhere) and run the generation again`);
    });
    return await fetchBundle(repoPath, file, `refs/heads/${branch}`, dstRef);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
