// The machine-readable reports of each runner, read into per-test results. Nothing here
// looks at what the tests printed: a test can print anything, but it does not write the
// runner's report.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import { FILE_LEVEL, type TestCase, type TestStatus } from './testResults';

export interface ParsedReport {
  cases: TestCase[];
  problems: string[];
}

const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g;
/** A failure message as plain text: no colour codes, the first lines only. */
export function plainMessage(text: unknown): string | undefined {
  if (text === undefined || text === null) return undefined;
  const t = String(text).replace(ANSI, '').trim();
  if (!t) return undefined;
  const lines = t.split(/\r?\n/).filter((l) => !/^\s+at\s/.test(l)).slice(0, 8).join('\n');
  return lines.length > 1000 ? `${lines.slice(0, 999)}…` : lines;
}

/** A path as the repository names it: relative to the workspace the tests ran in. */
export function repoRelative(path: string, workspace = '/workspace'): string {
  const p = path.replace(/^file:\/\//, '');
  if (p === workspace) return '.';
  return p.startsWith(`${workspace}/`) ? p.slice(workspace.length + 1) : p.replace(/^\.\//, '');
}

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

interface JestLikeFile {
  name?: string;
  status?: string;
  message?: string;
  assertionResults?: Array<{ ancestorTitles?: string[]; title?: string; fullName?: string; status?: string; failureMessages?: string[] }>;
}

/** jest's --json results and vitest's JSON reporter, which writes the same shape. */
export function parseJestJson(text: string, workspace = '/workspace'): ParsedReport {
  let doc: { testResults?: JestLikeFile[] };
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
  return { cases, problems: [] };
}

interface MochaTest {
  title?: string;
  fullTitle?: string;
  file?: string;
  err?: { message?: string; stack?: string };
}

/** mocha's JSON reporter: tests, with pending and failures listed apart (hook failures appear only there). */
export function parseMochaJson(text: string, workspace = '/workspace'): ParsedReport {
  let doc: { tests?: MochaTest[]; pending?: MochaTest[]; failures?: MochaTest[] };
  try {
    doc = JSON.parse(text) as typeof doc;
  } catch {
    return { cases: [], problems: ['the mocha JSON report is not valid JSON'] };
  }
  if (!Array.isArray(doc.tests)) return { cases: [], problems: ['the mocha JSON report has no tests'] };
  const key = (t: MochaTest) => `${t.file ?? ''}\u0000${t.fullTitle ?? t.title ?? ''}`;
  const pending = new Set((doc.pending ?? []).map(key));
  const cases: TestCase[] = [];
  const seen = new Set<string>();
  for (const t of [...doc.tests, ...(doc.failures ?? [])]) {
    if (seen.has(key(t))) continue;
    seen.add(key(t));
    const failed = Boolean(t.err && (t.err.message || t.err.stack));
    const status: TestStatus = failed ? 'failed' : pending.has(key(t)) ? 'skipped' : 'passed';
    cases.push({ file: repoRelative(t.file ?? '(unknown)', workspace), name: t.fullTitle ?? t.title ?? '?', status, ...(failed ? { message: plainMessage(t.err?.message ?? t.err?.stack) } : {}) });
  }
  return { cases, problems: [] };
}

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase', 'failure', 'error', 'skipped'].includes(name), processEntities: true, htmlEntities: false });

type XmlNode = Record<string, unknown>;
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : v && typeof v === 'object' ? String((v as XmlNode)['#text'] ?? (v as XmlNode).message ?? '') : undefined);

/**
 * JUnit XML, the format most runners can write (surefire, gradle, pytest, go-junit-report,
 * jest-junit, mocha reporters). A test is its file (the testcase's or its suite's `file`
 * attribute, else its classname) and its name.
 */
export function parseJunitXml(content: string, workspace = '/workspace'): ParsedReport {
  let doc: XmlNode;
  try {
    doc = xml.parse(content) as XmlNode;
  } catch (err) {
    return { cases: [], problems: [`a JUnit report is not valid XML (${(err as Error).message.split('\n')[0]})`] };
  }
  const cases: TestCase[] = [];
  const suitesOf = (node: XmlNode): XmlNode[] => [...((node.testsuite as XmlNode[] | undefined) ?? [])];
  const root = (doc.testsuites as XmlNode | undefined) ?? doc;
  const walk = (suite: XmlNode, inheritedFile?: string) => {
    const file = typeof suite.file === 'string' ? suite.file : inheritedFile;
    for (const tc of (suite.testcase as XmlNode[] | undefined) ?? []) {
      const failure = [...((tc.failure as unknown[]) ?? []), ...((tc.error as unknown[]) ?? [])];
      const skipped = ((tc.skipped as unknown[]) ?? []).length > 0;
      const classname = typeof tc.classname === 'string' ? tc.classname : undefined;
      const where = typeof tc.file === 'string' ? tc.file : file;
      const name = String(tc.name ?? '?');
      const status: TestStatus = failure.length ? 'failed' : skipped ? 'skipped' : 'passed';
      cases.push({
        file: where ? repoRelative(where, workspace) : classname ?? String(suite.name ?? '(unknown)'),
        name: where && classname ? `${classname} > ${name}` : name,
        status,
        ...(failure.length ? { message: plainMessage(failure.map((f) => (typeof f === 'object' && f ? String((f as XmlNode).message ?? (f as XmlNode)['#text'] ?? '') : String(f))).join('\n')) ?? 'failed' } : {}),
      });
    }
    for (const child of suitesOf(suite)) walk(child, file);
  };
  const top = suitesOf(root);
  if (!top.length && !(root.testcase as unknown[] | undefined)?.length) return { cases, problems: ['a JUnit report holds no testsuite'] };
  walk(root);
  return { cases, problems: [] };
}

export const MAX_REPORT_BYTES = 64 * 1024 * 1024;

/** Reads whatever a run left in its report folder, by runner. */
export function parseRunReports(runner: string, files: Record<string, string>, workspace = '/workspace', expectedRuns?: number): ParsedReport {
  const one = (name: string, parse: (t: string, w: string) => ParsedReport): ParsedReport => {
    const content = files[name];
    return content === undefined ? { cases: [], problems: [`${runner} wrote no report (${name} is missing): the runner did not run to the end, or the test command dropped the flags Loom adds`] } : parse(content, workspace);
  };
  switch (runner) {
    case 'node':
      return parseNodeReports(files, expectedRuns);
    case 'vitest':
      return one('vitest.json', parseJestJson);
    case 'jest':
      return one('jest.json', parseJestJson);
    case 'mocha':
      return one('mocha.json', parseMochaJson);
    case 'junit': {
      const xmls = Object.keys(files).filter((f) => f.endsWith('.xml')).sort();
      if (!xmls.length) return { cases: [], problems: ['the test command wrote no JUnit XML into $LOOM_REPORT_DIR'] };
      const parts = xmls.map((f) => parseJunitXml(files[f]!, workspace));
      return { cases: parts.flatMap((p) => p.cases), problems: parts.flatMap((p) => p.problems) };
    }
    default:
      return { cases: [], problems: [] };
  }
}
