import { describe, expect, it } from 'vitest';
import { returnValueMutant, returnValueShift } from '../../../verify/lineMutator';
import { applyMutant, generateMutants, selectMutants, type Mutant } from '../../../verify/mutants';

const CALC = "export function add(a, b) {\n  return a + b;\n}\n\nexport function subtract(a, b) {\n  return a - b;\n}\n\n/** Limits value to [min, max]. */\nexport function clamp(value, min, max) {\n  if (min > max) throw new RangeError('inverted');\n  return Math.min(Math.max(value, min), max);\n}\n";

describe("mutants through Stryker's instrumenter", () => {
  it('mutates only the lines asked for, and knows why each was asked for', async () => {
    const ms = await generateMutants([{ file: 'src/calc.js', content: CALC, ranges: [{ start: 10, end: 13, origin: 'changed' }] }]);
    expect(ms.length).toBeGreaterThan(4);
    expect(ms.every((m) => m.line >= 10 && m.line <= 13 && m.origin === 'changed')).toBe(true);
    expect(ms.map((m) => m.mutator)).toEqual(expect.arrayContaining(['BlockStatement', 'EqualityOperator', 'ConditionalExpression', 'MethodExpression']));
    // The error's message is words: a test need not pin it down.
    expect(ms.filter((m) => m.mutator === 'StringLiteral').every((m) => m.inMessage)).toBe(true);
    const flipped = ms.find((m) => m.replacement === 'min >= max')!;
    expect(applyMutant(CALC, flipped)).toContain('if (min >= max) throw');
    expect(applyMutant(CALC, flipped).replace('min >= max', 'min > max')).toBe(CALC);
  });

  it('mutates code only: prose, data and configuration are left alone', async () => {
    const ms = await generateMutants([
      { file: 'docs/note.md', content: 'Version 2 of 3\n', ranges: [{ start: 1, end: 1, origin: 'changed' }] },
      { file: 'data.json', content: '{"a": 1}\n', ranges: [{ start: 1, end: 1, origin: 'changed' }] },
    ]);
    expect(ms).toEqual([]);
  });

  it('mutates numbers Stryker leaves alone, and makes the mutants a disable comment would switch off', async () => {
    const table = "// Stryker disable all\nconst PRODUCTS = { '2x3': 6 };\nexport const multiply = (a, b) => PRODUCTS[`${a}x${b}`] ?? a + b;\n";
    const ms = await generateMutants([{ file: 'src/m.js', content: table, ranges: [{ start: 1, end: 3, origin: 'changed' }] }]);
    expect(ms.some((m) => m.mutator === 'NumberLiteral' && m.original === '6' && m.line === 2)).toBe(true);
    expect(ms.some((m) => m.line === 3 && m.mutator === 'ArithmeticOperator')).toBe(true);
  });

  it('uses the line mutator for other languages, with a returned value replaced as the stand-in for an emptied body', async () => {
    const ms = await generateMutants([{ file: 'calc.py', content: 'def add(a, b):\n    return a + b\n', ranges: [{ start: 2, end: 2, origin: 'exercised' }] }]);
    expect(ms).toEqual([expect.objectContaining({ file: 'calc.py', line: 2, replacement: '-', origin: 'exercised' }), expect.objectContaining({ mutator: 'ReturnValue', replacement: 'None' })]);
    expect(applyMutant('def add(a, b):\n    return a + b\n', ms[0]!)).toBe('def add(a, b):\n    return a - b\n');
    const go = await generateMutants([{ file: 'calc.go', content: 'func Mul(a, b int) int {\n\treturn a * b\n}\nfunc Name() string {\n\treturn "x" + "y"\n}\n', ranges: [{ start: 1, end: 6, origin: 'changed' }] }]);
    expect(go.filter((m) => m.mutator === 'ReturnValue').map((m) => m.replacement)).toEqual(['(a * b) * 0']);
    // None for a falsy constant, or for the comparison protocol's NotImplemented, is the same in a condition: no such mutant.
    expect(returnValueMutant('        return NotImplemented', 'python')).toBeUndefined();
    expect(returnValueMutant('    return False', 'python')).toBeUndefined();
    expect(returnValueMutant('    return total', 'python')).toMatchObject({ replacement: 'None' });
  });

  it("shifts a changed line's returned value to another of its kind, in Python at run time and in a typed language where it is a number", async () => {
    const py = await generateMutants([{ file: 'calc.py', content: 'def mul(a, b):\n    return abs(a) * b\n', ranges: [{ start: 2, end: 2, origin: 'changed' }] }]);
    const shift = py.find((m) => m.mutator === 'ReturnValueShift')!;
    expect(shift).toMatchObject({ line: 2, original: 'abs(a) * b', replacement: expect.stringMatching(/^\(lambda v: .*\)\(\(abs\(a\) \* b\)\)$/) });
    // Only changed lines: the code a test merely exercises keeps the emptied stand-in alone.
    expect((await generateMutants([{ file: 'calc.py', content: 'def mul(a, b):\n    return abs(a) * b\n', ranges: [{ start: 2, end: 2, origin: 'exercised' }] }])).some((m) => m.mutator === 'ReturnValueShift')).toBe(false);
    expect(returnValueShift('\treturn a * b', 'typed')).toMatchObject({ replacement: '(a * b) + 1' });
    // Not a value the language's types do not tell (Go), a call handed on, nothing, or an expression that goes on to the next line.
    expect(returnValueShift('\treturn name', 'typed')).toBeUndefined();
    expect(returnValueShift('    return helper(a, b)', 'python')).toBeUndefined();
    expect(returnValueShift('    return None', 'python')).toBeUndefined();
    expect(returnValueShift('    return (a +', 'python')).toBeUndefined();
    expect(returnValueShift('    return f(a) + g(b)', 'python')).toBeDefined();
  });

  it('selects fairly: changed code first, every group its turn, behavioural mutants before strings', () => {
    const m = (file: string, line: number, mutator: string, origin: Mutant['origin'], n = 0): Mutant => ({ id: `${file}${line}${n}`, file, line, mutator, start: line * 10 + n, end: line * 10 + n + 1, original: 'x', replacement: `y${n}`, origin });
    const all = [m('a.js', 1, 'StringLiteral', 'changed'), m('a.js', 1, 'ArithmeticOperator', 'changed', 1), m('a.js', 2, 'BlockStatement', 'changed'), m('b.js', 5, 'EqualityOperator', 'exercised'), m('b.js', 6, 'BooleanLiteral', 'exercised')];
    expect(selectMutants(all, 3).map((x) => `${x.file}:${x.line}:${x.mutator}`)).toEqual(['a.js:1:ArithmeticOperator', 'b.js:5:EqualityOperator', 'a.js:2:BlockStatement']);
    expect(selectMutants(all, 10)).toHaveLength(5);
  });
});
