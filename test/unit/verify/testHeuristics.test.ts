import { describe, expect, it } from 'vitest';
import { parseDiff } from '../../../verify/diffParse';
import { trivialAssertions } from '../../../verify/testHeuristics';

describe('assertions that cannot fail (a backstop to mutation testing)', () => {
  it('flags literal-only assertions added to test files, and nothing in source', () => {
    const diff = (path: string, line: string) => `diff --git a/${path} b/${path}\n--- a/${path}\n+++ b/${path}\n@@ -1,1 +1,2 @@\n x\n+${line}\n`;
    expect(trivialAssertions(parseDiff(diff('test/a.test.js', 'assert.equal(1, 1);')))).toHaveLength(1);
    expect(trivialAssertions(parseDiff(diff('test/a.test.js', 'expect(true).toBe(true);')))).toHaveLength(1);
    expect(trivialAssertions(parseDiff(diff('test/a.test.js', 'assert.equal(add(1, 1), 2);')))).toEqual([]);
    expect(trivialAssertions(parseDiff(diff('src/a.js', 'assert.equal(1, 1);')))).toEqual([]);
  });
});
