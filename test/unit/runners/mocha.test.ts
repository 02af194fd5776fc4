import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMochaJson } from '../../../runners/mocha';

// Reports written by the real runners on a small project (test/fixtures/reports), paths as
// they are inside a verification container (/workspace).
const fixture = (name: string) => readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'reports', name), 'utf8');
const brief = (r: { cases: Array<{ file: string; name: string; status: string }> }) => r.cases.map((c) => `${c.file} > ${c.name}: ${c.status}`);

describe('mocha', () => {
  it("mocha's JSON reporter, with a failing before-hook", () => {
    const r = parseMochaJson(fixture('mocha.json'));
    expect(brief(r)).toEqual(
      expect.arrayContaining(['test/calc.test.js > add: passed', 'test/calc.test.js > clamp broken: failed', 'test/calc.test.js > clamp skipped one: skipped', 'test/calc.test.js > clamp deeper leaf: passed']),
    );
    expect(r.cases.find((c) => /before all/.test(c.name))).toMatchObject({ status: 'failed', message: expect.stringMatching(/setup failed/) });
  });

  it("mocha's JSON: two tests of one file and title are both read, a failing one not hidden by its twin", () => {
    const t = (title: string, err?: string) => ({ title, fullTitle: `suite ${title}`, file: '/workspace/test/a.test.js', ...(err ? { err: { message: err } } : { err: {} }) });
    const doc = { stats: { tests: 4 }, tests: [t('x'), t('x', 'boom'), t('y'), t('z')], pending: [t('z')], failures: [t('x', 'boom'), t('"before all" hook', 'setup failed')] };
    const r = parseMochaJson(JSON.stringify(doc));
    expect(brief(r)).toEqual(['test/a.test.js > suite x: passed', 'test/a.test.js > suite x: failed', 'test/a.test.js > suite y: passed', 'test/a.test.js > suite z: skipped', 'test/a.test.js > suite "before all" hook: failed']);
    expect(r.runnerTotal).toBe(4);
  });

});
