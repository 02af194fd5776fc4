// The perturbed run (verify/perturbation.ts says why), in a container of its own with its
// own host name and the workspace at another path, beside the held-out run. When a test
// passes there and not here, the base's own code is tried in the same environment. Beside a
// Lab's run whose held-out run is another, only the Lab's new tests are run there, with their files.
import type Docker from 'dockerode';
import { execIn } from '../lab/labContainer';
import { newReportDir, runTestCommand } from '../lab/verifyRun';
import { cleanBuildStep, describePerturbation, FAKETIME_GLOB, newTests, perturbedDifferences, perturbedPrefix, type Perturbation, type PerturbedResult } from '../verify/perturbation';
import { readRun } from '../runners/readRun';
import { commandFor, directCommand } from '../runners/runCommand';
import type { CommitFiles, RunnerPlan } from '../runners/runner';
import { runEnvironment } from '../verify/runEnvironment';
import { caseMap, compactRun, type TestRun } from '../verify/testResults';
import { testsReachingChange } from '../verify/changeReach';
import { isJsLike } from '../verify/jsImports';
import { parseJsonObject } from '../verify/protectedSurface';
import { lsTree, readFiles } from '../git/gitObjects';
import { gitIn } from '../git/gitCommand';
import { artifactExclusions } from '../git/reviewDiff';
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
  /** The base's own run: set beside a Lab's run, whose new tests (those it lacks) are all that run here. */
  newAgainst?: TestRun;
  /** Only these test files, the runner alone (those that reach the change); all of them when unset. */
  files?: string[];
}

/**
 * The test files worth running in another environment: those whose imports reach what the
 * change touched (verify/changeReach.ts). The others run the base's own code, so a verdict
 * they change there is the environment's, never the change's. Undefined: every test.
 */
export async function testsSeeingChange(src: string, baseSha: string, sha: string, baseRun: Pick<TestRun, 'files' | 'reads'>): Promise<string[] | undefined> {
  if (!baseRun.reads) return undefined;
  const [tree, changed] = await Promise.all([lsTree(src, sha), gitIn(src).text(['diff', '--name-only', '--no-renames', baseSha, sha, '--', '.', ...artifactExclusions()])]);
  const files = new Set([...tree].filter(([, e]) => e.type === 'blob').map(([p]) => p));
  const contents = await readFiles(src, sha, [...files].filter((p) => isJsLike(p) || p === 'package.json'));
  const pkg = parseJsonObject(contents.get('package.json'));
  const selfName = pkg && pkg !== 'invalid' && typeof pkg.name === 'string' ? pkg.name : undefined;
  // A report that names its tests by something other than their files (a package, a class) cannot say which ran.
  if (!baseRun.files.length || baseRun.files.some((f) => !files.has(f))) return undefined;
  return testsReachingChange({ tests: baseRun.files, changed: changed.split('\n').filter(Boolean), files, read: (p) => contents.get(p), runReads: new Set(baseRun.reads), selfName });
}

async function runOnce(container: Docker.Container, spec: PerturbedSpec, setup: string, commit: CommitFiles, files?: string[]): Promise<TestRun> {
  const reportDir = newReportDir();
  const direct = files?.length ? directCommand(spec.plan, files, reportDir) : undefined;
  const { command, env } = direct ?? commandFor(spec.testCommand, spec.plan, reportDir);
  // A workspace a mount made is root's: git must still check it out.
  const trust = { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'safe.directory', GIT_CONFIG_VALUE_0: spec.perturbation.workspace };
  const out = await runTestCommand(container, { command: `${perturbedPrefix(spec.perturbation)}${command}`, env: { ...runEnvironment(env), ...trust }, timeoutSec: spec.timeoutSec, setup, workspace: spec.perturbation.workspace, starvedIsFault: true }, reportDir);
  if (out.setupFailed) throw new Error(`the perturbed run could not be set up: ${out.setupFailed}`);
  const parsed = await readRun(spec.plan, out.reports, commit, { workspace: spec.perturbation.workspace, ...(direct ? { runs: 1 } : {}) });
  return compactRun({ runner: spec.plan.runner, how: spec.plan.how, exitCode: out.exitCode, timedOut: out.timedOut, problems: parsed.problems }, parsed.cases);
}

/** Runs the tests perturbed; `clean` is the held-out run's result, awaited only once this run is done. */
export async function perturbedRun(container: Docker.Container, spec: PerturbedSpec, clean: () => Promise<TestRun>): Promise<PerturbedResult | undefined> {
  const started = Date.now();
  const clock = await execIn(container, ['sh', '-c', `ls ${FAKETIME_GLOB}`], { timeoutSec: 20, workdir: '/', maxOutputBytes: 4096 });
  let description = describePerturbation(spec.perturbation, clock.exitCode === 0);
  const setup = [spec.checkout, cleanBuildStep(spec.perturbation), spec.plan.prepare].filter(Boolean).join(' && ');
  if (spec.newAgainst) {
    // The clock stays: there is no base to tell a test that needs the date from one libfaketime
    // breaks (Python's time.sleep fails with EINVAL under it), so only the other facts move.
    const kept = { ...spec, perturbation: { ...spec.perturbation, clockDays: 0 } };
    const cleanRun = await clean();
    const fresh = newTests(cleanRun, spec.newAgainst);
    if (!fresh.ids.length) return undefined;
    // The runner alone on the files that hold them, where their names are files of the commit.
    const paths = await spec.commit.paths();
    const run = await runOnce(container, kept, setup, spec.commit, fresh.files.every((f) => paths.has(f)) ? fresh.files : undefined);
    const differing = perturbedDifferences(cleanRun, run).filter((id) => fresh.ids.includes(id));
    return { run, description: describePerturbation(kept.perturbation, false), differing, newOnly: fresh.ids.length, durationMs: Date.now() - started };
  }
  if (spec.files) description = `${description}; only the ${spec.files.length} test file${spec.files.length === 1 ? '' : 's'} whose imports reach the change`;
  const run = await runOnce(container, spec, setup, spec.commit, spec.files);
  const cleanRun = await clean();
  const ran = spec.files ? new Set(spec.files) : undefined;
  const cases = caseMap(cleanRun);
  const differing = perturbedDifferences(cleanRun, run).filter((id) => !ran || ran.has(cases.get(id)!.file));
  if (!differing.length) return { run, description, differing, durationMs: Date.now() - started };
  // Some test changed its verdict: does the base's own code keep it in this environment?
  const baseSetup = [resetTo(spec.baseSha, keptPaths(spec.mounts, spec.setupPaths), true), cleanBuildStep(spec.perturbation), spec.plan.prepare].filter(Boolean).join(' && ');
  const baseRun = await runOnce(container, spec, baseSetup, spec.baseCommit, spec.files);
  return { run, description, differing, baseRun, durationMs: Date.now() - started };
}
