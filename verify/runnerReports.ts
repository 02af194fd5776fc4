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
        // The message attribute is a summary ("collection failure"), the text the detail: both, summary first.
        ...(failure.length ? { message: plainMessage(failure.map((f) => (typeof f === 'object' && f ? [(f as XmlNode).message, (f as XmlNode)['#text']].filter((x) => typeof x === 'string' && x).join('\n') : String(f))).join('\n')) ?? 'failed' } : {}),
      });
    }
    for (const child of suitesOf(suite)) walk(child, file);
  };
  const top = suitesOf(root);
  if (!top.length && !(root.testcase as unknown[] | undefined)?.length) return { cases, problems: ['a JUnit report holds no testsuite'] };
  walk(root);
  return { cases, problems: [] };
}

/**
 * pytest's JUnit XML (xunit1 family): a test is its file and its name within the module,
 * `TestCalc > test_add` for a method, `test_add[2-3]` for a parametrized case. A module
 * that fails to import is a failed file-level case.
 */
export function parsePytestXml(content: string, workspace = '/workspace'): ParsedReport {
  const parsed = parseJunitXml(content, workspace);
  const cases = parsed.cases.map((c) => {
    const module = c.file.replace(/\.py$/, '').replace(/\//g, '.');
    // A collection error names the module in place of a test, with no class.
    if (c.name === module) return { ...c, name: FILE_LEVEL };
    if (c.name.startsWith(`${module} > `)) return { ...c, name: c.name.slice(module.length + 3) };
    if (c.name.startsWith(`${module}.`)) return { ...c, name: c.name.slice(module.length + 1).split('.').join(' > ') };
    return c;
  });
  return { cases, problems: parsed.problems };
}

interface GoEvent {
  Action?: string;
  Package?: string;
  /** build-output events name the package being built here, not in Package. */
  ImportPath?: string;
  Test?: string;
  Output?: string;
  FailedBuild?: string;
}

/**
 * go test's -json stream. A test is its package's folder in the repository (the module
 * path from go.mod taken off) and its name, subtests joined with " > ". A package that fails
 * to build, or fails outside any test, is a failed file-level case. Lines that are not
 * events (a package manager's banner) are skipped; a test with two outcomes means the
 * stream was written to by something besides go test.
 */
export function parseGoJson(content: string, modulePath?: string): ParsedReport {
  const folderOf = (pkg: string) => (modulePath && pkg === modulePath ? '.' : modulePath && pkg.startsWith(`${modulePath}/`) ? pkg.slice(modulePath.length + 1) : pkg);
  const outcome = new Map<string, { file: string; name: string; status: TestStatus; output: string[] }>();
  const output = new Map<string, string[]>();
  const problems: string[] = [];
  const packageFailed = new Map<string, string[]>();
  const buildOutput = new Map<string, string[]>();
  for (const line of content.split('\n')) {
    if (!line.startsWith('{')) continue;
    let e: GoEvent;
    try {
      e = JSON.parse(line) as GoEvent;
    } catch {
      continue;
    }
    if (e.Action === 'build-output' && e.ImportPath && e.Output !== undefined) {
      buildOutput.set(e.ImportPath, [...(buildOutput.get(e.ImportPath) ?? []), e.Output]);
      continue;
    }
    if (!e.Package || !e.Action) continue;
    const key = `${e.Package}\u0000${e.Test ?? ''}`;
    if (e.Action === 'output' && e.Output !== undefined) {
      const lines = output.get(key) ?? [];
      output.set(key, lines.length < 200 ? [...lines, e.Output] : lines);
      continue;
    }
    if (!['pass', 'fail', 'skip'].includes(e.Action)) continue;
    const status: TestStatus = e.Action === 'pass' ? 'passed' : e.Action === 'fail' ? 'failed' : 'skipped';
    if (!e.Test) {
      if (status === 'failed') packageFailed.set(e.Package, (e.FailedBuild ? buildOutput.get(e.FailedBuild) : undefined) ?? output.get(key) ?? ['the package failed']);
      continue;
    }
    if (outcome.has(key)) {
      problems.push(`go test reported ${e.Package} ${e.Test} twice: something besides go test wrote to its report`);
      continue;
    }
    outcome.set(key, { file: folderOf(e.Package), name: e.Test.split('/').join(' > '), status, output: [] });
  }
  const cases: TestCase[] = [...outcome.entries()].map(([key, c]) => {
    const said = (output.get(key) ?? []).filter((l) => !/^(?:=== (?:RUN|PAUSE|CONT|NAME)|--- (?:PASS|FAIL|SKIP)):? /.test(l.trim()));
    return { file: c.file, name: c.name, status: c.status, ...(c.status === 'failed' ? { message: plainMessage(said.join('')) ?? 'failed' } : {}) };
  });
  for (const [pkg, lines] of packageFailed) {
    // A package whose tests all passed but which failed anyway (a build error, a panic in init, os.Exit).
    if (!cases.some((c) => c.file === folderOf(pkg) && c.status === 'failed')) cases.push({ file: folderOf(pkg), name: FILE_LEVEL, status: 'failed', message: plainMessage(lines.join('')) ?? 'the package failed' });
  }
  return { cases, problems };
}

/** A package folder's _test.go files (its own, not its subfolders'). */
export function goTestFilesIn(folder: string, paths: Iterable<string>): string[] {
  const prefix = folder === '.' ? '' : `${folder}/`;
  return [...paths].filter((p) => p.startsWith(prefix) && !p.slice(prefix.length).includes('/') && p.endsWith('_test.go'));
}

/**
 * Tests go test reported that the commit's code does not declare: a package folder with no
 * _test.go file, or a test whose function no _test.go file of its package defines. Such a
 * line was not written by go test alone.
 */
export function goGhosts(cases: TestCase[], testFiles: Map<string, string>): string[] {
  const out = new Set<string>();
  for (const c of cases) {
    if (c.name === FILE_LEVEL) continue;
    const top = c.name.split(' > ')[0]!;
    const declared = goTestFilesIn(c.file, testFiles.keys()).some((f) => new RegExp(`^func\\s+${top.replace(/[^\w]/g, '')}\\s*\\(`, 'm').test(testFiles.get(f)!));
    if (!declared) out.add(`${c.file} > ${top}`);
  }
  return [...out];
}

export const MAX_REPORT_BYTES = 64 * 1024 * 1024;

/** Reads whatever a run left in its report folder, by runner. */
export function parseRunReports(runner: string, files: Record<string, string>, workspace = '/workspace', expectedRuns?: number, goModule?: string): ParsedReport {
  // A runner that writes one report file writes nothing else there.
  const only = (name: string, parsed: ParsedReport): ParsedReport => {
    const others = Object.keys(files).filter((f) => f !== name);
    return others.length ? { ...parsed, problems: [...parsed.problems, `the report folder holds files ${runner} did not write: ${others.slice(0, 5).join(', ')}`] } : parsed;
  };
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
    case 'pytest':
      return only('pytest.xml', one('pytest.xml', parsePytestXml));
    case 'go':
      return only('go.jsonl', one('go.jsonl', (t) => parseGoJson(t, goModule)));
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
