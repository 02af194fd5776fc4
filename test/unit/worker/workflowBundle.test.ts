import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workflowCodeHash } from '../../../worker/workflowBundle';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'loom-bundle-hash-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

describe('the workflow bundle cache key', () => {
  const base = { 'workflows/loop.ts': 'export const a = 1;\n', 'generation/loop.ts': 'export const b = 2;\n', 'package-lock.json': '{"lockfileVersion":3}\n' };

  it('changes when any code a workflow could import changes, or the locked SDK versions', () => {
    const h = workflowCodeHash(tree(base));
    expect(workflowCodeHash(tree(base))).toBe(h);
    expect(workflowCodeHash(tree({ ...base, 'generation/loop.ts': 'export const b = 3;\n' }))).not.toBe(h);
    expect(workflowCodeHash(tree({ ...base, 'package-lock.json': '{"lockfileVersion":3,"x":1}\n' }))).not.toBe(h);
    expect(workflowCodeHash(tree({ ...base, 'verify/new.ts': 'export {};\n' }))).not.toBe(h);
  });

  it('stays the same for tests, docs, benches and state, which never run in a workflow', () => {
    const h = workflowCodeHash(tree(base));
    expect(workflowCodeHash(tree({ ...base, 'test/unit/x.test.ts': 'it();\n', 'docs/a.md': '# a\n', 'bench/run.ts': 'x\n', '.loom/state.json': '{}' }))).toBe(h);
  });
});
