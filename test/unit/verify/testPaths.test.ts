import { describe, expect, it } from 'vitest';
import { isEvaluationPath, isTestFile } from '../../../verify/testPaths';

describe('the evaluation side of a repository', () => {
  it('knows test files by the conventions runners use, and fixtures, helpers and configs beside them', () => {
    for (const p of ['test/a.js', 'src/a.test.ts', 'src/a.spec.js', 'pkg/__tests__/x.js', 'lib/a_test.go', 'tests/test_a.py', 'src/a-test.js', 'test.js', 'conftest.py']) expect(isTestFile(p), p).toBe(true);
    for (const p of ['src/a.js', 'src/testing.js', 'latest.js', 'src/contest.py']) expect(isTestFile(p), p).toBe(false);
    expect(isEvaluationPath('src/__fixtures__/a.json')).toBe(true);
    expect(isEvaluationPath('vitest.config.ts')).toBe(true);
    expect(isEvaluationPath('checks/a.check.js', new Set(['checks/a.check.js']))).toBe(true);
    expect(isEvaluationPath('src/a.js')).toBe(false);
  });
});
