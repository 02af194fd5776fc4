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
  type VerificationRecord,
} from '../generation/record';
import { activitySummary as says, currentDetails, endAttributes, startAttributes } from '../generation/workflowStory';
import { parseProgram, testChangeRules } from '../program/programSpec';
import { globMatch, judgeHeldOut, judgeLabRun, listSome, summarizeRun, type TestChangeRule, type TestRun } from '../verify/testResults';
import type { GenerationRuns } from '../ledger/testReports';

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
  const runs: GenerationRuns = {};
  try {
    record.outcome = await generate(input, runId, record, acts, step, runs);
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
    acts('local', 'recordGeneration', 'record: append to the repository\'s ledger (loom history)', { repoPath: record.repoPath, entry: { workflowId: workflowInfo().workflowId, loopId: input.loopId, title: programTitle(input.program), record: { ...record, promotedRun: undefined } }, runs }),
  ]);
  at('done');
  upsertSearchAttributes(endAttributes(record));
  return record;
}

async function generate(input: GenerationInput, runId: string, record: GenerationRecord, a: ReturnType<typeof activitiesFor>, step: Step, runs: GenerationRuns): Promise<Outcome> {
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

  // The baseline: the base must be green before a Lab starts, and its per-test results are
  // the oracle every later run answers to. A previous generation may already have them.
  let baseline = input.baseline?.sha === baseSha ? input.baseline.run : undefined;
  if (!baseline) {
    const b = await step('baseline', () =>
      a('tests', 'runTests', says.baseline(input.baseRef, baseSha, input.testCommand), { repoPath, runId, generation: input.generation, purpose: 'baseline', ref: input.exchange ? exchangeRefOf(runId, 'base') : `refs/heads/${input.baseRef}`, sha: baseSha, baseSha, testCommand: input.testCommand, mounts: input.mounts, timeoutSec: input.testTimeoutSec, exchange: input.exchange, labImage: input.labImage, report: input.verification?.report }),
    ).catch(async (err) => {
      await prepared;
      throw err;
    });
    record.durationsMs.baseline = b.durationMs;
    record.baselineTests = countsRecord(b.run);
    record.verification = { runner: b.run.runner, how: b.run.how, baseline: summarizeRun(b.run), ...blindness(b.run) };
    if (!b.ok) {
      await prepared; // so cleanup finds every container it made
      if (b.refused) return { kind: 'failed', stage: 'baseline', reason: `Loom cannot read the results of \`${b.command}\`: ${b.refused}` };
      const s = summarizeRun(b.run);
      const why = b.run.timedOut ? 'timed out' : s.failed ? `${s.failed} of ${s.total} tests failed: ${listSome(s.failedTests, 5)}` : s.problems.join('; ') || `exit ${b.run.exitCode}`;
      return { kind: 'failed', stage: 'baseline', reason: `the tests are not green on the base ${baseSha.slice(0, 12)} (\`${b.command}\`: ${why}); fix them or choose another --test-command before Loom changes anything\n${b.outputTail.slice(-1000)}` };
    }
    baseline = b.run;
    runs.baseline = b.run;
  } else {
    runs.baseline = baseline;
    record.baselineTests = countsRecord(baseline);
    record.verification = { runner: baseline.runner, how: baseline.how, baseline: summarizeRun(baseline), ...blindness(baseline) };
  }
  await prepared;

  const spec = parseProgram(input.program).spec;
  const ctx: CandidateContext = { input, runId, repoPath, baseSha, baseline, allowed: testChangeRules(spec?.testsThatMayChange), a, step };
  if (models.length === 1) {
    // One Lab: its evidence is the generation's record itself, step by step.
    const outcome = await runCandidate(ctx, record, undefined, models[0]!, (what, run) => (runs[what] = run));
    if (outcome) return outcome;
    return promote(ctx, record, record.labSha!, runs.lab);
  }

  // Best-of-K: K Labs on the same program.md at once, each verified on its own; a Lab
  // that fails or is rejected does not stop the others.
  const labRuns = new Map<number, GenerationRuns>();
  const candidates = await Promise.all(
    models.map(async (model, i): Promise<CandidateRecord> => {
      const n = i + 1;
      const c: CandidateRecord = { candidate: n, labModel: model.model, labBranch: `${labBranchName(input.generation)}-c${n}`, outcome: { kind: 'approved' }, usage: {}, costUsd: 0, durationsMs: {}, verification: { ...record.verification! } };
      try {
        c.outcome = (await runCandidate(ctx, c, n, model, (what, run) => labRuns.set(n, { ...labRuns.get(n), [what]: run }))) ?? { kind: 'approved' };
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
  const { labBranch, labSha, labTurns, diffStat, tests, fitness, review, durationsMs, verification } = chosen;
  Object.assign(record, { labBranch, labSha, labTurns, diffStat, tests, fitness, review, verification });
  record.durationsMs = { ...record.durationsMs, ...durationsMs };
  Object.assign(runs, labRuns.get(chosen.candidate));
  if (outcome) return outcome;
  return promote(ctx, record, chosen.labSha!, runs.lab);
}

/** Runs one step, attributing a failure to its stage; `of` names the Lab in best-of-K. */
type Step = <T>(stage: Stage, run: () => Promise<T>, of?: string) => Promise<T>;

interface CandidateContext {
  input: GenerationInput;
  runId: string;
  repoPath: string;
  baseSha: string;
  baseline: TestRun;
  /** Base tests program.md says may change. */
  allowed: TestChangeRule[];
  a: ReturnType<typeof activitiesFor>;
  step: Step;
}

/** The evidence one Lab leaves, in the record or in its candidate entry. */
type Evidence = Pick<GenerationRecord, 'labBranch' | 'labSha' | 'labTurns' | 'diffStat' | 'tests' | 'fitness' | 'review' | 'usage' | 'durationsMs' | 'verification'>;

function countsRecord(run: TestRun): TestCountsRecord {
  const s = summarizeRun(run);
  return { runner: run.runner, passed: s.passed, failed: s.failed, skipped: s.skipped, total: s.total };
}

/** Exit-code mode: what cannot be seen is said in every record. */
function blindness(run: TestRun): Pick<VerificationRecord, 'blind'> {
  return run.runner === 'exit-code' ? { blind: ['lost tests (no per-test results)', 'skipped tests (no per-test results)', 'vacuous new tests (kills are not attributed to tests)'] } : {};
}

/** The exchange ref of a run's commit, as git/exchange.ts names it (that module is not workflow code). */
function exchangeRefOf(runId: string, what: 'base' | 'lab' | 'heldout', candidate?: number): string {
  return `refs/loom/exchange/${runId.replace(/[^A-Za-z0-9._-]/g, '_')}/${what}${candidate ? `-c${candidate}` : ''}`;
}

/**
 * One Lab, then verification: spawnLab → fetchBranch → checkChange → runTests (the Lab's
 * tree, and the held-out tree beside it) → mutation → llmReview. Returns the rejection, or
 * undefined when every gate approved.
 */
async function runCandidate(ctx: CandidateContext, ev: Evidence, candidate: number | undefined, labModel: RoleModel, keep: (what: 'lab' | 'heldOut', run: TestRun) => void): Promise<Exclude<Outcome, { kind: 'promoted' }> | undefined> {
  const { input, runId, repoPath, baseSha, baseline, allowed, a } = ctx;
  const of = candidate ? ` (Lab ${candidate})` : '';
  const step: Step = (stage, run) => ctx.step(stage, run, of);
  const verification = (ev.verification ??= { runner: baseline.runner, how: baseline.how });
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

  // Everything that needs no test run first: a change that breaks these rules never runs.
  const inspect = (reportedTestFiles: string[]) =>
    step('checkChange', () =>
      a('local', 'checkChange', says.checkChange(), { repoPath, runId, generation: input.generation, candidate, baseSha, labSha: fetched.labSha, testCommand: input.testCommand, program: input.program, reportedTestFiles, binaryFiles: input.verification?.binaryFiles, exitCodeOnly: baseline.runner === 'exit-code', exchange: input.exchange }),
    );
  let guard = await inspect(baseline.files);
  ev.durationsMs.checkChange = guard.durationMs;
  if (guard.violations.length || !guard.heldOut) return { kind: 'rejected', stage: 'checkChange', reason: guard.reason };

  // The Lab's own tree, and beside it the held-out tree: the base's tests on the Lab's source.
  const labRef = input.exchange ? exchangeRefOf(runId, 'lab', candidate) : `refs/heads/${spawned.labBranch}`;
  const maxMutants = input.verification?.maxMutants;
  const testsOf = (purpose: 'lab' | 'heldOut', sha: string, ref: string, summary: string) =>
    a('tests', 'runTests', summary, {
      repoPath, runId, generation: input.generation, purpose, ref, sha, baseSha, testCommand: input.testCommand, mounts: input.mounts, timeoutSec: input.testTimeoutSec, exchange: input.exchange, candidate, labImage: input.labImage, report: input.verification?.report,
      // The Lab's run goes on to its mutants in the same container.
      ...(purpose === 'lab' && maxMutants !== 0 ? { mutation: { baseRun: baseline, maxMutants } } : {}),
    });
  // The held-out tree may be one already tested: the Lab's own (no evaluation path changed), or
  // the base's (only evaluation paths changed), whose results the baseline holds.
  const heldOutOf = (h: NonNullable<typeof guard.heldOut>) => (h.sameAsLab || h.sameAsBase ? undefined : step('heldOut', () => testsOf('heldOut', h.sha, h.ref, says.heldOut(h.sha) + of)));
  const [t, firstHeld] = await Promise.all([step('runTests', () => testsOf('lab', fetched.labSha, labRef, says.runTests(spawned.labBranch, fetched.labSha, input.testCommand, maxMutants) + of)), heldOutOf(guard.heldOut)]);
  ev.durationsMs.runTests = t.durationMs;
  keep('lab', t.run);
  const labSummary = summarizeRun(t.run);
  ev.tests = { runner: t.run.runner, passed: labSummary.passed, failed: labSummary.failed, skipped: labSummary.skipped, total: labSummary.total, exitCode: t.run.exitCode, timedOut: t.run.timedOut, command: t.command };
  const labJudgement = judgeLabRun(baseline, t.run, allowed);
  verification.lab = { ...labSummary, added: labJudgement.added.slice(0, 50), lost: labJudgement.lost.slice(0, 50) };
  if (labJudgement.violations.length) {
    const why = t.run.timedOut ? `\`${t.command}\` timed out` : `\`${t.command}\` on the Lab's tree`;
    return { kind: 'rejected', stage: 'runTests', reason: `${why}: ${labJudgement.violations.map((v) => `${v.rule}: ${v.detail}`).join('; ')}\n${t.outputTail.slice(-1000)}` };
  }

  // Tests the Lab placed where no convention says "test" still must not judge the change:
  // the held-out tree is built once more without them.
  let held = firstHeld;
  const heldRun = () => held?.run ?? (guard.heldOut!.sameAsBase ? baseline : t.run);
  let heldJudgement = judgeHeldOut(baseline, heldRun(), allowed);
  if (held && heldJudgement.foreignFiles.length) {
    guard = await inspect([...baseline.files, ...heldJudgement.foreignFiles]);
    if (guard.violations.length || !guard.heldOut) return { kind: 'rejected', stage: 'checkChange', reason: guard.reason };
    held = await heldOutOf(guard.heldOut);
    heldJudgement = judgeHeldOut(baseline, heldRun(), allowed);
  }
  if (held) ev.durationsMs.heldOut = held.durationMs;
  keep('heldOut', heldRun());
  verification.heldOut = { ...summarizeRun(heldRun()), sameAsLab: guard.heldOut.sameAsLab, sameAsBase: guard.heldOut.sameAsBase, restored: guard.heldOut.restored.length, removed: guard.heldOut.removed.length, stillPassing: heldJudgement.stillPassing, basePassed: heldJudgement.basePassed, changed: heldJudgement.changed.slice(0, 50) };
  if (heldJudgement.violations.length) {
    return { kind: 'rejected', stage: 'heldOut', reason: `the base's own tests, run on the Lab's source: ${heldJudgement.violations.map((v) => v.detail).join('; ')}` };
  }

  // What the change's tests catch: measured in the Lab's run, judged here, after the held-out run.
  const m = t.mutation;
  if (m) {
    ev.durationsMs.mutation = m.durationMs;
    verification.mutation = { engine: m.engine, skipped: m.skipped, generated: m.generated, ran: m.verdict.total, killed: m.verdict.killed, changedLines: m.verdict.changedLines, survivors: m.survivors, vacuous: m.verdict.vacuous, notMeasured: m.verdict.notMeasured, control: m.control.detail, durationMs: m.durationMs };
    ev.fitness = { score: m.verdict.fitness, testsAdded: labJudgement.added.length, mutantsKilled: m.verdict.killed, mutantsTotal: m.verdict.total, penalties: m.verdict.violations.map((v) => `${v.rule}: ${v.detail}`) };
    if (m.verdict.violations.length) return { kind: 'rejected', stage: 'mutation', reason: m.verdict.violations.map((v) => `${v.rule}: ${v.detail}`).join('; ') };
  } else {
    ev.fitness = { score: 0, testsAdded: labJudgement.added.length, penalties: [] };
  }

  const r = await step('llmReview', () =>
    a('review', 'llmReview', says.llmReview(input.models.prime.model), { repoPath, baseSha, labSha: fetched.labSha, program: input.program, model: input.models.prime, excludes: input.reviewExcludes, changedExpectations: heldJudgement.changed, evidence: reviewEvidence(verification, input.reviewExcludes ?? []) }),
  );
  ev.durationsMs.llmReview = r.durationMs;
  ev.review = r.verdict;
  ev.usage.prime = addUsage(ev.usage.prime, r.usage);
  if (r.verdict.verdict !== 'APPROVED') {
    return { kind: 'rejected', stage: 'llmReview', reason: r.verdict.reasoning };
  }
  return undefined;
}

/** What the mechanical gates found, in a few lines the reviewer reads beside the diff (paths it is not shown left out). */
function reviewEvidence(v: VerificationRecord, excludes: string[]): string {
  const lines: string[] = [];
  const shown = (v.lab?.added ?? []).filter((id) => !excludes.some((g) => globMatch(g, id.split(' > ')[0]!)));
  if (v.lab) lines.push(`The Lab's tree: ${v.lab.passed} of ${v.lab.total} tests pass (${v.runner}); new tests: ${shown.length ? listSome(shown, 10) : v.lab.added.length ? `${v.lab.added.length} (in files left out of this review)` : 'none'}.`);
  if (v.heldOut) lines.push(`The base's own ${v.heldOut.basePassed} passing tests, run on the Lab's source: ${v.heldOut.stillPassing} still pass${v.heldOut.changed.length ? `; ${v.heldOut.changed.length} declared in program.md as allowed to change` : ''}.`);
  if (v.mutation && !v.mutation.skipped) lines.push(`Mutation testing: ${v.mutation.killed} of ${v.mutation.ran} mutants of the changed and tested code were caught${v.mutation.survivors.length ? `; survivors: ${listSome(v.mutation.survivors, 5)}` : ''}.`);
  return lines.join('\n');
}

async function promote(ctx: CandidateContext, record: GenerationRecord, labSha: string, labRun: TestRun | undefined): Promise<Outcome> {
  const { input, repoPath, baseSha, a } = ctx;
  const p = await ctx.step('promote', () => a('local', 'promote', says.promote(input.baseRef), { repoPath, baseRef: input.baseRef, baseSha, labSha, program: input.program, generation: input.generation, committedAtMs: Date.now() }));
  record.durationsMs.promote = p.durationMs;
  if (!p.promoted) return { kind: 'rejected', stage: 'promote', reason: p.detail };
  record.promotedTree = p.tree;
  record.promotedRun = labRun;
  return { kind: 'promoted', sha: p.sha };
}
