import { describe, expect, it } from 'vitest';
import { hygieneViolations, linkLeavesRepo } from '../../../verify/diffHygiene';

describe('diff hygiene', () => {
  it('knows a link that leaves the repository', () => {
    expect(linkLeavesRepo('a/b/link', '../../x')).toBe(false);
    expect(linkLeavesRepo('a/b/link', '../../../x')).toBe(true);
    expect(linkLeavesRepo('link', '/etc/passwd')).toBe(true);
  });

  it('rejects what no rule or reviewer could read, and allows declared binaries', () => {
    const d = (c: Parameters<typeof hygieneViolations>[0][number], allowed: string[] = []) => hygieneViolations([c], allowed).map((v) => v.detail);
    expect(d({ path: 'src/a.js', status: 'M', oldMode: '100644', newMode: '100644', labNulAt: 9001 })[0]).toMatch(/a text file turned binary \(NUL byte at offset 9001\)/);
    expect(d({ path: 'img/a.png', status: 'A', newMode: '100644', labNulAt: 3 }, ['img/**'])).toEqual([]);
    expect(d({ path: 'lib', status: 'A', newMode: '160000' })[0]).toMatch(/submodule link/);
    expect(d({ path: 'test/run', status: 'M', oldMode: '100644', newMode: '100755' })[0]).toMatch(/made executable in a test path/);
    expect(d({ path: 'bin/cli', status: 'A', newMode: '100755' })).toEqual([]); // an executable outside the tests is ordinary
  });
});
