import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACROSS_SAMPLE, inputsAcross, inputsNear, literalCalls, MIN_CALLS, publicFunctions } from '../../../verify/differential';

describe('the differential check', () => {
  it("finds the literal arguments the base's tests call a function with, in JavaScript and Python", async () => {
    const js = "import { clamp } from '../src/calc.js';\ntest('c', () => { assert.equal(clamp(12, 0, 10), 10); assert.equal(calc.clamp(-3, 0, 10), 0); clamp(x, 0, 1); });\n";
    expect([...(await literalCalls('test/c.test.js', js, new Set(['clamp'])))]).toEqual([['clamp', [[12, 0, 10], [-3, 0, 10]]]]);
    const py = "from calc import median\n\ndef test_m():\n    assert median([3, 1, 2]) == 2\n    assert median((1.5, -2)) == -0.25\n";
    expect([...(await literalCalls('tests/test_m.py', py, new Set(['median'])))]).toEqual([['median', [[[3, 1, 2]], [[1.5, -2]]]]]);
    expect(await publicFunctions('calc.py', 'def add(a, b):\n    return a + b\n\ndef _helper():\n    pass\n')).toEqual(['add']);
    // A decorated function is called as its callers call it: through what the decorator made (a memo, a cache).
    expect(await publicFunctions('calc.py', '@memoize\ndef days(a, b):\n    return b - a\n\n@functools.lru_cache\ndef _cached(a):\n    return a\n')).toEqual(['days']);
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

  it('calls a refactor with every whole number between the least and the greatest its tests give, and a random draw of a range too large for that', () => {
    const draws: number[] = [];
    const draw = (n: number) => {
      draws.push(n);
      return (draws.length * 7919) % n;
    };
    // isPrime's tests give 0 to 7919 and a fraction: every whole number in 0..7919, once.
    const [all, ...rest] = inputsAcross([[2], [97], [7919], [0], [2.5], ['x']], draw);
    expect(rest).toEqual([]);
    expect(all!.position).toBe(0);
    expect(all!.values).toHaveLength(7920);
    expect(all!.values.slice(0, 3)).toEqual([0, 1, 2]);
    expect(all!.values.at(-1)).toBe(7919);
    // One whole number, or text: nothing to range over.
    expect(inputsAcross([[2], [2.5]], draw)).toEqual([]);
    expect(inputsAcross([[2], [2]], draw)).toEqual([]);
    expect(inputsAcross([['a'], ['b']], draw)).toEqual([]);
    // power(base, exp): each whole-number argument in turn, the other as in a tested call.
    const pow = inputsAcross([[2, 10], [3, 3], [10, 2]], draw);
    expect(pow.map((g) => [g.position, g.args, g.values.length])).toEqual([[0, [2, 10], 9], [1, [2, 10], 9]]);
    // A range past the limit: a sample of it, inside it, no value twice.
    const [wide] = inputsAcross([[0], [2 ** 40]], draw, 500);
    expect(wide!.values.length).toBeGreaterThan(400);
    expect(wide!.values.length).toBeLessThanOrEqual(Math.min(500, ACROSS_SAMPLE));
    expect(new Set(wide!.values).size).toBe(wide!.values.length);
    expect(wide!.values.every((v) => v >= 0 && v <= 2 ** 40)).toBe(true);
  });

  it("the harnesses call each input across the tested range once after the others, while their shared time budget lasts", () => {
    const dir = mkdtempSync(join(tmpdir(), 'loom-diff-'));
    try {
      writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
      writeFileSync(join(dir, 'calc.mjs'), 'export const twice = (a, b) => a * 2 + b;\n');
      writeFileSync(join(dir, 'calc.py'), 'def twice(a, b):\n    return a * 2 + b\n');
      const target = (file: string) => ({ file, name: 'twice', inputs: [[1, 0]], across: [{ args: [1, 5], position: 0, values: [10, 11, 12] }] });
      const run = (harness: string[], spec: object) => {
        writeFileSync(join(dir, 'spec.json'), JSON.stringify(spec));
        execFileSync(harness[0]!, [...harness.slice(1), join(dir, 'spec.json'), join(dir, 'out.json')]);
        return JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'))[0];
      };
      const js = [process.execPath, join(import.meta.dirname, '../../../verify/differentialHarness.mjs')];
      const py = ['python3', join(import.meta.dirname, '../../../verify/differential_harness.py')];
      // Each input once, then twice (3 calls of the one input), then 10, 11 and 12 in place of a.
      expect(run(js, { root: dir, minCalls: 1, targets: [target('calc.mjs')] }).answers).toEqual(['2', '2', '2', '25', '27', '29']);
      expect(run(py, { root: dir, minCalls: 1, targets: [target('calc.py')] }).answers).toEqual(['2', '2', '2', '25', '27', '29']);
      // No time left: the calls across the range are left out, the others made.
      expect(run(js, { root: dir, minCalls: 1, acrossBudgetMs: -1, targets: [target('calc.mjs')] }).answers).toEqual(['2', '2', '2']);
      expect(run(py, { root: dir, minCalls: 1, acrossBudgetMs: -1, targets: [target('calc.py')] }).answers).toEqual(['2', '2', '2']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("calls a module whose function is its default export by the function's own name, as its tests do", async () => {
    expect(await publicFunctions('src/linspace.js', 'export default function linspace(a, b, n) {\n  return [a, b, n];\n}\n')).toEqual(['linspace']);
    expect(await publicFunctions('src/mean.js', 'function mean(x) {\n  return x[0];\n}\nexport default mean;\n')).toEqual(['mean']);
    // An anonymous default has no name a test calls it by.
    expect(await publicFunctions('src/anon.js', 'export default function (x) { return x; }\n')).toEqual([]);
    const dir = mkdtempSync(join(tmpdir(), 'loom-diff-'));
    try {
      writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
      writeFileSync(join(dir, 'linspace.js'), 'export default function linspace(a, b) { return a + b; }\n');
      writeFileSync(join(dir, 'spec.json'), JSON.stringify({ root: dir, minCalls: 2, targets: [{ file: 'linspace.js', name: 'linspace', inputs: [[1, 2]] }] }));
      execFileSync(process.execPath, [join(import.meta.dirname, '../../../verify/differentialHarness.mjs'), join(dir, 'spec.json'), join(dir, 'out.json')]);
      expect(JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'))[0].answers).toEqual(['3', '3', '3']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("Loom's harnesses answer with what a call left in its arguments, a typed array as a list, a Python tuple as a tuple, and Python's arguments by name", () => {
    const dir = mkdtempSync(join(tmpdir(), 'loom-diff-'));
    const harness = (cmd: string[], spec: object, env: Record<string, string> = {}) => {
      writeFileSync(join(dir, 'spec.json'), JSON.stringify({ root: dir, minCalls: 1, ...spec }));
      execFileSync(cmd[0]!, [...cmd.slice(1), join(dir, 'spec.json'), join(dir, 'out.json')], { env: { ...process.env, ...env } });
      return JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'))[0];
    };
    const js = [process.execPath, join(import.meta.dirname, '../../../verify/differentialHarness.mjs')];
    const py = ['python3', join(import.meta.dirname, '../../../verify/differential_harness.py')];
    try {
      writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
      writeFileSync(join(dir, 'calc.js'), 'export const top = (xs, k) => xs.sort((a, b) => b - a).slice(0, k);\nexport const bytes = (n) => Uint8Array.from([n & 127, n >> 7]);\n');
      writeFileSync(join(dir, 'calc.py'), 'import functools\n\ndef top(xs, k):\n    xs.sort(reverse=True)\n    return xs[:k]\n\n@functools.lru_cache\ndef days(a, b, holidays=()):\n    return b - a - len(holidays)\n\n_memo = {}\n\ndef keyed(a, b=0):\n    return a + b\n');
      expect(harness(js, { targets: [{ file: 'calc.js', name: 'top', inputs: [[[3, 1, 2], 2]] }] }).answers[0]).toBe('[3,2], leaving its arguments [[3,2,1],2]');
      expect(harness(py, { targets: [{ file: 'calc.py', name: 'top', inputs: [[[3, 1, 2], 2]] }] }).answers[0]).toBe('[3,2], leaving its arguments [[3,2,1],2]');
      expect(harness(js, { targets: [{ file: 'calc.js', name: 'bytes', inputs: [[300]], values: true }] }).values[0]).toEqual({ value: [44, 2] });
      // A tuple stays hashable: the cached function takes it.
      expect(harness(py, { targets: [{ file: 'calc.py', name: 'days', inputs: [[1, 9, { $tuple: ['x', 'y'] }]] }] }).answers[0]).toBe('6');
      const byName = harness(py, { targets: [{ file: 'calc.py', name: 'keyed', inputs: [[1, 2], [5]] }] }, { LOOM_DIFFERENTIAL_BY_NAME: '1' });
      expect(byName).toMatchObject({ answers: ['3', '5'], alone: ['3', '5'] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("Loom's harnesses ask each example right after each other function's, call an example's methods on its answer, and fork (Python)", () => {
    const dir = mkdtempSync(join(tmpdir(), 'loom-diff-'));
    const harness = (cmd: string[], spec: object, env: Record<string, string> = {}) => {
      writeFileSync(join(dir, 'spec.json'), JSON.stringify({ root: dir, minCalls: 1, ...spec }));
      execFileSync(cmd[0]!, [...cmd.slice(1), join(dir, 'spec.json'), join(dir, 'out.json')], { env: { ...process.env, ...env } });
      return JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'));
    };
    const js = [process.execPath, join(import.meta.dirname, '../../../verify/differentialHarness.mjs')];
    const py = ['python3', join(import.meta.dirname, '../../../verify/differential_harness.py')];
    try {
      writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
      // parse writes the separator it reads into shared defaults, which fmt then uses.
      writeFileSync(join(dir, 'm.js'), "const D = { sep: ',' };\nexport const parse = (s, loc = 'en') => { D.sep = loc === 'de' ? '.' : ','; return Number(s.split(D.sep).join('')); };\nexport const fmt = (x) => String(x).replace(/\\B(?=(\\d{3})+$)/g, D.sep);\n");
      writeFileSync(join(dir, 'm.py'), 'import random\nD = {"sep": ","}\n\ndef parse(s, loc="en"):\n    D["sep"] = "." if loc == "de" else ","\n    return int(s.replace(D["sep"], ""))\n\ndef fmt(x):\n    return f"{x:,}".replace(",", D["sep"])\n\n_r = random.Random()\n\ndef new_id():\n    return _r.getrandbits(32)\n');
      for (const [cmd, file] of [[js, 'm.js'], [py, 'm.py']] as const) {
        const out = harness(cmd, { targets: [{ file, name: 'parse', inputs: [['1,000'], ['1.000', 'de']], values: true }, { file, name: 'fmt', inputs: [[1000]], values: true, then: [[file.endsWith('.py') ? 'upper' : 'toUpperCase']] }] }, { LOOM_DIFFERENTIAL_PAIRS: '1' });
        expect(out[1]).toMatchObject({ order: [0, 0], values: [{ value: '1,000' }, { value: '1.000' }] });
      }
      const forked = harness(py, { targets: [{ file: 'm.py', name: 'new_id', inputs: [[]] }] }, { LOOM_DIFFERENTIAL_FORK: '1' })[0];
      expect(forked.alone).toEqual(forked.answers);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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

  it("the JavaScript harness calls a class's static method through its class, constructs a class with new, and answers an object of a class with its getters and its string form", () => {
    const dir = mkdtempSync(join(tmpdir(), 'loom-diff-'));
    try {
      mkdirSync(join(dir, 'src'));
      writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
      // The amount is private: only its getter and its string form show it.
      writeFileSync(join(dir, 'src/money.js'), 'export class Money {\n  #cents;\n  constructor(c) { if (!Number.isSafeInteger(c)) throw new TypeError("cents"); this.#cents = c; }\n  get cents() { return this.#cents; }\n  static parse(t) { return new Money(Math.round(Number(t) * 100)); }\n  toString() { return (this.#cents / 100).toFixed(2); }\n}\nexport const bytes = (s) => Buffer.from(s);\n');
      writeFileSync(join(dir, 'spec.json'), JSON.stringify({ root: dir, minCalls: 1, targets: [{ file: 'src/money.js', name: 'Money.parse', inputs: [['19.99']] }, { file: 'src/money.js', name: 'Money', inputs: [[5], [1.5]] }, { file: 'src/money.js', name: 'bytes', inputs: [['ab'], ['ab']] }] }));
      execFileSync(process.execPath, [join(import.meta.dirname, '../../../verify/differentialHarness.mjs'), join(dir, 'spec.json'), join(dir, 'out.json')]);
      const out = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'));
      expect(out[0].answers[0]).toBe('Money{get "cents":1999,string:"19.99"}');
      expect(out[1].answers.slice(0, 2)).toEqual(['Money{get "cents":5,string:"0.05"}', 'throws TypeError']);
      // A Buffer is its bytes, wherever its pool put it.
      expect(out[2].answers.slice(0, 2)).toEqual(['Buffer{"0":97,"1":98}', 'Buffer{"0":97,"1":98}']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the harnesses also report, per call of the first two rounds (each input once, then each twice), which added code ran (verify/specialPaths.ts), and each answer as a plain value', () => {
    const dir = mkdtempSync(join(tmpdir(), 'loom-diff-'));
    try {
      mkdirSync(join(dir, 'src'));
      writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
      const js = "export function mul(a, b) {\n  if (a === 3 && b === 4) return 12;\n  return [a * b];\n}\n";
      writeFileSync(join(dir, 'src/calc.js'), js);
      writeFileSync(join(dir, 'calc.py'), 'def mul(a, b):\n    if (a, b) == (3, 4):\n        return 12\n    return (a * b,)\n');
      // Line 2 of each: [start, end, line] in characters for JavaScript, the line itself for Python.
      const line2: [number, number, number] = [js.indexOf('  if'), js.indexOf('\n', js.indexOf('  if')), 2];
      const target = (file: string, added: Array<[number, number, number]>) => ({ file, name: 'mul', inputs: [[3, 4], [5, 4]], added, values: true });
      const run = (harness: string[], spec: object) => {
        writeFileSync(join(dir, 'spec.json'), JSON.stringify(spec));
        execFileSync(harness[0]!, [...harness.slice(1), join(dir, 'spec.json'), join(dir, 'out.json')]);
        return JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'))[0];
      };
      const fromJs = run([process.execPath, join(import.meta.dirname, '../../../verify/differentialHarness.mjs')], { root: dir, minCalls: 1, targets: [target('src/calc.js', [line2])] });
      // (3, 4) runs the whole of line 2, its `return 12` included; (5, 4) only the condition.
      const ret = js.indexOf('return 12');
      const ran = (paths: Array<[number, number]>, at: number) => paths.some(([s, e]) => s <= at && at < e);
      expect(fromJs.paths[0]).toEqual([[line2[0], line2[1]]]);
      expect(ran(fromJs.paths[1], ret)).toBe(false);
      expect(ran(fromJs.paths[1], line2[0] + 3)).toBe(true);
      expect(fromJs.values.slice(0, 2)).toEqual([{ value: 12 }, { value: [20] }]);
      const fromPy = run(['python3', join(import.meta.dirname, '../../../verify/differential_harness.py')], { root: dir, minCalls: 1, targets: [target('calc.py', [[2, 3, 2], [3, 4, 3], [4, 5, 4]])] });
      // (3, 4), (5, 4), then (3, 4) twice and (5, 4) twice.
      expect(fromPy.paths).toEqual([[[2, 3], [3, 4]], [[2, 3], [4, 5]], [[2, 3], [3, 4]], [[2, 3], [3, 4]], [[2, 3], [4, 5]], [[2, 3], [4, 5]]]);
      expect(fromJs.paths).toHaveLength(6);
      expect(fromJs.paths[2]).toEqual(fromJs.paths[0]);
      expect(fromPy.values.slice(0, 2)).toEqual([{ value: 12 }, { value: [20] }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
