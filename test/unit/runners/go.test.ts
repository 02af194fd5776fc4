import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goGhosts, goTestFilesIn, parseGoJson } from '../../../runners/go';

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

});
