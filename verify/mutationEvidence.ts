// What the mutation stage measured, as it travels from the activity to the workflow, which
// judges it (mutationVerdict.ts) beside the other verdicts. The workflow's history holds only
// bounded payloads, and a workflow task only seconds of work, so the evidence travels compact
// and cut to what the verdict reads:
// - of a mutant, its place, its kind and its text as messages show it;
// - of the tests that caught it, the new ones, the first of the base's and the first of the rest;
// - of the mutants no run reached, only those of changed lines, one for each way of not
//   running on a line (left unrun; never executed; never executed, on an error path);
// - of the changed lines none of whose mutants ran, the first LISTED of each kind (how their
//   mutants did not run, whether coverage saw them run): the record names no more of a kind.
//   The rest, a generated file's thousands of lines, travel as counts per kind;
// - coverage's lines as ranges.
// Read back, it gives the verdict the full evidence would, its lists cut to LISTED. Pure.
import type { Reference } from './exercisedCode';
import { mustBeCaught } from './mutantKinds';
import type { MutantOrigin } from './mutants';
import { boundedVerdict, judgeMutation, LISTED, shownText, survivors, type MutantOutcome, type MutantStatus, type MutationEvidence, type MutationVerdict, type NewTest, type UnlistedLines } from './mutationVerdict';
import { caseMap, type TestRun } from './testResults';

/**
 * One mutant's outcome: its file (an index into `files`), line, mutator (into `mutators`),
 * origin, status, text and replacement as shown, the tests that caught it (into `tests`), and
 * flags: 1 in a message, 2 on an error path.
 */
export type PackedOutcome = [file: number, line: number, mutator: number, origin: MutantOrigin, status: MutantStatus, original: string, replacement: string, killedBy: number[], flags: number];

/** Line numbers in their order, a run of consecutive ones as [first, last]. */
export type LineRuns = Array<number | [number, number]>;

export interface MeasuredMutants {
  control: { ok: boolean; detail: string };
  /** The new tests the verdict judges: those a file of the commit holds. */
  newTests: NewTest[];
  /** New tests no file of the commit holds (a JUnit report names classes): not measured. */
  unplaced: string[];
  references: Record<string, Reference[]>;
  unresolved: Record<string, string[]>;
  exitCodeOnly: boolean;
  files: string[];
  mutators: string[];
  tests: string[];
  outcomes: PackedOutcome[];
  unlisted: UnlistedLines[];
  /** Coverage's lines, file by file in its order. */
  unrunLines: Array<[file: string, lines: LineRuns]>;
  errorPathLines: Array<[file: string, lines: LineRuns]>;
}

/** Everything the stage found, before it travels. */
export type MutationMeasurement = Omit<MutationEvidence, 'baseTests' | 'exitCodeOnly' | 'unlisted'> & { baseTests: ReadonlySet<string>; exitCodeOnly: boolean; unplaced: string[] };

/** A list that gives each string one index, in the order first met. */
function table(): { list: string[]; at: (s: string) => number } {
  const list: string[] = [];
  const index = new Map<string, number>();
  return {
    list,
    at: (s) => {
      let i = index.get(s);
      if (i === undefined) index.set(s, (i = list.push(s) - 1));
      return i;
    },
  };
}

function byFile(lines: string[] = []): Array<[string, LineRuns]> {
  const out: Array<[string, LineRuns]> = [];
  for (const l of lines) {
    const [file, n] = [l.slice(0, l.lastIndexOf(':')), Number(l.slice(l.lastIndexOf(':') + 1))];
    let last = out[out.length - 1];
    if (!last || last[0] !== file) out.push((last = [file, []]));
    const runs = last[1];
    const prev = runs[runs.length - 1];
    const [first, end] = typeof prev === 'number' ? [prev, prev] : (prev ?? [NaN, NaN]);
    if (n === end + 1) runs[runs.length - 1] = [first, n];
    else runs.push(n);
  }
  return out;
}

const lineStrings = (files: Array<[string, LineRuns]>): string[] =>
  files.flatMap(([f, runs]) => runs.flatMap((r) => (typeof r === 'number' ? [`${f}:${r}`] : Array.from({ length: r[1] - r[0] + 1 }, (_, k) => `${f}:${r[0] + k}`))));

const NOT_RUN = 1;
const UNEXECUTED = 2;
const ON_ERROR_PATH = 4;
const ran = (o: MutantOutcome) => o.status !== 'notRun' && o.status !== 'unexecuted';
const wayOf = (o: MutantOutcome) => (o.status === 'notRun' ? NOT_RUN : o.errorPath ? ON_ERROR_PATH : UNEXECUTED);

/** The stage's measurement as it leaves the activity; `listed` is the most the record names of a kind of line. */
export function packMutationEvidence(e: MutationMeasurement, listed = LISTED): MeasuredMutants {
  const [files, mutators, tests] = [table(), table(), table()];
  const judged = new Set(e.newTests.map((t) => t.id));
  // The verdict asks of a mutant's catchers which new tests they are, whether one is the base's, and whether there are any.
  const kept = (killedBy: string[]) => {
    const base = killedBy.find((t) => e.baseTests.has(t));
    const other = killedBy.find((t) => !e.baseTests.has(t) && !judged.has(t));
    return killedBy.filter((t) => judged.has(t) || t === base || t === other);
  };
  // The changed lines the verdict judges, in the order it meets them: whether a mutant ran there, and the ways others did not.
  const lines = new Map<string, { ran: boolean; ways: number }>();
  for (const o of e.outcomes) {
    if (o.mutant.origin !== 'changed' || !mustBeCaught(o.mutant)) continue;
    const key = `${o.mutant.file}:${o.mutant.line}`;
    const l = lines.get(key) ?? { ran: false, ways: 0 };
    lines.set(key, l);
    if (ran(o)) l.ran = true;
    else l.ways |= wayOf(o);
  }
  // Past the first `listed` of a kind, a line none of whose mutants ran is counted. One coverage
  // says only raises stays named: the record lists those in coverage's order, not the mutants'.
  const unrun = new Set(e.unrunLines ?? []);
  const raising = new Set(e.errorPathLines ?? []);
  const named = new Map<string, number>();
  const unlisted = new Map<string, UnlistedLines>();
  const counted = new Set<string>();
  for (const [key, l] of lines) {
    if (l.ran || raising.has(key)) continue;
    const kind = `${l.ways} ${unrun.has(key)}`;
    named.set(kind, (named.get(kind) ?? 0) + 1);
    if (named.get(kind)! <= listed) continue;
    counted.add(key);
    const u = unlisted.get(kind) ?? { count: 0, notRun: (l.ways & NOT_RUN) > 0, unexecuted: (l.ways & UNEXECUTED) > 0, errorPath: (l.ways & ON_ERROR_PATH) > 0, unrun: unrun.has(key) };
    u.count++;
    unlisted.set(kind, u);
  }
  const seen = new Set<string>();
  const outcomes: PackedOutcome[] = [];
  for (const o of e.outcomes) {
    const m = o.mutant;
    if (!ran(o)) {
      // Unrun, a mutant tells only its changed line's verdict, the same as the first of its way of not running there.
      const key = `${m.file}:${m.line}`;
      const way = `${key} ${wayOf(o)}`;
      if (m.origin !== 'changed' || !mustBeCaught(m) || counted.has(key) || seen.has(way)) continue;
      seen.add(way);
    }
    // A message names a mutant left unrun by its line alone, one no test executes by its line and text.
    const original = o.status === 'notRun' ? '' : shownText(m.original);
    const replacement = ran(o) ? shownText(m.replacement) : '';
    outcomes.push([files.at(m.file), m.line, mutators.at(m.mutator), m.origin, o.status, original, replacement, kept(o.killedBy).map(tests.at), (m.inMessage ? 1 : 0) | (o.errorPath ? 2 : 0) | (o.crashed ? 4 : 0)]);
  }
  // A counted line coverage says never ran is untested by its mutants' verdict already: coverage need not name it.
  const unrunNamed = (e.unrunLines ?? []).filter((l) => !counted.has(l));
  return { control: e.control, newTests: e.newTests, unplaced: e.unplaced, references: e.references, unresolved: e.unresolved, exitCodeOnly: e.exitCodeOnly, files: files.list, mutators: mutators.list, tests: tests.list, outcomes, unlisted: [...unlisted.values()], unrunLines: byFile(unrunNamed), errorPathLines: byFile(e.errorPathLines) };
}

/** The evidence the verdict reads, from what travelled; the base's tests are the baseline's. */
export function unpackMutationEvidence(m: MeasuredMutants, baseTests: ReadonlySet<string>): MutationEvidence {
  const outcomes = m.outcomes.map(([file, line, mutator, origin, status, original, replacement, killedBy, flags]): MutantOutcome => ({
    mutant: { file: m.files[file]!, line, mutator: m.mutators[mutator]!, original, replacement, origin, ...(flags & 1 ? { inMessage: true } : {}) },
    status,
    killedBy: killedBy.map((i) => m.tests[i]!),
    ...(flags & 2 ? { errorPath: true } : {}),
    ...(flags & 4 ? { crashed: true } : {}),
  }));
  return { outcomes, control: m.control, newTests: m.newTests, references: m.references, unresolved: m.unresolved, exitCodeOnly: m.exitCodeOnly, baseTests, unrunLines: lineStrings(m.unrunLines), errorPathLines: lineStrings(m.errorPathLines), unlisted: m.unlisted };
}

/**
 * The mutation verdict on what the stage measured, its lists cut for the record (to the
 * `listed` it was packed with), and the survivors the record shows. New tests Loom could not
 * place are not measured.
 */
export function judgeMeasuredMutants(m: MeasuredMutants, baseRun: TestRun, listed = LISTED): { verdict: MutationVerdict; survivors: string[] } {
  const e = unpackMutationEvidence(m, new Set(caseMap(baseRun).keys()));
  const v = judgeMutation(e);
  return { verdict: boundedVerdict({ ...v, notMeasured: [...v.notMeasured, ...m.unplaced] }, listed), survivors: survivors(e.outcomes) };
}
