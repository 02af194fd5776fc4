import Docker from 'dockerode';
import { Writable } from 'node:stream';
import { PermanentError } from '../generation/errors';
import { filesOf, firstFileOf, tarOf } from './tarball';

/** The non-root user baked into the lab image. */
export const LAB_USER = '1000:1000';
export const WORKSPACE = '/workspace';

export interface ContainerLimits {
  memoryBytes: number;
  nanoCpus: number;
  pidsLimit: number;
}

export const DEFAULT_LIMITS: ContainerLimits = {
  // 2 GiB: Node gives a process about half its container's memory as heap, and type-checking
  // a mid-sized TypeScript project (Loom's own tsc --noEmit: 610 MB) needs more than 1 GiB's half.
  memoryBytes: 2 * 1024 * 1024 * 1024,
  nanoCpus: 1_000_000_000,
  pidsLimit: 256,
};

export interface SealedContainerSpec {
  image: string;
  name: string;
  labels: Record<string, string>;
  limits?: Partial<ContainerLimits>;
  /** Host folders mounted read-only, e.g. the target's installed dependencies. */
  readOnlyMounts?: Array<{ hostPath: string; containerPath: string }>;
  /**
   * Run the idle main process as root (still without capabilities), so that the Lab user
   * can kill every process of its own between test runs without stopping the container.
   * Commands are exec'd as the Lab user either way.
   */
  rootMain?: boolean;
  /** The host's network instead of loopback only: the setup step alone, which installs dependencies before anything is sealed. */
  hostNetwork?: boolean;
  /**
   * Capabilities kept for commands exec'd as root, with rootMain (the setup step's own
   * clean-up, which takes ownership of what the setup made). Processes of the Lab user
   * never hold them.
   */
  rootCapabilities?: string[];
  /** The container's host name (Docker's default is its id). */
  hostname?: string;
  /**
   * Folders that are tmpfs mounts, by path, with their mount options: what is written into them
   * by a command in the container stays out of any commit of it (the setup step's secrets).
   */
  tmpfs?: Record<string, string>;
}

// Loom's own variables, over the image's environment (its PATH, toolchains and locale stay
// as the image sets them). Nothing from the worker's environment enters a container, so no
// API key or host secret can reach Lab code.
const CONTAINER_ENV = [
  'HOME=/home/lab',
  'CI=true',
  'GIT_AUTHOR_NAME=Loom Lab',
  'GIT_AUTHOR_EMAIL=lab@loom.invalid',
  'GIT_COMMITTER_NAME=Loom Lab',
  'GIT_COMMITTER_EMAIL=lab@loom.invalid',
];

/**
 * A container with no network (loopback only, unless hostNetwork), no capabilities, no privilege escalation, a non-root
 * user and memory/CPU/pids limits. It idles until commands are exec'd into it.
 * An existing container of the same name (a crashed attempt's) is removed first.
 */
export async function createSealedContainer(docker: Docker, spec: SealedContainerSpec): Promise<Docker.Container> {
  await removeContainer(docker, spec.name);
  const limits = { ...DEFAULT_LIMITS, ...spec.limits };
  const image = await docker.getImage(spec.image).inspect().catch((err) => noSuchImage(err, spec.image));
  const container = await docker.createContainer({
    name: spec.name,
    Image: spec.image,
    Cmd: ['sleep', 'infinity'],
    User: spec.rootMain ? '0:0' : LAB_USER,
    WorkingDir: WORKSPACE,
    Env: [...CONTAINER_ENV, ...secretsBlanked(image.Config?.Env ?? [])],
    Labels: spec.labels,
    ...(spec.hostname ? { Hostname: spec.hostname } : {}),
    HostConfig: {
      // Loopback only. (NetworkDisabled would also drop /etc/hosts, and with it
      // `localhost`, which test runners resolve for their own use.)
      NetworkMode: spec.hostNetwork ? 'host' : 'none',
      CapDrop: ['ALL'],
      ...(spec.rootCapabilities?.length ? { CapAdd: spec.rootCapabilities } : {}),
      SecurityOpt: ['no-new-privileges'],
      Memory: limits.memoryBytes,
      MemorySwap: limits.memoryBytes,
      NanoCpus: limits.nanoCpus,
      PidsLimit: limits.pidsLimit,
      Init: true,
      Binds: (spec.readOnlyMounts ?? []).map((m) => `${m.hostPath}:${m.containerPath}:ro`),
      ...(spec.tmpfs ? { Tmpfs: spec.tmpfs } : {}),
    },
  }).catch((err) => noSuchImage(err, spec.image));
  await container.start();
  return container;
}

const SECRET_NAME = /(?:^|_)(?:KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIALS?|AUTH)(?:_|$)/i;

/** An image's variables that look like secrets, set empty: the Lab's code must not read a key baked into its image. */
export function secretsBlanked(imageEnv: string[]): string[] {
  return imageEnv.map((kv) => kv.slice(0, Math.max(0, kv.indexOf('=')))).filter((name) => SECRET_NAME.test(name)).map((name) => `${name}=`);
}

/** A missing image cannot appear by retrying: say which, and how to get it. */
function noSuchImage(err: unknown, image: string): never {
  if ((err as { statusCode?: number }).statusCode === 404 && /image/i.test(String((err as Error).message))) {
    throw new PermanentError(`the Lab image ${image} is not on this Docker engine: run \`npm run setup\` to build Loom's, or fix labImage in loom.config.json (LOOM_LAB_IMAGE for the worker)`);
  }
  throw err;
}

/**
 * Removes a container by name or id; absent is fine (idempotent cleanup). When a removal
 * is already under way (removeContainerSoon), it waits for that one to finish.
 */
export async function removeContainer(docker: Docker, nameOrId: string): Promise<boolean> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await docker.getContainer(nameOrId).remove({ force: true });
      return true;
    } catch (err) {
      const status = (err as { statusCode?: number }).statusCode;
      if (status === 404) return false;
      if (status !== 409 || Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/**
 * Starts removing a container and returns at once: a step whose container is done with
 * need not wait for it. cleanupGeneration, at the end of every generation, waits for
 * what is still going; after a crash the reaper removes it.
 */
export function removeContainerSoon(docker: Docker, nameOrId: string): void {
  removeContainer(docker, nameOrId).catch(() => undefined);
}

export async function containersWithLabel(docker: Docker, label: string): Promise<Docker.ContainerInfo[]> {
  return docker.listContainers({ all: true, filters: { label: [label] } });
}

export interface ExecOptions {
  timeoutSec: number;
  /** Extra environment for this command. */
  env?: Record<string, string>;
  /** The command enforces its own time limit: no `timeout` around it (the host-side timer stays). */
  ownTimeout?: boolean;
  /** Bytes kept of stdout and of stderr; the rest is dropped and reported as truncated. */
  maxOutputBytes: number;
  workdir?: string;
  /** Who runs it: the Lab user unless said otherwise (the setup step's own clean-up runs as root). */
  user?: string;
  /** Keep the tail rather than the head of long output (test runs put the summary last). */
  keepTail?: boolean;
}

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  truncated: boolean;
}

class CappedBuffer extends Writable {
  private chunks: Buffer[] = [];
  private size = 0;
  dropped = 0;
  constructor(private cap: number, private keepTail: boolean) {
    super();
  }
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    // Trim as we go so a Lab printing gigabytes cannot exhaust the worker's memory.
    if (this.size > this.cap * 2) this.trim();
    done();
  }
  private trim(): void {
    const all = Buffer.concat(this.chunks);
    if (all.length <= this.cap) return;
    this.dropped += all.length - this.cap;
    this.chunks = [this.keepTail ? all.subarray(all.length - this.cap) : all.subarray(0, this.cap)];
    this.size = this.cap;
  }
  text(): string {
    this.trim();
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

/**
 * Runs a command in the container as the Lab user under `timeout`, so a hung
 * command is killed inside the container; a host-side timer is the backstop.
 */
export async function execIn(container: Docker.Container, cmd: string[], opts: ExecOptions): Promise<ExecResult> {
  const exec = await container.exec({
    Cmd: opts.ownTimeout ? cmd : ['timeout', '-k', '5', String(opts.timeoutSec), ...cmd],
    AttachStdout: true,
    AttachStderr: true,
    User: opts.user ?? LAB_USER,
    WorkingDir: opts.workdir ?? WORKSPACE,
    ...(opts.env ? { Env: Object.entries(opts.env).map(([k, v]) => `${k}=${v}`) } : {}),
  });
  const deadline = Date.now() + (opts.timeoutSec + 15) * 1000;
  const stream = await exec.start({ hijack: true, stdin: false });
  const out = new CappedBuffer(opts.maxOutputBytes, opts.keepTail ?? false);
  const err = new CappedBuffer(opts.maxOutputBytes, opts.keepTail ?? false);
  container.modem.demuxStream(stream, out, err);
  let hostTimedOut = false;
  await new Promise<void>((resolve) => {
    let settled = false;
    const done = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(poll);
      resolve();
    };
    const timer = setTimeout(() => {
      hostTimedOut = true;
      stream.destroy();
      done();
    }, deadline - Date.now());
    // A background process the command left (`sleep 600 &`) keeps the output open after
    // the command itself has exited: stop waiting once it has, after a moment for output.
    const poll = setInterval(async () => {
      const info = await exec.inspect().catch(() => undefined);
      if (info && !info.Running) {
        setTimeout(() => {
          stream.destroy();
          done();
        }, 300);
        clearInterval(poll);
      }
    }, 250);
    stream.on('end', done);
    stream.on('close', done);
    stream.on('error', done);
  });
  // The stream's end is not the command's: a connection to the engine that drops (a restarted
  // socket proxy, a lost tunnel) ends the stream while the command runs on. The exec's own
  // state decides, read until the command ends or its time is up; an engine that does not
  // answer for 30 s fails the call, to be tried again, rather than yield a made-up exit code.
  let exitCode = -1;
  let unreachableSince: number | undefined;
  for (let polls = 0; !hostTimedOut; polls++) {
    const info = await exec.inspect().catch((e: unknown) => {
      if ((e as { statusCode?: number }).statusCode) throw e; // the engine answered: the exec is gone
      return e as Error;
    });
    if (info instanceof Error) {
      unreachableSince ??= Date.now();
      if (Date.now() - unreachableSince > 30_000) throw new Error(`the Docker engine stopped answering while \`${cmd.join(' ').slice(0, 80)}\` ran in the container (${info.message}); the step is tried again`);
    } else {
      unreachableSince = undefined;
      if (!info.Running) {
        exitCode = info.ExitCode ?? -1;
        break;
      }
    }
    if (Date.now() > deadline) {
      hostTimedOut = true;
      break;
    }
    await new Promise((r) => setTimeout(r, polls < 50 ? 20 : 250));
  }
  const timedOut = hostTimedOut || exitCode === 124 || exitCode === 137;
  return {
    exitCode,
    stdout: out.text(),
    stderr: err.text(),
    timedOut,
    truncated: out.dropped + err.dropped > 0,
  };
}

/** Like execIn, but throws with the command's output when it fails. */
export async function execOk(container: Docker.Container, cmd: string[], opts: Partial<ExecOptions> = {}): Promise<string> {
  const r = await execIn(container, cmd, { timeoutSec: 120, maxOutputBytes: 1 << 20, ...opts });
  if (r.exitCode !== 0) {
    throw new Error(`\`${cmd.join(' ')}\` failed in the container (exit ${r.exitCode}): ${(r.stderr || r.stdout).trim().slice(-2000)}`);
  }
  return r.stdout;
}

/** Copies files into the container (owned by the Lab user) under `dir`. */
export async function putFiles(container: Docker.Container, dir: string, files: Array<{ name: string; content: Buffer | string; mode?: number }>): Promise<void> {
  await container.putArchive(await tarOf(files), { path: dir });
}

/** Copies files in as root (0644 in root-owned folders): the Lab user can read them but not change them. */
export async function putRootFiles(container: Docker.Container, dir: string, files: Array<{ name: string; content: Buffer | string; mode?: number }>): Promise<void> {
  await container.putArchive(await tarOf(files, 0, 0), { path: dir });
}

/** Reads every regular file under a folder of the container, by path relative to it. */
export async function getFiles(container: Docker.Container, path: string, maxBytes: number): Promise<Record<string, Buffer>> {
  const stream = await container.getArchive({ path });
  return filesOf(stream, maxBytes);
}

/** Reads one file out of the container through the archive API. */
export async function getFile(container: Docker.Container, path: string, maxBytes: number): Promise<Buffer> {
  const stream = await container.getArchive({ path });
  return firstFileOf(stream, maxBytes);
}
