// The differential check's calls (verify/differential.ts says why), in the container where
// the held-out run just ended: the Lab's source as checked out there, and the base's code in
// a worktree beside it, each called by Loom's harness in a process of its own, as the Lab
// user, with every process it leaves killed after it.
import { randomBytes } from 'node:crypto';
import type Docker from 'dockerode';
import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { putRootFiles } from '../lab/labContainer';
import { shellQuote } from '../lab/shellQuote';
import { newReportDir, runTestCommand } from '../lab/verifyRun';
import { ACROSS_BUDGET_MS, differentialLanguage, MIN_CALLS, type DifferentialAnswers, type DifferentialTarget } from '../verify/differential';
import { movedTargets } from '../verify/runPlaceVerdict';
import { callOrder, goHarness } from '../verify/goHarness';
import { GO_PREPARE } from '../runners/go';
import { runEnvironment } from '../verify/runEnvironment';
import type { ExampleTarget } from '../verify/exampleVerdict';
import { keptPaths, resetTo } from './probeRun';

const JS_HARNESS = readFileSync(new URL('../verify/differentialHarness.mjs', import.meta.url), 'utf8');
const PY_HARNESS = readFileSync(new URL('../verify/differential_harness.py', import.meta.url), 'utf8');

export interface DifferentialRunInput {
  sha: string;
  baseSha: string;
  /** Called on the base and on the Lab's source (a refactor). */
  targets: DifferentialTarget[];
  /** Called on the Lab's source in two processes (any other change). */
  repeat?: DifferentialTarget[];
  /** The change's new functions, called once with the task's examples (verify/exampleVerdict.ts). */
  examples?: ExampleTarget[];
  /** The project's tests run under pytest: the repeated Python targets are asked from a pytest test too, in this folder (where most of the tests are, and their conftest.py). */
  pytest?: { dir: string };
  mounts?: string[];
  setupPaths?: string[];
}

export interface DifferentialRunResult {
  base: DifferentialAnswers[];
  lab: DifferentialAnswers[];
  /** The repeated targets' answers in two fresh processes. */
  first: DifferentialAnswers[];
  second: DifferentialAnswers[];
  /** The repeated Python targets' answers in a third, with Python's optimisation on (assert statements dropped). */
  optimized?: DifferentialAnswers[];
  /** The repeated targets' answers to each input once, all calls at once (threads, goroutines, promises in flight together). */
  overlapped?: DifferentialAnswers[];
  /** The repeated Python targets' answers asked from inside a pytest test, in the workspace, as the tests ask. */
  underRunner?: DifferentialAnswers[];
  /** The repeated Python targets' answers with each input given by position (`alone`) and then by name. */
  byName?: DifferentialAnswers[];
  /** The examples' answers, as plain values. */
  examples?: DifferentialAnswers[];
  /** The examples' answers again, from a program started in an empty folder of its own. */
  elsewhere?: DifferentialAnswers[];
  /** The repeated Python targets' answers in a process and in one forked from it (`alone`), from the same state. */
  forked?: DifferentialAnswers[];
  /** The repeated targets' answers from a program started in an empty folder of its own. */
  away?: DifferentialAnswers[];
  /** Where `away` moved a target's answers: the base's function asked from its own folder and from another. */
  baseHere?: DifferentialAnswers[];
  baseAway?: DifferentialAnswers[];
  durationMs: number;
}

const BASE_TREE = '/tmp/loom-differential-base';

/**
 * How many times each example is asked, about: an answer the task states must hold on every
 * call, and one that depends on map order or a draw is right only on some.
 */
export const EXAMPLE_ASKS = 8;

export async function differentialRun(container: Docker.Container, input: DifferentialRunInput): Promise<DifferentialRunResult> {
  const started = Date.now();
  const sides = { base: input.targets, lab: input.targets, first: input.repeat ?? [], second: input.repeat ?? [] };
  const examples = (input.examples ?? []).map(({ file, name, inputs, go, then }) => ({ file, name, inputs, ...(go ? { go } : {}), ...(then ? { then } : {}), values: true }));
  // Python run with -O, as some deployments do: code that computes inside an assert loses it there.
  const python = (input.repeat ?? []).filter((t) => differentialLanguage(t.file) === 'python');
  const optimized = withEnv(harnessSpecs('optimized', python, '/workspace'), 'PYTHONOPTIMIZE');
  // The same calls at once, as a server makes them: code right only one call at a time shows it.
  const overlapped = withEnv(harnessSpecs('overlapped', input.repeat ?? [], '/workspace'), 'LOOM_DIFFERENTIAL_OVERLAP');
  // Python asked from a pytest test as well: code right only under the test runner (its warning
  // filters, its modules, the test on the call stack) answers differently there than in a program.
  const underRunner = input.pytest ? harnessSpecs('underRunner', python, '/workspace').map((x) => ({ ...x, command: (answers: string) => underPytest(`/${x.name}`, answers, randomBytes(6).toString('hex'), input.pytest!.dir) })) : [];
  // Python in a process and one forked from it, as a preloading server's workers are.
  const forked = withEnv(harnessSpecs('forked', python, '/workspace'), 'LOOM_DIFFERENTIAL_FORK');
  // Python's arguments given by name as well as by position, as a caller may.
  const byName = withEnv(harnessSpecs('byName', python, '/workspace'), 'LOOM_DIFFERENTIAL_BY_NAME');
  const exampleCalls = EXAMPLE_ASKS * Math.max(0, ...examples.map((t) => t.inputs.length));
  // The examples asked again from an empty folder, named afresh: an answer right only where the
  // tests run (a file in the project's folder read over the one users get) is wrong for a
  // program started anywhere else.
  const folder = () => `/tmp/loom-elsewhere-${randomBytes(6).toString('hex')}`;
  // Each example right after each of the other functions' (JavaScript, Python): an answer that
  // holds only before (or after) another function was called (shared defaults one call
  // writes) is wrong for some caller.
  const elsewhere = withEnv(harnessSpecs('elsewhere', examples, '/workspace', exampleCalls, folder()), 'LOOM_DIFFERENTIAL_PAIRS');
  // The change's functions too, from another folder (runPlaceVerdict.ts, judgeElsewhere).
  const away = harnessSpecs('away', input.repeat ?? [], '/workspace', MIN_CALLS, folder());
  const specs = [...(['base', 'lab', 'first', 'second'] as const).flatMap((side) => harnessSpecs(side, sides[side], side === 'base' ? BASE_TREE : '/workspace')), ...optimized, ...overlapped, ...underRunner, ...byName, ...forked, ...harnessSpecs('examples', examples, '/workspace', exampleCalls), ...elsewhere, ...away];
  // The Lab's source where the held-out run had it; the base's in a worktree beside it, with the same installed dependencies.
  const reset = resetTo(input.sha, keptPaths(input.mounts, input.setupPaths), true);
  const setup = input.targets.length ? `${reset} && ${baseWorktree(BASE_TREE, input.baseSha)}` : reset;
  // The base answers first: the Lab's code, once it has run, could write into the base's worktree.
  const ordered = [...specs.filter((x) => x.side === 'base'), ...specs.filter((x) => x.side !== 'base')];
  const got = await callTargets(container, ordered, setup);
  // Where the Lab's answers moved with the folder, the base's function is asked both ways, in a
  // worktree of its own made now (the Lab's code has run: a name it cannot know).
  const moved = movedTargets(input.repeat ?? [], got.first ?? [], got.away ?? []);
  if (moved.length) {
    const tree = `/tmp/loom-base-${randomBytes(6).toString('hex')}`;
    const base = await callTargets(container, [...harnessSpecs('baseHere', moved, tree, MIN_CALLS, tree), ...harnessSpecs('baseAway', moved, tree, MIN_CALLS, folder())], baseWorktree(tree, input.baseSha));
    Object.assign(got, base);
  }
  const answers = { base: got.base ?? [], lab: got.lab ?? [], first: got.first ?? [], second: got.second ?? [], ...(optimized.length ? { optimized: got.optimized ?? [] } : {}), ...(overlapped.length ? { overlapped: got.overlapped ?? [] } : {}), ...(underRunner.length ? { underRunner: got.underRunner ?? [] } : {}), ...(byName.length ? { byName: got.byName ?? [] } : {}), ...(forked.length ? { forked: got.forked ?? [] } : {}), ...(examples.length ? { examples: got.examples ?? [], elsewhere: got.elsewhere ?? [] } : {}), ...(away.length ? { away: got.away ?? [], baseHere: got.baseHere ?? [], baseAway: got.baseAway ?? [] } : {}) };
  return { ...answers, durationMs: Date.now() - started };
}

/** The harness runs with `variable` set to 1 for them. */
const withEnv = (specs: HarnessSpec[], variable: string): HarnessSpec[] => specs.map((x) => ({ ...x, command: (answers: string) => `(export ${variable}=1; ${x.command(answers)})` }));

/** The shell step that checks the base out at `dir`, beside the workspace, with the same installed dependencies. */
const baseWorktree = (dir: string, sha: string): string => `git worktree add -q -f --detach ${dir} ${sha} && for d in node_modules .venv; do [ -e "$d" ] && ln -s "$PWD/$d" ${dir}/$d; done; true`;

/**
 * The shell step that runs the Python harness from a test of a module put beside the project's
 * tests for this run alone (`dir`, relative to the workspace), under the project's pytest (its
 * configuration and the conftest.py files above it, its options left out): named afresh each
 * generation, so no code of the change can know it.
 */
export function underPytest(spec: string, answers: string, tag: string, dir = ''): string {
  const file = `${dir ? `${dir.replace(/\/+$/, '')}/` : ''}test_loom_${tag}.py`;
  const module = [
    'import runpy, sys',
    `def test_loom_${tag}():`,
    `    sys.argv = ["harness.py", ${JSON.stringify(spec)}, ${JSON.stringify(answers)}]`,
    '    runpy.run_path("/loom/differential/harness.py", run_name="__main__")',
  ].join('\n');
  return `PY=python3; [ -x .venv/bin/python ] && PY=.venv/bin/python; printf '%s\\n' ${shellQuote(module)} > ${shellQuote(file)} && "$PY" -m pytest -q -p no:cacheprovider -o addopts= ${shellQuote(file)} >/dev/null 2>&1; rc=$?; rm -f ${shellQuote(file)}; exit $rc`;
}

export interface HarnessSpec {
  /** Which set of answers this run gives (a side, a mutant). */
  side: string;
  targets: DifferentialTarget[];
  /** Where the harness's input (or, for Go, the harness itself) is put, under /. */
  name: string;
  content: string;
  command: (answersFile: string) => string;
}

/**
 * The harness runs that call `targets` on the tree at `root`: one per language, one per Go
 * package folder; from `cwd`, made for the run, when given (else from the workspace).
 */
export function harnessSpecs(side: string, all: DifferentialTarget[], root: string, minCalls = MIN_CALLS, cwd?: string): HarnessSpec[] {
  const out: HarnessSpec[] = [];
  // Which added code each call runs is recorded once, on the first fresh process (verify/specialPaths.ts).
  const targets = side === 'first' ? all : all.map(({ added: _a, ...t }) => t);
  for (const lang of ['js', 'python'] as const) {
    const mine = targets.filter((t) => differentialLanguage(t.file) === lang);
    if (!mine.length) continue;
    const name = `loom/differential/${side}-${lang}.json`;
    const into = cwd ? `mkdir -p ${shellQuote(cwd)} && cd ${shellQuote(cwd)} && ` : '';
    const run = lang === 'js' ? `${into}node /loom/differential/harness.mjs /${name}` : `PY=python3; [ -x .venv/bin/python ] && PY="$PWD/.venv/bin/python"; ${into}"$PY" /loom/differential/harness.py /${name}`;
    out.push({ side, targets: mine, name, content: JSON.stringify({ root, targets: mine, minCalls, acrossBudgetMs: ACROSS_BUDGET_MS }), command: (answers) => `${run} ${answers}` });
  }
  // Go: one test file per package folder, written into the folder for the run and removed after it.
  const byDir = new Map<string, DifferentialTarget[]>();
  for (const t of targets.filter((x) => differentialLanguage(x.file) === 'go' && x.go)) byDir.set(posix.dirname(t.file), [...(byDir.get(posix.dirname(t.file)) ?? []), t]);
  [...byDir].forEach(([dir, mine], k) => {
    const name = `loom/differential/${side}-go-${k}.go`;
    const placed = `${root}/${dir}/loom_differential_test.go`;
    // Which added lines each first call runs: the functions' files instrumented by `go tool
    // cover` for this run alone (one counter variable per file), and put back after it.
    const covered = [...new Set(mine.filter((t) => t.added?.length).map((t) => t.file))];
    const variable = (file: string) => `LoomCov${covered.indexOf(file)}`;
    const content = goHarness(mine[0]!.go!.package, mine.map((t) => ({ file: t.file, name: t.name, params: t.go!.params, ...(t.go!.inputParams ? { inputParams: t.go!.inputParams } : {}), inputs: t.inputs, order: callOrder(t.inputs.length, minCalls), values: t.values, ...(t.across?.length ? { across: t.across, acrossBudgetMs: ACROSS_BUDGET_MS } : {}), ...(t.added?.length ? { cover: { variable: variable(t.file), added: [...new Set(t.added.map(([, , line]) => line))] } } : {}) })));
    const keep = (f: string, j: number) => `/tmp/loom-cover-${k}-${j}.go`;
    const instrument = covered.map((f, j) => `go tool cover -mode=count -var=${variable(f)} -o ${keep(f, j)}.cover ${shellQuote(f)} && cp ${shellQuote(f)} ${keep(f, j)} && cp ${keep(f, j)}.cover ${shellQuote(f)}`).join(' && ');
    const restore = covered.map((f, j) => `[ -e ${keep(f, j)} ] && cp ${keep(f, j)} ${shellQuote(`${root}/${f}`)}`).join('; ');
    out.push({ side, targets: mine, name, content, command: (answers) => `${GO_PREPARE} && cp /${name} ${shellQuote(placed)} && (cd ${root} && ${instrument ? `${instrument} && ` : ''}${cwd ? `mkdir -p ${shellQuote(cwd)} && LOOM_DIFFERENTIAL_CWD=${shellQuote(cwd)} ` : ''}LOOM_DIFFERENTIAL_OUT=${answers} go test -count=1 -run '^TestLoomDifferential$' -timeout 100s ${shellQuote(`./${dir}`)}); rc=$?; ${restore ? `${restore}; ` : ''}rm -f ${shellQuote(placed)}; exit $rc` });
  });
  return out;
}

/**
 * Runs the harness specs in order, as the Lab user, every process killed after each; `setup`
 * before the first, and a spec's own `before` (a mutant put in place) before it. Answers by
 * side; a target that could not be called answers nothing and says why.
 */
export async function callTargets(container: Docker.Container, specs: Array<HarnessSpec & { before?: string }>, setup?: string): Promise<Record<string, DifferentialAnswers[]>> {
  await putRootFiles(container, '/', [{ name: 'loom/differential/harness.mjs', content: JS_HARNESS }, { name: 'loom/differential/harness.py', content: PY_HARNESS }, ...specs.map((s) => ({ name: s.name, content: s.content }))]);
  const answers: Record<string, DifferentialAnswers[]> = {};
  for (const [k, s] of specs.entries()) {
    const reportDir = newReportDir();
    const answersFile = `${reportDir}/answers.json`;
    const before = [k === 0 ? setup : undefined, s.before].filter(Boolean).join(' && ') || undefined;
    const out = await runTestCommand(container, { command: s.command(answersFile), env: runEnvironment({}), timeoutSec: 120, setup: before, maxOutputBytes: 16 * 1024 }, reportDir);
    if (out.setupFailed) throw new Error(`the differential check could not be set up: ${out.setupFailed}`);
    let parsed: DifferentialAnswers[] = [];
    try {
      parsed = JSON.parse(out.reports['answers.json'] ?? '[]') as DifferentialAnswers[];
    } catch {
      parsed = [];
    }
    // A harness that wrote nothing (it timed out, the code ended the process, Go's would not build) answered nothing.
    const why = out.timedOut ? 'the calls did not finish within 120 s' : `the harness wrote no answers (exit ${out.exitCode}${out.stdout.trim() ? `: ${out.stdout.trim().split('\n').slice(-3).join(' ').slice(0, 300)}` : ''})`;
    const mine = (answers[s.side] ??= []);
    for (const t of s.targets) mine.push(parsed.find((a) => a.file === t.file && a.name === t.name) ?? { file: t.file, name: t.name, answers: [], error: why });
  }
  return answers;
}
