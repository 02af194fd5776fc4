import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseRunReports } from '../../../runners/readRun';

const brief = (r: { cases: Array<{ file: string; name: string; status: string }> }) => r.cases.map((c) => `${c.file} > ${c.name}: ${c.status}`);

describe("uvu, through Loom's recorder, run by uvu itself", () => {
  const dir = mkdtempSync(join(tmpdir(), 'loom-uvu-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const recorder = join(import.meta.dirname, '..', '..', '..', 'runners', 'uvuRecorder.mjs');
  const uvu = join(import.meta.dirname, '..', '..', '..', 'node_modules', 'uvu', 'bin.js');

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
    symlinkSync(join(import.meta.dirname, '..', '..', '..', 'node_modules'), join(project, 'node_modules'));
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
