import { describe, expect, it } from 'vitest';
import { countsRecord, differentialRecord, fitnessRecord, heldOutRecord, labRunRecord, labSessionRecord, labTestsRecord, mutationRecord, perturbedRecord, plantedRecord, surfaceRecord, setupRecord, survivorsCalledRecord, verificationFromBaseline } from '../../../generation/recordParts';
import { summarizeRun, type TestRun } from '../../../verify/testResults';
import type { MutationVerdict } from '../../../verify/mutationVerdict';

// Every entry is compared whole, with its keys in order: the record is compared as JSON, so a
// field dropped, renamed, reordered or left undefined where it was absent must fail here.
function exactly(actual: unknown, expected: object) {
  expect(actual).toStrictEqual(expected);
  expect(Object.keys(actual as object)).toEqual(Object.keys(expected));
}

const names = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

const run: TestRun = {
  runner: 'node', how: 'node:test', exitCode: 1, timedOut: false, problems: [], files: ['test/a.test.js'],
  cases: [[0, 'adds', 'passed'], [0, 'subtracts', 'failed', 'expected 1'], [0, 'later', 'skipped']],
  readsMs: 7,
};

const verdict: MutationVerdict = {
  violations: [{ rule: 'vacuous-test', detail: 'test/a.test.js > adds caught nothing' }, { rule: 'untested-change', detail: 'src/a.js:3' }],
  killed: 4, total: 6, vacuous: ['test/a.test.js > adds'], notMeasured: ['t > x'], changedLines: { caught: 2, total: 3 },
  untestedLines: names(60, 'src/a.js:'), uncaughtLines: names(55, 'src/b.js:'), unmeasuredLines: names(51, 'src/c.js:'), fitness: 0.67,
};

describe('the setup and the baseline in the record', () => {
  it("keeps the setup's snapshot without the step's own time", () => {
    const made = { image: 'loom-setup:abc', reused: true, paths: ['node_modules'], inputs: ['package-lock.json'], changed: ['x'], durationMs: 5 };
    exactly(setupRecord(made), { image: 'loom-setup:abc', reused: true, paths: ['node_modules'], inputs: ['package-lock.json'], changed: ['x'] });
  });

  it("keeps the base's counts and how its results are read", () => {
    exactly(countsRecord(run), { runner: 'node', passed: 1, failed: 1, skipped: 1, total: 3 });
    exactly(verificationFromBaseline(run), { runner: 'node', how: 'node:test', baseline: summarizeRun(run) });
  });

  it('says in exit-code mode what cannot be seen', () => {
    const blind = verificationFromBaseline({ ...run, runner: 'exit-code', how: 'the exit code alone' });
    expect(Object.keys(blind)).toEqual(['runner', 'how', 'baseline', 'blind']);
    expect(blind.blind).toHaveLength(3);
  });
});

describe('the Lab step in the record', () => {
  it('keeps the session without the conversation', () => {
    const spawned = { summary: 'done it', agentStop: 'done' as const, transcript: '/t.jsonl', truncatedReplies: 1, maskedResults: 2, largestPrompt: 3, labSha: 'x', turns: 9 };
    exactly(labSessionRecord(spawned), { summary: 'done it', stop: 'done', transcript: '/t.jsonl', truncatedReplies: 1, maskedResults: 2, largestPrompt: 3 });
  });
});

describe("the Lab's test run in the record", () => {
  it('gives the headline counts, the optional ones only where the runner gave them', () => {
    const s = summarizeRun(run);
    exactly(labTestsRecord(s, 'npm test'), { runner: 'node', passed: 1, failed: 1, skipped: 1, total: 3, exitCode: 1, timedOut: false, command: 'npm test' });
    const counted = summarizeRun({ ...run, runner: 'tap', assertions: 12, runnerTotal: 4, timedOut: true, exitCode: 124 });
    exactly(labTestsRecord(counted, 'tap'), { runner: 'tap', passed: 1, failed: 1, skipped: 1, total: 3, assertions: 12, runnerTotal: 4, countWarning: counted.countWarning, exitCode: 124, timedOut: true, command: 'tap' });
    expect(counted.countWarning).toBeTruthy();
  });

  it("names at most 50 of the tests the Lab added and lost, beside the run's summary", () => {
    const s = summarizeRun(run);
    exactly(labRunRecord(s, { added: names(60, 'a'), lost: ['gone'] }), { ...s, added: names(50, 'a'), lost: ['gone'] });
  });
});

describe('the held-out run in the record', () => {
  it("says which tree ran, what it restored and removed, and how the base's tests fared", () => {
    const changed = names(55, 'c').map((id) => ({ id, status: 'failed' as const }));
    exactly(heldOutRecord(run, { sameAsLab: false, sameAsBase: true, restored: ['a', 'b'], removed: ['c'] }, { stillPassing: 5, basePassed: 6, changed }), {
      ...summarizeRun(run), sameAsLab: false, sameAsBase: true, restored: 2, removed: 1, stillPassing: 5, basePassed: 6, changed: changed.slice(0, 50),
    });
  });

  it('counts the reads on each side and the trace time of every traced run', () => {
    exactly(surfaceRecord({ base: ['a', 'b', 'c'], heldOut: ['a'] }, 4, [run, undefined, { readsMs: 5 }, {}]), { baseRead: 3, heldOutRead: 1, entryPoints: 4, traceMs: 12 });
  });

  it('names at most 20 tests of each kind the other environment changed', () => {
    const perturbed = { run, description: 'TZ=Asia/Tokyo', differing: names(25, 'd'), durationMs: 321 };
    exactly(perturbedRecord(perturbed, { blamed: names(21, 'b'), environmental: ['e'] }), { environment: 'TZ=Asia/Tokyo', agreed: 1, differing: names(20, 'd'), blamed: names(20, 'b'), environmental: ['e'], durationMs: 321 });
  });

  it("names the functions called, every verdict's calls and at most 10 differences", () => {
    const targets = [{ file: 'src/a.js', name: 'add', inputs: [] }, { file: 'src/b.js', name: 'sub', inputs: [] }];
    exactly(differentialRecord(targets, [{ compared: 3, violations: names(6, 'd') }, { compared: 4, violations: names(6, 'r') }], 99), {
      functions: ['src/a.js: add', 'src/b.js: sub'], calls: 7, differences: [...names(6, 'd'), ...names(4, 'r')], durationMs: 99,
    });
  });

  it('counts the planted faults, and says why none was planted only when none was', () => {
    const outcomes = [{ fault: 'f1', caughtBy: ['t'] }, { fault: 'f2', caughtBy: [] }];
    exactly(plantedRecord({ outcomes, durationMs: 40 }, { caught: 1, uncaughtOnBoth: 1 }), { tried: 2, caught: 1, uncaughtOnBoth: 1, faults: ['f1', 'f2'], durationMs: 40 });
    exactly(plantedRecord({ outcomes: [], skipped: 'nothing mutable', durationMs: 1 }, { caught: 0, uncaughtOnBoth: 0 }), { tried: 0, caught: 0, uncaughtOnBoth: 0, skipped: 'nothing mutable', faults: [], durationMs: 1 });
  });
});

describe('the mutation step in the record', () => {
  const measured = { engine: 'stryker', generated: 8, measured: { control: { ok: true, detail: 'the control run passed' } }, durationMs: 1234 };

  it('keeps what ran and what it caught, at most 50 lines of each list', () => {
    exactly(mutationRecord(measured, verdict, ['s1']), {
      engine: 'stryker', skipped: undefined, generated: 8, ran: 6, killed: 4, changedLines: { caught: 2, total: 3 },
      untestedLines: names(50, 'src/a.js:'), uncaughtLines: names(50, 'src/b.js:'), unmeasuredLines: names(50, 'src/c.js:'),
      survivors: ['s1'], vacuous: ['test/a.test.js > adds'], notMeasured: ['t > x'], control: 'the control run passed', durationMs: 1234,
    });
    expect(mutationRecord({ ...measured, skipped: 'no mutable change' }, verdict, []).skipped).toBe('no mutable change');
  });

  it('counts the survivors called and names at most 10 that answered differently', () => {
    exactly(survivorsCalledRecord({ mutants: [{}, {}, {}], durationMs: 77 }, { compared: 30, violations: names(12, 'v') }), { mutants: 3, calls: 30, differing: names(10, 'v'), durationMs: 77 });
  });

  it("scores fitness by the mutants caught, or 0 with the tests added when none ran", () => {
    exactly(fitnessRecord(2, verdict), { score: 0.67, testsAdded: 2, mutantsKilled: 4, mutantsTotal: 6, penalties: ['vacuous-test: test/a.test.js > adds caught nothing', 'untested-change: src/a.js:3'] });
    exactly(fitnessRecord(3), { score: 0, testsAdded: 3, penalties: [] });
  });
});
