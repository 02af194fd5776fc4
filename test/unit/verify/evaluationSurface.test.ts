import { describe, expect, it } from 'vitest';
import { buildsWhatItPublishes, measuredEvaluation, packedByFiles, unpublishedImports, moduleName, packageEntries, surfaceViolations } from '../../../verify/evaluationSurface';
import { heldOutPlan } from '../../../verify/heldOut';

describe('the evaluation surface, measured from what the base tests read', () => {
  const isEvaluation = (p: string) => p.startsWith('test/');
  it('takes data no published code names, and code only tests reach where the package says what it publishes', () => {
    const reads = ['package.json', 'src/calc.js', 'support/approx.js', 'test/calc.test.js', 'data/expected.json', 'data/units.json', 'README.md'];
    const published = (p: string) => (p === 'src/calc.js' ? true : p === 'support/approx.js' ? false : undefined);
    const named = (p: string) => p === 'data/units.json';
    expect(measuredEvaluation({ reads, isEvaluation, isPublished: published, namedByPublished: named })).toEqual(['README.md', 'data/expected.json', 'support/approx.js']);
  });

  it('never takes code whose side cannot be told: restoring it would test the base code', () => {
    expect(measuredEvaluation({ reads: ['calc.py', 'helpers.py'], isEvaluation, isPublished: () => undefined, namedByPublished: () => false })).toEqual([]);
  });

  it('puts the measured files back in the held-out tree like any test file', () => {
    const e = (sha: string) => ({ mode: '100644', type: 'blob', sha });
    const base = new Map([['src/calc.js', e('a')], ['support/approx.js', e('b')], ['test/calc.test.js', e('c')]]);
    const lab = new Map([['src/calc.js', e('a2')], ['support/approx.js', e('b2')], ['test/calc.test.js', e('c')]]);
    expect([...heldOutPlan(base, lab, new Set(), new Set(['support/approx.js'])).restore.keys()]).toEqual(['support/approx.js']);
    expect([...heldOutPlan(base, lab).restore.keys()]).toEqual([]);
  });
});

describe('a package that builds what it publishes', () => {
  it('is one with a build script, or one npm runs by itself before packing, publishing or testing', () => {
    expect(buildsWhatItPublishes({ build: 'tsc -p .', test: 'node --test' })).toBe(true);
    expect(buildsWhatItPublishes({ pretest: 'npm run build --silent', test: 'node --test' })).toBe(true);
    expect(buildsWhatItPublishes({ prepare: 'rollup -c' })).toBe(true);
    // Only a test script: nothing outside `files` becomes what users get.
    expect(buildsWhatItPublishes({ test: 'node --test', lint: 'eslint .' })).toBe(false);
  });
});

describe('what the held-out run read, held against the base', () => {
  const none = { added: [] as string[], deleted: [] as string[], entries: [] };
  it('rejects a module the base tests read that they now skip for a same-named one the Lab added', () => {
    const [v] = surfaceViolations({ ...none, baseReads: ['lib/sum.js', 'test/sum.test.js'], heldOutReads: ['lib/sum', 'test/sum.test.js'], labReads: [], added: ['lib/sum'] });
    expect(v?.detail).toMatch(/the base's tests read lib\/sum.js, and on the change they read lib\/sum instead/);
    expect(surfaceViolations({ ...none, baseReads: ['src/mypkg/__init__.py'], heldOutReads: ['mypkg.py'], labReads: [], added: ['mypkg.py'] })).toHaveLength(1);
  });

  it('rejects a data file the base tests read that they now skip for one of the same file name the Lab added, and allows a data file moved or renamed', () => {
    const [v] = surfaceViolations({ ...none, baseReads: ['data/units.json', 'units.py'], heldOutReads: ['units.json', 'units.py'], labReads: [], added: ['units.json'] });
    expect(v?.detail).toMatch(/the base's tests read data\/units\.json, and on the change they read units\.json instead: a file of the same name the Lab added is found first where the tests run/);
    expect(surfaceViolations({ ...none, baseReads: ['data/units.json'], heldOutReads: ['units.json'], labReads: [], added: ['units.json'], deleted: ['data/units.json'] })).toEqual([]);
    expect(surfaceViolations({ ...none, baseReads: ['data/units.json'], heldOutReads: ['data/units.yaml'], labReads: [], added: ['data/units.yaml'] })).toEqual([]);
  });

  it('allows a module no longer read because it was deleted, or split into another of another name', () => {
    expect(surfaceViolations({ ...none, baseReads: ['lib/sum.js'], heldOutReads: ['lib/sum/index.js'], labReads: [], added: ['lib/sum/index.js'], deleted: ['lib/sum.js'] })).toEqual([]);
    expect(surfaceViolations({ ...none, baseReads: ['lib/a.js', 'lib/util.js'], heldOutReads: ['lib/a.js', 'lib/helpers.js'], labReads: [], added: ['lib/helpers.js'] })).toEqual([]);
  });

  it('rejects a changed entry point no test loaded, and allows one the Lab tested', () => {
    const entries = [{ via: 'package.json exports["."]["require"]', path: 'calc.cjs', changed: true, fresh: true }];
    expect(surfaceViolations({ ...none, entries, added: ['calc.cjs'], baseReads: [], heldOutReads: ['src/calc.js'], labReads: ['src/calc.js'] })[0]?.detail).toMatch(/exports\["\."\]\["require"\] resolves to calc\.cjs, which the change adds and no test loaded/);
    expect(surfaceViolations({ ...none, entries, added: ['calc.cjs'], baseReads: [], heldOutReads: [], labReads: ['calc.cjs'] })).toEqual([]);
    expect(surfaceViolations({ ...none, entries: [{ ...entries[0]!, changed: false, fresh: false }], baseReads: [], heldOutReads: [], labReads: [] })).toEqual([]);
    // index.js re-exports, and no test loads it on the base either: a changed line there is the mutants' to judge.
    const index = [{ via: 'package.json main', path: 'index.js', changed: true, fresh: false }];
    expect(surfaceViolations({ ...none, entries: index, baseReads: ['lib/a.js'], heldOutReads: ['lib/a.js'], labReads: ['lib/a.js'] })).toEqual([]);
    expect(surfaceViolations({ ...none, entries: index, baseReads: ['index.js', 'lib/a.js'], heldOutReads: ['lib/b.js'], labReads: ['lib/b.js'] })).toHaveLength(1);
  });

  it('names modules as imports do', () => {
    expect(['lib/sum.js', 'lib/sum', 'lib/sum.cjs', 'lib/sum/index.js', 'src/sum/__init__.py', 'sum.py'].map(moduleName)).toEqual(Array(6).fill('sum'));
  });

  it('lists every entry point of a package.json', () => {
    expect(packageEntries('package.json', { main: './index.js', bin: { calc: 'bin/calc.js' }, exports: { '.': { import: './src/calc.js', require: './calc.cjs' }, './extra': './src/extra.js', './*': './src/*.js' } }).map((e) => `${e.via} ${e.path}`)).toEqual([
      'package.json main index.js',
      'package.json bin.calc bin/calc.js',
      'package.json exports["."]["import"] src/calc.js',
      'package.json exports["."]["require"] calc.cjs',
      'package.json exports["./extra"] src/extra.js',
    ]);
  });
});

describe('what npm publishes, held against what the entry points import', () => {
  it('names code an entry point imports that the files field leaves out, and only what the change made so', () => {
    const reached = new Map([['src/calc.js', 'src/calc.js'], ['src/multiply.js', 'src/calc.js'], ['lib/old.js', 'src/calc.js']]);
    const v = unpublishedImports(reached, ['src/calc.js'], ['src/calc.js'], new Set(['lib/old.js']));
    expect(v).toEqual([`src/multiply.js is imported by src/calc.js, which users reach through the package's entry points, but package.json "files" does not include it, so npm would not publish it: users who install the package get an import that fails`]);
    // A folder, a glob, and what npm always packs.
    expect(packedByFiles('src/ops/multiply.js', ['src'], [])).toBe(true);
    expect(packedByFiles('dist/a.js', ['dist/*.js'], [])).toBe(true);
    expect(packedByFiles('README.md', [], [])).toBe(true);
    expect(packedByFiles('bin/cli.js', ['src'], ['bin/cli.js'])).toBe(true);
  });
});
