import { describe, expect, it } from 'vitest';
import { taskExamples } from '../../../program/taskExamples';

const read = (text: string) => taskExamples(text).map((e) => [e.name, e.args, e.expected, e.tolerance]);

describe('the examples a task states', () => {
  it('reads calls with literal arguments and the value they are said to give, in prose and in code spans', () => {
    expect(read('Add `median(values)`: the middle value (median([3, 1, 2]) is 2, median([1, 2, 3, 4]) is 2.5).')).toEqual([
      ['median', [[3, 1, 2]], 2, 0],
      ['median', [[1, 2, 3, 4]], 2.5, 0],
    ]);
    expect(read("- `toBase(255, 16)` returns `'ff'`\n- fromBase('1f', 16) gives 31")).toEqual([
      ['toBase', [255, 16], 'ff', 0],
      ['fromBase', ['1f', 16], 31, 0],
    ]);
    expect(read('daysInMonth(2, 1900) is 28 and daysInMonth(2, 2000) is 29.')).toEqual([
      ['daysInMonth', [2, 1900], 28, 0],
      ['daysInMonth', [2, 2000], 29, 0],
    ]);
    expect(read('lcm(4, 6) should be 12; gcd(12, 18) == 6; fib(10) => 55; f(1) → -1')).toEqual([
      ['lcm', [4, 6], 12, 0],
      ['gcd', [12, 18], 6, 0],
      ['fib', [10], 55, 0],
      ['f', [1], -1, 0],
    ]);
  });

  it('reads the literals of Python and Go: tuples, dicts, None, slices and maps', () => {
    expect(read("to_hms(3725) is (1, 2, 5); leaderboard({'ann': 3, 'bob': 9}) is ['bob', 'ann']; first([]) is None; one((1,)) is True")).toEqual([
      ['to_hms', [3725], [1, 2, 5], 0],
      ['leaderboard', [{ ann: 3, bob: 9 }], ['bob', 'ann'], 0],
      ['first', [[]], null, 0],
      ['one', [[1]], true, 0],
    ]);
    expect(read('Mean([]int{1, 2}) is 1.5, Counts([]string{"a", "a"}) is map[string]int{"a": 2}, Find(nil) is nil')).toEqual([
      ['Mean', [[1, 2]], 1.5, 0],
      ['Counts', [['a', 'a']], { a: 2 }, 0],
      ['Find', [null], null, 0],
    ]);
    expect(read('>>> word_counts("a b a")\n{"a": 2, "b": 1}\n')).toEqual([['word_counts', ['a b a'], { a: 2, b: 1 }, 0]]);
    // Read as Python reads it, a tuple given as an argument stays a tuple (a cached function cannot take a list); one in an answer is a list.
    expect(taskExamples('business_days("2024-05-06", "2024-05-13", ("2024-05-09",)) == 4 and pair((1, 2)) == (2, 1)', 'python').map((e) => [e.args, e.expected])).toEqual([
      [['2024-05-06', '2024-05-13', { $tuple: ['2024-05-09'] }], 4],
      [[{ $tuple: [1, 2] }], [2, 1]],
    ]);
    expect(read('```js\nmedian([3, 1, 2]); // 2\nmedian([4, 1, 3, 2]); // => 2.5\n```\n```py\nmedian([1])  # 1\n```')).toEqual([
      ['median', [[3, 1, 2]], 2, 0],
      ['median', [[4, 1, 3, 2]], 2.5, 0],
      ['median', [[1]], 1, 0],
    ]);
  });

  it('takes a value said to be "about" one, or written with three or more decimals, as rounded to what it shows', () => {
    expect(read('sample_stdev([2, 4, 4, 4, 5, 5, 7, 9]) is about 2.138; third(1) is 0.333; half(1) is 0.5; big(1) is roughly 7')).toEqual([
      ['sample_stdev', [[2, 4, 4, 4, 5, 5, 7, 9]], 2.138, 0.5e-3 + 1e-12],
      ['third', [1], 0.333, 0.5e-3 + 1e-12],
      ['half', [1], 0.5, 0],
      ['big', [1], 7, 0.5 + 1e-12],
    ]);
  });

  it('leaves out what is not a literal example: expressions, names, units, negations, methods, a value that goes on', () => {
    expect(read('Add `median(values)`; mean(xs) is the sum over the length; f(2) is 4 times f(1); wait(300) is 5 minutes; g(1) is not 2; obj.h(1) is 3; Mean([]int{1, 2, 4}) is 7/3; k(x) is 2')).toEqual([]);
    // An integer past 2^53 is read as its digits, compared only with an answer that keeps them (verify/exampleVerdict.ts); inside a list it is not read.
    expect(read('big(93) is 12200160415121876738')).toEqual([['big', [93], { $bigint: '12200160415121876738' }, 0]]);
    expect(read('bigs(93) is [12200160415121876738]')).toEqual([]);
  });

  it('reads "argument → value" as examples of the one function of one parameter the task names', () => {
    expect(read("Add `slugify(title)`: ('Hello, World!' gives 'hello-world', 'Top 10 Tips' gives 'top-10-tips').")).toEqual([
      ['slugify', ['Hello, World!'], 'hello-world', 0],
      ['slugify', ['Top 10 Tips'], 'top-10-tips', 0],
    ]);
    expect(read('Add `ISqrt(n int) int`: it follows the rule exactly (15 → 3, 16 -> 4).')).toEqual([
      ['ISqrt', [15], 3, 0],
      ['ISqrt', [16], 4, 0],
    ]);
    expect(taskExamples('Add `f(x)`: 1 → 2').every((e) => e.fromArgument)).toBe(true);
    // Two such functions, or none: whose examples they are is not known.
    expect(read('Add `f(x)` and `g(y)`: 1 → 2')).toEqual([]);
    expect(read('Add `lcm(a, b)`: 4 → 12')).toEqual([]);
    // A value that goes on is not one.
    expect(read('Add `backoff(n)`: waits 100 → 200 → 400 ms')).toEqual([]);
  });

  it('does not read an example stated under a condition: an environment variable set, "when", "if", "after", a day or a time', () => {
    expect(read('- roundTo(1.005, 2) is 1.01\n- CALC_ROUNDING=truncate gives roundTo(2.679, 2) === 2.67')).toEqual([['roundTo', [1.005, 2], 1.01, 0]]);
    expect(read('With CALC_ROUNDING set to truncate, roundTo(2.679, 2) is 2.67. When the cache is warm, fib(90) is 2880067194370816000.')).toEqual([]);
    expect(read('After reset(), count() is 0; if n is negative it throws')).toEqual([]);
    // A day or a time it holds on: the answer is the clock's too.
    expect(read('Example: on 2025-06-02, daysUntil("2025-06-03") is 1, daysUntil("2025-12-25") is 206. At 09:30, greeting() is "morning". isLeap(2024) is true')).toEqual([['isLeap', [2024], true, 0]]);
    // A condition in an earlier clause or outside an aside leaves the example alone.
    expect(read('the mean of the two middle values when the length is even (median([1, 2, 3, 4]) is 2.5). If empty it throws; median([3, 1, 2]) is 2')).toEqual([
      ['median', [[1, 2, 3, 4]], 2.5, 0],
      ['median', [[3, 1, 2]], 2, 0],
    ]);
  });

  it('drops examples of one call that contradict each other, and keeps one of those that agree', () => {
    expect(read('f(1) is 2. Later: f(1) is 3. g(1) is 5, and again g(1) is 5.')).toEqual([['g', [1], 5, 0]]);
  });
});

describe('Go arguments written typed', () => {
  it("keep each argument's type, which decides a generic function's instantiation, and tell apart the same values of two types", async () => {
    const { typedArguments } = await import('../../../program/taskExamples');
    expect(typedArguments('[]uint8{200, 100}, 3, "a,b", map[string]int{"a": 1}')).toEqual(['[]uint8', undefined, undefined, 'map[string]int']);
    const read = taskExamples('Mean([]int8{1, 2}) == 1.5 and Mean([]int{1, 2}) == 1.5', 'go');
    expect(read.map((e) => e.goTypes)).toEqual([['[]int8'], ['[]int']]);
    expect(taskExamples('Abs(-3) is 3', 'go')[0]!.goTypes).toBeUndefined();
  });
});

describe('methods called on the answer', () => {
  it('reads a chain of methods of no arguments after the call, as part of what the example asks', () => {
    const [e] = taskExamples('to_local("2024-03-10T12:00:00Z", "+05:30").isoformat() == "2024-03-10T17:30:00+05:30"', 'python');
    expect(e).toMatchObject({ name: 'to_local', args: ['2024-03-10T12:00:00Z', '+05:30'], expected: '2024-03-10T17:30:00+05:30', then: ['isoformat'] });
    expect(e!.text).toBe('to_local("2024-03-10T12:00:00Z", "+05:30").isoformat() is "2024-03-10T17:30:00+05:30"');
    // A method given arguments is not read: what it is given is not a literal call of the function.
    expect(taskExamples('parse("x").get("a") is 1')).toEqual([]);
  });
});
