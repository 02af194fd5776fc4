import { bundleWorkflowCode } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { WORKFLOWS_PATH } from '../../../worker/worker';

describe('the workflow code', () => {
  // The workflows judge the verdicts themselves, with verify/'s pure rules: a rule that pulls in
  // a parser, a file or a node: module would make every worker fail at start.
  it('bundles, with none of the modules only activities may load', async () => {
    const { code } = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: { trace() {}, debug() {}, info() {}, warn() {}, error() {} } as never });
    expect(code).toContain('judgeMeasuredMutants');
    expect(code).not.toContain('@stryker-mutator');
  }, 120_000);
});
