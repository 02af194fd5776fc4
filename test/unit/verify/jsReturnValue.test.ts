import { describe, expect, it } from 'vitest';
import { jsReturnValueMutants, shiftedValue } from '../../../verify/jsReturnValue';

const shift = (v: unknown) => new Function('x', `return ${shiftedValue('x', false)};`)(v) as unknown;

describe('the returned value shifted', () => {
  it('gives another value of the same kind, never the same one', () => {
    expect(shift(12)).toBe(13);
    expect(shift(2 ** 53)).toBe(0);
    expect(shift(Number.NaN)).toBe(0);
    expect(shift(Infinity)).toBe(0);
    expect(shift('12')).toBe('~~');
    expect(shift('a~')).toBe('~!');
    expect(shift('')).toBe('~');
    expect(shift(true)).toBe(false);
    expect(shift({ a: 1 })).toBeNull();
    expect(shift(null)).toBe(0);
  });

  it('mutates the returns that start on the lines asked for, and not a call handed on, this, or a generator', () => {
    const code = [
      'export function multiply(a, b) {',
      '  return a * b;',
      '}',
      'export function f(x) { return g(x); }',
      'export function h() { return this; }',
      'export function* gen() { return 3; }',
      'export const k = (x) => { if (x) return { x }; return undefined; };',
    ].join('\n');
    const ms = jsReturnValueMutants(code, 'src/calc.js', () => true);
    expect(ms.map((m) => [m.line, m.original])).toEqual([
      [2, 'a * b'],
      [7, '{ x }'],
    ]);
    expect(jsReturnValueMutants(code, 'src/calc.js', (l) => l !== 2).map((m) => m.line)).toEqual([7]);
    const mutated = code.slice(0, ms[0]!.start) + ms[0]!.replacement + code.slice(ms[0]!.end);
    const multiply = new Function(`${mutated.split('\n').slice(0, 3).join('\n').replace('export ', '')}; return multiply;`)() as (a: number, b: number) => number;
    expect(multiply(3, 4)).toBe(13);
  });

  it('writes TypeScript a parameter type, so a type-checked run still compiles', () => {
    const [m] = jsReturnValueMutants('export function f(a: number): number {\n  return a * 2;\n}\n', 'src/f.ts', () => true);
    expect(m!.replacement).toMatch(/^\(\(v: any\) =>/);
  });
});
