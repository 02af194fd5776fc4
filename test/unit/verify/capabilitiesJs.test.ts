import { describe, expect, it } from 'vitest';
import { jsCapabilities } from '../../../verify/capabilitiesJs';

const js = (code: string, path = 'src/x.js') => jsCapabilities(path, code).uses.map((u) => `${u.capability}: ${u.what}`);

describe('JavaScript capabilities, by what names are bound to', () => {
  it('finds the environment however it is reached: directly, aliased, destructured, through globalThis, through a sequence', () => {
    expect(js('export const f = () => process.env.NODE_TEST_CONTEXT;')).toEqual(['environment: process.env.NODE_TEST_CONTEXT']);
    expect(js('const e = process.env; export const g = () => e.CI;')).toContain('environment: process.env.CI');
    expect(js('const { env: { VITEST: v } } = process; export const h = () => v;')).toEqual(['environment: process.env.VITEST']);
    expect(js('export const f = () => globalThis.process.argv;')).toEqual(['arguments: process.argv']);
    expect(js('export const f = () => (0, process).env.X;')).toEqual(['environment: process.env.X']);
    expect(js("import proc from 'node:process'; export const f = () => proc.argv[1];")).toEqual(['arguments: process.argv.1']);
    expect(js("import { hostname as h } from 'os'; export const f = () => h();")).toEqual(['environment: os.hostname']);
  });

  it('treats reflection that could reach anything as a capability itself', () => {
    expect(js("export const f = () => globalThis['pro' + 'cess'];")[0]).toMatch(/^process internals: globalThis\[\.\.\.\]/);
    expect(js('export const f = (s) => eval(s);')).toEqual(['dynamic code: eval']);
    expect(js("export const f = () => (() => {}).constructor.constructor('return 1')();")).toContain('dynamic code: .constructor.constructor (the Function constructor)');
    expect(js("const m = 'fs'; require(m);")).toEqual(['dynamic code: require of a computed path']);
    // Code compiled from bytes: a WebAssembly module in a base64 string holds logic no mutant reaches.
    expect(js("const bytes = Buffer.from('AGFzbQ==', 'base64'); export const f = () => new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports;")).toEqual(['dynamic code: WebAssembly.Instance (code compiled from bytes)', 'dynamic code: WebAssembly.Module (code compiled from bytes)']);
    expect(js('const { instantiate } = WebAssembly; export const g = (b) => instantiate(b);')).toEqual(['dynamic code: WebAssembly.instantiate (code compiled from bytes)']);
    expect(js('export const h = () => typeof WebAssembly;')).toEqual([]);
    // The async machinery's resources answer differently where a test runner hooks them; its context store is ordinary.
    expect(js("import { executionAsyncResource } from 'node:async_hooks'; export const r = () => executionAsyncResource();")).toEqual(['process internals: async_hooks.executionAsyncResource']);
    expect(js("import { AsyncLocalStorage } from 'node:async_hooks'; export const store = new AsyncLocalStorage();")).toEqual([]);
    expect(js("require('./payload.txt');")).toEqual(["dynamic code: require('./payload.txt') (a file not named like code)"]);
    expect(js('function g() { return this; } module.exports = () => g();')).toEqual(['process internals: this (the global object, in a sloppy function)']);
  });

  it('finds writes to the judge, the built-ins and the exit paths, in any spelling', () => {
    expect(js("import assert from 'node:assert/strict'; assert.equal = () => {};")).toContain('test runner: assert/strict.equal =');
    expect(js("import * as A from 'node:assert'; Object.assign(A.default, { equal() {} });")).toContain('test runner: assert.default =');
    expect(js('const P = Array.prototype; P.reduce = function () { return 6; };')).toEqual(['process internals: Array.prototype.reduce = (rewrites a built-in)']);
    expect(js("Object.defineProperty(Array.prototype, 'reduce', { value: () => 6 });")).toEqual(['process internals: Array.prototype = (rewrites a built-in)']);
    expect(js('process.exitCode = 0;')).toEqual(['process internals: process.exitCode =']);
    expect(js("process.on('exit', () => {});")).toEqual(["process internals: process.on('exit')"]);
    expect(js('export const f = () => Object.keys(require.cache);')).toEqual(['process internals: require.cache']);
    expect(js("export const f = () => new Error().stack.includes('test');")).toEqual(['call stack: .stack']);
  });

  it('finds a global only a test runner defines, however it is asked for, and leaves a binding of the same name alone', () => {
    expect(js("export const f = (a) => (typeof describe === 'function' ? a + 1 : a);")).toEqual(['test runner: describe (a global the test runner defines)']);
    expect(js('export const f = () => !!globalThis.__vitest_worker__;')).toEqual(['test runner: __vitest_worker__ (a global the test runner defines)']);
    expect(js("export const f = () => 'expect' in globalThis;")).toEqual(['test runner: expect (a global the test runner defines)']);
    expect(js('const j = jest; export const f = () => j.isMockFunction;')).toContain('test runner: jest.isMockFunction (a global the test runner defines)');
    expect(js('export function test(x) { return x > 1; }\nexport const it = (xs) => xs.filter(test);\nexport const f = (describe) => describe.length;')).toEqual([]);
  });

  it("reads JSON through module's createRequire as ordinary code, and judges what the require it makes reaches as require's", () => {
    expect(js("import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);\nexport const rates = require('./rates.json');")).toEqual([]);
    expect(js("import module from 'module';\nconst load = module.createRequire(import.meta.url);\nexport const rates = load('./rates.json');")).toEqual([]);
    expect(js("import { createRequire } from 'node:module';\nconst r = createRequire(import.meta.url);\nr.extensions['.json'] = (m, f) => {};")).toEqual(['process internals: require.extensions..json']);
    expect(js("import { createRequire as cr } from 'node:module';\nexport const cached = () => cr(import.meta.url).cache;")).toEqual(['process internals: require.cache']);
    expect(js("import Module from 'node:module';\nModule._extensions['.json'] = () => {};")).toEqual(['process internals: module._extensions']);
    expect(js("import * as m from 'node:module';\nexport const hook = () => m.register('./hooks.mjs');")).toEqual(['process internals: module.register']);
  });

  it('leaves ordinary code alone: assertions called as invariants, paths of its own module, arithmetic, TypeScript', () => {
    expect(js("import assert from 'node:assert'; export function f(x) { assert(x > 0); assert.ok(x); assert.strictEqual(typeof x, 'number'); return x; }")).toEqual([]);
    expect(js("import path from 'node:path'; import { fileURLToPath } from 'node:url'; export const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data.json');")).toEqual([]);
    expect(js('export function clamp(v, lo, hi) { return Math.min(Math.max(v, lo), hi); } export const T = { a: 1 };')).toEqual([]);
    expect(js('export function f(x: number): number { const y = x as number; return y! * 2; }', 'src/x.ts')).toEqual([]);
    expect(js('function Fluent() {} Fluent.prototype.add = function () { this.n++; return this; };')).toEqual([]);
  });

  it("leaves a program its command line and exit: under the is-this-the-main-module guard, or in a shebang file the caller finds nothing imports", async () => {
    const guarded = "import { pathToFileURL } from 'node:url';\nexport function run(argv) { return argv.length; }\nif (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {\n  process.exitCode = run(process.argv.slice(2));\n}\n";
    expect(js(guarded)).toEqual([]);
    expect(js("if (require.main === module) process.exit(main(process.argv));")).toEqual([]);
    // Outside the guard the same reads are the capability they always are.
    expect(js("export const verbose = process.argv.includes('-v');")).toEqual(['arguments: process.argv.includes']);
    const shebang = '#!/usr/bin/env node\nconst [op] = process.argv.slice(2);\nif (!op) process.exit(2);\n';
    expect(jsCapabilities('bin/calc.js', shebang).uses.every((u) => u.ofProgram)).toBe(true);
    const { scanChange } = await import('../../../verify/capabilityScan');
    expect((await scanChange([{ path: 'bin/calc.js', lab: shebang }], async () => false)).lab).toEqual([]);
    // A "program" that library code imports is a library: its reads count.
    expect((await scanChange([{ path: 'bin/calc.js', lab: shebang }], async () => true)).lab.map((u) => u.what)).toEqual(['process.argv.slice', 'process.exit']);
  });

  it('refuses what it cannot read rather than waving it through', () => {
    expect(jsCapabilities('src/x.js', 'export function (').unreadable).toMatch(/does not parse/);
    expect(jsCapabilities('src/x.js', `// ${'x'.repeat(4_000_001)}`).unreadable).toMatch(/over the 4000000-byte limit/);
  });
});

describe('reading the working folder, the process table and the standard streams', () => {
  it('JavaScript: a path looked up relative to the working folder, /proc, stdin', () => {
    expect(js("import { existsSync } from 'node:fs'; export const f = () => existsSync('test');")).toEqual(["environment: fs.existsSync('test') (relative to the working folder)"]);
    expect(js("import { readFileSync } from 'node:fs'; export const f = () => readFileSync('/proc/self/cmdline', 'utf8');")).toEqual(["process internals: '/proc/self/cmdline' (the process table)"]);
    expect(js("import { readFileSync } from 'node:fs'; import { join } from 'node:path'; export const f = (dir) => readFileSync(join(dir, 'a.json'));")).toEqual([]);
  });
});
