import { describe, expect, it } from 'vitest';
import { taskExamples } from '../../../program/taskExamples';
import { answerMatches, judgeExamples, type ExampleTarget } from '../../../verify/exampleVerdict';

describe('an answer compared with an example', () => {
  it('compares numbers within the tolerance, lists item by item and maps key by key', () => {
    expect(answerMatches(2.5, 2.5, 0)).toBe(true);
    expect(answerMatches(2.5, 3, 0)).toBe(false);
    expect(answerMatches(1, 1.0000000001, 0)).toBe(true);
    // An integer answering an integer example is exact, however large: Binet's fib(78) is 24 off.
    expect(answerMatches(8944394323791464, 8944394323791488, 0)).toBe(false);
    expect(answerMatches(8944394323791464, 8944394323791464, 0)).toBe(true);
    expect(answerMatches(8944394323791464, 8944394323791488, 100)).toBe(true);
    expect(answerMatches(2.138, 2.13809, 0.0005)).toBe(true);
    expect(answerMatches(2.138, 2.14, 0.0005)).toBe(false);
    expect(answerMatches([1, 2, 5], [1, 2, 5], 0)).toBe(true);
    expect(answerMatches([1, 2, 5], [1, 2], 0)).toBe(false);
    expect(answerMatches({ a: 2 }, { a: 2, b: 1 }, 0)).toBe(false);
    expect(answerMatches({ a: 2, b: 1 }, { b: 1, a: 2 }, 0)).toBe(true);
    expect(answerMatches('15', 15, 0)).toBe(false);
    expect(answerMatches(null, null, 0)).toBe(true);
  });

  const target = (over: Partial<ExampleTarget> = {}): ExampleTarget => ({
    file: 'src/calc.js',
    name: 'median',
    inputs: [[[1, 2, 3, 4]], [[3, 1, 2]]],
    examples: taskExamples('median([1, 2, 3, 4]) is 2.5, median([3, 1, 2]) is 2'),
    ...over,
  });

  it('rejects an answer that is right in the project folder and a different value from another folder, but not one that fails there', () => {
    const here = [{ file: 'src/calc.js', name: 'median', answers: [], values: [{ value: 2.5 }, { value: 2 }] }];
    const away = (values: Array<{ value: unknown } | { throws: string }>) => judgeExamples([target()], here, [{ file: 'src/calc.js', name: 'median', answers: [], values }]).violations;
    expect(away([{ value: 2.5 }, { value: 2.1 }])).toEqual([
      "src/calc.js: median([3,1,2]) returns 2.1 in another program (started in another folder, each example asked right after each of the other functions'; it matched in the first), and program.md says `median([3, 1, 2]) is 2`",
    ]);
    // Code that reads a file relative to where it runs fails elsewhere, as the base may: not held against it.
    expect(away([{ throws: 'FileNotFoundError' }, { throws: 'FileNotFoundError' }])).toEqual([]);
    expect(away([{ value: 2.5 }, { value: 2 }])).toEqual([]);
    expect(judgeExamples([target()], here).violations).toEqual([]);
  });

  it('names the call, what it answered and what program.md says, for a wrong or throwing answer', () => {
    const v = judgeExamples([target()], [{ file: 'src/calc.js', name: 'median', answers: [], values: [{ value: 3 }, { throws: 'TypeError' }] }]);
    expect(v.compared).toBe(2);
    expect(v.violations).toEqual([
      'src/calc.js: median([1,2,3,4]) returns 3, and program.md says `median([1, 2, 3, 4]) is 2.5`',
      'src/calc.js: median([3,1,2]) throws TypeError, and program.md says `median([3, 1, 2]) is 2`',
    ]);
    expect(judgeExamples([target()], [{ file: 'src/calc.js', name: 'median', answers: [], values: [{ value: 2.5 }, { value: 2 }] }]).violations).toEqual([]);
  });

  it('compares an integer past 2^53 digit for digit, with an answer that keeps its digits (Python int, BigInt), and not with a number that lost them', () => {
    const fib = (values: Array<{ value: unknown }>) => judgeExamples([target({ file: 'calc.py', name: 'fib', inputs: [[100], [10]], examples: taskExamples('fib(100) == 354224848179261915075, fib(10) == 55') })], [{ file: 'calc.py', name: 'fib', answers: [], values }]);
    expect(taskExamples('fib(100) == 354224848179261915075').map((e) => e.expected)).toEqual([{ $bigint: '354224848179261915075' }]);
    // Binet's formula in floating point: 1,196,093 off, well within a relative 1e-9.
    expect(fib([{ value: { $bigint: '354224848179263111168' } }, { value: 55 }]).violations).toEqual(['calc.py: fib(100) returns 354224848179263111168, and program.md says `fib(100) is 354224848179261915075`']);
    expect(fib([{ value: { $bigint: '354224848179261915075' } }, { value: 55 }])).toMatchObject({ violations: [], compared: 2 });
    // A JavaScript number cannot hold the digits: not asked.
    expect(fib([{ value: 354224848179261900000 }, { value: 55 }])).toMatchObject({ violations: [], compared: 1, unchecked: [expect.stringMatching(/fib with fib\(100\) is 354224848179261915075 \(answers a number/)] });
    // A small integer holds all its digits: it is simply wrong. So is a Go function's first result.
    expect(fib([{ value: 2 }, { value: 55 }]).violations).toHaveLength(1);
    const mulMod = target({ file: 'calc.go', name: 'MulMod', inputs: [[{ $bigint: '9223372036854775809' }, 2, { $bigint: '9223372036854775811' }]], examples: taskExamples('MulMod(1<<63+1, 2, 1<<63+3) == 9223372036854775807', 'go'), go: { package: 'calc', params: ['uint64', 'uint64', 'uint64'] } });
    expect(judgeExamples([mulMod], [{ file: 'calc.go', name: 'MulMod', answers: [], values: [{ value: [2] }] }]).violations).toEqual(['calc.go: MulMod(9223372036854775809, 2, 9223372036854775811) returns 2, and program.md says `MulMod(1<<63+1, 2, 1<<63+3) is 9223372036854775807`']);
    expect(judgeExamples([mulMod], [{ file: 'calc.go', name: 'MulMod', answers: [], values: [{ value: [{ $bigint: '9223372036854775807' }] }] }]).violations).toEqual([]);
  });

  it('does not hold against the change an "argument → value" example whose call throws: the sentence may be about something else', () => {
    const t = target({ name: 'slugify', inputs: [['a b']], examples: taskExamples("Add `slugify(t)`: 'a b' gives 'a-b'") });
    const v = judgeExamples([t], [{ file: 'src/calc.js', name: 'slugify', answers: [], values: [{ throws: 'TypeError' }] }]);
    expect(v).toEqual({ compared: 0, heldOut: 0, violations: [], unchecked: ["src/calc.js: slugify with 'a b' gives 'a-b' (throws TypeError)"] });
    expect(judgeExamples([t], [{ file: 'src/calc.js', name: 'slugify', answers: [], values: [{ value: 'a' }] }]).violations).toHaveLength(1);
  });

  it('counts the held-out examples it asked and says so where one is answered otherwise', () => {
    const examples = [...taskExamples('median([3, 1, 2]) is 2'), ...taskExamples('median([10, 20]) is 15').map((e) => ({ ...e, heldOut: true }))];
    const v = judgeExamples([target({ inputs: examples.map((e) => e.args), examples })], [{ file: 'src/calc.js', name: 'median', answers: [], values: [{ value: 2 }, { value: 20 }] }]);
    expect(v.compared).toBe(2);
    expect(v.heldOut).toBe(1);
    expect(v.violations).toEqual(["src/calc.js: median([10,20]) returns 20, and the task's held-out example says `median([10, 20]) is 15`"]);
  });

  it('holds an example against every asking, so an answer that depends on map order or a draw is caught on the call it differs', () => {
    const board = target({ file: 'calc.go', name: 'Leaderboard', inputs: [[{ ann: 5, bob: 5 }, 1]], examples: taskExamples('Leaderboard(map[string]int{"ann": 5, "bob": 5}, 1) == []string{"ann"}'), go: { package: 'calc', params: ['map[string]int', 'int'] } });
    const asked = (names: string[]) => judgeExamples([board], [{ file: 'calc.go', name: 'Leaderboard', answers: [], order: names.map(() => 0), values: names.map((n) => ({ value: [[n]] })) }]);
    expect(asked(['ann', 'ann', 'ann']).violations).toEqual([]);
    expect(asked(['ann', 'ann', 'bob', 'ann']).violations).toEqual(['calc.go: Leaderboard({"ann":5,"bob":5}, 1) returns ["bob"] when asked again (asking 3 of 4; the first matched), and program.md says `Leaderboard(map[string]int{"ann": 5, "bob": 5}, 1) is []string{"ann"}`']);
    // Answers are matched to their example by the order the harness asked them in.
    const two = target({ inputs: [[[1, 2, 3, 4]], [[3, 1, 2]]] });
    expect(judgeExamples([two], [{ file: 'src/calc.js', name: 'median', answers: [], order: [0, 1, 1, 0], values: [{ value: 2.5 }, { value: 2 }, { value: 2 }, { value: 2.5 }] }]).violations).toEqual([]);
    expect(judgeExamples([two], [{ file: 'src/calc.js', name: 'median', answers: [], order: [0, 1, 1, 0], values: [{ value: 2.5 }, { value: 2 }, { value: 2 }, { value: 3 }] }]).violations).toHaveLength(1);
  });

  it("compares a Go function's value, not the nil error beside it, and reports a function it could not call as not asked", () => {
    const go = target({ file: 'calc.go', name: 'Percent', inputs: [[1, 8]], examples: taskExamples('Percent(1, 8) is 13'), go: { package: 'calc', params: ['int', 'int'] } });
    expect(judgeExamples([go], [{ file: 'calc.go', name: 'Percent', answers: [], values: [{ value: [13, null] }] }]).violations).toEqual([]);
    expect(judgeExamples([go], [{ file: 'calc.go', name: 'Percent', answers: [], values: [{ value: [12, null] }] }]).violations).toHaveLength(1);
    // An example that states every result, the nil error too.
    const both: ExampleTarget = { file: 'calc.go', name: 'DecodeID', inputs: [['AD4']], examples: taskExamples('DecodeID("AD4") == (62, nil)', 'go'), go: { package: 'calc', params: ['string'] } };
    expect(judgeExamples([both], [{ file: 'calc.go', name: 'DecodeID', answers: [], values: [{ value: [62, null] }] }]).violations).toEqual([]);
    expect(judgeExamples([both], [{ file: 'calc.go', name: 'DecodeID', answers: [], values: [{ value: [61, null] }] }]).violations).toHaveLength(1);
    const none = judgeExamples([go], [{ file: 'calc.go', name: 'Percent', answers: [], error: 'the harness wrote no answers' }]);
    expect(none).toEqual({ compared: 0, heldOut: 0, violations: [], unchecked: ['calc.go: Percent (the harness wrote no answers)'] });
  });
});
