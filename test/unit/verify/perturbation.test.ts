import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { cleanBuildStep, describePerturbation, drawPerturbation, GO_NEWEST_DEFAULTS, judgePerturbed, newTests, perturbedDifferences, perturbedPrefix, PYTEST_OWN_WARNING_FILTERS } from '../../../verify/perturbation';
import { compactRun, type TestCase } from '../../../verify/testResults';

const run = (cases: TestCase[]) => compactRun({ runner: 'node', how: '', exitCode: 0, timedOut: false, problems: [] }, cases);
const pass = (name: string): TestCase => ({ file: 't.js', name, status: 'passed' });
const fail = (name: string, message = 'boom'): TestCase => ({ file: 't.js', name, status: 'failed', message });

describe('the perturbed run', () => {
  it('draws another working folder, host, zone and clock each time, never /workspace', () => {
    let n = 0;
    const p = drawPerturbation((k) => n++ % k);
    expect(p.workspace).not.toMatch(/workspace/);
    expect(p.workspace).toMatch(/^\/[a-z]+\/[a-z]+-[0-9a-f]{6}$/);
    expect(p.clockDays).toBeGreaterThanOrEqual(1000);
    expect(perturbedPrefix(p)).toMatch(/^unset CI CONTINUOUS_INTEGRATION .*export TZ='[^']+' .*FAKETIME="\+\d+d"/);
    // The runtime is told of a processor count that is not a power of two.
    expect([3, 5, 6, 7, 12]).toContain(p.processors);
    expect(perturbedPrefix(p)).toContain(` GOMAXPROCS=${p.processors} PYTHON_CPU_COUNT=${p.processors};`);
    expect(describePerturbation(p, true)).toContain(`, ${p.processors} processors, Go's newest defaults, `);
    // Go's changed defaults from the toolchain's own table: an old 1 turned off, an old 0 left to the current default.
    expect(perturbedPrefix(p)).toContain(GO_NEWEST_DEFAULTS);
    expect(GO_NEWEST_DEFAULTS).toContain(`print $1 "=" ($2 == "1" ? "0" : "")`);
    expect(describePerturbation(p, false)).toMatch(/clock unchanged \(no libfaketime in the Lab image\)/);
    // The Lab's new tests keep the clock: no libfaketime at all.
    expect(perturbedPrefix({ ...p, clockDays: 0 })).not.toMatch(/faketime/);
    expect(describePerturbation({ ...p, clockDays: 0 }, true)).toMatch(/, clock unchanged$/);
  });

  it("gives pytest Python's own warning filters, keeping the project's other options", () => {
    const p = drawPerturbation(() => 0);
    expect(perturbedPrefix(p)).toContain(PYTEST_OWN_WARNING_FILTERS);
    expect(describePerturbation(p, true)).toContain(", Python's own warning filters, ");
    const addopts = (before: string) => execFileSync('sh', ['-c', `${before} ${PYTEST_OWN_WARNING_FILTERS} printf %s "$PYTEST_ADDOPTS"`], { encoding: 'utf8' });
    expect(addopts('unset PYTEST_ADDOPTS;')).toBe('-p no:warnings');
    expect(addopts("export PYTEST_ADDOPTS='-x --tb=short';")).toBe('-x --tb=short -p no:warnings');
  });

  it('finds the tests that passed cleanly and did not pass, or did not run, perturbed', () => {
    expect(perturbedDifferences(run([pass('a'), pass('b'), pass('c')]), run([pass('a'), fail('b')]))).toEqual(['t.js > b', 't.js > c']);
  });

  it('blames the change only for tests the base passes in the same environment', () => {
    const r = { run: run([pass('a'), fail('b', 'Expected 8 to be 2'), fail('c')]), description: 'working folder /srv/x', differing: ['t.js > b', 't.js > c'], baseRun: run([pass('a'), pass('b'), fail('c')]), durationMs: 1 };
    const v = judgePerturbed(r);
    expect(v.blamed).toEqual(['t.js > b']);
    expect(v.environmental).toEqual(['t.js > c']);
    expect(v.violations[0]).toMatch(/1 of the base's tests pass in the held-out run but fail in another environment \(working folder \/srv\/x\), where the base's own code passes them: t\.js > b \(Expected 8 to be 2\)/);
    expect(judgePerturbed({ ...r, differing: [] }).violations).toEqual([]);
  });

  it("blames the Lab's new tests that fail only there, which the base cannot run, but not when the environment stopped the runner itself", () => {
    const baseline = run([pass('a'), pass('b')]);
    // The Lab's run: the base's two tests and three new ones, one of which fails in its own run.
    const lab = run([pass('a'), pass('b'), pass('day'), pass('split'), fail('broken')]);
    expect(newTests(lab, baseline)).toEqual({ ids: ['t.js > day', 't.js > split'], files: ['t.js'] });
    const r = { run: run([pass('a'), fail('day', 'DayOfYear(1704063600) = 1, want 365'), pass('split')]), description: 'time zone Asia/Kathmandu', differing: ['t.js > day'], newOnly: 2, durationMs: 1 };
    const v = judgePerturbed(r, baseline);
    expect(v.newBlamed).toEqual(['t.js > day']);
    expect(v.blamed).toEqual([]);
    expect(v.violations).toEqual([expect.stringMatching(/^1 of the Lab's new tests pass in its run but fail in another environment \(time zone Asia\/Kathmandu\): t\.js > day \(DayOfYear\(1704063600\) = 1, want 365\)/)]);
    // Nothing passed there at all: the environment broke the run, not the test, unless another run shows the runner works there.
    const broken = { ...r, run: run([fail('day'), fail('split')]), differing: ['t.js > day', 't.js > split'] };
    expect(judgePerturbed(broken, baseline).violations).toEqual([]);
    expect(judgePerturbed(broken, baseline).environmental).toEqual(['t.js > day', 't.js > split']);
    expect(judgePerturbed(broken, baseline, run([pass('a')])).newBlamed).toEqual(['t.js > day', 't.js > split']);
    // A new test that did not run there (its file could not load without the build the whole command makes) says nothing.
    expect(judgePerturbed({ ...r, run: run([pass('a'), pass('split')]) }, baseline).newBlamed).toEqual([]);
    // Without the base's run, no test is known to be new.
    expect(judgePerturbed(r).newBlamed).toEqual([]);
  });

  it("removes, before the run, the tracked files the base's own run rewrote, so a committed build output or stamp is made again from the source", () => {
    const p = drawPerturbation(() => 0, ['dist/.buildinfo.json', "dist/it's.js", '/etc/hosts', '../outside']);
    // Only paths inside the workspace, each quoted for the shell.
    expect(cleanBuildStep(p)).toBe("rm -f -- 'dist/.buildinfo.json' 'dist/it'\\''s.js'");
    expect(describePerturbation(p, true)).toMatch(/2 files the base's run rebuilds removed first \(dist\/\.buildinfo\.json, dist\/it's\.js\)$/);
    expect(cleanBuildStep(drawPerturbation(() => 0))).toBe('');
  });
});
