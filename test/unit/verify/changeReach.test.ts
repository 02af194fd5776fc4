import { describe, expect, it } from 'vitest';
import { testsReachingChange } from '../../../verify/changeReach';
import { hasComputedImport } from '../../../verify/jsImports';

const tree: Record<string, string> = {
  'src/a.ts': "import { c } from './c';\nexport const a = () => c() + 1;\n",
  'src/b.ts': 'export const b = () => 2;\n',
  'src/c.ts': 'export const c = () => 3;\n',
  'src/data.json': '{}\n',
  'test/helpers.ts': "export { b } from '../src/b';\n",
  'test/a.test.ts': "import { a } from '../src/a';\n",
  'test/b.test.ts': "import { b } from './helpers';\n",
  'test/plain.test.ts': "import { strict } from 'node:assert';\n",
  'scripts/bench.ts': "import { b } from '../src/b';\n",
};
const files = new Set(Object.keys(tree));
const tests = ['test/a.test.ts', 'test/b.test.ts', 'test/plain.test.ts'];
const reads = new Set([...tests, 'test/helpers.ts', 'src/a.ts', 'src/b.ts', 'src/c.ts']);
const reach = (changed: string[], extra: Record<string, string> = {}, opts: { runReads?: ReadonlySet<string>; selfName?: string } = {}) => {
  const t = { ...tree, ...extra };
  const runReads = 'runReads' in opts ? opts.runReads : reads;
  return testsReachingChange({ tests: [...tests, ...Object.keys(extra).filter((f) => f.endsWith('.test.ts'))], changed, files: new Set(Object.keys(t)), read: (p) => t[p], runReads, selfName: opts.selfName });
};

describe('which test files can see a change', () => {
  it('follows imports through source and test helpers alike', () => {
    expect(reach(['src/c.ts'])).toEqual(['test/a.test.ts']);
    expect(reach(['src/b.ts'])).toEqual(['test/b.test.ts']);
    expect(reach(['src/a.ts', 'src/b.ts'])).toEqual(['test/a.test.ts', 'test/b.test.ts']);
  });

  it('a file only a script outside the run imports does not widen it', () => {
    expect(files.has('scripts/bench.ts')).toBe(true);
    expect(reach(['src/b.ts'])).toEqual(['test/b.test.ts']);
  });

  it('cannot tell for a change that is not JavaScript, or without the run\'s reads', () => {
    expect(reach(['src/data.json'])).toBeUndefined();
    expect(reach(['src/a.ts', 'src/data.json'])).toBeUndefined();
    expect(reach(['src/a.ts'], {}, { runReads: undefined })).toBeUndefined();
  });

  it('cannot tell when something the run loads besides the tests imports the change (a setup file)', () => {
    const setup = { 'test/setup.ts': "import '../src/c';\n" };
    expect(reach(['src/c.ts'], setup, { runReads: new Set([...reads, 'test/setup.ts']) })).toBeUndefined();
    // Not loaded by the run: no matter.
    expect(reach(['src/c.ts'], setup)).toEqual(['test/a.test.ts']);
  });

  it('keeps a test whose imports are computed, aliased or by the package\'s own name', () => {
    expect(reach(['src/c.ts'], { 'test/dyn.test.ts': 'const m = await import(`../src/${name}`);\n' })).toEqual(['test/a.test.ts', 'test/dyn.test.ts']);
    expect(reach(['src/c.ts'], { 'test/req.test.ts': 'const m = require(path);\n' })).toEqual(['test/a.test.ts', 'test/req.test.ts']);
    expect(reach(['src/c.ts'], { 'test/alias.test.ts': "import { c } from '#src/c';\n" })).toEqual(['test/a.test.ts', 'test/alias.test.ts']);
    expect(reach(['src/c.ts'], { 'test/self.test.ts': "import { c } from 'mylib/c';\n" }, { selfName: 'mylib' })).toEqual(['test/a.test.ts', 'test/self.test.ts']);
    // A literal import of a package is no such thing.
    expect(reach(['src/c.ts'], { 'test/pkg.test.ts': "import x from 'lodash';\nconst y = require('node:fs');\n" })).toEqual(['test/a.test.ts']);
  });

  it('a change no test reaches runs no test', () => {
    expect(reach(['scripts/bench.ts'])).toEqual([]);
  });
});

describe('computed imports', () => {
  it('are calls, not words in a comment or a string', () => {
    expect(hasComputedImport('// a lazy `require(path)` reaches past it\nexport const x = "import(y)";\n', 'a.ts')).toBe(false);
    expect(hasComputedImport('const m = await import(`./plugins/${name}.js`);\n', 'a.ts')).toBe(true);
    expect(hasComputedImport('const m = require(base + "/x");\n', 'a.js')).toBe(true);
    expect(hasComputedImport("const m = require('./x');\nconst n = await import(`./y.js`);\n", 'a.js')).toBe(false);
    expect(hasComputedImport("import { createRequire } from 'node:module';\nconst req = createRequire(import.meta.url);\n", 'a.mjs')).toBe(true);
  });
});
