import { ActivityFailure, ApplicationFailure, defineQuery, setCurrentDetails, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { startingScope, type ActivityScope } from '../generation/activityScope';
import { chooseCandidate, labCandidates } from '../generation/bestOfK';
import type { CandidateRecord, GenerationInput, GenerationRecord, Outcome, Stage } from '../generation/recordTypes';
import { commitRef, labBranchName, programTitle } from '../generation/naming';
import { addUsage, totalCost } from '../generation/usageSums';
import type { RoleModel } from '../config/workSettings';
import { baselineFailure } from '../generation/verificationStory';
import { countsRecord, setupRecord, verificationFromBaseline } from '../generation/recordParts';
import { activitySummary as says, currentDetails, endAttributes, startAttributes } from '../generation/workflowStory';
import type { GenerationRuns } from '../ledger/testReports';
import { testChangeRules } from '../program/declaredChanges';
import { parseProgram } from '../program/parseProgram';
import type { TestRun } from '../verify/testResults';
import { generationActivities, type GenerationActivities } from './activities';
import { runCandidate, type CandidateContext, type Step } from './candidate';

/** The step a generation is on, for `loom status` and the Web UI. */
export const generationStepQuery = defineQuery<string>('step');

/** Every step the generation has entered, in order, with the workflow time it did: for `loom generate --events`. */
export const generationStepsQuery = defineQuery<Array<{ step: string; atMs: number }>>('steps');

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
 * One generation: pin the base and run its tests, then for each Lab spawnLab → fetchBranch
 * → checkChange → runTests (with the held-out run beside it) → llmReview, and promote the
 * fittest approved one. Always ends by cleaning up and recording itself in the ledger.
 */
export async function generationWorkflow(input: GenerationInput): Promise<GenerationRecord> {
  const { settings } = input;
  const scope = startingScope(input, input.runId ?? workflowInfo().workflowId);
  const record: GenerationRecord = {
    generation: input.generation,
    repoPath: input.repoPath,
    baseRef: input.baseRef,
    labBranch: labBranchName(input.generation),
    program: input.program,
    outcome: { kind: 'failed', stage: 'resolveBase', reason: 'not finished' },
    usage: input.primeUsage ? { prime: input.primeUsage } : {},
    costUsd: 0,
    durationsMs: {},
  };
  let current = 'starting';
  const entered: Array<{ step: string; atMs: number }> = [];
  setHandler(generationStepQuery, () => current);
  setHandler(generationStepsQuery, () => entered);
  // The Web UI's Loom columns and filters, and the story on the workflow page.
  upsertSearchAttributes(startAttributes(input));
  const at = (name: string) => {
    current = name;
    entered.push({ step: name, atMs: Date.now() });
    setCurrentDetails(currentDetails(record, name));
  };
  const step: Step = async (stage, run, of = '') => {
    at(stage + of);
    try {
      return await run();
    } catch (err) {
      throw new StepFailed(stage, err);
    }
  };
  const acts = generationActivities(settings);
  // Whatever happened, nothing of this generation is left running.
  const cleanup = async () => {
    await Promise.all([
      settings.labTaskQueue ? acts.cleanupOnLabWorker("cleanup on a Lab worker: remove this generation's containers", { scope, side: 'lab' }) : undefined,
      acts.cleanupGeneration("cleanup: remove this generation's containers and temporary refs", { scope }),
    ]);
  };
  const runs: GenerationRuns = {};
  try {
    record.outcome = await generate(input, scope, record, acts, step, runs);
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
  const entry = { workflowId: workflowInfo().workflowId, runId: workflowInfo().runId, loopId: input.loopId, title: programTitle(input.program), record: { ...record, promotedRun: undefined } };
  await Promise.all([cleanup(), acts.recordGeneration("record: append to the repository's ledger (loom history)", { repoPath: record.repoPath, entry, runs })]);
  at('done');
  upsertSearchAttributes(endAttributes(record));
  return record;
}

async function generate(input: GenerationInput, started: ActivityScope, record: GenerationRecord, acts: GenerationActivities, step: Step, runs: GenerationRuns): Promise<Outcome> {
  const { settings } = input;
  // Said by the generation's own record (and ledger entry), so it is checked here, not before the start.
  if (settings.labTaskQueue && !settings.exchange) {
    return { kind: 'failed', stage: 'resolveBase', reason: `a Lab task queue (${settings.labTaskQueue}) needs an exchange repository that both kinds of worker reach: set LOOM_EXCHANGE (a path or git URL)` };
  }
  const { repoPath, baseSha, refused } = await step('resolveBase', () =>
    acts.resolveBase(`pin ${input.baseRef} and check the repository`, { scope: started, baseRef: input.baseRef, maxRepoMb: settings.maxRepoMb, testCommand: settings.testCommand, report: settings.verification.report }),
  );
  Object.assign(record, { repoPath, baseSha });
  // Every later step names the repository by its top level.
  let scope: ActivityScope = { ...started, repoPath };
  // A command Loom cannot read is known from the command and package.json: said before any setup runs.
  if (refused) return { kind: 'failed', stage: 'baseline', reason: cannotRead(settings.testCommand, refused) };

  // The setup step: the repository's own install, with network, on the base; every later
  // container of the generation starts from its snapshot, sealed.
  if (settings.setup) {
    const setup = settings.setup;
    const made = await step('setup', () => acts.setupImage(says.setup(setup, baseSha), { scope, baseSha, setup, ...(settings.setupRegistries ? { registries: settings.setupRegistries } : {}) }));
    record.durationsMs.setup = made.durationMs;
    record.setup = setupRecord(made);
    scope = { ...scope, labImage: made.image, setupPaths: made.paths };
  }

  const models = labCandidates(settings);
  const labBranchOf = (candidate?: number) => labBranchName(input.generation, candidate);
  // Each Lab's container, base and program.md are prepared while the baseline runs; no
  // model is asked anything before the base is green. A preparation that fails is only
  // lost time: spawnLab prepares its Lab itself when it finds none ready.
  const prepared = Promise.all(
    models.map((model, i) => {
      const candidate = models.length > 1 ? i + 1 : undefined;
      const of = candidate ? ` (Lab ${candidate})` : '';
      return acts
        .prepareLab(`prepare the Lab${of}: sealed container, the base on ${labBranchOf(candidate)}, program.md`, {
          scope: { ...scope, candidate }, baseRef: input.baseRef, baseSha, program: input.program, labBranch: labBranchOf(candidate),
        })
        .catch(() => undefined);
    }),
  );

  // The baseline: the base must be green before a Lab starts, and its per-test results are
  // the oracle every later run answers to. A previous generation may already have them.
  let baseline: TestRun | undefined = input.baseline?.sha === baseSha ? input.baseline.run : undefined;
  if (!baseline) {
    const ref = commitRef(scope.exchange, scope.runId, 'base', input.baseRef);
    const runBaseline = (of: string) =>
      step('baseline', () =>
        acts.runTests(says.baseline(input.baseRef, baseSha, settings.testCommand), {
          scope, purpose: 'baseline', ref, sha: baseSha, baseSha, testCommand: settings.testCommand, timeoutSec: settings.testTimeoutSec, report: settings.verification.report,
        }), of,
      ).catch(async (err) => {
        await prepared;
        throw err;
      });
    let base = await runBaseline('');
    record.durationsMs.baseline = base.durationMs;
    // A base is called red only when it is red twice: one red run may be the machine (a
    // hang under load, a flaky test), and calling it red stops the whole generation.
    if (!base.ok && !base.refused) {
      base = await runBaseline(' (again, to confirm it is red)');
      record.durationsMs.baseline += base.durationMs;
    }
    Object.assign(record, { baselineTests: countsRecord(base.run), verification: verificationFromBaseline(base.run) });
    if (!base.ok) {
      await prepared; // so cleanup finds every container it made
      if (base.refused) return { kind: 'failed', stage: 'baseline', reason: cannotRead(base.command, base.refused) };
      return { kind: 'failed', stage: 'baseline', reason: baselineFailure(baseSha, base.command, base.run, base.outputTail, settings.mounts) };
    }
    baseline = base.run;
  } else {
    Object.assign(record, { baselineTests: countsRecord(baseline), verification: verificationFromBaseline(baseline) });
  }
  runs.baseline = baseline;
  await prepared;

  const ctx: CandidateContext = { input, scope, baseSha, baseline, allowed: testChangeRules(parseProgram(input.program).spec?.testsThatMayChange), acts, step };
  if (models.length === 1) {
    // One Lab: its evidence is the generation's record itself, step by step.
    const rejected = await runCandidate(ctx, record, undefined, models[0]!, (what, run) => (runs[what] = run));
    return rejected ?? promote(ctx, record, record.labSha!, runs.lab);
  }

  // Best-of-K: K Labs on the same program.md at once, each verified on its own; a Lab
  // that fails or is rejected does not stop the others.
  const candidateRuns = new Map<number, GenerationRuns>();
  const candidates = await Promise.all(models.map((model, i) => runOneOfK(ctx, record, i + 1, model, candidateRuns)));
  record.candidates = candidates;
  for (const c of candidates) {
    if (c.usage.lab) record.usage.lab = addUsage(record.usage.lab, c.usage.lab);
    if (c.usage.prime) record.usage.prime = addUsage(record.usage.prime, c.usage.prime);
  }
  const { chosen, outcome } = chooseCandidate(candidates);
  record.chosenCandidate = chosen.candidate;
  const { labBranch, labSha, labTurns, labSession, diffStat, tests, fitness, review, durationsMs, verification } = chosen;
  Object.assign(record, { labBranch, labSha, labTurns, labSession, diffStat, tests, fitness, review, verification });
  record.durationsMs = { ...record.durationsMs, ...durationsMs };
  Object.assign(runs, candidateRuns.get(chosen.candidate));
  return outcome ?? promote(ctx, record, chosen.labSha!, runs.lab);
}

const cannotRead = (command: string, why: string) => `Loom cannot read the results of \`${command}\`: ${why}`;

/** One Lab of K, recorded in its own candidate entry whatever becomes of it. */
async function runOneOfK(ctx: CandidateContext, record: GenerationRecord, n: number, model: RoleModel, runs: Map<number, GenerationRuns>): Promise<CandidateRecord> {
  const entry: CandidateRecord = { candidate: n, labModel: model.model, labBranch: labBranchName(ctx.input.generation, n), outcome: { kind: 'approved' }, usage: {}, costUsd: 0, durationsMs: {}, verification: { ...record.verification! } };
  try {
    entry.outcome = (await runCandidate(ctx, entry, n, model, (what, run) => runs.set(n, { ...runs.get(n), [what]: run }))) ?? { kind: 'approved' };
  } catch (err) {
    if (!(err instanceof StepFailed)) throw err;
    entry.outcome = { kind: 'failed', stage: err.stage, reason: err.message };
  }
  entry.costUsd = totalCost(entry.usage);
  return entry;
}

async function promote(ctx: CandidateContext, record: GenerationRecord, labSha: string, labRun: TestRun | undefined): Promise<Outcome> {
  const { input, scope, baseSha, acts } = ctx;
  const promoted = await ctx.step('promote', () => acts.promote(says.promote(input.baseRef), { scope, baseRef: input.baseRef, baseSha, labSha, program: input.program, committedAtMs: Date.now() }));
  record.durationsMs.promote = promoted.durationMs;
  if (!promoted.promoted) return { kind: 'rejected', stage: 'promote', reason: promoted.detail };
  record.promotedTree = promoted.tree;
  record.promotedRun = labRun;
  return { kind: 'promoted', sha: promoted.sha };
}
