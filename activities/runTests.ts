import { PermanentError } from '../generation/errors';
import { fileAt } from '../git/gitWorkspace';
import { commitFiles } from '../git/gitObjects';
import { DEFAULT_LIMITS, execIn, removeContainer, removeContainerSoon } from '../lab/labContainer';
import type Docker from 'dockerode';
import { newReportDir, oomKillCount, runTestCommand, SETUP_FAILED } from '../lab/verifyRun';
import { stripAnsi } from '../verify/ansi';
import { planRunner } from '../runners/planRunner';
import { readRun } from '../runners/readRun';
import { runnerNamed } from '../runners/registry';
import { commandFor } from '../runners/runCommand';
import { hooksNotInForce } from '../runners/pytest';
import { BASE_SHA, type ReportMode, type RunnerPlan } from '../runners/runner';
import { runEnvironment } from '../verify/runEnvironment';
import { compactRun, countsOf, reportProblems, type TestCounts, type TestRun } from '../verify/testResults';
import { parseJsonObject, asRecord } from '../verify/protectedSurface';
import { sourceWith } from './labSource';
import { type LoomDeps } from './deps';
import { containerName } from '../lab/containerLabels';
import { withHeartbeat } from './heartbeat';
import { openVerificationContainer } from './verificationContainer';
import type { ContainerRole } from '../lab/containerLabels';
import { plantedStage } from './plantedStage';
import { vendorCheck } from './vendorCheck';
import type { VendorCheck } from '../verify/vendorCopy';
import { perturbedRun, testsSeeingChange } from './perturbedRun';
import { differentialRun, type DifferentialRunResult } from './differentialRun';
import type { DifferentialTarget } from '../verify/differentialVerdict';
import type { ExampleTarget } from '../verify/exampleVerdict';
import { drawPerturbation, newTests, type PerturbedResult } from '../verify/perturbation';
import { randomInt } from 'node:crypto';
import type { PlantedResult } from '../verify/plantedFaults';
import type { ActivityScope } from '../generation/activityScope';

export type TestPurpose = 'baseline' | 'lab' | 'heldOut';

export interface RunTestsInput {
  /** Its exchange, when the Lab worked apart, holds the commit; its image is the repository's own or the setup step's, else the worker's. */
  scope: ActivityScope;
  purpose: TestPurpose;
  /** The ref (on the host, or in the exchange when one is set) that must point at `sha`. */
  ref: string;
  sha: string;
  /** The base commit: its package.json decides how the results are read, whatever the Lab changed. */
  baseSha: string;
  testCommand: string;
  /** Seconds the test command may run, from the repository's file; the worker's own (LoomDeps.testTimeoutSec) otherwise. */
  timeoutSec?: number;
  report: ReportMode;
  /** The run that serves as the held-out run: faults planted in unchanged code afterwards, which its tests must still catch. */
  planted?: { baseRun: TestRun; count: number };
  /** The run that serves as the held-out run: run once more beside it in another environment, whose verdicts must be the same; `rebuilt` is what the base's run rewrote, removed there first. With `newAgainst` (the base's run), a Lab's run beside another held-out run: only its new tests run there. */
  perturb?: { rebuilt: string[]; newAgainst?: TestRun; baseRun?: Pick<TestRun, 'files' | 'reads'> };
  /** A refactor's changed functions, called on the base's code and the Lab's afterwards. */
  differential?: DifferentialTarget[];
  /** Any other change's functions, called on the Lab's code in two processes afterwards. */
  repetition?: DifferentialTarget[];
  /** The change's new functions, called once with program.md's examples afterwards. */
  examples?: ExampleTarget[];
  /** Module folders whose changed vendor folder is made again afterwards, to compare. */
  vendorRoots?: string[];
}

export interface RunTestsResult {
  /** Per-test results, the exit code and what was wrong with the report. */
  run: TestRun;
  counts: TestCounts;
  /** The command ran to completion, nothing failed, and the report agrees with the exit code. */
  ok: boolean;
  /** Set when the results cannot be read at all (a runner Loom does not know): nothing ran. */
  refused?: string;
  command: string;
  /** The last part of the output, for a person reading the record. */
  outputTail: string;
  /** The test run's own time. */
  durationMs: number;
  /** The change's own test hooks kept out of the run (pytest), for the reason a failure is given. */
  hooksOff?: string[];
  planted?: PlantedResult;
  perturbed?: PerturbedResult;
  differential?: DifferentialRunResult;
  vendor?: VendorCheck[];
}

const SAFE = /^[A-Za-z0-9/_.@-]+$/;

const CONTAINER_ROLE: Record<TestPurpose, ContainerRole> = { baseline: 'baseline', lab: 'verify', heldOut: 'heldout' };

/** Whether a test command runs Python (pytest, unittest, a python script). */
const runsPython = (command: string): boolean => /(?:^|[\s/;&|(])(?:python[\d.]*|pytest|py\.test|tox|nox)(?:\s|$)/.test(command);

/**
 * The top-level module names the test command's interpreter finds outside the workspace (the
 * standard library and what is installed), asked in isolated mode from /, so the repository
 * cannot answer. Undefined when there is no such interpreter.
 */
async function importableModules(container: Docker.Container, testCommand: string): Promise<string[] | undefined> {
  // The interpreter the command names, or the one beside the pytest it runs (.venv/bin/pytest: .venv/bin/python).
  const venvPytest = /(?:^|\s)(\S*\/bin\/)(?:pytest|py\.test)\s/.exec(`${testCommand} `)?.[1];
  const python = /(?:^|\s)((?:\S*\/)?python[\d.]*)\s/.exec(`${testCommand} `)?.[1] ?? (venvPytest ? `${venvPytest}python` : 'python3');
  const script = 'import sys, pkgutil\nnames = set(sys.builtin_module_names) | set(getattr(sys, "stdlib_module_names", ())) | {m.name for m in pkgutil.iter_modules()}\nprint("\\n".join(sorted(n for n in names if n.isidentifier())))';
  const r = await execIn(container, [python.startsWith('/') || !python.includes('/') ? python : `/workspace/${python}`, '-I', '-c', script], { timeoutSec: 30, workdir: '/', maxOutputBytes: 1024 * 1024 }).catch(() => undefined);
  if (!r || r.exitCode !== 0) return undefined;
  return r.stdout.split('\n').map((l) => l.trim()).filter(Boolean);
}

/** How the repository's results are read, from the base's package.json. */
export async function runnerPlanAt(repo: string, baseSha: string, testCommand: string, mode: ReportMode = 'auto'): Promise<{ plan: RunnerPlan } | { refused: string }> {
  const pkg = parseJsonObject(await fileAt(repo, baseSha, 'package.json'));
  const scripts = pkg && pkg !== 'invalid' ? asRecord(pkg.scripts) : {};
  const planned = planRunner(testCommand, scripts, mode);
  const needs = 'plan' in planned ? runnerNamed(planned.plan.runner)?.baseFile : undefined;
  if ('plan' in planned && needs) needs.apply(planned.plan, await fileAt(repo, baseSha, needs.path));
  if ('plan' in planned) for (const [k, v] of Object.entries(planned.plan.env)) if (v === BASE_SHA) planned.plan.env[k] = baseSha;
  return planned;
}

/**
 * Runs the target's tests on one exact commit in a fresh sealed container: the base (the
 * baseline), the Lab's commit, or the held-out tree (the base's tests on the Lab's
 * source). The commit comes from a ref on the host (or the exchange), never from the
 * user's working copy; Lab code never runs on the host or sees a secret. Results come
 * from the runner's report, read after every process the tests left has been killed.
 */
export function makeRunTests(deps: LoomDeps) {
  return async function runTests(input: RunTestsInput): Promise<RunTestsResult> {
    const started = Date.now();
    const what = input.purpose === 'baseline' ? 'base' : input.purpose === 'lab' ? 'lab' : 'heldout';
    const why = input.purpose === 'lab' ? 'fetchBranch must complete before runTests' : input.purpose === 'heldOut' ? 'checkChange builds it first' : 'the base moved; start the generation again';
    const src = await sourceWith(deps, input.scope, what, input.ref, input.sha, why);
    if (!SAFE.test(input.sha)) throw new PermanentError(`not a commit id: ${input.sha}`);
    const planned = await runnerPlanAt(src, input.baseSha, input.testCommand, input.report);
    if ('refused' in planned) {
      const run = compactRun({ runner: 'unknown', how: 'refused', exitCode: -1, timedOut: false, problems: [planned.refused] }, []);
      return { run, counts: countsOf(run), ok: false, refused: planned.refused, command: input.testCommand, outputTail: '', durationMs: Date.now() - started };
    }
    const { plan } = planned;
    const role = CONTAINER_ROLE[input.purpose];
    const name = containerName(input.scope.runId, role, input.scope.candidate);
    const timeoutSec = input.timeoutSec ?? deps.testTimeoutSec;
    // The commit's files, listed once for every reading of this commit's runs.
    const commit = commitFiles(src, input.sha);
    // The perturbed run starts beside this one, in its own container, and compares once this one is read.
    const perturbation = input.perturb && plan.runner !== 'exit-code' ? drawPerturbation(randomInt, input.perturb.rebuilt) : undefined;
    const perturbedRole = input.perturb?.newAgainst ? 'perturbed-lab' : 'perturbed';
    const perturbedName = containerName(input.scope.runId, perturbedRole, input.scope.candidate);
    let settleClean: (run: TestRun | undefined) => void = () => {};
    const clean = new Promise<TestRun | undefined>((resolve) => (settleClean = resolve));
    const perturbed = perturbation
      ? (async () => {
          // Beside a Lab's run, a container only once the run has shown new tests to run there.
          const against = input.perturb?.newAgainst;
          if (against) {
            const run = await clean;
            if (!run || !newTests(run, against).ids.length) return undefined;
          }
          // The held-out run's tests that can see the change, the runner alone on their files, where the imports tell.
          const seeing = !against && input.perturb?.baseRun && plan.direct && !perturbation.rebuilt.length ? await testsSeeingChange(src, input.baseSha, input.sha, input.perturb.baseRun) : undefined;
          if (seeing && !seeing.length) return undefined;
          const box = await openVerificationContainer(deps, { scope: input.scope, sha: input.sha, role: perturbedRole, source: src, perturbation });
          return perturbedRun(box.container, { testCommand: input.testCommand, plan, perturbation, checkout: box.checkout, baseSha: input.baseSha, commit, baseCommit: commitFiles(src, input.baseSha), timeoutSec, mounts: input.scope.mounts, setupPaths: input.scope.setupPaths, ...(input.perturb?.newAgainst ? { newAgainst: input.perturb.newAgainst } : {}), ...(seeing ? { files: seeing } : {}) }, async () => {
            const run = await clean;
            if (!run) throw new Error('the held-out run ended without a result');
            return run;
          });
        })()
      : undefined;
    perturbed?.catch(() => undefined); // awaited below; a failure before then must not go unhandled
    try {
      const { container, checkout } = await openVerificationContainer(deps, { scope: input.scope, sha: input.sha, role, source: src });
      const out = await withHeartbeat(
        () => ({ step: 'tests', purpose: input.purpose, elapsedMs: Date.now() - started }),
        (async () => {
          const reportDir = newReportDir();
          const { command, env } = commandFor(input.testCommand, plan, reportDir);
          return runTestCommand(container, { command, env: runEnvironment(env), timeoutSec, setup: [checkout, plan.prepare].filter(Boolean).join(' && '), starvedIsFault: true, traceReads: true }, reportDir);
        })(),
      );
      // A failed checkout is Loom's problem, not the change's: retry.
      if (out.setupFailed) throw new Error(`could not check out ${input.sha.slice(0, 12)} to verify it (exit ${SETUP_FAILED}): ${out.setupFailed}`);
      // A run the kernel cut short for lack of memory is no verdict either way; the same limit would cut it again.
      const oomKills = out.exitCode === 0 ? 0 : await oomKillCount(container);
      if (oomKills > 0) {
        throw new PermanentError(`the test run of ${input.sha.slice(0, 12)} was cut short for lack of memory: the kernel killed ${oomKills} process${oomKills === 1 ? '' : 'es'} in the verification container, whose limit is ${DEFAULT_LIMITS.memoryBytes / 2 ** 30} GiB; this is not a verdict on the ${what === 'base' ? 'base' : 'change'} (a test suite that needs more memory cannot be verified here yet)`);
      }
      // A test is its file and its name: a report naming files the commit does not have was not
      // written by its runner alone.
      const read = await readRun(plan, out.reports, commit);
      // In the Lab's run, a test the change wrote that never ran fails in place (runners/go.ts).
      const unrun = input.purpose === 'lab' ? ((await runnerNamed(plan.runner)?.unrun?.(read, commit, commitFiles(src, input.baseSha), input.testCommand)) ?? []) : [];
      const parsed = unrun.length ? { ...read, cases: [...read.cases, ...unrun] } : read;
      // The base's Python: which module names an added file would take from what is installed.
      const importable = input.purpose === 'baseline' && runsPython(input.testCommand) ? await importableModules(container, input.testCommand) : undefined;
      const run = compactRun({ runner: plan.runner, how: `${plan.how}; the runner found in ${plan.via}`, exitCode: out.exitCode, timedOut: out.timedOut, problems: parsed.problems, ...(out.stillRunning ? { stillRunning: out.stillRunning } : {}), ...(parsed.assertions !== undefined ? { assertions: parsed.assertions } : {}), ...(parsed.runnerTotal !== undefined ? { runnerTotal: parsed.runnerTotal } : {}), ...(out.reads ? { reads: out.reads } : {}), ...(out.readsMs !== undefined ? { readsMs: out.readsMs } : {}), ...(out.rebuilt ? { rebuilt: out.rebuilt } : {}), ...(importable ? { importable } : {}) }, parsed.cases);
      settleClean(run);
      const counts = countsOf(run);
      const output = stripAnsi(`${out.stdout}\n${out.stderr}`);
      const ok = out.exitCode === 0 && !out.timedOut && counts.failed === 0 && reportProblems(run).length === 0;
      const hooksOff = hooksNotInForce(out.stderr);
      const result: RunTestsResult = { run, counts, ok, command: input.testCommand, outputTail: output.trim().slice(-4000), durationMs: Date.now() - started, ...(hooksOff.length ? { hooksOff } : {}) };
      // Before the planted faults move the checkout.
      if (input.vendorRoots?.length) result.vendor = await vendorCheck(container, input.vendorRoots);
      // Faults planted in unchanged code (they move the checkout): a run that judges must still
      // be able to fail. Only a readable run is worth probing.
      if (input.planted && input.planted.count > 0 && plan.runner !== 'exit-code' && !out.timedOut && run.cases.length > 0) {
        result.planted = await plantedStage({ baseSha: input.baseSha, sha: input.sha, testCommand: input.testCommand, baseRun: input.planted.baseRun, cleanRun: run, cleanRunMs: result.durationMs, count: input.planted.count, timeoutSec, mounts: input.scope.mounts, setupPaths: input.scope.setupPaths }, src, plan, container);
      }
      if (input.differential?.length || input.repetition?.length || input.examples?.length) {
        result.differential = await withHeartbeat(() => ({ step: 'differential check' }), differentialRun(container, { sha: input.sha, baseSha: input.baseSha, targets: input.differential ?? [], repeat: input.repetition, examples: input.examples, ...(plan.runner === 'pytest' ? { pytest: { dir: testsFolder(run.files) } } : {}), mounts: input.scope.mounts, setupPaths: input.scope.setupPaths }));
      }
      if (perturbed) result.perturbed = await withHeartbeat(() => ({ step: 'perturbed run', elapsedMs: Date.now() - started }), perturbed);
      return result;
    } finally {
      settleClean(undefined);
      // Working apart from Prime, the removal must happen here: cleanup may run on another Lab host.
      const names = perturbation ? [name, perturbedName] : [name];
      if (input.scope.exchange) {
        await perturbed?.catch(() => undefined);
        await Promise.all(names.map((n) => removeContainer(deps.docker, n)));
      } else {
        for (const n of names) removeContainerSoon(deps.docker, n);
      }
    }
  };
}

/** The folder most of a run's Python test files are in ('' for the root): where a test Loom adds meets their conftest.py. */
export function testsFolder(files: readonly string[]): string {
  const count = new Map<string, number>();
  for (const f of files.filter((x) => x.endsWith('.py'))) {
    const dir = f.includes('/') ? f.slice(0, f.lastIndexOf('/')) : '';
    count.set(dir, (count.get(dir) ?? 0) + 1);
  }
  return [...count].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length)[0]?.[0] ?? '';
}
