import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePytestXml } from '../../../runners/pytest';

// Reports written by the real runners on a small project (test/fixtures/reports), paths as
// they are inside a verification container (/workspace).
const fixture = (name: string) => readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'reports', name), 'utf8');
const brief = (r: { cases: Array<{ file: string; name: string; status: string }> }) => r.cases.map((c) => `${c.file} > ${c.name}: ${c.status}`);

describe('pytest', () => {
  it("pytest's JUnit XML: the test's file, its name within the module, and a module that fails to import", () => {
    const r = parsePytestXml(fixture('pytest.xml'));
    expect(r.problems).toEqual([]);
    expect(brief(r)).toEqual(['tests/test_calc.py > test_add: passed', 'tests/test_calc.py > TestClamp > test_inside: passed', 'tests/test_calc.py > TestClamp > test_broken: failed', 'tests/test_calc.py > TestClamp > test_skipped: skipped']);
    expect(r.cases[2]!.message).toMatch(/assert 1 == 2/);
    const broken = parsePytestXml('<testsuites><testsuite name="pytest"><testcase classname="" name="tests.test_broken" file="tests/test_broken.py"><error message="collection failure">E   ModuleNotFoundError: No module named \'nonexistent\'</error></testcase></testsuite></testsuites>');
    expect(brief(broken)).toEqual(['tests/test_broken.py > (file): failed']);
    expect(broken.cases[0]!.message).toMatch(/No module named 'nonexistent'/);
  });

  it('character references in a report read as the characters they stand for: a pytest message shows its lines, not &#10;', () => {
    const r = parsePytestXml('<testsuites><testsuite name="pytest"><testcase classname="tests.test_a" name="test_x" file="tests/test_a.py"><failure message="assert 1 == 2&#10; +  where 1 = f()">def test_x():&#10;&gt;       assert f() == 2&#10;E       assert 1 == 2 &amp; &#x41;</failure></testcase></testsuite></testsuites>');
    expect(r.cases[0]!.message).toBe('assert 1 == 2\n +  where 1 = f()\ndef test_x():\n>       assert f() == 2\nE       assert 1 == 2 & A');
  });

});
