import { describe, expect, it } from 'vitest';
import { referencesOf } from '../../../verify/exercisedCode';
import { declarationsOf } from '../../../verify/jsDeclarations';

const CALC = "export function add(a, b) {\n  return a + b;\n}\n\nexport function subtract(a, b) {\n  return a - b;\n}\n\nexport const clamp = (v, lo, hi) =>\n  Math.min(Math.max(v, lo), hi);\n";

describe('what a test exercises', () => {
  it('knows the lines of each exported declaration, TypeScript too', () => {
    expect([...declarationsOf(CALC, 'src/calc.js')]).toEqual([
      ['add', { start: 1, end: 3 }],
      ['subtract', { start: 5, end: 7 }],
      ['clamp', { start: 9, end: 10 }],
    ]);
    expect(declarationsOf('const inner = (x: number): number => x * 2;\nexport { inner as double };\n', 'src/d.ts').get('double')).toEqual({ start: 1, end: 1 });
  });

  it('a name bound to what a call makes stands for the whole file, not its own line', () => {
    const code = 'function make(o) {\n  return (s) => s.trim();\n}\nconst dedent = make({});\nexport default dedent;\nexport const twice = (x) => x * 2;\n';
    const decls = declarationsOf(code, 'src/dedent.ts');
    expect(decls.has('default')).toBe(false);
    expect(decls.get('twice')).toEqual({ start: 6, end: 6 });
    const repo: Record<string, string> = { 'src/dedent.ts': code, 'src/dedent.test.ts': "import dedent from './dedent';\n" };
    expect(referencesOf('src/dedent.test.ts', (p) => repo[p], new Set(Object.keys(repo)), (p) => !p.endsWith('.test.ts'))).toEqual([{ file: 'src/dedent.ts', names: ['default'] }]);
  });

  it('a named import exercises only that declaration, followed through an index that re-exports', () => {
    const repo: Record<string, string> = {
      'src/calc.js': CALC,
      'src/index.js': "export { clamp } from './calc.js';\nexport * from './more.js';\n",
      'src/more.js': 'export function twice(x) {\n  return x * 2;\n}\n',
      'bin/cli.js': 'console.log(1);\n',
      'test/a.test.js': "import { clamp, twice } from '../src/index.js';\nimport { spawnSync } from 'node:child_process';\nspawnSync('node', ['bin/cli.js']);\n",
    };
    const files = new Set(Object.keys(repo));
    const refs = referencesOf('test/a.test.js', (p) => repo[p], files, (p) => !p.startsWith('test/'));
    expect(refs).toEqual(
      expect.arrayContaining([
        { file: 'src/calc.js', ranges: [{ start: 9, end: 10 }], names: ['clamp'] },
        { file: 'src/more.js', ranges: [{ start: 1, end: 3 }], names: ['twice'] },
        { file: 'bin/cli.js', names: ['*'] },
      ]),
    );
    expect(refs.find((r) => r.file === 'src/index.js')).toBeUndefined();
  });

  it('follows a re-export that renames, to the declaration it names there (d3-array: export { default as sum } from)', () => {
    const repo: Record<string, string> = {
      'src/sum.js': 'export default function sum(values) {\n  let s = 0;\n  for (const v of values) s += v;\n  return s;\n}\n',
      'src/calc.js': CALC,
      'src/index.js': "export { default as sum } from './sum.js';\nexport { add as plus, subtract } from './calc.js';\n",
      'test/sum-test.js': "import { sum, plus } from '../src/index.js';\n",
    };
    const refs = referencesOf('test/sum-test.js', (p) => repo[p], new Set(Object.keys(repo)), (p) => p.startsWith('src/'));
    expect(refs).toEqual(
      expect.arrayContaining([
        { file: 'src/sum.js', ranges: [{ start: 1, end: 5 }], names: ['default'] },
        { file: 'src/calc.js', ranges: [{ start: 1, end: 3 }], names: ['add'] },
      ]),
    );
    expect(refs).toHaveLength(2);
  });

  it('follows a whole module the test reads properties of through every shape of re-export, to the class methods it calls', () => {
    const COMMAND = "class Command {\n  constructor(name) {\n    this._name = name || '';\n  }\n\n  name(n) {\n    if (n === undefined) return this._name;\n    this._name = n;\n    return this;\n  }\n\n  parse(argv) {\n    return argv.slice(2);\n  }\n}\n";
    const shapes: Record<string, Record<string, string>> = {
      'ESM: import then export': { 'index.js': "import { Command } from './lib/command.js';\nexport const program = new Command();\nexport const createCommand = (n) => new Command(n);\nexport { Command };\n", 'lib/command.js': `export ${COMMAND}` },
      'ESM: export from': { 'index.js': "export { Command } from './lib/command.js';\n", 'lib/command.js': `export ${COMMAND}` },
      'ESM: export *': { 'index.js': "export * from './lib/command.js';\n", 'lib/command.js': `export ${COMMAND}` },
      'CommonJS: exports.X = X': { 'index.js': "const { Command } = require('./lib/command.js');\nexports.program = new Command();\nexports.createCommand = (n) => new Command(n);\nexports.Command = Command;\n", 'lib/command.js': `${COMMAND}exports.Command = Command;\n` },
      'CommonJS: module.exports = require': { 'index.js': "module.exports = require('./lib/command.js');\n", 'lib/command.js': `${COMMAND}exports.Command = Command;\n` },
    };
    const tests = {
      namespace: "import * as commander from '../index.js';\nconst program = new commander.Command();\nprogram.name('x');\n",
      required: "const commander = require('../');\nconst program = new commander.Command();\nprogram.name('x');\n",
      named: "import { Command } from '../index.js';\nnew Command().name('x');\n",
    };
    for (const [shape, src] of Object.entries(shapes)) {
      for (const [how, test] of Object.entries(tests)) {
        if (how === 'named' && shape.startsWith('CommonJS')) continue;
        const repo: Record<string, string> = { ...src, 'tests/name.test.js': test };
        const refs = referencesOf('tests/name.test.js', (p) => repo[p], new Set(Object.keys(repo)), (p) => !p.startsWith('tests/'));
        // The constructor (lines 2-4) and name() (6-10); not parse(), not index.js's factories.
        expect(refs, `${shape}, ${how}`).toEqual([{ file: 'lib/command.js', ranges: [{ start: 2, end: 4 }, { start: 6, end: 10 }], names: ['Command'] }]);
      }
    }
    // A module used whole (passed on) is the whole module, as before.
    const repo: Record<string, string> = { ...shapes['ESM: export from']!, 'tests/t.test.js': "import * as c from '../index.js';\ninspect(c);\n" };
    expect(referencesOf('tests/t.test.js', (p) => repo[p], new Set(Object.keys(repo)), (p) => !p.startsWith('tests/'))).toEqual([{ file: 'index.js', names: ['*'] }]);
  });

  it('a test that imports nothing of the project exercises nothing', () => {
    const repo: Record<string, string> = { 'test/a.test.js': "import { test } from 'node:test';\ntest('x', () => {});\n", 'src/calc.js': CALC };
    expect(referencesOf('test/a.test.js', (p) => repo[p], new Set(Object.keys(repo)), (p) => p.startsWith('src/'))).toEqual([]);
  });
});
