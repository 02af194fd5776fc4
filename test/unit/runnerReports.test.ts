import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { goGhosts, goTestFilesIn, parseGoJson, parseJestJson, parseJunitXml, parseMochaJson, parseNodeReports, parsePytestXml, parseRunReports } from '../../verify/runnerReports';

// Reports written by the real runners on a small project (test/fixtures/reports), paths as
// they are inside a verification container (/workspace).
const fixture = (name: string) => readFileSync(join(import.meta.dirname, '..', 'fixtures', 'reports', name), 'utf8');
const brief = (r: { cases: Array<{ file: string; name: string; status: string }> }) => r.cases.map((c) => `${c.file} > ${c.name}: ${c.status}`);

describe('runner reports', () => {
  it("node:test through Loom's reporter: full names, skip and todo, a file that exits early, a file that fails to load", () => {
    const r = parseNodeReports({ 'node-101.jsonl': fixture('node-101.jsonl') });
    expect(r.problems).toEqual([]);
    expect(brief(r).sort()).toEqual(
      [
        'test/broken.test.js > (file): failed',
        'test/calc.test.js > add: passed',
        'test/calc.test.js > clamp > inside: passed',
        'test/calc.test.js > clamp > broken: failed',
        'test/calc.test.js > clamp > skipped one: skipped',
        'test/calc.test.js > clamp > later: todo',
        'test/calc.test.js > outer > child: passed',
        'test/calc.test.js > outer: passed',
        'test/empty.test.js > (file): passed',
      ].sort(),
    );
    expect(r.cases.find((c) => c.name === 'clamp > broken')!.message).toMatch(/1 !== 2/);
    expect(r.cases.find((c) => c.file === 'test/broken.test.js')!.message).toMatch(/Cannot find module/);
  });

  it('refuses a node report that was tampered with or cut short, and counts none of its results', () => {
    const good = fixture('node-101.jsonl');
    const lines = good.trim().split('\n');
    const refused = (text: string, runs?: number) => parseNodeReports({ 'node-1.jsonl': text }, runs);
    expect(refused(lines.slice(0, -1).join('\n')).problems).toEqual(['node-1.jsonl is incomplete: the runner stopped before it finished reporting']);
    // An appended result, however well-formed, is not signed by the runner.
    const forgedLine = JSON.stringify({ seq: lines.length, file: 'test/calc.test.js', name: 'forged', status: 'passed', sig: 'AAAA' });
    expect(refused(`${lines.slice(0, -1).join('\n')}\n${forgedLine}\n${lines.at(-1)}`).problems[0]).toMatch(/line \d+ is not signed by the runner/);
    // An edited one neither: a failure turned into a pass.
    const edited = refused(good.replace('"status":"failed","message":"Expected', '"status":"passed","message":"Expected'));
    expect(edited.problems[0]).toMatch(/is not signed by the runner/);
    expect(edited.cases).toEqual([]);
    // A line taken out breaks the numbering.
    expect(refused([...lines.slice(0, 2), ...lines.slice(3)].join('\n')).problems[0]).toMatch(/out of order/);
    expect(refused(`1503 passing\n${good}`).problems[0]).toMatch(/has no reporter header/);
    expect(parseNodeReports({}).problems[0]).toMatch(/wrote no report/);
    // A second, well-signed report where the test command starts one runner.
    expect(parseNodeReports({ 'node-1.jsonl': good, 'node-2.jsonl': good }, 1).problems[0]).toBe('there are 2 node:test reports but the test command starts 1 runner: something other than the runner wrote one');
  });

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

  it("mocha's JSON reporter, with a failing before-hook", () => {
    const r = parseMochaJson(fixture('mocha.json'));
    expect(brief(r)).toEqual(
      expect.arrayContaining(['test/calc.test.js > add: passed', 'test/calc.test.js > clamp broken: failed', 'test/calc.test.js > clamp skipped one: skipped', 'test/calc.test.js > clamp deeper leaf: passed']),
    );
    expect(r.cases.find((c) => /before all/.test(c.name))).toMatchObject({ status: 'failed', message: expect.stringMatching(/setup failed/) });
  });

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

  it('a missing report is a problem, not zero tests', () => {
    expect(parseRunReports('vitest', {}).problems[0]).toMatch(/vitest wrote no report/);
    expect(parseRunReports('junit', { 'notes.txt': 'x' }).problems[0]).toMatch(/no JUnit XML/);
  });
});

describe("Loom's node:test reporter, run by node itself", () => {
  const dir = mkdtempSync(join(tmpdir(), 'loom-reporter-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes one report per runner process and stays silent in a runner a test starts', () => {
    const project = join(dir, 'p');
    const reports = join(dir, 'r');
    mkdirSync(join(project, 'test'), { recursive: true });
    mkdirSync(reports);
    writeFileSync(join(project, 'package.json'), '{"type":"module"}');
    writeFileSync(join(project, 'inner.js'), "import { test } from 'node:test';\ntest('inner test', () => {});\n");
    writeFileSync(
      join(project, 'test', 'a.test.js'),
      "import { test } from 'node:test';\nimport { execFileSync } from 'node:child_process';\n" +
        "test('runs a nested runner', () => { execFileSync(process.execPath, ['--test', 'inner.js'], { stdio: 'ignore' }); });\n",
    );
    const reporter = join(import.meta.dirname, '..', '..', 'verify', 'nodeTestReporter.mjs');
    const env: NodeJS.ProcessEnv = { ...process.env, LOOM_WORKSPACE: project, LOOM_REPORT_DIR: reports, NODE_OPTIONS: `--test-reporter=${reporter} --test-reporter-destination=/dev/null` };
    delete env.LOOM_NODE_REPORTER_PID;
    execFileSync(process.execPath, ['--test'], { cwd: project, env, stdio: 'ignore' });
    execFileSync(process.execPath, ['--test', 'test/a.test.js'], { cwd: project, env, stdio: 'ignore' });
    const files = Object.fromEntries(readdirSync(reports).map((f) => [f, readFileSync(join(reports, f), 'utf8')]));
    expect(Object.keys(files)).toHaveLength(2);
    const r = parseNodeReports(files);
    expect(r.problems).toEqual([]);
    expect(brief(r)).toEqual(['test/a.test.js > runs a nested runner: passed', 'test/a.test.js > runs a nested runner: passed']);
  });
});

describe('pytest and go test', () => {
  it("pytest's JUnit XML: the test's file, its name within the module, and a module that fails to import", () => {
    const r = parsePytestXml(fixture('pytest.xml'));
    expect(r.problems).toEqual([]);
    expect(brief(r)).toEqual(['tests/test_calc.py > test_add: passed', 'tests/test_calc.py > TestClamp > test_inside: passed', 'tests/test_calc.py > TestClamp > test_broken: failed', 'tests/test_calc.py > TestClamp > test_skipped: skipped']);
    expect(r.cases[2]!.message).toMatch(/assert 1 == 2/);
    const broken = parsePytestXml('<testsuites><testsuite name="pytest"><testcase classname="" name="tests.test_broken" file="tests/test_broken.py"><error message="collection failure">E   ModuleNotFoundError: No module named \'nonexistent\'</error></testcase></testsuite></testsuites>');
    expect(brief(broken)).toEqual(['tests/test_broken.py > (file): failed']);
    expect(broken.cases[0]!.message).toMatch(/No module named 'nonexistent'/);
  });

  it("go test's -json stream: package folders, subtests, skips, failure messages and a package that does not build", () => {
    const r = parseGoJson(fixture('go.jsonl'), 'example.com/shapes');
    expect(r.problems).toEqual([]);
    expect(brief(r).sort()).toEqual(
      ['. > TestArea: passed', '. > TestTable: failed', '. > TestTable > square: passed', '. > TestTable > wide: failed', '. > TestLater: skipped', 'calc > TestAdd: passed', 'broken > (file): failed'].sort(),
    );
    expect(r.cases.find((c) => c.name === 'TestTable > wide')!.message).toMatch(/got 4, want 5/);
    expect(r.cases.find((c) => c.file === 'broken')!.message).toMatch(/cannot use "no" \(untyped string constant\) as int value/);
  });

  it('refuses a go stream in which a test ends twice, and names tests its package does not declare', () => {
    const forged = `${fixture('go.jsonl')}{"Action":"pass","Package":"example.com/shapes","Test":"TestTable/wide"}\n{"Action":"pass","Package":"example.com/shapes","Test":"TestInvented"}\n`;
    const r = parseGoJson(forged, 'example.com/shapes');
    expect(r.problems).toEqual(['go test reported example.com/shapes TestTable/wide twice: something besides go test wrote to its report']);
    const files = new Map([['shapes_test.go', 'package shapes\n\nfunc TestArea(t *testing.T) {}\nfunc TestTable(t *testing.T) {}\nfunc TestLater(t *testing.T) {}\n'], ['calc/calc_test.go', 'func TestAdd(t *testing.T) {}']]);
    expect(goGhosts(r.cases, files)).toEqual(['. > TestInvented']);
    expect(goTestFilesIn('.', ['shapes_test.go', 'shapes.go', 'calc/calc_test.go'])).toEqual(['shapes_test.go']);
  });

  it('keeps the report folder to the one file pytest or go test writes', () => {
    const r = parseRunReports('pytest', { 'pytest.xml': fixture('pytest.xml'), 'extra.xml': '<testsuites/>' });
    expect(r.problems).toEqual(['the report folder holds files pytest did not write: extra.xml']);
    expect(parseRunReports('go', {}).problems[0]).toMatch(/^go wrote no report \(go\.jsonl is missing\)/);
  });
});
