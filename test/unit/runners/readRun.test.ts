import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGoJson } from '../../../runners/go';
import { parseJestJson } from '../../../runners/jest';
import { parseJunitXml } from '../../../runners/junit';
import { parseMochaJson } from '../../../runners/mocha';
import { parsePytestXml } from '../../../runners/pytest';
import { parseRunReports } from '../../../runners/readRun';

// Reports written by the real runners on a small project (test/fixtures/reports), paths as
// they are inside a verification container (/workspace).
const fixture = (name: string) => readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'reports', name), 'utf8');

describe('reading a report folder', () => {
  it("each runner's own closing count, where its report states one", () => {
    expect(parseJestJson(fixture('vitest.json')).runnerTotal).toBe(6);
    expect(parseJestJson(fixture('jest.json')).runnerTotal).toBe(6);
    expect(parseMochaJson(fixture('mocha.json')).runnerTotal).toBe(5);
    expect(parsePytestXml(fixture('pytest.xml')).runnerTotal).toBe(4);
    expect(parseJunitXml('<testsuites tests="3"><testsuite tests="2"><testcase name="a"/></testsuite></testsuites>').runnerTotal).toBe(3);
    expect(parseJunitXml('<testsuite tests="2"><testcase name="a"/><testcase name="b"/></testsuite>').runnerTotal).toBe(2);
    expect(parseJunitXml('<testsuites><testsuite><testcase name="a"/></testsuite></testsuites>').runnerTotal).toBeUndefined();
    expect(parseJunitXml('<testsuites>\n<testcase name="a" classname="test"/>\n<testcase name="a" classname="test"/>\n<!-- tests 2 -->\n</testsuites>').runnerTotal).toBe(2);
    expect(parseGoJson(fixture('go.jsonl'), 'example.com/shapes').runnerTotal).toBeUndefined();
  });


  it('a missing report is a problem, not zero tests', () => {
    expect(parseRunReports('vitest', {}).problems[0]).toMatch(/vitest wrote no report/);
    expect(parseRunReports('junit', { 'notes.txt': 'x' }).problems[0]).toMatch(/no JUnit XML/);
  });

  it('keeps the report folder to the one file pytest or go test writes', () => {
    const r = parseRunReports('pytest', { 'pytest.xml': fixture('pytest.xml'), 'extra.xml': '<testsuites/>' });
    expect(r.problems).toEqual(['the report folder holds files pytest did not write: extra.xml']);
    expect(parseRunReports('go', {}).problems[0]).toMatch(/^go wrote no report \(go\.jsonl is missing\)/);
  });
});
