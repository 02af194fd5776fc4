import { describe, expect, it } from 'vitest';
import { readIntegerExpression } from '../../../program/integerExpression';
import { taskExamples } from '../../../program/taskExamples';

const read = (s: string, lang?: 'js' | 'python' | 'go') => readIntegerExpression(s, 0, lang);

describe('an integer written as a constant expression', () => {
  it("reads shifts, sums, products and powers as the example's language binds them", () => {
    expect(read('1<<63+1', 'go')?.value).toBe(2n ** 63n + 1n);
    expect(read('1<<63+1', 'js')?.value).toBe(2n ** 64n);
    expect(read('1<<63+1', 'python')?.value).toBe(2n ** 64n);
    expect(read('-(1<<53 - 1)', 'go')?.value).toBe(-(2n ** 53n - 1n));
    expect(read('10**9 + 7', 'python')?.value).toBe(1_000_000_007n);
    expect(read('-2**2', 'python')?.value).toBe(-4n);
    expect(read('2 * 3 + 4', 'go')?.value).toBe(10n);
    expect(read('0xFF_FF', 'go')?.value).toBe(65535n);
    expect(read('1_000_000', 'python')).toMatchObject({ value: 1_000_000n, composite: false });
  });

  it("knows each language's named integer constants, and only that language's", () => {
    expect(read('math.MaxInt64', 'go')?.value).toBe(2n ** 63n - 1n);
    expect(read('math.MinInt64', 'go')?.value).toBe(-(2n ** 63n));
    expect(read('math.MaxUint64', 'go')?.value).toBe(2n ** 64n - 1n);
    expect(read('math.MaxInt32 + 1', 'go')?.value).toBe(2n ** 31n);
    expect(read('Number.MAX_SAFE_INTEGER', 'js')?.value).toBe(2n ** 53n - 1n);
    expect(read('sys.maxsize', 'python')?.value).toBe(2n ** 63n - 1n);
    expect(read('sys.maxsize', 'go')).toBeUndefined();
    expect(read('math.Pi', 'go')).toBeUndefined();
  });

  it('reads an expression whose language is unknown only where every language reads it alike', () => {
    expect(read('1<<63+1')).toBeUndefined();
    expect(read('(1<<63) + 1')?.value).toBe(2n ** 63n + 1n);
    expect(read('math.MaxInt64')?.value).toBe(2n ** 63n - 1n);
  });

  it('stops before an operator with no operand after it, and refuses what is no integer', () => {
    expect(read('5 - the least', 'go')).toMatchObject({ value: 5n, end: 1, composite: false });
    expect(read('2.5', 'go')).toBeUndefined();
    expect(read('0755', 'go')).toBeUndefined();
    expect(read('1 << 100000', 'go')).toBeUndefined();
    expect(read('2**-1', 'python')).toBeUndefined();
  });
});

describe("a task's examples with constant expressions", () => {
  it('asks a Go example its arguments and value as Go reads them, digits past 2^53 kept', () => {
    const [e] = taskExamples('MulMod(1<<63+1, 2, 1<<63+3) == 9223372036854775807', 'go');
    expect(e).toMatchObject({ name: 'MulMod', args: [{ $bigint: '9223372036854775809' }, 2, { $bigint: '9223372036854775811' }], expected: { $bigint: '9223372036854775807' } });
    expect(taskExamples('Mean([]int{math.MaxInt, math.MaxInt}) == math.MaxInt', 'go')[0]).toMatchObject({ args: [[{ $bigint: '9223372036854775807' }, { $bigint: '9223372036854775807' }]], expected: { $bigint: '9223372036854775807' } });
    expect(taskExamples('JSNumber(1<<53 - 1) returns 9007199254740991', 'go')[0]).toMatchObject({ args: [2 ** 53 - 1], expected: 2 ** 53 - 1 });
    // Where the languages disagree and none is given, the example is not read.
    expect(taskExamples('MulMod(1<<63+1, 2, 1<<63+3) == 9223372036854775807')).toEqual([]);
  });

  it('gives JavaScript no argument past 2^53 (a number would not hold it), and Python an int', () => {
    expect(taskExamples('isSafe(2**60) is false', 'js')).toEqual([]);
    expect(taskExamples('is_safe(2**60) is False', 'python')[0]).toMatchObject({ args: [{ $bigint: String(2n ** 60n) }], expected: false });
    expect(taskExamples('modulus() is 10**9 + 7', 'js')[0]).toMatchObject({ expected: 1_000_000_007 });
  });
});
