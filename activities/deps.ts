import type Anthropic from '@anthropic-ai/sdk';
import type Docker from 'dockerode';
import { asyncLocalStorage } from '@temporalio/activity';
import { existsSync, lstatSync, realpathSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { PermanentError } from '../generation/errors';
import type { Role, RoleModel } from '../generation/record';

/** Everything the activities touch, passed in by the worker (or a test). */
export interface LoomDeps {
  docker: Docker;
  /** Tag of the lab image built by provisioning. */
  labImage: string;
  /** An SDK client for a role; API keys live here, on the worker, never in history. */
  anthropicFor(role: Role, model: RoleModel): Anthropic;
  /** Seconds the test command may run in the verification container. */
  testTimeoutSec?: number;
  /** Where bundles pass through on the host; the system temp folder by default. */
  tmpDir?: string;
  /**
   * The Temporal server and namespace this worker serves (address/namespace): written on
   * every container, so a reaper asks only its own server about them.
   */
  scope?: string;
  /** Where a Lab worker keeps its bare copies of exchange repositories. */
  mirrorsDir?: string;
  /** Crash tests only (LOOM_CRASH_WINDOW=activity:ms): pause after the activity's work. */
  crashWindow?: { activity: string; ms: number };
}

const lastDetails = new WeakMap<object, unknown>();

/** Heartbeats when running as a Temporal activity; a no-op when called directly. */
export function heartbeat(details?: unknown): void {
  const ctx = asyncLocalStorage.getStore();
  if (!ctx) return;
  lastDetails.set(ctx, details);
  // A local activity has no heartbeat of its own: its workflow task keeps it alive.
  if (ctx.info.isLocal) return;
  ctx.heartbeat(details);
}

/** This attempt's latest heartbeat details, to beat again without losing them. */
export function latestHeartbeat(): unknown {
  const ctx = asyncLocalStorage.getStore();
  return ctx ? lastDetails.get(ctx) : undefined;
}

/** The details of the last heartbeat of a failed attempt, on a retry; undefined otherwise. */
export function previousHeartbeat<T>(): T | undefined {
  return asyncLocalStorage.getStore()?.info.heartbeatDetails as T | undefined;
}

/** Heartbeats on a timer around a long await, so one slow call does not look like a dead worker. */
export async function withHeartbeat<T>(details: () => unknown, work: Promise<T>, everyMs = 1000): Promise<T> {
  // The SDK throttles heartbeats to the server, so beating often costs nothing.
  heartbeat(details());
  const timer = setInterval(() => heartbeat(details()), everyMs);
  try {
    return await work;
  } finally {
    clearInterval(timer);
  }
}

export type ContainerRole = 'lab' | 'verify' | 'baseline' | 'heldout' | 'mutation';

/** Docker names allow [a-zA-Z0-9_.-]; workflow ids are freer. */
export function containerName(runId: string, role: ContainerRole, candidate?: number): string {
  // Cut the id, never the role, so a generation's containers can't share a name.
  return `loom-${runId.replace(/[^A-Za-z0-9_.-]/g, '-').slice(0, 180)}-${role}${candidate ? `-c${candidate}` : ''}`;
}

export const LABEL_RUN = 'loom.run';
export const LABEL_GENERATION = 'loom.generation';
export const LABEL_ROLE = 'loom.role';
export const LABEL_REPO = 'loom.repo';

export const LABEL_SCOPE = 'loom.temporal';

export function labels(runId: string, generation: number, role: ContainerRole, repo: string, scope?: string): Record<string, string> {
  return { [LABEL_RUN]: runId, [LABEL_GENERATION]: String(generation), [LABEL_ROLE]: role, [LABEL_REPO]: repo, ...(scope ? { [LABEL_SCOPE]: scope } : {}) };
}

/**
 * Read-only mounts of repo folders (installed dependencies) at the same place in the
 * container's workspace. Only existing folders inside the repo qualify.
 */
export function dependencyMounts(repoPath: string, mounts: string[] = []): Array<{ hostPath: string; containerPath: string }> {
  return mounts.map((m) => {
    const rel = posix.normalize(m.replace(/\\/g, '/')).replace(/\/$/, '');
    if (rel.startsWith('..') || posix.isAbsolute(rel) || rel === '.' || rel === '.git' || rel.startsWith('.git/')) {
      throw new PermanentError(`mount ${m} must be a folder inside the repository, like node_modules`);
    }
    const hostPath = join(repoPath, rel);
    if (!existsSync(hostPath) || !statSync(hostPath).isDirectory()) {
      throw new PermanentError(`mount ${m} does not exist in ${repoPath}: install the dependencies there first (e.g. npm ci), or drop the mount`);
    }
    // A link (the folder itself, or a folder on the way to it) could point the mount at any
    // host path, and a promoted change could have planted it: mounts follow no links.
    const real = realpathSync(hostPath);
    const root = realpathSync(repoPath);
    if (lstatSync(hostPath).isSymbolicLink() || real !== join(root, rel)) {
      throw new PermanentError(`mount ${m} in ${repoPath} is a symlink (to ${real}); Loom mounts only real folders inside the repository: install the dependencies into the folder itself (npm ci), or drop the mount`);
    }
    return { hostPath: real, containerPath: `/workspace/${rel}` };
  });
}
