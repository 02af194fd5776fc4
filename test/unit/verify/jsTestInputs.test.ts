import { describe, expect, it } from 'vitest';
import { jsTestInputs } from '../../../verify/jsTestInputs';

const names = new Set(['isPrime', 'power', 'clamp']);

describe("the inputs a JavaScript test gives a function", () => {
  it('reads literal arguments, and constants the test names', () => {
    const got = jsTestInputs('test/a.test.js', "const N = 7;\nassert.equal(isPrime(97), true);\nassert.equal(power(2, N), 128);\nassert.equal(clamp(x, 0, 1), 0);\n", names);
    expect(got.get('isPrime')).toEqual([[97]]);
    expect(got.get('power')).toEqual([[2, 7]]);
    // An argument computed at run time: the call is not read.
    expect(got.has('clamp')).toBe(false);
  });

  it("reads a class's static method by its class's name, and a class by what `new` gives it", () => {
    const got = jsTestInputs('test/m.test.js', "assert.deepStrictEqual(Money.parse('19.99'), new Money(1999));\nassert.equal(other.parse('1'), 1);\n", new Set(['Money.parse', 'Money', 'parse']));
    expect(got.get('Money.parse')).toEqual([['19.99']]);
    expect(got.get('Money')).toEqual([[1999]]);
    // Another object's method of the same name is still read by its name alone.
    expect(got.get('parse')).toEqual([['1']]);
  });

  it('reads a table of cases row by row, through for…of, forEach and test.each, whole, destructured or by field', () => {
    const src = [
      "for (const p of [2, 3, 7919]) assert.equal(isPrime(p), true, String(p));",
      'const CASES = [[2, 10, 1024], [3, 3, 27]];',
      'for (const [b, e, want] of CASES) assert.equal(power(b, e), want);',
      "[{ v: 5, lo: 0, hi: 9 }, { v: -1, lo: 0, hi: 9 }].forEach(({ v, lo, hi }) => assert.ok(clamp(v, lo, hi) >= lo));",
      "const rows = [{ n: 91 }, { n: 221 }];",
      "for (const c of rows) assert.equal(isPrime(c.n), false);",
      "test.each([[10, 2, 100], [5, 0, 1]])('power(%d, %d)', (base, exp, want) => expect(power(base, exp)).toBe(want));",
    ].join('\n');
    const got = jsTestInputs('test/b.test.ts', src, names);
    expect(got.get('isPrime')).toEqual([[2], [3], [7919], [91], [221]]);
    expect(got.get('power')).toEqual([[2, 10], [3, 3], [10, 2], [5, 0]]);
    expect(got.get('clamp')).toEqual([[5, 0, 9], [-1, 0, 9]]);
  });

  it('leaves out a table whose variable is reassigned, and two tables looped over at once', () => {
    const src = ['let xs = [1, 2];', 'xs = [3];', 'for (const x of xs) isPrime(x);', 'for (const a of [1, 2]) for (const b of [3, 4]) power(a, b);'].join('\n');
    const got = jsTestInputs('test/c.test.js', src, names);
    expect(got.has('isPrime')).toBe(false);
    expect(got.has('power')).toBe(false);
  });
});
