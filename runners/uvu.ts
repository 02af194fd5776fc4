// uvu, read through Loom's recorder module (uvuRecorder.mjs), loaded into its process
// through NODE_OPTIONS as node:test's reporter is: uvu has no reporter of its own.
import type { TestCase, TestStatus } from '../verify/testResults';
import { nodeCoverage } from './nodeCoverage';
import { plainMessage, repoRelative, soleReport } from './reportFiles';
import { REPORT_DIR, type ParsedReport, type Runner } from './runner';
import { base } from './shellWords';

/** Where the uvu recorder module sits in verification containers (root-owned, read-only to the tests). */
export const UVU_RECORDER_PATH = '/loom/uvu-recorder.mjs';

/**
 * uvu through Loom's recorder: a line per test (file, suite, name, result), then uvu's own
 * totals. The two must agree: a test recorded that uvu did not count, or the other way
 * round, means something other than uvu wrote. uvu names no skipped test, so a skipped
 * test is absent, and a base test turned into a skip is lost by name.
 */
export function parseUvuJsonl(text: string, workspace = '/workspace'): ParsedReport {
  const cases: TestCase[] = [];
  const problems: string[] = [];
  let totals: { total?: number; passed?: number } | undefined;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let rec: { type?: string; file?: string; suite?: string; name?: string; status?: string; message?: string; total?: number; passed?: number };
    try {
      rec = JSON.parse(line) as typeof rec;
    } catch {
      problems.push('the uvu report has a line that is not JSON: something other than the recorder wrote it');
      continue;
    }
    if (rec.type === 'unfollowed') {
      return { cases: [], problems: [`Loom's recorder could not follow this uvu (version ${String((rec as { version?: string }).version)}): it reads uvu 0.5, which keeps its queue and each test's name where the recorder sees them. Upgrade uvu to 0.5.6, its last release (\`npm install --save-dev uvu@0.5.6\`), or set "verification": { "report": "exit-code" } in loom.config.json`] };
    }
    if (rec.type === 'totals') {
      if (totals) problems.push("the uvu report holds uvu's totals twice: something other than the recorder wrote it");
      totals = rec;
    } else if (rec.type === 'test' && typeof rec.name === 'string' && typeof rec.file === 'string') {
      const status: TestStatus = rec.status === 'passed' ? 'passed' : 'failed';
      const message = rec.status === 'passed' ? undefined : rec.status === 'failed' ? plainMessage(rec.message) : 'uvu wrote no result for it: the run stopped inside this test';
      cases.push({ file: repoRelative(rec.file, workspace), name: rec.suite ? `${rec.suite} > ${rec.name}` : rec.name, status, ...(message ? { message } : {}) });
    }
  }
  if (!totals || totals.total === undefined || totals.passed === undefined) {
    problems.push('uvu did not finish: the report has no totals from uvu (did a test file stop the process, or the test command run uvu without the recorder Loom loads through NODE_OPTIONS?)');
  } else {
    const passed = cases.filter((c) => c.status === 'passed').length;
    if (totals.total !== cases.length || totals.passed !== passed) problems.push(`the uvu report records ${passed} passed of ${cases.length}, but uvu counted ${totals.passed} of ${totals.total}: something other than uvu reported a test`);
  }
  return { cases, problems };
}

export const uvu: Runner = {
  name: 'uvu',
  label: 'uvu',
  how: "uvu through Loom's recorder module (NODE_OPTIONS --import; uvu has no reporter): each test's file from uvu's queue, its name from the suite state uvu sets, its result from uvu's pass and fail marks, checked against uvu's own totals",
  detect: (words) => base(words[0] ?? '') === 'uvu',
  report(found, ctx) {
    const options = `--import=file://${UVU_RECORDER_PATH}`;
    return { env: { NODE_OPTIONS: options, npm_config_node_options: options, LOOM_REPORT_DIR: REPORT_DIR }, ...(ctx.countable && found.length === 1 ? { runs: 1 } : {}) };
  },
  recorder: { source: 'uvuRecorder.mjs', path: UVU_RECORDER_PATH },
  parse: (files, ctx) => soleReport('uvu', 'uvu.jsonl', files, (t) => parseUvuJsonl(t, ctx.workspace)),
  names: 'files',
  coverage: nodeCoverage,
};
