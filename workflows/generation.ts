import { ActivityFailure, ApplicationFailure, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { LoomActivities } from '../activities';
import { NON_RETRYABLE_ERROR_TYPES } from '../generation/errors';
import {
  labBranchName,
  totalCost,
  type GenerationInput,
  type GenerationRecord,
  type Outcome,
  type Stage,
} from '../generation/record';

const retry = { initialInterval: '1s', backoffCoefficient: 2, maximumAttempts: 3, nonRetryableErrorTypes: NON_RETRYABLE_ERROR_TYPES };

const lab = proxyActivities<LoomActivities>({ startToCloseTimeout: '45m', heartbeatTimeout: '2m', retry });
const git = proxyActivities<LoomActivities>({ startToCloseTimeout: '10m', retry });
const tests = proxyActivities<LoomActivities>({ startToCloseTimeout: '30m', heartbeatTimeout: '1m', retry });
const review = proxyActivities<LoomActivities>({ startToCloseTimeout: '10m', retry: { ...retry, maximumAttempts: 5 } });
const quick = proxyActivities<LoomActivities>({ startToCloseTimeout: '2m', retry: { ...retry, maximumAttempts: 10 } });

/** Where failures are attributed: the step that was running. */
class StepFailed extends Error {
  constructor(readonly stage: Stage, cause: unknown) {
    super(messageOf(cause));
  }
}

function messageOf(err: unknown): string {
  if (err instanceof ActivityFailure && err.cause) return messageOf(err.cause);
  if (err instanceof ApplicationFailure || err instanceof Error) return err.message;
  return String(err);
}

async function step<T>(stage: Stage, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw new StepFailed(stage, err);
  }
}

/** One generation: spawnLab → fetchBranch → runTests → llmReview → promote. */
export async function generationWorkflow(input: GenerationInput): Promise<GenerationRecord> {
  const runId = input.runId ?? workflowInfo().workflowId;
  const record: GenerationRecord = {
    generation: input.generation,
    repoPath: input.repoPath,
    baseRef: input.baseRef,
    labBranch: labBranchName(input.generation),
    program: input.program,
    outcome: { kind: 'failed', stage: 'spawnLab', reason: 'not finished' },
    usage: {},
    costUsd: 0,
    durationsMs: {},
  };
  try {
    record.outcome = await generate(input, runId, record);
  } catch (err) {
    if (!(err instanceof StepFailed)) throw err;
    record.outcome = { kind: 'failed', stage: err.stage, reason: err.message };
  } finally {
    // Whatever happened, nothing of this generation is left running.
    await quick.cleanupGeneration({ repoPath: input.repoPath, runId });
  }
  record.costUsd = totalCost(record.usage);
  return record;
}

async function generate(input: GenerationInput, runId: string, record: GenerationRecord): Promise<Outcome> {
  const spawned = await step('spawnLab', () => lab.spawnLab({ ...input, runId }));
  Object.assign(record, { repoPath: spawned.repoPath, baseSha: spawned.baseSha, labSha: spawned.labSha, labTurns: spawned.turns });
  record.usage.lab = spawned.usage;
  record.durationsMs.spawnLab = spawned.durationMs;
  const repoPath = spawned.repoPath;

  const fetched = await step('fetchBranch', () =>
    git.fetchBranch({ repoPath, container: spawned.container, labBranch: spawned.labBranch, baseSha: spawned.baseSha, labSha: spawned.labSha }),
  );
  record.durationsMs.fetchBranch = fetched.durationMs;
  record.diffStat = fetched.diffStat;
  if (spawned.labSha === spawned.baseSha) {
    const why = spawned.agentStop === 'turn_limit' ? 'the Lab hit its turn limit without a change' : 'the Lab made no change';
    return { kind: 'rejected', stage: 'spawnLab', reason: why };
  }

  const t = await step('runTests', () =>
    tests.runTests({ repoPath, runId, generation: input.generation, labBranch: spawned.labBranch, labSha: fetched.labSha, testCommand: input.testCommand }),
  );
  record.durationsMs.runTests = t.durationMs;
  record.tests = { runner: t.runner, passed: t.passed, failed: t.failed, skipped: t.skipped, total: t.total, assertions: t.assertions, exitCode: t.exitCode, timedOut: t.timedOut, command: t.command };
  if (!t.ok) {
    const why = t.timedOut ? `\`${t.command}\` timed out` : `\`${t.command}\` failed: exit ${t.exitCode}, ${t.failed} of ${t.total} tests failed`;
    return { kind: 'rejected', stage: 'runTests', reason: `${why}\n${t.outputTail.slice(-1500)}` };
  }

  const r = await step('llmReview', () =>
    review.llmReview({ repoPath, baseSha: spawned.baseSha, labSha: fetched.labSha, program: input.program, model: input.models.prime }),
  );
  record.durationsMs.llmReview = r.durationMs;
  record.review = r.verdict;
  record.usage.prime = r.usage;
  if (r.verdict.verdict !== 'APPROVED') {
    return { kind: 'rejected', stage: 'llmReview', reason: r.verdict.reasoning };
  }

  const p = await step('promote', () => quick.promote({ repoPath, baseRef: input.baseRef, baseSha: spawned.baseSha, labSha: fetched.labSha }));
  record.durationsMs.promote = p.durationMs;
  return p.promoted ? { kind: 'promoted', sha: fetched.labSha } : { kind: 'rejected', stage: 'promote', reason: p.detail };
}
