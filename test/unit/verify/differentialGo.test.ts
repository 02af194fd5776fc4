import { describe, expect, it } from 'vitest';
import { literalCalls, publicFunctions } from '../../../verify/differential';
import { fitsGoType, goCallable, goGenericCallable, goInstantiation, goPackage } from '../../../verify/differentialGo';

const POW = 'package calc\n\n// Pow returns base raised to exp.\nfunc Pow(base, exp int) int {\n\treturn 1\n}\n\nfunc helper(x int) int { return x }\n\nfunc (c Calc) Method(x int) int { return x }\n\nfunc Split(s string, n uint8, xs []float64) (string, error) { return s, nil }\n\nfunc Log(xs ...int) int { return 0 }\n\nfunc Reset() {}\n\nfunc At(t Temp) float64 { return 0 }\n';

const GENERIC = 'package calc\n\nfunc Mean[T Number](xs []T) float64 { return 0 }\n\nfunc Clamp[T int | float64](x, lo, hi T) T { return x }\n\nfunc Keys[K comparable, V any](m map[K]V) []K { return nil }\n\nfunc Zero[T any]() T { var z T; return z }\n\nfunc Each[T any](xs []T, f func(T)) int { return 0 }\n';

describe('generic Go functions', () => {
  it('are callable only with the instantiation an example\'s own arguments give, as Go infers it', async () => {
    const g = await goGenericCallable(GENERIC);
    expect([...g.keys()]).toEqual(['Mean', 'Clamp', 'Keys', 'Zero']);
    expect([...(await goCallable(GENERIC)).keys()]).toEqual([]);
    expect(goInstantiation(g.get('Mean')!, [[200, 100]], ['[]uint8'])).toEqual(['[]uint8']);
    // A slice written without its type is not Go: not asked.
    expect(goInstantiation(g.get('Mean')!, [[1, 2]], [])).toBeUndefined();
    // Untyped constants take their default type; a float among ints makes it float64.
    expect(goInstantiation(g.get('Clamp')!, [5, 0, 10])).toEqual(['int', 'int', 'int']);
    expect(goInstantiation(g.get('Clamp')!, [2.5, 0, 10])).toEqual(['float64', 'float64', 'float64']);
    expect(goInstantiation(g.get('Clamp')!, ['a', 0, 10])).toBeUndefined();
    expect(goInstantiation(g.get('Keys')!, [{ a: 1 }], ['map[string]int'])).toEqual(['map[string]int']);
    // A type parameter no argument decides cannot be inferred.
    expect(goInstantiation(g.get('Zero')!, [])).toBeUndefined();
  });
});

describe('the differential check for Go', () => {
  it('calls exported functions whose parameters a literal can give, and that answer something', async () => {
    expect(await publicFunctions('calc/pow.go', POW)).toEqual(['Pow', 'Split']);
    expect((await goCallable(POW)).get('Pow')).toEqual({ params: ['int', 'int'], results: 1 });
    expect((await goCallable(POW)).get('Split')).toEqual({ params: ['string', 'uint8', '[]float64'], results: 2 });
    expect(goPackage('// Package calc does sums.\npackage calc\n')).toBe('calc');
  });

  it("finds the tests' inputs written out, in the table of cases a test ranges over, and in a range over a literal slice", async () => {
    const test =
      'package calc\n\nimport "testing"\n\nfunc TestPow(t *testing.T) {\n\tcases := []struct{ base, exp, want int }{{2, 10, 1024}, {3, -1, 1}}\n\tfor _, c := range cases {\n\t\tif got := Pow(c.base, c.exp); got != c.want {\n\t\t\tt.Fail()\n\t\t}\n\t}\n' +
      '\tnamed := map[string]struct {\n\t\tb int\n\t\te int\n\t}{"square": {e: 2, b: 7}}\n\tfor _, tc := range named {\n\t\t_ = Pow(tc.b, tc.e)\n\t}\n\tfor _, e := range []int{0, 1, 8} {\n\t\t_ = Pow(2, e)\n\t}\n\t_ = calc.Pow(5, 0)\n\t_ = Split("a,b", 2, []float64{1.5, -2})\n\t_ = Pow(x, 1)\n}\n';
    const calls = await literalCalls('calc/pow_test.go', test, new Set(['Pow', 'Split']));
    expect(calls.get('Pow')).toEqual([[2, 10], [3, -1], [7, 2], [2, 0], [2, 1], [2, 8], [5, 0]]);
    expect(calls.get('Split')).toEqual([['a,b', 2, [1.5, -2]]]);
  });

  it("keeps only inputs a parameter's type can take", () => {
    expect(fitsGoType(3, 'int')).toBe(true);
    // int is 64 bits wide where Lab images run: a task's example past 2^31 is asked.
    expect(fitsGoType(4503599761588224, 'int')).toBe(true);
    expect(fitsGoType(2 ** 31, 'int32')).toBe(false);
    expect(fitsGoType(3.5, 'int')).toBe(false);
    expect(fitsGoType(-1, 'uint')).toBe(false);
    expect(fitsGoType(256, 'uint8')).toBe(false);
    expect(fitsGoType(-128, 'int8')).toBe(true);
    expect(fitsGoType(3.5, 'float64')).toBe(true);
    expect(fitsGoType([1, 2], '[]int')).toBe(true);
    expect(fitsGoType([1, 'x'], '[]int')).toBe(false);
    expect(fitsGoType('x', 'string')).toBe(true);
    // A map from and to basic types, as a task writes map[string]int{"ann": 5}.
    expect(fitsGoType({ ann: 5, bob: 7 }, 'map[string]int')).toBe(true);
    expect(fitsGoType({ ann: 'x' }, 'map[string]int')).toBe(false);
    expect(fitsGoType({ '3': 'x' }, 'map[int]string')).toBe(true);
    expect(fitsGoType({ a: 'x' }, 'map[int]string')).toBe(false);
    expect(fitsGoType([1], 'map[string]int')).toBe(false);
    // An integer past 2^53, kept as its digits, within the type's range.
    expect(fitsGoType({ $bigint: '9223372036854775809' }, 'uint64')).toBe(true);
    expect(fitsGoType({ $bigint: '9223372036854775809' }, 'int64')).toBe(false);
    expect(fitsGoType({ $bigint: '-9223372036854775808' }, 'int')).toBe(true);
    expect(fitsGoType({ $bigint: '18446744073709551616' }, 'uint64')).toBe(false);
  });
});
