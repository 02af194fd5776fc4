// What each step's result leaves in the generation record, one pure function per entry: the
// workflow calls a step, judges it with verify/, and records it with one of these. The
// workflow bundle imports this module, so it imports types and pure rules only. Key order is
// part of the record (JSON comparisons, `loom show`), so each function keeps it.
import type { ExampleTarget, judgeExamples } from '../verify/exampleVerdict';
import { summarizeRun, type HeldOutJudgement, type LabRunJudgement, type RunSummary, type TestRun } from '../verify/testResults';
import type { PerturbedResult, PerturbedVerdict } from '../verify/perturbation';
import type { DifferentialTarget, DifferentialVerdict } from '../verify/differentialVerdict';
import type { PlantedResult, PlantedVerdict } from '../verify/plantedFaults';
import type { MutationVerdict } from '../verify/mutationVerdict';
import type { MeasuredMutants } from '../verify/mutationEvidence';
import type { GenerationRecord, LabSession, TestCountsRecord, VerificationRecord } from './recordTypes';

type Part<K extends keyof VerificationRecord> = NonNullable<VerificationRecord[K]>;

/** The setup step's snapshot: which image, whether it was reused, and what it was built from. */
export function setupRecord(made: { image: string; reused: boolean; paths: string[]; inputs: string[]; changed: string[] }): NonNullable<GenerationRecord['setup']> {
  return { image: made.image, reused: made.reused, paths: made.paths, inputs: made.inputs, changed: made.changed };
}

/** A run's counts alone: the base's, the yardstick for lost or skipped tests. */
export function countsRecord(run: TestRun): TestCountsRecord {
  const s = summarizeRun(run);
  return { runner: run.runner, passed: s.passed, failed: s.failed, skipped: s.skipped, total: s.total };
}

/** Exit-code mode: what cannot be seen is said in every record. */
export function blindness(run: TestRun): Pick<VerificationRecord, 'blind'> {
  return run.runner === 'exit-code' ? { blind: ['lost tests (no per-test results)', 'skipped tests (no per-test results)', 'vacuous new tests (kills are not attributed to tests)'] } : {};
}

/** The record's verification at the start: how results are read, and the baseline's. */
export function verificationFromBaseline(baseline: TestRun): VerificationRecord {
  return { runner: baseline.runner, how: baseline.how, baseline: summarizeRun(baseline), ...blindness(baseline) };
}

/** What the record keeps of the Lab's session; the conversation itself stays in its transcript. */
export function labSessionRecord(s: { summary: string; agentStop: LabSession['stop']; transcript?: string; truncatedReplies?: number; maskedResults?: number; largestPrompt?: number }): LabSession {
  return { summary: s.summary, stop: s.agentStop, transcript: s.transcript, truncatedReplies: s.truncatedReplies, maskedResults: s.maskedResults, largestPrompt: s.largestPrompt };
}

/** The Lab's test run as the record's headline counts: the optional counts only where the runner gave them. */
export function labTestsRecord(s: RunSummary, command: string): NonNullable<GenerationRecord['tests']> {
  // The summary's runner, exit code and time-out are the run's own (summarizeRun copies them).
  return { runner: s.runner, passed: s.passed, failed: s.failed, skipped: s.skipped, total: s.total, ...(s.assertions !== undefined ? { assertions: s.assertions } : {}), ...(s.runnerTotal !== undefined ? { runnerTotal: s.runnerTotal } : {}), ...(s.countWarning ? { countWarning: s.countWarning } : {}), exitCode: s.exitCode, timedOut: s.timedOut, command };
}

/** The Lab's run beside the base's: the tests it added and lost, at most 50 of each named. */
export function labRunRecord(s: RunSummary, judged: Pick<LabRunJudgement, 'added' | 'lost'>): Part<'lab'> {
  return { ...s, added: judged.added.slice(0, 50), lost: judged.lost.slice(0, 50) };
}

/** The held-out run: which tree it ran, what it restored and removed, and how the base's passing tests fared. */
export function heldOutRecord(run: TestRun, tree: { sameAsLab: boolean; sameAsBase: boolean; restored: unknown[]; removed: unknown[] }, judged: Pick<HeldOutJudgement, 'stillPassing' | 'basePassed' | 'changed'>): Part<'heldOut'> {
  return { ...summarizeRun(run), sameAsLab: tree.sameAsLab, sameAsBase: tree.sameAsBase, restored: tree.restored.length, removed: tree.removed.length, stillPassing: judged.stillPassing, basePassed: judged.basePassed, changed: judged.changed.slice(0, 50) };
}

/** What the base's tests read, on the base and on the held-out tree; the trace's time is every traced run's. */
export function surfaceRecord(reads: { base: string[]; heldOut: string[] }, entryPoints: number, traced: Array<Pick<TestRun, 'readsMs'> | undefined>): NonNullable<Part<'heldOut'>['surface']> {
  return { baseRead: reads.base.length, heldOutRead: reads.heldOut.length, entryPoints, traceMs: traced.reduce((ms, run) => ms + (run?.readsMs ?? 0), 0) };
}

/** The held-out run in another environment: at most 20 tests named in each list. */
export function perturbedRecord(r: PerturbedResult, v: Pick<PerturbedVerdict, 'blamed' | 'environmental'>, newTests?: { run: number; blamed: string[] }): Part<'perturbed'> {
  return {
    environment: r.description,
    agreed: summarizeRun(r.run).passed,
    differing: r.differing.slice(0, 20),
    blamed: v.blamed.slice(0, 20),
    environmental: v.environmental.slice(0, 20),
    durationMs: r.durationMs,
    ...(newTests?.run ? { newTests: { run: newTests.run, blamed: newTests.blamed.slice(0, 20) } } : {}),
  };
}

/** The functions called on both sides (the differential check's, then the repetition's), the calls compared by every verdict and at most 10 differences. */
export function differentialRecord(targets: Array<Pick<DifferentialTarget, 'file' | 'name'>>, verdicts: DifferentialVerdict[], durationMs: number): Part<'differential'> {
  return { functions: targets.map((t) => `${t.file}: ${t.name}`), calls: verdicts.reduce((n, v) => n + v.compared, 0), differences: verdicts.flatMap((v) => v.violations).slice(0, 10), durationMs };
}

/** The task's examples asked of the change's new functions (verify/exampleVerdict.ts). */
export function examplesRecord(targets: Array<Pick<ExampleTarget, 'file' | 'name'>>, v: ReturnType<typeof judgeExamples>, unasked: string[] = []): Part<'examples'> {
  return { functions: targets.map((t) => `${t.file}: ${t.name}`), checked: v.compared, ...(v.heldOut ? { heldOut: v.heldOut } : {}), differences: v.violations.slice(0, 10), unchecked: [...v.unchecked, ...unasked.map((u) => `held out: ${u}`)].slice(0, 10) };
}

/** Faults planted after the held-out run: how many ran and were caught, and why none could be planted, if so. */
export function plantedRecord(r: PlantedResult, v: Pick<PlantedVerdict, 'caught' | 'uncaughtOnBoth'>): Part<'planted'> {
  return { tried: r.outcomes.length, caught: v.caught, uncaughtOnBoth: v.uncaughtOnBoth, ...(r.skipped ? { skipped: r.skipped } : {}), faults: r.outcomes.map((o) => o.fault), durationMs: r.durationMs };
}

/** The mutation step as measured and judged: at most 50 lines named in each list. */
export function mutationRecord(m: { engine: string; skipped?: string; generated: number; judgedThrough?: string[]; measured: Pick<MeasuredMutants, 'control'>; durationMs: number }, v: MutationVerdict, survivors: string[]): Part<'mutation'> {
  // `skipped` stays a key even when undefined: the record has always carried it so.
  return { engine: m.engine, skipped: m.skipped, generated: m.generated, ran: v.total, killed: v.killed, changedLines: v.changedLines, untestedLines: v.untestedLines.slice(0, 50), uncaughtLines: v.uncaughtLines.slice(0, 50), unmeasuredLines: v.unmeasuredLines.slice(0, 50), survivors, ...(m.judgedThrough?.length ? { judgedThrough: m.judgedThrough } : {}), vacuous: v.vacuous, notMeasured: v.notMeasured, control: m.measured.control.detail, durationMs: m.durationMs };
}

/** The surviving mutants called like their function: how many, the calls compared and at most 10 that answered differently. */
export function survivorsCalledRecord(calls: { mutants: unknown[]; durationMs: number }, v: DifferentialVerdict): NonNullable<Part<'mutation'>['survivorsCalled']> {
  return { mutants: calls.mutants.length, calls: v.compared, differing: v.violations.slice(0, 10), durationMs: calls.durationMs };
}

/** The change's fitness: the mutants its tests caught, or a score of 0 when no mutant ran. */
export function fitnessRecord(testsAdded: number, v?: MutationVerdict): NonNullable<GenerationRecord['fitness']> {
  if (!v) return { score: 0, testsAdded, penalties: [] };
  return { score: v.fitness, testsAdded, mutantsKilled: v.killed, mutantsTotal: v.total, penalties: v.violations.map((x) => `${x.rule}: ${x.detail}`) };
}
