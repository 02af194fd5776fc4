import { describe, expect, it } from 'vitest';
import { goReferences, pythonReferences, resolvePythonModule } from '../../../verify/exercisedCodePyGo';

const repo = (files: Record<string, string>) => ({ read: (p: string) => files[p], files: new Set(Object.keys(files)) });

describe('what a Python test exercises', () => {
  it('finds modules where pytest and the interpreter would: beside the test, at the root, under src/', () => {
    const files = new Set(['calc.py', 'src/shop/cart.py', 'src/shop/__init__.py', 'tests/helpers.py']);
    expect(resolvePythonModule('calc', 'tests/test_calc.py', files)).toBe('calc.py');
    expect(resolvePythonModule('shop.cart', 'tests/test_cart.py', files)).toBe('src/shop/cart.py');
    expect(resolvePythonModule('shop', 'tests/test_cart.py', files)).toBe('src/shop/__init__.py');
    expect(resolvePythonModule('helpers', 'tests/test_calc.py', files)).toBe('tests/helpers.py');
    expect(resolvePythonModule('json', 'tests/test_calc.py', files)).toBeUndefined();
  });

  it('names the functions a test imports, with their lines; a whole module when it imports the module', async () => {
    const { read, files } = repo({ 'calc.py': 'def add(a, b):\n    return a + b\n\n\ndef multiply(a, b):\n    return a * b\n', 'tests/test_m.py': '' });
    expect(await pythonReferences('tests/test_m.py', 'from calc import multiply\n\ndef test_m():\n    assert multiply(2, 3) == 6\n', read, files, () => true)).toEqual([{ file: 'calc.py', ranges: [{ start: 5, end: 6 }], names: ['multiply'] }]);
    expect(await pythonReferences('tests/test_m.py', 'import calc\n\ndef test_m():\n    assert calc.add(2, 3) == 5\n', read, files, () => true)).toEqual([{ file: 'calc.py', names: ['*'] }]);
    expect(await pythonReferences('tests/test_m.py', 'import os\n\ndef test_m():\n    assert os.sep\n', read, files, () => true)).toEqual([]);
  });
});

describe('what a Go test exercises', () => {
  const { read, files } = repo({
    'calc.go': 'package calc\n\nfunc Add(a, b int) int {\n\treturn a + b\n}\n\nfunc Multiply(a, b int) int {\n\treturn a * b\n}\n',
    'calc_test.go': '',
    'sub/sub.go': 'package sub\n\nfunc Twice(a int) int {\n\treturn 2 * a\n}\n',
  });
  const test = 'package calc\n\nimport (\n\t"testing"\n\t"example.com/m/sub"\n)\n\nfunc TestMultiply(t *testing.T) {\n\t_ = Multiply(3, 4)\n}\n\nfunc TestTwice(t *testing.T) {\n\t_ = sub.Twice(2)\n}\n';

  it("names the functions of its package, and of the module's packages it imports, that its own test function calls", async () => {
    expect(await goReferences('calc_test.go', test, read, files, () => true, 'example.com/m', 'TestMultiply')).toEqual([{ file: 'calc.go', ranges: [{ start: 7, end: 9 }], names: ['Multiply'] }]);
    expect(await goReferences('calc_test.go', test, read, files, () => true, 'example.com/m', 'TestTwice')).toEqual([{ file: 'sub/sub.go', ranges: [{ start: 3, end: 5 }], names: ['Twice'] }]);
  });

  it('finds nothing for a test that names none of its package functions (what it reaches, through a table or a method value, is not known)', async () => {
    expect(await goReferences('calc_test.go', 'package calc\n\nimport "testing"\n\nfunc TestNothing(t *testing.T) {\n\tt.Log("hi")\n}\n', read, files, () => true, 'example.com/m', 'TestNothing')).toEqual([]);
  });
});
