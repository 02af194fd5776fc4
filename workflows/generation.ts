import { ActivityFailure, ApplicationFailure, defineQuery, proxyActivities, proxyLocalActivities, setCurrentDetails, setHandler, upsertSearchAttributes, workflowInfo, type ActivityOptions } from '@temporalio/workflow';
import type { LoomActivities } from '../activities';
import { chooseCandidate } from '../generation/bestOfK';
import { NON_RETRYABLE_ERROR_TYPES } from '../generation/errors';
import {
  addUsage,
  labBranchName,
  labCandidates,
  MAX_LABS,
  programTitle,
  totalCost,
  type CandidateRecord,
  type GenerationInput,
  type GenerationRecord,
  type Outcome,
  type RoleModel,
  type Stage,
  type TestCountsRecord,
} from '../generation/record';
import { activitySummary as says, currentDetails, endAttributes, startAttributes } from '../generation/workflowStory';

/** The step a generation is on, for `loom status` and the Web UI. */
export const generationStepQuery = defineQuery<string>('step');

const retry = { initialInterval: '1s', backoffCoefficient: 2, maximumAttempts: 3, nonRetryableErrorTypes: NON_RETRYABLE_ERROR_TYPES };
const containerRetry = { ...retry, initialInterval: '5s', maximumAttempts: 5 };

function activitiesFor(input: GenerationInput) {
  const heartbeatTimeout = input.heartbeatTimeout ?? '2m';
  const options: Record<string, ActivityOptions> = {
    // Container work waits longer between tries: a Docker engine restart takes seconds.
    // Lab work may run on its own workers (own machines, own Docker engines).
    lab: { startToCloseTimeout: '45m', heartbeatTimeout, retry: containerRetry, taskQueue: input.labTaskQueue },
    git: { startToCloseTimeout: '10m', heartbeatTimeout, retry },
    tests: { startToCloseTimeout: '30m', heartbeatTimeout, retry: containerRetry, taskQueue: input.labTaskQueue },
    review: { startToCloseTimeout: '10m', heartbeatTimeout, retry: { ...retry, maximumAttempts: 5 } },
    quick: { startToCloseTimeout: '2m', heartbeatTimeout, retry: { ...retry, maximumAttempts: 10 } },
    // Short host-side git steps run as local activities: no task-queue round trip and no
    // extra workflow task each. They are idempotent, so a rerun after a crash is harmless.
    local: { startToCloseTimeout: '10m', retry: { ...retry, maximumAttempts: 10 } },
    labCleanup: { startToCloseTimeout: '2m', heartbeatTimeout, retry: { ...retry, maximumAttempts: 10 }, taskQueue: input.labTaskQueue },
  };
  /** Runs one activity with a one-line summary the Web UI shows on its event. */
  return <K extends keyof LoomActivities>(kind: keyof typeof options, name: K, summary: string | undefined, arg: Parameters<LoomActivities[K]>[0]): Promise<Awaited<ReturnType<LoomActivities[K]>>> => {
    const proxy = kind === 'local' ? proxyLocalActivities<LoomActivities>(options[kind]!) : proxyActivities<LoomActivities>(options[kind]!);
    const fn = proxy[name] as unknown as { executeWithOptions(o: ActivityOptions, args: unknown[]): Promise<Awaited<ReturnType<LoomActivities[K]>>> };
    return fn.executeWithOptions({ ...options[kind]!, summary }, [arg]);
  };
}

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

/**
 * One generation: pin the base and check its tests are green, then
 * spawnLab → fetchBranch → runTests → checkChange → llmReview → promote.
 */
export async function generationWorkflow(input: GenerationInput): Promise<GenerationRecord> {
  const runId = input.runId ?? workflowInfo().workflowId;
  const record: GenerationRecord = {
    generation: input.generation,
    repoPath: input.repoPath,
    baseRef: input.baseRef,
    labBranch: labBranchName(input.generation),
    program: input.program,
    outcome: { kind: 'failed', stage: 'spawnLab', reason: 'not finished' },
    usage: input.primeUsage ? { prime: input.primeUsage } : {},
    costUsd: 0,
    durationsMs: {},
  };
  let current = 'starting';
  setHandler(generationStepQuery, () => current);
  // The Web UI's Loom columns and filters, and the story on the workflow page.
  upsertSearchAttributes(startAttributes(input));
  const at = (name: string) => {
    current = name;
    setCurrentDetails(currentDetails(record, name));
  };
  const step = async <T>(stage: Stage, run: () => Promise<T>, of = ''): Promise<T> => {
    at(stage + of);
    try {
      return await run();
    } catch (err) {
      throw new StepFailed(stage, err);
    }
  };
  const acts = activitiesFor(input);
  // Whatever happened, nothing of this generation is left running.
  const cleanup = async () => {
    await Promise.all([
      input.labTaskQueue ? acts('labCleanup', 'cleanupGeneration', 'cleanup on a Lab worker: remove this generation\'s containers', { repoPath: input.repoPath, runId, side: 'lab' }) : undefined,
      acts('local', 'cleanupGeneration', 'cleanup: remove this generation\'s containers and temporary refs', { repoPath: input.repoPath, runId, exchange: input.exchange }),
    ]);
  };
  try {
    record.outcome = await generate(input, runId, record, acts, step);
  } catch (err) {
    if (!(err instanceof StepFailed)) {
      at('cleanup');
      await cleanup();
      throw err;
    }
    record.outcome = { kind: 'failed', stage: err.stage, reason: err.message };
  }
  record.costUsd = totalCost(record.usage);
  at('cleanup and record');
  // Every generation, in a loop or alone, lands in the repository's ledger (loom history).
  // The two are independent, so they run together.
  await Promise.all([
    cleanup(),
    acts('local', 'recordGeneration', 'record: append to the repository\'s ledger (loom history)', { repoPath: record.repoPath, entry: { workflowId: workflowInfo().workflowId, loopId: input.loopId, title: programTitle(input.program), record } }),
  ]);
  at('done');
  upsertSearchAttributes(endAttributes(record));
  return record;
}

/** Runs one step, attributing a failure to its stage; `of` names the Lab in best-of-K. */
type Step = <T>(stage: Stage, run: () => Promise<T>, of?: string) => Promise<T>;

async function generate(input: GenerationInput, runId: string, record: GenerationRecord, a: ReturnType<typeof activitiesFor>, step: Step): Promise<Outcome> {
  if (input.labTaskQueue && !input.exchange) {
    return { kind: 'failed', stage: 'spawnLab', reason: `a Lab task queue (${input.labTaskQueue}) needs an exchange repository that both kinds of worker reach: set LOOM_EXCHANGE (a path or git URL)` };
  }
  const base = await step('spawnLab', () => a('local', 'resolveBase', `pin ${input.baseRef} and check the repository`, { repoPath: input.repoPath, baseRef: input.baseRef, maxRepoMb: input.maxRepoMb, exchange: input.exchange, runId }));
  const { repoPath, baseSha } = base;
  Object.assign(record, { repoPath, baseSha });

  const models = labCandidates(input);
  if (models.length > MAX_LABS) {
    return { kind: 'failed', stage: 'spawnLab', reason: `best-of-K asks for ${models.length} Labs; at most ${MAX_LABS} run at once` };
  }
  // Each Lab's container, base and program.md are prepared while the baseline runs; no
  // model is asked anything before the base is green. A preparation that fails is only
  // lost time: spawnLab prepares its Lab itself when it finds none ready.
  const prepared = Promise.all(
    models.map((model, i) => {
      const candidate = models.length > 1 ? i + 1 : undefined;
      const labBranch = candidate ? `${labBranchName(input.generation)}-c${candidate}` : labBranchName(input.generation);
      const of = candidate ? ` (Lab ${candidate})` : '';
      return a('lab', 'prepareLab', `prepare the Lab${of}: sealed container, the base on ${labBranch}, program.md`, { ...input, models: { ...input.models, lab: model }, repoPath, runId, baseSha, candidate, labBranch }).catch(() => undefined);
    }),
  );

  // The baseline: the base must be green before a Lab starts, and it is the yardstick
  // for lost or skipped tests. A previous generation may already have measured it.
  let baseline = input.baseline?.sha === baseSha ? input.baseline.tests : undefined;
  if (!baseline) {
    const b = await step('baseline', () =>
      a('tests', 'runTests', says.baseline(input.baseRef, baseSha, input.testCommand), { repoPath, runId, generation: input.generation, branch: input.baseRef, sha: baseSha, testCommand: input.testCommand, purpose: 'baseline', mounts: input.mounts, timeoutSec: input.testTimeoutSec, exchange: input.exchange, labImage: input.labImage }),
    ).catch(async (err) => {
      await prepared;
      throw err;
    });
    record.durationsMs.baseline = b.durationMs;
    baseline = { runner: b.runner, passed: b.passed, failed: b.failed, skipped: b.skipped, total: b.total, assertions: b.assertions };
    if (!b.ok) {
      record.baselineTests = baseline;
      await prepared; // so cleanup finds every container it made
      const why = b.timedOut ? 'timed out' : b.total ? `exit ${b.exitCode}, ${b.failed} of ${b.total} tests failed` : `exit ${b.exitCode}, no test report in its output`;
      return { kind: 'failed', stage: 'baseline', reason: `the tests are not green on the base ${baseSha.slice(0, 12)} (\`${b.command}\`: ${why}); fix them or choose another --test-command before Loom changes anything\n${b.outputTail.slice(-1000)}` };
    }
  }
  record.baselineTests = baseline;
  await prepared;

  const ctx: CandidateContext = { input, runId, repoPath, baseSha, baseline: baseline!, a, step };
  if (models.length === 1) {
    // One Lab: its evidence is the generation's record itself, step by step.
    const outcome = await runCandidate(ctx, record, undefined, models[0]!);
    if (outcome) return outcome;
    return promote(ctx, record, record.labBranch, record.labSha!);
  }

  // Best-of-K: K Labs on the same program.md at once, each verified on its own; a Lab
  // that fails or is rejected does not stop the others.
  const candidates = await Promise.all(
    models.map(async (model, i): Promise<CandidateRecord> => {
      const n = i + 1;
      const c: CandidateRecord = { candidate: n, labModel: model.model, labBranch: `${labBranchName(input.generation)}-c${n}`, outcome: { kind: 'approved' }, usage: {}, costUsd: 0, durationsMs: {} };
      try {
        c.outcome = (await runCandidate(ctx, c, n, model)) ?? { kind: 'approved' };
      } catch (err) {
        if (!(err instanceof StepFailed)) throw err;
        c.outcome = { kind: 'failed', stage: err.stage, reason: err.message };
      }
      c.costUsd = totalCost(c.usage);
      return c;
    }),
  );
  record.candidates = candidates;
  for (const c of candidates) {
    if (c.usage.lab) record.usage.lab = addUsage(record.usage.lab, c.usage.lab);
    if (c.usage.prime) record.usage.prime = addUsage(record.usage.prime, c.usage.prime);
  }
  const { chosen, outcome } = chooseCandidate(candidates);
  record.chosenCandidate = chosen.candidate;
  const { labBranch, labSha, labTurns, diffStat, tests, fitness, review, durationsMs } = chosen;
  Object.assign(record, { labBranch, labSha, labTurns, diffStat, tests, fitness, review });
  record.durationsMs = { ...record.durationsMs, ...durationsMs };
  if (outcome) return outcome;
  return promote(ctx, record, chosen.labBranch, chosen.labSha!);
}

interface CandidateContext {
  input: GenerationInput;
  runId: string;
  repoPath: string;
  baseSha: string;
  baseline: TestCountsRecord;
  a: ReturnType<typeof activitiesFor>;
  step: Step;
}

/** The evidence one Lab leaves, in the record or in its candidate entry. */
type Evidence = Pick<GenerationRecord, 'labBranch' | 'labSha' | 'labTurns' | 'diffStat' | 'tests' | 'fitness' | 'review' | 'usage' | 'durationsMs'>;

/**
 * One Lab, then verification: spawnLab → fetchBranch → runTests → checkChange →
 * llmReview. Returns the rejection, or undefined when every gate approved.
 */
async function runCandidate(ctx: CandidateContext, ev: Evidence, candidate: number | undefined, labModel: RoleModel): Promise<Exclude<Outcome, { kind: 'promoted' }> | undefined> {
  const { input, runId, repoPath, baseSha, a } = ctx;
  const of = candidate ? ` (Lab ${candidate})` : '';
  const step: Step = (stage, run) => ctx.step(stage, run, of);
  const spawned = await step('spawnLab', () =>
    a('lab', 'spawnLab', says.spawnLab(labModel.model, input.maxTurns) + of, { ...input, models: { ...input.models, lab: labModel }, repoPath, runId, baseSha, candidate, labBranch: ev.labBranch }),
  );
  Object.assign(ev, { labSha: spawned.labSha, labTurns: spawned.turns });
  ev.usage.lab = spawned.usage;
  ev.durationsMs.spawnLab = spawned.durationMs;

  const fetched = await step('fetchBranch', () =>
    a('git', 'fetchBranch', says.fetchBranch(spawned.labBranch, spawned.labSha), { repoPath, container: spawned.container, labBranch: spawned.labBranch, baseSha, labSha: spawned.labSha, exchange: input.exchange, runId, candidate }),
  );
  ev.durationsMs.fetchBranch = fetched.durationMs;
  ev.diffStat = fetched.diffStat;
  if (spawned.labSha === baseSha) {
    const why = spawned.agentStop === 'turn_limit' ? 'the Lab hit its turn limit without a change' : 'the Lab made no change';
    return { kind: 'rejected', stage: 'spawnLab', reason: why };
  }

  const t = await step('runTests', () =>
    a('tests', 'runTests', says.runTests(spawned.labBranch, fetched.labSha, input.testCommand), { repoPath, runId, generation: input.generation, branch: spawned.labBranch, sha: fetched.labSha, testCommand: input.testCommand, purpose: 'lab', mounts: input.mounts, timeoutSec: input.testTimeoutSec, exchange: input.exchange, candidate, labImage: input.labImage }),
  );
  ev.durationsMs.runTests = t.durationMs;
  const tests = { runner: t.runner, passed: t.passed, failed: t.failed, skipped: t.skipped, total: t.total, assertions: t.assertions };
  ev.tests = { ...tests, exitCode: t.exitCode, timedOut: t.timedOut, command: t.command };
  if (!t.ok) {
    const counts = t.total ? `${t.failed} of ${t.total} tests failed` : 'no test report in its output';
    const why = t.timedOut ? `\`${t.command}\` timed out` : `\`${t.command}\` failed: exit ${t.exitCode}, ${counts}`;
    return { kind: 'rejected', stage: 'runTests', reason: `${why}\n${t.outputTail.slice(-1500)}` };
  }

  const guard = await step('checkChange', () =>
    a('local', 'checkChange', says.checkChange(), { repoPath, baseSha, labSha: fetched.labSha, baseline: ctx.baseline, tests, testCommand: input.testCommand }),
  );
  ev.durationsMs.checkChange = guard.durationMs;
  ev.fitness = guard.fitness;
  if (guard.violations.length) return { kind: 'rejected', stage: 'checkChange', reason: guard.reason };

  const r = await step('llmReview', () =>
    a('review', 'llmReview', says.llmReview(input.models.prime.model), { repoPath, baseSha, labSha: fetched.labSha, program: input.program, model: input.models.prime, excludes: input.reviewExcludes }),
  );
  ev.durationsMs.llmReview = r.durationMs;
  ev.review = r.verdict;
  ev.usage.prime = addUsage(ev.usage.prime, r.usage);
  if (r.verdict.verdict !== 'APPROVED') {
    return { kind: 'rejected', stage: 'llmReview', reason: r.verdict.reasoning };
  }
  return undefined;
}

async function promote(ctx: CandidateContext, record: GenerationRecord, labBranch: string, labSha: string): Promise<Outcome> {
  const { input, repoPath, baseSha, a } = ctx;
  const p = await ctx.step('promote', () => a('local', 'promote', says.promote(labBranch, input.baseRef), { repoPath, baseRef: input.baseRef, baseSha, labSha, program: input.program }));
  record.durationsMs.promote = p.durationMs;
  return p.promoted ? { kind: 'promoted', sha: labSha } : { kind: 'rejected', stage: 'promote', reason: p.detail };
}
