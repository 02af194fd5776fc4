import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseNodeReports } from '../../../runners/node';

// Reports written by the real runners on a small project (test/fixtures/reports), paths as
// they are inside a verification container (/workspace).
const fixture = (name: string) => readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'reports', name), 'utf8');
const brief = (r: { cases: Array<{ file: string; name: string; status: string }> }) => r.cases.map((c) => `${c.file} > ${c.name}: ${c.status}`);

describe('node:test reports', () => {
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
    for (const [file, content] of Object.entries(files)) {
      mkdirSync(dirname(join(project, file)), { recursive: true });
      writeFileSync(join(project, file), content);
    }
    const reporter = join(import.meta.dirname, '..', '..', '..', 'runners', 'nodeTestReporter.mjs');
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

  it("names a test a helper declares (a table helper's it()) by the describe that called the helper, whether or not the helper file also ran on its own", () => {
    const project = {
      'test/helpers/table.js': "import { it } from 'node:test';\nexport function eachRow(rows) {\n  for (const r of rows) it(r, () => {});\n}\n",
      'test/paginate.test.js': "import { describe, it } from 'node:test';\nimport { eachRow } from './helpers/table.js';\ndescribe('paginate', () => {\n  eachRow(['first', 'second']);\n  it('plain', () => {});\n});\n",
    };
    // Every file, the helper first (as `node --test` finds them), and then the test file alone (as a mutant's run names it).
    const all = brief(parseNodeReports(reportsOf('h1', project, [['--test']]).files));
    const alone = brief(parseNodeReports(reportsOf('h2', project, [['--test', 'test/paginate.test.js']]).files));
    // The helper run on its own has no test but its file-level one.
    expect(all).toEqual(['test/helpers/table.js > (file): passed', 'test/helpers/table.js > paginate > first: passed', 'test/helpers/table.js > paginate > second: passed', 'test/paginate.test.js > paginate > plain: passed']);
    expect(alone).toEqual(all.slice(1));
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
