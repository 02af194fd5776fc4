import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generationWorkflowId } from '../../../client/generations';

const root = mkdtempSync(join(tmpdir(), 'loom-genid-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const dir = (...parts: string[]) => {
  const p = join(root, ...parts);
  mkdirSync(p, { recursive: true });
  return p;
};

describe('generationWorkflowId', () => {
  it('is loom-<basename>-<8 hex>-gen-N and stable for the same folder', () => {
    const repo = dir('calc');
    const id = generationWorkflowId(repo, 72);
    expect(id).toMatch(/^loom-calc-[0-9a-f]{8}-gen-72$/);
    expect(generationWorkflowId(repo, 72)).toBe(id);
    expect(generationWorkflowId(repo, 73)).toBe(id.replace(/-gen-72$/, '-gen-73'));
  });

  it('resolves symlinks and trailing slashes to the same id', () => {
    const repo = dir('real-repo');
    const link = join(root, 'link-repo');
    symlinkSync(repo, link);
    expect(generationWorkflowId(link, 1)).toBe(generationWorkflowId(repo, 1));
    expect(generationWorkflowId(repo + '/', 1)).toBe(generationWorkflowId(repo, 1));
  });

  it('tells apart two repos with the same basename', () => {
    const a = generationWorkflowId(dir('one', 'app'), 1);
    const b = generationWorkflowId(dir('two', 'app'), 1);
    expect(a).toMatch(/^loom-app-[0-9a-f]{8}-gen-1$/);
    expect(b).toMatch(/^loom-app-[0-9a-f]{8}-gen-1$/);
    expect(a).not.toBe(b);
  });

  it('replaces unsafe characters in the folder name', () => {
    expect(generationWorkflowId(dir('my repo:v2 (é)'), 4)).toMatch(/^loom-my-repo-v2-----[0-9a-f]{8}-gen-4$/);
  });

  it('throws for a folder that does not exist', () => {
    expect(() => generationWorkflowId(join(root, 'missing'), 1)).toThrow(/ENOENT/);
  });
});
