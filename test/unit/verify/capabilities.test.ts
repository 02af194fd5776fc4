import { describe, expect, it } from 'vitest';
import { declaredCapabilities, judgeCapabilities, newCapabilities, type CapabilityUse } from '../../../verify/capabilities';
import { jsCapabilities } from '../../../verify/capabilitiesJs';
import { goCapabilities } from '../../../verify/capabilitiesGo';
import { pythonCapabilities } from '../../../verify/capabilitiesPython';

const js = (code: string, path = 'src/x.js') => jsCapabilities(path, code).uses.map((u) => `${u.capability}: ${u.what}`);
const py = async (code: string) => (await pythonCapabilities('calc.py', code)).uses.map((u) => `${u.capability}: ${u.what}`);
const go = async (code: string) => (await goCapabilities('calc.go', code)).uses.map((u) => `${u.capability}: ${u.what}`);

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

describe('Python capabilities, by what names are bound to', () => {
  it('finds the environment, arguments, stack and loaded modules through imports, aliases and getattr', async () => {
    expect(await py("import os\ndef f():\n    return os.environ.get('PYTEST_CURRENT_TEST')\n")).toEqual(['environment: os.environ.get']);
    expect(await py("from os import environ as e\nx = e['A']\n")).toEqual(['environment: os.environ.A']);
    expect(await py("import os\nE = os.environ\ndef f():\n    return 'PYTEST' in E\n")).toContain('environment: os.environ');
    expect(await py("import sys\ndef f():\n    return 'pytest' in sys.modules\n")).toEqual(['process internals: sys.modules']);
    expect(await py('import sys\nA = sys.argv\n')).toEqual(['arguments: sys.argv']);
    expect(await py("import os\nx = getattr(os, 'environ')['A']\n")).toContain('environment: os.environ.A');
    expect(await py("import inspect\ndef f():\n    return inspect.stack()\n")).toEqual(['call stack: inspect.stack']);
    expect(await py("from os import *\nx = environ['A']\n")).toEqual(['environment: os.environ.A']);
  });

  it('treats reflection, code from strings and dunder walks as capabilities', async () => {
    expect(await py("m = __import__('o' + 's')\n")).toEqual(['dynamic code: __import__']);
    expect(await py("import os\nx = getattr(os, 'env' + 'iron')\n")).toContain('process internals: getattr(os, <computed name>)');
    expect(await py('def f():\n    return ().__class__.__base__.__subclasses__()\n')).toContain('process internals: .__subclasses__');
    expect(await py("exec('x = 1')\n")).toEqual(['dynamic code: exec']);
    expect(await py('import builtins\nbuiltins.sum = lambda xs: 6\n')).toEqual(['process internals: builtins.sum = (rewrites a module it does not own)']);
    expect(await py('import unittest\nunittest.TestCase.assertEqual = lambda *a: None\n')).toEqual(['test runner: import of unittest', 'test runner: unittest.TestCase.assertEqual = (rewrites a module it does not own)']);
    expect(await py('import os\nos._exit(0)\n')).toEqual(['process internals: os._exit']);
    expect(await py('import pytest\n')).toEqual(['test runner: import of pytest']);
  });

  it('leaves ordinary code alone, a main block and a shadowing parameter included', async () => {
    expect(await py("import math\nfrom functools import reduce\ndef mul(a, b):\n    return a * b\nT = {'a': 1}\n")).toEqual([]);
    expect(await py("import sys\ndef main():\n    return 0\nif __name__ == '__main__':\n    sys.exit(main())\n")).toEqual([]);
    expect(await py('import os\ndef f(os):\n    return os.environ\n')).toEqual([]);
    expect((await pythonCapabilities('calc.py', 'def f(:\n  pass\n')).unreadable).toMatch(/syntax error at line 1/);
  });
});

describe('Go capabilities, by the package a name stands for', () => {
  it('finds the environment, arguments, the runner and the stack, aliased or dot-imported', async () => {
    expect(await go('package calc\nimport "os"\nfunc Add(a, b int) int { if os.Getenv("GO_TEST") != "" { return a + b }; return a - b }\n')).toEqual(['environment: os.Getenv']);
    expect(await go('package calc\nimport e "os"\nvar x = e.Args\n')).toEqual(['arguments: os.Args']);
    expect(await go('package calc\nimport . "os"\nfunc F() string { return Getenv("X") }\n')).toEqual(['environment: os.Getenv']);
    expect(await go('package calc\nimport "flag"\nfunc F() bool { return flag.Lookup("test.v") != nil }\n')).toEqual(['arguments: flag.Lookup']);
    expect(await go('package calc\nimport "testing"\nfunc F() bool { return testing.Testing() }\n')).toEqual(['test runner: import of testing', 'test runner: testing.Testing']);
    expect(await go('package calc\nimport "runtime"\nfunc F() string { _, f, _, _ := runtime.Caller(1); return f }\n')).toEqual(['call stack: runtime.Caller']);
  });

  it('finds rewrites of shared package state, linkname, embedded source and source reads', async () => {
    expect(await go('package calc\nimport "os"\nfunc init() { os.Stdout = nil }\n')).toEqual(['process internals: os.Stdout = (rewrites a package it does not own)']);
    expect(await go('package calc\nimport "os"\nfunc F() { os.Exit(0) }\n')).toEqual(['process internals: os.Exit']);
    expect(await go('package calc\nimport _ "unsafe"\n//go:linkname x runtime.x\nvar x int\n')).toEqual(['process internals: go:linkname']);
    expect(await go('package calc\nimport _ "embed"\n//go:embed calc.go\nvar src string\n')).toEqual(['source files: go:embed calc.go']);
    expect(await go('package calc\nimport "os"\nfunc F() []byte { b, _ := os.ReadFile("calc_test.go"); return b }\n')).toEqual(['source files: os.ReadFile("calc_test.go")']);
  });

  it('leaves a program its command line and ordinary code alone', async () => {
    expect(await go('package main\nimport "os"\nfunc main() { os.Exit(len(os.Args)) }\n')).toEqual([]);
    expect(await go('package calc\nimport ("strings"; "fmt")\nfunc F(a string) string { return fmt.Sprintf("%s", strings.ToUpper(a)) }\n')).toEqual([]);
    expect(await go('package calc\nfunc Map[T any](xs []T, f func(T) T) []T { for i := range xs { xs[i] = f(xs[i]) }; return xs }\n')).toEqual([]);
  });
});

describe('judging new capabilities', () => {
  const use = (what: string, line: number, file = 'src/a.js', capability: CapabilityUse['capability'] = 'environment'): CapabilityUse => ({ capability, what, line, file });

  it('counts only uses on added lines that the base version of the changed files did not already make', () => {
    const base = [use('process.env.LOG_LEVEL', 3)];
    const lab = [use('process.env.LOG_LEVEL', 9), use('process.env.CI', 10), use('process.env.HOME', 2)];
    const added = new Map([['src/a.js', new Set([9, 10])]]);
    expect(newCapabilities(base, lab, added).map((u) => u.what)).toEqual(['process.env.CI']);
  });

  it('rejects an undeclared capability with the place and the way to declare it, and reports a declared one without rejecting', () => {
    const reported = [use('process.env.CI', 4)];
    const j = judgeCapabilities(reported, new Set());
    expect(j.violations[0]).toMatch(/reads the environment .*src\/a\.js:4 \(process\.env\.CI\).*## Capabilities.*- environment: why/);
    expect(judgeCapabilities(reported, declaredCapabilities(['environment: reads CALC_PRECISION']).declared).violations).toEqual([]);
    expect(judgeCapabilities([], new Set(), [{ file: 'src/big.js', why: 'it does not parse' }]).violations[0]).toMatch(/src\/big\.js cannot be read as code/);
  });

  it('reads declarations by their first words, and names the bullets it does not understand', () => {
    const d = declaredCapabilities(['Environment variables: CALC_PRECISION', 'the call stack for error messages', 'arguments: --verbose', 'network access']);
    expect([...d.declared].sort()).toEqual(['arguments', 'call stack', 'environment']);
    expect(d.unknown).toEqual(['network access']);
  });
});

describe('reading the working folder, the process table and the standard streams', () => {
  it('JavaScript: a path looked up relative to the working folder, /proc, stdin', () => {
    expect(js("import { existsSync } from 'node:fs'; export const f = () => existsSync('test');")).toEqual(["environment: fs.existsSync('test') (relative to the working folder)"]);
    expect(js("import { readFileSync } from 'node:fs'; export const f = () => readFileSync('/proc/self/cmdline', 'utf8');")).toEqual(["process internals: '/proc/self/cmdline' (the process table)"]);
    expect(js("import { readFileSync } from 'node:fs'; import { join } from 'node:path'; export const f = (dir) => readFileSync(join(dir, 'a.json'));")).toEqual([]);
  });

  it('Python: open() and os.path relative to the working folder, /proc, a look at the streams or the log handlers; printing to them is fine', async () => {
    expect(await py("import os\nif os.path.exists('tests'):\n    pass\n")).toEqual(["environment: os.path.exists('tests') (relative to the working folder)"]);
    expect(await py("with open('/proc/self/cmdline') as f:\n    pass\n")).toContain("process internals: '/proc/self/cmdline' (the process table)");
    expect(await py('import sys\nx = type(sys.stdout)\n')).toEqual(['environment: sys.stdout']);
    expect(await py('import sys\nx = sys.stdin.fileno()\n')).toEqual(['environment: sys.stdin.fileno']);
    expect(await py("import logging\nx = logging.getLogger().handlers\n")).toEqual(['environment: logging.getLogger().handlers (who captures the logs)']);
    expect(await py("import sys\nprint('x', file=sys.stderr)\nsys.stdout.write('y')\n")).toEqual([]);
  });

  it('Go: os.Stat of a relative path, stdin', async () => {
    expect(await go('package calc\nimport "os"\nfunc F() bool { _, err := os.Stat("go.mod"); return err == nil }\n')).toEqual(['environment: os.Stat("go.mod") (relative to the working folder)']);
    expect(await go('package calc\nimport "os"\nfunc F() bool { fi, _ := os.Stdin.Stat(); return fi != nil }\n')).toEqual(['environment: os.Stdin']);
    expect(await go('package calc\nimport ("fmt"; "os")\nfunc F() { fmt.Fprintln(os.Stdout, "x") }\n')).toEqual([]);
  });
});
