// node:test, read through Loom's reporter module (nodeTestReporter.mjs), which NODE_OPTIONS
// loads into every node process of the run: npm sets NODE_OPTIONS from its node-options
// setting for scripts, so both say the same.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { TestCase, TestStatus } from '../verify/testResults';
import { nodeCoverage } from './nodeCoverage';
import { plainMessage } from './reportFiles';
import { REPORT_DIR, type ParsedReport, type Runner } from './runner';
import { base } from './shellWords';

/** Where the node:test reporter module sits in verification containers (root-owned, read-only to the tests). */
export const NODE_REPORTER_PATH = '/loom/node-reporter.mjs';

/**
 * node:test through Loom's reporter: one file per runner process, a header with the
 * process's public key, then numbered lines each signed with its private key, ending
 * with a signed count. A line that does not verify, a gap, a second end, or more files
 * than the test command starts runners, means something other than the runner wrote.
 */
export function parseNodeReports(files: Record<string, string>, expectedRuns?: number): ParsedReport {
  const cases: TestCase[] = [];
  const problems: string[] = [];
  const names = Object.keys(files).filter((f) => /^node-\d+\.jsonl$/.test(f)).sort();
  if (!names.length) return { cases, problems: ["node:test wrote no report (Loom's reporter was not loaded: does the test command replace NODE_OPTIONS, or run no `node --test`?)"] };
  if (expectedRuns !== undefined && names.length > expectedRuns) problems.push(`there are ${names.length} node:test reports but the test command starts ${expectedRuns} runner${expectedRuns === 1 ? '' : 's'}: something other than the runner wrote one`);
  const forged = (name: string, what: string) => problems.push(`${name} ${what}: the report was written to by something other than the runner`);
  for (const name of names) {
    const lines = files[name]!.split('\n').filter((l) => l.trim());
    let key: KeyObject | undefined;
    try {
      const head = JSON.parse(lines[0] ?? '') as { loom?: number; key?: string };
      if (head.loom === 1 && head.key) key = createPublicKey({ key: Buffer.from(head.key, 'base64'), format: 'der', type: 'spki' });
    } catch {
      // handled below
    }
    if (!key) {
      forged(name, 'has no reporter header');
      continue;
    }
    let ended = false;
    let seq = 0;
    let results = 0;
    const mine: TestCase[] = [];
    let broken = false;
    for (const [i, line] of lines.slice(1).entries()) {
      let e: Record<string, unknown>;
      try {
        e = JSON.parse(line) as Record<string, unknown>;
      } catch {
        forged(name, `line ${i + 2} is not JSON`);
        broken = true;
        break;
      }
      const { sig, ...signed } = e;
      const ok = typeof sig === 'string' && verify(null, Buffer.from(JSON.stringify(signed)), key, Buffer.from(sig, 'base64'));
      if (!ok || signed.seq !== seq + 1) {
        forged(name, ok ? `line ${i + 2} is out of order` : `line ${i + 2} is not signed by the runner`);
        broken = true;
        break;
      }
      seq++;
      if (ended) {
        forged(name, 'has results after its end');
        broken = true;
        break;
      }
      if (signed.end === true) {
        ended = true;
        if (signed.count !== results) forged(name, `ends with ${String(signed.count)} results but holds ${results}`);
        continue;
      }
      const status = signed.status as TestStatus;
      if (typeof signed.file !== 'string' || typeof signed.name !== 'string' || !['passed', 'failed', 'skipped', 'todo'].includes(status)) {
        forged(name, `line ${i + 2} is not a test result`);
        broken = true;
        break;
      }
      results++;
      mine.push({ file: signed.file, name: signed.name, status, ...(signed.message ? { message: plainMessage(signed.message) } : {}) });
    }
    if (!broken && !ended) problems.push(`${name} is incomplete: the runner stopped before it finished reporting`);
    // Results of a report that does not verify are not counted: they may be anyone's.
    if (!broken) cases.push(...mine);
  }
  return { cases, problems };
}

export const node: Runner = {
  name: 'node',
  label: 'node:test',
  how: "node:test, Loom's reporter module through NODE_OPTIONS",
  detect: (words) => base(words[0] ?? '') === 'node' && words.slice(1).some((w) => w === '--test' || w.startsWith('--test=')),
  runsAlone: true,
  valueOptions: new Set(['--import', '--require', '-r', '--loader', '--experimental-loader', '--test-name-pattern', '--test-skip-pattern', '--test-concurrency', '--test-timeout', '--env-file', '--conditions', '-C', '--test-shard']),
  report(found, ctx) {
    if (found.some((f) => f.words.some((w) => w.startsWith('--test-reporter')))) {
      return { refused: `\`${ctx.testCommand}\` sets its own --test-reporter (${ctx.via}), and node refuses the extra reporter Loom adds through NODE_OPTIONS; drop that flag from the script, or give a --test-command without it` };
    }
    const options = `--test-reporter=${NODE_REPORTER_PATH} --test-reporter-destination=/dev/null --test-reporter=spec --test-reporter-destination=stdout`;
    // Every `node --test` of the command writes a report of its own.
    return { env: { NODE_OPTIONS: options, npm_config_node_options: options, LOOM_REPORT_DIR: REPORT_DIR }, ...(ctx.countable ? { runs: found.length } : {}) };
  },
  recorder: { source: 'nodeTestReporter.mjs', path: NODE_REPORTER_PATH },
  parse: (files, ctx) => parseNodeReports(files, ctx.expectedRuns),
  names: 'files',
  coverage: nodeCoverage,
};
