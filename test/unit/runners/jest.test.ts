import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJestJson } from '../../../runners/jest';

// Reports written by the real runners on a small project (test/fixtures/reports), paths as
// they are inside a verification container (/workspace).
const fixture = (name: string) => readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'reports', name), 'utf8');
const brief = (r: { cases: Array<{ file: string; name: string; status: string }> }) => r.cases.map((c) => `${c.file} > ${c.name}: ${c.status}`);

describe('jest and vitest JSON', () => {
  it("vitest's JSON reporter: suites joined, skip and todo, a file that fails to load", () => {
    const r = parseJestJson(fixture('vitest.json'));
    expect(brief(r).sort()).toEqual(
      [
        'test/broken.test.js > (file): failed',
        'test/calc.test.js > add: passed',
        'test/calc.test.js > clamp > inside: passed',
        'test/calc.test.js > clamp > broken: failed',
        'test/calc.test.js > clamp > skipped one: skipped',
        'test/calc.test.js > clamp > later: todo',
        'test/calc.test.js > clamp > deeper > leaf: passed',
      ].sort(),
    );
    expect(r.cases.find((c) => c.name === 'clamp > broken')!.message).toMatch(/expected 1 to be 2/);
  });

  it("jest's --json results, with a file that does not parse", () => {
    const r = parseJestJson(fixture('jest.json'));
    expect(brief(r)).toContain('test/broken.test.js > (file): failed');
    expect(brief(r)).toContain('test/calc.test.js > clamp > deeper > leaf: passed');
    expect(brief(r)).toContain('test/calc.test.js > clamp > skipped one: skipped');
    expect(brief(r).filter((b) => b.endsWith('failed'))).toHaveLength(3); // broken, the hook's test, the file
  });

});
