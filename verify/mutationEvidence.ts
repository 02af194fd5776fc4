// What the mutation stage measured, as it travels from the activity to the workflow, which
// judges it (mutationVerdict.ts) beside the other verdicts. The workflow's history holds only
// bounded payloads, so the evidence travels compact and cut to what the verdict reads: of a
// mutant, its place, its kind and its text as messages show it; of the mutants no run reached,
// only those of changed lines, and on each line the first of each way of not running (left
// unrun; never executed; never executed, on an error path); of the tests that caught a
// mutant, the new ones, and the first of the base's and the first of the rest. Read back, it
// gives the verdict the full evidence would. Its size grows with the mutants run (at most the
// stage's MAX_RUNS) times the new tests that catch them, and with the changed lines. Pure.
import type { Reference } from './exercisedCode';
import { mustBeCaught } from './mutantKinds';
import type { MutantOrigin } from './mutants';
import { boundedVerdict, judgeMutation, shownText, survivors, type MutantOutcome, type MutantStatus, type MutationEvidence, type MutationVerdict, type NewTest } from './mutationVerdict';
import { caseMap, type TestRun } from './testResults';

/**
 * One mutant's outcome: its file (an index into `files`), line, mutator (into `mutators`),
 * origin, status, text and replacement as shown, the tests that caught it (into `tests`), and
 * flags: 1 in a message, 2 on an error path.
 */
export type PackedOutcome = [file: number, line: number, mutator: number, origin: MutantOrigin, status: MutantStatus, original: string, replacement: string, killedBy: number[], flags: number];

/** Changed lines of one file, in the order the coverage run listed them. */
export type FileLines = [file: string, lines: number[]];

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
  unrunLines: FileLines[];
  errorPathLines: FileLines[];
}

/** Everything the stage found, before it travels. */
export type MutationMeasurement = Omit<MutationEvidence, 'baseTests' | 'exitCodeOnly'> & { baseTests: ReadonlySet<string>; exitCodeOnly: boolean; unplaced: string[] };

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

const byFile = (lines: string[] = []): FileLines[] => {
  const out: FileLines[] = [];
  for (const l of lines) {
    const [file, n] = [l.slice(0, l.lastIndexOf(':')), Number(l.slice(l.lastIndexOf(':') + 1))];
    const last = out[out.length - 1];
    if (last && last[0] === file) last[1].push(n);
    else out.push([file, [n]]);
  }
  return out;
};

/** The stage's measurement as it leaves the activity: compact, and cut to what the verdict reads. */
export function packMutationEvidence(e: MutationMeasurement): MeasuredMutants {
  const [files, mutators, tests] = [table(), table(), table()];
  const judged = new Set(e.newTests.map((t) => t.id));
  // The verdict asks of a mutant's catchers which new tests they are, whether one is the base's, and whether there are any.
  const kept = (killedBy: string[]) => {
    const base = killedBy.find((t) => e.baseTests.has(t));
    const other = killedBy.find((t) => !e.baseTests.has(t) && !judged.has(t));
    return killedBy.filter((t) => judged.has(t) || t === base || t === other);
  };
  const seen = new Set<string>();
  const outcomes: PackedOutcome[] = [];
  for (const o of e.outcomes) {
    const m = o.mutant;
    const ran = o.status !== 'notRun' && o.status !== 'unexecuted';
    if (!ran) {
      // Unrun, a mutant tells only its changed line's verdict, the same as the first of its way of not running there.
      const way = `${m.file}:${m.line}\n${o.status}${o.errorPath ? ' on an error path' : ''}`;
      if (m.origin !== 'changed' || !mustBeCaught(m) || seen.has(way)) continue;
      seen.add(way);
    }
    // A message names a mutant left unrun by its line alone, one no test executes by its line and text.
    const original = o.status === 'notRun' ? '' : shownText(m.original);
    const replacement = ran ? shownText(m.replacement) : '';
    outcomes.push([files.at(m.file), m.line, mutators.at(m.mutator), m.origin, o.status, original, replacement, kept(o.killedBy).map(tests.at), (m.inMessage ? 1 : 0) | (o.errorPath ? 2 : 0)]);
  }
  return { control: e.control, newTests: e.newTests, unplaced: e.unplaced, references: e.references, unresolved: e.unresolved, exitCodeOnly: e.exitCodeOnly, files: files.list, mutators: mutators.list, tests: tests.list, outcomes, unrunLines: byFile(e.unrunLines), errorPathLines: byFile(e.errorPathLines) };
}

/** The evidence the verdict reads, from what travelled; the base's tests are the baseline's. */
export function unpackMutationEvidence(m: MeasuredMutants, baseTests: ReadonlySet<string>): MutationEvidence {
  const outcomes = m.outcomes.map(([file, line, mutator, origin, status, original, replacement, killedBy, flags]): MutantOutcome => ({
    mutant: { file: m.files[file]!, line, mutator: m.mutators[mutator]!, original, replacement, origin, ...(flags & 1 ? { inMessage: true } : {}) },
    status,
    killedBy: killedBy.map((i) => m.tests[i]!),
    ...(flags & 2 ? { errorPath: true } : {}),
  }));
  const lines = (ls: FileLines[]) => ls.flatMap(([f, ns]) => ns.map((n) => `${f}:${n}`));
  return { outcomes, control: m.control, newTests: m.newTests, references: m.references, unresolved: m.unresolved, exitCodeOnly: m.exitCodeOnly, baseTests, unrunLines: lines(m.unrunLines), errorPathLines: lines(m.errorPathLines) };
}

/**
 * The mutation verdict on what the stage measured, its lists cut for the record, and the
 * survivors the record shows. New tests Loom could not place are not measured.
 */
export function judgeMeasuredMutants(m: MeasuredMutants, baseRun: TestRun): { verdict: MutationVerdict; survivors: string[] } {
  const e = unpackMutationEvidence(m, new Set(caseMap(baseRun).keys()));
  const v = judgeMutation(e);
  return { verdict: boundedVerdict({ ...v, notMeasured: [...v.notMeasured, ...m.unplaced] }), survivors: survivors(e.outcomes) };
}
