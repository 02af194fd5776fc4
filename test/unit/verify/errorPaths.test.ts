import { describe, expect, it } from 'vitest';
import { inside, raisingLines, throwSpans } from '../../../verify/errorPaths';

describe('error paths: code that only raises', () => {
  it('finds the throw statements of JavaScript and TypeScript, and what lies inside them', () => {
    const src = "export function f(x: number) {\n  if (x < 0) throw new RangeError('negative: ' + x);\n  return x * 2;\n}\n";
    const spans = throwSpans(src, 'src/f.ts');
    expect(spans).toHaveLength(1);
    const msg = src.indexOf("'negative: '");
    expect(inside(spans, msg, msg + 12)).toBe(true);
    const ret = src.indexOf('x * 2');
    expect(inside(spans, ret, ret + 5)).toBe(false);
    expect(throwSpans('this is not code {', 'a.js')).toEqual([]);
  });

  it('finds the lines of a Python raise or a Go panic, continuation lines included, and nothing else', () => {
    expect([...raisingLines('def f(x):\n    if x < 0:\n        raise ValueError(\n            f"negative: {x}"\n        )\n    return x\n', 'calc.py')]).toEqual([3, 4, 5]);
    expect([...raisingLines('func F(x int) int {\n\tif x < 0 {\n\t\tpanic("negative (sic")\n\t}\n\treturn x\n}\n', 'calc.go')]).toEqual([3]);
    // A line that computes and then raises is not only an error path.
    expect([...raisingLines('    value = compute(x); raise_alarm()\n', 'calc.py')]).toEqual([]);
    expect([...raisingLines('function f(x) {\n  if (x) {\n    throw new Error(\n      "x"\n    );\n  }\n  return 1;\n}\n', 'a.js')]).toEqual([3, 4, 5]);
    expect([...raisingLines('  if (x) throw new Error("x");\n', 'a.js')]).toEqual([]);
  });
});
