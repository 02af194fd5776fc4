import Anthropic from '@anthropic-ai/sdk';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, type Worker } from '@temporalio/worker';
import Docker from 'dockerode';
import { execFileSync, execSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleGit } from 'simple-git';
import { inject } from 'vitest';
import { createActivities, type LoomDeps } from '../../activities';
import { createExampleRepo } from '../../client/exampleRepo';
import { startGeneration } from '../../client/generations';
import { loopStatus, startLoop } from '../../client/loops';
import type { LoopInput, LoopResult, LoopStatus } from '../../workflows/loop';
import type { GenerationRecord, GenerationRequest } from '../../generation/recordTypes';
import type { ModelSettings, VerificationSettings, WorkSettings } from '../../config/workSettings';
import type { ModelScript } from '../../model/modelScript';
import { startScriptedModelServer, type ScriptedModelServer } from '../../model/scriptedModelServer';
import { createLoomWorker, scopeOf } from '../../worker/worker';
import { LOOM_ROOT } from '../../provision/state';
import { LABEL_ROLE, LABEL_RUN } from '../../lab/containerLabels';

const env = inject('integration');

// Worker chatter hides test output; warnings and errors still show.
Runtime.install({ logger: new DefaultLogger('WARN') });

/** Integration tests run only with real Temporal and Docker; outside CI they may skip, loudly. */
export const integrationReady = env.ready;
export const skipReason = env.ready ? '' : env.reason;

export function ready() {
  if (!env.ready) throw new Error(env.reason);
  return env;
}

export const docker = new Docker();

/** Model settings that send Prime and the Lab to a scripted server's two channels. */
export function scriptedModels(model: ScriptedModelServer): ModelSettings {
  return {
    prime: { model: 'claude-sonnet-4-6', baseURL: model.baseUrl('prime') },
    lab: { model: 'claude-opus-4-6', baseURL: model.baseUrl('lab') },
  };
}

/** The loom command as a person runs it; exit code and all it printed. */
export function runLoom(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(join(LOOM_ROOT, 'bin', 'loom'), args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    // 'close', not 'exit': the pipes may still hold output when the process has exited.
    child.on('close', (code) => resolve({ code: code ?? -1, out }));
  });
}

export function depsFor(labImage: string, maxRetries = 0, timeoutMs?: number): LoomDeps {
  return {
    docker,
    labImage,
    // No SDK retries by default, so a script's steps map one to one onto requests.
    anthropicFor: (_role, model) => new Anthropic({ apiKey: 'scripted-test-key', baseURL: model.baseURL, maxRetries, timeout: timeoutMs }),
    testTimeoutSec: 120,
  };
}

export interface Harness {
  client: Client;
  taskQueue: string;
  deps: LoomDeps;
  activities: ReturnType<typeof createActivities>;
  close(): Promise<void>;
}

/** A real worker on its own task queue against the shared dev server. */
export async function startHarness(name: string, opts: { maxRetries?: number; tmpDir?: string; modelTimeoutMs?: number; docker?: Docker; host?: LoomDeps['host'] } = {}): Promise<Harness> {
  const e = ready();
  const taskQueue = `test-${name}-${process.pid}-${Date.now()}`;
  const nativeConnection = await NativeConnection.connect({ address: e.temporalAddress });
  // Its containers carry its server's scope, as a worker's do: a worker of another server on
  // the same Docker engine (another suite running at the same time) leaves them alone.
  const deps = { ...depsFor(e.labImage, opts.maxRetries, opts.modelTimeoutMs), tmpDir: opts.tmpDir, scope: scopeOf({ address: e.temporalAddress, namespace: 'default' }), ...(opts.docker ? { docker: opts.docker } : {}), ...(opts.host ? { host: opts.host } : {}) };
  const worker: Worker = await createLoomWorker({
    connection: nativeConnection,
    namespace: 'default',
    taskQueue,
    deps,
    workflowBundle: { codePath: e.workflowBundlePath },
  });
  const running = worker.run();
  const connection = await Connection.connect({ address: e.temporalAddress });
  const client = new Client({ connection });
  return {
    client,
    taskQueue,
    deps,
    activities: createActivities(deps),
    async close() {
      worker.shutdown();
      await running;
      await connection.close();
      await nativeConnection.close();
    },
  };
}

const tmpDirs: string[] = [];

/** A fresh git repository made from an example, in a temp folder. */
export async function exampleRepo(example = 'calc'): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'loom-repo-'));
  tmpDirs.push(dir);
  return createExampleRepo(example, join(dir, example));
}

export function removeTempRepos(): void {
  for (const d of tmpDirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

export interface GenerationRun {
  record: GenerationRecord;
  model: ScriptedModelServer;
  workflowId: string;
}

/** Runs one generation through Temporal with a scripted model; returns the record and what the model saw. */
export async function runGeneration(
  h: Harness,
  repoPath: string,
  script: ModelScript,
  overrides: Partial<Omit<GenerationRequest, 'settings'>> & { settings?: Partial<WorkSettings> | ((model: ScriptedModelServer) => Partial<WorkSettings>) } = {},
  duringRun?: (workflowId: string) => Promise<void>,
): Promise<GenerationRun> {
  const model = await startScriptedModelServer(script);
  try {
    // Settings may depend on the server (its endpoints), so they can be given as a function of it.
    const extra = typeof overrides.settings === 'function' ? overrides.settings(model) : overrides.settings;
    const input: GenerationRequest = {
      repoPath,
      baseRef: 'main',
      generation: 1,
      program: '# Add multiply\n\nAdd multiply(a, b) to src/calc.js with tests.\n',
      ...overrides,
      settings: { models: scriptedModels(model), testCommand: 'npm test', ...extra },
    };
    const handle = await startGeneration(h.client, h.taskQueue, input);
    await duringRun?.(handle.workflowId);
    const record = await handle.result();
    return { record, model, workflowId: handle.workflowId };
  } finally {
    await model.close();
  }
}

/** Containers of a generation still present (none should be, once it ends). */
export async function leftoverContainers(workflowId: string): Promise<number> {
  const list = await docker.listContainers({ all: true, filters: { label: [`${LABEL_RUN}=${workflowId}`] } });
  return list.length;
}

export async function git(repo: string, ...args: string[]): Promise<string> {
  return simpleGit(repo).raw(args);
}

/** The commit (or tree, with ^{tree}) a ref names. */
export async function headSha(repo: string, ref = 'main'): Promise<string> {
  return (await git(repo, 'rev-parse', ref)).trim();
}

/** Why a generation was not promoted (undefined when it was). */
export function reasonOf(record: GenerationRecord): string | undefined {
  return 'reason' in record.outcome ? record.outcome.reason : undefined;
}

/**
 * Asks `check` every `everyMs` until it gives a value (not undefined or false), and
 * returns it; after `timeoutMs` throws, naming what never happened.
 */
export async function pollUntil<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 60_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** The tool results the Lab's model received, in order: what the tools really returned. */
export function toolResults(model: ScriptedModelServer, channel = 'lab'): string[] {
  const out: string[] = [];
  const reqs = model.requests.filter((r) => r.channel === channel);
  const last = reqs[reqs.length - 1];
  if (!last) return out;
  for (const m of last.body.messages as Array<{ role: string; content: unknown }>) {
    if (m.role !== 'user' || !Array.isArray(m.content)) continue;
    for (const b of m.content as Array<{ type: string; content?: unknown }>) {
      if (b.type === 'tool_result') out.push(typeof b.content === 'string' ? b.content : JSON.stringify(b.content));
    }
  }
  return out;
}

/** Waits (bounded) until the generation's Lab container exists: its base is resolved by then. */
export async function waitForLab(workflowId: string, timeoutMs = 60_000, engine: Docker = docker): Promise<void> {
  await pollUntil(`a Lab container for ${workflowId}`, async () => (await engine.listContainers({ all: true, filters: { label: [`${LABEL_RUN}=${workflowId}`, `${LABEL_ROLE}=lab`] } })).length > 0, timeoutMs);
}

/** Starts a loop on the harness's worker with a scripted model; the caller awaits or steers it. */
/**
 * For tests of the loop's orchestration (pausing, numbering, restarts, scale), not of
 * verification: a generation runs the Lab, its tests and the held-out run, without mutants,
 * planted faults or the perturbed run, which other tests show.
 */
export const ORCHESTRATION_ONLY: VerificationSettings = { maxMutants: 0, plantedFaults: 0, perturbedRun: false };

export async function startScriptedLoop(h: Harness, repoPath: string, script: ModelScript, overrides: Partial<Omit<LoopInput, 'workflowIdPrefix' | 'settings'>> & { settings?: Partial<WorkSettings> } = {}) {
  const model = await startScriptedModelServer(script);
  const handle = await startLoop(h.client, h.taskQueue, {
    repoPath,
    baseRef: 'main',
    budgets: { maxGenerations: 5, maxConsecutiveFailures: 3 },
    failureBackoffMs: 200,
    ...overrides,
    settings: { testCommand: 'npm test', models: scriptedModels(model), ...overrides.settings },
  });
  return { model, handle, result: () => handle.result() as Promise<LoopResult> };
}

/** Polls the loop's status until `ok` holds (bounded). */
export async function waitForStatus(handle: WorkflowHandle, ok: (s: LoopStatus) => boolean, timeoutMs = 60_000): Promise<LoopStatus> {
  let last: LoopStatus | undefined;
  const matching = async () => {
    // A query can miss between runs of a continue-as-new chain.
    last = await loopStatus(handle).catch(() => last);
    return last && ok(last) ? last : undefined;
  };
  return pollUntil("the loop's status to match", matching, timeoutMs).catch((err: Error) => {
    throw new Error(`${err.message}; last step: ${JSON.stringify(last?.step)}`);
  });
}

export interface WorkerProcess {
  proc: ChildProcess;
  output(): string;
  /** Waits (bounded) until the worker prints `text`. */
  waitFor(text: string, timeoutMs?: number): Promise<void>;
  /** SIGKILL to the whole process group: bin/loom runs tsx, which runs node as a child. */
  crash(): Promise<void>;
}

/** `loom worker` as its own process (and process group), so a test can really kill it. */
export function workerProcess(taskQueue: string, extraEnv: Record<string, string> = {}): WorkerProcess {
  const e = ready();
  const proc = spawn(join(LOOM_ROOT, 'bin', 'loom'), ['worker'], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, TEMPORAL_ADDRESS: e.temporalAddress, LOOM_TASK_QUEUE: taskQueue, LOOM_LAB_IMAGE: e.labImage, ANTHROPIC_API_KEY: 'scripted', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  return {
    proc,
    output: () => out,
    async waitFor(text, timeoutMs = 90_000) {
      const printed = () => {
        if (proc.exitCode !== null) throw new Error(`worker exited (${proc.exitCode}) before printing "${text}":\n${out.slice(-2000)}`);
        return out.includes(text);
      };
      await pollUntil(`the worker printing "${text}"`, printed, timeoutMs, 50).catch((err: Error) => {
        throw new Error(`${err.message}; it printed:\n${out.slice(-2000)}`);
      });
    },
    async crash() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise((r) => proc.once('exit', r));
      process.kill(-proc.pid!, 'SIGKILL');
      await exited;
    },
  };
}

/** Starting a second Docker engine needs root (CI is root). */
export const canStartDockerd = process.getuid?.() === 0 || Boolean(process.env.CI);

export interface OwnEngine {
  socket: string;
  engine: Docker;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Stops it and removes its data. */
  remove(): Promise<void>;
}

/**
 * A Docker engine of the test's own (its own socket and data), with the Lab image loaded:
 * a second machine's engine, or one to restart without disturbing anything else.
 */
export async function ownDockerEngine(): Promise<OwnEngine> {
  const dir = mkdtempSync(join(tmpdir(), 'loom-dockerd-'));
  const socket = join(dir, 'docker.sock');
  const engine = new Docker({ socketPath: socket });
  let daemon: ChildProcess | undefined;
  const own: OwnEngine = {
    socket,
    engine,
    async start() {
      daemon = spawn('dockerd', ['--bridge=none', '--iptables=false', '--ip-masq=false', '--ip-forward=false', '-H', `unix://${socket}`, '--data-root', join(dir, 'data'), '--exec-root', join(dir, 'exec'), '--pidfile', join(dir, 'pid')], {
        stdio: 'ignore',
        detached: true,
      });
      await pollUntil('the test dockerd answering', () => engine.ping().then(() => true, () => false), 60_000, 200);
    },
    async stop() {
      if (!daemon || daemon.exitCode !== null) return;
      const exited = new Promise((r) => daemon!.once('exit', r));
      daemon.kill('SIGTERM');
      await exited;
    },
    async remove() {
      await own.stop();
      // A host-network container (the setup step's) leaves its namespace bind-mounted under the
      // exec root after the engine stops: unmount what is left there before removing it.
      const left = readFileSync('/proc/self/mounts', 'utf8').split('\n').map((l) => l.split(' ')[1] ?? '').filter((m) => m.startsWith(`${dir}/`));
      for (const m of left.sort((a, b) => b.length - a.length)) execFileSync('umount', ['-l', m]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await own.start();
  execSync(`docker save ${ready().labImage} | DOCKER_HOST=unix://${socket} docker load -q`, { stdio: 'ignore' });
  return own;
}

/**
 * A promotion is one Loom commit on the verified base whose tree is the Lab's tree, byte
 * for byte; the Lab's own commits stay on its branch. Returns the promoted commit.
 */
export async function expectPromoted(repo: string, record: GenerationRecord, branch = 'main'): Promise<string> {
  const { expect } = await import('vitest');
  expect(record.outcome, JSON.stringify(record.outcome)).toMatchObject({ kind: 'promoted' });
  const sha = (record.outcome as { sha: string }).sha;
  expect((await git(repo, 'rev-parse', branch)).trim()).toBe(sha);
  expect((await git(repo, 'rev-parse', `${sha}^`)).trim()).toBe(record.baseSha);
  expect((await git(repo, 'rev-parse', `${sha}^{tree}`)).trim()).toBe((await git(repo, 'rev-parse', `${record.labSha}^{tree}`)).trim());
  expect(record.promotedTree).toBe((await git(repo, 'rev-parse', `${sha}^{tree}`)).trim());
  expect((await git(repo, 'log', '-1', '--format=%an <%ae>|%cn <%ce>', sha)).trim()).toBe('Loom <loom@loom.invalid>|Loom <loom@loom.invalid>');
  expect(await git(repo, 'log', '-1', '--format=%B', sha)).toContain(`Loom-Generation: ${record.generation}`);
  return sha;
}

/** The calc example with extra files committed on top (null removes one): a base for a scenario. */
export async function calcWith(files: Record<string, string | null> = {}): Promise<string> {
  return exampleWith('calc', files);
}

/** An example repository with extra files committed on top (null removes one). */
export async function exampleWith(example: string, files: Record<string, string | null> = {}): Promise<string> {
  const repo = await exampleRepo(example);
  const { mkdirSync, writeFileSync, rmSync: rm } = await import('node:fs');
  const { dirname } = await import('node:path');
  if (!Object.keys(files).length) return repo;
  for (const [path, content] of Object.entries(files)) {
    if (content === null) rm(join(repo, path));
    else {
      mkdirSync(dirname(join(repo, path)), { recursive: true });
      writeFileSync(join(repo, path), content);
    }
  }
  await git(repo, 'add', '-A');
  await git(repo, 'commit', '-q', '-m', 'the scenario');
  return repo;
}
