import { describe, expect, it } from 'vitest';
import type { Mutant } from '../../../verify/mutants';
import { chooseFaults, judgePlanted, newlyFailing, nudgeMutants, transplant, unchangedLines, reachableFaultFiles, testsReaching } from '../../../verify/plantedFaults';
import { compactRun, type TestCase } from '../../../verify/testResults';

const run = (cases: TestCase[], exitCode = 0) => compactRun({ runner: 'node', how: '', exitCode, timedOut: false, problems: [] }, cases);
const mutant = (file: string, line: number, extra: Partial<Mutant> = {}): Mutant => ({ id: `${file}:${line}`, file, line, mutator: 'ArithmeticOperator', start: 0, end: 1, original: '+', replacement: '-', origin: 'exercised', ...extra });

describe('planted faults', () => {
  it('maps each unchanged base line to its line in the changed file', () => {
    // base: 1 a, 2 b, 3 c, 4 d; lab: removed 2, added 2 and 3 (x, y) -> a x y c d
    const m = unchangedLines(new Set([2]), new Set([2, 3]), 4);
    expect([...m]).toEqual([[1, 1], [3, 4], [4, 5]]);
  });

  it('places a mutant of the base at the same code in the Lab version, and nowhere if that code changed', () => {
    const base = 'function add(a, b) {\n  return a + b;\n}\nfunction sub(a, b) {\n  return a - b;\n}\n';
    const lab = '// header\nfunction add(a, b) {\n  return a + b;\n}\nfunction sub(a, b) {\n  return b - a;\n}\n';
    const lines = unchangedLines(new Set([5]), new Set([1, 6]), 7);
    const plus = base.indexOf('a + b') + 2;
    const onAdd = transplant(mutant('calc.js', 2, { start: plus, end: plus + 1 }), base, lab, lines)!;
    expect(onAdd.line).toBe(3);
    expect(lab.slice(onAdd.start, onAdd.end)).toBe('+');
    const minus = base.indexOf('a - b') + 2;
    expect(transplant(mutant('calc.js', 5, { start: minus, end: minus + 1, original: '-' }), base, lab, lines)).toBeUndefined();
  });

  it('tries code the tests call in the changed files first, one fault per line, and never a string or a regex', () => {
    const ms = [mutant('a.js', 1), mutant('a.js', 1, { id: 'a2' }), mutant('b.js', 5), mutant('c.js', 2, { mutator: 'StringLiteral' }), mutant('d.js', 9)];
    const rank = (m: Mutant) => ({ 'b.js': 0, 'a.js': 1, 'd.js': 2 })[m.file as 'a.js'] ?? 3;
    const order = chooseFaults(ms, rank, () => 0);
    expect(order.map((m) => m.file)).toEqual(['b.js', 'a.js', 'd.js']);
  });

  it('counts as caught a test that passed cleanly and fails, or vanished from a file that ran, with the fault', () => {
    const clean = run([{ file: 't.js', name: 'add', status: 'passed' }, { file: 't.js', name: 'sub', status: 'passed' }, { file: 'u.js', name: 'mul', status: 'passed' }]);
    expect(newlyFailing(clean, run([{ file: 't.js', name: 'add', status: 'failed' }, { file: 't.js', name: 'sub', status: 'passed' }], 1))).toEqual(['t.js > add']);
    // Only t.js ran with the fault: u.js's test is not missing, it was not asked for.
    expect(newlyFailing(clean, run([{ file: 't.js', name: 'add', status: 'passed' }], 0))).toEqual(['t.js > sub']);
    expect(newlyFailing(clean, run([{ file: 't.js', name: 'add', status: 'passed' }, { file: 't.js', name: 'sub', status: 'passed' }]))).toEqual([]);
  });

  it('voids the held-out run when the base catches a fault the Lab source lets through, and ignores faults nobody catches', () => {
    const caught = { fault: 'a', caughtBy: ['t.js > add'] };
    const nobody = { fault: 'b', caughtBy: [], onBase: { caughtBy: [] } };
    expect(judgePlanted({ outcomes: [caught, nobody], durationMs: 1 })).toEqual({ caught: 1, uncaughtOnBoth: 1, violations: [] });
    const hidden = { fault: 'src/calc.js:6 `a - b` -> `a + b`', caughtBy: [], onBase: { caughtBy: ['test/calc.test.js > subtract'] } };
    const v = judgePlanted({ outcomes: [caught, hidden], durationMs: 1 });
    expect(v.violations).toHaveLength(1);
    expect(v.violations[0]).toMatch(/src\/calc\.js:6 .* caught by the base's tests on the base \(test\/calc\.test\.js > subtract failed\) but not on the Lab's source/);
  });
});

describe("faults of the oracle's precision", () => {
  it('moves each returned expression by a hundredth of a percent, in JavaScript and Python, and leaves strings, constants and Go alone', () => {
    const py = 'def mean(xs):\n    return sum(xs) / len(xs)\n\n\ndef name():\n    return "calc"\n\n\ndef done():\n    return None\n';
    const ms = nudgeMutants('stats.py', py);
    expect(ms.map((m) => [m.line, m.original, m.replacement])).toEqual([[2, 'sum(xs) / len(xs)', '(sum(xs) / len(xs)) * 1.0001 + 0.0001']]);
    expect(py.slice(ms[0]!.start, ms[0]!.end)).toBe('sum(xs) / len(xs)');
    const js = 'export function add(a, b) {\n  return a + b;\n}\nexport const f = () => {\n  return;\n};\n';
    expect(nudgeMutants('src/calc.js', js).map((m) => m.original)).toEqual(['a + b']);
    expect(nudgeMutants('calc.go', 'func Add(a, b int) int {\n\treturn a + b\n}\n')).toEqual([]);
  });
});

describe('faults of precision leave truth values alone', () => {
  it('makes none of a comparison, a predicate or a boolean operator', () => {
    const py = 'def close(a, b):\n    return math.isclose(a, b, rel_tol=1e-9)\n\n\ndef big(x):\n    return x > 10\n\n\ndef both(a, b):\n    return a and b\n\n\ndef twice(x):\n    return 2 * x\n';
    expect(nudgeMutants('approx.py', py).map((m) => m.original)).toEqual(['2 * x']);
  });
});

describe('faults of precision in JavaScript', () => {
  it('moves a value computed with an arrow function, which is not a comparison', () => {
    const js = 'export function mean(xs) {\n  return xs.reduce((sum, x) => sum + x, 0) / xs.length;\n}\nexport const big = (x) => {\n  return x > 10;\n};\n';
    expect(nudgeMutants('src/stats.js', js).map((m) => m.original)).toEqual(['xs.reduce((sum, x) => sum + x, 0) / xs.length']);
  });
});

describe('which tests a planted fault runs', () => {
  const isJs = (p: string) => /\.[cm]?[jt]sx?$/.test(p);
  const reach = new Map([
    ['test/a.test.ts', new Set(['src/a.ts', 'src/shared.ts'])],
    ['test/b.test.ts', new Set(['src/b.ts', 'src/shared.ts'])],
  ]);

  it('runs only the test files that import the faulty file', () => {
    expect(testsReaching('src/shared.ts', reach, isJs)).toEqual(['test/a.test.ts', 'test/b.test.ts']);
    expect(testsReaching('src/b.ts', reach, isJs)).toEqual(['test/b.test.ts']);
  });

  it('runs the whole command for code in another language, which imports cannot place', () => {
    expect(testsReaching('src/helper.py', reach, isJs)).toBeUndefined();
    expect(testsReaching('src/a.ts', undefined, isJs)).toBeUndefined();
  });

  it('plants in JavaScript some test imports, and keeps code in other languages beside it', () => {
    expect(reachableFaultFiles(['src/a.ts', 'src/unused.ts', 'src/helper.py'], reach, isJs)).toEqual(['src/a.ts', 'src/helper.py']);
    expect(reachableFaultFiles(['src/unused.ts'], undefined, isJs)).toEqual(['src/unused.ts']);
  });
});
