import { describe, expect, it } from 'vitest';
import { workspacePath } from '../../../lab/labShell';

describe('workspacePath', () => {
  it('resolves relative paths and absolute paths inside /workspace', () => {
    expect(workspacePath('src/a.ts')).toBe('/workspace/src/a.ts');
    expect(workspacePath('./src/../b.ts')).toBe('/workspace/b.ts');
    expect(workspacePath('/workspace/x/y')).toBe('/workspace/x/y');
    expect(workspacePath('.')).toBe('/workspace');
  });

  it.each(['../etc/passwd', '/etc/passwd', 'a/../../x', '/workspace/../root', '/workspacefoo/x'])('refuses %s with a message naming /workspace', (p) => {
    expect(() => workspacePath(p)).toThrow(`path ${p} is outside /workspace; the Lab may only touch its workspace`);
  });
});
