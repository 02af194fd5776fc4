import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { addMultiply, labScript, MULTIPLY_EDIT, verdict } from './scripts';
import { docker, exampleRepo, expectPromoted, git, headSha, leftoverContainers, reasonOf, runGeneration, waitForLab } from './harness';
import { describeWithWorker } from './suite';
import { LABEL_RUN } from '../../lab/containerLabels';

describeWithWorker('one generation end to end', 'generation', (h) => {
  let lastWorkflowId = '';
  afterEach(async () => {
    // Nothing of a finished generation is left behind, whatever its outcome.
    if (lastWorkflowId) expect(await leftoverContainers(lastWorkflowId)).toBe(0);
  });

  it('promotes a change that passes the tests and the review, with a full record', async () => {
    const repo = await exampleRepo();
    const base = await headSha(repo);
    const { record, model, workflowId } = await runGeneration(h, repo, addMultiply(), { generation: 72 });
    lastWorkflowId = workflowId;

    expect(workflowId).toMatch(/^loom-calc-[0-9a-f]{8}-gen-72$/);
    expect(record.baseSha).toBe(base);
    expect(record.labSha).not.toBe(base);
    // The target branch moved to one Loom commit of exactly the verified tree, on the base.
    const promoted = await expectPromoted(repo, record);
    expect(await headSha(repo, 'lab/gen-72')).toBe(record.labSha);
    expect(await git(repo, 'log', '-1', '--format=%B', promoted)).toBe(`Add multiply\n\nLoom-Generation: 72\nLoom-Lab-Commit: ${record.labSha}\nLoom-Verified-Tree: ${record.promotedTree}\n\n`);
    // Per-test evidence, by name: the held-out run of the base's tests, and the mutants caught.
    expect(record.verification).toMatchObject({
      runner: 'node',
      lab: { passed: 4, added: ['test/multiply.test.js > multiply', 'test/multiply.test.js > multiply negative'], lost: [] },
      heldOut: { sameAsLab: false, removed: 1, stillPassing: 2, basePassed: 2, changed: [] },
      mutation: { control: 'passed', vacuous: [] },
    });
    expect(record.verification!.mutation!.killed).toBe(record.verification!.mutation!.ran);
    expect(record.fitness).toMatchObject({ testsAdded: 2, mutantsKilled: record.verification!.mutation!.killed });

    // node --test: the 2 original tests plus the 2 the Lab wrote.
    expect(record.tests).toMatchObject({ runner: 'node', passed: 4, failed: 0, skipped: 0, total: 4, exitCode: 0, timedOut: false, command: 'npm test' });
    expect(record.review).toEqual({ verdict: 'APPROVED', confidence: 0.9, reasoning: expect.stringContaining('multiply') });

    // Usage is what the (scripted) API reported, priced per role's model.
    const labRequests = model.requests.filter((r) => r.channel === 'lab').length;
    expect(labRequests).toBe(4);
    expect(record.usage.lab).toMatchObject({ model: 'claude-opus-4-6', requests: 4 });
    expect(record.usage.lab!.inputTokens).toBeGreaterThan(100);
    expect(record.usage.lab!.costUsd).toBeCloseTo((record.usage.lab!.inputTokens * 5 + record.usage.lab!.outputTokens * 25) / 1e6, 10);
    expect(record.usage.prime).toMatchObject({ model: 'claude-sonnet-4-6', requests: 1 });
    expect(record.usage.prime!.costUsd).toBeCloseTo((record.usage.prime!.inputTokens * 3 + record.usage.prime!.outputTokens * 15) / 1e6, 10);
    expect(record.costUsd).toBeCloseTo(record.usage.lab!.costUsd + record.usage.prime!.costUsd, 10);
    for (const stage of ['spawnLab', 'fetchBranch', 'checkChange', 'runTests', 'heldOut', 'mutation', 'llmReview', 'promote'] as const) {
      expect(record.durationsMs[stage]).toBeGreaterThanOrEqual(0);
    }
    expect(record.program).toContain('Add multiply');
    // The promoted tree has the change and no task spec.
    const files = (await git(repo, 'ls-tree', '-r', '--name-only', 'main')).split('\n');
    expect(files).toContain('test/multiply.test.js');
    expect(files).not.toContain('program.md');
    expect(readFileSync(join(repo, 'src/calc.js'), 'utf8')).toContain('export function multiply');
  });

  it('works on a repository whose branch is master, the default name of a fresh git repository', async () => {
    const repo = await exampleRepo();
    await git(repo, 'branch', '-m', 'main', 'master');
    const { record, workflowId } = await runGeneration(h, repo, addMultiply(), { baseRef: 'master' });
    lastWorkflowId = workflowId;
    await expectPromoted(repo, record, 'master');
  });

  it('rejects at runTests when the Lab leaves a failing test, and main stays put', async () => {
    const repo = await exampleRepo();
    const base = await headSha(repo);
    const failing = {
      tool: 'write',
      input: { path: 'test/wrong.test.js', content: "import { test } from 'node:test';\nimport assert from 'node:assert/strict';\nimport { multiply } from '../src/calc.js';\ntest('wrong', () => { assert.equal(multiply(2, 2), 5); });\n" },
    };
    const { record, model, workflowId } = await runGeneration(h, repo, labScript([MULTIPLY_EDIT, failing]));
    lastWorkflowId = workflowId;
    expect(record.outcome).toMatchObject({ kind: 'rejected', stage: 'runTests' });
    expect(record.tests).toMatchObject({ passed: 2, failed: 1, total: 3 });
    // The reason names the failing test and what it said, without colour codes.
    expect(reasonOf(record)).toMatch(/^`npm test` on the Lab's tree: tests-failed: 1 failed: test\/wrong\.test\.js > wrong \(Expected values to be strictly equal: 4 !== 5\)/);
    expect(reasonOf(record)).not.toMatch(/\x1b\[/);
    expect(await headSha(repo)).toBe(base);
    // The reviewer is never asked about a change that failed its tests.
    expect(model.requests.filter((r) => r.channel === 'prime')).toHaveLength(0);
  });

  it('does not promote what the reviewer rejects, and records why', async () => {
    const repo = await exampleRepo();
    const base = await headSha(repo);
    const { record, workflowId } = await runGeneration(h, repo, addMultiply([verdict('REJECTED', 'multiply ignores the requested overflow check', 0.8)]));
    lastWorkflowId = workflowId;
    expect(record.outcome).toEqual({ kind: 'rejected', stage: 'llmReview', reason: 'multiply ignores the requested overflow check' });
    expect(record.tests?.passed).toBe(4);
    expect(record.review).toMatchObject({ verdict: 'REJECTED', confidence: 0.8 });
    expect(await headSha(repo)).toBe(base);
    // The verified change is still on the host for a person to look at.
    expect(await headSha(repo, 'lab/gen-1')).toBe(record.labSha);
  });

  it('treats an unparseable review as a rejection, never a promotion', async () => {
    const repo = await exampleRepo();
    const { record, workflowId } = await runGeneration(h, repo, addMultiply([{ tool: 'submit_verdict', input: { verdict: 'LGTM', confidence: 'high', reasoning: 'ok' } }]));
    lastWorkflowId = workflowId;
    expect(record.outcome).toMatchObject({ kind: 'rejected', stage: 'llmReview' });
    expect(record.review?.reasoning).toMatch(/unparseable verdict/);
  });

  it('does not promote when the target branch moved during the generation', async () => {
    const repo = await exampleRepo();
    let moved = '';
    const { record, workflowId } = await runGeneration(h, repo, addMultiply(), {}, async (id) => {
      // Someone commits to main while the Lab works (its base already resolved).
      await waitForLab(id);
      await git(repo, 'commit', '--allow-empty', '-q', '-m', 'meanwhile, a human commit');
      moved = await headSha(repo);
    });
    lastWorkflowId = workflowId;
    expect(record.outcome).toMatchObject({ kind: 'rejected', stage: 'promote' });
    expect(reasonOf(record)).toMatch(/main moved during the generation/);
    expect(await headSha(repo)).toBe(moved);
  });

  it('fails with a clear reason, and leaves nothing, when the base ref does not exist', async () => {
    const repo = await exampleRepo();
    const { record, workflowId } = await runGeneration(h, repo, addMultiply(), { baseRef: 'no-such-branch' });
    lastWorkflowId = workflowId;
    expect(record.outcome).toMatchObject({ kind: 'failed', stage: 'resolveBase' });
    expect(reasonOf(record)).toBe('there is no branch no-such-branch: pass --base one of: main');
    const containers = await docker.listContainers({ all: true, filters: { label: [LABEL_RUN] } });
    expect(containers.filter((c) => c.Labels[LABEL_RUN] === workflowId)).toHaveLength(0);
  });
});
