// The generation's activities, declared once per options profile and called by name. Each
// call carries a one-line summary, which the Web UI shows on the activity's event.
import { proxyActivities, proxyLocalActivities, type ActivityOptions, type LocalActivityOptions } from '@temporalio/workflow';
import type { LoomActivities } from '../activities';
import { runsOnLab } from '../generation/activityRoutes';
import { NON_RETRYABLE_ERROR_TYPES } from '../generation/errors';
import type { ResolvedWorkSettings } from '../config/workSettings';

const retry = { initialInterval: '1s', backoffCoefficient: 2, maximumAttempts: 3, nonRetryableErrorTypes: NON_RETRYABLE_ERROR_TYPES };
const containerRetry = { ...retry, initialInterval: '5s', maximumAttempts: 5 };

type Fn = (input: never) => Promise<unknown>;
type Summarized<F extends Fn> = (summary: string, input: Parameters<F>[0]) => ReturnType<F>;

/** An activity called with its options and a summary for this call. */
function summarized<F extends Fn>(fn: F, options: ActivityOptions | LocalActivityOptions): Summarized<F> {
  const call = fn as unknown as { executeWithOptions(o: object, args: unknown[]): ReturnType<F> };
  return (summary, input) => call.executeWithOptions({ ...options, summary }, [input]);
}

/** The activities of one generation, with its heartbeat timeout and Lab task queue. */
export function generationActivities(settings: Pick<ResolvedWorkSettings, 'heartbeatTimeout' | 'labTaskQueue'>) {
  const { heartbeatTimeout } = settings;
  // Container work waits longer between tries: a Docker engine restart takes seconds.
  const lab: ActivityOptions = { startToCloseTimeout: '45m', heartbeatTimeout, retry: containerRetry };
  const tests: ActivityOptions = { startToCloseTimeout: '30m', heartbeatTimeout, retry: containerRetry };
  const git: ActivityOptions = { startToCloseTimeout: '10m', heartbeatTimeout, retry };
  const review: ActivityOptions = { startToCloseTimeout: '10m', heartbeatTimeout, retry: { ...retry, maximumAttempts: 5 } };
  const labCleanup: ActivityOptions = { startToCloseTimeout: '2m', heartbeatTimeout, retry: { ...retry, maximumAttempts: 10 } };
  // Short host-side git steps run as local activities: no task-queue round trip and no
  // extra workflow task each. They are idempotent, so a rerun after a crash is harmless.
  const local: LocalActivityOptions = { startToCloseTimeout: '10m', retry: { ...retry, maximumAttempts: 10 } };

  /** An activity on the queue activityRoutes.ts gives it: the Lab's, where one is set, or Prime's own. */
  const routed = <K extends keyof LoomActivities>(name: K, options: ActivityOptions): Summarized<LoomActivities[K]> => {
    const o = runsOnLab(name) && settings.labTaskQueue ? { ...options, taskQueue: settings.labTaskQueue } : options;
    return summarized(proxyActivities<LoomActivities>(o)[name], o);
  };
  const onHost = proxyLocalActivities<LoomActivities>(local);
  return {
    resolveBase: summarized(onHost.resolveBase, local),
    setupImage: routed('setupImage', lab),
    prepareLab: routed('prepareLab', lab),
    spawnLab: routed('spawnLab', lab),
    fetchBranch: routed('fetchBranch', git),
    checkChange: summarized(onHost.checkChange, local),
    runTests: routed('runTests', tests),
    mutationTests: routed('mutationTests', tests),
    llmReview: routed('llmReview', review),
    promote: summarized(onHost.promote, local),
    cleanupGeneration: summarized(onHost.cleanupGeneration, local),
    cleanupOnLabWorker: routed('cleanupGeneration', labCleanup),
    recordGeneration: summarized(onHost.recordGeneration, local),
  };
}

export type GenerationActivities = ReturnType<typeof generationActivities>;
