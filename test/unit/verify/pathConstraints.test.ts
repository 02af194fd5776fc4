import { describe, expect, it } from 'vitest';
import { pathRules, pathViolations } from '../../../verify/pathConstraints';

describe('path constraints from program.md', () => {
  it('reads the forms a person writes', () => {
    expect(pathRules(['Do not change src/calc.js']).forbidden).toEqual(['src/calc.js']);
    expect(pathRules(["Don't modify `src/a.js` or `lib/**`."]).forbidden).toEqual(['src/a.js', 'lib/**']);
    expect(pathRules(['Leave package-lock.json untouched']).forbidden).toEqual(['package-lock.json']);
    expect(pathRules(['src/config.js must not change']).forbidden).toEqual(['src/config.js']);
    expect(pathRules(['No changes to the files in docs/']).forbidden).toEqual(['docs']);
    expect(pathRules(['Do not change src/calc.js (its API is public)']).forbidden).toEqual(['src/calc.js']);
    expect(pathRules(['Only change src/stats.js and test/stats.test.js']).only).toEqual(['src/stats.js', 'test/stats.test.js']);
    expect(pathRules(['You may also change src/calc.js to export the helpers']).allowed).toEqual(['src/calc.js']);
  });

  it('leaves prose alone: functions, behaviour, scope without paths', () => {
    for (const bullet of ['Do not change add, subtract or clamp', 'Do not change `mean` or its tests.', 'Keep the behaviour for valid ranges unchanged', 'Change nothing else', 'No new dependencies.', 'Do not change the signature of add in src/calc.js']) {
      expect(pathRules([bullet])).toEqual({ forbidden: [], allowed: [] });
    }
  });

  it('rejects a change to a forbidden path, and only that', () => {
    const rules = pathRules(['Do not change src/calc.js']);
    expect(pathViolations(['src/calc.js', 'test/calc.test.js'], rules, 'refactor')).toEqual([
      { rule: 'path-constraint', detail: 'src/calc.js changed, but program.md says not to change src/calc.js' },
    ]);
    expect(pathViolations(['test/calc.test.js', 'src/other.js'], rules, 'refactor')).toEqual([]);
  });

  it('a folder or glob covers what is under it', () => {
    const rules = pathRules(['Do not touch lib/ or *.lock']);
    expect(pathViolations(['lib/deep/x.js', 'yarn.lock', 'src/a.js'], rules, 'feature').map((v) => v.detail.split(' ')[0])).toEqual(['lib/deep/x.js', 'yarn.lock']);
  });

  it('an "only" rule rejects everything outside it', () => {
    const rules = pathRules(['Only change src/stats.js and test/stats.test.js']);
    expect(pathViolations(['src/stats.js', 'test/stats.test.js'], rules, 'feature')).toEqual([]);
    expect(pathViolations(['src/stats.js', 'README.md'], rules, 'feature')).toEqual([
      { rule: 'path-constraint', detail: 'README.md changed, but program.md limits the change to src/stats.js, test/stats.test.js' },
    ]);
  });

  it('a tests task changes only the evaluation side unless the spec allows more', () => {
    expect(pathViolations(['test/clamp.test.js', 'test/fixtures/a.json', 'src/calc.test.js'], pathRules([]), 'tests')).toEqual([]);
    expect(pathViolations(['test/clamp.test.js', 'src/calc.js'], pathRules([]), 'tests').map((v) => v.detail)).toEqual([
      expect.stringMatching(/^src\/calc\.js is not a test file, and a `tests` task changes only tests/),
    ]);
    expect(pathViolations(['test/clamp.test.js', 'src/calc.js'], pathRules(['You may also change src/calc.js']), 'tests')).toEqual([]);
    // A file the base's own report ran as a test counts as a test, whatever its name.
    expect(pathViolations(['checks/calc.check.js'], pathRules([]), 'tests', new Set(['checks/calc.check.js']))).toEqual([]);
  });
});
