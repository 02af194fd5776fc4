import { describe, expect, it } from 'vitest';
import { containerName, labels } from '../../../lab/containerLabels';

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
