// Mutation testing as a step of its own, asked for only once every other verdict on the
// change has passed: a change the Lab's run, the held-out run, the planted faults or the
// differential check already reject costs no mutant run. It has its own sealed container
// with the Lab's commit, so any worker (a Lab machine among them) can take it.
import { PermanentError } from '../generation/errors';
import type { ActivityScope } from '../generation/activityScope';
import { execIn, removeContainer, removeContainerSoon } from '../lab/labContainer';
import type { ReportMode } from '../runners/runner';
import type { DifferentialTarget } from '../verify/differentialVerdict';
import type { TestRun } from '../verify/testResults';
import type { LoomDeps } from './deps';
import { sourceWith } from './labSource';
import { mutationStage, type MutationTestResult } from './mutationStage';
import { runnerPlanAt } from './runTests';
import { openVerificationContainer } from './verificationContainer';

export interface MutationTestsInput {
  scope: ActivityScope;
  /** The ref (on the host, or in the exchange) that must point at `labSha`. */
  ref: string;
  labSha: string;
  baseSha: string;
  testCommand: string;
  timeoutSec?: number;
  report: ReportMode;
  /** The baseline and the Lab's own run: which tests are new, and how long a run takes. */
  baseRun: TestRun;
  labRun: TestRun;
  labRunMs: number;
  maxMutants: number;
  /** The change's functions, with inputs near the tests' own: its surviving mutants are called like them. */
  calls?: DifferentialTarget[];
}

export function makeMutationTests(deps: LoomDeps) {
  return async function mutationTests(input: MutationTestsInput): Promise<MutationTestResult> {
    const started = Date.now();
    const src = await sourceWith(deps, input.scope, 'lab', input.ref, input.labSha, 'fetchBranch must complete before the mutation stage');
    const planned = await runnerPlanAt(src, input.baseSha, input.testCommand, input.report);
    // The Lab's run was read with the same plan, so a refusal here cannot happen after it passed.
    if ('refused' in planned) throw new PermanentError(`the mutation stage cannot read \`${input.testCommand}\`: ${planned.refused}`);
    const box = await openVerificationContainer(deps, { scope: input.scope, sha: input.labSha, role: 'mutation', source: src });
    try {
      const checkedOut = await execIn(box.container, ['bash', '-c', box.checkout], { timeoutSec: 300, maxOutputBytes: 16 * 1024 });
      // A failed checkout is Loom's problem, not the change's: retried.
      if (checkedOut.exitCode !== 0) throw new Error(`could not check out ${input.labSha.slice(0, 12)} for the mutation stage: ${checkedOut.stderr.trim().slice(-1000)}`);
      const measured = await mutationStage(
        { baseSha: input.baseSha, labSha: input.labSha, testCommand: input.testCommand, mounts: input.scope.mounts, setupPaths: input.scope.setupPaths, timeoutSec: input.timeoutSec ?? deps.testTimeoutSec, baseRun: input.baseRun, labRun: input.labRun, labRunMs: input.labRunMs, maxMutants: input.maxMutants, calls: input.calls },
        src,
        planned.plan,
        box.container,
      );
      // The step's time, its container and checkout included.
      return { ...measured, durationMs: Date.now() - started };
    } finally {
      // Working apart from Prime, the removal must happen here: cleanup may run on another Lab host.
      if (input.scope.exchange) await removeContainer(deps.docker, box.name);
      else removeContainerSoon(deps.docker, box.name);
    }
  };
}
