// The perturbed run (verify/perturbation.ts says why), in a container of its own with its
// own host name and the workspace at another path, beside the held-out run. When a test
// passes there and not here, the base's own code is tried in the same environment.
import type Docker from 'dockerode';
import { execIn } from '../lab/labContainer';
import { newReportDir, runTestCommand } from '../lab/verifyRun';
import { cleanBuildStep, describePerturbation, FAKETIME_GLOB, perturbedDifferences, perturbedPrefix, type Perturbation, type PerturbedResult } from '../verify/perturbation';
import { readRun } from '../runners/readRun';
import { commandFor } from '../runners/runCommand';
import type { CommitFiles, RunnerPlan } from '../runners/runner';
import { runEnvironment } from '../verify/runEnvironment';
import { compactRun, type TestRun } from '../verify/testResults';
import { keptPaths, resetTo } from './probeRun';

export interface PerturbedSpec {
  testCommand: string;
  plan: RunnerPlan;
  perturbation: Perturbation;
  /** The checkout step of the container. */
  checkout: string;
  baseSha: string;
  /** The commit the container checked out, and the base's: the tests are placed in their files. */
  commit: CommitFiles;
  baseCommit: CommitFiles;
  timeoutSec: number;
  mounts?: string[];
  setupPaths?: string[];
}

async function runOnce(container: Docker.Container, spec: PerturbedSpec, setup: string, commit: CommitFiles): Promise<TestRun> {
  const reportDir = newReportDir();
  const { command, env } = commandFor(spec.testCommand, spec.plan, reportDir);
  // A workspace a mount made is root's: git must still check it out.
  const trust = { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'safe.directory', GIT_CONFIG_VALUE_0: spec.perturbation.workspace };
  const out = await runTestCommand(container, { command: `${perturbedPrefix(spec.perturbation)}${command}`, env: { ...runEnvironment(env), ...trust }, timeoutSec: spec.timeoutSec, setup, workspace: spec.perturbation.workspace, starvedIsFault: true }, reportDir);
  if (out.setupFailed) throw new Error(`the perturbed run could not be set up: ${out.setupFailed}`);
  const parsed = await readRun(spec.plan, out.reports, commit, { workspace: spec.perturbation.workspace });
  return compactRun({ runner: spec.plan.runner, how: spec.plan.how, exitCode: out.exitCode, timedOut: out.timedOut, problems: parsed.problems }, parsed.cases);
}

/** Runs the tests perturbed; `clean` is the held-out run's result, awaited only once this run is done. */
export async function perturbedRun(container: Docker.Container, spec: PerturbedSpec, clean: () => Promise<TestRun>): Promise<PerturbedResult> {
  const started = Date.now();
  const clock = await execIn(container, ['sh', '-c', `ls ${FAKETIME_GLOB}`], { timeoutSec: 20, workdir: '/', maxOutputBytes: 4096 });
  const description = describePerturbation(spec.perturbation, clock.exitCode === 0);
  const run = await runOnce(container, spec, [spec.checkout, cleanBuildStep(spec.perturbation), spec.plan.prepare].filter(Boolean).join(' && '), spec.commit);
  const differing = perturbedDifferences(await clean(), run);
  if (!differing.length) return { run, description, differing, durationMs: Date.now() - started };
  // Some test changed its verdict: does the base's own code keep it in this environment?
  const setup = [resetTo(spec.baseSha, keptPaths(spec.mounts, spec.setupPaths), true), cleanBuildStep(spec.perturbation), spec.plan.prepare].filter(Boolean).join(' && ');
  const baseRun = await runOnce(container, spec, setup, spec.baseCommit);
  return { run, description, differing, baseRun, durationMs: Date.now() - started };
}
