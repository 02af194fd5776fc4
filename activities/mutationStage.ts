import { randomInt } from 'node:crypto';
import { lsTree, readFiles } from '../git/gitObjects';
import { gitIn } from '../git/gitCommand';
import { artifactExclusions } from '../git/reviewDiff';
import type Docker from 'dockerode';
import { putRootFiles } from '../lab/labContainer';
import { parseDiff } from '../verify/diffParse';
import { importClosure, isJsLike, referencesOf, unresolvedImports, type Reference } from '../verify/exercisedCode';
import { generateMutants, selectMutants, applyMutant, type Mutant, type MutationTarget } from '../verify/mutants';
import { judgeMutation, survivors, type MutantOutcome, type MutationVerdict, type NewTest } from '../verify/mutationVerdict';
import { asRecord, parseJsonObject, protectedPath } from '../verify/protectedSurface';
import type { RunnerPlan } from '../verify/runners';
import { caseMap, casesOf, FILE_LEVEL, testId, type TestRun } from '../verify/testResults';
import { isEvaluationPath } from '../verify/testPaths';
import { type LoomDeps } from './deps';
import { withHeartbeat } from './heartbeat';
import { DEFAULT_TEST_TIMEOUT_SEC } from '../config/settings';
import { DEFAULT_MAX_MUTANTS } from '../generation/record';
import { keptPaths, placeFile, probeRun, resetTo } from './probeRun';

export interface MutationInput {
  baseSha: string;
  labSha: string;
  testCommand: string;
  mounts?: string[];
  setupPaths?: string[];
  timeoutSec?: number;
  /** The runs the mutants are measured against: new tests are the Lab's, not the base's. */
  baseRun: TestRun;
  labRun: TestRun;
  labRunMs: number;
  /** At most this many mutants (12 by default). */
  maxMutants?: number;
  /** Seconds the whole stage may take before the rest of the mutants are left unrun. */
  budgetSec?: number;
}

export interface MutationTestResult {
  /** Why no mutant ran (nothing mutable changed or exercised). */
  skipped?: string;
  engine: string;
  generated: number;
  outcomes: MutantOutcome[];
  control: { ok: boolean; detail: string };
  verdict: MutationVerdict;
  survivors: string[];
  newTests: string[];
  durationMs: number;
}

/** Added lines of each changed source file, as ranges. */
function changedRanges(diff: string, isSource: (p: string) => boolean): Map<string, Array<{ start: number; end: number }>> {
  const out = new Map<string, Array<{ start: number; end: number }>>();
  for (const c of parseDiff(diff)) {
    if (!c.newPath || !isSource(c.newPath)) continue;
    const ranges: Array<{ start: number; end: number }> = [];
    for (const l of c.added) {
      if (!l.text.trim()) continue;
      const last = ranges[ranges.length - 1];
      if (last && l.line === last.end + 1) last.end = l.line;
      else ranges.push({ start: l.line, end: l.line });
    }
    if (ranges.length) out.set(c.newPath, ranges);
  }
  return out;
}

/**
 * Mutation testing of the change, in the container where the Lab's own run just ended:
 * mutants of the lines it changed and of the code its new tests exercise, each run through
 * the tests that reach it, with the workspace, /tmp, the home folder and shared memory
 * reset before every run, every process killed after it, and one unchanged control run
 * among them at a random place. `src` holds the commits; `plan` says how to read results.
 */
export async function mutationStage(deps: LoomDeps, input: MutationInput, src: string, plan: RunnerPlan, container: Docker.Container): Promise<MutationTestResult> {
  const started = Date.now();
  // What to mutate.
  const reported = new Set(input.baseRun.files);
  const isSource = (p: string) => !isEvaluationPath(p, reported) && protectedPath(p) === undefined && !/(?:^|\/)package(?:-lock)?\.json$/.test(p);
  const [tree, diff] = await Promise.all([lsTree(src, input.labSha), gitIn(src).text(['diff', '--no-color', '--no-ext-diff', '--no-renames', input.baseSha, input.labSha, '--', '.', ...artifactExclusions()])]);
  const files = new Set([...tree].filter(([, e]) => e.type === 'blob' && e.mode !== '120000').map(([p]) => p));
  const base = caseMap(input.baseRun);
  const newTests: NewTest[] = [...caseMap(input.labRun).values()].filter((c) => c.status === 'passed' && c.name !== FILE_LEVEL && !base.has(testId(c.file, c.name))).map((c) => ({ id: testId(c.file, c.name), file: c.file }));
  const testFiles = [...new Set(newTests.map((t) => t.file))].filter((f) => files.has(f));

  const changed = changedRanges(diff, isSource);
  // File contents, read in batches as the import graph asks for them.
  const cache = new Map<string, string | undefined>();
  let misses = new Set<string>();
  const read = (p: string) => {
    if (!cache.has(p) && files.has(p)) misses.add(p);
    return cache.get(p);
  };
  const load = async (paths: string[]) => {
    const need = paths.filter((p) => !cache.has(p) && files.has(p));
    const got = await readFiles(src, input.labSha, need);
    for (const p of need) cache.set(p, got.get(p));
  };
  const settle = async <T>(fn: () => T): Promise<T> => {
    for (let i = 0; i < 30; i++) {
      misses = new Set();
      const r = fn();
      if (!misses.size) return r;
      await load([...misses]);
    }
    return fn();
  };
  // Every test file the Lab's run ran, and what each reaches: a mutant runs only the tests that can see it.
  const runTestFiles = [...new Set(input.labRun.files)].filter((f) => files.has(f));
  await load([...changed.keys(), ...runTestFiles, 'package.json']);
  const pkg = parseJsonObject(read('package.json'));
  const dependencies = new Set(pkg && pkg !== 'invalid' ? ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'].flatMap((f) => Object.keys(asRecord(pkg[f]))) : []);
  const references: Record<string, Reference[]> = {};
  const unresolved: Record<string, string[]> = {};
  for (const f of testFiles) {
    // Loom follows JavaScript and TypeScript imports only: what a Python or Go test reaches is
    // not measured, never taken for nothing.
    if (!isJsLike(f)) {
      references[f] = [];
      unresolved[f] = ['imports of this language are not followed'];
      continue;
    }
    references[f] = await settle(() => referencesOf(f, read, files, isSource));
    unresolved[f] = unresolvedImports(f, read(f) ?? '', files, dependencies);
  }
  const reach = new Map<string, Set<string>>();
  const everywhere: string[] = [];
  for (const f of runTestFiles) {
    reach.set(f, await settle(() => importClosure(f, read, files, isSource)));
    // A test whose imports Loom cannot follow might reach anything: it runs with every mutant.
    if (!isJsLike(f) || unresolvedImports(f, read(f) ?? '', files, dependencies).some((u) => u.startsWith('.') || !u.startsWith('@types'))) everywhere.push(f);
  }
  const testsFor = (file: string) => [...new Set([...runTestFiles.filter((f) => reach.get(f)?.has(file) || f === file), ...everywhere])].sort();

  const targets = new Map<string, MutationTarget>();
  const target = (file: string) => {
    const content = read(file);
    if (content === undefined || content.includes('\0')) return undefined;
    const t = targets.get(file) ?? { file, content, ranges: [] };
    targets.set(file, t);
    return t;
  };
  for (const [file, ranges] of changed) target(file)?.ranges.push(...ranges.map((r) => ({ ...r, origin: 'changed' as const })));
  for (const refs of Object.values(references)) {
    for (const r of refs) {
      const t = target(r.file);
      if (!t) continue;
      const lines = t.content.split('\n').length;
      for (const range of r.ranges ?? [{ start: 1, end: lines }]) t.ranges.push({ ...range, origin: 'exercised' });
    }
  }
  const all = await generateMutants([...targets.values()].filter((t) => t.ranges.length));
  const groupOf = (m: Mutant) => (m.origin === 'changed' ? `changed:${m.file}` : `exercised:${m.file}:${Object.values(references).flat().find((r) => r.file === m.file && r.ranges?.some((x) => m.line >= x.start && m.line <= x.end))?.names.join(',') ?? '*'}`);
  const selected = selectMutants(all, input.maxMutants ?? DEFAULT_MAX_MUTANTS, groupOf);
  const engine = "Stryker's instrumenter for JS/TS, Loom's line mutator otherwise";
  // A report that names classes, not files (JUnit), cannot say what a new test imports: those are not judged.
  const unplaced = newTests.filter((t) => !files.has(t.file)).map((t) => t.id);
  const evidence = { newTests: newTests.filter((t) => files.has(t.file)), references, unresolved, exitCodeOnly: plan.runner === 'exit-code' };
  const judge = (e: Parameters<typeof judgeMutation>[0]) => {
    const v = judgeMutation(e);
    return { ...v, notMeasured: [...v.notMeasured, ...unplaced] };
  };
  if (!selected.length) {
    const control = { ok: true, detail: 'not run' };
    return { skipped: 'no mutable code was changed or exercised by new tests', engine, generated: all.length, outcomes: [], control, verdict: judge({ outcomes: [], control, ...evidence }), survivors: [], newTests: newTests.map((t) => t.id), durationMs: Date.now() - started };
  }

  // Mutants live where the tests can read but not change them.
  const controlFile = selected[0]!.file;
  await putRootFiles(container, '/', [...selected.map((m, k) => ({ name: `loom/mutants/${k}`, content: applyMutant(read(m.file)!, m) })), { name: 'loom/mutants/control', content: read(controlFile)! }]);
  // Everything a previous run wrote is gone before the next (probeRun.ts).
  const reset = resetTo(input.labSha, keptPaths(input.mounts, input.setupPaths));
  // A mutant may loop forever: it gets three times the Lab's own run, and at least 10 s.
  const timeoutSec = Math.min(input.timeoutSec ?? deps.testTimeoutSec ?? DEFAULT_TEST_TIMEOUT_SEC, Math.max(10, Math.ceil((input.labRunMs / 1000) * 3) + 5));
  const budgetMs = (input.budgetSec ?? Math.max(180, Math.ceil((input.labRunMs / 1000) * 20))) * 1000;
  const order: Array<number | 'control'> = selected.map((_, k) => k);
  order.splice(randomInt(order.length + 1), 0, 'control');

  const outcomes: MutantOutcome[] = selected.map((mutant) => ({ mutant, status: 'notRun', killedBy: [] }));
  // Each mutant runs only the test files that reach its file, through the runner alone when
  // it can run alone; the control run runs every test file any mutant ran.
  const selection = selected.map((m) => (plan.direct && runTestFiles.length && isJsLike(m.file) ? testsFor(m.file) : undefined));
  const controlFiles = selection.every((f) => f !== undefined) ? [...new Set(selection.flat() as string[])].sort() : undefined;
  let control = { ok: false, detail: 'the control run did not run' };
  let done = 0;
  const runOne = async (which: number | 'control') => {
    const chosen = which === 'control' ? controlFiles : selection[which];
    if (which !== 'control' && chosen && !chosen.length) {
      // No test can see this code: it survives without a run.
      outcomes[which]!.status = 'survived';
      return;
    }
    const file = which === 'control' ? controlFile : selected[which]!.file;
    const setup = [reset, plan.prepare, placeFile(`/loom/mutants/${which}`, file)].filter(Boolean).join(' && ');
    const out = await probeRun(container, plan, input.testCommand, { setup, files: chosen, timeoutSec });
    if (out.setupFailed) throw new Error(`the mutation run could not be set up: ${out.setupFailed}`);
    const failed = casesOf(out.run).filter((c) => c.status === 'failed').map((c) => testId(c.file, c.name));
    const { exitCode, timedOut, problems } = out.run;
    if (which === 'control') {
      const ok = exitCode === 0 && !timedOut && failed.length === 0 && problems.length === 0;
      control = { ok, detail: ok ? 'passed' : failed.length ? `${failed.length} failed: ${failed.slice(0, 5).join('; ')}` : timedOut ? 'timed out' : problems[0] ?? `exit ${exitCode}` };
      return;
    }
    const o = outcomes[which]!;
    o.killedBy = failed;
    if (timedOut) o.status = 'timeout';
    else if (failed.length || exitCode !== 0) o.status = 'killed';
    else o.status = problems.length ? 'error' : 'survived';
  };
  await withHeartbeat(
    () => ({ step: 'mutation', done, of: order.length }),
    (async () => {
      for (const which of order) {
        if (Date.now() - started > budgetMs && which !== 'control') continue;
        await runOne(which);
        done++;
      }
    })(),
  );
  const verdict = judge({ outcomes, control, ...evidence });
  return { engine, generated: all.length, outcomes, control, verdict, survivors: survivors(outcomes), newTests: newTests.map((t) => t.id), durationMs: Date.now() - started };
}
