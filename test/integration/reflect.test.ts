import Anthropic from '@anthropic-ai/sdk';
import { ApplicationFailure } from '@temporalio/common';
import { afterAll, describe, expect, it } from 'vitest';
import { makeReflect } from '../../activities/reflect';
import { parseProgram } from '../../program/parseProgram';
import { taskKey } from '../../program/programSpec';
import { startScriptedModelServer } from '../../model/scriptedModelServer';
import { DEFAULT_TEST_TIMEOUT_SEC } from '../../config/workSettings';
import { docker, exampleRepo, removeTempRepos } from './harness';
import { program } from './scripts';

// Reflect against real git and the real SDK (scripted model); no Temporal or Docker needed.
const reflect = makeReflect({
  docker,
  labImage: 'unused',
  testTimeoutSec: DEFAULT_TEST_TIMEOUT_SEC,
  anthropicFor: (_role, model) => new Anthropic({ apiKey: 'scripted', baseURL: model.baseURL, maxRetries: 0 }),
});

function lastToolResult(body: { messages: Array<{ role: string; content: unknown }> }): string {
  const last = body.messages.at(-1)!;
  const block = (last.content as Array<{ type: string; content?: string; is_error?: boolean }>).find((b) => b.type === 'tool_result');
  return block?.is_error ? String(block.content) : '';
}

describe('reflect', () => {
  afterAll(removeTempRepos);

  it('feeds an invalid spec back with its errors, then accepts the corrected one', async () => {
    const repo = await exampleRepo();
    const model = await startScriptedModelServer({
      prime: [
        { tool: 'submit_program', input: { title: 'T', task: 'short', acceptance_criteria: [], risk: 'tests' } },
        program('Add tests for clamp', 'Add tests for clamp(value, min, max) in src/calc.js.', 'tests', ['three branches covered']),
      ],
    });
    try {
      const r = await reflect({ repoPath: repo, baseRef: 'main', generation: 1, model: { model: 'claude-sonnet-4-6', baseURL: model.baseUrl('prime') }, testCommand: 'npm test', recent: [], rejectedTaskKeys: [], promotedSoFar: 0 });
      expect(r.attempts).toBe(2);
      expect(r.title).toBe('Add tests for clamp');
      expect(parseProgram(r.program).problems).toEqual([]);
      expect(r.usage.requests).toBe(2);
      // The model saw the repository, and then exactly what was wrong.
      const [first, second] = model.requests.map((q) => q.body);
      expect(JSON.stringify(first.messages)).toContain('src/calc.js');
      expect(JSON.stringify(first.messages)).toContain('Current rung of the ladder: tests');
      const feedback = lastToolResult(second);
      expect(feedback).toMatch(/Acceptance criteria/);
      expect(feedback).toMatch(/title/i);
    } finally {
      await model.close();
    }
  });

  it('writes the tests a behaviour change may change into program.md, where verification reads them', async () => {
    const repo = await exampleRepo();
    const step = program('Make subtract saturate at zero', 'Change subtract in src/calc.js to return 0 instead of a negative number.', 'refactor');
    (step.input as Record<string, unknown>).tests_that_may_change = ['test/calc.test.js > subtract'];
    const model = await startScriptedModelServer({ prime: [step] });
    try {
      const r = await reflect({ repoPath: repo, baseRef: 'main', generation: 2, model: { model: 'claude-sonnet-4-6', baseURL: model.baseUrl('prime') }, testCommand: 'npm test', recent: [], rejectedTaskKeys: [], promotedSoFar: 1 });
      expect(r.program).toContain('## Tests that may change\n- test/calc.test.js > subtract\n');
      expect(parseProgram(r.program).spec?.testsThatMayChange).toEqual(['test/calc.test.js > subtract']);
      // The model is told how its spec is enforced.
      const tool = (model.requests[0]!.body.tools as Array<{ name: string; input_schema: { properties: Record<string, unknown> } }>).find((t) => t.name === 'submit_program')!;
      expect(Object.keys(tool.input_schema.properties)).toContain('tests_that_may_change');
    } finally {
      await model.close();
    }
  });

  it('does not accept a task that was rejected before, unchanged', async () => {
    const repo = await exampleRepo();
    const rejected = { title: 'Add multiply', task: 'Add multiply(a, b) to src/calc.js with a test.' };
    const model = await startScriptedModelServer({
      prime: [program(rejected.title, rejected.task, 'feature'), program('Add multiply, with an overflow note', 'Add multiply(a, b) to src/calc.js, documenting large products, with a test.', 'feature')],
    });
    try {
      const r = await reflect({
        repoPath: repo,
        baseRef: 'main',
        generation: 2,
        model: { model: 'claude-sonnet-4-6', baseURL: model.baseUrl('prime') },
        testCommand: 'npm test',
        recent: [{ generation: 1, title: rejected.title, taskKey: taskKey(rejected), outcome: 'rejected', stage: 'llmReview', reason: 'no note on overflow', costUsd: 0.01 }],
        rejectedTaskKeys: [taskKey(rejected)],
        promotedSoFar: 3,
      });
      expect(r.title).toBe('Add multiply, with an overflow note');
      expect(r.taskKey).not.toBe(taskKey(rejected));
      const [first, second] = model.requests.map((q) => q.body);
      expect(JSON.stringify(first.messages)).toContain('no note on overflow');
      expect(lastToolResult(second)).toContain('already tried and not promoted');
    } finally {
      await model.close();
    }
  });

  it('gives up with a clear error after three invalid specs', async () => {
    const repo = await exampleRepo();
    const bad = { tool: 'submit_program', input: { title: 'x', task: 'y', acceptance_criteria: [], risk: 'tests' } };
    const model = await startScriptedModelServer({ prime: [bad, bad, bad] });
    try {
      const failure = await reflect({ repoPath: repo, baseRef: 'main', generation: 1, model: { model: 'claude-sonnet-4-6', baseURL: model.baseUrl('prime') }, testCommand: 'npm test', recent: [], rejectedTaskKeys: [], promotedSoFar: 0 }).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(ApplicationFailure);
      expect((failure as ApplicationFailure).message).toMatch(/reflect produced no valid program.md in 3 attempts/);
      // Not retried, and what it spent travels with it, for the loop's budget.
      expect(failure).toMatchObject({ type: 'PermanentError', nonRetryable: true });
      expect((failure as ApplicationFailure).details![0]).toMatchObject({ usage: { requests: 3, costUsd: expect.any(Number) } });
      expect(((failure as ApplicationFailure).details![0] as { usage: { costUsd: number } }).usage.costUsd).toBeGreaterThan(0);
    } finally {
      await model.close();
    }
  });
});

describe('reflect answering a wrong tool call', () => {
  afterAll(removeTempRepos);
  it('answers the stray tool call with an error result, as the API requires, and gets a program', async () => {
    const repo = await exampleRepo();
    const model = await startScriptedModelServer({
      prime: [{ tool: 'submit_verdict', input: { verdict: 'APPROVED' } }, program('Add tests for clamp', 'Add tests for clamp(value, min, max) in src/calc.js.')],
    });
    try {
      const r = await reflect({ repoPath: repo, baseRef: 'main', generation: 1, model: { model: 'claude-sonnet-4-6', baseURL: model.baseUrl('prime') }, testCommand: 'npm test', recent: [], rejectedTaskKeys: [], promotedSoFar: 0 });
      expect(r.attempts).toBe(2);
      expect(lastToolResult(model.requests[1]!.body)).toContain('unknown tool submit_verdict');
    } finally {
      await model.close();
    }
  });
});
