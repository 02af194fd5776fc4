import { describe, expect, it } from 'vitest';
import { collidingPaths, sizeViolations, windowsProblem, windowsViolations, withDefaultLimits } from '../../../verify/checkoutPaths';

describe('paths another file system folds together', () => {
  it('finds an added path that differs from another only in case, as a file or as a folder', () => {
    const tree = ['src/calc.js', 'src/Calc.js', 'test/calc.test.js', 'Test/extra.test.js', 'README.md'];
    const details = collidingPaths(tree, ['src/Calc.js', 'Test/extra.test.js']).map((v) => v.detail);
    expect(details).toHaveLength(2);
    expect(details[0]).toMatch(/^"src\/Calc\.js" and "src\/calc\.js" differ only in letter case/);
    expect(details[1]).toMatch(/^"Test" and "test" differ only/);
  });

  it('finds two spellings of one Unicode name (composed and decomposed)', () => {
    const composed = 'docs/caf\u00e9.md';
    const decomposed = 'docs/cafe\u0301.md';
    expect(collidingPaths([composed, decomposed], [decomposed])).toHaveLength(1);
  });

  it('leaves alone mixed case that collides with nothing, and collisions the change did not make', () => {
    expect(collidingPaths(['src/Calc.js', 'src/util.js', 'README.md'], ['src/Calc.js'])).toEqual([]);
    expect(collidingPaths(['a/X.js', 'a/x.js', 'b/new.js'], ['b/new.js'])).toEqual([]);
  });
});

describe('names Windows cannot check out', () => {
  it('device names with any extension, forbidden characters, trailing dots and spaces', () => {
    expect(windowsProblem('src/aux.js')).toMatch(/device name/);
    expect(windowsProblem('CON')).toMatch(/device name/);
    expect(windowsProblem('lib/com1.txt')).toMatch(/device name/);
    expect(windowsProblem('docs/what?.md')).toMatch(/holds "\?"/);
    expect(windowsProblem('a\\b.js')).toMatch(/holds "\\\\"/);
    expect(windowsProblem('notes./a.md')).toMatch(/ends in a dot/);
    expect(windowsProblem('x /a.md')).toMatch(/ends in a space/);
  });

  it('ordinary names pass', () => {
    for (const p of ['src/auxiliary.js', 'console/log.js', 'docs/a.b.c.md', '.github/workflows/ci.yml', 'src/caf\u00e9.js']) expect(windowsProblem(p), p).toBeUndefined();
    expect(windowsViolations(['src/calc.js', 'src/nul.js']).map((v) => v.detail)).toEqual(['"src/nul.js": "nul.js" is a device name on Windows, so the change cannot be checked out there']);
  });
});

describe("a change's size", () => {
  const files = (n: number, bytes: number) => Array.from({ length: n }, (_, i) => ({ path: `gen/f${i}.txt`, bytes }));

  it('is judged against each limit, naming the setting that raises it', () => {
    const limits = withDefaultLimits({ files: 10 });
    expect(limits).toEqual({ files: 10, megabytes: 20, fileMegabytes: 10 });
    expect(sizeViolations(files(10, 100), limits)).toEqual([]);
    expect(sizeViolations(files(11, 100), limits).map((v) => v.detail)).toEqual(['the change touches 11 files, more than verification.maxChangeFiles (10): split the work into smaller changes, or raise the limit in loom.config.json']);
    expect(sizeViolations(files(3, 8e6), limits).map((v) => v.rule + ': ' + v.detail.slice(0, 67))).toEqual(['change-size: the change writes 24 MB, more than verification.maxChangeMb (20 MB)']);
    expect(sizeViolations([{ path: 'data/big.bin', bytes: 12e6 }], limits)[0]!.detail).toMatch(/^data\/big\.bin is 12 MB, more than verification\.maxFileMb \(10 MB\)/);
  });
});
