// Per-test results, read from a runner's machine-readable report, and the rules that
// judge them. A test is its file plus its full name; nothing here reads a test's output.
// Pure and free of node: imports, so the workflow can judge without an activity.
import { globToRegExp } from './diffText';

export type TestStatus = 'passed' | 'failed' | 'skipped' | 'todo';

/** One test as a report names it: repository-relative file, full name (suites > test). */
export interface TestCase {
  file: string;
  name: string;
  status: TestStatus;
  /** First lines of the failure, plain text. */
  message?: string;
}

/**
 * One run of the test command, compact enough to travel through workflow history for
 * suites of thousands of tests: each case is [index into files, name, status, message?].
 */
export interface TestRun {
  /** The runner whose report was read, by its name in runners/registry.ts (node, pytest, junit…), or exit-code when none is. */
  runner: string;
  /** How Loom read it, for the record: "node:test, Loom's reporter through NODE_OPTIONS". */
  how: string;
  exitCode: number;
  timedOut: boolean;
  files: string[];
  cases: Array<[number, string, TestStatus, string?]>;
  /** What was wrong with the report itself (missing, unparseable, contradicting the exit code). */
  problems: string[];
  /** Assertions, for a runner that reports them apart from tests (tap): shown, never counted as tests. */
  assertions?: number;
  /** The runner's own closing count of tests, where its report states one: shown beside Loom's. */
  runnerTotal?: number;
  /** A run cut off at its time limit: the command lines still running then, tests first named there. */
  stillRunning?: string[];
  /** The commit's tracked files the run read, where it was traced (the baseline, the Lab's and the held-out run). */
  reads?: string[];
  /** What tracing the reads cost the run, in ms. */
  readsMs?: number;
  /** Tracked files the run wrote and then read: the command rebuilds what its tests read. */
  rebuilt?: string[];
  /** The baseline of a Python run: top-level modules its interpreter finds outside the workspace. */
  importable?: string[];
}

export interface TestCounts {
  passed: number;
  failed: number;
  skipped: number;
  total: number;
}

/** A file-level result: the file ran (or failed to load) without reporting any test. */
export const FILE_LEVEL = '(file)';

export const testId = (file: string, name: string): string => `${file} > ${name}`;

/**
 * A test that shares its file and full name with one reported before it is the same name's
 * next test, `name #2`, `name #3` in the order the runner reported them: each is judged and
 * counted, so one cannot fail or go missing behind the other.
 */
export function numberRepeats(cases: TestCase[]): TestCase[] {
  const seen = new Map<string, number>();
  return cases.map((c) => {
    if (c.name === FILE_LEVEL) return c;
    const id = testId(c.file, c.name);
    const n = (seen.get(id) ?? 0) + 1;
    seen.set(id, n);
    return n === 1 ? c : { ...c, name: `${c.name} #${n}` };
  });
}

export function compactRun(meta: Omit<TestRun, 'files' | 'cases'>, cases: TestCase[]): TestRun {
  const files: string[] = [];
  const index = new Map<string, number>();
  const out: TestRun['cases'] = [];
  for (const c of numberRepeats(cases)) {
    let i = index.get(c.file);
    if (i === undefined) {
      i = files.length;
      files.push(c.file);
      index.set(c.file, i);
    }
    out.push(c.message ? [i, c.name, c.status, c.message] : [i, c.name, c.status]);
  }
  return { ...meta, files, cases: out };
}

/** A failure that is a crash rather than an assertion's verdict: a Go panic, the runtime's or one the code raised. */
export const crashMessage = (message: string | undefined): boolean => !!message && /^\s*panic: /m.test(message);

export function casesOf(run: TestRun): TestCase[] {
  return run.cases.map(([i, name, status, message]) => ({ file: run.files[i] ?? '?', name, status, ...(message ? { message } : {}) }));
}

const RANK: Record<TestStatus, number> = { passed: 0, todo: 1, skipped: 2, failed: 3 };

/** Each test once; a file-level result reported twice keeps its worst status. */
export function caseMap(run: TestRun): Map<string, TestCase> {
  const m = new Map<string, TestCase>();
  for (const c of casesOf(run)) {
    const id = testId(c.file, c.name);
    const prev = m.get(id);
    if (!prev || RANK[c.status] > RANK[prev.status]) m.set(id, c);
  }
  return m;
}

export function countsOf(run: TestRun): TestCounts {
  const n = { passed: 0, failed: 0, skipped: 0, total: 0 };
  for (const c of caseMap(run).values()) {
    if (c.name === FILE_LEVEL && c.status === 'passed') continue; // a file with no tests is not a test
    n.total++;
    if (c.status === 'passed') n.passed++;
    else if (c.status === 'failed') n.failed++;
    else n.skipped++;
  }
  return n;
}

/** Whether the run has per-test results at all (exit-code mode has none). */
export const hasReport = (run: TestRun): boolean => run.runner !== 'exit-code';

/** What a run cut off at its limit says, naming what was still running then. */
export function timedOutText(run: Pick<TestRun, 'stillRunning'>): string {
  return `timed out${run.stillRunning?.length ? ` (still running at the limit: ${run.stillRunning.join(' | ')})` : ''}`;
}

/**
 * Problems of a run as evidence: the report must exist, name at least one test, and
 * agree with the exit code (a failing test and exit 0, or exit 1 and no failing test,
 * means one of the two is not telling the truth).
 */
export function reportProblems(run: TestRun): string[] {
  const out = [...run.problems];
  if (run.timedOut) return [...out, `the test command ${timedOutText(run)}`];
  // Without a report the exit code is all there is.
  if (!hasReport(run)) return run.exitCode === 0 ? out : [...out, `the test command exited ${run.exitCode}`];
  if (out.length) return out;
  const n = countsOf(run);
  if (n.total === 0) out.push(`the ${run.runner} report names no test`);
  if (run.exitCode === 0 && n.failed > 0) out.push(`the runner exited 0 but its report shows ${n.failed} failed test${n.failed === 1 ? '' : 's'}`);
  if (run.exitCode !== 0 && n.failed === 0) out.push(`the test command exited ${run.exitCode} but the ${run.runner} report shows no failed test: something outside the tests failed, or the report is incomplete`);
  return out;
}

/** Tests whose result may differ from the base, as declared in program.md. */
export interface TestChangeRule {
  /** A path or git-style glob of test files; every test in them may change. */
  file?: string;
  /** A full test name; with `file`, only that test of those files. */
  name?: string;
}

/** A path matches a git-style glob; a folder names everything under it. */
export function globMatch(glob: string, path: string): boolean {
  const g = glob.replace(/\/+$/, '');
  return globToRegExp(g).test(path) || path.startsWith(`${g}/`) || globToRegExp(`${g}/**`).test(path);
}

export function mayChange(rules: TestChangeRule[], c: Pick<TestCase, 'file' | 'name'>): boolean {
  return rules.some((r) => (r.file === undefined || globMatch(r.file, c.file)) && (r.name === undefined || r.name === c.name));
}

const show = (c: TestCase) => `${testId(c.file, c.name)}${c.message ? ` (${oneLine(c.message, 160)})` : ''}`;

function oneLine(s: string, max: number): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** At most `max` items, then how many more. */
export function listSome(items: string[], max = 8): string {
  return items.length <= max ? items.join('; ') : `${items.slice(0, max).join('; ')}; and ${items.length - max} more`;
}

/** Tests that passed on the base: the oracle every later run answers to. */
export function basePassed(base: TestRun): TestCase[] {
  return [...caseMap(base).values()].filter((c) => c.status === 'passed' && c.name !== FILE_LEVEL);
}

export interface LabRunJudgement {
  /** Rejection reasons, each naming tests. */
  violations: Array<{ rule: 'tests-failed' | 'tests-lost' | 'tests-skipped' | 'report'; detail: string }>;
  /** Tests the Lab added (passing in its run, absent on the base). */
  added: string[];
  lost: string[];
}

/**
 * The Lab's own tree: its tests must pass, and every test that passed on the base must
 * still be there and pass (by name), unless program.md declares it may change.
 */
/**
 * The Lab's run against the base's: nothing fails, nothing the base passed is lost or skipped.
 * A test is its file and name; a file git sees as renamed (`renamed`, old path to new) takes
 * its tests with it.
 */
export function judgeLabRun(base: TestRun, lab: TestRun, allowed: TestChangeRule[], renamed: Record<string, string> = {}): LabRunJudgement {
  const violations: LabRunJudgement['violations'] = [];
  const problems = reportProblems(lab);
  const labCases = caseMap(lab);
  const failed = [...labCases.values()].filter((c) => c.status === 'failed');
  if (failed.length) violations.push({ rule: 'tests-failed', detail: `${failed.length} failed: ${listSome(failed.map(show))}` });
  for (const p of problems) violations.push({ rule: 'report', detail: p });
  if (!hasReport(base) || !hasReport(lab)) return { violations, added: [], lost: [] };

  const lost: string[] = [];
  const skipped: string[] = [];
  for (const c of basePassed(base)) {
    if (mayChange(allowed, c)) continue;
    const moved = renamed[c.file];
    const now = labCases.get(testId(c.file, c.name)) ?? (moved ? labCases.get(testId(moved, c.name)) : undefined);
    if (!now) lost.push(testId(c.file, c.name));
    else if (now.status === 'skipped' || now.status === 'todo') skipped.push(testId(c.file, c.name));
  }
  if (lost.length) violations.push({ rule: 'tests-lost', detail: `${lost.length} test${lost.length === 1 ? '' : 's'} that passed on the base did not run: ${listSome(namedLosses(lost, base, lab))}` });
  if (skipped.length) violations.push({ rule: 'tests-skipped', detail: `${skipped.length} test${skipped.length === 1 ? '' : 's'} that passed on the base are now skipped: ${listSome(skipped)}` });
  const baseIds = new Set([...caseMap(base).values()].flatMap((c) => [testId(c.file, c.name), ...(renamed[c.file] ? [testId(renamed[c.file]!, c.name)] : [])]));
  const added = [...labCases.values()].filter((c) => c.status === 'passed' && c.name !== FILE_LEVEL && !baseIds.has(testId(c.file, c.name))).map((c) => testId(c.file, c.name));
  // A test the change adds that does not run (skipped, todo, expected to fail, perhaps by a hook of
  // the Lab's own: a conftest, a TestMain that forces short mode) checks nothing.
  const idle = [...labCases.values()].filter((c) => (c.status === 'skipped' || c.status === 'todo') && !baseIds.has(testId(c.file, c.name))).map((c) => testId(c.file, c.name));
  if (idle.length) violations.push({ rule: 'tests-skipped', detail: `the change adds ${idle.length} test${idle.length === 1 ? '' : 's'} that do${idle.length === 1 ? 'es' : ''} not pass in its own run (skipped, todo or expected to fail): ${listSome(idle)}; a test that does not run checks nothing: make it pass or leave it out` });
  return { violations, added, lost };
}

/** A subtest go named by its place among its unnamed siblings (`t.Run("", …)` gives #00, #01, …). */
const GO_INDEX = / > #\d{2,}$/;

/**
 * Lost tests as a person can find them. go numbers unnamed subtests in table order, so when
 * one table case goes, every later one moves up and the last number is what disappears:
 * those are said as how many of the test's unnamed cases are gone, not by a number.
 */
export function namedLosses(lost: string[], base: TestRun, lab: TestRun): string[] {
  if (base.runner !== 'go') return lost;
  const unnamed = (run: TestRun, parent: string) => casesOf(run).filter((c) => GO_INDEX.test(testId(c.file, c.name)) && testId(c.file, c.name).replace(GO_INDEX, '') === parent).length;
  const parents = new Map<string, number>();
  const out: string[] = [];
  for (const id of lost) {
    if (!GO_INDEX.test(id)) out.push(id);
    else parents.set(id.replace(GO_INDEX, ''), (parents.get(id.replace(GO_INDEX, '')) ?? 0) + 1);
  }
  for (const [parent, gone] of parents) {
    const had = unnamed(base, parent);
    out.push(`${parent}: ${gone} of its ${had} unnamed case${had === 1 ? '' : 's'} (go numbers them #00, #01, … in table order, so which one went cannot be named; ${unnamed(lab, parent)} ran)`);
  }
  return out;
}

export interface ChangedExpectation {
  id: string;
  /** What the base's test says now that it runs on the Lab's source. */
  status: TestStatus | 'missing';
  message?: string;
}

export interface HeldOutJudgement {
  violations: Array<{ rule: 'held-out-failed' | 'report'; detail: string }>;
  /** Base tests declared as changing whose result did change: shown to the reviewer. */
  changed: ChangedExpectation[];
  /** Base tests still passing, of those that passed on the base. */
  stillPassing: number;
  basePassed: number;
  /** Test files in the held-out report that the base never ran: Lab tests that reached the oracle. */
  foreignFiles: string[];
}

/**
 * The held-out run: the base's own tests, helpers, fixtures and configuration against the
 * Lab's source. Every test that passed on the base must pass here by name, except those
 * program.md declares may change.
 */
export function judgeHeldOut(base: TestRun, heldOut: TestRun, allowed: TestChangeRule[]): HeldOutJudgement {
  const violations: HeldOutJudgement['violations'] = [];
  const cases = caseMap(heldOut);
  const oracle = basePassed(base);
  const changed: ChangedExpectation[] = [];
  const broken: string[] = [];
  let stillPassing = 0;
  for (const c of oracle) {
    const id = testId(c.file, c.name);
    const now = cases.get(id);
    if (now?.status === 'passed') {
      stillPassing++;
      continue;
    }
    const entry: ChangedExpectation = { id, status: now?.status ?? 'missing', ...(now?.message ? { message: oneLine(now.message, 400) } : {}) };
    if (mayChange(allowed, c)) changed.push(entry);
    else broken.push(now ? show(now) : `${id} (did not run)`);
  }
  if (broken.length) violations.push({ rule: 'held-out-failed', detail: `${broken.length} of the base's ${oracle.length} passing tests fail against the Lab's source: ${listSome(broken)}` });
  // Failures beyond the oracle (a base test file that no longer loads) also count.
  const baseFiles = new Set(base.files);
  const otherFailures = [...cases.values()].filter((c) => c.status === 'failed' && baseFiles.has(c.file) && !oracle.some((o) => o.file === c.file && o.name === c.name) && !mayChange(allowed, c));
  if (otherFailures.length) violations.push({ rule: 'held-out-failed', detail: `base test files fail against the Lab's source: ${listSome(otherFailures.map(show))}` });
  for (const p of reportProblems(heldOut)) violations.push({ rule: 'report', detail: `held-out run: ${p}` });
  const foreignFiles = hasReport(base) ? [...new Set(casesOf(heldOut).map((c) => c.file))].filter((f) => !baseFiles.has(f)) : [];
  return { violations, changed, stillPassing, basePassed: oracle.length, foreignFiles };
}

/** One run's shape for the record: counts, and the failing tests by name. */
export interface RunSummary extends TestCounts {
  runner: string;
  how: string;
  exitCode: number;
  timedOut: boolean;
  failedTests: string[];
  problems: string[];
  assertions?: number;
  runnerTotal?: number;
  /** Loom's count and the runner's differ: said, never silent. */
  countWarning?: string;
}

export function summarizeRun(run: TestRun, maxFailed = 20): RunSummary {
  const failed = [...caseMap(run).values()].filter((c) => c.status === 'failed');
  return {
    runner: run.runner,
    how: run.how,
    exitCode: run.exitCode,
    timedOut: run.timedOut,
    ...countsOf(run),
    failedTests: failed.slice(0, maxFailed).map(show),
    problems: reportProblems(run),
    ...(run.assertions !== undefined ? { assertions: run.assertions } : {}),
    ...(run.runnerTotal !== undefined ? { runnerTotal: run.runnerTotal } : {}),
    ...(countMismatch(run) ? { countWarning: countMismatch(run) } : {}),
  };
}

/**
 * Where Loom's count of a run's tests differs from the runner's own closing count, the
 * warning that says so. A file that failed to load is a test to Loom, not to the runner.
 */
export function countMismatch(run: TestRun): string | undefined {
  if (run.runnerTotal === undefined) return undefined;
  const tests = [...caseMap(run).values()].filter((c) => c.name !== FILE_LEVEL).length;
  return tests === run.runnerTotal ? undefined : `Loom read ${tests} test${tests === 1 ? '' : 's'} where ${run.runner} counted ${run.runnerTotal}`;
}
