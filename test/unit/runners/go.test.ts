import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goGhosts, goRunnableTests, goTestFilesIn, goUnrunTests, parseGoJson } from '../../../runners/go';
import type { CommitFiles } from '../../../runners/runner';

// Reports written by the real runners on a small project (test/fixtures/reports), paths as
// they are inside a verification container (/workspace).
const fixture = (name: string) => readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'reports', name), 'utf8');
const brief = (r: { cases: Array<{ file: string; name: string; status: string }> }) => r.cases.map((c) => `${c.file} > ${c.name}: ${c.status}`);

describe('go test', () => {
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


  describe('a test the change wrote that its run never ran', () => {
    const files = (tree: Record<string, string>): CommitFiles => ({ paths: async () => new Set(Object.keys(tree)), read: async (ps) => new Map(ps.filter((p) => p in tree).map((p) => [p, tree[p]!])) });
    const test = (name: string, body = 't.Log(1)') => `func ${name}(t *testing.T) {\n\t${body}\n}\n`;
    const ran = (names: string[]) => names.map((n) => ({ file: '.', name: n, status: 'passed' as const }));

    it('knows what go test runs: Test and Fuzz functions of the right kind, Examples with an output comment', () => {
      const names = [...goRunnableTests(`package calc\n${test('TestAdd')}${test('Testing')}func TestHelper(x int) {}\nfunc FuzzAdd(f *testing.F) {}\nfunc ExampleAdd() {\n\tfmt.Println(1)\n\t// Output: 1\n}\nfunc ExampleSub() {\n\tfmt.Println(1)\n}\nfunc ExampleBoard() {\n\t// Unordered output:\n\t// a\n}\n`).keys()];
      expect(names).toEqual(['TestAdd', 'FuzzAdd', 'ExampleAdd', 'ExampleBoard']);
    });

    it('fails in place a new test a file-name build constraint or a //go:build line keeps out of the run', async () => {
      const base = files({ 'go.mod': 'module x\n', 'calc_test.go': `package calc\n${test('TestAdd')}` });
      const lab = files({ 'go.mod': 'module x\n', 'calc_test.go': `package calc\n${test('TestAdd')}${test('TestSub')}`, 'interop_js_test.go': `package calc\n${test('TestExactButUnsafe')}`, 'slow_test.go': `//go:build slow\n\npackage calc\n${test('TestSlow')}` });
      const unrun = await goUnrunTests(ran(['TestAdd', 'TestSub']), lab, base, 'go test ./...');
      expect(unrun.map((c) => [c.file, c.name, c.status])).toEqual([
        ['.', 'TestExactButUnsafe', 'failed'],
        ['.', 'TestSlow', 'failed'],
      ]);
      expect(unrun[0]!.message).toBe('TestExactButUnsafe in interop_js_test.go never ran: its file name ends in _js_test.go, which builds it only for that GOOS or GOARCH. A test the change writes must run where it is judged');
      expect(unrun[1]!.message).toMatch(/its \/\/go:build line \(slow\) leaves it out of this run/);
    });

    it("leaves the base's own tests that do not run here, a command that picks its tests, and packages the run did not test", async () => {
      const windows = `package calc\n${test('TestWindowsPaths')}`;
      const base = files({ 'calc_test.go': `package calc\n${test('TestAdd')}`, 'paths_windows_test.go': windows });
      const lab = files({ 'calc_test.go': `package calc\n${test('TestAdd')}${test('TestSub')}`, 'paths_windows_test.go': windows, 'other/o_test.go': `package other\n${test('TestO')}` });
      expect(await goUnrunTests(ran(['TestAdd', 'TestSub']), lab, base, 'go test ./...')).toEqual([]);
      const altered = files({ 'calc_test.go': `package calc\n${test('TestAdd')}`, 'paths_windows_test.go': `package calc\n${test('TestWindowsPaths', 't.Log(2)')}` });
      expect((await goUnrunTests(ran(['TestAdd']), altered, base, 'go test ./...')).map((c) => c.name)).toEqual(['TestWindowsPaths']);
      expect(await goUnrunTests(ran(['TestAdd']), altered, base, "go test -run 'TestAdd' ./...")).toEqual([]);
    });
  });
});
