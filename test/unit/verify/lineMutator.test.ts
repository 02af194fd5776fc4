import { describe, expect, it } from 'vitest';
import { goNumericReturnLines, mutateLine, returnValueShift } from '../../../verify/lineMutator';

describe('the line mutator (languages Stryker does not read)', () => {
  it('swaps operators and literals one at a time', () => {
    expect(mutateLine('    return a + b').map((m) => m.replacement)).toEqual(['-']);
    expect(mutateLine('    if x <= 10 and ok:').map((m) => `${m.original}->${m.replacement}`)).toEqual(['<=->>', '10->0', 'and->or']);
    expect(mutateLine('  if a == b || c {').map((m) => m.mutator)).toEqual(['EqualityOperator', 'LogicalOperator']);
    expect(mutateLine('    return True').map((m) => m.replacement)).toEqual(['False']);
  });

  it('leaves what is inside strings, comments, signs, arrows and generic types alone, and empties a string as a whole', () => {
    expect(mutateLine('    print("a + b == c")  # x > 1')).toEqual([expect.objectContaining({ original: '"a + b == c"', replacement: '""', mutator: 'StringLiteral' })]);
    expect(mutateLine("SUFFIX = {'1': 'st', '2': 'nd'}").map((m) => m.original)).toEqual(["'1'", "'st'", "'2'", "'nd'"]);
    expect(mutateLine('    """A docstring."""')).toEqual([]);
    expect(mutateLine('// return a - b')).toEqual([]);
    // An import names a package: emptying it breaks the build, which tells nothing about a test.
    expect(mutateLine('import "strings"')).toEqual([]);
    expect(mutateLine('\tfmtx "fmt"')).toEqual([]);
    expect(mutateLine('\t"lookup-1",').map((m) => m.replacement)).toEqual(['""']);
    expect(mutateLine('    x = -1')).toEqual([expect.objectContaining({ original: '1' })]);
    expect(mutateLine('fn f(v: Vec<u8>) -> usize {')).toEqual([]);
    expect(mutateLine('    if a < b && x > 0 {').map((m) => m.original)).toEqual(['<', '&&', '>', '0']);
  });
});

describe('goNumericReturnLines', () => {
  it('finds the returns of a Go function declared to return one number, calls included, and not those of a function literal inside it', () => {
    const src = [
      'func DayOfYear(unix int64) int {', // 0
      '\treturn time.Unix(unix, 0).UTC().YearDay()', // 1
      '}', // 2
      'func Name(x int) string {', // 3
      '\treturn fmt.Sprint(x)', // 4
      '}', // 5
      'func (c *Calc) Sum(xs []float64) float64 {', // 6
      '\tless := func(i, j int) bool {', // 7
      '\t\treturn xs[i] < xs[j]', // 8
      '\t}', // 9
      '\tif len(xs) == 0 { // "}"', // 10
      '\t\treturn 0', // 11
      '\t}', // 12
      '\treturn c.total(xs, less)', // 13
      '}', // 14
      'func Pair() (int, error) {', // 15
      '\treturn 1, nil', // 16
      '}', // 17
    ];
    expect([...goNumericReturnLines(src)]).toEqual([1, 11, 13]);
    // The line mutator shifts such a return even though it hands on a call's value.
    expect(returnValueShift(src[1]!, 'typed', true)?.replacement).toBe('(time.Unix(unix, 0).UTC().YearDay()) + 1');
    expect(returnValueShift(src[1]!, 'typed')).toBeUndefined();
  });
});
