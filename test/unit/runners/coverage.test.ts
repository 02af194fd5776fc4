import { describe, expect, it } from 'vitest';
import { go } from '../../../runners/go';
import { nodeCoverage } from '../../../runners/nodeCoverage';
import { pytest, traceCommand } from '../../../runners/pytest';
import { RUNNERS } from '../../../runners/registry';
import type { RunnerPlan } from '../../../runners/runner';

const plan = (direct?: string[]): RunnerPlan => ({ runner: 'pytest', via: 'test', how: 'test', env: {}, args: '', ...(direct ? { direct } : {}) });

describe('how a run of each runner records which code ran', () => {
  it('the runners whose tests run in Node record V8 coverage, pytest runs under trace, go writes a cover profile, the rest record none', () => {
    expect(Object.fromEntries(RUNNERS.map((r) => [r.name, r.coverage?.format ?? 'none']))).toEqual({ node: 'v8', vitest: 'v8', jest: 'v8', mocha: 'v8', ava: 'v8', tap: 'v8', uvu: 'v8', pytest: 'trace', unittest: 'none', go: 'profile', cargo: 'none', junit: 'none', 'exit-code': 'none' });
  });

  it("V8's: a mutant's run with NODE_V8_COVERAGE naming the folder, for the JavaScript Node runs as written", () => {
    expect(nodeCoverage.run('/tmp/c', plan())).toEqual({ asMutant: true, env: { NODE_V8_COVERAGE: '/tmp/c' } });
    expect(['a.js', 'a.mjs', 'a.cjs', 'a.ts', 'a.jsx'].filter((f) => nodeCoverage.covers(f))).toEqual(['a.js', 'a.mjs', 'a.cjs']);
  });

  it("pytest's: the command's own interpreter and arguments under the trace module, three times a mutant's time", () => {
    expect(traceCommand('/tmp/c', plan(['PYTHONPATH=src', '.venv/bin/python', '-m', 'pytest', '-q', 'tests dir']))).toBe("PYTHONPATH=src .venv/bin/python -m trace --count --missing --coverdir=/tmp/c --ignore-dir=/usr --module pytest -q 'tests dir' -o cache_dir=/tmp/c-pytest-cache");
    expect(traceCommand('/tmp/c', plan(['pytest', '-x']))).toBe('python3 -m trace --count --missing --coverdir=/tmp/c --ignore-dir=/usr --module pytest -x -o cache_dir=/tmp/c-pytest-cache');
    // With Loom's guard on the change's hooks in the plan, the traced run loads it too, untraced.
    expect(traceCommand('/tmp/c', { ...plan(['pytest']), args: '--junitxml=x -p loom_lab_hooks' })).toBe('python3 -m trace --count --missing --coverdir=/tmp/c --ignore-dir=/usr --ignore-dir=/loom/py --module pytest -p loom_lab_hooks -o cache_dir=/tmp/c-pytest-cache');
    // Not runnable alone (a `cd` before it), or no pytest word: no coverage.
    expect(pytest.coverage!.run('/tmp/c', plan())).toBeUndefined();
    expect(pytest.coverage!.run('/tmp/c', plan(['python3', 'run_tests.py']))).toBeUndefined();
    expect(pytest.coverage!.run('/tmp/c', plan(['pytest']))).toEqual({ command: expect.stringContaining('--module pytest'), env: {}, slower: 3 });
    expect(['m.py', 'm.pyw', 'm.pyi'].filter((f) => pytest.coverage!.covers(f))).toEqual(['m.py']);
  });

  it("go's: GOFLAGS adds a cover profile to the test command's own run, into a folder made first, twice a mutant's time", () => {
    expect(go.coverage!.run('/tmp/c', plan())).toEqual({ env: { GOFLAGS: '-cover -covermode=set -coverprofile=/tmp/c/cover.out' }, slower: 2, makeDir: true });
    expect(go.coverage!.record).toBe('cover.out');
    expect(['calc.go', 'calc_test.go', 'doc.md'].filter((f) => go.coverage!.covers(f))).toEqual(['calc.go']);
  });
});
