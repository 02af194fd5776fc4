import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJunitXml } from '../../../runners/junit';

// Reports written by the real runners on a small project (test/fixtures/reports), paths as
// they are inside a verification container (/workspace).
const fixture = (name: string) => readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'reports', name), 'utf8');
const brief = (r: { cases: Array<{ file: string; name: string; status: string }> }) => r.cases.map((c) => `${c.file} > ${c.name}: ${c.status}`);

describe('JUnit XML', () => {
  it('JUnit XML (pytest here): file and classname identify a test', () => {
    const r = parseJunitXml(fixture('pytest.xml'));
    expect(brief(r)).toEqual([
      'tests/test_calc.py > tests.test_calc > test_add: passed',
      'tests/test_calc.py > tests.test_calc.TestClamp > test_inside: passed',
      'tests/test_calc.py > tests.test_calc.TestClamp > test_broken: failed',
      'tests/test_calc.py > tests.test_calc.TestClamp > test_skipped: skipped',
    ]);
    expect(parseJunitXml('<testsuites><testsuite><testcase name="x"').problems[0]).toMatch(/not valid XML|no testsuite/);
  });

});
