import { checkChange } from './checkChange';
import { makeCleanupGeneration } from './cleanupGeneration';
import { type LoomDeps } from './deps';
import { keepBeating, latestHeartbeat, withHeartbeat } from './heartbeat';
import { makeFetchBranch } from './fetchBranch';
import { withBoundedResults } from './payloadBound';
import { makeLlmReview } from './llmReview';
import { promote } from './promote';
import { recordGeneration } from './recordGeneration';
import { makeReflect } from './reflect';
import { resolveBase } from './resolveBase';
import { makeRunTests } from './runTests';
import { makeMutationTests } from './mutationTests';
import { makeSetupImage } from './setupImage';
import { makePrepareLab, makeSpawnLab } from './spawnLab';

export type { LoomDeps } from './deps';

/** The generation's activities, bound to their dependencies. */
export function createActivities(deps: LoomDeps) {
  return withCrashWindow(deps.crashWindow, withBoundedResults({
    // spawnLab, runTests and mutationTests heartbeat their own progress (the Lab's checkpoint
    // among it), and a timer beats their latest between steps: a step that does not beat (a
    // coverage run of a large suite) must not look like a dead worker, or the retry takes its
    // container away mid-run.
    ...beatingOwn({ spawnLab: makeSpawnLab(deps), runTests: makeRunTests(deps), mutationTests: makeMutationTests(deps) }),
    // The rest beat on a timer, so every activity can have a heartbeat timeout and a
    // dead worker is noticed in seconds, not at the start-to-close timeout.
    ...beating({
      reflect: makeReflect(deps),
      setupImage: makeSetupImage(deps),
      prepareLab: makePrepareLab(deps),
      resolveBase,
      fetchBranch: makeFetchBranch(deps),
      checkChange,
      llmReview: makeLlmReview(deps),
      promote,
      cleanupGeneration: makeCleanupGeneration(deps),
      recordGeneration,
    }),
  }));
}

function beatingOwn<T extends Record<string, (input: never) => Promise<unknown>>>(acts: T): T {
  const out: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(acts)) out[name] = (input: never) => keepBeating(name, fn(input));
  return out as T;
}

function beating<T extends Record<string, (input: never) => Promise<unknown>>>(acts: T): T {
  const out: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(acts)) {
    out[name] = (input: never) => withHeartbeat(() => ({ activity: name }), fn(input));
  }
  return out as T;
}

/**
 * Fault injection for crash tests: after the named activity has done its work and
 * before it reports back, it waits (heartbeating) and says so on stdout, so a test can
 * kill the worker in the worst place: work done, result not recorded.
 */
function withCrashWindow<T extends Record<string, (...args: never[]) => Promise<unknown>>>(window: LoomDeps['crashWindow'], acts: T): T {
  if (!window) return acts;
  const fn = acts[window.activity];
  if (!fn) throw new Error(`crash window names no activity: ${window.activity}`);
  const wrapped = async (...args: never[]) => {
    const result = await fn(...args);
    console.log(`crash window open: ${window.activity}`);
    // Beat with the activity's own latest details: a checkpoint must survive the window.
    await withHeartbeat(() => latestHeartbeat(), new Promise((r) => setTimeout(r, window.ms)));
    return result;
  };
  return { ...acts, [window.activity]: wrapped };
}

export type LoomActivities = ReturnType<typeof createActivities>;
