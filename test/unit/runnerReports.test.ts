import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { avaDisplayName, avaTestFiles, isAvaDefaultTestFile, parseAvaTap, placeAvaTests } from '../../runners/ava';
import { parseCargoOutput } from '../../runners/cargo';
import { goGhosts, goTestFilesIn, parseGoJson } from '../../runners/go';
import { parseJestJson } from '../../runners/jest';
import { parseJunitXml } from '../../runners/junit';
import { parseMochaJson } from '../../runners/mocha';
import { parseNodeReports } from '../../runners/node';
import { parsePytestXml } from '../../runners/pytest';
import { parseRunReports } from '../../runners/readRun';
import { parseTapStream } from '../../runners/tap';

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

  it("mocha's JSON: two tests of one file and title are both read, a failing one not hidden by its twin", () => {
    const t = (title: string, err?: string) => ({ title, fullTitle: `suite ${title}`, file: '/workspace/test/a.test.js', ...(err ? { err: { message: err } } : { err: {} }) });
    const doc = { stats: { tests: 4 }, tests: [t('x'), t('x', 'boom'), t('y'), t('z')], pending: [t('z')], failures: [t('x', 'boom'), t('"before all" hook', 'setup failed')] };
    const r = parseMochaJson(JSON.stringify(doc));
    expect(brief(r)).toEqual(['test/a.test.js > suite x: passed', 'test/a.test.js > suite x: failed', 'test/a.test.js > suite y: passed', 'test/a.test.js > suite z: skipped', 'test/a.test.js > suite "before all" hook: failed']);
    expect(r.runnerTotal).toBe(4);
  });

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

  /** A project of these files, run by node once per argument list with Loom's reporter: the reports it left, and each run's exit code. */
  function reportsOf(name: string, files: Record<string, string>, runs: string[][]): { files: Record<string, string>; codes: Array<number | null> } {
    const project = join(dir, name);
    const reports = join(dir, `${name}-reports`);
    mkdirSync(join(project, 'test'), { recursive: true });
    mkdirSync(reports);
    writeFileSync(join(project, 'package.json'), '{"type":"module"}');
    for (const [file, content] of Object.entries(files)) writeFileSync(join(project, file), content);
    const reporter = join(import.meta.dirname, '..', '..', 'runners', 'nodeTestReporter.mjs');
    const env: NodeJS.ProcessEnv = { ...process.env, LOOM_WORKSPACE: project, LOOM_REPORT_DIR: reports, NODE_OPTIONS: `--test-reporter=${reporter} --test-reporter-destination=/dev/null` };
    delete env.LOOM_NODE_REPORTER_PID;
    const codes = runs.map((args) => spawnSync(process.execPath, args, { cwd: project, env, stdio: 'ignore' }).status);
    return { files: Object.fromEntries(readdirSync(reports).map((f) => [f, readFileSync(join(reports, f), 'utf8')])), codes };
  }

  it('reports a failure whose error cannot be turned into text, and every test after it', () => {
    // A thrown object with no prototype, and an assertion on an instance with functions, which node's test
    // process hands back as an empty object with no prototype and no message.
    const { files } = reportsOf('q', {
      'test/a.test.js':
        "import { test } from 'node:test';\nimport assert from 'node:assert/strict';\nimport { EventEmitter } from 'node:events';\n" +
        "class Box extends EventEmitter {\n  constructor() {\n    super();\n    this.f = () => 1;\n  }\n}\n" +
        "test('throws an object without a prototype', () => { throw Object.assign(Object.create(null), { code: 7 }); });\n" +
        "test('compares an instance', () => { assert.equal(new Box(), 'box'); });\ntest('passes after them', () => {});\n",
    }, [['--test']]);
    const r = parseNodeReports(files);
    expect(r.problems).toEqual([]);
    expect(brief(r)).toEqual(['test/a.test.js > throws an object without a prototype: failed', 'test/a.test.js > compares an instance: failed', 'test/a.test.js > passes after them: passed']);
  });

  it('writes one report per runner process and stays silent in a runner a test starts', () => {
    const { files, codes } = reportsOf('p', {
      'inner.js': "import { test } from 'node:test';\ntest('inner test', () => {});\n",
      'test/a.test.js':
        "import { test } from 'node:test';\nimport { execFileSync } from 'node:child_process';\n" +
        "test('runs a nested runner', () => { execFileSync(process.execPath, ['--test', 'inner.js'], { stdio: 'ignore' }); });\n",
    }, [['--test'], ['--test', 'test/a.test.js']]);
    expect(codes).toEqual([0, 0]);
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

  it('character references in a report read as the characters they stand for: a pytest message shows its lines, not &#10;', () => {
    const r = parsePytestXml('<testsuites><testsuite name="pytest"><testcase classname="tests.test_a" name="test_x" file="tests/test_a.py"><failure message="assert 1 == 2&#10; +  where 1 = f()">def test_x():&#10;&gt;       assert f() == 2&#10;E       assert 1 == 2 &amp; &#x41;</failure></testcase></testsuite></testsuites>');
    expect(r.cases[0]!.message).toBe('assert 1 == 2\n +  where 1 = f()\ndef test_x():\n>       assert f() == 2\nE       assert 1 == 2 & A');
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

  it("names the go test that was running when go test's own timeout ended the package as failed", () => {
    const stream = [
      { Action: 'run', Package: 'example.com/m', Test: 'TestQuick' },
      { Action: 'pass', Package: 'example.com/m', Test: 'TestQuick' },
      { Action: 'run', Package: 'example.com/m', Test: 'TestLoops' },
      { Action: 'output', Package: 'example.com/m', Test: 'TestLoops', Output: 'panic: test timed out after 5s\n' },
      { Action: 'output', Package: 'example.com/m', Output: 'FAIL\texample.com/m\t5.01s\n' },
      { Action: 'fail', Package: 'example.com/m' },
    ].map((e) => JSON.stringify(e)).join('\n');
    const r = parseGoJson(stream, 'example.com/m');
    expect(brief(r).sort()).toEqual(['. > TestLoops: failed', '. > TestQuick: passed']);
    expect(r.cases.find((c) => c.name === 'TestLoops')!.message).toBe('timed out (go test -timeout)');
    // A package that passes leaves no test unfinished behind it.
    expect(brief(parseGoJson(stream.replace('"fail","Package":"example.com/m"}', '"pass","Package":"example.com/m"}'), 'example.com/m'))).toEqual(['. > TestQuick: passed']);
  });

  it('keeps the report folder to the one file pytest or go test writes', () => {
    const r = parseRunReports('pytest', { 'pytest.xml': fixture('pytest.xml'), 'extra.xml': '<testsuites/>' });
    expect(r.problems).toEqual(['the report folder holds files pytest did not write: extra.xml']);
    expect(parseRunReports('go', {}).problems[0]).toMatch(/^go wrote no report \(go\.jsonl is missing\)/);
  });
});

// TAP as ava 6 and tap 21 wrote it for a small project, cut down by hand.
const AVA_MULTI = `TAP version 13
ok 1 - sub \u203a more \u203a more \u203a nested title
ok 2 - calc \u203a skipped one # SKIP
not ok 3 - calc \u203a later # TODO
ok 4 - calc \u203a add
not ok 5 - calc \u203a broken
  ---
    name: AssertionError
    assertion: t.is()
    details:
      'Difference (- actual, + expected):': |-
        - 2
        + 3
    message: "\u001b[31msum is wrong\u001b[39m"
    at: >-
      ExecutionContext.is (file:///w/node_modules/ava/lib/assert.js:309:16)
  ...
not ok 6 - No tests found in test/empty.test.js

1..5
# tests 4
# pass 2
# skip 1
# fail 3
`;
const AVA_ONE = 'TAP version 13\nok 1 - add\nok 2 - subtract\n\n1..2\n# tests 2\n# pass 2\n# fail 0\n';
const AVA_FILES = ['test/calc.test.js', 'test/empty.test.js', 'test/sub/more.test.js'];

describe('ava', () => {
  it("reads ava's TAP: a test per point, skip and todo, the failure's first lines without colour codes", () => {
    const r = parseAvaTap(AVA_MULTI);
    expect(r.problems).toEqual([]);
    expect(brief(r)).toEqual([
      '(ava) > sub › more › more › nested title: passed',
      '(ava) > calc › skipped one: skipped',
      '(ava) > calc › later: todo',
      '(ava) > calc › add: passed',
      '(ava) > calc › broken: failed',
      '(ava) > No tests found in test/empty.test.js: failed',
    ]);
    expect(r.cases[4]!.message).toBe('sum is wrong\nt.is()\nDifference (- actual, + expected):\n- 2\n+ 3');
  });

  it('places each test in its file by the shortened path ava prefixes, and all in the one file when there is one', () => {
    const placed = placeAvaTests(parseAvaTap(AVA_MULTI).cases, AVA_FILES);
    expect(placed.problems).toEqual([]);
    expect(brief(placed)).toEqual([
      'test/sub/more.test.js > more › nested title: passed',
      'test/calc.test.js > skipped one: skipped',
      'test/calc.test.js > later: todo',
      'test/calc.test.js > add: passed',
      'test/calc.test.js > broken: failed',
      'test/empty.test.js > (file): failed',
    ]);
    expect(brief(placeAvaTests(parseAvaTap(AVA_ONE).cases, ['test/calc.test.js']))).toEqual(['test/calc.test.js > add: passed', 'test/calc.test.js > subtract: passed']);
    // Several candidate files but titles without a file: which one ran cannot be told.
    expect(placeAvaTests(parseAvaTap(AVA_ONE).cases, ['test/calc.test.js', 'test/other.test.js']).problems[0]).toMatch(/cannot tell which file each ava test is in \(add; subtract\)/);
    // Two files that shorten alike: refused, not guessed.
    expect(placeAvaTests(parseAvaTap(AVA_MULTI).cases, [...AVA_FILES, 'test/calc.spec.js']).problems[0]).toMatch(/cannot tell which file/);
    expect(avaDisplayName('test/__tests__/test-math.spec.mjs', 'test/', ['cjs', 'mjs', 'js'])).toBe('math');
  });

  it("finds ava's test files as its defaults or package.json say", () => {
    const tree = ['test/a.js', 'test/helpers/h.js', 'src/x.test.js', 'src/x.js', 'test.js', 'lib/_skip.test.js', 'node_modules/p/test/t.js', 'spec/a.spec.cjs', 'README.md'];
    expect(avaTestFiles(tree).files).toEqual(['test/a.js', 'src/x.test.js', 'test.js', 'spec/a.spec.cjs']);
    expect(avaTestFiles(tree, { ava: { files: ['src/**/*.test.js'] } }).files).toEqual(['src/x.test.js']);
    expect(isAvaDefaultTestFile('__tests__/__fixtures__/f.js')).toBe(false);
  });

  it('refuses points ava did not count: a forged pass, a second plan, a result after its counts', () => {
    const forgedPass = AVA_MULTI.replace('ok 4 - calc \u203a add', 'ok 4 - calc \u203a add\nok 5 - calc \u203a deleted').replace(/not ok 5 - calc › broken/, 'not ok 6 - calc › broken').replace('not ok 6 - No tests', 'not ok 7 - No tests');
    expect(parseAvaTap(forgedPass).problems).toEqual(['the ava report shows 3 passed and 1 skipped tests, but ava counted 2 and 1: something other than ava wrote to it']);
    expect(parseAvaTap(`${AVA_ONE}ok 3 - late\n`).problems[0]).toMatch(/results after ava's counts/);
    expect(parseAvaTap(`${AVA_ONE}${AVA_ONE}`).problems[0]).toMatch(/more than one plan/);
    expect(parseAvaTap('TAP version 13\nok 1 - add\n').problems[0]).toMatch(/ava stopped before it finished/);
    // npm's banner above the stream is not TAP and is passed over.
    expect(parseAvaTap(`\n> calc@1.0.0 test\n> ava --tap\n\n${AVA_ONE}`).problems).toEqual([]);
  });

  it('a direct run names the files it gave ava, and its report folder holds nothing else', () => {
    const r = parseRunReports('ava', { 'ava.tap': AVA_ONE, 'ava-files.txt': 'test/calc.test.js\n' });
    expect(brief(r)).toEqual(['test/calc.test.js > add: passed', 'test/calc.test.js > subtract: passed']);
    expect(parseRunReports('ava', { 'ava.tap': AVA_ONE, 'x.tap': AVA_ONE }).problems).toEqual(['the report folder holds files ava did not write: x.tap']);
  });
});

const TAP_RUN = `TAP version 14
1..3
# Subtest: test/calc.test.js
    # Subtest: add
        ok 1 - should be equal
        ok 2 - should be equal
        ok 3 - should be equal
        ok 4 - should be equivalent
        1..4
    ok 1 - add # time=3.671ms

    # Subtest: broken
        not ok 1 - sum is wrong
          ---
          compare: ===
          at:
            fileName: test/calc.test.js
            lineNumber: 3
          diff: |
            --- expected
            +++ actual
            @@ -1,1 +1,1 @@
            -3
            +2
          ...

        ok 2 - should be equal
        1..2
    not ok 2 - broken # time=10.022ms

    ok 3 - skipped one # SKIP
    ok 4 - later # TODO
    # Subtest: outer
        # Subtest: inner
            ok 1 - fine
            1..1
        ok 1 - inner # time=0.36ms

        1..1
    ok 5 - outer # time=1.043ms

    1..5
not ok 1 - test/calc.test.js # time=21.769ms
  ---
  exitCode: 1
  ...

# Subtest: test/flat.test.js
    ok 1 - should be equal
    ok 2 - top level
    1..2
ok 2 - test/flat.test.js # time=3.69ms

# Subtest: test/crash.test.js
    1..0
not ok 3 - test/crash.test.js # time=5ms
  ---
  exitCode: 1
  ...

1..3
# { total: 10, pass: 7, fail: 2, todo: 1, skip: 1 }
`;

describe('tap', () => {
  it('a test per subtest, however many assertions it makes; assertions counted apart', () => {
    const r = parseTapStream(TAP_RUN);
    expect(r.problems).toEqual([]);
    expect(brief(r)).toEqual([
      'test/calc.test.js > add: passed',
      'test/calc.test.js > broken: failed',
      'test/calc.test.js > outer: passed',
      'test/calc.test.js > outer > inner: passed',
      'test/calc.test.js > skipped one: skipped',
      'test/calc.test.js > later: todo',
      'test/flat.test.js > (top level): passed',
      'test/crash.test.js > (file): failed',
    ]);
    expect(r.assertions).toBe(9);
    expect(r.cases[1]!.message).toBe('sum is wrong\n--- expected\n+++ actual\n@@ -1,1 +1,1 @@\n-3\n+2');
    expect(r.cases.at(-1)!.message).toBe('exited 1');
  });

  it('a subtest a test printed into its file breaks that file\'s count, and the file fails', () => {
    const printed = TAP_RUN.replace('    ok 5 - outer # time=1.043ms\n', '    ok 5 - outer # time=1.043ms\n    # Subtest: deleted\n        ok 1 - x\n        1..1\n    ok 6 - deleted\n');
    const r = parseTapStream(printed);
    expect(r.cases.find((c) => c.file === 'test/calc.test.js' && c.name === '(file)')).toMatchObject({ status: 'failed', message: expect.stringMatching(/plan/) });
    expect(parseTapStream(TAP_RUN.slice(0, TAP_RUN.indexOf('# Subtest: test/flat'))).cases.length).toBeGreaterThan(0);
    expect(parseTapStream('# Subtest: test/a.js\n    ok 1 - x\n    1..1\nok 1 - test/a.js\n').problems[0]).toMatch(/no plan line/);
    expect(parseRunReports('tap', {}).problems[0]).toMatch(/^tap wrote no report \(tap\.tap is missing\)/);
  });
});

describe("uvu, through Loom's recorder, run by uvu itself", () => {
  const dir = mkdtempSync(join(tmpdir(), 'loom-uvu-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const recorder = join(import.meta.dirname, '..', '..', 'runners', 'uvuRecorder.mjs');
  const uvu = join(import.meta.dirname, '..', '..', 'node_modules', 'uvu', 'bin.js');

  /** Runs uvu on the given test files through the recorder, as a verification run does; returns the parsed report. */
  function runUvu(name: string, files: Record<string, string>, args: string[] = ['tests']) {
    const project = join(dir, name);
    const reports = join(dir, `${name}-reports`);
    mkdirSync(reports, { recursive: true });
    for (const [f, text] of Object.entries(files)) {
      mkdirSync(join(project, f, '..'), { recursive: true });
      writeFileSync(join(project, f), text);
    }
    writeFileSync(join(project, 'package.json'), '{"type":"module"}');
    // The tests import uvu from Loom's own node_modules.
    symlinkSync(join(import.meta.dirname, '..', '..', 'node_modules'), join(project, 'node_modules'));
    const env: NodeJS.ProcessEnv = { ...process.env, LOOM_REPORT_DIR: reports, NODE_OPTIONS: `--import=file://${recorder}` };
    try {
      execFileSync(process.execPath, [uvu, ...args], { cwd: project, env, stdio: 'ignore' });
    } catch {
      // failing tests exit 1
    }
    return parseRunReports('uvu', Object.fromEntries(readdirSync(reports).map((f) => [f, readFileSync(join(reports, f), 'utf8')])), project);
  }
  const imports = "import { test, suite } from 'uvu';\nimport * as assert from 'uvu/assert';\n";

  it('names every test by file, suite and title, with the failure, and a test of many assertions once', () => {
    const r = runUvu('plain', {
      'tests/calc.test.js':
        imports +
        "test('add', () => { assert.is(1 + 1, 2); assert.is(2 + 2, 4); assert.ok(true); });\ntest('broken', () => { assert.is(1 + 1, 3); });\ntest.skip('later', () => {});\ntest.run();\n" +
        "const math = suite('math');\nmath('mul', () => { assert.is(2 * 3, 6); });\nmath('div', () => { throw new Error('division by zero'); });\nmath.run();\n",
      'tests/other.test.js': imports + "test('add', () => { assert.ok(true); });\ntest.run();\n",
      'src/not-a-test.js': 'export const x = 1;\n',
    });
    expect(r.problems).toEqual([]);
    expect(brief(r)).toEqual(['tests/calc.test.js > add: passed', 'tests/calc.test.js > broken: failed', 'tests/calc.test.js > math > mul: passed', 'tests/calc.test.js > math > div: failed', 'tests/other.test.js > add: passed']);
    expect(r.cases.find((c) => c.name === 'broken')!.message).toMatch(/^Expected values to be strictly equal/);
    expect(r.cases.find((c) => c.name === 'math > div')!.message).toBe('division by zero');
  });

  it('files are named from the repository root when uvu is given a folder and a pattern', () => {
    const r = runUvu('folder', { 'spec/unit/a.js': imports + "test('one', () => {});\ntest.run();\n" }, ['spec', '.js$']);
    expect(r.problems).toEqual([]);
    expect(brief(r)).toEqual(['spec/unit/a.js > one: passed']);
  });

  it("a test that fabricates another in the recorder is caught by uvu's own totals", () => {
    const r = runUvu('forge', { 'tests/f.test.js': imports + "test('honest', () => {\n  ({}).__test__ = 'fabricated';\n  process.stdout.write('\\x1b[90m• \\x1b[39m');\n});\ntest.run();\n" });
    expect(r.problems.join('\n')).toMatch(/records 1 passed of 2, but uvu counted 1 of 1: something other than uvu reported a test/);
  });

  it('a file that stops the process leaves no totals, and says so', () => {
    const r = runUvu('exit', { 'tests/a.test.js': imports + "test('one', () => {});\ntest.run();\n", 'tests/b.test.js': imports + "test('exits', () => { process.exit(0); });\ntest.run();\n" });
    expect(r.problems.join('\n')).toMatch(/uvu did not finish/);
  });

  it('refuses lines the recorder did not write, a second set of totals, and other files', () => {
    const ok = '{"type":"test","file":"/workspace/t.js","suite":"","name":"a","status":"passed"}\n{"type":"totals","total":1,"passed":1}\n';
    expect(parseRunReports('uvu', { 'uvu.jsonl': ok }).problems).toEqual([]);
    expect(parseRunReports('uvu', { 'uvu.jsonl': `${ok}not json\n` }).problems[0]).toMatch(/not JSON/);
    expect(parseRunReports('uvu', { 'uvu.jsonl': `${ok}{"type":"totals","total":1,"passed":1}\n` }).problems[0]).toMatch(/totals twice/);
    expect(parseRunReports('uvu', { 'uvu.jsonl': ok, 'extra.txt': 'x' }).problems[0]).toMatch(/files uvu did not write: extra\.txt/);
    expect(parseRunReports('uvu', {}).problems[0]).toMatch(/uvu wrote no report/);
    // An uvu before 0.5 runs its tests where the recorder cannot see them begin: said, with the upgrade.
    expect(parseRunReports('uvu', { 'uvu.jsonl': '{"type":"totals","total":15,"passed":15}\n{"type":"unfollowed","version":"0.3.3"}\n' }).problems).toEqual([
      expect.stringMatching(/could not follow this uvu \(version 0\.3\.3\).*Upgrade uvu to 0\.5\.6, its last release \(`npm install --save-dev uvu@0\.5\.6`\)/),
    ]);
  });
});

describe('cargo test', () => {
  // As cargo 1.65 and its libtest print it, --no-fail-fast, stderr and stdout in one file.
  const RUN = `   Compiling rustcalc v0.1.0 (/workspace)
    Finished test [unoptimized + debuginfo] target(s) in 0.44s
     Running unittests src/lib.rs (target/debug/deps/rustcalc-42e7d12a2566cf78)

running 2 tests
test tests::later ... ignored
test tests::broken ... FAILED

failures:

---- tests::broken stdout ----
thread 'tests::broken' panicked at 'assertion failed: \`(left == right)\`
  left: \`5\`,
 right: \`6\`', src/lib.rs:30:9
note: run with \`RUST_BACKTRACE=1\` environment variable to display a backtrace


failures:
    tests::broken

test result: FAILED. 0 passed; 1 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.00s

error: test failed, to rerun pass \`--lib\`
     Running tests/calc.rs (target/debug/deps/calc-3402f3f3c8458a08)

running 2 tests
test test_add ... ok
test test_subtract ... ok

test result: ok. 2 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s

   Doc-tests rustcalc

running 2 tests
test src/lib.rs - double (line 19) ... ok
test src/lib.rs - double (line 15) ... ok

test result: ok. 2 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.19s

error: 1 target failed:
    \`--lib\`
`;

  it("names each test by its target's source file, doc-tests by item in file order without line numbers, with the failure", () => {
    const r = parseCargoOutput(RUN);
    expect(r.problems).toEqual([]);
    expect(r.runnerTotal).toBe(6);
    expect(brief(r)).toEqual(['src/lib.rs > tests::later: skipped', 'src/lib.rs > tests::broken: failed', 'tests/calc.rs > test_add: passed', 'tests/calc.rs > test_subtract: passed', 'src/lib.rs > doc: double #2: passed', 'src/lib.rs > doc: double: passed']);
    expect(r.cases.find((c) => c.name === 'tests::broken')!.message).toMatch(/^thread 'tests::broken' panicked at 'assertion failed: `\(left == right\)`\n {2}left: `5`/);
    // The same doc-tests after code above them moved: the same names.
    expect(brief(parseCargoOutput(RUN.replace('(line 19)', '(line 29)').replace('(line 15)', '(line 25)')))).toEqual(brief(r));
  });

  it('refuses test lines libtest did not count, a second result, and a binary that stopped before its result', () => {
    const forged = RUN.replace('test test_add ... ok\n', 'test test_add ... ok\ntest test_extra ... ok\n');
    expect(parseCargoOutput(forged).problems[0]).toMatch(/tests\/calc\.rs: the output records 3 passed, 0 failed, 0 ignored of 3, but libtest announced 2 and counted 2, 0, 0: something other than libtest wrote test lines/);
    const twice = RUN.replace('test result: ok. 2 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s', 'test result: ok. 2 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s\ntest result: ok. 3 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s');
    expect(parseCargoOutput(twice).problems[0]).toMatch(/reported its result twice/);
    const exited = '     Running tests/calc.rs (target/debug/deps/calc-1)\n\nrunning 2 tests\ntest test_add ... ok\n';
    expect(parseCargoOutput(exited).problems[0]).toMatch(/tests\/calc\.rs: the test binary stopped before libtest reported its result/);
  });

  it('a crate that does not build names the compiler errors', () => {
    const r = parseCargoOutput('   Compiling rustcalc v0.1.0 (/workspace)\nerror[E0308]: mismatched types\n --> src/lib.rs:5:5\nerror: could not compile `rustcalc` due to previous error\n');
    expect(r.problems).toEqual(['cargo test ran no test binary: error[E0308]: mismatched types; error: could not compile `rustcalc` due to previous error']);
  });
});
