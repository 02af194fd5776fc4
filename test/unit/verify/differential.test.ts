import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inputsNear, literalCalls, MIN_CALLS, publicFunctions } from '../../../verify/differential';
import { judgeDifferential, type DifferentialTarget } from '../../../verify/differentialVerdict';

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

  it("rejects a function that answers differently from the base's near the tests' inputs, or after many calls", () => {
    const target: DifferentialTarget = { file: 'src/calc.js', name: 'clamp', inputs: [[5, 0, 10], [-5, 1, 9]] };
    const same = { file: 'src/calc.js', name: 'clamp', answers: ['5', '1', '5', '1'] };
    expect(judgeDifferential([target], [same], [same])).toEqual({ compared: 4, violations: [] });
    const v = judgeDifferential([target], [same], [{ ...same, answers: ['5', '9', '5', '1'] }]);
    expect(v.violations[0]).toMatch(/^src\/calc\.js: clamp\(-5, 1, 9\) returns 9 on the Lab's source but 1 on the base, and program\.md says behaviour does not change/);
    const late = judgeDifferential([target], [same], [{ ...same, answers: ['5', '1', '5', '2'] }]);
    expect(late.violations[0]).toMatch(/on call 4, asked again/);
    // A function the base cannot be called with that way says nothing.
    expect(judgeDifferential([target], [{ ...same, answers: [], error: 'not a function' }], [same]).violations).toEqual([]);
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

describe('asking again', () => {
  it("rejects a function that answers the same in fresh processes but differently once called many times, and ignores one that is not a function of its inputs", async () => {
    const { judgeRepetition } = await import('../../../verify/differentialVerdict');
    const t: DifferentialTarget = { file: 'src/calc.js', name: 'multiply', inputs: [[3, 4], [2, 5]] };
    const steady = { file: 'src/calc.js', name: 'multiply', answers: ['12', '10', '12', '10'] };
    expect(judgeRepetition([t], [steady], [steady]).violations).toEqual([]);
    const counter = { ...steady, answers: ['12', '10', '12', '7'], order: [0, 1, 0, 1] };
    expect(judgeRepetition([t], [counter], [steady]).violations[0]).toMatch(/multiply\(2, 5\) returns 10 when first asked but 7 on call 4, though it answers the same in every fresh process/);
    const random = { ...steady, answers: ['0.1', '0.2', '0.3', '0.4'] };
    expect(judgeRepetition([t], [random], [{ ...random, answers: ['0.5', '0.6', '0.7', '0.8'] }]).violations).toEqual([]);
  });
});

describe('surviving mutants called like their function', () => {
  it('rejects a survivor that answers differently near the tests, and lets pass one that answers the same, an input that is not a function of itself, and one it could not call', async () => {
    const { judgeSurvivors } = await import('../../../verify/differentialVerdict');
    const t: DifferentialTarget = { file: 'src/calc.js', name: 'power', inputs: [[2, 10], [3, 4], [2, 3]] };
    const change = { file: 'src/calc.js', name: 'power', answers: ['1024', '4', '4'] };
    const undoes = { mutant: 'src/calc.js:16 `i < exponent` -> `false` (ConditionalExpression)', answers: [{ ...change, answers: ['1024', '1', '1'] }] };
    const v = judgeSurvivors([t], [change], [change], [undoes]);
    expect(v.violations).toEqual(["src/calc.js:16 `i < exponent` -> `false` (ConditionalExpression) survives every test, yet power(3, 4) returns 4 with the change and 1 with the mutant: no test looks at what that line computes near the tests' own inputs"]);
    // Equivalent near the tests: nothing to say.
    expect(judgeSurvivors([t], [change], [change], [{ mutant: 'm', answers: [change] }]).violations).toEqual([]);
    // The change itself answers differently in two fresh processes at every input where the mutant differs.
    expect(judgeSurvivors([t], [change], [{ ...change, answers: ['1024', '5', '6'] }], [undoes]).violations).toEqual([]);
    expect(judgeSurvivors([t], [change], [change], [{ mutant: 'm', answers: [{ ...change, answers: [], error: 'no answers' }] }]).violations).toEqual([]);
    // Both fail loudly (a guard's panic, the mutant's index out of range): no difference; a failure for a value is one.
    const guarded = { ...change, answers: ['1024', 'panics: n out of range', 'throws RangeError'] };
    expect(judgeSurvivors([t], [guarded], [guarded], [{ mutant: 'm', answers: [{ ...change, answers: ['1024', 'panics: runtime error: index out of range [21]', 'throws TypeError'] }] }]).violations).toEqual([]);
    expect(judgeSurvivors([t], [guarded], [guarded], [{ mutant: 'm', answers: [{ ...change, answers: ['1024', '0', 'throws RangeError'] }] }]).violations[0]).toMatch(/power\(3, 4\) returns panics: n out of range with the change and 0 with the mutant/);
  });
});
