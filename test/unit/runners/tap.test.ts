import { describe, expect, it } from 'vitest';
import { parseRunReports } from '../../../runners/readRun';
import { parseTapStream } from '../../../runners/tap';

const brief = (r: { cases: Array<{ file: string; name: string; status: string }> }) => r.cases.map((c) => `${c.file} > ${c.name}: ${c.status}`);

const TAP_RUN = `TAP version 14
1..3
# Subtest: test/calc.test.js
    # Subtest: add
        ok 1 - should be equal
        ok 2 - should be equal
        ok 3 - should be equal
        ok 4 - should be equivalent
        1..4
    ok 1 - add # time=3.671ms

    # Subtest: broken
        not ok 1 - sum is wrong
          ---
          compare: ===
          at:
            fileName: test/calc.test.js
            lineNumber: 3
          diff: |
            --- expected
            +++ actual
            @@ -1,1 +1,1 @@
            -3
            +2
          ...

        ok 2 - should be equal
        1..2
    not ok 2 - broken # time=10.022ms

    ok 3 - skipped one # SKIP
    ok 4 - later # TODO
    # Subtest: outer
        # Subtest: inner
            ok 1 - fine
            1..1
        ok 1 - inner # time=0.36ms

        1..1
    ok 5 - outer # time=1.043ms

    1..5
not ok 1 - test/calc.test.js # time=21.769ms
  ---
  exitCode: 1
  ...

# Subtest: test/flat.test.js
    ok 1 - should be equal
    ok 2 - top level
    1..2
ok 2 - test/flat.test.js # time=3.69ms

# Subtest: test/crash.test.js
    1..0
not ok 3 - test/crash.test.js # time=5ms
  ---
  exitCode: 1
  ...

1..3
# { total: 10, pass: 7, fail: 2, todo: 1, skip: 1 }
`;

describe('tap', () => {
  it('a test per subtest, however many assertions it makes; assertions counted apart', () => {
    const r = parseTapStream(TAP_RUN);
    expect(r.problems).toEqual([]);
    expect(brief(r)).toEqual([
      'test/calc.test.js > add: passed',
      'test/calc.test.js > broken: failed',
      'test/calc.test.js > outer: passed',
      'test/calc.test.js > outer > inner: passed',
      'test/calc.test.js > skipped one: skipped',
      'test/calc.test.js > later: todo',
      'test/flat.test.js > (top level): passed',
      'test/crash.test.js > (file): failed',
    ]);
    expect(r.assertions).toBe(9);
    expect(r.cases[1]!.message).toBe('sum is wrong\n--- expected\n+++ actual\n@@ -1,1 +1,1 @@\n-3\n+2');
    expect(r.cases.at(-1)!.message).toBe('exited 1');
  });

  it('a subtest a test printed into its file breaks that file\'s count, and the file fails', () => {
    const printed = TAP_RUN.replace('    ok 5 - outer # time=1.043ms\n', '    ok 5 - outer # time=1.043ms\n    # Subtest: deleted\n        ok 1 - x\n        1..1\n    ok 6 - deleted\n');
    const r = parseTapStream(printed);
    expect(r.cases.find((c) => c.file === 'test/calc.test.js' && c.name === '(file)')).toMatchObject({ status: 'failed', message: expect.stringMatching(/plan/) });
    expect(parseTapStream(TAP_RUN.slice(0, TAP_RUN.indexOf('# Subtest: test/flat'))).cases.length).toBeGreaterThan(0);
    expect(parseTapStream('# Subtest: test/a.js\n    ok 1 - x\n    1..1\nok 1 - test/a.js\n').problems[0]).toMatch(/no plan line/);
    expect(parseRunReports('tap', {}).problems[0]).toMatch(/^tap wrote no report \(tap\.tap is missing\)/);
  });
});
