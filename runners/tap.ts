// node-tap, read from the raw TAP stream its reporter writes into a report file.
import { stripAnsi } from '../verify/ansi';
import { FILE_LEVEL, type TestCase } from '../verify/testResults';
import { nodeCoverage } from './nodeCoverage';
import { plainMessage, repoRelative, soleReport } from './reportFiles';
import { REPORT_DIR, type ParsedReport, type Runner } from './runner';
import { base } from './shellWords';
import { readTap, tapFailure, tapStatus, type TapNode } from './tapStream';

/**
 * node-tap's raw TAP stream (--output-file), written by tap's main process. A test is a
 * subtest (t.test), named by its path within its file; the assertions of a file outside any
 * subtest are one test, `(top level)`. A skipped or todo subtest is a single point, like a
 * skipped assertion, and is counted as a test. Assertions are counted apart. Each test file's
 * own stdout is its TAP channel to the runner, so a test can print lines into its file's
 * part of the stream; tap then finds that file's count and plan disagree, and the file fails.
 */
export function parseTapStream(text: string): ParsedReport {
  const root = readTap(stripAnsi(text));
  const problems: string[] = [];
  if (!root.planned) problems.push('the tap report has no plan line: tap stopped before it finished reporting');
  const cases: TestCase[] = [];
  let assertions = 0;
  const firstFailure = (n: TapNode): string | undefined => {
    const a = n.asserts.find((x) => tapStatus(x) === 'failed');
    if (a) return tapFailure(a);
    for (const c of n.children) {
      const m = firstFailure(c);
      if (m) return m;
    }
    return n.errors[0];
  };
  const walk = (n: TapNode, file: string, path: string[]) => {
    for (const c of n.children) {
      const status = c.closing ? tapStatus(c.closing) : 'failed';
      cases.push({ file, name: [...path, c.name].join(' > '), status, ...(status === 'failed' ? { message: firstFailure(c) ?? (c.closing ? tapFailure(c.closing) : 'the subtest did not finish') } : {}) });
      walk(c, file, [...path, c.name]);
    }
    for (const a of n.asserts) {
      if (a.skip || a.todo) cases.push({ file, name: [...path, a.name].join(' > '), status: tapStatus(a) });
      else assertions++;
    }
  };
  for (const f of root.children) {
    const file = repoRelative(f.name);
    const before = cases.length;
    walk(f, file, []);
    const top = f.asserts.filter((a) => !a.skip && !a.todo);
    const failedTop = top.find((a) => !a.ok);
    if (top.length) cases.push({ file, name: '(top level)', status: failedTop ? 'failed' : 'passed', ...(failedTop ? { message: tapFailure(failedTop) } : {}) });
    const mine = cases.slice(before);
    // A file that failed beyond its tests: it crashed, exited non-zero, or its count and plan disagree.
    const fileFailed = (f.closing && !f.closing.ok && !f.closing.todo) || !f.closing;
    if (f.errors.length || (fileFailed && !mine.some((c) => c.status === 'failed'))) {
      const d = (f.closing?.diag ?? {}) as Record<string, unknown>;
      const why = [...new Set(f.errors)].join('; ') || (d.signal ? `killed by ${String(d.signal)}` : d.exitCode !== undefined ? `exited ${String(d.exitCode)}` : 'the test file failed');
      cases.push({ file, name: FILE_LEVEL, status: 'failed', message: plainMessage(why) ?? 'the test file failed' });
    } else if (!mine.length) cases.push({ file, name: FILE_LEVEL, status: 'passed' });
  }
  // Points outside any file's block are not tap's.
  if (root.asserts.length) problems.push(`the tap report holds results outside any test file (${root.asserts.slice(0, 3).map((a) => a.name).join('; ')}): something other than tap wrote to it`);
  if (root.errors.length) problems.push(`the tap report does not add up (${[...new Set(root.errors)].join('; ')}): something other than tap wrote to it`);
  return { cases, problems, assertions };
}

export const tap: Runner = {
  name: 'tap',
  label: 'tap',
  how: "tap's raw TAP stream (--reporter=tap --reporter-file, written by tap's main process), a test per subtest and assertions counted apart",
  detect: (words) => base(words[0] ?? '') === 'tap',
  appends: true,
  suggested: 'npx tap',
  runsAlone: true,
  valueOptions: new Set(['--reporter', '-R', '--reporter-file', '-f', '--reporter-arg', '-r', '--output-file', '-o', '--output-dir', '-d', '--timeout', '-t', '--jobs', '-j', '--grep', '-g', '--include', '-i', '--exclude', '-x', '--node-arg', '--plugin', '--before', '--after', '--coverage-map', '-M', '--coverage-report', '--test-env', '--test-arg', '--tsconfig', '--save', '-s', '--changed-since']),
  subcommands: new Set(['run']),
  // The raw stream as tap's reporter writes it, plan first (--output-file starts after the
  // plan), by tap's one main process.
  report: (_found, ctx) => ({ args: `--reporter=tap --reporter-file=${REPORT_DIR}/tap.tap`, env: { LOOM_REPORT_DIR: REPORT_DIR }, ...(ctx.countable ? { runs: 1 } : {}) }),
  parse: (files) => soleReport('tap', 'tap.tap', files, parseTapStream),
  names: 'files',
  coverage: nodeCoverage,
};
