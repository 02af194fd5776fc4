// cargo test, read from its own output and libtest's, redirected into a report file: cargo
// writes no machine-readable report on stable Rust.
import { stripAnsi } from '../verify/ansi';
import type { TestCase, TestStatus } from '../verify/testResults';
import { plainMessage, soleReport } from './reportFiles';
import { REPORT_DIR, type ParsedReport, type Runner } from './runner';
import { base } from './shellWords';

/**
 * cargo test's output (cargo's lines and libtest's, in the order they ran): each test binary
 * starts with cargo's "Running <source> (…)" or "Doc-tests <crate>", then libtest's
 * "running N tests", a line per test and its "test result" counts. A test is its target's
 * source file and its name; a doc-test is its source file and its item, without the line
 * number (which moves whenever code above it does). Every binary's lines must agree with
 * libtest's own count and result, so a test printing test lines of its own is caught.
 */
export function parseCargoOutput(text: string): ParsedReport {
  const cases: TestCase[] = [];
  const problems: string[] = [];
  const lines = stripAnsi(text).split(/\r?\n/);
  interface Section { file: string; doc: boolean; announced?: number; result?: { passed: number; failed: number; ignored: number }; cases: TestCase[] }
  const sections: Section[] = [];
  let current: Section | undefined;
  const messages = new Map<string, string[]>();
  const docLine = new Map<TestCase, { raw: string; line: number }>();
  let runnerTotal: number | undefined;
  let collecting: string[] | undefined;
  for (const line of lines) {
    if (collecting) {
      if (/^(?:---- .* stdout ----|failures:|test result: )/.test(line)) collecting = undefined;
      else {
        collecting.push(line);
        continue;
      }
    }
    const running = /^\s+Running (?:unittests |tests |benches )?(\S+)(?: \(|$)/.exec(line);
    const doc = /^\s+Doc-tests (\S+)/.exec(line);
    if (running || doc) {
      current = { file: running ? running[1]! : `(doc-tests ${doc![1]})`, doc: !!doc, cases: [] };
      sections.push(current);
      continue;
    }
    if (!current) continue;
    const announced = /^running (\d+) tests?$/.exec(line);
    if (announced) {
      if (current.announced !== undefined) problems.push(`${current.file}: libtest started twice: something other than libtest wrote a "running" line`);
      current.announced = Number(announced[1]);
      continue;
    }
    const t = /^test (.+?) \.\.\. (ok|FAILED|ignored(?:, .*)?)$/.exec(line);
    if (t) {
      let file = current.file;
      let name = t[1]!;
      const d = current.doc ? /^(.+?) - (.+?)(?: \(line (\d+)\))?(?: - compile(?: fail)?)?$/.exec(name) : null;
      if (d) [file, name] = [d[1]!, `doc: ${d[2]}`];
      const status: TestStatus = t[2] === 'ok' ? 'passed' : t[2] === 'FAILED' ? 'failed' : 'skipped';
      const c: TestCase = { file, name, status };
      current.cases.push(c);
      if (d) docLine.set(c, { raw: t[1]!, line: Number(d[3] ?? 0) });
      continue;
    }
    const stdout = /^---- (.+) stdout ----$/.exec(line);
    if (stdout) {
      collecting = [];
      messages.set(`${sections.indexOf(current)}\u0000${stdout[1]}`, collecting);
      continue;
    }
    const result = /^test result: (?:ok|FAILED)\. (\d+) passed; (\d+) failed; (\d+) ignored;/.exec(line);
    if (result) {
      if (current.result) problems.push(`${current.file}: libtest reported its result twice: something other than libtest wrote a "test result" line`);
      current.result = { passed: Number(result[1]), failed: Number(result[2]), ignored: Number(result[3]) };
    }
  }
  sections.forEach((s, i) => {
    const count = (st: TestStatus) => s.cases.filter((c) => c.status === st).length;
    if (!s.result) problems.push(`${s.file}: the test binary stopped before libtest reported its result (a test ended the process, or it crashed)`);
    else if (s.announced !== s.cases.length || s.result.passed !== count('passed') || s.result.failed !== count('failed') || s.result.ignored !== count('skipped')) {
      problems.push(`${s.file}: the output records ${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} ignored of ${s.cases.length}, but libtest announced ${s.announced ?? '?'} and counted ${s.result.passed}, ${s.result.failed}, ${s.result.ignored}: something other than libtest wrote test lines`);
    }
    for (const c of s.cases) {
      if (c.status !== 'failed') continue;
      const raw = messages.get(`${i}\u0000${docLine.get(c)?.raw ?? c.name}`);
      c.message = plainMessage(raw?.join('\n')) ?? 'failed';
    }
    // Doc-tests of one item share its name: numbered in the order they stand in the file
    // (libtest runs them in any order), the first without a number.
    const byLine = [...s.cases].sort((a, b) => (docLine.get(a)?.line ?? 0) - (docLine.get(b)?.line ?? 0));
    const seen = new Map<string, number>();
    for (const c of byLine) {
      const key = `${c.file}\u0000${c.name}`;
      const n = (seen.get(key) ?? 0) + 1;
      seen.set(key, n);
      if (n > 1) c.name = `${c.name} #${n}`;
    }
    cases.push(...s.cases);
  });
  if (sections.length && sections.every((s) => s.announced !== undefined)) runnerTotal = sections.reduce((n, s) => n + s.announced!, 0);
  if (!sections.length) {
    const errors = lines.filter((l) => /^error(?:\[E\d+\])?:/.test(l)).slice(0, 3);
    problems.push(errors.length ? `cargo test ran no test binary: ${errors.join('; ')}` : 'cargo test ran no test binary (nothing was compiled, or the output does not come from cargo)');
  }
  return { cases, problems, ...(runnerTotal !== undefined ? { runnerTotal } : {}) };
}

export const cargo: Runner = {
  name: 'cargo',
  label: 'cargo test',
  how: "cargo test's own output, cargo's and libtest's, into a report file (each test by its target's source file and name, doc-tests without their line numbers), checked against libtest's counts for each test binary",
  detect: (words) => base(words[0] ?? '') === 'cargo' && words[1] === 'test',
  appends: true,
  suggested: 'cargo test',
  report(found, ctx) {
    const words = found[found.length - 1]!.words;
    if (words.some((w) => w === '-q' || w === '--quiet')) return { refused: `\`${ctx.testCommand}\` runs cargo test quietly (${ctx.via}), which prints a dot for each test instead of its name; drop -q from the command` };
    // --no-fail-fast (every test binary runs) must come before a `--` the command already has; the test binaries' own flags after it.
    const args = words.includes('--') ? `> ${REPORT_DIR}/cargo.txt 2>&1` : `--no-fail-fast > ${REPORT_DIR}/cargo.txt 2>&1`;
    return { args, env: { LOOM_REPORT_DIR: REPORT_DIR, CARGO_NET_OFFLINE: 'true', CARGO_TERM_COLOR: 'never' }, ...(ctx.countable ? { runs: 1 } : {}) };
  },
  parse: (files) => soleReport('cargo', 'cargo.txt', files, parseCargoOutput),
  names: 'files',
};
