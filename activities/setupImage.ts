import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { PermanentError } from '../generation/errors';
import { lsTree } from '../git/gitObjects';
import { bundleCommit } from '../git/gitWorkspace';
import { containerName, labels } from '../lab/containerLabels';
import { createSealedContainer, execIn, execOk, LAB_USER, putFiles, putRootFiles, removeContainer } from '../lab/labContainer';
import { hostCaBundlePath, hostCaEnvironment, LABEL_SETUP, LABEL_SETUP_PATHS, SETUP_CHECKOUT, SETUP_HOST_CA, SETUP_IMAGE_REPO, SETUP_SEAL_HOME, SETUP_STRIP, setupKey, setupOutputs } from '../lab/setupSnapshot';
import { type LoomDeps } from './deps';
import { commitSource } from './labSource';
import type { ActivityScope } from '../generation/activityScope';

export interface SetupImageInput {
  /** Its image is the one the setup step builds on. */
  scope: ActivityScope;
  baseSha: string;
  /** The repository's setup command (loom.config.json "setup"). */
  setup: string;
  timeoutSec?: number;
}

export interface SetupImageResult {
  /** The snapshot every later container of the generation starts from. */
  image: string;
  /** Found already made for the same command, image and dependency files. */
  reused: boolean;
  /** What the setup made in the workspace (folders end in "/"): kept out of the Lab's commits. */
  paths: string[];
  /** The files the key was made from (lockfiles and manifests at the base). */
  inputs: string[];
  /** Tracked files the setup command modified; the snapshot keeps none of them. */
  changed: string[];
  durationMs: number;
}

export const DEFAULT_SETUP_TIMEOUT_SEC = 1800;

/**
 * The setup step: the repository's setup command runs once on the base, as the Lab user,
 * in a container that may reach the network (package registries), and the result is
 * committed as an image. The Lab and every verification run then start from that image
 * with no network, their dependencies writable and gone with each container. A snapshot
 * made for the same key is reused.
 */
export function makeSetupImage(deps: LoomDeps) {
  return async function setupImage(input: SetupImageInput): Promise<SetupImageResult> {
    const started = Date.now();
    const { scope } = input;
    const base = scope.labImage ?? deps.labImage;
    const baseImage = await deps.docker.getImage(base).inspect().catch(() => {
      throw new PermanentError(`the Lab image ${base} is not on this Docker engine: run \`npm run setup\` to build Loom's, or fix labImage in loom.config.json`);
    });
    const src = await commitSource(deps, scope, 'base');
    const { key, inputs } = setupKey(input.setup, baseImage.Id, await lsTree(src, input.baseSha));
    const image = `${SETUP_IMAGE_REPO}:${key}`;
    const existing = await deps.docker.getImage(image).inspect().catch(() => undefined);
    if (existing) {
      const paths = JSON.parse(Buffer.from(existing.Config?.Labels?.[LABEL_SETUP_PATHS] ?? '', 'base64url').toString() || '[]') as string[];
      return { image, reused: true, paths, inputs, changed: [], durationMs: Date.now() - started };
    }

    const name = containerName(scope.runId, 'setup');
    const dir = await mkdtemp(join(deps.tmpDir ?? tmpdir(), 'loom-setup-'));
    try {
      const bundle = join(dir, 'base.bundle');
      const [container, ref] = await Promise.all([
        createSealedContainer(deps.docker, { image: base, name, labels: labels(scope.runId, scope.generation, 'setup', scope.repoPath, deps.scope), hostNetwork: true, rootMain: true, rootCapabilities: ['CHOWN', 'DAC_OVERRIDE', 'FOWNER'], limits: { memoryBytes: 4 * 1024 ** 3, nanoCpus: 2_000_000_000, pidsLimit: 1024 } }),
        bundleCommit(src, input.baseSha, `${scope.runId}-setup`, bundle),
      ]);
      await putFiles(container, '/tmp', [{ name: 'base.bundle', content: await readFile(bundle) }]);
      await execOk(container, ['bash', '-c', SETUP_CHECKOUT, 'checkout', ref, input.baseSha]);
      // The host's trusted authorities, for the setup command only: removed before the snapshot.
      const caFile = hostCaBundlePath(process.env, existsSync);
      if (caFile) await putRootFiles(container, posix.dirname(SETUP_HOST_CA), [{ name: posix.basename(SETUP_HOST_CA), content: await readFile(caFile) }]);
      const timeoutSec = input.timeoutSec ?? DEFAULT_SETUP_TIMEOUT_SEC;
      const run = await execIn(container, ['bash', '-c', input.setup], { timeoutSec, maxOutputBytes: 16 * 1024, keepTail: true, ...(caFile ? { env: hostCaEnvironment() } : {}) });
      if (caFile) await execOk(container, ['rm', '-f', SETUP_HOST_CA], { user: '0:0' });
      if (run.exitCode !== 0) {
        const why = run.timedOut || run.exitCode === 124 ? `did not finish in ${timeoutSec} s` : `failed (exit ${run.exitCode})`;
        const tail = `${run.stdout}\n${run.stderr}`.trim().split('\n').slice(-15).join('\n');
        throw new PermanentError(
          `the setup command \`${input.setup}\` ${why} on ${input.baseSha.slice(0, 12)} in ${base}, with network: ${tail || '(no output)'}\n` +
            `Fix "setup" in loom.config.json; to try it by hand: docker run --rm -it --network host -v "$PWD:/src:ro" ${base} bash`,
        );
      }
      const status = await execOk(container, ['git', 'status', '--porcelain=v1', '-z', '--ignored', '--untracked-files=normal'], { maxOutputBytes: 4 << 20 });
      const { made, changed } = setupOutputs(status);
      await execOk(container, ['bash', '-c', SETUP_STRIP]);
      await execOk(container, ['bash', '-c', SETUP_SEAL_HOME], { user: '0:0', timeoutSec: 600 });
      await container.commit({
        repo: SETUP_IMAGE_REPO,
        tag: key,
        comment: `loom setup: ${input.setup}`,
        // One instruction per value (the engine reads repeated `changes`); the paths go base64url-encoded, so no quoting can break the label.
        changes: [`LABEL ${LABEL_SETUP}=${key}`, `LABEL ${LABEL_SETUP_PATHS}=${Buffer.from(JSON.stringify(made)).toString('base64url')}`, `USER ${LAB_USER}`, 'CMD ["sleep", "infinity"]'],
      } as never);
      return { image, reused: false, paths: made, inputs, changed, durationMs: Date.now() - started };
    } finally {
      await removeContainer(deps.docker, name).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    }
  };
}
