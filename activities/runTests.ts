import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PermanentError } from '../generation/errors';
import type { TestCountsRecord } from '../generation/record';
import { bundleCommit, refSha } from '../git/gitWorkspace';
import { createSealedContainer, execIn, putFiles, removeContainer, removeContainerSoon } from '../lab/labContainer';
import { parseTestReport } from '../verify/testReport';
import { exchangeRef } from '../git/exchange';
import { commitSource } from './labSource';
import { containerName, dependencyMounts, labels, withHeartbeat, type LoomDeps } from './deps';

export interface RunTestsInput {
  repoPath: string;
  runId: string;
  generation: number;
  /** Branch on the host that must point at `sha`: the Lab's branch, or the base for the baseline. */
  branch: string;
  sha: string;
  testCommand: string;
  purpose: 'lab' | 'baseline';
  mounts?: string[];
  timeoutSec?: number;
  /** Set when the Lab worked apart: the commit is read from this exchange. */
  exchange?: string;
  /** The repository's own Lab image (loom.config.json), else the worker's. */
  labImage?: string;
  /** Best-of-K: which Lab's commit this is. */
  candidate?: number;
}

export interface RunTestsResult extends TestCountsRecord {
  /** Tests ran to completion and nothing failed. */
  ok: boolean;
  exitCode: number;
  timedOut: boolean;
  command: string;
  /** The last part of the output, for the record and the rejection reason. */
  outputTail: string;
  durationMs: number;
}

const OUTPUT_CAP = 256 * 1024;
const CHECKOUT_FAILED = 'loom: could not check out the commit to verify:';

// Checkout and test command in one exec (one round trip fewer). A failed checkout is
// Loom's problem, not the change's: it exits 197 with a line the runner recognises.
const VERIFY_SCRIPT = `cd /workspace && git init -q && git fetch -q --no-tags /tmp/verify.bundle "$1:refs/heads/verify" &&
  git checkout -q --detach "$2" && rm -f /tmp/verify.bundle && test "$(git rev-parse HEAD)" = "$2" ||
  { echo "${CHECKOUT_FAILED} $2" >&2; exit 197; }
exec bash -c "$3"
`;

/**
 * Runs the target's tests on the exact commit in a fresh sealed container: the Lab's
 * commit, or the base (the baseline every later comparison starts from). The
 * commit comes from the host's copy of the Lab branch, never from the user's working
 * copy, and Lab code never runs on the host or sees a secret.
 */
export function makeRunTests(deps: LoomDeps) {
  return async function runTests(input: RunTestsInput): Promise<RunTestsResult> {
    const started = Date.now();
    // Field report bugs 1 and 6: the branch must be on the host, at the verified SHA.
    const src = await commitSource(deps, input, input.purpose === 'lab' ? 'lab' : 'base');
    const onHost = input.exchange ? await refSha(src, exchangeRef(input.runId, input.purpose === 'lab' ? 'lab' : 'base', input.purpose === 'lab' ? input.candidate : undefined)) : await refSha(input.repoPath, `refs/heads/${input.branch}`);
    if (onHost !== input.sha) {
      const why = input.purpose === 'lab' ? 'fetchBranch must complete before runTests' : 'the base moved; start the generation again';
      throw new PermanentError(`${input.branch} is ${onHost ? `at ${onHost.slice(0, 12)}` : 'not'} on the host, expected ${input.sha.slice(0, 12)}: ${why}`);
    }
    const role = input.purpose === 'lab' ? 'verify' : 'baseline';
    const name = containerName(input.runId, role, input.candidate);
    const dir = await mkdtemp(join(deps.tmpDir ?? tmpdir(), 'loom-verify-'));
    try {
      const bundle = join(dir, 'verify.bundle');
      // The container starts while the bundle is written.
      const [container, ref] = await Promise.all([
        createSealedContainer(deps.docker, {
          image: input.labImage ?? deps.labImage,
          name,
          labels: labels(input.runId, input.generation, role, input.repoPath, deps.scope),
          readOnlyMounts: dependencyMounts(input.repoPath, input.mounts),
        }),
        bundleCommit(src, input.sha, `${input.runId}-${role}${input.candidate ? `-c${input.candidate}` : ''}`, bundle),
      ]);
      await putFiles(container, '/tmp', [{ name: 'verify.bundle', content: await readFile(bundle) }]);

      const timeoutSec = input.timeoutSec ?? deps.testTimeoutSec ?? 600;
      const run = await withHeartbeat(
        () => ({ step: 'tests', elapsedMs: Date.now() - started }),
        execIn(container, ['bash', '-c', VERIFY_SCRIPT, 'verify', ref, input.sha, input.testCommand], { timeoutSec, maxOutputBytes: OUTPUT_CAP, keepTail: true }),
      );
      if (run.exitCode === 197 && run.stderr.includes(CHECKOUT_FAILED)) throw new Error(`${run.stderr.trim().slice(-1000)}`);
      const output = `${run.stdout}\n${run.stderr}`;
      const counts = parseTestReport(output) ?? { runner: 'unknown', passed: 0, failed: 0, skipped: 0, total: 0 };
      return {
        ...counts,
        ok: run.exitCode === 0 && !run.timedOut && counts.failed === 0,
        exitCode: run.exitCode,
        timedOut: run.timedOut,
        command: input.testCommand,
        outputTail: output.trim().slice(-4000),
        durationMs: Date.now() - started,
      };
    } finally {
      await rm(dir, { recursive: true, force: true });
      // Working apart from Prime, the removal must happen here: cleanup may run on another Lab host.
      if (input.exchange) await removeContainer(deps.docker, name);
      else removeContainerSoon(deps.docker, name);
    }
  };
}
