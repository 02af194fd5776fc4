import { expect } from 'vitest';
import type { ScriptStep } from '../../model/modelScript';
import type { Form } from './attacks';
import { calcWith, git, type Harness, headSha, leftoverContainers, runGeneration } from './harness';
import { labScript, APPROVE } from './scripts';

/** Plays a hostile form against an approving reviewer: it must end unpromoted, for its reason, with main where it was. */
export async function expectStopped(h: Harness, form: Form): Promise<void> {
  const repo = await calcWith(form.base);
  const before = await headSha(repo);
  const steps: ScriptStep[] = form.steps;
  const { record, model, workflowId } = await runGeneration(h, repo, labScript(steps, [APPROVE]), {
    ...(form.program ? { program: form.program } : {}),
    ...(form.testCommand ? { settings: { testCommand: form.testCommand } } : {}),
  });
  const outcome = record.outcome as { kind: string; stage?: string; reason?: string };
  expect(outcome.kind, JSON.stringify(outcome)).not.toBe('promoted');
  expect(outcome.stage, outcome.reason).toBe(form.stage);
  expect(outcome.reason).toMatch(form.reason);
  // Rejection reasons are plain text.
  expect(outcome.reason).not.toMatch(/\x1b\[/);
  // The reviewer (who would have approved) was never asked: the mechanical gates decided.
  expect(model.requests.filter((r) => r.channel === 'prime')).toHaveLength(0);
  expect(await headSha(repo)).toBe(before);
  expect(await git(repo, 'for-each-ref', 'refs/loom/tmp/')).toBe('');
  expect(await leftoverContainers(workflowId)).toBe(0);
  // Whatever the tests printed, the record counts only what the runner reported; a forged
  // report is named as such in the reason.
  if (record.tests && !/report: /.test(outcome.reason ?? '')) expect(record.tests.total).toBeLessThan(20);
}
