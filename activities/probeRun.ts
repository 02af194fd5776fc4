// One extra run of the tests in a verification container, after its own run: a mutant, a
// planted fault, the base for comparison. Before it, everything a previous run left is
// gone: the workspace is put back at a commit (but for installed dependencies), and every
// folder the Lab user may write (/tmp, /var/tmp, the lock folders), its home (given back as
// the setup step left it) and shared memory are emptied. Results come from the runner's
// report, like every other run.
import type Docker from 'dockerode';
import { newReportDir, runTestCommand } from '../lab/verifyRun';
import { RESTORE_SETUP_HOME } from '../lab/setupSnapshot';
import { readRun } from '../runners/readRun';
import { runnerNamed } from '../runners/registry';
import { commandFor, directCommand } from '../runners/runCommand';
import type { CommitFiles, RunnerPlan } from '../runners/runner';
import { runEnvironment } from '../verify/runEnvironment';
import { compactRun, type TestRun } from '../verify/testResults';
import { shellQuote } from '../lab/shellQuote';

const q = shellQuote;

/** git clean's exceptions: mounted folders and what the setup step installed. */
export function keptPaths(mounts: string[] = [], setupPaths: string[] = []): string {
  return [...mounts.map((m) => `/${m.replace(/^\/+|\/+$/g, '')}/`), ...setupPaths.map((p) => `/${p}`)].map((p) => `-e ${q(p)}`).join(' ');
}

/** The shell step that puts the workspace back at `sha` and empties everything a run could have written. */
export function resetTo(sha: string, kept: string, moveHead = false): string {
  const checkout = moveHead ? `git checkout -q -f --detach ${sha}` : `git checkout -q -f ${sha} -- .`;
  return `${checkout} && git clean -q -ffdx ${kept} && find /tmp /var/tmp /var/lock /run/lock /dev/shm -mindepth 1 -maxdepth 1 -user "$(id -u)" -exec rm -rf {} + 2>/dev/null; find "$HOME" -mindepth 1 -maxdepth 1 -exec rm -rf {} + 2>/dev/null; ${RESTORE_SETUP_HOME}; true`;
}

/** The shell step that puts one file's content (already placed root-owned under /loom) into the workspace. */
export const placeFile = (from: string, file: string): string => `cp ${q(from)} ${q(file)}`;

export interface ProbeSpec {
  /** Shell steps before the run: reset, prepare, apply. */
  setup: string;
  /** Only these test files, through the runner alone, when it can run alone; otherwise the whole command. */
  files?: string[];
  timeoutSec: number;
  /** The workspace the container checked the commit out in. */
  workspace?: string;
  /** More environment for the run (NODE_V8_COVERAGE for the coverage run). */
  extraEnv?: Record<string, string>;
  /** The commit the workspace holds (a mutant or a fault aside): the tests are placed in its files. */
  commit: CommitFiles;
}

export interface ProbeOutcome {
  run: TestRun;
  /** The run could not be set up (Loom's problem, not the change's). */
  setupFailed?: string;
}

/** Runs the tests once more in `container` and reads the runner's report. */
export async function probeRun(container: Docker.Container, plan: RunnerPlan, testCommand: string, spec: ProbeSpec): Promise<ProbeOutcome> {
  const reportDir = newReportDir();
  const direct = spec.files?.length ? directCommand(plan, spec.files, reportDir) : undefined;
  const { command, env } = direct ?? commandFor(testCommand, plan, reportDir);
  // The runner's own time limit, under Loom's, where it has one that names the test it stopped in.
  const base = runEnvironment(env);
  const limit = runnerNamed(plan.runner)?.timeLimitEnv?.(spec.timeoutSec, base) ?? {};
  const out = await runTestCommand(container, { command, env: { ...base, ...limit, ...spec.extraEnv }, timeoutSec: spec.timeoutSec, setup: spec.setup, maxOutputBytes: 64 * 1024 }, reportDir);
  const parsed = await readRun(plan, out.reports, spec.commit, { workspace: spec.workspace, ...(direct ? { runs: 1 } : {}) });
  const run = compactRun({ runner: plan.runner, how: plan.how, exitCode: out.exitCode, timedOut: out.timedOut, problems: parsed.problems }, parsed.cases);
  return { run, ...(out.setupFailed ? { setupFailed: out.setupFailed } : {}) };
}
