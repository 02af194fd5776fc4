import { describe, expect, it } from 'vitest';
import { tamperingIn } from '../../../verify/runtimeTampering';

const all = (code: string) => new Set(code.split('\n').map((_, i) => i + 1));
const found = (path: string, code: string) => tamperingIn(path, code, all(code)).map((v) => v.detail.replace(/; code under test.*/, ''));

describe('rewriting what the tests rely on to judge', () => {
  it.each([
    ['src/calc.js', "import assert from 'node:assert/strict';\nassert.equal = () => {};\n", 'src/calc.js:2: it rewrites assert.equal, from a module that judges tests'],
    ['test/helpers.js', "const { strict } = require('assert');\nstrict.deepEqual = function () {};\n", 'test/helpers.js:2: it rewrites strict.deepEqual, from a module that judges tests'],
    ['src/sum.js', 'Array.prototype.reduce = function () { return 6; };\n', 'src/sum.js:1: it rewrites the built-in Array.prototype.reduce'],
    ['src/sum.js', "Object.defineProperty(Array.prototype, 'reduce', { value: () => 6 });\n", 'src/sum.js:1: it rewrites the built-in Array.prototype'],
    ['test/calc.test.js', 'process.exitCode = 0;\n', 'test/calc.test.js:1: it rewrites process.exitCode, which decides how the test run ends'],
    ['src/calc.ts', 'process.exit = (() => undefined) as never;\n', 'src/calc.ts:1: it rewrites process.exit, which decides how the test run ends'],
    ['src/rand.js', 'Math.random = () => 0.5;\n', 'src/rand.js:1: it rewrites the built-in Math.random'],
    ['src/x.js', "import * as chai from 'chai';\nObject.assign(chai, { expect: () => ({}) });\n", 'src/x.js:2: it rewrites chai, from a module that judges tests'],
    ['src/x.js', 'delete require.cache[require.resolve("./y")];\n', 'src/x.js:1: it rewrites the module loader (require.cache.[computed])'],
  ])('%s: %s', (path, code, detail) => {
    expect(found(path, code)).toEqual([detail]);
  });

  it('leaves ordinary code and ordinary test setup alone', () => {
    expect(found('src/a.js', 'export function f(xs) {\n  const out = [];\n  out.push(1);\n  Object.assign(out, { a: 1 });\n  Error.stackTraceLimit = 50;\n  module.exports = { f };\n  exports.g = 1;\n  return xs.reduce((a, b) => a + b, 0);\n}\n')).toEqual([]);
    expect(found('test/a.test.js', "import { test, mock } from 'node:test';\nprocess.env.TZ = 'UTC';\nglobalThis.fetch = async () => ({ ok: true });\nconsole.log = () => {};\nMath.random = () => 0.5;\n")).toEqual([]);
  });

  it('only the lines the change added count', () => {
    const code = 'Array.prototype.last = function () { return this[this.length - 1]; };\nexport const x = 1;\n';
    expect(tamperingIn('src/a.js', code, new Set([2]))).toEqual([]);
    expect(tamperingIn('src/a.js', code, new Set([1]))).toHaveLength(1);
  });
});
