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
import { runnerNamed } from '../runners/registry';
import { commandFor } from '../runners/runCommand';
import type { CommitFiles, CoverageRun, RunnerPlan } from '../runners/runner';
import { runEnvironment } from '../verify/runEnvironment';
import { probeRun } from './probeRun';

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

/** Lines a record says never ran, of the changed files it speaks for. */
type Reader = (container: Docker.Container, dir: string, changed: Map<string, number[]>, input: CoverageRunInput, codeOnly: (file: string, lines: number[]) => number[]) => Promise<ChangedCoverage | undefined>;

export async function coverageRun(container: Docker.Container, input: CoverageRunInput): Promise<ChangedCoverage> {
  const none: ChangedCoverage = { blocks: {}, unrun: new Map() };
  const { plan } = input;
  // The runner says how its run records coverage (runners/runner.ts › Coverage), and of which files.
  const coverage = runnerNamed(plan.runner)?.coverage;
  const changed = new Map([...input.changed].filter(([f]) => coverage?.covers(f)));
  const dir = `/tmp/loom-coverage-${randomBytes(6).toString('hex')}`;
  const run = coverage && changed.size ? coverage.run(dir, plan) : undefined;
  if (!coverage || !run) return none;
  const out = run.asMutant ? await probeRun(container, plan, input.testCommand, { setup: input.setup, files: input.tests, timeoutSec: input.timeoutSec, extraEnv: run.env, commit: input.commit }) : await ownRun(container, input, run, dir);
  if (out.setupFailed) return none;
  // Code lines only, and not those a program runs only as itself (tests never run them in-process).
  const codeOnly = (file: string, lines: number[]) => {
    const content = input.read(file) ?? '';
    const text = content.split('\n');
    const program = /\.pyw?$/.test(file) ? pythonMainLines(content) : /\.go$/.test(file) ? (isGoProgram(content) ? new Set(lines) : new Set<number>()) : programLines(file, content);
    return lines.filter((n) => isCodeLine(text[n - 1] ?? '') && !program.has(n));
  };
  const readers: Record<typeof coverage.format, Reader> = { v8: readV8, trace: readTrace, profile: (...args) => readProfile(...args, coverage.record ?? '') };
  return (await readers[coverage.format](container, dir, changed, input, codeOnly)) ?? none;
}

/** A run of its own: the test command with its report arguments (or the runner's own command), recording as the runner says. */
function ownRun(container: Docker.Container, input: CoverageRunInput, run: Exclude<CoverageRun, { asMutant: true }>, dir: string) {
  const reportDir = newReportDir();
  const { command, env } = commandFor(input.testCommand, input.plan, reportDir);
  const setup = run.makeDir ? `${input.setup} && mkdir -p ${dir}` : input.setup;
  // A command of its own writes no report of the runner's: the run's folder is not the one its environment names.
  return runTestCommand(container, { command: run.command ?? command, env: { ...runEnvironment(env), ...run.env }, timeoutSec: input.timeoutSec * run.slower, setup, maxOutputBytes: 16 * 1024 }, run.command ? undefined : reportDir);
}

/** V8's block coverage, filtered in the container to the changed files. */
const readV8: Reader = async (container, dir, js, input, codeOnly) => {
  // V8 writes its files for their owner alone: read as the Lab user, whose processes are all gone by now.
  const r = await execIn(container, ['node', COVERAGE_FILTER_PATH, dir, '/workspace', ...js.keys()], { workdir: '/', timeoutSec: 60, maxOutputBytes: 32 * 1024 * 1024 });
  let blocks: BlockCoverage;
  try {
    blocks = JSON.parse(r.stdout) as BlockCoverage;
  } catch {
    return undefined;
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
};

/** The trace module's .cover files, one per module. */
const readTrace: Reader = async (container, dir, py, input, codeOnly) => {
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
};

/** A Go cover profile, in the file `record`. */
async function readProfile(container: Docker.Container, dir: string, go: Map<string, number[]>, input: CoverageRunInput, codeOnly: (file: string, lines: number[]) => number[], record: string): Promise<ChangedCoverage | undefined> {
  const files = await getFiles(container, dir, 64 * 1024 * 1024).catch(() => ({}) as Record<string, Buffer>);
  const profile = files[record]?.toString('utf8');
  if (!profile) return undefined;
  const { unrun: never, reported } = unrunGoLines(profile, input.plan.goModule, input.read);
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
