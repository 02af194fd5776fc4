import { describe, expect, it } from 'vitest';
import { casesOf, compactRun, crashMessage, countMismatch, countsOf, judgeHeldOut, judgeLabRun, reportProblems, summarizeRun, type TestCase } from '../../../verify/testResults';
import { testChangeRules } from '../../../program/declaredChanges';

const run = (cases: TestCase[], exitCode = cases.some((c) => c.status === 'failed') ? 1 : 0) => compactRun({ runner: 'node', how: 'test', exitCode, timedOut: false, problems: [] }, cases);
const pass = (file: string, name: string): TestCase => ({ file, name, status: 'passed' });
const fail = (file: string, name: string, message = 'boom'): TestCase => ({ file, name, status: 'failed', message });
const base = run([pass('test/calc.test.js', 'add'), pass('test/calc.test.js', 'subtract'), pass('test/clamp.test.js', 'clamp')]);

describe('per-test results', () => {
  it('counts every test, two of one name apart; a file with no tests is not a test', () => {
    const r = run([pass('a', 'x'), fail('a', 'x'), pass('b', '(file)'), { file: 'c', name: 'y', status: 'skipped' }]);
    expect(countsOf(r)).toEqual({ passed: 1, failed: 1, skipped: 1, total: 3 });
    expect(casesOf(r).map((c) => `${c.file} > ${c.name}: ${c.status}`)).toEqual(['a > x: passed', 'a > x #2: failed', 'b > (file): passed', 'c > y: skipped']);
    // A file-level result reported twice keeps its worst.
    expect(countsOf(run([pass('b', '(file)'), fail('b', '(file)')]))).toEqual({ passed: 0, failed: 1, skipped: 0, total: 1 });
  });

  it("a second test of the same name that goes missing is lost, not hidden by the first", () => {
    const before = run([pass('a', 'x'), pass('a', 'x')]);
    const after = run([pass('a', 'x')]);
    expect(countsOf(before).total).toBe(2);
    expect(judgeLabRun(before, after, []).lost).toEqual(['a > x #2']);
  });

  it("a go table case without a name that goes is said as one of its test's unnamed cases, not by the number that moved", () => {
    const goRun = (n: number) => ({ ...run([pass('.', 'TestNamed'), ...Array.from({ length: n }, (_, i) => pass('.', `TestTable > #${String(i).padStart(2, '0')}`))]), runner: 'go' });
    const j = judgeLabRun(goRun(59), goRun(58), []);
    expect(j.lost).toEqual(['. > TestTable > #58']);
    expect(j.violations[0]!.detail).toBe('1 test that passed on the base did not run: . > TestTable: 1 of its 59 unnamed cases (go numbers them #00, #01, … in table order, so which one went cannot be named; 58 ran)');
    // A named subtest, and another runner, are named as they are.
    expect(judgeLabRun({ ...goRun(2), runner: 'node' }, { ...goRun(1), runner: 'node' }, []).violations[0]!.detail).toMatch(/did not run: \. > TestTable > #01$/);
  });

  it("Loom's count beside the runner's own: a difference is a warning", () => {
    const r = { ...run([pass('a', 'x'), pass('a', 'y'), fail('b', '(file)')], 1), runnerTotal: 2 };
    expect(countMismatch(r)).toBeUndefined();
    expect(summarizeRun(r).runnerTotal).toBe(2);
    expect(countMismatch({ ...r, runnerTotal: 3 })).toBe('Loom read 2 tests where node counted 3');
    expect(summarizeRun({ ...r, runnerTotal: 3 }).countWarning).toBe('Loom read 2 tests where node counted 3');
    expect(countMismatch(run([pass('a', 'x')]))).toBeUndefined();
  });

  it('a report that contradicts the exit code, or names no test, is a problem', () => {
    expect(reportProblems(run([fail('a', 'x')], 0))).toEqual(['the runner exited 0 but its report shows 1 failed test']);
    expect(reportProblems(run([pass('a', 'x')], 1))[0]).toMatch(/exited 1 but the node report shows no failed test/);
    expect(reportProblems(run([]))).toEqual(['the node report names no test']);
  });
});

describe("the Lab's run", () => {
  it('an honest change keeps every base test and adds its own', () => {
    const lab = run([...base.cases.map(([i, n]) => pass(base.files[i]!, n)), pass('test/multiply.test.js', 'multiply')]);
    expect(judgeLabRun(base, lab, [])).toEqual({ violations: [], added: ['test/multiply.test.js > multiply'], lost: [] });
  });

  it('a lost test is named even when new tests keep the count', () => {
    const lab = run([pass('test/calc.test.js', 'add'), pass('test/clamp.test.js', 'clamp'), pass('test/pad.test.js', 'pad 1'), pass('test/pad.test.js', 'pad 2')]);
    const j = judgeLabRun(base, lab, []);
    expect(j.violations).toEqual([{ rule: 'tests-lost', detail: '1 test that passed on the base did not run: test/calc.test.js > subtract' }]);
  });

  it('a renamed test file loses its tests by name; a skipped one is named too', () => {
    const renamed = run([pass('test/arith.test.js', 'add'), pass('test/arith.test.js', 'subtract'), pass('test/clamp.test.js', 'clamp')]);
    expect(judgeLabRun(base, renamed, []).violations[0]!.detail).toMatch(/2 tests .*test\/calc\.test\.js > add; test\/calc\.test\.js > subtract/);
    // Unless git sees the file as moved: then its tests went with it, and are not new.
    expect(judgeLabRun(base, renamed, [], { 'test/calc.test.js': 'test/arith.test.js' })).toEqual({ violations: [], added: [], lost: [] });
    const skipped = run([pass('test/calc.test.js', 'add'), { file: 'test/calc.test.js', name: 'subtract', status: 'skipped' }, pass('test/clamp.test.js', 'clamp')]);
    expect(judgeLabRun(base, skipped, []).violations).toEqual([{ rule: 'tests-skipped', detail: '1 test that passed on the base are now skipped: test/calc.test.js > subtract' }]);
  });

  it('tests declared in program.md may change', () => {
    const lab = run([pass('test/calc.test.js', 'add'), pass('test/clamp.test.js', 'clamp')]);
    expect(judgeLabRun(base, lab, testChangeRules(['test/calc.test.js > subtract'])).violations).toEqual([]);
    expect(judgeLabRun(base, lab, testChangeRules(['test/calc.test.js'])).violations).toEqual([]);
    expect(judgeLabRun(base, lab, testChangeRules(['subtract'])).violations).toEqual([]);
    expect(judgeLabRun(base, lab, testChangeRules(['test/other.test.js'])).violations).toHaveLength(1);
    // As people write them: pytest's node id, and `file: name`.
    expect(testChangeRules(['tests/test_divide.py::test_divide', 'tests/test_x.py::TestY::test_z', 'test/divide.test.js: divide by zero gives Infinity'])).toEqual([
      { file: 'tests/test_divide.py', name: 'test_divide' },
      { file: 'tests/test_x.py', name: 'TestY > test_z' },
      { file: 'test/divide.test.js', name: 'divide by zero gives Infinity' },
    ]);
  });

  it('a test the change adds that does not pass in its own run (skipped, todo, expected to fail) is named', () => {
    const lab = run([...base.cases.map(([i, n]) => pass(base.files[i]!, n)), { file: 'test/m.test.js', name: 'multiply edge', status: 'skipped' }]);
    expect(judgeLabRun(base, lab, []).violations).toEqual([{ rule: 'tests-skipped', detail: expect.stringMatching(/^the change adds 1 test that does not pass in its own run \(skipped, todo or expected to fail\): test\/m\.test\.js > multiply edge/) }]);
  });

  it('failing tests are named with their message', () => {
    const lab = run([pass('test/calc.test.js', 'add'), fail('test/calc.test.js', 'subtract', 'Expected 2\n\n8 !== 2'), pass('test/clamp.test.js', 'clamp')]);
    expect(judgeLabRun(base, lab, []).violations).toEqual([{ rule: 'tests-failed', detail: '1 failed: test/calc.test.js > subtract (Expected 2 8 !== 2)' }]);
  });
});

describe('the held-out run', () => {
  it("every base test must pass against the Lab's source, by name", () => {
    const held = run([pass('test/calc.test.js', 'add'), fail('test/calc.test.js', 'subtract', '8 !== 2'), pass('test/clamp.test.js', 'clamp')]);
    const j = judgeHeldOut(base, held, []);
    expect(j.violations).toEqual([{ rule: 'held-out-failed', detail: "1 of the base's 3 passing tests fail against the Lab's source: test/calc.test.js > subtract (8 !== 2)" }]);
    expect(j).toMatchObject({ stillPassing: 2, basePassed: 3, changed: [] });
  });

  it('a base test that no longer runs is a failure too', () => {
    const held = run([pass('test/calc.test.js', 'add'), pass('test/calc.test.js', '(file)'), pass('test/clamp.test.js', 'clamp')]);
    expect(judgeHeldOut(base, held, []).violations[0]!.detail).toMatch(/test\/calc\.test\.js > subtract \(did not run\)/);
  });

  it('a declared change is shown as a changed expectation, not a failure', () => {
    const held = run([fail('test/calc.test.js', 'add', 'expected 5, got 6'), pass('test/calc.test.js', 'subtract'), pass('test/clamp.test.js', 'clamp')]);
    const j = judgeHeldOut(base, held, testChangeRules(['test/calc.test.js > add']));
    expect(j.violations).toEqual([]);
    expect(j.changed).toEqual([{ id: 'test/calc.test.js > add', status: 'failed', message: 'expected 5, got 6' }]);
  });

  it('names test files the base never ran, which must not judge the change', () => {
    const held = run([...base.cases.map(([i, n]) => pass(base.files[i]!, n)), pass('src/extra.check.js', 'sneaky')]);
    expect(judgeHeldOut(base, held, []).foreignFiles).toEqual(['src/extra.check.js']);
  });
});

describe('a failure that is a crash', () => {
  it("is a Go panic, the runtime's or the code's, and not an assertion that wanted one", () => {
    expect(crashMessage('panic: runtime error: integer divide by zero [recovered]\n\tpanic: runtime error')).toBe(true);
    expect(crashMessage('    calc_test.go:9: started\npanic: calc: negative index\n')).toBe(true);
    expect(crashMessage('calc_test.go:12: MulMod(3, 4, 0): want a panic')).toBe(false);
    expect(crashMessage('calc_test.go:7: Add(2, 2) = 5, want 4')).toBe(false);
    expect(crashMessage(undefined)).toBe(false);
  });
});
