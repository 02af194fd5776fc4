import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dependencyMounts } from '../../../lab/dependencyMounts';

describe('dependencyMounts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'loom-mounts-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('mounts a real folder inside the repository', () => {
    mkdirSync(join(dir, 'repo', 'node_modules'), { recursive: true });
    expect(dependencyMounts(join(dir, 'repo'), ['node_modules'])).toEqual([{ hostPath: join(realpathSync(dir), 'repo', 'node_modules'), containerPath: '/workspace/node_modules' }]);
  });

  it('follows no link: not to a host folder, not through a linked parent', () => {
    mkdirSync(join(dir, 'host-secret'), { recursive: true });
    mkdirSync(join(dir, 'linked', 'vendor'), { recursive: true });
    symlinkSync(join(dir, 'host-secret'), join(dir, 'linked', 'node_modules'));
    expect(() => dependencyMounts(join(dir, 'linked'), ['node_modules'])).toThrow(/mount node_modules .* is a symlink \(to .*host-secret\); Loom mounts only real folders inside the repository/);
    symlinkSync(join(dir, 'host-secret'), join(dir, 'linked', 'lib'));
    mkdirSync(join(dir, 'host-secret', 'deps'), { recursive: true });
    expect(() => dependencyMounts(join(dir, 'linked'), ['lib/deps'])).toThrow(/is a symlink/);
    expect(() => dependencyMounts(join(dir, 'linked'), ['../host-secret'])).toThrow(/must be a folder inside the repository/);
  });
});
