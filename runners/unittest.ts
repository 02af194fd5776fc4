// Python's unittest run by itself (`python -m unittest`, `python3 -m unittest discover -s
// tests`), read through Loom's recorder (unittestRecorder.py): unittest has no report file,
// so the recorder is the sitecustomize module of a folder on PYTHONPATH, as uvu's is loaded
// through NODE_OPTIONS. A test is the file of the module it was loaded from and its class and
// method, `TestCalc > test_add`, as pytest names a unittest-style test; a module that fails
// to import is a failed file-level case, which the recorder names (file) as Loom does. The recorder's lines must agree with unittest's own
// totals: a test recorded that unittest did not count means something else wrote the report.
import type { TestCase, TestStatus } from '../verify/testResults';
import { plainMessage, repoRelative } from './reportFiles';
import { REPORT_DIR, type ParsedReport, type Runner } from './runner';
import { pythonModule } from './shellWords';

/** The folder on PYTHONPATH that holds the recorder as sitecustomize.py (root-owned, read-only to the tests). */
export const UNITTEST_RECORDER_DIR = '/loom/unittest';

interface Line {
  type?: string;
  file?: string | null;
  name?: string;
  outcome?: string;
  subtest?: string;
  fixture?: string;
  message?: string;
}

type Totals = Record<'run' | 'failures' | 'errors' | 'skipped' | 'expectedFailures' | 'unexpectedSuccesses', number>;

/** What unittest's outcomes make of a test: a failing part fails it; an expected failure tests nothing, like a skip. */
function verdict(outcomes: Line[]): { status: TestStatus; message?: string } {
  const failed = outcomes.find((o) => o.outcome === 'failure' || o.outcome === 'error' || o.outcome === 'unexpectedSuccess');
  if (failed) {
    const said = failed.outcome === 'unexpectedSuccess' ? 'passed, but it is marked as an expected failure' : plainMessage(failed.message) ?? failed.outcome!;
    return { status: 'failed', message: failed.subtest ? `${failed.subtest}: ${said}` : said };
  }
  if (!outcomes.length) return { status: 'failed', message: 'unittest wrote no result for it: the run stopped inside this test' };
  return { status: outcomes.some((o) => o.outcome === 'success' && o.subtest === undefined) ? 'passed' : 'skipped' };
}

/** One `python -m unittest` process's report: its tests in the order they started, then unittest's totals. */
export function parseUnittestJsonl(text: string, workspace = '/workspace'): ParsedReport {
  const problems: string[] = [];
  const forged = (what: string) => problems.push(`the unittest report ${what}: something other than the recorder wrote it`);
  const tests: Array<{ file: string; name: string; outcomes: Line[]; fixture?: boolean }> = [];
  const started = new Map<string, (typeof tests)[number]>();
  let totals: Totals | undefined;
  for (const raw of text.split('\n')) {
    if (!raw.trim()) continue;
    let line: Line & Partial<Totals>;
    try {
      line = JSON.parse(raw) as typeof line;
    } catch {
      forged('has a line that is not JSON');
      continue;
    }
    const file = repoRelative(typeof line.file === 'string' ? line.file : '(unknown)', workspace);
    const key = `${file}\u0000${line.name}`;
    if (line.type === 'start' && typeof line.name === 'string') {
      const t = { file, name: line.name, outcomes: [] };
      tests.push(t);
      started.set(key, t);
    } else if (line.type === 'outcome' && typeof line.name === 'string' && typeof line.outcome === 'string') {
      // A class or module fixture that failed or skipped is reported without a test of its own.
      if (line.fixture !== undefined && ['error', 'failure', 'skip'].includes(line.outcome)) tests.push({ file, name: line.name, outcomes: [line], fixture: true });
      else if (started.has(key)) started.get(key)!.outcomes.push(line);
      else forged(`holds a result for ${line.name}, which never started`);
    } else if (line.type === 'totals') {
      if (totals) forged("holds unittest's totals twice");
      totals = line as Totals;
    } else if (line.type === 'error') problems.push(`Loom's unittest recorder failed: ${String(line.message)}`);
    else forged('has a line that is not a test event');
  }
  const cases: TestCase[] = tests.map((t) => {
    const { status, message } = verdict(t.outcomes);
    return { file: t.file, name: t.name, status, ...(message && status === 'failed' ? { message } : {}) };
  });
  if (!totals) {
    problems.push('unittest did not finish: the report has no totals from unittest (did a test end the process, or the test command run unittest without the recorder Loom puts on PYTHONPATH?)');
    return { cases, problems };
  }
  const outcomes = tests.flatMap((t) => t.outcomes);
  const count = (o: string) => outcomes.filter((x) => x.outcome === o).length;
  const ours: Totals = { run: tests.filter((t) => !t.fixture).length, failures: count('failure'), errors: count('error'), skipped: count('skip'), expectedFailures: count('expectedFailure'), unexpectedSuccesses: count('unexpectedSuccess') };
  const differ = (Object.keys(ours) as Array<keyof Totals>).filter((k) => ours[k] !== totals![k]);
  if (differ.length) {
    const show = (t: Partial<Totals>) => differ.map((k) => `${k} ${t[k]}`).join(', ');
    problems.push(`the unittest report records ${show(ours)}, but unittest counted ${show(totals)}: something other than unittest reported a test`);
  }
  return { cases, problems };
}

/** Every unittest process's report in the folder: one a process, no more than the command starts. */
export function parseUnittestReports(files: Record<string, string>, workspace = '/workspace', expectedRuns?: number): ParsedReport {
  const names = Object.keys(files).filter((f) => /^unittest-\d+\.jsonl$/.test(f)).sort();
  const others = Object.keys(files).filter((f) => !names.includes(f));
  if (!names.length) return { cases: [], problems: ["unittest wrote no report (Loom's recorder was not loaded: does the test command set PYTHONPATH itself, or run python with -I, -E or -S?)"] };
  const parts = names.map((n) => parseUnittestJsonl(files[n]!, workspace));
  const problems = parts.flatMap((p) => p.problems);
  if (expectedRuns !== undefined && names.length > expectedRuns) problems.push(`there are ${names.length} unittest reports but the test command starts ${expectedRuns} unittest run${expectedRuns === 1 ? '' : 's'}: something other than the runner wrote one`);
  if (others.length) problems.push(`the report folder holds files unittest did not write: ${others.slice(0, 5).join(', ')}`);
  return { cases: parts.flatMap((p) => p.cases), problems };
}

export const unittest: Runner = {
  name: 'unittest',
  label: 'unittest',
  how: "unittest through Loom's recorder (a sitecustomize module on PYTHONPATH; unittest has no report file): each test by the file of the module it was loaded from and its class and method, its result from unittest's own result object, checked against unittest's totals",
  detect: (words) => pythonModule(words) === 'unittest',
  // Each `python -m unittest` of the command writes a report of its own.
  report: (found, ctx) => ({ env: { PYTHONPATH: UNITTEST_RECORDER_DIR, LOOM_REPORT_DIR: REPORT_DIR }, ...(ctx.countable ? { runs: found.length } : {}) }),
  recorder: { source: 'unittestRecorder.py', path: `${UNITTEST_RECORDER_DIR}/sitecustomize.py` },
  parse: (files, ctx) => parseUnittestReports(files, ctx.workspace, ctx.expectedRuns),
  names: 'files',
};
