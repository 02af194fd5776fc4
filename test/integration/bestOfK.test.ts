import { expect, it } from 'vitest';
import { startGeneration } from '../../client/generations';
import type { ScriptStep } from '../../model/modelScript';
import { startScriptedModelServer } from '../../model/scriptedModelServer';
import { exampleRepo, expectPromoted, git, headSha, leftoverContainers, runLoom, scriptedModels } from './harness';
import { APPROVE, MULTIPLY_EDIT, MULTIPLY_TEST } from './scripts';
import { describeWithWorker } from './suite';

// Fitness is what the tests catch: this Lab also tests clamp, so more mutants die.
const CLAMP_TOO: ScriptStep = {
  tool: 'write',
  input: {
    path: 'test/clamp.test.js',
    content: "import { test } from 'node:test';\nimport assert from 'node:assert/strict';\nimport { clamp } from '../src/calc.js';\n\ntest('clamp', () => {\n  assert.equal(clamp(12, 0, 10), 10);\n  assert.equal(clamp(-3, 0, 10), 0);\n  assert.equal(clamp(5, 0, 10), 5);\n});\n",
  },
};
const FAILING_TEST: ScriptStep = { tool: 'write', input: { path: 'test/broken.test.js', content: "import { test } from 'node:test';\nimport assert from 'node:assert/strict';\ntest('broken', () => assert.equal(1, 2));\n" } };

describeWithWorker('best-of-K: several Labs on one program.md', 'best-of-k', (h) => {

  it('verifies every Lab, promotes the fittest approved one, and records the others', async () => {
    const repo = await exampleRepo();
    const base = await headSha(repo);
    // One scripted channel per Lab: two good changes (the second also tests clamp) and a broken one.
    const model = await startScriptedModelServer({
      lab1: [MULTIPLY_EDIT, MULTIPLY_TEST, { text: 'Done.' }],
      lab2: [MULTIPLY_EDIT, FAILING_TEST, { text: 'Done.' }],
      lab3: [MULTIPLY_EDIT, MULTIPLY_TEST, CLAMP_TOO, { text: 'Done.' }],
      prime: [APPROVE, APPROVE],
    });
    try {
      const models = scriptedModels(model);
      const labModels = ['lab1', 'lab2', 'lab3'].map((c) => ({ model: models.lab.model, baseURL: model.baseUrl(c) }));
      const handle = await startGeneration(h.client, h.taskQueue, {
        repoPath: repo, baseRef: 'main', generation: 5, program: '# Add multiply\n\nAdd multiply(a, b) with tests.\n', settings: { models, testCommand: 'npm test', labModels },
      });
      const record = await handle.result();

      expect(record.candidates!.map((c) => [c.candidate, c.labBranch, c.outcome.kind])).toEqual([
        [1, 'lab/gen-5-c1', 'approved'],
        [2, 'lab/gen-5-c2', 'rejected'],
        [3, 'lab/gen-5-c3', 'approved'],
      ]);
      const [c1, c2, c3] = record.candidates!;
      expect(c2!.outcome).toMatchObject({ stage: 'runTests' });
      expect(c3!.fitness!.mutantsKilled).toBeGreaterThan(c1!.fitness!.mutantsKilled!);
      expect(c3!.fitness!.score).toBeGreaterThan(c1!.fitness!.score);
      expect(c3!.tests).toMatchObject({ passed: 5, failed: 0 });

      // The fittest approved Lab is promoted; main is exactly its commit, on the base.
      expect(record.chosenCandidate).toBe(3);
      expect(record.labBranch).toBe('lab/gen-5-c3');
      expect(record.labSha).toBe(c3!.labSha);
      expect(record.baseSha).toBe(base);
      await expectPromoted(repo, record);
      // Every Lab's branch stays for inspection; each ran in its own container, none left.
      for (const c of record.candidates!) expect(await headSha(repo, c.labBranch)).toBe(c.labSha);
      expect(new Set(record.candidates!.map((c) => c.labSha)).size).toBe(3);
      expect(await leftoverContainers(handle.workflowId)).toBe(0);

      // The cost is every Lab's and every review's.
      expect(model.requests.filter((r) => r.channel.startsWith('lab'))).toHaveLength(10);
      expect(record.usage.lab!.requests).toBe(10);
      expect(record.usage.prime!.requests).toBe(2);
      expect(record.costUsd).toBeCloseTo(record.candidates!.reduce((s, c) => s + c.costUsd, 0), 10);

      // loom show lists every Lab with how far it got.
      const shown = await runLoom(['show', '5', '--repo', repo], { PATH: process.env.PATH, HOME: process.env.HOME });
      expect(shown.code).toBe(0);
      expect(shown.out).toContain('Labs (best-of-3):');
      expect(shown.out).toMatch(/Lab 2 lab\/gen-5-c2 [0-9a-f]{10} rejected at runTests/);
      expect(shown.out).toMatch(/Lab 3 lab\/gen-5-c3 [0-9a-f]{10} approved, fitness [0-9.]+, tests 5\/5/);
    } finally {
      await model.close();
    }
  });

  it('promotes nothing when no Lab is approved, and says how far each got', async () => {
    const repo = await exampleRepo();
    const base = await headSha(repo);
    const model = await startScriptedModelServer({
      lab1: [MULTIPLY_EDIT, FAILING_TEST, { text: 'Done.' }],
      lab2: [{ text: 'I see nothing to change.' }],
      prime: [],
    });
    try {
      const models = scriptedModels(model);
      const handle = await startGeneration(h.client, h.taskQueue, {
        repoPath: repo, baseRef: 'main', generation: 6, program: '# Add multiply\n\nAdd multiply(a, b) with tests.\n',
        settings: { models, testCommand: 'npm test', labModels: ['lab1', 'lab2'].map((c) => ({ model: models.lab.model, baseURL: model.baseUrl(c) })) },
      });
      const record = await handle.result();
      expect(record.outcome).toMatchObject({ kind: 'rejected', stage: 'runTests', reason: expect.stringMatching(/^none of the 2 Labs was approved: Lab 1 rejected at runTests: .*; Lab 2 rejected at spawnLab: the Lab made no change/) });
      expect(record.chosenCandidate).toBe(1);
      expect(await headSha(repo)).toBe(base);
    } finally {
      await model.close();
    }
  });
});
