import { describe, expect, it } from 'vitest';
import { avaDisplayName, avaTestFiles, isAvaDefaultTestFile, parseAvaTap, placeAvaTests } from '../../../runners/ava';
import { parseRunReports } from '../../../runners/readRun';

const brief = (r: { cases: Array<{ file: string; name: string; status: string }> }) => r.cases.map((c) => `${c.file} > ${c.name}: ${c.status}`);

// TAP as ava 6 and tap 21 wrote it for a small project, cut down by hand.
const AVA_MULTI = `TAP version 13
ok 1 - sub \u203a more \u203a more \u203a nested title
ok 2 - calc \u203a skipped one # SKIP
not ok 3 - calc \u203a later # TODO
ok 4 - calc \u203a add
not ok 5 - calc \u203a broken
  ---
    name: AssertionError
    assertion: t.is()
    details:
      'Difference (- actual, + expected):': |-
        - 2
        + 3
    message: "\u001b[31msum is wrong\u001b[39m"
    at: >-
      ExecutionContext.is (file:///w/node_modules/ava/lib/assert.js:309:16)
  ...
not ok 6 - No tests found in test/empty.test.js

1..5
# tests 4
# pass 2
# skip 1
# fail 3
`;
const AVA_ONE = 'TAP version 13\nok 1 - add\nok 2 - subtract\n\n1..2\n# tests 2\n# pass 2\n# fail 0\n';
const AVA_FILES = ['test/calc.test.js', 'test/empty.test.js', 'test/sub/more.test.js'];

describe('ava', () => {
  it("reads ava's TAP: a test per point, skip and todo, the failure's first lines without colour codes", () => {
    const r = parseAvaTap(AVA_MULTI);
    expect(r.problems).toEqual([]);
    expect(brief(r)).toEqual([
      '(ava) > sub › more › more › nested title: passed',
      '(ava) > calc › skipped one: skipped',
      '(ava) > calc › later: todo',
      '(ava) > calc › add: passed',
      '(ava) > calc › broken: failed',
      '(ava) > No tests found in test/empty.test.js: failed',
    ]);
    expect(r.cases[4]!.message).toBe('sum is wrong\nt.is()\nDifference (- actual, + expected):\n- 2\n+ 3');
  });

  it('places each test in its file by the shortened path ava prefixes, and all in the one file when there is one', () => {
    const placed = placeAvaTests(parseAvaTap(AVA_MULTI).cases, AVA_FILES);
    expect(placed.problems).toEqual([]);
    expect(brief(placed)).toEqual([
      'test/sub/more.test.js > more › nested title: passed',
      'test/calc.test.js > skipped one: skipped',
      'test/calc.test.js > later: todo',
      'test/calc.test.js > add: passed',
      'test/calc.test.js > broken: failed',
      'test/empty.test.js > (file): failed',
    ]);
    expect(brief(placeAvaTests(parseAvaTap(AVA_ONE).cases, ['test/calc.test.js']))).toEqual(['test/calc.test.js > add: passed', 'test/calc.test.js > subtract: passed']);
    // Several candidate files but titles without a file: which one ran cannot be told.
    expect(placeAvaTests(parseAvaTap(AVA_ONE).cases, ['test/calc.test.js', 'test/other.test.js']).problems[0]).toMatch(/cannot tell which file each ava test is in \(add; subtract\)/);
    // Two files that shorten alike: refused, not guessed.
    expect(placeAvaTests(parseAvaTap(AVA_MULTI).cases, [...AVA_FILES, 'test/calc.spec.js']).problems[0]).toMatch(/cannot tell which file/);
    expect(avaDisplayName('test/__tests__/test-math.spec.mjs', 'test/', ['cjs', 'mjs', 'js'])).toBe('math');
  });

  it("finds ava's test files as its defaults or package.json say", () => {
    const tree = ['test/a.js', 'test/helpers/h.js', 'src/x.test.js', 'src/x.js', 'test.js', 'lib/_skip.test.js', 'node_modules/p/test/t.js', 'spec/a.spec.cjs', 'README.md'];
    expect(avaTestFiles(tree).files).toEqual(['test/a.js', 'src/x.test.js', 'test.js', 'spec/a.spec.cjs']);
    expect(avaTestFiles(tree, { ava: { files: ['src/**/*.test.js'] } }).files).toEqual(['src/x.test.js']);
    expect(isAvaDefaultTestFile('__tests__/__fixtures__/f.js')).toBe(false);
  });

  it('refuses points ava did not count: a forged pass, a second plan, a result after its counts', () => {
    const forgedPass = AVA_MULTI.replace('ok 4 - calc \u203a add', 'ok 4 - calc \u203a add\nok 5 - calc \u203a deleted').replace(/not ok 5 - calc › broken/, 'not ok 6 - calc › broken').replace('not ok 6 - No tests', 'not ok 7 - No tests');
    expect(parseAvaTap(forgedPass).problems).toEqual(['the ava report shows 3 passed and 1 skipped tests, but ava counted 2 and 1: something other than ava wrote to it']);
    expect(parseAvaTap(`${AVA_ONE}ok 3 - late\n`).problems[0]).toMatch(/results after ava's counts/);
    expect(parseAvaTap(`${AVA_ONE}${AVA_ONE}`).problems[0]).toMatch(/more than one plan/);
    expect(parseAvaTap('TAP version 13\nok 1 - add\n').problems[0]).toMatch(/ava stopped before it finished/);
    // npm's banner above the stream is not TAP and is passed over.
    expect(parseAvaTap(`\n> calc@1.0.0 test\n> ava --tap\n\n${AVA_ONE}`).problems).toEqual([]);
  });

  it('a direct run names the files it gave ava, and its report folder holds nothing else', () => {
    const r = parseRunReports('ava', { 'ava.tap': AVA_ONE, 'ava-files.txt': 'test/calc.test.js\n' });
    expect(brief(r)).toEqual(['test/calc.test.js > add: passed', 'test/calc.test.js > subtract: passed']);
    expect(parseRunReports('ava', { 'ava.tap': AVA_ONE, 'x.tap': AVA_ONE }).problems).toEqual(['the report folder holds files ava did not write: x.tap']);
  });
});
