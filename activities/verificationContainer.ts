import type Docker from 'dockerode';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleCommit } from '../git/gitWorkspace';
import { createSealedContainer, execIn, putFiles } from '../lab/labContainer';
import type { Perturbation } from '../verify/perturbation';
import { installReporters } from '../lab/verifyRun';
import { type LoomDeps } from './deps';
import { containerName, labels, type ContainerRole } from '../lab/containerLabels';
import { dependencyMounts } from '../lab/dependencyMounts';
import { shellQuote } from '../lab/shellQuote';
import type { ActivityScope } from '../generation/activityScope';

export interface VerificationContainerSpec {
  scope: ActivityScope;
  role: ContainerRole;
  /** The local repository holding the commit (the target, or a Lab worker's mirror of the exchange). */
  source: string;
  sha: string;
  /** A perturbed run's container: its own host name, and the workspace at another path. */
  perturbation?: Perturbation;
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
  const name = containerName(spec.scope.runId, spec.role, spec.scope.candidate);
  const dir = await mkdtemp(join(deps.tmpDir ?? tmpdir(), `loom-${spec.role}-`));
  try {
    const bundle = join(dir, 'commit.bundle');
    const moved = spec.perturbation?.workspace;
    const mounts = dependencyMounts(spec.scope.repoPath, spec.scope.mounts).map((m) => (moved ? { ...m, containerPath: m.containerPath.replace(/^\/workspace\//, `${moved}/`) } : m));
    const [container, ref] = await Promise.all([
      createSealedContainer(deps.docker, {
        image: spec.scope.labImage ?? deps.labImage,
        name,
        labels: labels(spec.scope.runId, spec.scope.generation, spec.role, spec.scope.repoPath, deps.scope),
        readOnlyMounts: mounts,
        rootMain: true,
        ...(spec.perturbation ? { hostname: spec.perturbation.hostname } : {}),
      }),
      bundleCommit(spec.source, spec.sha, `${spec.scope.runId}-${spec.role}${spec.scope.candidate ? `-c${spec.scope.candidate}` : ''}`, bundle),
    ]);
    await Promise.all([putFiles(container, '/tmp', [{ name: 'commit.bundle', content: await readFile(bundle) }]), installReporters(container)]);
    if (moved) await moveWorkspace(container, moved);
    const checkout = `git init -q && git fetch -q --no-tags /tmp/commit.bundle '${ref}:refs/heads/verify' && git checkout -q --detach ${spec.sha} && rm -f /tmp/commit.bundle && test "$(git rev-parse HEAD)" = ${spec.sha}`;
    return { container, name, checkout };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Moves what the image keeps in /workspace (the setup step's installed folders) to another
 * path, which the Lab user may write: the folder is made by root (the only one who may
 * write to /), and the entries are moved by the Lab user, who owns them. /workspace stays,
 * empty. git is told to trust the folder (perturbedRun.ts), which root owns.
 */
async function moveWorkspace(container: Docker.Container, to: string): Promise<void> {
  const q = shellQuote;
  const parent = to.slice(0, to.lastIndexOf('/')) || '/';
  // Root makes both (the engine may already have made the folder, as root, for a dependency
  // mount inside it) and opens them to the Lab user; root has no CAP_CHOWN here to give them away.
  const made = await execIn(container, ['sh', '-c', `mkdir -p ${q(to)} && chmod 1777 ${q(parent)} && chmod 0777 ${q(to)}`], { timeoutSec: 30, user: '0:0', workdir: '/', maxOutputBytes: 16 * 1024 });
  if (made.exitCode !== 0) throw new Error(`could not make the perturbed run's workspace ${to}: ${made.stderr.trim()}`);
  const mv = await execIn(container, ['bash', '-c', `shopt -s dotglob nullglob && for f in /workspace/*; do [ -e ${q(to)}/"$(basename "$f")" ] || mv "$f" ${q(to)}/ || exit 1; done`], { timeoutSec: 300, workdir: '/', maxOutputBytes: 16 * 1024 });
  if (mv.exitCode !== 0) throw new Error(`could not move the workspace to ${to}: ${mv.stderr.trim()}`);
}
