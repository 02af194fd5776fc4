// mocha, read from its JSON reporter's file.
import type { TestCase, TestStatus } from '../verify/testResults';
import { nodeCoverage } from './nodeCoverage';
import { oneReport, plainMessage, repoRelative } from './reportFiles';
import { REPORT_DIR, type ParsedReport, type Runner } from './runner';
import { base } from './shellWords';

interface MochaTest {
  title?: string;
  fullTitle?: string;
  file?: string;
  err?: { message?: string; stack?: string };
}

/** mocha's JSON reporter: tests, with pending and failures listed apart (hook failures appear only there). */
export function parseMochaJson(text: string, workspace = '/workspace'): ParsedReport {
  let doc: { tests?: MochaTest[]; pending?: MochaTest[]; failures?: MochaTest[]; stats?: { tests?: number } };
  try {
    doc = JSON.parse(text) as typeof doc;
  } catch {
    return { cases: [], problems: ['the mocha JSON report is not valid JSON'] };
  }
  if (!Array.isArray(doc.tests)) return { cases: [], problems: ['the mocha JSON report has no tests'] };
  const key = (t: MochaTest) => `${t.file ?? ''}\u0000${t.fullTitle ?? t.title ?? ''}`;
  // Two tests may share a file and a title: counted per entry, so neither hides the other.
  const tally = (list: MochaTest[] | undefined) => {
    const m = new Map<string, number>();
    for (const t of list ?? []) m.set(key(t), (m.get(key(t)) ?? 0) + 1);
    return m;
  };
  const pending = tally(doc.pending);
  const listed = tally(doc.tests);
  // A hook's failure is in failures only; a failing test is in both lists.
  const hookFailures = (doc.failures ?? []).filter((t) => {
    const n = listed.get(key(t)) ?? 0;
    if (n > 0) listed.set(key(t), n - 1);
    return n === 0;
  });
  const cases: TestCase[] = [];
  for (const t of [...doc.tests, ...hookFailures]) {
    const failed = Boolean(t.err && (t.err.message || t.err.stack));
    const skipped = !failed && (pending.get(key(t)) ?? 0) > 0;
    if (skipped) pending.set(key(t), pending.get(key(t))! - 1);
    const status: TestStatus = failed ? 'failed' : skipped ? 'skipped' : 'passed';
    cases.push({ file: repoRelative(t.file ?? '(unknown)', workspace), name: t.fullTitle ?? t.title ?? '?', status, ...(failed ? { message: plainMessage(t.err?.message ?? t.err?.stack) } : {}) });
  }
  return { cases, problems: [], ...(typeof doc.stats?.tests === 'number' ? { runnerTotal: doc.stats.tests } : {}) };
}

export const mocha: Runner = {
  name: 'mocha',
  label: 'mocha',
  how: "mocha's JSON reporter (--reporter=json)",
  detect: (words) => ['mocha', '_mocha'].includes(base(words[0] ?? '')),
  appends: true,
  suggested: 'npx mocha',
  runsAlone: true,
  valueOptions: new Set(['--config', '--require', '-r', '--grep', '-g', '--fgrep', '-f', '--ui', '-u', '--timeout', '-t', '--slow', '-s', '--extension', '--ignore', '--exclude', '--file', '--package', '--reporter', '-R', '--reporter-option', '-O', '--spec', '--jobs', '-j']),
  fileOptions: new Set(['--spec']),
  subcommands: new Set(),
  report: () => ({ args: `--reporter=json --reporter-option=output=${REPORT_DIR}/mocha.json`, env: { LOOM_REPORT_DIR: REPORT_DIR } }),
  parse: (files, ctx) => oneReport('mocha', 'mocha.json', files, (t) => parseMochaJson(t, ctx.workspace)),
  names: 'files',
  coverage: nodeCoverage,
};
