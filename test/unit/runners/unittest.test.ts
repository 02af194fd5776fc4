import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { planRunner } from '../../../runners/planRunner';
import { parseRunReports } from '../../../runners/readRun';
import { commandFor } from '../../../runners/runCommand';
import { parseUnittestJsonl } from '../../../runners/unittest';

const brief = (r: { cases: Array<{ file: string; name: string; status: string }> }) => r.cases.map((c) => `${c.file} > ${c.name}: ${c.status}`);
const hasPython = spawnSync('python3', ['--version']).status === 0;

describe('unittest: planned', () => {
  it('`python -m unittest` loads the recorder through PYTHONPATH, one report per unittest process', () => {
    const r = planRunner('python3 -m unittest discover -s tests', {});
    if ('refused' in r) throw new Error(r.refused);
    expect([r.plan.runner, r.plan.runs, r.plan.args, r.plan.direct]).toEqual(['unittest', 1, '', undefined]);
    expect(commandFor('python3 -m unittest discover -s tests', r.plan, '/tmp/r')).toEqual({ command: 'python3 -m unittest discover -s tests', env: { PYTHONPATH: '/loom/unittest', LOOM_REPORT_DIR: '/tmp/r' } });
    const npm = planRunner('npm test', { test: 'python -m unittest' });
    expect('plan' in npm && npm.plan.runner).toBe('unittest');
    const twice = planRunner('python3 -m unittest discover -s a && python3 -m unittest discover -s b', {});
    expect('plan' in twice && twice.plan.runs).toBe(2);
    const both = planRunner('python3 -m unittest && python3 -m pytest', {});
    expect('refused' in both && both.refused).toMatch(/several test runners \(unittest, pytest\)/);
  });
});

// What the recorder writes, as unittest's own run of tests/test_calc.py left it.
const RUN = [
  { type: 'start', file: '/workspace/tests/test_broken.py', name: '(file)' },
  { type: 'outcome', outcome: 'error', file: '/workspace/tests/test_broken.py', name: '(file)', message: "ImportError: Failed to import test module: tests.test_broken\nModuleNotFoundError: No module named 'nope'" },
  { type: 'outcome', outcome: 'error', file: '/workspace/tests/test_calc.py', name: 'Broken > setUpClass', fixture: 'setUpClass', message: 'RuntimeError: no db' },
  { type: 'start', file: '/workspace/tests/test_calc.py', name: 'TestCalc > test_add' },
  { type: 'outcome', outcome: 'success', file: '/workspace/tests/test_calc.py', name: 'TestCalc > test_add' },
  { type: 'start', file: '/workspace/tests/test_calc.py', name: 'TestCalc > test_sub' },
  { type: 'outcome', outcome: 'failure', subtest: '(i=2)', file: '/workspace/tests/test_calc.py', name: 'TestCalc > test_sub', message: 'AssertionError: 2 not less than 2' },
  { type: 'start', file: '/workspace/tests/test_calc.py', name: 'TestCalc > test_later' },
  { type: 'outcome', outcome: 'skip', file: '/workspace/tests/test_calc.py', name: 'TestCalc > test_later' },
  { type: 'totals', run: 4, failures: 1, errors: 2, skipped: 1, expectedFailures: 0, unexpectedSuccesses: 0 },
].map((l) => JSON.stringify(l)).join('\n');

describe('unittest: the report', () => {
  it('a test by its file and Class > method; a subtest failure fails its test; a broken module and class fixture fail by name', () => {
    const r = parseRunReports('unittest', { 'unittest-7.jsonl': RUN });
    expect(r.problems).toEqual([]);
    expect(brief(r)).toEqual(['tests/test_broken.py > (file): failed', 'tests/test_calc.py > Broken > setUpClass: failed', 'tests/test_calc.py > TestCalc > test_add: passed', 'tests/test_calc.py > TestCalc > test_sub: failed', 'tests/test_calc.py > TestCalc > test_later: skipped']);
    expect(r.cases.find((c) => c.name === 'TestCalc > test_sub')!.message).toBe('(i=2): AssertionError: 2 not less than 2');
    expect(r.cases[0]!.message).toMatch(/No module named 'nope'/);
  });

  it("refuses lines the recorder did not write, a test unittest did not count, and a report cut short", () => {
    const forged = (extra: string) => parseUnittestJsonl(`${RUN}\n${extra}`).problems;
    expect(forged('not json')[0]).toMatch(/not JSON: something other than the recorder wrote it/);
    expect(forged('{"type":"totals","run":4,"failures":1,"errors":2,"skipped":1,"expectedFailures":0,"unexpectedSuccesses":0}')[0]).toMatch(/totals twice/);
    expect(forged('{"type":"outcome","outcome":"success","file":"/workspace/tests/test_calc.py","name":"TestCalc > test_deleted"}')[0]).toMatch(/result for TestCalc > test_deleted, which never started/);
    // A start and a pass written by a test: unittest counted one test fewer.
    const pair = parseUnittestJsonl(RUN.replace('{"type":"totals"', '{"type":"start","file":"/workspace/tests/test_calc.py","name":"TestCalc > test_x"}\n{"type":"outcome","outcome":"success","file":"/workspace/tests/test_calc.py","name":"TestCalc > test_x"}\n{"type":"totals"'));
    expect(pair.problems).toEqual(['the unittest report records run 5, but unittest counted run 4: something other than unittest reported a test']);
    const cut = parseUnittestJsonl(RUN.slice(0, RUN.indexOf('{"type":"outcome","outcome":"skip"')));
    expect(cut.problems[0]).toMatch(/unittest did not finish/);
    expect(cut.cases.at(-1)).toMatchObject({ name: 'TestCalc > test_later', status: 'failed', message: expect.stringMatching(/the run stopped inside this test/) });
  });

  it('holds one report per unittest process, and nothing else', () => {
    expect(parseRunReports('unittest', {}).problems[0]).toMatch(/unittest wrote no report \(Loom's recorder was not loaded/);
    expect(parseRunReports('unittest', { 'unittest-7.jsonl': RUN, 'unittest-8.jsonl': RUN }, '/workspace', 1).problems).toEqual(['there are 2 unittest reports but the test command starts 1 unittest run: something other than the runner wrote one']);
    expect(parseRunReports('unittest', { 'unittest-7.jsonl': RUN, 'x.txt': '' }).problems).toEqual(['the report folder holds files unittest did not write: x.txt']);
  });
});

describe.skipIf(!hasPython)("unittest, through Loom's recorder, run by python3 itself", () => {
  const dir = mkdtempSync(join(tmpdir(), 'loom-unittest-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // The recorder as verification containers have it: sitecustomize.py in a folder on PYTHONPATH.
  const recorder = join(dir, 'recorder');
  mkdirSync(recorder);
  copyFileSync(join(import.meta.dirname, '..', '..', '..', 'runners', 'unittestRecorder.py'), join(recorder, 'sitecustomize.py'));

  /** A project of these files, run with `python3 <args>` under the recorder: its parsed report and exit code. */
  function runUnittest(name: string, files: Record<string, string>, args: string[]) {
    const project = join(dir, name);
    const reports = join(dir, `${name}-reports`);
    mkdirSync(reports, { recursive: true });
    for (const [f, text] of Object.entries(files)) {
      mkdirSync(join(project, f, '..'), { recursive: true });
      writeFileSync(join(project, f), text);
    }
    const env: NodeJS.ProcessEnv = { ...process.env, LOOM_REPORT_DIR: reports, PYTHONPATH: recorder, PYTHONDONTWRITEBYTECODE: '1' };
    delete env.LOOM_UNITTEST_RECORDER_PID;
    const code = spawnSync('python3', args, { cwd: project, env, stdio: 'ignore', timeout: 60_000 }).status;
    const written = Object.fromEntries(readdirSync(reports).map((f) => [f, readFileSync(join(reports, f), 'utf8')]));
    return { code, written, ...parseRunReports('unittest', written, project, 1) };
  }

  const CALC = {
    'calc.py': 'def add(a, b):\n    return a + b\n',
    'tests/__init__.py': '',
    'tests/test_calc.py':
      'import subprocess, sys, unittest\nfrom calc import add\n\n\nclass TestCalc(unittest.TestCase):\n    def test_add(self):\n        self.assertEqual(add(2, 3), 6)\n\n    def test_ok(self):\n        self.assertTrue(True)\n\n' +
      '    @unittest.skip("later")\n    def test_later(self):\n        pass\n\n    @unittest.expectedFailure\n    def test_known_bug(self):\n        self.assertEqual(1, 2)\n\n' +
      '    def test_table(self):\n        for i in range(3):\n            with self.subTest(i=i):\n                self.assertLess(i, 2)\n\n' +
      "    def test_runs_unittest_itself(self):\n        subprocess.run([sys.executable, '-m', 'unittest', 'tests.inner'], capture_output=True, check=True)\n        unittest.TextTestRunner(stream=open('/dev/null', 'w')).run(unittest.TestSuite([TestCalc('test_ok')]))\n",
    'tests/inner.py': 'import unittest\n\n\nclass Inner(unittest.TestCase):\n    def test_inner(self):\n        pass\n',
    'tests/test_broken.py': 'import nonexistent_module\n',
  };

  it('names every test by its file and Class > method, with skips, an expected failure, subtests and a module that fails to import', () => {
    const r = runUnittest('calc', CALC, ['-m', 'unittest', 'discover', '-s', 'tests', '-t', '.']);
    expect(r.code).toBe(1);
    expect(r.problems).toEqual([]);
    expect(Object.keys(r.written)).toHaveLength(1);
    expect(brief(r)).toEqual([
      'tests/test_broken.py > (file): failed',
      'tests/test_calc.py > TestCalc > test_add: failed',
      'tests/test_calc.py > TestCalc > test_known_bug: skipped',
      'tests/test_calc.py > TestCalc > test_later: skipped',
      'tests/test_calc.py > TestCalc > test_ok: passed',
      'tests/test_calc.py > TestCalc > test_runs_unittest_itself: passed',
      'tests/test_calc.py > TestCalc > test_table: failed',
    ]);
    expect(r.cases.find((c) => c.name === 'TestCalc > test_add')!.message).toMatch(/^AssertionError: 5 != 6\n {2}File ".*tests\/test_calc\.py", line 7, in test_add/);
    expect(r.cases.find((c) => c.name === 'TestCalc > test_table')!.message).toMatch(/^\(i=2\): AssertionError: 2 not less than 2/);
    expect(r.cases[0]!.message).toMatch(/No module named 'nonexistent_module'/);
  });

  it('names tests alike whichever way unittest is given them', () => {
    const r = runUnittest('named', CALC, ['-m', 'unittest', 'tests.test_calc.TestCalc.test_ok', 'tests.inner']);
    expect(r.problems).toEqual([]);
    expect(brief(r)).toEqual(['tests/test_calc.py > TestCalc > test_ok: passed', 'tests/inner.py > Inner > test_inner: passed']);
  });

  it("a test that writes a result of its own into the report is caught by unittest's own totals", () => {
    const r = runUnittest('forge', {
      'test_forge.py':
        "import json, os, unittest\n\n\nclass F(unittest.TestCase):\n    def test_honest(self):\n        out = [f for f in os.listdir(os.environ['LOOM_REPORT_DIR'])][0]\n" +
        "        with open(os.path.join(os.environ['LOOM_REPORT_DIR'], out), 'a') as f:\n            for t in ('start', 'outcome'):\n                f.write(json.dumps({'type': t, 'outcome': 'success', 'file': __file__, 'name': 'F > test_deleted'}) + '\\n')\n",
    }, ['-m', 'unittest']);
    expect(r.problems.join('\n')).toMatch(/records run 2, but unittest counted run 1: something other than unittest reported a test/);
  });

  it('a test that ends the process leaves no totals, says so, and is named as the one that stopped', () => {
    const r = runUnittest('exit', { 'test_exit.py': 'import os, unittest\n\n\nclass E(unittest.TestCase):\n    def test_a(self):\n        pass\n\n    def test_b(self):\n        os._exit(0)\n' }, ['-m', 'unittest']);
    expect(r.code).toBe(0);
    expect(r.problems.join('\n')).toMatch(/unittest did not finish/);
    expect(brief(r)).toEqual(['test_exit.py > E > test_a: passed', 'test_exit.py > E > test_b: failed']);
  });

  it('stays silent in a Python process that is not `python -m unittest`', () => {
    const r = runUnittest('script', { 'run.py': 'import unittest\nunittest.main(module=None, argv=["x", "discover"], exit=False)\n', 'test_one.py': 'import unittest\n\n\nclass T(unittest.TestCase):\n    def test_one(self):\n        pass\n' }, ['run.py']);
    expect(r.written).toEqual({});
  });
});
