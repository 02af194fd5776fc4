import type Docker from 'dockerode';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { PermanentError } from '../generation/errors';
import { lsTree } from '../git/gitObjects';
import { bundleCommit } from '../git/gitWorkspace';
import { containerName, labels } from '../lab/containerLabels';
import { createSealedContainer, execIn, execOk, LAB_USER, putFiles, putRootFiles, removeContainer } from '../lab/labContainer';
import { REGISTRY_TOOLS, setupRegistries, SETUP_CARGO_DIR, SETUP_PRIVATE_DIR, SETUP_SECRETS_FILE, type HostFile, type RegistryTool, type SetupRegistries } from '../lab/hostRegistries';
import { registrySources } from '../lab/registrySources';
import { redactSecrets, scannedSecrets, type Secret } from '../lab/registrySecrets';
import { registryFailure } from '../lab/registryFailure';
import { hostCaBundlePath, hostCaEnvironment, javaTrustStore, LABEL_SETUP, LABEL_SETUP_PATHS, SETUP_CHECKOUT, SETUP_HOME_SEED, SETUP_HOST_CA, SETUP_HOST_CA_JAVA, SETUP_IMAGE_REPO, SETUP_SEAL_HOME, SETUP_STRIP, setupKey, setupOutputs } from '../lab/setupSnapshot';
import { type LoomDeps } from './deps';
import { commitSource } from './labSource';
import type { ActivityScope } from '../generation/activityScope';

export interface SetupImageInput {
  /** Its image is the one the setup step builds on. */
  scope: ActivityScope;
  baseSha: string;
  /** The repository's setup command (loom.config.json "setup"). */
  setup: string;
  /** Files on the worker that replace a tool's own registry settings (loom.config.json "setupRegistries"). */
  registries?: Partial<Record<RegistryTool, string>>;
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

    const host = deps.host ?? { env: process.env, home: homedir() };
    const registries = await hostRegistries(host.env, host.home, input.registries ?? {});
    const scanned = scannedSecrets(registries.secrets);
    const name = containerName(scope.runId, 'setup');
    const dir = await mkdtemp(join(deps.tmpDir ?? tmpdir(), 'loom-setup-'));
    try {
      const bundle = join(dir, 'base.bundle');
      const [container, ref] = await Promise.all([
        createSealedContainer(deps.docker, { image: base, name, labels: labels(scope.runId, scope.generation, 'setup', scope.repoPath, deps.scope), hostNetwork: true, tmpfs: privateMounts(registries), rootMain: true, rootCapabilities: ['CHOWN', 'DAC_OVERRIDE', 'FOWNER'], limits: { memoryBytes: 4 * 1024 ** 3, nanoCpus: 2_000_000_000, pidsLimit: 1024 } }),
        bundleCommit(src, input.baseSha, `${scope.runId}-setup`, bundle),
      ]);
      await putFiles(container, '/tmp', [{ name: 'base.bundle', content: await readFile(bundle) }]);
      await execOk(container, ['bash', '-c', SETUP_CHECKOUT, 'checkout', ref, input.baseSha]);
      // The host's trusted authorities, for the setup command only: removed before the snapshot.
      const caFile = hostCaBundlePath(host.env, existsSync);
      if (caFile) {
        const pem = await readFile(caFile);
        await putRootFiles(container, posix.dirname(SETUP_HOST_CA), [
          { name: posix.basename(SETUP_HOST_CA), content: pem },
          { name: posix.basename(SETUP_HOST_CA_JAVA), content: javaTrustStore(pem.toString('utf8')) },
        ]);
      }
      // The registry settings and their secrets go into the tmpfs mounts by a command's
      // environment: a file copied in through the engine would land in the container's own
      // layer beneath the mount, where a commit takes it.
      const privateFiles = [...registries.files, ...(scanned.length ? [{ path: SETUP_SECRETS_FILE, content: `${scanned.map((x) => x.value).join('\n')}\n` }] : [])];
      for (const f of privateFiles) await execOk(container, ['bash', '-c', WRITE_PRIVATE, 'write', f.path], { env: { LOOM_CONTENT: f.content } });
      const timeoutSec = input.timeoutSec ?? DEFAULT_SETUP_TIMEOUT_SEC;
      const run = await execIn(container, ['bash', '-c', input.setup], { timeoutSec, maxOutputBytes: 16 * 1024, keepTail: true, env: { ...(caFile ? hostCaEnvironment() : {}), ...registries.env } });
      if (caFile) await execOk(container, ['rm', '-f', SETUP_HOST_CA, SETUP_HOST_CA_JAVA], { user: '0:0' });
      if (run.exitCode !== 0) {
        const why = run.timedOut || run.exitCode === 124 ? `did not finish in ${timeoutSec} s` : `failed (exit ${run.exitCode})`;
        const output = redactSecrets(`${run.stdout}\n${run.stderr}`, registries.secrets);
        const tail = output.trim().split('\n').slice(-15).join('\n');
        const registry = registryFailure(output, registries.registries);
        throw new PermanentError(
          `the setup command \`${input.setup}\` ${why} on ${input.baseSha.slice(0, 12)} in ${base}, with network: ${tail || '(no output)'}\n` +
            (registry ? `${registry}\n` : '') +
            `Fix "setup" in loom.config.json; to try it by hand: docker run --rm -it --network host -v "$PWD:/src:ro" ${base} bash`,
        );
      }
      const status = await execOk(container, ['git', 'status', '--porcelain=v1', '-z', '--ignored', '--untracked-files=normal'], { maxOutputBytes: 4 << 20 });
      const { made, changed } = setupOutputs(status);
      await execOk(container, ['bash', '-c', SETUP_STRIP]);
      await execOk(container, ['bash', '-c', SETUP_SEAL_HOME], { user: '0:0', timeoutSec: 600 });
      if (scanned.length) await refuseLeakedSecrets(container, input.setup, scanned);
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

/** Mount options of the setup's private folders: in memory, the Lab user's alone. */
const PRIVATE_TMPFS = 'rw,nosuid,nodev,noexec,size=16m,uid=1000,gid=1000,mode=0700';

function privateMounts(registries: SetupRegistries): Record<string, string> {
  const cargo = registries.files.some((f) => f.path.startsWith(`${SETUP_CARGO_DIR}/`));
  return { [SETUP_PRIVATE_DIR]: PRIVATE_TMPFS, ...(cargo ? { [SETUP_CARGO_DIR]: PRIVATE_TMPFS } : {}) };
}

/** As the Lab user: the file in $1 gets the command's LOOM_CONTENT, readable by that user alone. */
const WRITE_PRIVATE = 'umask 077; printf %s "$LOOM_CONTENT" > "$1"';
/** An environment variable holds at most 128 KiB; registry settings are far smaller. */
const MAX_PRIVATE_FILE = 100_000;

/** The host's registry settings the setup command gets: each tool's files, read on the worker, and its environment. */
async function hostRegistries(env: Record<string, string | undefined>, home: string, named: Partial<Record<RegistryTool, string>>): Promise<SetupRegistries> {
  const sources = registrySources(env, home, named, dirname(dirname(process.execPath)));
  const files: Partial<Record<RegistryTool, HostFile[]>> = {};
  for (const tool of REGISTRY_TOOLS) {
    files[tool] = [];
    for (const path of sources[tool]) {
      const text = await readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) => {
        if (named[tool]) throw new PermanentError(`"setupRegistries.${tool}" in loom.config.json names ${path}, which the worker cannot read (${err.code ?? err.message}): give the path of a file on the worker`);
        return undefined;
      });
      if (text === undefined) continue;
      if (text.length > MAX_PRIVATE_FILE) throw new PermanentError(`${path} is ${text.length} bytes, more than the ${MAX_PRIVATE_FILE} the setup step hands over: keep only the registry settings in it, or name a smaller file in "setupRegistries.${tool}" in loom.config.json`);
      files[tool].push({ path, text });
    }
  }
  return setupRegistries(files, env, named);
}

/**
 * Every file the setup made or changed outside the private mounts (and the home's seed, a
 * copy of the home), searched as root for the secrets it was given: a snapshot keeps all of
 * them, in every Lab and test run, so one that holds a secret is not made.
 */
// A find that fails (an image whose find lacks -cnewer) fails the step rather than pass unsearched; xargs's 123 is grep finding nothing.
const FIND_SECRETS = `set -o pipefail
s=${SETUP_SECRETS_FILE}
find / -xdev -path ${SETUP_HOME_SEED} -prune -o -type f -cnewer "$s" -print0 | { xargs -0 -r grep -lsF -f "$s" -- || [ $? -eq 123 ]; }`;

async function refuseLeakedSecrets(container: Docker.Container, setup: string, scanned: Secret[]): Promise<void> {
  const files = (await execOk(container, ['bash', '-c', FIND_SECRETS], { user: '0:0', timeoutSec: 600, maxOutputBytes: 64 * 1024 })).split('\n').filter(Boolean).slice(0, 20);
  if (!files.length) return;
  const found: string[] = [];
  for (const s of scanned) {
    const hits = await execIn(container, ['bash', '-c', 'grep -lsF -e "$LOOM_SECRET" -- "$@" || true', 'grep', ...files], { user: '0:0', timeoutSec: 120, maxOutputBytes: 64 * 1024, env: { LOOM_SECRET: s.value } });
    if (hits.stdout.trim()) found.push(`${s.what} (in ${redactSecrets(hits.stdout.trim(), scanned).split('\n').join(', ')})`);
  }
  throw new PermanentError(
    `the setup command \`${setup}\` left secrets of the worker's registry settings in the files it made: ${found.join('; ') || redactSecrets(files.join(', '), scanned)}. ` +
      'Every Lab and test run would start from those files, so no snapshot is made; make the setup command leave no credentials behind (a URL with its password written into an installed file, say)',
  );
}
