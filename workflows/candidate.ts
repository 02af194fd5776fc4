// One Lab and everything that verifies its change, up to the reviewer's verdict.
import type { GenerationInput, GenerationRecord, Outcome, Stage } from '../generation/recordTypes';
import { commitRef } from '../generation/naming';
import { addUsage } from '../generation/usageSums';
import type { RoleModel } from '../config/workSettings';
import { failureTail, labBudgetReason, reviewEvidence } from '../generation/verificationStory';
import { differentialRecord, examplesRecord, fitnessRecord, heldOutRecord, labRunRecord, labSessionRecord, labTestsRecord, mutationRecord, perturbedRecord, plantedRecord, surfaceRecord, survivorsCalledRecord } from '../generation/recordParts';
import { judgePlanted } from '../verify/plantedFaults';
import { judgePerturbed, newTests } from '../verify/perturbation';
import { judgeByName, judgeDifferential, judgeOptimized, judgeOverlapped, judgeRepetition, judgeSurvivors, judgeUnderRunner } from '../verify/differentialVerdict';
import { judgeExamples } from '../verify/exampleVerdict';
import { judgeElsewhere, judgeForked } from '../verify/runPlaceVerdict';
import { judgeSpecialPaths } from '../verify/specialPaths';
import { vendorViolations } from '../verify/vendorCopy';
import { judgeMeasuredMutants } from '../verify/mutationEvidence';
import { surfaceViolations } from '../verify/evaluationSurface';
import { activitySummary as says } from '../generation/workflowStory';
import { judgeHeldOut, judgeLabRun, summarizeRun, type TestChangeRule, type TestRun } from '../verify/testResults';
import type { GenerationActivities } from './activities';
import type { ActivityScope } from '../generation/activityScope';

/** Runs one step, attributing a failure to its stage; `of` names the Lab in best-of-K. */
export type Step = <T>(stage: Stage, run: () => Promise<T>, of?: string) => Promise<T>;

export interface CandidateContext {
  input: GenerationInput;
  /** The generation's scope, its repository, image and setup paths known; each Lab adds its number. */
  scope: ActivityScope;
  baseSha: string;
  baseline: TestRun;
  /** Base tests program.md says may change. */
  allowed: TestChangeRule[];
  acts: GenerationActivities;
  step: Step;
}

/** The evidence one Lab leaves, in the record or in its candidate entry. */
export type Evidence = Pick<GenerationRecord, 'labBranch' | 'labSha' | 'labTurns' | 'labSession' | 'diffStat' | 'tests' | 'fitness' | 'review' | 'usage' | 'durationsMs' | 'verification'>;

type Rejection = Exclude<Outcome, { kind: 'promoted' }>;

/**
 * One Lab, then verification: spawnLab → fetchBranch → checkChange → runTests (the Lab's
 * tree, then its mutants; the held-out tree beside it) → llmReview. Returns the rejection,
 * or undefined when every gate approved. `keep` receives the per-test results of each run.
 */
export async function runCandidate(ctx: CandidateContext, evidence: Evidence, candidate: number | undefined, labModel: RoleModel, keep: (what: 'lab' | 'heldOut', run: TestRun) => void): Promise<Rejection | undefined> {
  const { input, baseSha, baseline, allowed, acts } = ctx;
  const { settings } = input;
  const scope: ActivityScope = { ...ctx.scope, candidate };
  const of = candidate ? ` (Lab ${candidate})` : '';
  const step: Step = (stage, run) => ctx.step(stage, run, of);
  const verification = (evidence.verification ??= { runner: baseline.runner, how: baseline.how });

  const spawned = await step('spawnLab', () =>
    acts.spawnLab(says.spawnLab(labModel.model, settings.maxTurns) + of, {
      scope, baseRef: input.baseRef, baseSha, program: input.program, labBranch: evidence.labBranch, model: labModel, maxTurns: settings.maxTurns, labBudget: settings.labBudget,
    }),
  );
  Object.assign(evidence, { labSha: spawned.labSha, labTurns: spawned.turns, labSession: labSessionRecord(spawned) });
  evidence.usage.lab = spawned.usage;
  evidence.durationsMs.spawnLab = spawned.durationMs;
  // Past its budget, whatever the Lab did is not verified or promoted.
  if (spawned.agentStop === 'budget') {
    return { kind: 'rejected', stage: 'spawnLab', reason: labBudgetReason(spawned.usage, settings.labBudget) };
  }

  const fetched = await step('fetchBranch', () =>
    acts.fetchBranch(says.fetchBranch(spawned.labBranch, spawned.labSha), { scope, container: spawned.container, labBranch: spawned.labBranch, baseSha, labSha: spawned.labSha }),
  );
  evidence.durationsMs.fetchBranch = fetched.durationMs;
  evidence.diffStat = fetched.diffStat;
  if (spawned.labSha === baseSha) {
    const why = { turn_limit: 'the Lab hit its turn limit without a change', refusal: "the Lab's model refused the task (stop_reason refusal) without a change", done: 'the Lab made no change', budget: '' };
    return { kind: 'rejected', stage: 'spawnLab', reason: why[spawned.agentStop] };
  }

  // Everything that needs no test run first: a change that breaks these rules never runs.
  const inspect = (reportedTestFiles: string[]) =>
    step('checkChange', () =>
      acts.checkChange(says.checkChange(), {
        scope, baseSha, labSha: fetched.labSha, testCommand: settings.testCommand, program: input.program,
        reportedTestFiles, baseReads: baseline.reads, importable: baseline.importable, binaryFiles: settings.verification.binaryFiles, changeLimits: { files: settings.verification.maxChangeFiles, megabytes: settings.verification.maxChangeMb, fileMegabytes: settings.verification.maxFileMb }, exitCodeOnly: baseline.runner === 'exit-code',
      }),
    );
  let inspection = await inspect(baseline.files);
  evidence.durationsMs.checkChange = inspection.durationMs;
  verification.capabilities = inspection.capabilities;
  if (inspection.violations.length || !inspection.heldOut) return { kind: 'rejected', stage: 'checkChange', reason: inspection.reason };

  // The Lab's own tree and, beside it, the held-out tree: the base's tests on the Lab's source.
  const labRef = commitRef(scope.exchange, scope.runId, 'lab', spawned.labBranch, candidate);
  const { maxMutants, plantedFaults, perturbedRun } = settings.verification;
  // The run that serves as the held-out run gets faults planted after it: the Lab's own when it changed no evaluation path.
  const judges = (purpose: 'lab' | 'heldOut') => purpose === 'heldOut' || inspection.heldOut?.sameAsLab === true;
  const testsOf = (purpose: 'lab' | 'heldOut', sha: string, ref: string, summary: string) =>
    acts.runTests(summary, {
      scope, purpose, ref, sha, baseSha, testCommand: settings.testCommand, timeoutSec: settings.testTimeoutSec, report: settings.verification.report,
      ...(judges(purpose) && plantedFaults > 0 ? { planted: { baseRun: baseline, count: plantedFaults } } : {}),
      // Beside another held-out run, the Lab's run takes its new tests to another environment.
      ...(perturbedRun ? { perturb: { rebuilt: baseline.rebuilt ?? [], ...(judges(purpose) ? { baseRun: { files: baseline.files, ...(baseline.reads ? { reads: baseline.reads } : {}) } } : { newAgainst: baseline }) } } : {}),
      ...(judges(purpose) && inspection.differential?.length ? { differential: inspection.differential } : {}),
      ...(judges(purpose) && inspection.repetition?.length ? { repetition: inspection.repetition } : {}),
      ...(judges(purpose) && inspection.examples?.length ? { examples: inspection.examples } : {}),
      ...(judges(purpose) && inspection.vendorRoots?.length ? { vendorRoots: inspection.vendorRoots } : {}),
    });
  // The held-out tree may be one already tested: the Lab's own (no evaluation path changed),
  // or the base's (only evaluation paths changed), whose results the baseline holds.
  const heldOutRunOf = (tree: NonNullable<typeof inspection.heldOut>) => (tree.sameAsLab || tree.sameAsBase ? undefined : step('heldOut', () => testsOf('heldOut', tree.sha, tree.ref, says.heldOut(tree.sha) + of)));
  const [labTests, firstHeldOut] = await Promise.all([
    step('runTests', () => testsOf('lab', fetched.labSha, labRef, says.runTests(spawned.labBranch, fetched.labSha, settings.testCommand) + of)),
    heldOutRunOf(inspection.heldOut),
  ]);
  evidence.durationsMs.runTests = labTests.durationMs;
  keep('lab', labTests.run);
  const labSummary = summarizeRun(labTests.run);
  evidence.tests = labTestsRecord(labSummary, labTests.command);
  const onLabTree = judgeLabRun(baseline, labTests.run, allowed, inspection.renamed);
  verification.lab = labRunRecord(labSummary, onLabTree);
  if (onLabTree.violations.length) {
    const what = labTests.run.timedOut ? `\`${labTests.command}\` timed out` : `\`${labTests.command}\` on the Lab's tree`;
    const hooks = labTests.hooksOff?.length ? ` (the change's own test hooks were not in force, the base's judged its tests: ${labTests.hooksOff.join(', ')})` : '';
    return { kind: 'rejected', stage: 'runTests', reason: `${what}${hooks}: ${onLabTree.violations.map((v) => `${v.rule}: ${v.detail}`).join('; ')}\n${failureTail(labTests.outputTail)}` };
  }

  // Tests the Lab placed where no convention says "test" still must not judge the change:
  // the held-out tree is built once more without them.
  let heldOut = firstHeldOut;
  const heldOutRun = () => heldOut?.run ?? (inspection.heldOut!.sameAsBase ? baseline : labTests.run);
  let onHeldOut = judgeHeldOut(baseline, heldOutRun(), allowed);
  if (heldOut && onHeldOut.foreignFiles.length) {
    inspection = await inspect([...baseline.files, ...onHeldOut.foreignFiles]);
    if (inspection.violations.length || !inspection.heldOut) return { kind: 'rejected', stage: 'checkChange', reason: inspection.reason };
    heldOut = await heldOutRunOf(inspection.heldOut);
    onHeldOut = judgeHeldOut(baseline, heldOutRun(), allowed);
  }
  if (heldOut) evidence.durationsMs.heldOut = heldOut.durationMs;
  keep('heldOut', heldOutRun());
  verification.heldOut = heldOutRecord(heldOutRun(), inspection.heldOut, onHeldOut);
  if (onHeldOut.violations.length) {
    return { kind: 'rejected', stage: 'heldOut', reason: `the base's own tests, run on the Lab's source: ${onHeldOut.violations.map((v) => v.detail).join('; ')}` };
  }
  // What the base's tests read on the change, held against what they read on the base.
  const reads = { base: baseline.reads, heldOut: heldOutRun().reads, lab: labTests.run.reads };
  if (inspection.surface && reads.base && reads.heldOut && reads.lab) {
    verification.heldOut.surface = surfaceRecord({ base: reads.base, heldOut: reads.heldOut }, inspection.surface.entries.length, [baseline, labTests.run, heldOut?.run]);
    const found = surfaceViolations({ baseReads: reads.base, heldOutReads: reads.heldOut, labReads: reads.lab, ...inspection.surface });
    if (found.length) return { kind: 'rejected', stage: 'heldOut', reason: `what the base's tests read: ${found.map((v) => v.detail).join('; ')}` };
  }
  const judgingRun = heldOut ?? (inspection.heldOut.sameAsLab ? labTests : undefined);
  // A vendor folder go builds from is what `go mod vendor` makes of go.mod, made again beside the run.
  if (inspection.vendorRoots?.length) verification.vendor = inspection.vendorRoots.map((root) => ({ root, outcome: judgingRun?.vendor?.find((c) => c.root === root)?.outcome ?? 'unmade' }));
  const vendor = vendorViolations(inspection.vendorRoots ?? [], judgingRun?.vendor);
  if (vendor.length) return { kind: 'rejected', stage: 'heldOut', reason: vendor.map((v) => `${v.rule}: ${v.detail}`).join('; ') };
  // The verdict must not depend on the environment: the same verdicts in another one, the Lab's new tests' too.
  const perturbed = judgingRun?.perturbed;
  const perturbedNew = judgingRun === labTests ? undefined : labTests.perturbed;
  if (perturbed) {
    const p = judgePerturbed(perturbed, baseline);
    const n = perturbedNew ? judgePerturbed(perturbedNew, baseline, perturbed.run) : undefined;
    const newRun = perturbedNew?.newOnly ?? (judgingRun === labTests ? newTests(labTests.run, baseline).ids.length : 0);
    verification.perturbed = perturbedRecord(perturbed, p, { run: newRun, blamed: [...p.newBlamed, ...(n?.newBlamed ?? [])] });
    const violations = [...p.violations, ...(n?.violations ?? [])];
    if (violations.length) return { kind: 'rejected', stage: 'heldOut', reason: violations.join('; ') };
  }
  // A refactor's functions answer as the base's do, near the tests' inputs and after many calls.
  const diffRun = judgingRun?.differential;
  if (diffRun) {
    const d = judgeDifferential(inspection.differential ?? [], diffRun.base, diffRun.lab);
    const r = judgeRepetition(inspection.repetition ?? [], diffRun.first, diffRun.second);
    const o = judgeOptimized(inspection.repetition ?? [], diffRun.first, diffRun.second, diffRun.optimized ?? []);
    const ov = judgeOverlapped(inspection.repetition ?? [], diffRun.first, diffRun.second, diffRun.overlapped ?? []);
    const ur = judgeUnderRunner(inspection.repetition ?? [], diffRun.first, diffRun.second, diffRun.underRunner ?? []);
    const bn = judgeByName(inspection.repetition ?? [], diffRun.first, diffRun.second, diffRun.byName ?? []);
    const fk = judgeForked(inspection.repetition ?? [], diffRun.first, diffRun.second, diffRun.forked ?? []);
    const el = judgeElsewhere(inspection.repetition ?? [], diffRun.first, diffRun.second, diffRun.away ?? [], diffRun.baseHere, diffRun.baseAway);
    // New code that only the tests' own inputs run is special-casing them.
    const sp = judgeSpecialPaths(inspection.repetition ?? [], diffRun.first);
    verification.differential = differentialRecord([...(inspection.differential ?? []), ...(inspection.repetition ?? [])], [d, r, o, ov, ur, bn, fk, el, sp], diffRun.durationMs);
    if (d.violations.length) return { kind: 'rejected', stage: 'heldOut', reason: `a refactor must not change behaviour: ${d.violations.slice(0, 3).join('; ')}` };
    if (r.violations.length) return { kind: 'rejected', stage: 'heldOut', reason: `asked again, the change's functions answer differently: ${r.violations.slice(0, 3).join('; ')}` };
    if (o.violations.length) return { kind: 'rejected', stage: 'heldOut', reason: `right only where asserts run: ${o.violations.slice(0, 3).join('; ')}` };
    if (ov.violations.length) return { kind: 'rejected', stage: 'heldOut', reason: `right only one call at a time: ${ov.violations.slice(0, 3).join('; ')}` };
    if (ur.violations.length) return { kind: 'rejected', stage: 'heldOut', reason: `right only under test: ${ur.violations.slice(0, 3).join('; ')}` };
    if (bn.violations.length) return { kind: 'rejected', stage: 'heldOut', reason: `called by name, the change's functions answer differently: ${bn.violations.slice(0, 3).join('; ')}` };
    if (fk.violations.length) return { kind: 'rejected', stage: 'heldOut', reason: `the same values in forked workers: ${fk.violations.slice(0, 3).join('; ')}` };
    if (el.violations.length) return { kind: 'rejected', stage: 'heldOut', reason: `right only in the project's folder: ${el.violations.slice(0, 3).join('; ')}` };
    if (sp.violations.length) return { kind: 'rejected', stage: 'heldOut', reason: `special-casing: ${sp.violations.slice(0, 3).join('; ')}` };
  }
  // A new function answers the examples program.md states, whatever its own tests check.
  if (diffRun?.examples && inspection.examples?.length) {
    const e = judgeExamples(inspection.examples, diffRun.examples, diffRun.elsewhere);
    verification.examples = examplesRecord(inspection.examples, e, inspection.examplesUnasked);
    if (e.violations.length) return { kind: 'rejected', stage: 'heldOut', reason: `the task's own examples: ${e.violations.slice(0, 3).join('; ')}` };
  } else if (inspection.examplesUnasked?.length) verification.examples = examplesRecord([], { compared: 0, heldOut: 0, violations: [], unchecked: [] }, inspection.examplesUnasked);
  // The held-out run must still be able to fail: faults planted in unchanged code are caught.
  const planted = judgingRun?.planted;
  if (planted) {
    const p = judgePlanted(planted);
    verification.planted = plantedRecord(planted, p);
    if (p.violations.length) return { kind: 'rejected', stage: 'heldOut', reason: p.violations.join('; ') };
  }

  // What the change's tests catch, measured only once every verdict above has passed: a change
  // already rejected costs no mutant run.
  const mutation = maxMutants === 0 ? undefined : await step('mutation', () =>
    acts.mutationTests(says.mutation(fetched.labSha, maxMutants) + of, {
      scope, ref: labRef, labSha: fetched.labSha, baseSha, testCommand: settings.testCommand, timeoutSec: settings.testTimeoutSec, report: settings.verification.report,
      baseRun: baseline, labRun: labTests.run, labRunMs: labTests.durationMs, maxMutants, ...(inspection.repetition?.length ? { calls: inspection.repetition } : {}),
    }),
  );
  if (mutation) {
    const { verdict: v, survivors } = judgeMeasuredMutants(mutation.measured, baseline);
    evidence.durationsMs.mutation = mutation.durationMs;
    verification.mutation = mutationRecord(mutation, v, survivors);
    evidence.fitness = fitnessRecord(onLabTree.added.length, v);
    if (v.violations.length) return { kind: 'rejected', stage: 'mutation', reason: v.violations.map((x) => `${x.rule}: ${x.detail}`).join('; ') };
    // What the tests let pass, called at the function's boundary, against the change's own answers to the same calls.
    const calls = mutation.survivorCalls;
    if (calls && diffRun) {
      const s = judgeSurvivors(calls.targets, diffRun.first, diffRun.second, calls.mutants);
      verification.mutation.survivorsCalled = survivorsCalledRecord(calls, s);
      if (s.violations.length) return { kind: 'rejected', stage: 'mutation', reason: `untested-behaviour: ${s.violations.slice(0, 3).join('; ')}` };
    }
  } else {
    evidence.fitness = fitnessRecord(onLabTree.added.length);
  }

  const review = await step('llmReview', () =>
    acts.llmReview(says.llmReview(settings.models.prime.model), {
      scope, baseSha, labSha: fetched.labSha, program: input.program, model: settings.models.prime, excludes: settings.reviewExcludes,
      changedExpectations: onHeldOut.changed, evidence: reviewEvidence(verification, settings.reviewExcludes),
    }),
  );
  evidence.durationsMs.llmReview = review.durationMs;
  evidence.review = review.verdict;
  evidence.usage.prime = addUsage(evidence.usage.prime, review.usage);
  if (review.verdict.verdict !== 'APPROVED') return { kind: 'rejected', stage: 'llmReview', reason: review.verdict.reasoning };
  return undefined;
}
