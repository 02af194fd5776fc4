import { expect, it } from 'vitest';
import { bash, labScript, MULTIPLY_EDIT, MULTIPLY_TEST, read, write } from './scripts';
import { exampleRepo, leftoverContainers, runGeneration } from './harness';
import { describeWithWorker } from './suite';

// Large content lives in git and on disk; what travels between the workflow and its
// activities is bounded. A change with a big file, or a test run that prints a lot, reaches a
// verdict like any other change instead of failing the generation on Temporal's payload limit.
describeWithWorker('large content reaches a verdict', 'large-content', (h) => {
  it('judges a change that adds a 3 MB source module, through every step', async () => {
    const repo = await exampleRepo();
    // A 3 MB source module the tests import: the capability scan, the mutants and the review all see it.
    const big = bash(`mkdir -p src && node -e "const fs=require('fs'); fs.writeFileSync('src/words.js', 'export const WORDS = [\\n' + Array.from({length: 200000}, (_, i) => '  \\'word' + i + '\\',').join('\\n') + '\\n];\\n\\nexport function wordAt(i) {\\n  return WORDS[i];\\n}\\n')" && ls -l src`);
    const wordsTest = write('test/words.test.js', "import { test } from 'node:test';\nimport assert from 'node:assert/strict';\nimport { wordAt } from '../src/words.js';\n\ntest('wordAt', () => {\n  assert.equal(wordAt(7), 'word7');\n  assert.equal(wordAt(199999), 'word199999');\n});\n");
    const { record, workflowId } = await runGeneration(h, repo, labScript([read('src/calc.js'), big, wordsTest, MULTIPLY_EDIT, MULTIPLY_TEST]));
    expect(await leftoverContainers(workflowId)).toBe(0);
    // A verdict, promoted or rejected by a rule, not a failed generation.
    expect(['promoted', 'rejected']).toContain(record.outcome.kind);
    expect(record.diffStat ?? '').toContain('src/words.js');
    expect(record.labSha).toBeTruthy();
  });

  it('judges a change that adds a 5 MB data file', async () => {
    const repo = await exampleRepo();
    const big = bash(`mkdir -p data && node -e "require('fs').writeFileSync('data/words.txt', Array.from({length: 500000}, (_, i) => 'word' + i).join('\\\\n'))"`);
    const { record, workflowId } = await runGeneration(h, repo, labScript([read('src/calc.js'), big, MULTIPLY_EDIT, MULTIPLY_TEST]));
    expect(await leftoverContainers(workflowId)).toBe(0);
    expect(record.outcome.kind).toBe('promoted');
    expect(record.diffStat ?? '').toContain('data/words.txt');
  });

  it('judges a change whose tests print 20 MB', async () => {
    const repo = await exampleRepo();
    const noisy = {
      tool: 'write',
      input: {
        path: 'test/noisy.test.js',
        content:
          "import { test } from 'node:test';\nimport assert from 'node:assert/strict';\nimport { multiply } from '../src/calc.js';\n\n" +
          "test('multiply, loudly', () => {\n  const line = 'x'.repeat(1023) + '\\n';\n  for (let i = 0; i < 20 * 1024; i++) process.stdout.write(line);\n  assert.equal(multiply(6, 7), 42);\n});\n",
      },
    };
    const { record, workflowId } = await runGeneration(h, repo, labScript([read('src/calc.js'), MULTIPLY_EDIT, MULTIPLY_TEST, noisy]));
    expect(await leftoverContainers(workflowId)).toBe(0);
    expect(['promoted', 'rejected']).toContain(record.outcome.kind);
    expect(record.tests?.passed).toBeGreaterThanOrEqual(4);
  });
});
