import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inputsNear, literalCalls, MIN_CALLS, publicFunctions } from '../../../verify/differential';

describe('the differential check', () => {
  it("finds the literal arguments the base's tests call a function with, in JavaScript and Python", async () => {
    const js = "import { clamp } from '../src/calc.js';\ntest('c', () => { assert.equal(clamp(12, 0, 10), 10); assert.equal(calc.clamp(-3, 0, 10), 0); clamp(x, 0, 1); });\n";
    expect([...(await literalCalls('test/c.test.js', js, new Set(['clamp'])))]).toEqual([['clamp', [[12, 0, 10], [-3, 0, 10]]]]);
    const py = "from calc import median\n\ndef test_m():\n    assert median([3, 1, 2]) == 2\n    assert median((1.5, -2)) == -0.25\n";
    expect([...(await literalCalls('tests/test_m.py', py, new Set(['median'])))]).toEqual([['median', [[[3, 1, 2]], [[1.5, -2]]]]]);
    expect(await publicFunctions('calc.py', 'def add(a, b):\n    return a + b\n\ndef _helper():\n    pass\n')).toEqual(['add']);
  });

  it('tries the tests own inputs first, then inputs that differ from them in one argument', () => {
    const inputs = inputsNear([[5, 0, 10]]);
    expect(inputs[0]).toEqual([5, 0, 10]);
    expect(inputs).toContainEqual([6, 0, 10]);
    expect(inputs).toContainEqual([5, -1, 10]);
    expect(inputs).toContainEqual([5, 0, 11]);
    expect(inputs).toContainEqual([10, 0, 10]);
    expect(new Set(inputs.map((i) => JSON.stringify(i))).size).toBe(inputs.length);
  });

  it("Loom's harnesses call each function at least MIN_CALLS times and write one canonical answer per call", () => {
    const dir = mkdtempSync(join(tmpdir(), 'loom-diff-'));
    try {
      mkdirSync(join(dir, 'src'));
      writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
      writeFileSync(join(dir, 'src/calc.js'), 'let n = 0;\nexport function clamp(v, lo, hi) { n++; return n > 200 ? NaN : Math.min(Math.max(v, lo), hi); }\nexport const boom = () => { throw new RangeError("x"); };\n');
      writeFileSync(join(dir, 'calc.py'), 'def half(x):\n    return x / 2\n');
      writeFileSync(join(dir, 'spec.json'), JSON.stringify({ root: dir, minCalls: MIN_CALLS, targets: [{ file: 'src/calc.js', name: 'clamp', inputs: [[5, 0, 10], [-0, 0, 1]] }, { file: 'src/calc.js', name: 'boom', inputs: [[]] }] }));
      execFileSync(process.execPath, [join(import.meta.dirname, '../../../verify/differentialHarness.mjs'), join(dir, 'spec.json'), join(dir, 'out.json')]);
      const out = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'));
      expect(out[0].answers).toHaveLength(MIN_CALLS);
      // Each input once, then each twice in a row, then revisits.
      expect(out[0].order.slice(0, 6)).toEqual([0, 1, 0, 0, 1, 1]);
      expect(out[0].answers.slice(0, 2)).toEqual(['5', '0']);
      expect(out[0].answers.at(-1)).toBe('NaN');
      expect(out[1].answers[0]).toBe('throws RangeError');
      writeFileSync(join(dir, 'spec.json'), JSON.stringify({ root: dir, minCalls: 3, targets: [{ file: 'calc.py', name: 'half', inputs: [[3], [-0.0]] }] }));
      execFileSync('python3', [join(import.meta.dirname, '../../../verify/differential_harness.py'), join(dir, 'spec.json'), join(dir, 'out.json')]);
      const py = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'))[0];
      // The same order as the JavaScript harness's.
      expect(py.order).toEqual([0, 1, 0, 0, 1, 1]);
      expect(py.answers).toEqual(['1.5', '0.0', '1.5', '1.5', '0.0', '0.0']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
