import { describe, expect, it } from 'vitest';
import { declarationsOf, importsOf, referencesOf, resolveSpecifier } from '../../verify/exercisedCode';

const CALC = "export function add(a, b) {\n  return a + b;\n}\n\nexport function subtract(a, b) {\n  return a - b;\n}\n\nexport const clamp = (v, lo, hi) =>\n  Math.min(Math.max(v, lo), hi);\n";

describe('what a test exercises', () => {
  it('finds imports of every form', () => {
    const code = "import { add, subtract as minus } from '../src/calc.js';\nimport calc from './calc';\nimport * as all from './all';\nconst { pad } = require('./pad');\nconst m = require('./m');\nawait import('./lazy.js');\n";
    expect(importsOf(code, 'test/a.test.js')).toEqual([
      { spec: '../src/calc.js', names: ['add', 'subtract'] },
      { spec: './calc', names: ['default'] },
      { spec: './all', names: ['*'] },
      { spec: './pad', names: ['pad'] },
      { spec: './m', names: ['*'] },
      { spec: './lazy.js', names: ['*'] },
    ]);
  });

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

  it('resolves relative specifiers to files the repository has, .js naming .ts included', () => {
    const files = new Set(['src/calc.js', 'src/util/index.ts', 'src/t.ts']);
    expect(resolveSpecifier('test/a.test.js', '../src/calc.js', files)).toBe('src/calc.js');
    expect(resolveSpecifier('test/a.test.js', '../src/calc', files)).toBe('src/calc.js');
    expect(resolveSpecifier('test/a.test.ts', '../src/util', files)).toBe('src/util/index.ts');
    expect(resolveSpecifier('test/a.test.ts', '../src/t.js', files)).toBe('src/t.ts');
    expect(resolveSpecifier('test/a.test.js', 'lodash', files)).toBeUndefined();
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

  it('a test that imports nothing of the project exercises nothing', () => {
    const repo: Record<string, string> = { 'test/a.test.js': "import { test } from 'node:test';\ntest('x', () => {});\n", 'src/calc.js': CALC };
    expect(referencesOf('test/a.test.js', (p) => repo[p], new Set(Object.keys(repo)), (p) => p.startsWith('src/'))).toEqual([]);
  });
});
