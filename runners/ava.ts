// ava, read from the TAP its main process writes (--tap). Its titles name a test's file by
// a shortened path, or not at all when one file ran: the tests are placed among the commit's
// ava test files, or among the files a direct run was given.
import { stripAnsi } from '../verify/ansi';
import { parseJsonObject } from '../verify/protectedSurface';
import { FILE_LEVEL, globMatch, type TestCase } from '../verify/testResults';
import { nodeCoverage } from './nodeCoverage';
import { soleReport } from './reportFiles';
import { REPORT_DIR, type ParsedReport, type Runner } from './runner';
import { base, quoteWord } from './shellWords';
import { TapParser, tapFailure, tapStatus, type TapResult } from './tapStream';

/** The test files a direct ava run was given, one a line, beside its report. */
export const AVA_FILES = 'ava-files.txt';

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


export const ava: Runner = {
  name: 'ava',
  label: 'ava',
  how: "ava's TAP (--tap, written by ava's main process into a report file; test files run in child processes, whose output ava passes to stderr), each test placed in its file by the shortened path ava prefixes its title with",
  detect: (words) => base(words[0] ?? '') === 'ava',
  appends: true,
  suggested: 'npx ava',
  runsAlone: true,
  valueOptions: new Set(['--match', '-m', '--timeout', '-T', '--concurrency', '-c', '--config', '--node-arguments']),
  subcommands: new Set(),
  // ava names no file when it runs one, and shortens the names when it runs more: the report says which it was given.
  beforeDirect: (files, reportDir) => `printf '%s\\n' ${files.map(quoteWord).join(' ')} > ${reportDir}/${AVA_FILES}`,
  // ava has no report file option: its stdout goes to the report file. In child processes
  // (not worker threads, which share ava's stdout) the tests cannot write to it; ava passes
  // their output to stderr. One process writes it, and it is all there may be.
  report: (_found, ctx) => ({ args: `--tap --no-worker-threads > ${REPORT_DIR}/ava.tap`, env: { LOOM_REPORT_DIR: REPORT_DIR }, ...(ctx.countable ? { runs: 1 } : {}) }),
  parse(files) {
    // A direct run names the files it gave ava: its tests are placed among exactly those.
    const given = files[AVA_FILES]?.split('\n').filter(Boolean);
    if (!given) return soleReport('ava', 'ava.tap', files, parseAvaTap);
    const { [AVA_FILES]: _given, ...rest } = files;
    const parsed = soleReport('ava', 'ava.tap', rest, parseAvaTap);
    const placed = placeAvaTests(parsed.cases, given);
    return { cases: placed.cases, problems: [...parsed.problems, ...placed.problems] };
  },
  names: 'files',
  coverage: nodeCoverage,
  async place(parsed, commit, reports) {
    if (reports[AVA_FILES] !== undefined) return parsed;
    // Otherwise among the commit's own ava test files, as its package.json's "ava" settings say.
    const pkg = parseJsonObject((await commit.read(['package.json'])).get('package.json'));
    const { files, extensions } = avaTestFiles(await commit.paths(), pkg && pkg !== 'invalid' ? pkg : undefined);
    const placed = placeAvaTests(parsed.cases, files, extensions);
    return { ...parsed, cases: placed.cases, problems: [...parsed.problems, ...placed.problems] };
  },
};
