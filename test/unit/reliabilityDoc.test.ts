import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const doc = readFileSync(join(ROOT, 'docs', 'reliability.md'), 'utf8');

// docs/reliability.md names a test for every scenario; each must exist, word for word.
describe('docs/reliability.md', () => {
  const rows = [...doc.matchAll(/`([\w.]+\.test\.ts)` › (.+?) \|$/gm)].map((m) => ({ file: m[1]!, title: m[2]!.trim() }));

  it('lists scenarios', () => {
    expect(rows.length).toBeGreaterThanOrEqual(25);
  });

  it.each(rows.map((r) => [r.file, r.title]))('%s has the test "%s"', (file, title) => {
    const path = join(ROOT, 'test', 'integration', file);
    expect(existsSync(path)).toBe(true);
    const source = readFileSync(path, 'utf8');
    // A plain it('…'), or the template of an it.each(…)('%s: …').
    const quoted = [`'${title}'`, `"${title}"`].some((q) => source.includes(`it(${q}`) || (title.includes('%s') && source.includes(`)(${q}`)));
    expect(quoted).toBe(true);
  });
});
