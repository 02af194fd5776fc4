import type { TestCountsRecord } from '../generation/record';
import { fileAt, reviewDiff } from '../git/gitWorkspace';
import { describeViolations, filesToInspect, fitness, guardChange, type Fitness, type GuardViolation } from '../verify/changeGuard';

export interface CheckChangeInput {
  repoPath: string;
  baseSha: string;
  labSha: string;
  baseline: TestCountsRecord;
  tests: TestCountsRecord;
  testCommand: string;
}

export interface CheckChangeResult {
  violations: GuardViolation[];
  /** Empty when the change is clean; otherwise the rejection reason. */
  reason: string;
  fitness: Fitness;
  durationMs: number;
}

/**
 * The anti-gaming rules, applied whatever the reviewer would say: no lost or skipped
 * tests, no assertions that cannot fail, no weakened test configuration, no new
 * dependencies the sealed Lab could not have installed.
 */
export async function checkChange(input: CheckChangeInput): Promise<CheckChangeResult> {
  const started = Date.now();
  const diff = await reviewDiff(input.repoPath, input.baseSha, input.labSha);
  const files: Record<string, { base?: string; lab?: string }> = {};
  for (const path of filesToInspect(diff)) {
    files[path] = { base: await fileAt(input.repoPath, input.baseSha, path), lab: await fileAt(input.repoPath, input.labSha, path) };
  }
  const violations = guardChange({ diff, base: input.baseline, lab: input.tests, files, testCommand: input.testCommand });
  return {
    violations,
    reason: violations.length ? describeViolations(violations) : '',
    fitness: fitness(input.baseline, input.tests, violations, diff),
    durationMs: Date.now() - started,
  };
}
