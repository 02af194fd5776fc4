import { describe, expect, it } from 'vitest';
import { callOrder, goHarness } from '../../../verify/goHarness';

describe("the test Loom writes into a Go package to call its functions", () => {
  it('writes a test that calls each function in the same order as the other harnesses, typed', () => {
    expect(callOrder(2, 8)).toEqual([0, 1, 0, 0, 1, 1, ...callOrder(2, 8).slice(6)]);
    expect(callOrder(2, 8)).toHaveLength(8);
    const src = goHarness('calc', [{ file: 'pow.go', name: 'Pow', params: ['int', 'float64'], inputs: [[2, 0.5], [-3, 2]], order: [0, 1, 1] }]);
    expect(src).toMatch(/^package calc\n/);
    expect(src).toContain('func() string { return loomCanon(Pow(int(2), float64(0.5))) },');
    expect(src).toContain('func() string { return loomCanon(Pow(int(-3), float64(2))) },');
    expect(src).toContain('order := []int{0, 1, 1}');
    expect(src).toContain('"file": "pow.go", "name": "Pow"');
    expect(src).toContain('func TestLoomDifferential(t *loomtesting.T)');
    // Examples: a map and a big integer typed, and the plain answer taken on every call, in order.
    const ex = goHarness('calc', [{ file: 'b.go', name: 'Board', params: ['map[string]int', 'uint64'], inputs: [[{ ann: 5 }, { $bigint: '9223372036854775809' }]], order: [0, 0, 0], values: true }]);
    expect(ex).toContain('func() any { return loomPlain(Board(map[string]int{"ann": int(5)}, uint64(9223372036854775809))) },');
    expect(ex).toContain('values = append(values, loomValue(plains[i]))');
    // A generic function: each call typed as its own instantiation, so Go infers it.
    const gen = goHarness('calc', [{ file: 'm.go', name: 'Mean', params: ['[]T'], inputParams: [['[]uint8'], ['[]int64']], inputs: [[[200, 100]], [[1, 2]]], order: [0, 1], values: true }]);
    expect(gen).toContain('func() any { return loomPlain(Mean([]uint8{uint8(200), uint8(100)})) },');
    expect(gen).toContain('func() string { return loomCanon(Mean([]int64{int64(1), int64(2)})) },');
    // Across the tested range: the one argument typed in turn from each value, the others as tested.
    const across = goHarness('calc', [{ file: 'pow.go', name: 'Pow', params: ['int', 'uint8'], inputs: [[2, 3]], order: [0], across: [{ args: [2, 3], position: 1, values: [0, 1, 2] }], acrossBudgetMs: 5000 }]);
    expect(across).toContain('for _, v := range []int64{0, 1, 2} {');
    expect(across).toContain('return loomCanon(Pow(int(2), uint8(v)))');
    expect(across).toContain('loomAcrossSpent+loomtime.Since(started) > 5000*loomtime.Millisecond');
  });
});
