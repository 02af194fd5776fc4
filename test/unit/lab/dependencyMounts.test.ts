import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { containerName, labels } from '../../../lab/containerLabels';
import { dependencyMounts } from '../../../lab/dependencyMounts';

describe('containerName', () => {
  it('prefixes loom- and suffixes the role', () => {
    expect(containerName('run.1_a-b', 'lab')).toBe('loom-run.1_a-b-lab');
    expect(containerName('r', 'verify')).toBe('loom-r-verify');
    expect(containerName('r', 'baseline')).toBe('loom-r-baseline');
  });

  it('replaces characters Docker does not allow', () => {
    expect(containerName('loom/calc:gen 5@é', 'lab')).toBe('loom-loom-calc-gen-5---lab');
    expect(containerName('loom/calc:gen 5@é', 'lab')).toMatch(/^[A-Za-z0-9_.-]+$/);
  });
});

describe('labels', () => {
  it('records run, generation, role and repo', () => {
    expect(labels('run-1', 42, 'verify', '/repos/calc')).toEqual({
      'loom.run': 'run-1',
      'loom.generation': '42',
      'loom.role': 'verify',
      'loom.repo': '/repos/calc',
    });
  });
});

describe('containerName with a very long run id', () => {
  it('keeps the role, so a generation never has two containers with one name', () => {
    const long = 'x'.repeat(300);
    expect(containerName(long, 'lab')).not.toBe(containerName(long, 'verify'));
    expect(containerName(long, 'lab').endsWith('-lab')).toBe(true);
    expect(containerName(long, 'lab').length).toBeLessThanOrEqual(200);
  });
});

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
