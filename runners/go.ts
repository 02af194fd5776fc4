// go test, read from its -json event stream. A report names a package folder, not a file:
// each test must be a function its folder's _test.go files declare, and for mutation runs
// a test is placed in the file that declares it and traced through the functions it names.
import { posix } from 'node:path';
import { goReferences } from '../verify/exercisedCodePyGo';
import { FILE_LEVEL, type TestCase, type TestStatus } from '../verify/testResults';
import { plainMessage, soleReport } from './reportFiles';
import { REPORT_DIR, type CommitFiles, type ParsedReport, type Reach, type Runner } from './runner';
import { base } from './shellWords';

/** The image's seed of compiled standard packages: a run's Go cache starts as it. */
export const GO_CACHE_SEED = '/usr/local/share/loom/go-build-seed';
/**
 * The shell step that gives a run the image's seed as its Go cache, as the seed was built. A
 * seed of read-only root entries in sticky folders is used in place, with every entry an
 * earlier run added removed first (no run can change or remove the seed's own, so none leaves
 * a forged build for the next); a copy of it takes a second per run, the removal milliseconds.
 * An image whose seed is not so (one made before) gives each run a copy, as the home folder is
 * emptied before every run. A cache the setup step left in the home folder is kept.
 */
export const GO_PREPARE = `if [ -d ${GO_CACHE_SEED} ]; then if [ -k ${GO_CACHE_SEED}/00 ] && [ -w ${GO_CACHE_SEED}/00 ]; then find ${GO_CACHE_SEED} -mindepth 1 ! -user 0 -delete 2>/dev/null; [ -e "$HOME/.cache/go-build" ] || { mkdir -p "$HOME/.cache" && ln -s ${GO_CACHE_SEED} "$HOME/.cache/go-build"; }; elif [ ! -d "$HOME/.cache/go-build" ]; then mkdir -p "$HOME/.cache" && cp -r ${GO_CACHE_SEED} "$HOME/.cache/go-build"; fi; fi`;

/** The module path a go.mod declares. */
export function goModulePath(goMod: string | undefined): string | undefined {
  return goMod ? /^\s*module\s+"?([^\s"]+)"?/m.exec(goMod)?.[1] : undefined;
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

// A name go test runs: Test, Fuzz or Example, then nothing or anything but a lower-case letter.
const RUNNABLE = /^func\s+((?:Test|Fuzz|Example)(?![a-z])\w*)\s*\(([^)]*)\)/gm;

/** The top-level functions of a Go file go test would run, each with its text (to its closing brace at the line's start). */
export function goRunnableTests(content: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of content.matchAll(RUNNABLE)) {
    const name = m[1]!;
    const close = /^}/m.exec(content.slice(m.index!));
    const text = content.slice(m.index!, close ? m.index! + close.index + 1 : undefined);
    // An Example runs only when its body ends in an output comment; without one it is only compiled.
    if (name.startsWith('Example') && !/\/\/\s*(?:Unordered output|Output):/i.test(text)) continue;
    if (name.startsWith('Test') && !/\*\s*testing\.T\b/.test(m[2]!)) continue;
    if (name.startsWith('Fuzz') && !/\*\s*testing\.F\b/.test(m[2]!)) continue;
    out.set(name, text);
  }
  return out;
}

/** Why go test may not have built a file, as far as its name and build line tell. */
function leftOutBecause(path: string, content: string): string {
  const line = /^\/\/go:build\s+(.+)$/m.exec(content)?.[1];
  if (line) return `its //go:build line (${line.trim()}) leaves it out of this run`;
  const suffix = /_([a-z0-9]+)(?:_([a-z0-9]+))?_test\.go$/.exec(posix.basename(path));
  if (suffix && GOOS_GOARCH.has(suffix[2] ?? suffix[1]!)) return `its file name ends in _${suffix[2] ?? suffix[1]}_test.go, which builds it only for that GOOS or GOARCH`;
  return 'go test did not run it';
}

const GOOS_GOARCH = new Set(['aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'js', 'linux', 'nacl', 'netbsd', 'openbsd', 'plan9', 'solaris', 'wasip1', 'windows', 'zos', '386', 'amd64', 'arm', 'arm64', 'loong64', 'mips', 'mips64', 'mips64le', 'mipsle', 'ppc64', 'ppc64le', 'riscv64', 's390x', 'sparc64', 'wasm']);

/**
 * The tests the change wrote that its run never ran, each as a failed test in the package
 * folder that declares it. A test the change adds or alters in a package the run tested is
 * evidence only if it ran: one kept out by a build constraint (a file name's _js suffix, a
 * //go:build line), an Example whose output comment never reaches the run, or a TestMain that
 * skips it judges nothing. The base's own tests are left as they are; a command that picks
 * its tests (-run, -skip) is not held to every test.
 */
export async function goUnrunTests(cases: TestCase[], commit: CommitFiles, baseCommit: CommitFiles, testCommand: string): Promise<TestCase[]> {
  if (/(?:^|\s)-(?:test\.)?(?:run|skip|list)(?:[=\s]|$)/.test(testCommand)) return [];
  const ran = new Map<string, Set<string>>();
  for (const c of cases) if (c.name !== FILE_LEVEL) ran.set(c.file, (ran.get(c.file) ?? new Set()).add(c.name.split(' > ')[0]!));
  const paths = await commit.paths();
  const files = [...ran.keys()].flatMap((folder) => goTestFilesIn(folder, paths));
  const [mine, theirs] = await Promise.all([commit.read(files), baseCommit.read(files)]);
  const out: TestCase[] = [];
  for (const f of files) {
    const content = mine.get(f) ?? '';
    if (content === theirs.get(f)) continue;
    const before = goRunnableTests(theirs.get(f) ?? '');
    const folder = posix.dirname(f) === '.' ? '.' : posix.dirname(f);
    for (const [name, text] of goRunnableTests(content)) {
      if (before.get(name) === text || ran.get(folder)?.has(name)) continue;
      out.push({ file: folder, name, status: 'failed', message: `${name} in ${f} never ran: ${leftOutBecause(f, content)}. A test the change writes must run where it is judged` });
    }
  }
  return out;
}

/** The file go test writes its cover profile to, in the coverage run's folder. */
const COVER_PROFILE = 'cover.out';

export const go: Runner = {
  name: 'go',
  label: 'go test',
  how: "go test's JSON event stream (-json)",
  detect: (words) => base(words[0] ?? '') === 'go' && words[1] === 'test',
  appends: true,
  suggested: 'go test ./...',
  runsAlone: true,
  valueOptions: new Set(['-run', '-skip', '-timeout', '-count', '-tags', '-parallel', '-p', '-cpu', '-bench', '-benchtime', '-coverprofile', '-exec', '-mod', '-ldflags', '-gcflags']),
  subcommands: new Set(['test']),
  // The stream goes to the report file; go test keeps its exit code through a redirect. One
  // process writes it, and it is all there may be.
  report: (_found, ctx) => ({ args: `-json > ${REPORT_DIR}/go.jsonl`, env: { LOOM_REPORT_DIR: REPORT_DIR }, ...(ctx.countable ? { runs: 1 } : {}), prepare: GO_PREPARE }),
  baseFile: { path: 'go.mod', apply: (plan, content) => void (plan.goModule = goModulePath(content)) },
  // go test's own time limit, under Loom's, so that a test that loops forever is named as the one that timed out.
  timeLimitEnv: (timeoutSec, env) => ({ GOFLAGS: `${env.GOFLAGS ?? ''} -timeout=${Math.max(5, timeoutSec - 5)}s`.trim() }),
  parse: (files, ctx) => soleReport('go', 'go.jsonl', files, (t) => parseGoJson(t, ctx.goModule)),
  names: 'folders',
  unrun: (parsed, commit, baseCommit, testCommand) => goUnrunTests(parsed.cases, commit, baseCommit, testCommand),
  async place(parsed, commit) {
    const paths = await commit.paths();
    const dirs = [...new Set(parsed.cases.map((c) => c.file))];
    const testFiles = await commit.read(dirs.flatMap((d) => goTestFilesIn(d, paths)));
    const ghosts = goGhosts(parsed.cases, testFiles);
    if (!ghosts.length) return parsed;
    return { ...parsed, problems: [...parsed.problems, `the report names tests the commit does not declare: ${ghosts.slice(0, 5).join(', ')}${ghosts.length > 5 ? ` and ${ghosts.length - 5} more` : ''}`] };
  },
  async sourceFiles(tests, commit) {
    const goTests = [...(await commit.paths())].filter((f) => f.endsWith('_test.go'));
    const texts = await commit.read(goTests);
    const declaring = new Map<string, string>();
    for (const f of goTests) for (const m of (texts.get(f) ?? '').matchAll(/^func\s+(Test\w*)\s*\(/gm)) declaring.set(`${posix.dirname(f)} > ${m[1]}`, f);
    return tests.map((c) => declaring.get(`${c.file} > ${c.name.split(' > ')[0]}`));
  },
  async reaches(testFile, tests, ctx) {
    if (!testFile.endsWith('_test.go')) return undefined;
    const out = new Map<string, Reach>();
    for (const t of tests) {
      const references = await goReferences(testFile, ctx.read(testFile) ?? '', ctx.read, ctx.files, ctx.isSource, ctx.goModule, t.name.split(' > ')[0]);
      // A Go test that names none of its package's functions may still reach them (a table, a
      // method value, a variable TestMain filled): what it exercises is not known.
      out.set(t.id, { references, unresolved: references.length ? [] : ['names no function of its package'] });
    }
    return out;
  },
  // Every package the command tests, covered through GOFLAGS; into a folder go does not make, at twice a mutant's time.
  coverage: {
    format: 'profile',
    record: COVER_PROFILE,
    covers: (path) => /\.go$/.test(path) && !/_test\.go$/.test(path),
    run: (dir) => ({ env: { GOFLAGS: `-cover -covermode=set -coverprofile=${dir}/${COVER_PROFILE}` }, slower: 2, makeDir: true }),
  },
};
