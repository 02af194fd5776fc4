import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { BUNDLE_UNUSED_MS, prune, workflowCodeHash } from '../../../worker/workflowBundle';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'loom-bundle-hash-'));
  onTestFinished(() => rmSync(root, { recursive: true, force: true }));
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

describe('pruning bundles of earlier code versions', () => {
  it('keeps every bundle used within a day, however many newer ones exist, and removes those unused for longer', () => {
    const dir = mkdtempSync(join(tmpdir(), 'loom-bundles-'));
    try {
      const now = Date.now();
      const file = (hash: string, ageMs: number) => {
        const path = join(dir, `workflows-${hash}.js`);
        writeFileSync(path, '// bundle\n');
        utimesSync(path, new Date(now - ageMs), new Date(now - ageMs));
        return path;
      };
      // Eight versions edited in one afternoon: a suite that started on the first still needs it.
      const recent = Array.from({ length: 8 }, (_, i) => file(`a${i}`, i * 60_000));
      const stale = file('b0', BUNDLE_UNUSED_MS + 60_000);
      const current = file('c0', BUNDLE_UNUSED_MS * 3);
      prune(dir, current, now);
      expect(recent.filter((p) => existsSync(p))).toEqual(recent);
      expect(existsSync(stale)).toBe(false);
      expect(existsSync(current)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
