import { randomInt } from 'node:crypto';
import { executed } from '../verify/blockCoverage';
import { coverageRun } from './coverageRun';
import { PLAIN_JS } from '../runners/nodeCoverage';
import { commitFiles, lsTree, readFiles } from '../git/gitObjects';
import { gitIn } from '../git/gitCommand';
import { artifactExclusions } from '../git/reviewDiff';
import type Docker from 'dockerode';
import { putRootFiles } from '../lab/labContainer';
import { changedRanges, lineQueues } from '../verify/mutantSchedule';
import { neutralEdit } from '../verify/neutralEdit';
import { tsconfigDirs, twinCandidates, twinnedSources } from '../verify/compiledTwin';
import { referencesOf, type Reference } from '../verify/exercisedCode';
import { importClosure, isJsLike, unresolvedImports } from '../verify/jsImports';
import { pythonReferences } from '../verify/exercisedCodePyGo';
import { generateMutants, selectMutants, applyMutant, type Mutant, type MutationTarget } from '../verify/mutants';
import { inside, throwSpans } from '../verify/errorPaths';
import { needsOtherTests, type MutantOutcome, type NewTest } from '../verify/mutationVerdict';
import { packMutationEvidence, type MeasuredMutants, type MutationMeasurement } from '../verify/mutationEvidence';
import { asRecord, parseJsonObject, protectedPath } from '../verify/protectedSurface';
import { runnerNamed } from '../runners/registry';
import type { RunnerPlan } from '../runners/runner';
import { caseMap, casesOf, crashMessage, FILE_LEVEL, testId, type TestRun } from '../verify/testResults';
import { isEvaluationPath } from '../verify/testPaths';
import { withHeartbeat } from './heartbeat';
import { keptPaths, placeFile, probeRun, resetTo } from './probeRun';
import { callSurvivors, type SurvivorCalls } from './survivorCalls';
import { CALLED_MUTATORS, type DifferentialTarget } from '../verify/differentialVerdict';

export interface MutationInput {
  baseSha: string;
  labSha: string;
  testCommand: string;
  mounts?: string[];
  setupPaths?: string[];
  /** Seconds the Lab's own run could take: a mutant's run is cut shorter still. */
  timeoutSec: number;
  /** The runs the mutants are measured against: new tests are the Lab's, not the base's. */
  baseRun: TestRun;
  labRun: TestRun;
  labRunMs: number;
  /** At most this many mutants of what the new tests exercise (verification.maxMutants). */
  maxMutants: number;
  /** Seconds the whole stage may take before the rest of the mutants are left unrun. */
  budgetSec?: number;
  /** The change's functions, with inputs near the tests' own: its surviving mutants are called like them. */
  calls?: DifferentialTarget[];
}

export interface MutationTestResult {
  /** Why no mutant ran (nothing mutable changed or exercised). */
  skipped?: string;
  engine: string;
  generated: number;
  /** What the runs measured, the control run's result among it: the workflow judges it (verify/mutationEvidence.ts). */
  measured: MeasuredMutants;
  /** The surviving mutants of changed lines inside a callable function, called like it (judged by judgeSurvivors). */
  survivorCalls?: SurvivorCalls;
  /** Changed TypeScript files judged through their committed JavaScript ("src/a.ts → src/a.js"). */
  judgedThrough?: string[];
  durationMs: number;
}

/**
 * Mutation testing of the change, in the container where the Lab's own run just ended:
 * mutants of the lines it changed and of the code its new tests exercise, each run through
 * the tests that reach it, with the workspace, /tmp, the home folder and shared memory
 * reset before every run, every process killed after it, and one unchanged control run
 * among them at a random place. `src` holds the commits; `plan` says how to read results.
 */
export async function mutationStage(input: MutationInput, src: string, planned: RunnerPlan, container: Docker.Container): Promise<MutationTestResult> {
  const started = Date.now();
  // The runner alone (on chosen test files) only where the command does no more than start it:
  // a command whose run rewrote tracked files its tests then read (a build in a pretest hook)
  // runs whole for every mutant, or the tests would read the old build.
  const plan = input.labRun.rebuilt?.length ? { ...planned, direct: undefined } : planned;
  // What to mutate.
  const reported = new Set(input.baseRun.files);
  const isSource = (p: string) => !isEvaluationPath(p, reported) && protectedPath(p) === undefined && !/(?:^|\/)package(?:-lock)?\.json$/.test(p);
  const [tree, diff] = await Promise.all([lsTree(src, input.labSha), gitIn(src).text(['diff', '--no-color', '--no-ext-diff', '--no-renames', input.baseSha, input.labSha, '--', '.', ...artifactExclusions()])]);
  const files = new Set([...tree].filter(([, e]) => e.type === 'blob' && e.mode !== '120000').map(([p]) => p));
  const base = caseMap(input.baseRun);
  const runner = runnerNamed(plan.runner);
  const commit = commitFiles(src, input.labSha);
  const added = [...caseMap(input.labRun).values()].filter((c) => c.status === 'passed' && c.name !== FILE_LEVEL && !base.has(testId(c.file, c.name)));
  // Where a report names something other than the file a test is written in (go: its package folder), the runner places it.
  const written = runner?.sourceFiles ? await runner.sourceFiles(added, commit) : [];
  const newTests: NewTest[] = added.map((c, i) => ({ id: testId(c.file, c.name), file: written[i] ?? c.file }));
  const nameOf = new Map(added.map((c) => [testId(c.file, c.name), c.name]));
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
  await load([...changed.keys(), ...runTestFiles, ...testFiles, 'package.json', 'tsconfig.json']);
  // A TypeScript file whose committed JavaScript is the same program is judged through that
  // JavaScript's lines, which the tests run; its own lines no test can ever reach.
  const tsChanged = [...changed.keys()].filter((f) => /\.[cm]?tsx?$/.test(f));
  const tsconfig = tsconfigDirs(read('tsconfig.json'));
  await load(tsChanged.flatMap((f) => twinCandidates(f, files, tsconfig)));
  const twins = twinnedSources(tsChanged, read, files, tsconfig);
  for (const ts of twins.keys()) changed.delete(ts);
  const judgedThrough = twins.size ? { judgedThrough: [...twins].map(([ts, js]) => `${ts} → ${js}`) } : {};
  const pkg = parseJsonObject(read('package.json'));
  const dependencies = new Set(pkg && pkg !== 'invalid' ? ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'].flatMap((f) => Object.keys(asRecord(pkg[f]))) : []);
  const references: Record<string, Reference[]> = {};
  const unresolved: Record<string, string[]> = {};
  // What a Python or Go test exercises is read from its imports (and, for Go, the functions
  // its own test function names); a language Loom cannot follow leaves the test "not
  // measured", never taken for nothing.
  const pyOrGo = [...files].filter((f) => /\.pyw?$/.test(f) || (f.endsWith('.go') && !f.endsWith('_test.go')));
  if (testFiles.some((f) => !isJsLike(f))) await load(pyOrGo.slice(0, 3000));
  for (const f of testFiles) {
    unresolved[f] = [];
    // What each test reaches, where the runner can tell from the test's own code (go: the functions its test function names).
    const own = await runner?.reaches?.(f, newTests.filter((x) => x.file === f).map((t) => ({ id: t.id, name: nameOf.get(t.id)! })), { read, files, isSource, goModule: plan.goModule });
    if (own) {
      for (const [id, r] of own) {
        references[id] = r.references;
        if (r.unresolved.length) unresolved[id] = r.unresolved;
      }
      references[f] = [];
    } else if (/\.pyw?$/.test(f)) {
      references[f] = await pythonReferences(f, read(f) ?? '', read, files, isSource);
    } else if (isJsLike(f)) {
      references[f] = await settle(() => referencesOf(f, read, files, isSource));
      unresolved[f] = unresolvedImports(f, read(f) ?? '', files, dependencies);
    } else {
      references[f] = [];
      unresolved[f] = ['imports of this language are not followed'];
    }
  }
  const reach = new Map<string, Set<string>>();
  const everywhere: string[] = [];
  for (const f of runTestFiles) {
    reach.set(f, await settle(() => importClosure(f, read, files, isSource)));
    // A test whose imports Loom cannot follow might reach anything: it runs with every mutant.
    if (!isJsLike(f) || unresolvedImports(f, read(f) ?? '', files, dependencies).some((u) => u.startsWith('.') || !u.startsWith('@types'))) everywhere.push(f);
  }
  // A test declared in a helper that test files import (a table helper's `it`) runs the body
  // such a file gave it: it reaches what the files that import the helper reach.
  for (const f of testFiles) {
    if (!isJsLike(f) || references[f]?.length) continue;
    const entries = runTestFiles.filter((e) => e !== f && isJsLike(e) && importClosure(e, read, files, () => true).has(f));
    for (const e of entries) references[f] = [...(references[f] ?? []), ...(references[e] ?? (await settle(() => referencesOf(e, read, files, isSource))))];
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
  // One group per declaration or method a new test reaches, so the sample meets each of them (a class's constructor and the method the test calls alike).
  const groupOf = (m: Mutant) => `exercised:${m.file}:${Object.values(references).flat().flatMap((r) => (r.file === m.file ? r.ranges ?? [] : [])).find((x) => m.line >= x.start && m.line <= x.end)?.start ?? '*'}`;
  // Every changed line gets a mutant of its own, and more while they survive (lineQueues);
  // what the new tests exercise gets up to maxMutants more, spread over its declarations.
  const lines = lineQueues(all.filter((m) => m.origin === 'changed'), MUTANTS_PER_LINE);
  // The new tests are judged by the mutants of what they exercise, changed or not: enough of them that each test meets several.
  const firsts = new Set(lines.map((q) => q[0]!));
  const referenced = all.filter((m) => !firsts.has(m) && Object.values(references).some((refs) => refs.some((r) => r.file === m.file)));
  const exercisedPicks = selectMutants(referenced, input.maxMutants, groupOf);
  // A changed line's returned value shifted to another of its kind always runs, caught or not
  // its line's other mutants: only it tells a test that looks at the value from one that looks
  // at its kind (mutationVerdict.ts).
  const shifts = all.filter((m) => m.origin === 'changed' && m.mutator === 'ReturnValueShift');
  const candidates = [...new Set([...lines.flat(), ...shifts, ...exercisedPicks])];
  const engine = "Stryker's instrumenter for JS/TS (plus number literals), Loom's line mutator otherwise";
  // A report that names classes, not files (JUnit), cannot say what a new test imports: those are not judged.
  const unplaced = newTests.filter((t) => !files.has(t.file)).map((t) => t.id);
  const evidence = { newTests: newTests.filter((t) => files.has(t.file)), unplaced, references, unresolved, exitCodeOnly: plan.runner === 'exit-code', baseTests: new Set(base.keys()) };
  // Measured here, judged in the workflow beside the other verdicts.
  const measured = (e: Pick<MutationMeasurement, 'outcomes' | 'control' | 'unrunLines' | 'errorPathLines'>) => packMutationEvidence({ ...evidence, ...e });
  if (!candidates.length) {
    return { skipped: 'no mutable code was changed or exercised by new tests', engine, generated: all.length, ...judgedThrough, measured: measured({ outcomes: [], control: { ok: true, detail: 'not run' } }), durationMs: Date.now() - started };
  }

  // Mutants live where the tests can read but not change them, each written just before its
  // run: a generated file of many lines has more mutants than memory holds copies of it.
  const index = new Map(candidates.map((m, k) => [m, k]));
  // The control run: every mutated file the same program written differently (verify/neutralEdit.ts).
  const editedFiles = [...new Set(candidates.map((m) => m.file))];
  await putRootFiles(container, '/', await Promise.all(editedFiles.map(async (f, k) => ({ name: `loom/mutants/control-${k}`, content: await neutralEdit(f, read(f)!) }))));
  const placeControl = editedFiles.map((f, k) => placeFile(`/loom/mutants/control-${k}`, f)).join(' && ');
  // Everything a previous run wrote is gone before the next (probeRun.ts).
  const reset = resetTo(input.labSha, keptPaths(input.mounts, input.setupPaths));
  // A mutant may loop forever: it gets three times the Lab's own run, and at least 10 s.
  const timeoutSec = Math.min(input.timeoutSec, Math.max(10, Math.ceil((input.labRunMs / 1000) * 3) + 5));
  const budgetMs = (input.budgetSec ?? Math.max(180, Math.ceil((input.labRunMs / 1000) * 20))) * 1000;

  const outcomes: Array<MutantOutcome<Mutant>> = candidates.map((mutant) => ({ mutant, status: 'notRun', killedBy: [] }));
  const outcomeOf = (m: Mutant) => outcomes[index.get(m)!]!;
  // Each mutant runs only the test files that reach its file, through the runner alone when
  // it can run alone; the control run runs every test file any mutant may run.
  const reaching = (m: Mutant) => (plan.direct && runTestFiles.length && isJsLike(m.file) ? testsFor(m.file) : undefined);
  const selections = candidates.map(reaching);
  const controlTests = selections.every((f) => f !== undefined) ? [...new Set(selections.flat() as string[])].sort() : undefined;
  // A mutant of code the change did not touch is there to judge the new tests: it runs through
  // the new test files alone, and through the rest too only where a new test's verdict asks
  // whether other tests catch it (needsOtherTests).
  const newTestFiles = new Set(testFiles);
  const selectionOf = (m: Mutant, wide: boolean): { files?: string[]; narrowed: boolean } => {
    const all = reaching(m);
    const own = all?.filter((f) => newTestFiles.has(f));
    return wide || m.origin === 'changed' || !own?.length || own.length === all!.length ? { files: all, narrowed: false } : { files: own, narrowed: true };
  };
  const narrowed = new Set<MutantOutcome<Mutant>>();
  let control = { ok: false, detail: 'the control run did not run' };
  let runs = 0;
  const runOne = async (which: Mutant | 'control', wide = false) => {
    if (which !== 'control' && outcomeOf(which).status === 'unexecuted') return;
    // A mutant no test imports its way to may still be reached (a test that runs a script by
    // its path): it runs with every test file rather than survive unseen.
    const selection = which === 'control' ? undefined : selectionOf(which, wide);
    const selected = selection?.files;
    if (which !== 'control') {
      if (selection!.narrowed) narrowed.add(outcomeOf(which));
      else narrowed.delete(outcomeOf(which));
    }
    const chosen = which === 'control' ? controlTests : selected?.length ? selected : runTestFiles.length && plan.direct ? runTestFiles : undefined;
    if (which !== 'control') await putRootFiles(container, '/', [{ name: `loom/mutants/${index.get(which)}`, content: applyMutant(read(which.file)!, which) }]);
    const setup = [reset, plan.prepare, which === 'control' ? placeControl : placeFile(`/loom/mutants/${index.get(which)}`, which.file)].filter(Boolean).join(' && ');
    const out = await probeRun(container, plan, input.testCommand, { setup, files: chosen, timeoutSec, commit });
    runs++;
    if (out.setupFailed) throw new Error(`the mutation run could not be set up: ${out.setupFailed}`);
    const failed = casesOf(out.run).filter((c) => c.status === 'failed').map((c) => testId(c.file, c.name));
    const { exitCode, timedOut, problems } = out.run;
    if (which === 'control') {
      const ok = exitCode === 0 && !timedOut && failed.length === 0 && problems.length === 0;
      control = { ok, detail: ok ? 'passed' : failed.length ? `${failed.length} failed: ${failed.slice(0, 5).join('; ')}` : timedOut ? 'timed out' : problems[0] ?? `exit ${exitCode}` };
      return;
    }
    const o = outcomeOf(which);
    o.killedBy = failed;
    if (timedOut) o.status = 'timeout';
    else if (failed.length || exitCode !== 0) o.status = 'killed';
    else o.status = problems.length ? 'error' : 'survived';
    if (o.status === 'timeout' || o.status === 'killed') {
      const failures = casesOf(out.run).filter((c) => c.status === 'failed');
      if (timedOut || (failures.length > 0 && failures.every((c) => crashMessage(c.message)))) o.crashed = true;
      else delete o.crashed;
    }
  };
  // Which parts of the changed JavaScript the tests run at all (V8's block coverage): a mutant
  // in code no test runs cannot be caught, and marks its line untested without a run.
  const addedLines = new Map([...changed].map(([f, rs]) => [f, rs.flatMap((r) => Array.from({ length: r.end - r.start + 1 }, (_, k) => r.start + k))]));
  const coverage = await coverageRun(container, { testCommand: input.testCommand, plan, setup: [reset, plan.prepare].filter(Boolean).join(' && '), changed: addedLines, tests: controlTests, timeoutSec, read, commit });
  const throws = new Map<string, Array<[number, number]>>();
  for (const o of outcomes) {
    if (o.mutant.origin === 'changed' && PLAIN_JS.test(o.mutant.file) && !coverage.programs?.get(o.mutant.file)?.has(o.mutant.line) && executed(coverage.blocks, o.mutant.file, o.mutant.start, o.mutant.end) === false) {
      o.status = 'unexecuted';
      if (!throws.has(o.mutant.file)) throws.set(o.mutant.file, throwSpans(read(o.mutant.file) ?? '', o.mutant.file));
      if (inside(throws.get(o.mutant.file)!, o.mutant.start, o.mutant.end)) o.errorPath = true;
    }
  }
  const unrunLines = [...coverage.unrun].flatMap(([f, ls]) => ls.map((n) => `${f}:${n}`));
  const errorPathLines = [...(coverage.errorPaths ?? [])].flatMap(([f, ls]) => ls.map((n) => `${f}:${n}`));
  const within = () => Date.now() - started <= budgetMs && runs < MAX_RUNS;
  await withHeartbeat(
    () => ({ step: 'mutation', done: runs, of: candidates.length + 1 }),
    (async () => {
      // First a mutant of every changed line, the shifted returns and the exercised picks, the control among them at random.
      const first: Array<Mutant | 'control'> = [...new Set([...lines.map((q) => q[0]!), ...shifts, ...exercisedPicks])];
      first.splice(randomInt(first.length + 1), 0, 'control');
      for (const which of first) if (which === 'control' || within()) await runOne(which);
      // Then, for each line none of whose mutants was caught yet, its next mutant.
      for (let round = 1; round < MUTANTS_PER_LINE; round++) {
        for (const q of lines) {
          const next = q[round];
          if (!next || !within() || outcomeOf(next).status !== 'notRun' || q.slice(0, round).some((m) => ['killed', 'timeout'].includes(outcomeOf(m).status))) continue;
          await runOne(next);
        }
      }
      // Then the mutants that ran through the new tests alone, through every test that reaches
      // them, where a new test's verdict asks whether the others catch them.
      for (const o of needsOtherTests(outcomes, evidence.newTests, references)) if (narrowed.has(o) && within()) await runOne(o.mutant, true);
    })(),
  );
  // The unchanged tree failing through the runner alone, where the whole command passed it,
  // says the command does something the tests need (a build of ignored files): again, whole.
  if (!control.ok && plan.direct && input.labRun.exitCode === 0) return mutationStage(input, src, { ...plan, direct: undefined }, container);
  const survivorCalls = await callSurvivors(container, input.calls ?? [], outcomes.filter((o) => o.status === 'survived' && o.mutant.origin === 'changed' && CALLED_MUTATORS.has(o.mutant.mutator)).map((o) => ({ mutant: o.mutant, file: `/loom/mutants/${index.get(o.mutant)}` })), read, reset);
  return { engine, generated: all.length, ...judgedThrough, measured: measured({ outcomes, control, unrunLines, errorPathLines }), ...(survivorCalls ? { survivorCalls } : {}), durationMs: Date.now() - started };
}

/** Mutants tried per changed line at most, while none is caught. */
const MUTANTS_PER_LINE = 4;
/** Mutant runs per generation at most, besides the time budget. */
const MAX_RUNS = 250;
