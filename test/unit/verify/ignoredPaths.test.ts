import { describe, expect, it } from 'vitest';
import { ignoredAdditions, ignoredBy } from '../../../verify/ignoredPaths';

const base = new Map([
  ['.gitignore', 'node_modules/\n.tsbuildinfo\n*.log\n!keep.log\ndist/\n'],
  ['pkg/.gitignore', '.pytest_cache/\n!*.log\n'],
]);

describe('paths the base ignores', () => {
  it('names the .gitignore and the pattern that ignore a committed build cache', () => {
    expect(ignoredAdditions(['.tsbuildinfo', 'src/a.ts'], base)).toEqual([{ rule: 'protected', detail: expect.stringMatching(/^\.tsbuildinfo is a path the base ignores \(\.gitignore \(`\.tsbuildinfo`\)\)/) }]);
  });

  it('ignores what sits inside an ignored folder, at any depth', () => {
    expect(ignoredBy('dist/index.js', base)).toBe('.gitignore (`dist/`)');
    expect(ignoredBy('pkg/node_modules/x/index.js', base)).toBe('.gitignore (`node_modules/`)');
    expect(ignoredBy('pkg/.pytest_cache/v/cache/lastfailed', base)).toBe('pkg/.gitignore (`.pytest_cache/`)');
  });

  it('lets a negation, or a deeper .gitignore, take a path back', () => {
    expect(ignoredBy('keep.log', base)).toBeUndefined();
    expect(ignoredBy('pkg/run.log', base)).toBeUndefined();
    expect(ignoredBy('run.log', base)).toBe('.gitignore (`*.log`)');
  });

  it('leaves source, tests and the .gitignore itself alone', () => {
    expect(ignoredAdditions(['src/calc.ts', 'test/calc.test.ts', '.gitignore', 'pkg/.gitignore', 'docs/logging.md'], base)).toEqual([]);
    expect(ignoredAdditions(['.tsbuildinfo'], new Map())).toEqual([]);
  });
});
