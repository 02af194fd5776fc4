import { describe, expect, it } from 'vitest';
import { isCodeLine, traceNames, unrunGoLines, unrunJsLines, unrunTraceLines } from '../../../verify/lineCoverage';

describe('changed lines no test runs', () => {
  it('counts lines of code, not braces, comments or blanks', () => {
    expect(['  return p', 'x = 1', '  if (a) {'].map(isCodeLine)).toEqual([true, true, true]);
    expect(['  }', '});', '', '  // note', '# note', '  } else {', 'else:'].map(isCodeLine)).toEqual([false, false, false, false, false, false, false]);
  });

  it("JavaScript: a changed line inside a block V8 says never ran", () => {
    const code = 'export function f(x) {\n  if (x > 100) {\n    return 0;\n  }\n  return x;\n}\n';
    const start = code.indexOf('{\n    return 0');
    const ranges: Array<[number, number, number]> = [[0, code.length, 1], [0, code.length - 1, 1], [start, start + 18, 0]];
    const coverage = { 'src/f.js': [ranges] };
    expect(unrunJsLines(coverage, 'src/f.js', code, [1, 2, 3, 4, 5])).toEqual([3]);
    expect(unrunJsLines(coverage, 'src/g.js', code, [3])).toBeUndefined();
  });

  it('JavaScript: never-run code inside an exempt span (a throw) does not count, the rest of the line does', () => {
    const code = "export function f(x) {\n  if (x < 0) throw new RangeError('negative');\n  if (x > 9) return x * 0;\n  return x;\n}\n";
    const thrown = code.indexOf('throw');
    const zero = code.indexOf('return x * 0');
    const ranges: Array<[number, number, number]> = [[0, code.length, 1], [thrown, thrown + 31, 0], [zero, zero + 13, 0]];
    const coverage = { 'src/f.js': [ranges] };
    expect(unrunJsLines(coverage, 'src/f.js', code, [2, 3, 4])).toEqual([2, 3]);
    expect(unrunJsLines(coverage, 'src/f.js', code, [2, 3, 4], [[thrown, thrown + 33]])).toEqual([3]);
  });

  it("Python: the trace module's never-run marks, under the module's name", () => {
    expect([...unrunTraceLines('    1: def mul(a, b):\n    1:     if a > 100:\n>>>>>>         return 0\n    1:     return a * b\n')]).toEqual([3]);
    expect(traceNames('src/shop/cart.py')).toEqual(['src.shop.cart.cover', 'shop.cart.cover', 'cart.cover']);
  });

  it("Go: the cover profile's blocks that never ran, a line some other block ran excepted", () => {
    const content = 'package calc\n\nfunc Mul(a, b int) int {\n\tif a > 100 {\n\t\treturn 0\n\t}\n\treturn a * b\n}\n';
    const profile = 'mode: set\nexample.com/gocalc/calc.go:3.24,4.13 1 1\nexample.com/gocalc/calc.go:4.13,6.3 1 0\nexample.com/gocalc/calc.go:7.2,7.14 1 1\n';
    const { unrun, reported } = unrunGoLines(profile, 'example.com/gocalc', () => content);
    expect([...reported]).toEqual(['calc.go']);
    expect([...unrun.get('calc.go')!]).toEqual([5, 6]);
  });
});

describe("a program's own lines", () => {
  it('are the main block in Python, the whole file in a Go package main, the guard or the shebang file in JavaScript', async () => {
    const { pythonMainLines, isGoProgram } = await import('../../../verify/lineCoverage');
    const { programLines } = await import('../../../verify/jsProgramLines');
    expect([...pythonMainLines('import sys\n\ndef main():\n    return 0\n\nif __name__ == "__main__":\n    sys.exit(main())\n')]).toEqual([6, 7]);
    expect(isGoProgram('// Command calc.\npackage main\n\nfunc main() {}\n')).toBe(true);
    expect(isGoProgram('package calc\n')).toBe(false);
    expect([...programLines('src/cli.js', "export const run = () => 1;\nif (require.main === module) {\n  process.exit(run());\n}\n")]).toEqual([2, 3, 4]);
    expect(programLines('bin/calc.js', '#!/usr/bin/env node\nconsole.log(1);').size).toBe(2);
  });
});
