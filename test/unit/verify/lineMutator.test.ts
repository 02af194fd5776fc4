import { describe, expect, it } from 'vitest';
import { mutateLine } from '../../../verify/lineMutator';

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
