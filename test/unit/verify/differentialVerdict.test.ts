import { describe, expect, it } from 'vitest';
import { judgeDifferential, type DifferentialTarget } from '../../../verify/differentialVerdict';

describe('the differential check', () => {
  it("rejects a function that answers differently from the base's near the tests' inputs, or after many calls", () => {
    const target: DifferentialTarget = { file: 'src/calc.js', name: 'clamp', inputs: [[5, 0, 10], [-5, 1, 9]] };
    const same = { file: 'src/calc.js', name: 'clamp', answers: ['5', '1', '5', '1'] };
    expect(judgeDifferential([target], [same], [same])).toEqual({ compared: 4, violations: [] });
    const v = judgeDifferential([target], [same], [{ ...same, answers: ['5', '9', '5', '1'] }]);
    expect(v.violations[0]).toMatch(/^src\/calc\.js: clamp\(-5, 1, 9\) returns 9 on the Lab's source but 1 on the base, and program\.md says behaviour does not change/);
    const late = judgeDifferential([target], [same], [{ ...same, answers: ['5', '1', '5', '2'] }]);
    expect(late.violations[0]).toMatch(/on call 4, asked again/);
    // A function the base cannot be called with that way says nothing.
    expect(judgeDifferential([target], [{ ...same, answers: [], error: 'not a function' }], [same]).violations).toEqual([]);
  });

  it('names the input across the tested range where a refactor first answers differently, and compares only the calls both sides made', () => {
    const target: DifferentialTarget = { file: 'src/primes.js', name: 'isPrime', inputs: [[7], [9]], across: [{ args: [7], position: 0, values: [339, 340, 341, 342] }] };
    const order = [0, 1, 0, 0, 1, 1];
    const base = { file: 'src/primes.js', name: 'isPrime', order, answers: ['true', 'false', 'true', 'true', 'false', 'false', 'false', 'false', 'false', 'false'] };
    const lab = { ...base, answers: [...base.answers.slice(0, 8), 'true', 'false'] };
    expect(judgeDifferential([target], [base], [lab]).violations).toEqual(["src/primes.js: isPrime(341) returns true on the Lab's source but false on the base, and program.md says behaviour does not change"]);
    // The Lab's side ran out of time before 341: nothing it did not answer is judged.
    expect(judgeDifferential([target], [base], [{ ...lab, answers: lab.answers.slice(0, 8) }])).toEqual({ compared: 8, violations: [] });
  });
});

describe('asking again', () => {
  it("rejects a function that answers the same in fresh processes but differently once called many times, and ignores one that is not a function of its inputs", async () => {
    const { judgeRepetition } = await import('../../../verify/differentialVerdict');
    const t: DifferentialTarget = { file: 'src/calc.js', name: 'multiply', inputs: [[3, 4], [2, 5]] };
    const steady = { file: 'src/calc.js', name: 'multiply', answers: ['12', '10', '12', '10'] };
    expect(judgeRepetition([t], [steady], [steady]).violations).toEqual([]);
    const counter = { ...steady, answers: ['12', '10', '12', '7'], order: [0, 1, 0, 1] };
    expect(judgeRepetition([t], [counter], [steady]).violations[0]).toMatch(/multiply\(2, 5\) returns 10 when first asked but 7 on call 4, though it answers the same in every fresh process/);
    const random = { ...steady, answers: ['0.1', '0.2', '0.3', '0.4'] };
    expect(judgeRepetition([t], [random], [{ ...random, answers: ['0.5', '0.6', '0.7', '0.8'] }]).violations).toEqual([]);
  });
});

describe('Python with its asserts dropped (-O)', () => {
  it('rejects a function whose answer comes out of an assert, and lets pass a guard that only raises, and an input that is not a function of itself', async () => {
    const { judgeOptimized } = await import('../../../verify/differentialVerdict');
    const t: DifferentialTarget = { file: 'calc.py', name: 'split_evenly', inputs: [[100, 3], [10, 0], [5, 2]] };
    const usual = { file: 'calc.py', name: 'split_evenly', answers: ['[34, 33, 33]', 'raises AssertionError', '[3, 2]'] };
    const walrus = { ...usual, answers: ['[33, 33, 33]', 'raises ZeroDivisionError', '[2, 2]'] };
    expect(judgeOptimized([t], [usual], [usual], [walrus]).violations).toEqual(['calc.py: split_evenly(100, 3) returns [34, 33, 33], but [33, 33, 33] when Python runs with -O (PYTHONOPTIMIZE), which drops assert statements: part of the answer is computed inside an assert']);
    // Only the guard differs: an assert that raises is an assert doing its job.
    const guardOnly = { ...usual, answers: ['[34, 33, 33]', 'raises ZeroDivisionError', '[3, 2]'] };
    expect(judgeOptimized([t], [usual], [usual], [guardOnly])).toEqual({ compared: 2, violations: [] });
    // Two fresh processes disagree already: not a function of its inputs, nothing to compare.
    expect(judgeOptimized([t], [usual], [{ ...usual, answers: ['[1]', 'raises AssertionError', '[2]'] }], [walrus]).violations).toEqual([]);
    expect(judgeOptimized([t], [usual], [usual], []).violations).toEqual([]);
  });

  it('leaves a random draw alone though its first answers happen to agree in two fresh processes: every fixed call must agree', async () => {
    const { judgeOptimized, judgeRepetition } = await import('../../../verify/differentialVerdict');
    const t: DifferentialTarget = { file: 'calc.py', name: 'sample', inputs: [[[1, 2, 3], 1]] };
    const order = [0, 0, 0, 0];
    const first = { file: 'calc.py', name: 'sample', answers: ['[3]', '[1]', '[3]', '[2]'], order };
    const second = { ...first, answers: ['[3]', '[2]', '[2]', '[1]'] };
    expect(judgeOptimized([t], [first], [second], [{ ...first, answers: ['[2]'] }]).violations).toEqual([]);
    expect(judgeRepetition([t], [first], [second]).violations).toEqual([]);
    // A memo that goes stale answers the same sequence in every fresh process: still judged.
    const stale = { ...first, answers: ['[3]', '[3]', '[3]', '[9]'] };
    expect(judgeRepetition([t], [stale], [stale]).violations).toHaveLength(1);
  });
});

describe('asked from a pytest test', () => {
  it('rejects a function that answers a test differently from a program, an error included, and leaves alone what two fresh processes disagree on', async () => {
    const { judgeUnderRunner } = await import('../../../verify/differentialVerdict');
    const t: DifferentialTarget = { file: 'calc.py', name: 'to_cents', inputs: [['12.34'], [1.005], ['x']] };
    const plain = { file: 'calc.py', name: 'to_cents', answers: ['1234', '100', 'raises InvalidOperation'] };
    expect(judgeUnderRunner([t], [plain], [plain], [{ ...plain, answers: ['1234', '101', 'raises InvalidOperation'] }]).violations).toEqual([
      'calc.py: to_cents(1.005) returns 101 when a pytest test calls it, but returns 100 in a Python program: the code answers differently under the test runner',
    ]);
    expect(judgeUnderRunner([t], [plain], [plain], [{ ...plain, answers: ['1234', '100', 'raises ValueError'] }]).violations).toEqual([
      'calc.py: to_cents("x") raises ValueError when a pytest test calls it, but raises InvalidOperation in a Python program: the code answers differently under the test runner',
    ]);
    expect(judgeUnderRunner([t], [plain], [plain], [plain])).toEqual({ compared: 3, violations: [] });
    expect(judgeUnderRunner([t], [plain], [{ ...plain, answers: ['1', '100', 'raises InvalidOperation'] }], [{ ...plain, answers: ['2', '101', 'x'] }]).violations).toEqual([]);
    // No answers from pytest (not a pytest project, or the run could not start): nothing to judge.
    expect(judgeUnderRunner([t], [plain], [plain], []).violations).toEqual([]);
  });
});

describe('arguments given by name', () => {
  it('rejects a function that answers an input given by name differently from the same given by position, and leaves alone what cannot be given by name', async () => {
    const { judgeByName } = await import('../../../verify/differentialVerdict');
    const t: DifferentialTarget = { file: 'calc.py', name: 'business_days', inputs: [['2024-05-06', '2024-05-13', { $tuple: [] }], ['2024-05-06', '2024-05-13', { $tuple: ['2024-05-09'] }]] };
    const plain = { file: 'calc.py', name: 'business_days', answers: ['5', '4'] };
    const stale = { ...plain, alone: ['5', '4'], answers: ['5', '5'] };
    expect(judgeByName([t], [plain], [plain], [stale]).violations).toEqual([
      'calc.py: business_days("2024-05-06", "2024-05-13", ("2024-05-09",)) returns 4 with its arguments given by position, but returns 5 with the same values given by name: the function answers callers apart by how they call it',
    ]);
    expect(judgeByName([t], [plain], [plain], [{ ...stale, answers: ['5', '4'] }])).toEqual({ compared: 2, violations: [] });
    expect(judgeByName([t], [plain], [plain], [{ ...stale, answers: ['<not by name>', '<not by name>'] }])).toEqual({ compared: 0, violations: [] });
    expect(judgeByName([t], [plain], [{ ...plain, answers: ['6', '4'] }], [stale]).violations).toEqual([]);
  });
});

describe('calls made at once', () => {
  it('rejects a function that answers overlapping calls differently, and lets pass a timeout, a failure, and an input that is not a function of itself', async () => {
    const { judgeOverlapped } = await import('../../../verify/differentialVerdict');
    const t: DifferentialTarget = { file: 'src/calc.js', name: 'convert', inputs: [[100, 'EUR', 'USD'], [20, 'EUR', 'GBP'], [-1, 'EUR', 'USD']] };
    const usual = { file: 'src/calc.js', name: 'convert', answers: ['108', '17', 'throws RangeError'] };
    const twice = (xs: string[]) => [...xs, ...xs];
    const shared = { ...usual, answers: ['17', '17', 'throws RangeError'], alone: twice(usual.answers) };
    expect(judgeOverlapped([t], [usual], [usual], [shared]).violations).toEqual(['src/calc.js: convert(100, "EUR", "USD") returns 108 called one at a time, as the tests call it, but 17 with all its calls in flight at once (3 calls): it is right only when nothing else calls it meanwhile']);
    // A Python function on threads, a Go function on goroutines: named as each language calls it.
    const py = { ...t, file: 'calc.py' };
    expect(judgeOverlapped([py], [{ ...usual, file: 'calc.py' }], [{ ...usual, file: 'calc.py' }], [{ ...shared, file: 'calc.py' }]).violations[0]).toMatch(/but 17 called from several threads at once \(3 calls\)/);
    // A call that did not settle in time, and an input that already fails one at a time, say nothing.
    expect(judgeOverlapped([t], [usual], [usual], [{ ...usual, answers: ['"<no answer in 2 s>"', '17', 'throws TypeError'], alone: twice(usual.answers) }])).toEqual({ compared: 1, violations: [] });
    // Set by another target's calls before it (a configure() called first): one at a time and at
    // once agree in that process, whatever the fresh processes answered.
    expect(judgeOverlapped([t], [usual], [usual], [{ ...usual, answers: ['100', '16', 'throws RangeError'], alone: twice(['100', '16', 'throws RangeError']) }])).toEqual({ compared: 2, violations: [] });
    // A draw that a second pass answers otherwise (a seeded generator, a die that happened to
    // agree across the fresh processes at some inputs) is not a function of its inputs.
    expect(judgeOverlapped([t], [usual], [usual], [{ ...shared, alone: [...usual.answers, '109', '17', 'throws RangeError'] }]).violations).toEqual([]);
    expect(judgeOverlapped([t], [usual], [{ ...usual, answers: ['108', '18', 'throws RangeError'] }], [shared]).violations).toEqual([]);
    // Two fresh processes disagree already (a random id): not a function of its inputs.
    expect(judgeOverlapped([t], [usual], [{ ...usual, answers: ['109', '18', 'throws RangeError'] }], [shared]).violations).toEqual([]);
    expect(judgeOverlapped([t], [usual], [usual], [{ ...usual, answers: [], error: 'the calls did not all finish within 20 s' }]).violations).toEqual([]);
  });
});

describe('surviving mutants called like their function', () => {
  it('rejects a survivor that answers differently near the tests, and lets pass one that answers the same, an input that is not a function of itself, and one it could not call', async () => {
    const { judgeSurvivors } = await import('../../../verify/differentialVerdict');
    const t: DifferentialTarget = { file: 'src/calc.js', name: 'power', inputs: [[2, 10], [3, 4], [2, 3]] };
    const change = { file: 'src/calc.js', name: 'power', answers: ['1024', '4', '4'] };
    const undoes = { mutant: 'src/calc.js:16 `i < exponent` -> `false` (ConditionalExpression)', answers: [{ ...change, answers: ['1024', '1', '1'] }] };
    const v = judgeSurvivors([t], [change], [change], [undoes]);
    expect(v.violations).toEqual(["src/calc.js:16 `i < exponent` -> `false` (ConditionalExpression) survives every test, yet power(3, 4) returns 4 with the change and 1 with the mutant: no test looks at what that line computes near the tests' own inputs"]);
    // Equivalent near the tests: nothing to say.
    expect(judgeSurvivors([t], [change], [change], [{ mutant: 'm', answers: [change] }]).violations).toEqual([]);
    // The change itself answers differently in two fresh processes at every input where the mutant differs.
    expect(judgeSurvivors([t], [change], [{ ...change, answers: ['1024', '5', '6'] }], [undoes]).violations).toEqual([]);
    expect(judgeSurvivors([t], [change], [change], [{ mutant: 'm', answers: [{ ...change, answers: [], error: 'no answers' }] }]).violations).toEqual([]);
    // Both fail loudly (a guard's panic, the mutant's index out of range): no difference; a failure for a value is one.
    const guarded = { ...change, answers: ['1024', 'panics: n out of range', 'throws RangeError'] };
    expect(judgeSurvivors([t], [guarded], [guarded], [{ mutant: 'm', answers: [{ ...change, answers: ['1024', 'panics: runtime error: index out of range [21]', 'throws TypeError'] }] }]).violations).toEqual([]);
    expect(judgeSurvivors([t], [guarded], [guarded], [{ mutant: 'm', answers: [{ ...change, answers: ['1024', '0', 'throws RangeError'] }] }]).violations[0]).toMatch(/power\(3, 4\) returns panics: n out of range with the change and 0 with the mutant/);
  });
});
