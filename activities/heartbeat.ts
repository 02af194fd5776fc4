// Heartbeats: progress and checkpoints of a long activity, safe to call outside one.
import { asyncLocalStorage } from '@temporalio/activity';

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

/**
 * An activity that heartbeats its own progress, with a timer that beats its latest details
 * again between its own beats (on a retry, the last attempt's until it beats), so a step that
 * does not beat is not taken for a dead worker.
 */
export function keepBeating<T>(name: string, work: Promise<T>, everyMs = 5000): Promise<T> {
  return withHeartbeat(() => latestHeartbeat() ?? previousHeartbeat() ?? { activity: name }, work, everyMs);
}
