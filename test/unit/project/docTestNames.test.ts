import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ATTACKS, CONTROLS, type AttackClass } from '../../integration/attacks';

const ROOT = join(import.meta.dirname, '..', '..', '..');
// The classes attacksOnTests.test.ts plays; attacksOnSurface.test.ts plays the rest.
const ON_THE_TESTS: AttackClass[] = ['tests-removed-or-hidden', 'vacuous-tests', 'forged-reports', 'judge-patched'];

// docs/reliability.md and docs/verification.md name a test for every scenario and defence;
// each must exist, word for word, so the pages cannot drift from the suite.
const DATA_TITLES: Record<string, string[]> = {
  'attacksOnTests.test.ts': ATTACKS.filter((f) => ON_THE_TESTS.includes(f.cls)).map((f) => `${f.cls}: ${f.name}`),
  'attacksOnSurface.test.ts': ATTACKS.filter((f) => !ON_THE_TESTS.includes(f.cls)).map((f) => `${f.cls}: ${f.name}`),
  'honestControls.test.ts': CONTROLS.map((c) => c.name),
};

for (const page of ['reliability.md', 'verification.md']) {
  const doc = readFileSync(join(ROOT, 'docs', page), 'utf8');
  describe(`docs/${page}`, () => {
    const rows = [...doc.matchAll(/`([\w./]+\.test\.ts)` › (.+?) \|$/gm)].map((m) => ({ file: m[1]!, title: m[2]!.trim() }));

    it('lists scenarios', () => {
      expect(rows.length).toBeGreaterThanOrEqual(page === 'reliability.md' ? 25 : 20);
    });

    it.each(rows.map((r) => [r.file, r.title]))('%s has the test "%s"', (file, title) => {
      // An integration or cluster test by its name; a unit test by its path under test/ (unit/<folder>/<module>.test.ts).
      const path = ['integration', 'cluster', '.'].map((d) => join(ROOT, 'test', d, file)).find(existsSync);
      expect(path, `${file} is in test/integration or test/cluster, or is a path under test/`).toBeDefined();
      const source = readFileSync(path!, 'utf8');
      // A plain it('…'), the template of an it.each(…)('%s: …'), or a form of the attack data an it.each plays.
      const quoted = [`'${title}'`, `"${title}"`].some((q) => source.includes(`it(${q}`) || (title.includes('%s') && source.includes(`)(${q}`)));
      expect(quoted || (DATA_TITLES[file]?.includes(title) ?? false)).toBe(true);
    });
  });
}
