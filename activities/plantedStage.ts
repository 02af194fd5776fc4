// Planted faults, run in the container where the held-out run just ended (verify/plantedFaults.ts
// says why). Each fault is a mutant of the base's source at code the change left as it was,
// put into the held-out tree; the base's tests that reach it run again. A fault the Lab's
// source lets through is tried on the base in the same container: caught there, it voids
// the held-out run; missed there too, it says nothing and the next one is tried.
import { randomInt } from 'node:crypto';
import type Docker from 'dockerode';
import { commitFiles, lsTree, readFiles } from '../git/gitObjects';
import { gitIn } from '../git/gitCommand';
import { artifactExclusions } from '../git/reviewDiff';
import { putRootFiles } from '../lab/labContainer';
import { parseDiff } from '../verify/diffParse';
import { importClosure, isJsLike } from '../verify/jsImports';
import { applyMutant, generateMutants, isMutable, type Mutant } from '../verify/mutants';
import { functionRanges, mentioned, type NamedRange } from '../verify/functionRanges';
import { chooseFaults, nudgeMutants, reachableFaultFiles, testsReaching, describeFault, newlyFailing, transplant, unchangedLines, type PlantedOutcome, type PlantedResult } from '../verify/plantedFaults';
import { protectedPath } from '../verify/protectedSurface';
import type { RunnerPlan } from '../runners/runner';
import type { TestRun } from '../verify/testResults';
import { isEvaluationPath } from '../verify/testPaths';
import { withHeartbeat } from './heartbeat';
import { keptPaths, placeFile, probeRun, resetTo } from './probeRun';

export interface PlantedInput {
  baseSha: string;
  /** The commit the container checked out: the held-out tree (or the Lab's own, when that is the held-out tree). */
  sha: string;
  testCommand: string;
  baseRun: TestRun;
  /** The clean run of `sha`, which each planted run is compared with. */
  cleanRun: TestRun;
  cleanRunMs: number;
  count: number;
  timeoutSec: number;
  mounts?: string[];
  setupPaths?: string[];
}

/** Files whose mutants are generated, at most: the changed files first, then a random sample of the rest. */
const MAX_FILES = 8;
/** Faults tried in all, including those the base's tests miss too. */
const extraTries = (count: number) => count + 4;

export async function plantedStage(input: PlantedInput, src: string, plan: RunnerPlan, container: Docker.Container): Promise<PlantedResult> {
  const started = Date.now();
  const reported = new Set(input.baseRun.files);
  const isSource = (p: string) => isMutable(p) && !isEvaluationPath(p, reported) && protectedPath(p) === undefined;
  const [baseTree, tree, diff] = await Promise.all([
    lsTree(src, input.baseSha),
    lsTree(src, input.sha),
    gitIn(src).text(['diff', '--no-color', '--no-ext-diff', '--no-renames', input.baseSha, input.sha, '--', '.', ...artifactExclusions()]),
  ]);
  const blobs = (t: typeof tree) => new Set([...t].filter(([, e]) => e.type === 'blob' && e.mode !== '120000').map(([p]) => p));
  const baseFiles = blobs(baseTree);
  const files = blobs(tree);
  const changes = new Map(parseDiff(diff).filter((c) => c.oldPath && c.newPath).map((c) => [c.oldPath!, c]));
  const deleted = new Set(parseDiff(diff).filter((c) => !c.newPath).map((c) => c.oldPath!));
  // Code in both trees that the base's tests can reach.
  let candidates = [...baseFiles].filter((p) => isSource(p) && files.has(p) && !deleted.has(p));
  const testFiles = [...reported].filter((f) => files.has(f));
  const cache = new Map<string, string | undefined>();
  const readAll = async (paths: string[], sha: string) => {
    const need = paths.filter((p) => !cache.has(`${sha}:${p}`));
    const got = await readFiles(src, sha, need);
    for (const p of need) cache.set(`${sha}:${p}`, got.get(p));
  };
  const jsTests = testFiles.filter(isJsLike);
  let reach: Map<string, Set<string>> | undefined;
  if (plan.direct && jsTests.length) {
    // Which test files reach which file, through imports (in the tree being verified). Code in
    // another language (a Python helper the JavaScript runs) is reached some other way: a fault
    // there runs the whole command.
    await readAll([...files].filter(isJsLike), input.sha);
    const read = (p: string) => cache.get(`${input.sha}:${p}`);
    reach = new Map(jsTests.map((t) => [t, importClosure(t, read, files, (p) => !isEvaluationPath(p, reported))]));
    candidates = reachableFaultFiles(candidates, reach, isJsLike);
  }
  if (!candidates.length) return { outcomes: [], skipped: 'no source code that the base tests reach is left unchanged', durationMs: Date.now() - started };
  const changed = new Set([...changes.keys()]);
  const near = candidates.filter((p) => changed.has(p));
  const far = candidates.filter((p) => !changed.has(p));
  for (let i = far.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [far[i], far[j]] = [far[j]!, far[i]!];
  }
  const sample = [...near.slice(0, MAX_FILES), ...far.slice(0, MAX_FILES)];
  await Promise.all([readAll([...sample, ...testFiles], input.baseSha), readAll(sample, input.sha)]);
  // Code the base's tests call by name: a fault there is the likeliest to be caught.
  const testTexts = testFiles.map((f) => cache.get(`${input.baseSha}:${f}`) ?? '');
  const tested = new Map<string, NamedRange[]>();
  for (const f of sample) tested.set(f, mentioned(await functionRanges(f, cache.get(`${input.baseSha}:${f}`) ?? ''), testTexts));

  // Mutants of the base's lines that the change left alone, placed at the same code in the tree under test.
  const placed: Array<{ base: Mutant; here: Mutant; tested: boolean }> = [];
  for (const file of sample) {
    const base = cache.get(`${input.baseSha}:${file}`);
    const here = cache.get(`${input.sha}:${file}`);
    if (base === undefined || here === undefined || base.includes('\0')) continue;
    const c = changes.get(file);
    const lines = unchangedLines(new Set(c?.removed.map((l) => l.line) ?? []), new Set(c?.added.map((l) => l.line) ?? []), base.split('\n').length);
    const ranges = [{ start: 1, end: base.split('\n').length, origin: 'exercised' as const }];
    for (const m of [...(await generateMutants([{ file, content: base, ranges }])), ...nudgeMutants(file, base)]) {
      const t = transplant(m, base, here, lines);
      if (t) placed.push({ base: m, here: t, tested: tested.get(file)!.some((r) => m.line >= r.start && m.line <= r.end) });
    }
  }
  const info = new Map(placed.map((p) => [p.here, p]));
  const rank = (m: Mutant) => (info.get(m)!.tested ? 0 : 2) + (changed.has(m.file) ? 0 : 1);
  // Faults of the oracle's precision first, in code the base's tests call, then the coarse ones.
  const nudges = placed.filter((p) => p.here.mutator === 'Nudge' && p.tested).map((p) => p.here);
  // Two at most: one may move a value no test compares closely, which the base misses too.
  // In files the change touched first: tests of the code it worked on are where a loosened oracle would serve it.
  const nudge = chooseFaults(nudges, (m) => (changed.has(m.file) ? 0 : 1), randomInt).slice(0, 2);
  const order = [...nudge, ...chooseFaults(placed.map((p) => p.here).filter((m) => m.mutator !== 'Nudge'), rank, randomInt)].slice(0, extraTries(input.count));
  if (!order.length) return { outcomes: [], skipped: 'no mutant of unchanged code could be made', durationMs: Date.now() - started };
  const baseOf = new Map(placed.map((p) => [p.here, p.base]));

  // Faults live where the tests can read but not change them.
  await putRootFiles(container, '/', order.flatMap((m, k) => [
    { name: `loom/planted/${k}`, content: applyMutant(cache.get(`${input.sha}:${m.file}`)!, m) },
    { name: `loom/planted/${k}.base`, content: applyMutant(cache.get(`${input.baseSha}:${m.file}`)!, baseOf.get(m)!) },
  ]));
  const kept = keptPaths(input.mounts, input.setupPaths);
  const timeoutSec = Math.min(input.timeoutSec, Math.max(10, Math.ceil((input.cleanRunMs / 1000) * 3) + 5));
  const testsFor = (file: string) => testsReaching(file, reach, isJsLike);
  const caught = (clean: TestRun, run: TestRun) => {
    const by = newlyFailing(clean, run);
    const byRun = run.timedOut ? 'the run timed out' : run.exitCode !== 0 && clean.exitCode === 0 && !by.length ? `the run exited ${run.exitCode}` : undefined;
    return { caughtBy: by, ...(byRun ? { caughtByRun: byRun } : {}) };
  };
  const commits = { here: commitFiles(src, input.sha), base: commitFiles(src, input.baseSha) };
  const outcomes: PlantedOutcome[] = [];
  let informative = 0;
  await withHeartbeat(
    () => ({ step: 'planted faults', done: outcomes.length, of: order.length }),
    (async () => {
      for (const [k, m] of order.entries()) {
        if (informative >= input.count) break;
        const files = testsFor(m.file);
        const setup = (sha: string, from: string) => [resetTo(sha, kept, true), plan.prepare, placeFile(from, m.file)].filter(Boolean).join(' && ');
        const here = await probeRun(container, plan, input.testCommand, { setup: setup(input.sha, `/loom/planted/${k}`), files, timeoutSec, commit: commits.here });
        if (here.setupFailed) throw new Error(`a planted-fault run could not be set up: ${here.setupFailed}`);
        const o: PlantedOutcome = { fault: describeFault(m), ...caught(input.cleanRun, here.run) };
        if (!o.caughtBy.length && !o.caughtByRun) {
          // Let through on the Lab's source: does the base catch the same fault?
          const base = await probeRun(container, plan, input.testCommand, { setup: setup(input.baseSha, `/loom/planted/${k}.base`), files, timeoutSec, commit: commits.base });
          if (base.setupFailed) throw new Error(`a planted-fault run on the base could not be set up: ${base.setupFailed}`);
          o.onBase = caught(input.baseRun, base.run);
        }
        outcomes.push(o);
        if (o.caughtBy.length || o.caughtByRun || o.onBase?.caughtBy.length || o.onBase?.caughtByRun) informative++;
        // One fault the tests cannot see is enough to void the run.
        if (o.onBase && (o.onBase.caughtBy.length || o.onBase.caughtByRun)) break;
      }
    })(),
  );
  return { outcomes, durationMs: Date.now() - started };
}
