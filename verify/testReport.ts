export type TestRunner = 'vitest' | 'jest' | 'node' | 'mocha' | 'tap' | 'unknown';

export interface TestCounts {
  runner: TestRunner;
  passed: number;
  failed: number;
  skipped: number; // skipped + todo + pending
  total: number; // passed + failed + skipped
  assertions?: number;
}

const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g;

function lines(output: string): string[] {
  return output.replace(ANSI, '').split(/\r?\n|\r/);
}

function num(s: string | undefined): number {
  return s ? Number(s) : 0;
}

function counts(runner: TestRunner, passed: number, failed: number, skipped: number, assertions?: number): TestCounts {
  const c: TestCounts = { runner, passed, failed, skipped, total: passed + failed + skipped };
  if (assertions !== undefined) c.assertions = assertions;
  return c;
}

function sum(runner: TestRunner, parts: TestCounts[]): TestCounts | undefined {
  if (parts.length === 0) return undefined;
  const add = (k: 'passed' | 'failed' | 'skipped') => parts.reduce((n, p) => n + p[k], 0);
  // A partial assertion count would look like a drop in assertions, so only report it when every part has one.
  const assertions = parts.every((p) => p.assertions !== undefined)
    ? parts.reduce((n, p) => n + (p.assertions ?? 0), 0)
    : undefined;
  return counts(runner, add('passed'), add('failed'), add('skipped'), assertions);
}

/** "1 failed | 3 passed | 2 expected fail" or "1 failed, 3 passed, 6 total" -> { failed: 1, ... } */
function tally(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of text.matchAll(/(\d+) (expected fail|[a-z]+)/g)) out[m[2] ?? ''] = num(m[1]);
  return out;
}

export function parseVitest(output: string): TestCounts | undefined {
  const parts: TestCounts[] = [];
  let filesFailed = 0;
  for (const line of lines(output)) {
    const files = /^\s*Test Files\s{2,}(.*)$/.exec(line);
    if (files) {
      filesFailed = tally(files[1] ?? '').failed ?? 0;
      continue;
    }
    const tests = /^\s*Tests\s{2,}(no tests|.*\(\d+\))\s*$/.exec(line);
    if (tests) {
      const t = tally(tests[1] ?? '');
      const passed = (t.passed ?? 0) + (t['expected fail'] ?? 0);
      // A file that fails to load adds no failed test ("Tests  1 passed"), only a failed file.
      const failed = Math.max(t.failed ?? 0, filesFailed);
      parts.push(counts('vitest', passed, failed, (t.skipped ?? 0) + (t.todo ?? 0)));
      filesFailed = 0;
      continue;
    }
    // Unhandled errors fail the run even when every test passed.
    const errors = /^\s*(?:Type )?Errors\s{2,}(\d+) (?:errors?|failed)\b/.exec(line);
    const last = parts[parts.length - 1];
    if (errors && last) {
      last.failed += num(errors[1]);
      last.total += num(errors[1]);
    }
  }
  return sum('vitest', parts);
}

export function parseJest(output: string): TestCounts | undefined {
  const parts: TestCounts[] = [];
  let suitesFailed = 0;
  for (const line of lines(output)) {
    const suites = /^\s*Test Suites:\s+(.*)$/.exec(line);
    if (suites) {
      suitesFailed = tally(suites[1] ?? '').failed ?? 0;
      continue;
    }
    const tests = /^\s*Tests:\s+(.*\d+ total)\s*$/.exec(line);
    if (tests) {
      const t = tally(tests[1] ?? '');
      // A suite that fails to run ("Test suite failed to run") adds no failed test.
      const failed = Math.max(t.failed ?? 0, suitesFailed);
      parts.push(counts('jest', t.passed ?? 0, failed, (t.skipped ?? 0) + (t.todo ?? 0)));
      suitesFailed = 0;
    }
  }
  return sum('jest', parts);
}

export function parseNodeTest(output: string): TestCounts | undefined {
  const blocks: Array<{ spec: boolean; n: Record<string, number> }> = [];
  for (const line of lines(output)) {
    const m = /^([#ℹ]) (tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) ([\d.]+)\s*$/.exec(line);
    if (!m) continue;
    if (m[2] === 'tests') blocks.push({ spec: m[1] === 'ℹ', n: {} });
    const block = blocks[blocks.length - 1];
    if (block) block.n[m[2] ?? ''] = num(m[3]);
  }
  // tape and mocha's TAP reporter also print "# tests N"; only node adds cancelled/suites/duration_ms.
  const isNode = (b: { spec: boolean; n: Record<string, number> }) =>
    b.spec || ['cancelled', 'suites', 'duration_ms'].some((k) => k in b.n);
  const parts = blocks
    .filter(isNode)
    .map(({ n }) =>
      counts('node', n.pass ?? 0, (n.fail ?? 0) + (n.cancelled ?? 0), (n.skipped ?? 0) + (n.todo ?? 0)),
    );
  return sum('node', parts);
}

export function parseMocha(output: string): TestCounts | undefined {
  const parts: TestCounts[] = [];
  for (const line of lines(output)) {
    const passing = /^\s+(\d+) passing \(/.exec(line);
    if (passing) {
      parts.push(counts('mocha', num(passing[1]), 0, 0));
      continue;
    }
    const other = /^\s+(\d+) (failing|pending)\s*$/.exec(line);
    const last = parts[parts.length - 1];
    if (other && last) {
      last[other[2] === 'failing' ? 'failed' : 'skipped'] += num(other[1]);
      last.total += num(other[1]);
    }
  }
  return sum('mocha', parts);
}

export function parseTap(output: string): TestCounts | undefined {
  const all = lines(output);

  // node-tap (v12+) ends with "# { total: 6, pass: 3, fail: 1, todo: 1, skip: 1 }", counting assertions.
  const nodeTap = all
    .map((l) => /^# \{ (.*total: \d+.*) \}\s*$/.exec(l)?.[1])
    .filter((s): s is string => s !== undefined)
    .map((s) => {
      const n: Record<string, number> = {};
      for (const m of s.matchAll(/(\w+): (\d+)/g)) n[m[1] ?? ''] = num(m[2]);
      return counts('tap', n.pass ?? 0, n.fail ?? 0, (n.skip ?? 0) + (n.todo ?? 0), n.total ?? 0);
    });
  if (nodeTap.length) return sum('tap', nodeTap);

  let plan: number | undefined;
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  let summaryPass = 0;
  let summaryFail = 0;
  let hasSummary = false;
  let bailed = false;
  // Only top-level points: indented ones are subtests already rolled up into their parent's point.
  for (const line of all) {
    const point = /^(not )?ok\b(.*)$/.exec(line);
    if (point) {
      if (/(?<!\\)#\s*(skip|todo)/i.test(point[2] ?? '')) skipped++;
      else if (point[1]) failed++;
      else passed++;
      continue;
    }
    const p = /^1\.\.(\d+)/.exec(line);
    if (p) plan = (plan ?? 0) + num(p[1]);
    const s = /^# (pass|fail)\s+(\d+)\s*$/.exec(line);
    if (s) {
      hasSummary = true;
      if (s[1] === 'pass') summaryPass += num(s[2]);
      else summaryFail += num(s[2]);
    }
    if (/^Bail out!/.test(line)) bailed = true;
  }

  const points = passed + failed + skipped;
  if (points === 0) {
    if (!hasSummary) return undefined;
    return counts('tap', summaryPass, summaryFail, 0);
  }
  // Without a plan the stream may have been cut short, so its points prove nothing.
  if (plan === undefined) return undefined;
  // Planned tests that never reported (crash, bail out) count as failures.
  failed += Math.max(plan - points, bailed ? 1 : 0);
  return counts('tap', passed, failed, skipped);
}

/** Detects the runner from the output and parses its final summary. Returns undefined when no known summary is found. Must strip ANSI colour codes first. When output holds several summaries (e.g. npm workspaces), sum them. */
export function parseTestReport(output: string): TestCounts | undefined {
  const found = [parseVitest, parseJest, parseNodeTest, parseMocha]
    .map((parse) => parse(output))
    .filter((c): c is TestCounts => c !== undefined);
  // node's TAP output is also TAP, so generic TAP is only a fallback.
  if (found.length === 0) return parseTap(output);
  if (found.length === 1) return found[0];
  return sum('unknown', found);
}
