// One run of the tests with the language's own coverage on, in the container where the
// Lab's run just ended, before the mutants (verify/lineCoverage.ts says why). Only what
// never ran counts, so a run the tests could tell apart can at most make code look run,
// which the mutants then judge; a run that fails or reports nothing leaves coverage unknown.
import { randomBytes } from 'node:crypto';
import type Docker from 'dockerode';
import { execIn, getFiles } from '../lab/labContainer';
import { COVERAGE_FILTER_PATH, newReportDir, runTestCommand } from '../lab/verifyRun';
import type { BlockCoverage } from '../verify/blockCoverage';
import { isCodeLine, isGoProgram, pythonMainLines, traceNames, unrunGoLines, unrunJsLines, unrunTraceLines } from '../verify/lineCoverage';
import { programLines } from '../verify/jsProgramLines';
import { raisingLines, throwSpans } from '../verify/errorPaths';
import { commandFor } from '../runners/runCommand';
import type { CommitFiles, RunnerPlan } from '../runners/runner';
import { runEnvironment } from '../verify/runEnvironment';
import { probeRun } from './probeRun';
import { shellQuote } from '../lab/shellQuote';

export interface ChangedCoverage {
  /** JavaScript block ranges of the changed files, for mutants inside a line (not on a program's own lines). */
  blocks: BlockCoverage;
  /** Changed lines of code that no test ran, per file ("unknown" files are absent). */
  unrun: Map<string, number[]>;
  /** JavaScript lines a program runs only as itself, per file. */
  programs?: Map<string, Set<number>>;
  /** Changed lines whose never-run code only raises an error (verify/errorPaths.ts), per file: not in `unrun`. */
  errorPaths?: Map<string, number[]>;
}

const NODE_RUNNERS = new Set(['node', 'mocha', 'ava', 'tap', 'uvu', 'vitest', 'jest']);
/** JavaScript Node runs as it is written, so V8's offsets are the file's own. */
export const PLAIN_JS = /\.(?:c|m)?js$/;

export interface CoverageRunInput {
  testCommand: string;
  plan: RunnerPlan;
  /** Reset and prepare, as before every mutant. */
  setup: string;
  /** Changed files and their added lines. */
  changed: Map<string, number[]>;
  /** The test files that reach the changed code, when the runner can run them alone. */
  tests?: string[];
  timeoutSec: number;
  read: (file: string) => string | undefined;
  /** The commit the workspace holds. */
  commit: CommitFiles;
}

export async function coverageRun(container: Docker.Container, input: CoverageRunInput): Promise<ChangedCoverage> {
  const none: ChangedCoverage = { blocks: {}, unrun: new Map() };
  const { plan } = input;
  const pick = (test: (f: string) => boolean) => new Map([...input.changed].filter(([f]) => test(f)));
  const dir = `/tmp/loom-coverage-${randomBytes(6).toString('hex')}`;
  // Code lines only, and not those a program runs only as itself (tests never run them in-process).
  const codeOnly = (file: string, lines: number[]) => {
    const content = input.read(file) ?? '';
    const text = content.split('\n');
    const program = /\.pyw?$/.test(file) ? pythonMainLines(content) : /\.go$/.test(file) ? (isGoProgram(content) ? new Set(lines) : new Set<number>()) : programLines(file, content);
    return lines.filter((n) => isCodeLine(text[n - 1] ?? '') && !program.has(n));
  };

  if (NODE_RUNNERS.has(plan.runner)) {
    const js = pick((f) => PLAIN_JS.test(f));
    if (!js.size) return none;
    const out = await probeRun(container, plan, input.testCommand, { setup: input.setup, files: input.tests, timeoutSec: input.timeoutSec, extraEnv: { NODE_V8_COVERAGE: dir }, commit: input.commit });
    if (out.setupFailed) return none;
    // V8 writes its files for their owner alone: read as the Lab user, whose processes are all gone by now.
    const r = await execIn(container, ['node', COVERAGE_FILTER_PATH, dir, '/workspace', ...js.keys()], { workdir: '/', timeoutSec: 60, maxOutputBytes: 32 * 1024 * 1024 });
    let blocks: BlockCoverage;
    try {
      blocks = JSON.parse(r.stdout) as BlockCoverage;
    } catch {
      return none;
    }
    // A file whose recorded length is not its own was transpiled on the way: unknown.
    for (const f of Object.keys(blocks)) blocks[f] = blocks[f]!.filter((ranges) => ranges.reduce((m, x) => Math.max(m, x[1]), 0) === input.read(f)?.length);
    const unrun = new Map<string, number[]>();
    const errorPaths = new Map<string, number[]>();
    for (const [f, lines] of js) {
      const content = input.read(f) ?? '';
      const all = codeOnly(f, unrunJsLines(blocks, f, content, lines) ?? []);
      const u = codeOnly(f, unrunJsLines(blocks, f, content, lines, throwSpans(content, f)) ?? []);
      if (u.length) unrun.set(f, u);
      if (all.length > u.length) errorPaths.set(f, all.filter((n) => !u.includes(n)));
    }
    // A program's own lines never run under test: no mutant there is "unexecuted".
    const programs = new Map([...js.keys()].map((f) => [f, programLines(f, input.read(f) ?? '')]));
    return { blocks, unrun, programs, errorPaths };
  }

  if (plan.runner === 'pytest') {
    const py = pick((f) => /\.py$/.test(f));
    const words = plan.direct;
    if (!py.size || !words) return none;
    // The test command's own interpreter and pytest arguments, under the standard library's trace module.
    const at = words.findIndex((w) => w === 'pytest' || w.endsWith('/pytest') || w === 'py.test');
    if (at < 0) return none;
    const interpreter = words[at - 1] === '-m' ? words.slice(0, at - 1).filter((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w)) : ['python3'];
    const assignments = words.slice(0, at).filter((w) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(w));
    const q = shellQuote;
    const command = [...assignments, ...interpreter.map(q), '-m', 'trace', '--count', '--missing', `--coverdir=${dir}`, '--ignore-dir=/usr', '--module', 'pytest', ...words.slice(at + 1).map(q), '-p', 'no:cacheprovider'].join(' ');
    const out = await runTestCommand(container, { command, env: runEnvironment(commandFor('', plan, newReportDir()).env), timeoutSec: input.timeoutSec * 3, setup: input.setup, maxOutputBytes: 16 * 1024 });
    if (out.setupFailed) return none;
    const covers = await getFiles(container, dir, 64 * 1024 * 1024).catch(() => ({}) as Record<string, Buffer>);
    const unrun = new Map<string, number[]>();
    for (const [f, lines] of py) {
      const name = traceNames(f).find((n) => covers[n]);
      if (!name) continue;
      const never = unrunTraceLines(covers[name]!.toString('utf8'));
      const u = codeOnly(f, lines.filter((n) => never.has(n)));
      if (u.length) unrun.set(f, u);
    }
    return { blocks: {}, ...splitErrorPaths(unrun, input.read) };
  }

  if (plan.runner === 'go') {
    const go = pick((f) => /\.go$/.test(f) && !/_test\.go$/.test(f));
    if (!go.size) return none;
    const reportDir = newReportDir();
    const { command, env } = commandFor(input.testCommand, plan, reportDir);
    const out = await runTestCommand(container, { command, env: { ...runEnvironment(env), GOFLAGS: `-cover -covermode=set -coverprofile=${dir}/cover.out` }, timeoutSec: input.timeoutSec * 2, setup: `${input.setup} && mkdir -p ${dir}`, maxOutputBytes: 16 * 1024 }, reportDir);
    if (out.setupFailed) return none;
    const files = await getFiles(container, dir, 64 * 1024 * 1024).catch(() => ({}) as Record<string, Buffer>);
    const profile = files['cover.out']?.toString('utf8');
    if (!profile) return none;
    const { unrun: never, reported } = unrunGoLines(profile, plan.goModule, input.read);
    const unrun = new Map<string, number[]>();
    const reportedDirs = new Set([...reported].map((f) => f.slice(0, f.lastIndexOf('/') + 1)));
    for (const [f, lines] of go) {
      // A file with a build constraint (a //go:build line, a GOOS or GOARCH file name) that the
      // profile leaves out while it covers the file's package was not compiled for the tests:
      // none of it ever ran. (A file without one may just hold no statements, like a doc.go.)
      const uncompiled = !reported.has(f) && reportedDirs.has(f.slice(0, f.lastIndexOf('/') + 1)) && goBuildConstrained(f, input.read(f) ?? '');
      if (!reported.has(f) && !uncompiled) continue;
      const u = codeOnly(f, uncompiled ? lines : lines.filter((n) => never.get(f)?.has(n)));
      if (u.length) unrun.set(f, u);
    }
    return { blocks: {}, ...splitErrorPaths(unrun, input.read) };
  }
  return none;
}

const GOOS = 'aix|android|darwin|dragonfly|freebsd|hurd|illumos|ios|js|linux|nacl|netbsd|openbsd|plan9|solaris|wasip1|windows|zos';
const GOARCH = '386|amd64|arm|arm64|loong64|mips|mipsle|mips64|mips64le|ppc64|ppc64le|riscv64|s390x|sparc64|wasm';

/** Whether go builds a file only under some condition: a //go:build or +build line, or a GOOS/GOARCH suffix in its name. */
export function goBuildConstrained(path: string, content: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return /^\/\/go:build\s|^\/\/ \+build\s/m.test(content) || new RegExp(`_(?:${GOOS})(?:_(?:${GOARCH}))?\\.go$|_(?:${GOARCH})\\.go$`).test(name);
}

/** Python and Go: never-run lines of a statement that only raises, apart from the rest. */
function splitErrorPaths(unrun: Map<string, number[]>, read: (file: string) => string | undefined): Pick<ChangedCoverage, 'unrun' | 'errorPaths'> {
  const rest = new Map<string, number[]>();
  const errorPaths = new Map<string, number[]>();
  for (const [f, lines] of unrun) {
    const raising = raisingLines(read(f) ?? '', f);
    const [loud, other] = [lines.filter((n) => raising.has(n)), lines.filter((n) => !raising.has(n))];
    if (other.length) rest.set(f, other);
    if (loud.length) errorPaths.set(f, loud);
  }
  return { unrun: rest, errorPaths };
}
