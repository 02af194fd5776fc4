import {
  ActivityFailure,
  ApplicationFailure,
  condition,
  continueAsNew,
  defineQuery,
  defineSignal,
  defineUpdate,
  executeChild,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
  type ActivityOptions,
} from '@temporalio/workflow';
import type { LoomActivities } from '../activities';
import { NON_RETRYABLE_ERROR_TYPES } from '../generation/errors';
import {
  afterGeneration,
  budgetStop,
  failureBackoffMs,
  initialState,
  summarize,
  type Budgets,
  type GenerationSummary,
  type LoopState,
} from '../generation/loop';
import type { ModelSettings, WorkSettings } from '../config/workSettings';
import { resolveWorkSettings } from '../config/resolvedSettings';
import { LoomLoopId, LoomRepo } from '../generation/searchAttributes';
import { tooManyLabs } from '../generation/bestOfK';
import { generationDetails, generationSummary, loopDetails } from '../generation/workflowStory';
import { generationWorkflow } from './generation';

export interface LoopInput {
  repoPath: string;
  baseRef: string;
  /** How each generation works and is verified, as given (the loop applies the defaults); its models may change while the loop runs. */
  settings: WorkSettings;
  budgets: Budgets;
  /** Child ids are `${workflowIdPrefix}-gen-N`, so generation 72 is found by its id. */
  workflowIdPrefix: string;
  /** Continue-as-new after this many generations in one run, to keep history bounded. */
  continueAsNewEvery?: number;
  /** Base of the exponential backoff after a failed generation. */
  failureBackoffMs?: number;
  /** The first generation's number: the repository's next (ledger/nextGeneration.ts), 1 when absent. */
  firstGeneration?: number;
  /** Carried across continue-as-new; absent on the first run. */
  state?: LoopState;
}

export interface LoopStatus {
  state: LoopState;
  step: string;
  currentGeneration?: { generation: number; workflowId: string };
  stopReason?: string;
}

export interface LoopResult {
  state: LoopState;
  stopReason: string;
}

export const pauseSignal = defineSignal('pause');
export const resumeSignal = defineSignal('resume');
export const stopSignal = defineSignal('stop');
export const setBudgetsUpdate = defineUpdate<Budgets, [Budgets]>('setBudgets');
export const setModelsUpdate = defineUpdate<ModelSettings, [Partial<ModelSettings>]>('setModels');
export const statusQuery = defineQuery<LoopStatus>('status');

const primeOptions: ActivityOptions = {
  startToCloseTimeout: '10m',
  heartbeatTimeout: '2m',
  retry: { initialInterval: '2s', backoffCoefficient: 2, maximumAttempts: 5, nonRetryableErrorTypes: NON_RETRYABLE_ERROR_TYPES },
};
const prime = proxyActivities<LoomActivities>(primeOptions);

/** What a failed activity had spent on its model, when its failure says (see activities/spentOnFailure). */
function spentBy(err: unknown): number {
  const cause = err instanceof ActivityFailure ? err.cause : undefined;
  const details = cause instanceof ApplicationFailure ? (cause.details as Array<{ usage?: { costUsd?: number } }> | undefined) : undefined;
  return details?.[0]?.usage?.costUsd ?? 0;
}

function messageOf(err: unknown): string {
  if (err instanceof ActivityFailure && err.cause) return messageOf(err.cause);
  if (err instanceof ApplicationFailure || err instanceof Error) return err.message;
  return String(err);
}

/**
 * The unattended loop: reflect → generation (a child workflow) → record → next, each
 * generation starting from the branch tip the previous one left, within budgets.
 */
export async function loopWorkflow(input: LoopInput): Promise<LoopResult> {
  let state: LoopState = input.state ?? initialState(Date.now(), input.budgets, input.settings.models, input.firstGeneration);
  // The loop may be started by hand (the plain Temporal CLI) with settings as a person writes them.
  const resolved = resolveWorkSettings(input.settings);
  let step = 'starting';
  let current: LoopStatus['currentGeneration'];
  let stopReason: string | undefined;

  setHandler(pauseSignal, () => void (state.paused = true));
  setHandler(resumeSignal, () => void (state.paused = false));
  setHandler(stopSignal, () => void (state.stopRequested = true));
  setHandler(setBudgetsUpdate, (budgets) => (state.budgets = { ...state.budgets, ...budgets }));
  setHandler(setModelsUpdate, (models) => {
    state.models = { prime: { ...state.models.prime, ...models.prime }, lab: { ...state.models.lab, ...models.lab } };
    return state.models;
  });
  setHandler(statusQuery, () => ({ state, step, currentGeneration: current, stopReason }));
  upsertSearchAttributes([
    { key: LoomRepo, value: input.repoPath },
    { key: LoomLoopId, value: workflowInfo().workflowId },
  ]);
  // The Web UI's "current details" are read when asked, so they are always up to date.
  const show = (s: string) => {
    step = s;
    setCurrentDetails(loopDetails(state, s));
  };

  // Pause and stop take effect between steps, never in the middle of one.
  const mayProceed = async (): Promise<boolean> => {
    if (state.paused && !state.stopRequested) {
      show('paused');
      await condition(() => !state.paused || state.stopRequested);
    }
    return !state.stopRequested;
  };

  let runsThisExecution = 0;
  // Settings no generation could run under stop the loop before it spends anything.
  const refused = tooManyLabs(resolved);
  for (;;) {
    stopReason = refused ?? budgetStop(state, Date.now());
    if (stopReason) break;
    if (!(await mayProceed())) {
      stopReason = 'stopped on request';
      break;
    }
    if (runsThisExecution >= (input.continueAsNewEvery ?? 25) || workflowInfo().continueAsNewSuggested) {
      await continueAsNew<typeof loopWorkflow>({ ...input, state: { ...state, continuedAsNew: state.continuedAsNew + 1 } });
    }

    const generation = state.nextGeneration;
    show(`reflect for generation ${generation}`);
    let summary: GenerationSummary;
    try {
      const reflected = await prime.reflect.executeWithOptions({ ...primeOptions, summary: `reflect: Prime writes program.md for generation ${generation}` }, [{
        repoPath: input.repoPath,
        baseRef: input.baseRef,
        generation,
        model: state.models.prime,
        testCommand: input.settings.testCommand,
        recent: state.recent,
        rejectedTaskKeys: state.rejectedTaskKeys,
        promotedSoFar: state.totals.promoted,
      }]);
      if (!(await mayProceed())) {
        stopReason = 'stopped on request';
        break;
      }
      const workflowId = `${input.workflowIdPrefix}-gen-${generation}`;
      show(`generation ${generation}`);
      current = { generation, workflowId };
      // The models as the loop holds them now: setModels may have changed them.
      const settings = { ...resolved, models: state.models };
      const record = await executeChild(generationWorkflow, {
        workflowId,
        staticSummary: generationSummary({ generation, program: reflected.program, repoPath: input.repoPath }),
        staticDetails: generationDetails({ generation, program: reflected.program, repoPath: input.repoPath, baseRef: input.baseRef, settings }),
        args: [{ repoPath: input.repoPath, baseRef: input.baseRef, generation, program: reflected.program, settings, baseline: state.baseline, primeUsage: reflected.usage, loopId: workflowInfo().workflowId }],
      });
      current = undefined;
      summary = summarize(record, reflected.title, reflected.taskKey, workflowId);
      // A promoted tree's per-test results are the next generation's baseline.
      if (record.outcome.kind === 'promoted' && record.promotedRun) state.baseline = { sha: record.outcome.sha, run: record.promotedRun };
    } catch (err) {
      current = undefined;
      summary = { generation, title: '(no task)', taskKey: '', outcome: 'failed', stage: 'reflect', reason: messageOf(err).slice(0, 400), costUsd: spentBy(err) };
    }
    state = afterGeneration(state, summary);
    runsThisExecution++;

    const backoff = failureBackoffMs(state.consecutiveFailures, input.failureBackoffMs ?? 60_000);
    if (backoff > 0 && !budgetStop(state, Date.now())) {
      show(`backing off ${Math.round(backoff / 1000)} s after ${state.consecutiveFailures} unpromoted generation(s)`);
      await condition(() => state.stopRequested, backoff);
    }
  }
  show('stopped');
  return { state, stopReason: stopReason ?? 'stopped' };
}
