import { describe, expect, it } from 'vitest';
import type { Mutant } from '../../../verify/mutants';
import { boundedVerdict, judgeMutation, needsOtherTests, type MutantOutcome, type MutationEvidence } from '../../../verify/mutationVerdict';
import { unresolvedImports } from '../../../verify/jsImports';

const mutant = (line: number, origin: Mutant['origin'] = 'changed', mutator = 'ArithmeticOperator', file = 'src/calc.js'): Mutant => ({ id: `${file}:${line}:${mutator}`, file, line, mutator, start: 0, end: 1, original: '+', replacement: '-', origin });
const outcome = (m: Mutant, killedBy: string[]): MutantOutcome => ({ mutant: m, status: killedBy.length ? 'killed' : 'survived', killedBy });
const evidence = (outcomes: MutantOutcome[], more: Partial<MutationEvidence> = {}): MutationEvidence => ({
  outcomes,
  control: { ok: true, detail: '' },
  newTests: [{ id: 'test/m.test.js > multiply', file: 'test/m.test.js' }],
  references: { 'test/m.test.js': [{ file: 'src/calc.js', ranges: [{ start: 9, end: 11 }], names: ['multiply'] }] },
  unresolved: {},
  ...more,
});

describe('mutation verdicts', () => {
  it('an honest new test kills mutants of what it exercises; fitness counts the kills', () => {
    const v = judgeMutation(evidence([outcome(mutant(10), ['test/m.test.js > multiply']), outcome(mutant(10, 'changed', 'BlockStatement'), ['test/m.test.js > multiply']), outcome(mutant(10, 'changed', 'StringLiteral'), [])]));
    // Fitness: mutants killed, plus the share of changed lines where a test caught a mutant.
    expect(v).toMatchObject({ violations: [], killed: 2, total: 3, vacuous: [], changedLines: { caught: 1, total: 1 }, fitness: 3 });
  });

  it('a new test that passes under every mutant of its code is vacuous', () => {
    const v = judgeMutation(evidence([outcome(mutant(10, 'exercised'), ['test/calc.test.js > add']), outcome(mutant(11, 'exercised'), [])]));
    expect(v.violations).toEqual([{ rule: 'vacuous-test', detail: expect.stringMatching(/^1 new test cannot fail .*test\/m\.test\.js > multiply \(passes under all 2 mutants of src\/calc\.js: multiply\)/) }]);
  });

  it('a test that notices only an emptied body does not check what the code computes, where another test shows the other mutants can be caught', () => {
    const block = mutant(9, 'changed', 'BlockStatement');
    const other = { id: 'test/m.test.js > multiply by zero', file: 'test/m.test.js' };
    const caughtElsewhere = outcome(mutant(10), ['test/m.test.js > multiply by zero']);
    const alsoCaughtElsewhere = outcome(mutant(12, 'changed', 'ArithmeticOperator'), ['test/m.test.js > multiply by zero']);
    const both = { newTests: [{ id: 'test/m.test.js > multiply', file: 'test/m.test.js' }, other] };
    const v = judgeMutation(evidence([outcome(block, ['test/m.test.js > multiply', 'test/m.test.js > multiply by zero']), caughtElsewhere, alsoCaughtElsewhere, outcome(mutant(11, 'changed', 'EqualityOperator'), [])], both));
    expect(v.vacuous).toEqual(['test/m.test.js > multiply (passes under all 3 mutants of src/calc.js: multiply that change what it computes)']);
    // Beside a test of its file that catches mutants, it is shown and adds nothing, but is not rejected: the mutants are a sample.
    expect(v.violations).toEqual([]);
    const alone = judgeMutation(evidence([outcome(block, ['test/m.test.js > multiply', 'test/other.test.js > multiply by zero']), { ...caughtElsewhere, killedBy: ['test/other.test.js > multiply by zero'] }, { ...alsoCaughtElsewhere, killedBy: ['test/other.test.js > multiply by zero'] }], { newTests: [{ id: 'test/m.test.js > multiply', file: 'test/m.test.js' }, { id: 'test/other.test.js > multiply by zero', file: 'test/other.test.js' }], references: { 'test/m.test.js': [{ file: 'src/calc.js', names: ['multiply'] }], 'test/other.test.js': [{ file: 'src/calc.js', names: ['multiply'] }] } }));
    expect(alone.violations).toEqual([{ rule: 'vacuous-test', detail: expect.stringMatching(/^1 new test cannot fail .*test\/m\.test\.js > multiply \(/) }]);
    // One other mutant caught elsewhere is too little to say the rest of the code is checked.
    expect(judgeMutation(evidence([outcome(block, ['test/m.test.js > multiply', 'test/m.test.js > multiply by zero']), caughtElsewhere, outcome(mutant(11, 'changed', 'EqualityOperator'), [])], both)).vacuous).toEqual([]);
    // Where no test catches the other mutants (two paths that agree, a cache), looking at the result is too little to judge.
    expect(judgeMutation(evidence([outcome(block, ['test/m.test.js > multiply']), outcome(mutant(10), [])]))).toMatchObject({ vacuous: [], notMeasured: ['test/m.test.js > multiply'] });
    // Where emptying the body is the only mutant there is (a function run for its effect), catching it is enough.
    expect(judgeMutation(evidence([outcome(block, ['test/m.test.js > multiply'])])).vacuous).toEqual([]);
    // A single mutant nothing catches, with no emptied body to look at (a Go function returning a call), may be equivalent.
    expect(judgeMutation(evidence([outcome(mutant(10), [])]))).toMatchObject({ vacuous: [], notMeasured: ['test/m.test.js > multiply'] });
    // A test that does not even look at the result is vacuous however few mutants there are.
    expect(judgeMutation(evidence([outcome(block, []), outcome(mutant(10), [])])).vacuous).toHaveLength(1);
  });

  it('a test of one path of a function with two (a table and a formula) is judged by every mutant of the file it reaches', () => {
    const formula = outcome(mutant(12, 'changed', 'ArithmeticOperator'), ['test/m.test.js > formula']);
    const table = outcome(mutant(3, 'changed', 'NumberLiteral'), ['test/m.test.js > fixed points']);
    const v = judgeMutation(evidence([formula, table], { newTests: [{ id: 'test/m.test.js > fixed points', file: 'test/m.test.js' }, { id: 'test/m.test.js > formula', file: 'test/m.test.js' }] }));
    expect(v.vacuous).toEqual([]);
  });

  it('a new test that exercises no code of the project is vacuous; one whose imports Loom cannot resolve is not judged', () => {
    const none = judgeMutation(evidence([outcome(mutant(10), ['x'])], { references: {} }));
    expect(none.vacuous).toEqual(['test/m.test.js > multiply (exercises no code of the project)']);
    const alias = judgeMutation(evidence([outcome(mutant(10), ['x'])], { references: {}, unresolved: { 'test/m.test.js': ['@/calc'] } }));
    expect(alias).toMatchObject({ vacuous: [], notMeasured: ['test/m.test.js > multiply'] });
    // A test declared in a helper (a table helper's `it`, a base class's test method) reaches no code by its file's imports, but the mutants it catches show what it reaches.
    const helper = { newTests: [{ id: 'test/helpers/table.js > the first page', file: 'test/helpers/table.js' }], references: {} };
    expect(judgeMutation(evidence([outcome(mutant(10), ['test/helpers/table.js > the first page']), outcome(mutant(11), ['test/helpers/table.js > the first page'])], helper))).toMatchObject({ vacuous: [], violations: [] });
    expect(judgeMutation(evidence([outcome(mutant(10), ['test/other.test.js > x'])], helper)).vacuous).toEqual(['test/helpers/table.js > the first page (exercises no code of the project)']);
    // Beside a test of its file that catches mutants (a check of the file's own table), one that reaches no code is shown, not rejected.
    const sanity = { newTests: [{ id: 'tests/tables.py > TestTopK > test_rows', file: 'tests/tables.py' }, { id: 'tests/tables.py > TestTopK > test_table_is_not_empty', file: 'tests/tables.py' }], references: {} };
    expect(judgeMutation(evidence([outcome(mutant(10), ['tests/tables.py > TestTopK > test_rows'])], sanity))).toMatchObject({ vacuous: ['tests/tables.py > TestTopK > test_table_is_not_empty (exercises no code of the project)'], violations: [] });
    expect(unresolvedImports('test/a.test.ts', "import { a } from '@/calc';\nimport x from 'lodash';\nimport { test } from 'node:test';\nimport y from './y';\n", new Set(['test/y.ts']), new Set(['lodash']))).toEqual(['@/calc']);
  });

  it('a changed line the tests run but none of whose mutants they catch is shown to the reviewer, not rejected: the mutants may change nothing', () => {
    const v = judgeMutation(evidence([outcome(mutant(3, 'changed', 'EqualityOperator'), ['test/m.test.js > multiply']), outcome(mutant(4), []), outcome(mutant(4, 'changed', 'NumberLiteral'), [])], { newTests: [] }));
    expect(v.violations).toEqual([]);
    expect(v).toMatchObject({ untestedLines: [], uncaughtLines: ['src/calc.js:4 `+` -> `-` (ArithmeticOperator)'], changedLines: { caught: 1, total: 2 } });
    // Exercised code that no new test kills is the vacuous rule's business, not this one's.
    expect(judgeMutation(evidence([outcome(mutant(3, 'exercised'), [])], { newTests: [] })).violations).toEqual([]);
  });

  it('a change no line of which any test catches is untested as a whole', () => {
    const v = judgeMutation(evidence([outcome(mutant(3), []), outcome(mutant(4, 'changed', 'EqualityOperator'), [])], { newTests: [] }));
    expect(v.violations).toEqual([{ rule: 'untested-change', detail: expect.stringMatching(/^no test catches a change to the changed code: every mutant of its 2 changed lines survived, e\.g\. src\/calc\.js:3 `\+` -> `-`/) }]);
  });

  it('a table or a string key is logic whose mutants count; the words of a message are not', () => {
    const table = { ...mutant(6, 'changed', 'StringLiteral'), original: "'2x3'" };
    expect(judgeMutation(evidence([outcome(table, []), outcome(mutant(7), ['t'])], { newTests: [] })).uncaughtLines).toEqual(["src/calc.js:6 `'2x3'` -> `-` (StringLiteral)"]);
    const message = { ...mutant(7, 'changed', 'StringLiteral'), inMessage: true };
    expect(judgeMutation(evidence([outcome(message, [])], { newTests: [] })).uncaughtLines).toEqual([]);
  });

  it('a changed line part of which no test ever runs is untested, though another mutant of it was caught', () => {
    const arm = { ...mutant(4, 'changed', 'MethodExpression'), original: 'Math.round(sum)' };
    const v = judgeMutation(evidence([outcome(mutant(4, 'changed', 'ConditionalExpression'), ['test/m.test.js > multiply']), { mutant: arm, status: 'unexecuted', killedBy: [] }], { newTests: [] }));
    expect(v.untestedLines).toEqual(['src/calc.js:4']);
    expect(v.violations[0]!.detail).toMatch(/^1 changed line no test runs, in whole or in part, or whose result no test looks at: src\/calc\.js:4 `Math\.round\(sum\)` is never run by any test/);
  });

  it('an error path no test reaches is shown, not rejected: it can only fail loudly', () => {
    const guard = { ...mutant(14, 'changed', 'StringLiteral'), original: "'not a number'" };
    const cond = mutant(14, 'changed', 'ConditionalExpression');
    const v = judgeMutation(evidence([{ mutant: guard, status: 'unexecuted', killedBy: [], errorPath: true }, outcome(cond, ['test/m.test.js > multiply'])]));
    expect(v.violations).toEqual([]);
    // A line that is nothing but a never-run raise (Python, Go, or a whole JavaScript throw).
    const only = judgeMutation(evidence([outcome(cond, ['test/m.test.js > multiply'])], { unrunLines: ['calc.py:20', 'calc.py:21'], errorPathLines: ['calc.py:20'] }));
    expect(only.untestedLines).toEqual(['calc.py:21']);
    expect(only.uncaughtLines).toEqual(['calc.py:20 is never run, and only raises an error']);
    // Never-run code that computes is still untested, beside an error path or not.
    const both = judgeMutation(evidence([{ mutant: guard, status: 'unexecuted', killedBy: [], errorPath: true }, { mutant: mutant(14), status: 'unexecuted', killedBy: [] }]));
    expect(both.untestedLines).toEqual(['src/calc.js:14']);
    expect(both.uncaughtLines).toEqual([]);
  });

  it('a returned value replaced without any test noticing is untested: the result is never looked at', () => {
    const v = judgeMutation(evidence([outcome(mutant(3, 'changed', 'EqualityOperator'), ['t']), outcome({ ...mutant(5, 'changed', 'ReturnValue'), file: 'calc.go', original: 'a * b' }, [])], { newTests: [] }));
    expect(v.untestedLines).toEqual(['calc.go:5']);
    expect(v.violations[0]!.detail).toMatch(/calc\.go:5 `a \* b` is returned without any test looking at it/);
  });

  it('a value of the same kind returned in place of the result, passing every test, is untested though the line has caught mutants: only its kind is looked at', () => {
    // multiply returns abs(a) * b; the test compares with an object equal to any int, so `/` (a float) and None are caught, a number one more is not.
    const line = (mutator: string, killedBy: string[]) => outcome({ ...mutant(4, 'changed', mutator, 'calc.py'), original: 'abs(a) * b' }, killedBy);
    const v = judgeMutation(evidence([line('ArithmeticOperator', ['t']), line('ReturnValue', ['t']), line('ReturnValueShift', [])], { newTests: [] }));
    expect(v.untestedLines).toEqual(['calc.py:4']);
    expect(v.violations[0]!.detail).toMatch(/calc\.py:4 `abs\(a\) \* b` is looked at only for its kind: another value of the same kind passes every test/);
    // The same line with the shifted value caught too is tested.
    expect(judgeMutation(evidence([line('ArithmeticOperator', ['t']), line('ReturnValue', ['t']), line('ReturnValueShift', ['t'])], { newTests: [] })).violations).toEqual([]);
  });

  it("in Go, a shift by one inside what an assertion accepts (a bound, a tolerance) is no kind-only test; a line caught only by a panic still is", () => {
    // primeBound returns an upper bound; the test checks the bound lies in [p, 2p): a wrong formula fails it, one more passes.
    const bound = (mutator: string, killedBy: string[], crashed = false) => ({ ...outcome({ ...mutant(26, 'changed', mutator, 'primes.go'), original: 'int(x * (math.Log(x) + math.Log(math.Log(x))))' }, killedBy), ...(crashed ? { crashed } : {}) });
    expect(judgeMutation(evidence([bound('ArithmeticOperator', ['t']), bound('ReturnValueShift', [])], { newTests: [] })).violations).toEqual([]);
    // Multiply's test only logs; the one mutant caught divides by zero and panics.
    const v = judgeMutation(evidence([bound('ArithmeticOperator', ['t'], true), bound('ReturnValueShift', [])], { newTests: [] }));
    expect(v.untestedLines).toEqual(['primes.go:26']);
    expect(v.violations[0]!.detail).toMatch(/is looked at only for its kind/);
  });

  it('a line coverage says no test runs is called never run, though its mutants were reported as surviving', () => {
    const v = judgeMutation(evidence([outcome(mutant(3, 'changed', 'EqualityOperator'), ['t']), outcome({ ...mutant(8, 'changed', 'ReturnValue'), file: 'calc.py', original: 'a + b' }, [])], { newTests: [], unrunLines: ['calc.py:8'] }));
    expect(v.untestedLines).toEqual(['calc.py:8']);
    expect(v.violations[0]!.detail).toMatch(/calc\.py:8 is never run by any test/);
  });

  it('a changed line of code that no test runs at all is untested, mutants or not', () => {
    const v = judgeMutation(evidence([outcome(mutant(3, 'changed', 'EqualityOperator'), ['test/m.test.js > multiply'])], { newTests: [], unrunLines: ['calc.go:12'] }));
    expect(v.untestedLines).toEqual(['calc.go:12']);
    expect(v.violations[0]!.detail).toMatch(/calc\.go:12 is never run by any test/);
  });

  it('a line whose mutants the budget left unrun is not called untested', () => {
    const unrun: MutantOutcome = { mutant: mutant(8), status: 'notRun', killedBy: [] };
    const v = judgeMutation(evidence([outcome(mutant(8, 'changed', 'EqualityOperator'), []), unrun], { newTests: [] }));
    expect(v).toMatchObject({ violations: [], untestedLines: [], unmeasuredLines: ['src/calc.js:8'] });
  });

  it("fitness counts what the change's tests catch that the base's tests did not already", () => {
    const ours = outcome(mutant(10), ['test/m.test.js > multiply']);
    const theirs = outcome(mutant(11, 'changed', 'EqualityOperator'), ['test/calc.test.js > add', 'test/m.test.js > multiply']);
    const v = judgeMutation(evidence([ours, theirs], { baseTests: new Set(['test/calc.test.js > add']) }));
    expect(v).toMatchObject({ killed: 2, fitness: 2 }); // 1 credited kill + all changed lines caught
  });

  it('a failing control run voids the mutation stage', () => {
    const v = judgeMutation(evidence([outcome(mutant(10), ['test/m.test.js > multiply'])], { control: { ok: false, detail: '1 failed: test/m.test.js > multiply' } }));
    expect(v.violations.map((x) => x.rule)).toEqual(['mutation-control']);
  });

  it('a verdict over a generated file keeps its counts whole and its lists short', () => {
    const unrun = Array.from({ length: 5000 }, (_, k): MutantOutcome => ({ mutant: mutant(k + 1), status: 'notRun', killedBy: [] }));
    const v = boundedVerdict(judgeMutation(evidence(unrun, { newTests: [] })), 50);
    expect(v.unmeasuredLines).toHaveLength(50);
    expect(v.unmeasuredLines[49]).toBe('… and 4951 more');
    expect(v.changedLines.total).toBe(5000);
  });
});

describe('which mutants of untouched code need the other tests too', () => {
  const T = 'test/m.test.js > multiply';
  const BASE = 'test/calc.test.js > add';
  const untouched = (line: number, mutator = 'ArithmeticOperator', file = 'src/calc.js') => mutant(line, 'exercised', mutator, file);

  it('none where each new test catches a mutant that changes what its code computes', () => {
    expect(needsOtherTests([outcome(untouched(10), [T]), outcome(untouched(11), [])], evidence([]).newTests, evidence([]).references).size).toBe(0);
  });

  it("a new test that catches only an emptied body, or nothing, needs the others' catches of its code's telling mutants", () => {
    const emptied = outcome(untouched(9, 'BlockStatement'), [T]);
    const telling = [outcome(untouched(10), []), outcome(untouched(11, 'EqualityOperator'), [])];
    const elsewhere = outcome(untouched(3, 'ArithmeticOperator', 'src/other.js'), []);
    expect([...needsOtherTests([emptied, ...telling, elsewhere], evidence([]).newTests, evidence([]).references)]).toEqual(telling);
    expect([...needsOtherTests(telling, evidence([]).newTests, evidence([]).references)]).toEqual(telling);
  });

  // What the mutation stage does: untouched code's mutants run through the new tests alone,
  // and again through every test where needsOtherTests says so. Over many random shapes the
  // new tests' verdicts are the same as if every mutant had run through every test.
  it('gives every new test the verdict that running every mutant through every test gives', () => {
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const mutators = ['ArithmeticOperator', 'EqualityOperator', 'BlockStatement', 'ReturnValue', 'StringLiteral', 'ConditionalExpression'];
    const tests = [T, 'test/m.test.js > multiply by zero', 'test/n.test.js > square'];
    for (let shape = 0; shape < 500; shape++) {
      const newTests = tests.slice(0, 1 + rand(3)).map((id) => ({ id, file: id.split(' > ')[0]! }));
      const references = Object.fromEntries(newTests.map((t) => [t.file, [{ file: rand(4) ? 'src/calc.js' : 'src/other.js', names: ['*'] }]]));
      const full = Array.from({ length: 1 + rand(6) }, (_, i) => {
        const killers = [...newTests.map((t) => t.id), BASE].filter(() => rand(3) === 0);
        return outcome(untouched(10 + i, mutators[rand(mutators.length)]!, rand(5) ? 'src/calc.js' : 'src/other.js'), killers);
      });
      const ownOnly = full.map((o) => outcome(o.mutant as Mutant, o.killedBy.filter((k) => newTests.some((t) => t.id === k))));
      const wider = needsOtherTests(ownOnly, newTests, references);
      const measured = ownOnly.map((o, i) => (wider.has(o) ? full[i]! : o));
      const judged = (os: MutantOutcome[]) => {
        const v = judgeMutation(evidence(os, { newTests, references }));
        return { vacuous: v.vacuous, notMeasured: v.notMeasured, rejected: v.violations.filter((x) => x.rule === 'vacuous-test') };
      };
      expect(judged(measured), `shape ${shape}`).toEqual(judged(full));
    }
  });
});
