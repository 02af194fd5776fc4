import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactExclusions, isArtifact, sourceOnlyDiff } from '../../../git/reviewDiff';
import { globToRegExp, splitDiff } from '../../../verify/diffText';

let repo: string;
const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });
const write = (path: string, content: string) => {
  mkdirSync(dirname(join(repo, path)), { recursive: true });
  writeFileSync(join(repo, path), content);
};
const diffNames = (diff: string) => splitDiff(diff).map((s) => s.path);

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'loom-reviewdiff-'));
  git('init', '-q');
  git('config', 'user.email', 't@example.com');
  git('config', 'user.name', 'test');
  write('src/a.ts', 'export const a = 1;\n');
  write('program.md', '# old task\n');
  git('add', '-A');
  git('commit', '-qm', 'base');
  write('src/a.ts', 'export const a = 2;\n');
  write('program.md', '# new task\n');
  write('.loom/x', 'artifact\n');
  write('docs/my notes.md', 'with spaces\n');
  write('zz.txt', 'last\n');
  git('add', '-A');
  git('commit', '-qm', 'change');
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe('splitDiff / sourceOnlyDiff on real git output', () => {
  it('splits into one section per file, paths with spaces intact, text reassembling the diff', () => {
    const diff = git('diff', '--no-color', 'HEAD~1', 'HEAD');
    const sections = splitDiff(diff);
    expect(sections.map((s) => s.path)).toEqual(['.loom/x', 'docs/my notes.md', 'program.md', 'src/a.ts', 'zz.txt']);
    expect(sections.map((s) => s.text).join('')).toBe(diff);
    expect(sections[1]!.text).toContain('+with spaces');
    expect(splitDiff('')).toEqual([]);
  });

  it('drops program.md and .loom/ and keeps the rest byte-for-byte', () => {
    const diff = git('diff', '--no-color', 'HEAD~1', 'HEAD');
    const only = sourceOnlyDiff(diff);
    expect(only).toBe(git('diff', '--no-color', 'HEAD~1', 'HEAD', '--', 'docs', 'src', 'zz.txt'));
    expect(only).not.toContain('new task');
    expect(only).not.toContain('artifact');
    expect(diffNames(sourceOnlyDiff(diff, ['docs/']))).toEqual(['src/a.ts', 'zz.txt']);
  });

  it('isArtifact matches files exactly and folders by prefix', () => {
    expect(isArtifact('program.md')).toBe(true);
    expect(isArtifact('docs/program.md')).toBe(false);
    expect(isArtifact('.loom/deep/file')).toBe(true);
    expect(isArtifact('.loomy')).toBe(false);
  });
});

describe('artifactExclusions', () => {
  it('builds exclude pathspecs, folders as <dir>/**', () => {
    expect(artifactExclusions()).toEqual([':(exclude,literal)program.md', ':(exclude,glob).loom/**']);
    expect(artifactExclusions(['node_modules/', 'x.lock'])).toEqual([':(exclude,literal)program.md', ':(exclude,glob).loom/**', ':(exclude,glob)node_modules/**', ':(exclude,literal)x.lock']);
  });

  it('keeps artifacts out of a real git diff', () => {
    const names = git('diff', '--name-only', 'HEAD~1', 'HEAD', '--', '.', ...artifactExclusions()).trim().split('\n');
    expect(names).toEqual(['docs/my notes.md', 'src/a.ts', 'zz.txt']);
    const withExtra = git('diff', '--no-color', 'HEAD~1', 'HEAD', '--', '.', ...artifactExclusions(['docs/']));
    expect(diffNames(withExtra)).toEqual(['src/a.ts', 'zz.txt']);
  });
});

describe('paths git writes awkwardly', () => {
  let tricky: string;
  beforeAll(() => {
    tricky = mkdtempSync(join(tmpdir(), 'loom-tricky-'));
    const g = (...args: string[]) => execFileSync('git', args, { cwd: tricky, encoding: 'utf8' });
    g('init', '-q');
    g('config', 'user.email', 't@example.com');
    g('config', 'user.name', 'test');
    writeFileSync(join(tricky, 'keep.js'), '1\n');
    g('add', '-A');
    g('commit', '-qm', 'base');
    writeFileSync(join(tricky, 'keep.js'), '2\n');
    writeFileSync(join(tricky, '"q.js'), 'q\n');
    writeFileSync(join(tricky, 'é.js'), 'e\n');
    mkdirSync(join(tricky, 'a b', '.loom'), { recursive: true });
    writeFileSync(join(tricky, 'a b', '.loom', 'evil.js'), 'evil\n');
    g('add', '-A');
    g('commit', '-qm', 'change');
  });
  afterAll(() => rmSync(tricky, { recursive: true, force: true }));

  it('reads quoted and " b/" paths exactly, so no source file is mistaken for an artifact', () => {
    const diff = execFileSync('git', ['diff', '--no-color', '--no-renames', 'HEAD~1', 'HEAD'], { cwd: tricky, encoding: 'utf8' });
    expect(splitDiff(diff).map((s) => s.path)).toEqual(['"q.js', 'a b/.loom/evil.js', 'keep.js', 'é.js']);
    expect(diffNames(sourceOnlyDiff(diff))).toEqual(['"q.js', 'a b/.loom/evil.js', 'keep.js', 'é.js']);
  });
});

describe('paths left out of review (excludeFromReview)', () => {
  it('follows git glob rules: * within a folder, ** across folders, plain paths literally', () => {
    expect(isArtifact('yarn.lock', ['*.lock'])).toBe(true);
    expect(isArtifact('sub/yarn.lock', ['*.lock'])).toBe(false);
    expect(isArtifact('sub/yarn.lock', ['**/*.lock'])).toBe(true);
    expect(isArtifact('dist/a/b.js', ['dist/**'])).toBe(true);
    expect(isArtifact('src/dist.js', ['dist/**'])).toBe(false);
    expect(isArtifact('a.b', ['a?b'])).toBe(true);
    expect(isArtifact('a+b', ['a+b'])).toBe(true);
    expect(globToRegExp('docs/**/*.md').test('docs/x/y/z.md')).toBe(true);
    expect(globToRegExp('docs/**/*.md').test('docs/z.md')).toBe(true);
    expect(artifactExclusions(['dist/**', 'CHANGELOG.md'])).toEqual(expect.arrayContaining([':(exclude,glob)dist/**', ':(exclude,literal)CHANGELOG.md']));
  });
});
