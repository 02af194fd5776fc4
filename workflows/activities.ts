// The generation's activities, declared once per options profile and called by name. Each
// call carries a one-line summary, which the Web UI shows on the activity's event.
import { proxyActivities, proxyLocalActivities, type ActivityOptions, type LocalActivityOptions } from '@temporalio/workflow';
import type { LoomActivities } from '../activities';
import { NON_RETRYABLE_ERROR_TYPES } from '../generation/errors';
import type { WorkSettings } from '../generation/record';

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
export function generationActivities(settings: Pick<WorkSettings, 'heartbeatTimeout' | 'labTaskQueue'>) {
  const heartbeatTimeout = settings.heartbeatTimeout ?? '2m';
  // Container work waits longer between tries: a Docker engine restart takes seconds. Lab
  // work may run on its own workers (own machines, own Docker engines).
  const lab: ActivityOptions = { startToCloseTimeout: '45m', heartbeatTimeout, retry: containerRetry, taskQueue: settings.labTaskQueue };
  const tests: ActivityOptions = { startToCloseTimeout: '30m', heartbeatTimeout, retry: containerRetry, taskQueue: settings.labTaskQueue };
  const git: ActivityOptions = { startToCloseTimeout: '10m', heartbeatTimeout, retry };
  const review: ActivityOptions = { startToCloseTimeout: '10m', heartbeatTimeout, retry: { ...retry, maximumAttempts: 5 } };
  const labCleanup: ActivityOptions = { startToCloseTimeout: '2m', heartbeatTimeout, retry: { ...retry, maximumAttempts: 10 }, taskQueue: settings.labTaskQueue };
  // Short host-side git steps run as local activities: no task-queue round trip and no
  // extra workflow task each. They are idempotent, so a rerun after a crash is harmless.
  const local: LocalActivityOptions = { startToCloseTimeout: '10m', retry: { ...retry, maximumAttempts: 10 } };

  const onLab = proxyActivities<LoomActivities>(lab);
  const onTests = proxyActivities<LoomActivities>(tests);
  const onGit = proxyActivities<LoomActivities>(git);
  const onReview = proxyActivities<LoomActivities>(review);
  const onLabCleanup = proxyActivities<LoomActivities>(labCleanup);
  const onHost = proxyLocalActivities<LoomActivities>(local);
  return {
    resolveBase: summarized(onHost.resolveBase, local),
    setupImage: summarized(onLab.setupImage, lab),
    prepareLab: summarized(onLab.prepareLab, lab),
    spawnLab: summarized(onLab.spawnLab, lab),
    fetchBranch: summarized(onGit.fetchBranch, git),
    checkChange: summarized(onHost.checkChange, local),
    runTests: summarized(onTests.runTests, tests),
    llmReview: summarized(onReview.llmReview, review),
    promote: summarized(onHost.promote, local),
    cleanupGeneration: summarized(onHost.cleanupGeneration, local),
    cleanupOnLabWorker: summarized(onLabCleanup.cleanupGeneration, labCleanup),
    recordGeneration: summarized(onHost.recordGeneration, local),
  };
}

export type GenerationActivities = ReturnType<typeof generationActivities>;
