// The machine-readable reports of each runner, read into per-test results. Nothing here
// looks at what the tests printed: a test can print anything, but it does not write the
// runner's report.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import { Parser as TapParser, type Result as TapResult } from 'tap-parser';
import { FILE_LEVEL, globMatch, type TestCase, type TestStatus } from './testResults';
import { stripAnsi } from './ansi';
import { AVA_FILES } from './runners';

export interface ParsedReport {
  cases: TestCase[];
  problems: string[];
  /** Assertions, where the runner reports them apart from tests (tap). */
  assertions?: number;
  /** The runner's own count of the tests it ran, where its report states one. */
  runnerTotal?: number;
}


/** A failure message as plain text: no colour codes, the first lines only. */
export function plainMessage(text: unknown): string | undefined {
  if (text === undefined || text === null) return undefined;
  const t = stripAnsi(String(text)).trim();
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

// htmlEntities also decodes character references (&#10;), which pytest writes for every line break.
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase', 'failure', 'error', 'skipped'].includes(name), processEntities: true, htmlEntities: true });

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
  // The writer's own count: the root's tests attribute, else its top suites' summed.
  const own = root !== doc ? Number(root.tests) : NaN;
  const summed = top.map((n) => Number(n.tests));
  // node:test's junit reporter states its count in a comment instead.
  const commented = /<!--\s*tests (\d+)\s*-->/.exec(content);
  const total = Number.isInteger(own) ? own : top.length && summed.every(Number.isInteger) ? summed.reduce((a, b) => a + b, 0) : commented ? Number(commented[1]) : undefined;
  return { cases, problems: [], ...(total !== undefined ? { runnerTotal: total } : {}) };
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
  return { ...parsed, cases };
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
  const started = new Map<string, { file: string; name: string }>();
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
    if (e.Action === 'run' && e.Test) started.set(key, { file: folderOf(e.Package), name: e.Test.split('/').join(' > ') });
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
  // A test that started and never ended in a package that failed was running when it failed
  // (go test's own timeout, which names it, or a panic that ended the binary): it failed.
  for (const [key, t] of started) {
    if (outcome.has(key) || !packageFailed.has(key.slice(0, key.indexOf('\u0000')))) continue;
    const said = (output.get(key) ?? []).join('');
    cases.push({ file: t.file, name: t.name, status: 'failed', message: /test timed out/.test(said) ? 'timed out (go test -timeout)' : plainMessage(said) ?? 'did not finish: the test binary ended' });
  }
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

/** A TAP stream as tap-parser (node-tap's own parser) reads it: each (sub)test with its assertions and closing point. */
interface TapNode {
  name: string;
  children: TapNode[];
  asserts: TapResult[];
  /** The parent's test point that closes this subtest. */
  closing?: TapResult;
  /** What the parser found wrong with this level (a count that does not match the plan, a missing plan). */
  errors: string[];
  planned: boolean;
}

function readTap(text: string): TapNode {
  const root: TapNode = { name: '', children: [], asserts: [], errors: [], planned: false };
  const attach = (parser: TapParser, node: TapNode) => {
    parser.on('child', (child: TapParser) => {
      const c: TapNode = { name: child.name, children: [], asserts: [], errors: [], planned: false };
      node.children.push(c);
      attach(child, c);
    });
    parser.on('assert', (a: TapResult) => {
      // A closing point follows its subtest's block: it belongs to the last subtest still open.
      const open = a.closingTestPoint ? [...node.children].reverse().find((c) => !c.closing) : undefined;
      if (open) open.closing = a;
      else node.asserts.push(a);
    });
    parser.on('complete', (r: { plan?: { start?: number; end?: number }; failures?: Array<{ tapError?: string | null }> }) => {
      node.planned = r.plan?.end !== undefined && r.plan.end !== null && (r.plan.start ?? 1) <= (r.plan.end ?? 0) + 1;
      for (const f of r.failures ?? []) if (f.tapError) node.errors.push(f.tapError);
    });
  };
  const parser = new TapParser();
  attach(parser, root);
  // tap-parser parses synchronously: 'complete' has fired when end() returns.
  parser.end(text);
  return root;
}

const tapStatus = (a: TapResult): TestStatus => (a.todo ? 'todo' : a.skip ? 'skipped' : a.ok ? 'passed' : 'failed');

/** A failed point's first lines: what its YAML diagnostics say went wrong, after its name where that names an assertion. */
function tapFailure(a: TapResult, withName = true): string {
  const d = (a.diag ?? {}) as Record<string, unknown>;
  const details = d.details && typeof d.details === 'object' ? Object.entries(d.details as Record<string, unknown>).map(([k, v]) => `${k}\n${String(v)}`) : [];
  const said = [d.message, d.assertion, ...details, d.diff, d.found !== undefined ? `found: ${JSON.stringify(d.found)}` : undefined, d.wanted !== undefined ? `wanted: ${JSON.stringify(d.wanted)}` : undefined];
  return plainMessage([withName ? a.name : undefined, ...said].filter((x, i, all) => typeof x === 'string' && x && all.indexOf(x) === i).join('\n')) ?? 'failed';
}

/** ava's TAP names a test's file by a shortened path, or not at all: placed later, against the commit's files. */
export const AVA_UNPLACED = '(ava)';
const AVA_SEPARATOR = ' \u203a ';

/**
 * ava's --tap stream, written by ava's main process. Each point is one test, named by its
 * title, prefixed with the test file's shortened path when more than one file ran. ava ends
 * it with one plan and its own counts; a passing or skipped point it did not count, a second
 * plan, or a point after its counts, was written by something other than ava. (Its plan
 * leaves out crash points and counts tests a crash left unrun, so only pass and skip are
 * checked: a forged failure cannot help a change.)
 */
export function parseAvaTap(text: string): ParsedReport {
  const parser = new TapParser();
  const points: TapResult[] = [];
  const problems: string[] = [];
  let plans = 0;
  let pass: number[] = [];
  let skip: number[] = [];
  let afterCounts = 0;
  let nested = false;
  parser.on('child', () => void (nested = true));
  parser.on('plan', () => void plans++);
  parser.on('assert', (a: TapResult) => {
    points.push(a);
    if (pass.length) afterCounts++;
  });
  // tap-parser passes anything after the plan on as non-TAP: ava writes nothing there but comments.
  parser.on('extra', (line: string) => {
    if (plans && line.trim()) afterCounts++;
  });
  parser.on('comment', (c: string) => {
    const m = /^# (pass|skip) (\d+)\s*$/.exec(c);
    if (m && plans) (m[1] === 'pass' ? pass : skip).push(Number(m[2]));
  });
  parser.end(stripAnsi(text));
  const forged = (what: string) => problems.push(`the ava report ${what}: something other than ava wrote to it`);
  if (plans === 0 || pass.length === 0) problems.push('the ava report has no plan and counts: ava stopped before it finished reporting');
  else if (plans > 1 || pass.length > 1 || skip.length > 1) forged('holds more than one plan');
  else if (afterCounts) forged("has results after ava's counts");
  else {
    const passed = points.filter((a) => tapStatus(a) === 'passed').length;
    const skipped = points.filter((a) => tapStatus(a) === 'skipped').length;
    if (passed !== pass[0] || skipped !== (skip[0] ?? 0)) forged(`shows ${passed} passed and ${skipped} skipped tests, but ava counted ${pass[0]} and ${skip[0] ?? 0}`);
  }
  if (nested) forged('holds subtests, which ava does not write');
  if (points.some((a, i) => a.id !== i + 1)) forged('numbers its tests out of order');
  const cases = points.map((a): TestCase => {
    const status = tapStatus(a);
    return { file: AVA_UNPLACED, name: a.name, status, ...(status === 'failed' ? { message: tapFailure(a, false) } : {}) };
  });
  return { cases, problems };
}

/** ava's default test files (its `files` globs when package.json sets none): a close reading of ava 6's defaults. */
export function isAvaDefaultTestFile(path: string, extensions: string[] = ['cjs', 'mjs', 'js']): boolean {
  const parts = path.split('/');
  const name = parts[parts.length - 1]!;
  const ext = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : '';
  if (!extensions.includes(ext) || name.startsWith('_') || parts.some((p) => p === 'node_modules' || p.startsWith('.'))) return false;
  const dirs = parts.slice(0, -1);
  if (dirs.some((d, i) => d === '__tests__' && dirs.slice(i + 1).some((x) => /^__(?:helper|fixture)s?__$/.test(x)))) return false;
  if (dirs.some((d, i) => (d === 'test' || d === 'tests') && dirs.slice(i + 1).some((x) => /^(?:helper|fixture)s?$/.test(x)))) return false;
  const stem = name.slice(0, -(ext.length + 1));
  return (
    stem === 'test' && (dirs.length === 0 || (dirs.length === 1 && (dirs[0] === 'src' || dirs[0] === 'source')))
  ) || dirs.some((d) => d === '__tests__' || d === 'test' || d === 'tests') || /\.(?:spec|test)$/.test(stem) || stem.startsWith('test-');
}

/**
 * The files ava would run as tests, from the commit's package.json "ava" settings (`files`
 * globs, `extensions`), else ava's defaults. An ava.config.js cannot be read without running
 * it: its `files` are not seen, and a title no candidate fits is reported, not guessed.
 */
export function avaTestFiles(paths: Iterable<string>, packageJson?: Record<string, unknown>): { files: string[]; extensions: string[] } {
  const conf = (packageJson?.ava && typeof packageJson.ava === 'object' ? packageJson.ava : {}) as { files?: unknown; extensions?: unknown };
  const ext = Array.isArray(conf.extensions) ? conf.extensions.filter((e): e is string => typeof e === 'string') : conf.extensions && typeof conf.extensions === 'object' ? Object.keys(conf.extensions) : [];
  const extensions = ext.length ? ext : ['cjs', 'mjs', 'js'];
  const globs = Array.isArray(conf.files) ? conf.files.filter((g): g is string => typeof g === 'string') : [];
  const include = globs.filter((g) => !g.startsWith('!'));
  const exclude = globs.filter((g) => g.startsWith('!')).map((g) => g.slice(1));
  const files = [...paths].filter((p) => {
    const name = p.slice(p.lastIndexOf('/') + 1);
    if (!extensions.some((e) => name.endsWith(`.${e}`)) || name.startsWith('_') || p.split('/').includes('node_modules')) return false;
    if (exclude.some((g) => globMatch(g, p))) return false;
    return include.length ? include.some((g) => globMatch(g, p)) : isAvaDefaultTestFile(p, extensions);
  });
  return { files, extensions };
}

/** How ava shortens a test file's path in a title: folders below the common prefix, the name without .test./.spec./test- and extension. */
export function avaDisplayName(file: string, prefix: string, extensions: string[]): string {
  const parts = file.slice(prefix.length).split('/').filter((p) => p !== '__tests__');
  const name = parts
    .pop()!
    .replace(/\.spec\./, '.')
    .replace(/\.test\./, '.')
    .replace(/test-/, '')
    .replace(new RegExp(`\\.(?:${extensions.map((e) => e.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`), '');
  return [...parts, name].join(AVA_SEPARATOR);
}

/** The folder the given files share, as ava computes its title prefix: '' or ending in '/'. */
function commonFolder(files: string[]): string {
  const dirs = files.map((f) => f.split('/').slice(0, -1));
  const first = dirs[0] ?? [];
  let n = 0;
  while (n < first.length && dirs.every((d) => d[n] === first[n])) n++;
  return n ? `${first.slice(0, n).join('/')}/` : '';
}

// Lines ava writes for a file rather than a test, naming the file as the repository does.
const AVA_FILE_LINES = [/^No tests found in (.+?)(?:, make sure to import "ava" at the top of your test file)?$/, /^(.+?) exited with a non-zero exit code: \d+$/, /^(.+?) exited due to \S+$/];

/**
 * Places ava's tests in their files: each title must start with exactly one candidate file's
 * shortened name under one common prefix, the prefix the placed files share. With one
 * candidate file, ava's titles carry no file at all and all belong to it. A test that fits
 * no file, or more than one, is a problem; a failure ava reports outside any test (an
 * uncaught exception) stays failed, in no file.
 */
export function placeAvaTests(cases: TestCase[], candidates: string[], extensions: string[] = ['cjs', 'mjs', 'js']): ParsedReport {
  const problems: string[] = [];
  const fileLevel = (c: TestCase): string | undefined => AVA_FILE_LINES.map((re) => re.exec(c.name)?.[1]).find((f) => f !== undefined);
  const placed = (file: string, c: TestCase, name: string): TestCase => ({ ...c, file, name });
  if (candidates.length === 1) return { cases: cases.map((c) => (fileLevel(c) ? placed(fileLevel(c)!, c, FILE_LEVEL) : placed(candidates[0]!, c, c.name))), problems };
  const prefixes = new Set<string>(['']);
  for (const f of candidates) f.split('/').slice(0, -1).forEach((_, i, dirs) => prefixes.add(`${dirs.slice(0, i + 1).join('/')}/`));
  const readings: Array<Map<TestCase, TestCase>> = [];
  for (const prefix of prefixes) {
    const under = candidates.filter((f) => f.startsWith(prefix)).map((f) => ({ f, shown: avaDisplayName(f, prefix, extensions) + AVA_SEPARATOR }));
    const reading = new Map<TestCase, TestCase>();
    let fits = true;
    for (const c of cases) {
      const named = fileLevel(c);
      if (named) {
        reading.set(c, placed(named, c, FILE_LEVEL));
        continue;
      }
      const hits = under.filter((u) => c.name.startsWith(u.shown) && c.name.length > u.shown.length);
      if (hits.length === 1) reading.set(c, placed(hits[0]!.f, c, c.name.slice(hits[0]!.shown.length)));
      else if (c.status === 'failed' && hits.length === 0) reading.set(c, placed('(unknown)', c, c.name));
      else {
        fits = false;
        break;
      }
    }
    const files = [...new Set([...reading.values()].map((c) => c.file).filter((f) => f !== '(unknown)'))];
    if (fits && files.length > 1 && commonFolder(files) === prefix) readings.push(reading);
  }
  const key = (r: Map<TestCase, TestCase>) => cases.map((c) => `${r.get(c)!.file}\u0000${r.get(c)!.name}`).join('\u0001');
  const distinct = [...new Map(readings.map((r) => [key(r), r])).values()];
  if (distinct.length === 1) return { cases: cases.map((c) => distinct[0]!.get(c)!), problems };
  const tests = cases.filter((c) => !fileLevel(c));
  problems.push(
    distinct.length > 1
      ? `Loom cannot tell which file each ava test is in: its titles fit the repository's test files in more than one way (${tests.slice(0, 3).map((c) => c.name).join('; ')})`
      : `Loom cannot tell which file each ava test is in (${tests.slice(0, 3).map((c) => c.name).join('; ') || 'no tests'}): ava names a test's file only when it runs more than one, by a shortened path that must match exactly one of the commit's ${candidates.length} ava test files`,
  );
  return { cases, problems };
}

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
    case 'ava': {
      // A direct run names the files it gave ava: its tests are placed among exactly those.
      const given = files[AVA_FILES]?.split('\n').filter(Boolean);
      if (!given) return only('ava.tap', one('ava.tap', parseAvaTap));
      const { [AVA_FILES]: _given, ...rest } = files;
      const parsed = parseRunReports('ava', rest, workspace);
      const placed = placeAvaTests(parsed.cases, given);
      return { cases: placed.cases, problems: [...parsed.problems, ...placed.problems] };
    }
    case 'tap':
      return only('tap.tap', one('tap.tap', parseTapStream));
    case 'uvu':
      return only('uvu.jsonl', one('uvu.jsonl', parseUvuJsonl));
    case 'cargo':
      return only('cargo.txt', one('cargo.txt', parseCargoOutput));
    case 'pytest':
      return only('pytest.xml', one('pytest.xml', parsePytestXml));
    case 'go':
      return only('go.jsonl', one('go.jsonl', (t) => parseGoJson(t, goModule)));
    case 'junit': {
      const xmls = Object.keys(files).filter((f) => f.endsWith('.xml')).sort();
      if (!xmls.length) return { cases: [], problems: ['the test command wrote no JUnit XML into $LOOM_REPORT_DIR'] };
      const parts = xmls.map((f) => parseJunitXml(files[f]!, workspace));
      const stated = parts.every((p) => p.runnerTotal !== undefined);
      return { cases: parts.flatMap((p) => p.cases), problems: parts.flatMap((p) => p.problems), ...(stated ? { runnerTotal: parts.reduce((n, p) => n + p.runnerTotal!, 0) } : {}) };
    }
    default:
      return { cases: [], problems: [] };
  }
}
