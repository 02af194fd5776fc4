import type Anthropic from '@anthropic-ai/sdk';
import type Docker from 'dockerode';
import { asyncLocalStorage } from '@temporalio/activity';
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
}

/** Heartbeats when running as a Temporal activity; a no-op when called directly. */
export function heartbeat(details?: unknown): void {
  asyncLocalStorage.getStore()?.heartbeat(details);
}

/** Heartbeats on a timer around a long await, so one slow call does not look like a dead worker. */
export async function withHeartbeat<T>(details: () => unknown, work: Promise<T>, everyMs = 5000): Promise<T> {
  const timer = setInterval(() => heartbeat(details()), everyMs);
  try {
    return await work;
  } finally {
    clearInterval(timer);
  }
}

/** Docker names allow [a-zA-Z0-9_.-]; workflow ids are freer. */
export function containerName(runId: string, role: 'lab' | 'verify'): string {
  return `loom-${runId.replace(/[^A-Za-z0-9_.-]/g, '-')}-${role}`.slice(0, 200);
}

export const LABEL_RUN = 'loom.run';
export const LABEL_GENERATION = 'loom.generation';
export const LABEL_ROLE = 'loom.role';
export const LABEL_REPO = 'loom.repo';

export function labels(runId: string, generation: number, role: 'lab' | 'verify', repo: string): Record<string, string> {
  return { [LABEL_RUN]: runId, [LABEL_GENERATION]: String(generation), [LABEL_ROLE]: role, [LABEL_REPO]: repo };
}
