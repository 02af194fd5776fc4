// jest, read from its --json results file; vitest writes the same shape (runners/vitest.ts).
import { FILE_LEVEL, type TestCase, type TestStatus } from '../verify/testResults';
import { nodeCoverage } from './nodeCoverage';
import { oneReport, plainMessage, repoRelative } from './reportFiles';
import { REPORT_DIR, type ParsedReport, type Runner } from './runner';
import { base } from './shellWords';

interface JestLikeFile {
  name?: string;
  status?: string;
  message?: string;
  assertionResults?: Array<{ ancestorTitles?: string[]; title?: string; fullName?: string; status?: string; failureMessages?: string[] }>;
}

/** jest's --json results and vitest's JSON reporter, which writes the same shape. */
export function parseJestJson(text: string, workspace = '/workspace'): ParsedReport {
  let doc: { testResults?: JestLikeFile[]; numTotalTests?: number };
  try {
    doc = JSON.parse(text) as typeof doc;
  } catch {
    return { cases: [], problems: ['the JSON report is not valid JSON'] };
  }
  if (!Array.isArray(doc.testResults)) return { cases: [], problems: ['the JSON report has no testResults'] };
  const cases: TestCase[] = [];
  for (const f of doc.testResults) {
    const file = repoRelative(String(f.name ?? '(unknown)'), workspace);
    const results = f.assertionResults ?? [];
    for (const a of results) {
      const name = [...(a.ancestorTitles ?? []), a.title ?? a.fullName ?? '?'].join(' > ');
      const s = a.status ?? '';
      const status: TestStatus = s === 'passed' ? 'passed' : s === 'failed' ? 'failed' : s === 'todo' ? 'todo' : 'skipped';
      cases.push({ file, name, status, ...(status === 'failed' ? { message: plainMessage((a.failureMessages ?? []).join('\n')) } : {}) });
    }
    // A file that failed without a failing test (it did not load) fails as a file.
    if (f.status === 'failed' && !results.some((a) => a.status === 'failed')) cases.push({ file, name: FILE_LEVEL, status: 'failed', message: plainMessage(f.message) ?? 'the test file failed to run' });
    else if (!results.length) cases.push({ file, name: FILE_LEVEL, status: 'passed' });
  }
  return { cases, problems: [], ...(typeof doc.numTotalTests === 'number' ? { runnerTotal: doc.numTotalTests } : {}) };
}

export const jest: Runner = {
  name: 'jest',
  label: 'jest',
  how: "jest's JSON results (--json --outputFile)",
  detect: (words) => base(words[0] ?? '') === 'jest',
  appends: true,
  suggested: 'npx jest',
  runsAlone: true,
  valueOptions: new Set(['--config', '-c', '--selectProjects', '-t', '--testNamePattern', '--rootDir', '--roots', '--testPathIgnorePatterns', '--maxWorkers', '-w', '--shard', '--testEnvironment', '--setupFiles']),
  subcommands: new Set(),
  report: () => ({ args: `--json --outputFile=${REPORT_DIR}/jest.json`, env: { LOOM_REPORT_DIR: REPORT_DIR } }),
  parse: (files, ctx) => oneReport('jest', 'jest.json', files, (t) => parseJestJson(t, ctx.workspace)),
  names: 'files',
  coverage: nodeCoverage,
};
