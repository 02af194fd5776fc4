import { describe, expect, it } from 'vitest';
import { pyTestInputs } from '../../../verify/pyTestInputs';

const names = new Set(['is_prime', 'power', 'clamp']);

describe('the inputs a Python test gives a function', () => {
  it('reads literal arguments and module constants, not what a test computes', async () => {
    const got = await pyTestInputs('N = 7\n\n\ndef test_a():\n    assert is_prime(97)\n    assert power(2, N) == 128\n    assert clamp(x, 0, 1) == 0\n', names);
    expect(got.get('is_prime')).toEqual([[97]]);
    expect(got.get('power')).toEqual([[2, 7]]);
    expect(got.has('clamp')).toBe(false);
  });

  it('reads a table of cases row by row, through a for loop, its unpacking, a subscript and pytest.mark.parametrize', async () => {
    const src = [
      'import pytest',
      '',
      'CASES = [(2, 10, 1024), (3, 3, 27)]',
      'ROWS = [{"v": 5, "lo": 0, "hi": 9}]',
      '',
      '',
      'def test_loops():',
      '    for p in [2, 3, 7919]:',
      '        assert is_prime(p)',
      '    for b, e, want in CASES:',
      '        assert power(b, e) == want',
      '    for r in ROWS:',
      '        assert clamp(r["v"], r["lo"], r["hi"]) == 5',
      '',
      '',
      '@pytest.mark.parametrize("n", [91, 221])',
      'def test_composites(n):',
      '    assert not is_prime(n)',
      '',
      '',
      '@pytest.mark.parametrize(("base", "exp"), [(10, 2), (5, 0)])',
      'def test_power(base, exp):',
      '    assert power(base, exp) >= 1',
    ].join('\n');
    const got = await pyTestInputs(src, names);
    expect(got.get('is_prime')).toEqual([[2], [3], [7919], [91], [221]]);
    expect(got.get('power')).toEqual([[2, 10], [3, 3], [10, 2], [5, 0]]);
    expect(got.get('clamp')).toEqual([[5, 0, 9]]);
  });

  it('leaves out a constant assigned twice, and two tables looped over at once', async () => {
    const src = 'XS = [1, 2]\nXS = [3]\n\n\ndef test_b():\n    for x in XS:\n        is_prime(x)\n    for a in [1, 2]:\n        for b in [3, 4]:\n            power(a, b)\n';
    const got = await pyTestInputs(src, names);
    expect(got.has('is_prime')).toBe(false);
    expect(got.has('power')).toBe(false);
  });
});
