import type Docker from 'dockerode';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleCommit } from '../git/gitWorkspace';
import { createSealedContainer, putFiles } from '../lab/labContainer';
import { installReporters } from '../lab/verifyRun';
import { type LoomDeps } from './deps';
import { containerName, labels, type ContainerRole } from '../lab/containerLabels';
import { dependencyMounts } from '../lab/dependencyMounts';

export interface VerificationContainerSpec {
  repoPath: string;
  runId: string;
  generation: number;
  candidate?: number;
  role: ContainerRole;
  /** The local repository holding the commit (the target, or a Lab worker's mirror of the exchange). */
  source: string;
  sha: string;
  mounts?: string[];
  labImage?: string;
}

export interface VerificationContainer {
  container: Docker.Container;
  name: string;
  /** The shell step that checks the commit out in /workspace, as the Lab user, and proves it is the one asked for. */
  checkout: string;
}

/**
 * A fresh sealed container for test runs: its idle process runs as root so the Lab user can
 * be stopped between runs, Loom's reporters are in place, and the commit waits in a bundle.
 * The container starts while the bundle is written.
 */
export async function openVerificationContainer(deps: LoomDeps, spec: VerificationContainerSpec): Promise<VerificationContainer> {
  const name = containerName(spec.runId, spec.role, spec.candidate);
  const dir = await mkdtemp(join(deps.tmpDir ?? tmpdir(), `loom-${spec.role}-`));
  try {
    const bundle = join(dir, 'commit.bundle');
    const [container, ref] = await Promise.all([
      createSealedContainer(deps.docker, {
        image: spec.labImage ?? deps.labImage,
        name,
        labels: labels(spec.runId, spec.generation, spec.role, spec.repoPath, deps.scope),
        readOnlyMounts: dependencyMounts(spec.repoPath, spec.mounts),
        rootMain: true,
      }),
      bundleCommit(spec.source, spec.sha, `${spec.runId}-${spec.role}${spec.candidate ? `-c${spec.candidate}` : ''}`, bundle),
    ]);
    await Promise.all([putFiles(container, '/tmp', [{ name: 'commit.bundle', content: await readFile(bundle) }]), installReporters(container)]);
    const checkout = `git init -q && git fetch -q --no-tags /tmp/commit.bundle '${ref}:refs/heads/verify' && git checkout -q --detach ${spec.sha} && rm -f /tmp/commit.bundle && test "$(git rev-parse HEAD)" = ${spec.sha}`;
    return { container, name, checkout };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
