// What the mutant runs say about the change's tests. New tests of a file that fail under none
// of the mutants of the code they exercise cannot fail for a reason that matters: vacuous. A
// changed line none of whose mutants any test catches is untested, however well the rest
// of the change is tested: the surviving mutant that undoes a special case, or that
// changes a branch only production takes, is exactly that signal. A failure on the
// unchanged program (the control run, placed among the mutants at random, with comments
// added inside every mutated function and at each file's end) means the tests are flaky, read
// the code itself, or can tell the mutation runs apart, and nothing they say counts. Fitness is what the change's tests catch
// that the base's tests did not already. Pure.
import type { Reference } from './exercisedCode';
import { isBehavioural, mustBeCaught } from './mutantKinds';
import type { Mutant } from './mutants';
import { listSome } from './testResults';

/** unexecuted: in code no test ran (block coverage), so no run could catch it. */
export type MutantStatus = 'killed' | 'survived' | 'timeout' | 'error' | 'notRun' | 'unexecuted';

/** What the verdict reads of a mutant: where it is, its kind, and its text as a message shows it. */
export type JudgedMutant = Pick<Mutant, 'file' | 'line' | 'mutator' | 'original' | 'replacement' | 'origin' | 'inMessage'>;

export interface MutantOutcome<M extends JudgedMutant = JudgedMutant> {
  mutant: M;
  status: MutantStatus;
  /** Tests that failed with this mutant in place (file > name). */
  killedBy: string[];
  /** Inside a statement that only raises an error (see errorPaths.ts). */
  errorPath?: boolean;
  /** Caught only by tests that crashed (a Go panic) or ran out of time: the code ran, and no assertion judged what it gave. */
  crashed?: boolean;
}

export interface NewTest {
  id: string;
  file: string;
}

export interface MutationEvidence {
  outcomes: MutantOutcome[];
  control: { ok: boolean; detail: string };
  newTests: NewTest[];
  /** What each new test file exercises. */
  references: Record<string, Reference[]>;
  /** New test files whose imports Loom could not resolve (aliases, generated code): not judged. */
  unresolved: Record<string, string[]>;
  /** Verified by exit code alone: kills are known, but not which test made them. */
  exitCodeOnly?: boolean;
  /** The base's tests: a mutant they catch adds nothing to the change's fitness. */
  baseTests?: ReadonlySet<string>;
  /** Changed lines of code ("file:line") that no test ran at all, from the language's coverage. */
  unrunLines?: string[];
  /** Of those, lines of a statement that only raises an error: shown, not rejected. */
  errorPathLines?: string[];
  /** Changed lines none of whose mutants ran, past the first of their kind (mutationEvidence.ts): judged and counted, not named. */
  unlisted?: UnlistedLines[];
}

/** Changed lines alike: none of their mutants ran, and they did not run in the same ways. */
export interface UnlistedLines {
  count: number;
  /** Some mutants of the line were left unrun (the budget), some no test executes, some no test executes on an error path. */
  notRun: boolean;
  unexecuted: boolean;
  errorPath: boolean;
  /** Coverage says the line never ran. */
  unrun: boolean;
}

export interface MutationVerdict {
  violations: Array<{ rule: 'vacuous-test' | 'untested-change' | 'mutation-control'; detail: string }>;
  killed: number;
  /** Mutants that ran to an answer (killed or survived). */
  total: number;
  /** New tests that caught none of the mutants run: rejected where no new test of their file catches one. */
  vacuous: string[];
  notMeasured: string[];
  /** Changed lines with a mutant that must be caught, and of those the lines where a test caught one. */
  changedLines: { caught: number; total: number };
  /** Changed lines part of which no test runs ("file:line"): untested, rejected. */
  untestedLines: string[];
  /** Changed lines the tests run but none of whose mutants they catch (equivalent mutants or weak tests: the reviewer sees them), and lines the budget left unmeasured. */
  uncaughtLines: string[];
  unmeasuredLines: string[];
  fitness: number;
  /** Lines of each list past those it names (MutationEvidence.unlisted): boundedVerdict says how many more. */
  unlisted?: { untestedLines: number; uncaughtLines: number; unmeasuredLines: number };
}

/** Entries of a list the record names at most (boundedVerdict); at least the four an untested-change message names. */
export const LISTED = 50;

/** A mutant that replaces what a `return` gives back: Python's None, a typed language's zero, JavaScript's shifted value. */
const returnsValue = (o: MutantOutcome) => o.mutant.mutator === 'ReturnValue' || o.mutant.mutator === 'ReturnValueShift';

/** A mutant's text as messages show it: its whitespace runs one space, its first 40 characters. */
export const shownText = (text: string): string => text.replace(/\s+/g, ' ').slice(0, 40);

export const describeMutant = (m: JudgedMutant) => `${m.file}:${m.line} \`${shownText(m.original)}\` -> \`${shownText(m.replacement)}\` (${m.mutator})`;

/** A mutant that empties a body or gives back nothing: any test that calls the code and looks at its result catches it. */
const emptying = (o: Pick<MutantOutcome, 'mutant'>) => o.mutant.mutator === 'BlockStatement' || o.mutant.mutator === 'ReturnValue';

/**
 * Where the verdict on a new test needs more than the new tests' own catches: a new test that
 * catches none of the mutants of its code that change what the code computes is judged by
 * whether other tests catch them (code nothing can catch is too little to judge; code others
 * catch and it does not, it does not check). Those mutants, of the files each such test
 * reaches; the rest of a new test's verdict rests on what the new tests catch alone.
 */
export function needsOtherTests<O extends Pick<MutantOutcome, 'mutant' | 'status' | 'killedBy'>>(outcomes: O[], newTests: NewTest[], references: Record<string, Reference[]>): Set<O> {
  const out = new Set<O>();
  const answered = outcomes.filter((o) => o.status === 'killed' || o.status === 'survived' || o.status === 'timeout');
  for (const t of newTests) {
    const refs = references[t.id] ?? references[t.file] ?? [];
    const telling = answered.filter((o) => refs.some((r) => o.mutant.file === r.file) && isBehavioural(o.mutant) && !emptying(o));
    if (!telling.some((o) => o.killedBy.includes(t.id))) for (const o of telling) out.add(o);
  }
  return out;
}

export function judgeMutation(e: MutationEvidence): MutationVerdict {
  const violations: MutationVerdict['violations'] = [];
  if (!e.control.ok) {
    violations.push({ rule: 'mutation-control', detail: `the tests fail on the Lab's own code in the mutation run, with only comments added to it (${e.control.detail}): flaky tests, tests that read the code itself rather than what it computes, or tests that tell a mutation run apart, make every mutant result meaningless` });
  }
  const answered = e.outcomes.filter((o) => o.status === 'killed' || o.status === 'survived' || o.status === 'timeout');
  const killedOutcomes = answered.filter((o) => o.status !== 'survived');
  /** New tests that caught nothing, by test file ('' where the test reaches no code of the project at all). */
  const quiet: Array<{ file: string; what: string }> = [];
  const catching = new Set<string>();
  const notMeasured: string[] = [];
  if (!e.exitCodeOnly) {
    for (const t of e.newTests) {
      // Per test where Loom can tell (a Go test function), else per file. What a file imports is
      // a lower bound: a test declared in a helper (a table helper's `it`, a base class's test
      // method) runs a body another file gave it, and the mutants it catches show what it reaches.
      const read = e.references[t.id] ?? e.references[t.file] ?? [];
      const refs = read.length ? read : [...new Set(answered.filter((o) => o.killedBy.includes(t.id)).map((o) => o.mutant.file))].map((file): Reference => ({ file, names: [] }));
      if (!refs.length) {
        if (e.unresolved[t.id]?.length || e.unresolved[t.file]?.length) notMeasured.push(t.id);
        // Beside a test of its file that catches mutants (a sanity check of the file's own table), it adds nothing, and is shown.
        else quiet.push({ file: t.file, what: `${t.id} (exercises no code of the project)` });
        continue;
      }
      // The code a test exercises is the files it reaches: a test of one path of a function that has
      // two (a table and a formula, a fast path) is judged by every mutant there, not only those in
      // the declaration it names.
      const relevant = answered.filter((o) => refs.some((r) => o.mutant.file === r.file) && isBehavioural(o.mutant));
      if (!relevant.length) {
        notMeasured.push(t.id);
        continue;
      }
      const telling = relevant.filter((o) => !emptying(o));
      const caught = relevant.filter((o) => o.killedBy.includes(t.id));
      const lone = telling.length === 1 && !relevant.some(emptying) && !telling[0]!.killedBy.length;
      // Emptying a function's body (or, in Python and Go, replacing its returned value) is caught by
      // any test that so much as calls it and looks at the result: where other tests catch the
      // code's other mutants, a test that catches only that does not check what the code computes.
      // Where no test catches them (two paths that agree, a cache), it is too little to judge; so is
      // a single mutant nothing catches, where the language gives no emptied body to look at. One
      // telling mutant caught elsewhere is not enough to say the rest of the code is checked.
      const onlyEmptied = caught.length > 0 && caught.every(emptying) && telling.filter((o) => o.killedBy.length > 0).length >= 2;
      const judged = telling.length ? telling : relevant;
      const tooLittle = caught.length > 0 && caught.every(emptying) && telling.length > 0 && !telling.some((o) => o.killedBy.length > 0);
      if ((!caught.length && lone) || tooLittle) {
        notMeasured.push(t.id);
        continue;
      }
      const kills = onlyEmptied ? 0 : caught.length;
      const of = [...new Set(refs.map((r) => `${r.file}${r.names.length && !r.names.includes('*') ? `: ${r.names.join(', ')}` : ''}`))].join('; ');
      if (kills === 0) quiet.push({ file: t.file, what: `${t.id} (passes under all ${judged.length} mutants of ${of}${telling.length && telling.length < relevant.length ? ' that change what it computes' : ''})` });
      else catching.add(t.file);
    }
  }
  // The mutants are a sample of the file a test reaches, so a test of one path (an error, an
  // edge) may meet none of its own path's mutants: a new test that catches nothing beside one
  // in its file that does is shown, and adds nothing to fitness. A test file whose new tests
  // all catch nothing checks nothing.
  const vacuous = quiet.map((q) => q.what);
  const rejected = quiet.filter((q) => !q.file || !catching.has(q.file)).map((q) => q.what);
  if (rejected.length) violations.push({ rule: 'vacuous-test', detail: `${rejected.length} new test${rejected.length === 1 ? '' : 's'} cannot fail for a reason that matters: ${listSome(rejected, 5)}` });

  // Line by line: a changed line must have a mutant some test catches.
  const byLine = new Map<string, MutantOutcome[]>();
  for (const o of e.outcomes) if (o.mutant.origin === 'changed' && mustBeCaught(o.mutant)) byLine.set(`${o.mutant.file}:${o.mutant.line}`, [...(byLine.get(`${o.mutant.file}:${o.mutant.line}`) ?? []), o]);
  const untested: MutantOutcome[][] = [];
  const unmeasured: string[] = [];
  let caughtLines = 0;
  const uncaught: MutantOutcome[][] = [];
  const errorPaths = new Set(e.errorPathLines ?? []);
  const caughtLineSet = new Set<string>();
  const unrunLines = new Set(e.unrunLines ?? []);
  const untestedKindOnly = new Set<MutantOutcome>();
  for (const [line, all] of byLine) {
    // An error path no test reaches can only fail loudly in production: shown, not judged.
    const os = all.filter(reached);
    if (os.length < all.length) errorPaths.add(line);
    if (!os.length) continue;
    const v = lineVerdict(os, unrunLines.has(line), errorPaths.has(line));
    if (v.is === 'untested') {
      untested.push([v.by]);
      if (v.kindOnly) untestedKindOnly.add(v.by);
    } else if (v.is === 'caught') {
      caughtLines++;
      caughtLineSet.add(line);
    } else if (v.is === 'uncaught') uncaught.push(os);
    else unmeasured.push(line);
  }
  // Lines past those named of their kind are judged by the same rule, and counted.
  const more = { lines: 0, untested: 0, unmeasured: 0, errorPaths: 0 };
  for (const u of e.unlisted ?? []) {
    const all = unlistedOutcomes(u);
    const os = all.filter(reached);
    // None of their mutants ran: neither caught nor uncaught.
    const v = os.length ? lineVerdict(os, u.unrun, os.length < all.length) : undefined;
    more.lines += u.count;
    if (v?.is === 'untested') more.untested += u.count;
    else if (v?.is === 'unmeasured') more.unmeasured += u.count;
    if (os.length < all.length && v?.is !== 'untested') more.errorPaths += u.count;
  }
  // No changed line caught at all: whatever each line's mutants are, the change as a whole is checked by no test.
  if (uncaught.length && caughtLines === 0 && !untested.length && !more.untested) {
    violations.push({ rule: 'untested-change', detail: `no test catches a change to the changed code: every mutant of its ${uncaught.length} changed line${uncaught.length === 1 ? '' : 's'} survived, e.g. ${listSome(uncaught.slice(0, 3).map((os) => describeMutant(os[0]!.mutant)), 3)}; add a test that exercises the change` });
  }
  // A changed line of code no test runs at all is untested, whether or not it has mutants.
  // Sets, not searches: a generated file's thousands of lines are judged in the workflow's time.
  const lineOf = (os: MutantOutcome[]) => `${os[0]!.mutant.file}:${os[0]!.mutant.line}`;
  const untestedSoFar = new Set(untested.map(lineOf));
  const unrun = (e.unrunLines ?? []).filter((l) => !errorPaths.has(l) && !untestedSoFar.has(l));
  for (const l of unrun) {
    const [file, line] = [l.slice(0, l.lastIndexOf(':')), Number(l.slice(l.lastIndexOf(':') + 1))];
    untested.push([{ mutant: { file, line, mutator: 'coverage', original: `line ${line}`, replacement: '', origin: 'changed' }, status: 'unexecuted', killedBy: [] }]);
  }
  const untestedTotal = untested.length + more.untested;
  if (untestedTotal) {
    const shown = untested.slice(0, 4).map((os) => `${os[0]!.mutant.file}:${os[0]!.mutant.line}${os[0]!.mutant.mutator === 'coverage' ? '' : ` \`${shownText(os[0]!.mutant.original)}\``} ${os[0]!.status === 'unexecuted' ? 'is never run by any test' : untestedKindOnly.has(os[0]!) ? 'is looked at only for its kind: another value of the same kind passes every test' : 'is returned without any test looking at it'}`);
    violations.push({ rule: 'untested-change', detail: `${untestedTotal} changed line${untestedTotal === 1 ? '' : 's'} no test runs, in whole or in part, or whose result no test looks at: ${shown.join('; ')}${untestedTotal > 4 ? `; and ${untestedTotal - 4} more lines` : ''}; add tests that pin down what ${untestedTotal === 1 ? 'it does' : 'they do'}, for the inputs that reach ${untestedTotal === 1 ? 'it' : 'them'}` });
  }
  // Fitness: what the change's tests catch that the base's did not already. A mutant of code the
  // change did not touch ran through the new tests alone unless its verdict needed more, so its
  // catch counts unless that wider run showed a base test catching it too.
  const base = e.baseTests;
  const credited = killedOutcomes.filter((o) => !base || e.exitCodeOnly || !o.killedBy.length || !o.killedBy.some((t) => base.has(t))).length;
  const killed = killedOutcomes.length;
  const total = answered.length;
  const changedLines = { caught: caughtLines, total: byLine.size + more.lines };
  const coverage = changedLines.total ? changedLines.caught / changedLines.total : total ? killed / total : 0;
  const untestedLines = untested.map(lineOf);
  const untestedSet = new Set(untestedLines);
  return { violations, killed, total, vacuous, notMeasured, changedLines, untestedLines, uncaughtLines: [...uncaught.map((os) => describeMutant(os[0]!.mutant)), ...[...errorPaths].filter((l) => !caughtLineSet.has(l) && !untestedSet.has(l)).map((l) => `${l} is never run, and only raises an error`)], unmeasuredLines: unmeasured, fitness: Math.round((credited + coverage) * 100) / 100, ...(more.untested || more.unmeasured || more.errorPaths ? { unlisted: { untestedLines: more.untested, uncaughtLines: more.errorPaths, unmeasuredLines: more.unmeasured } } : {}) };
}

/** Not on an error path no test reaches: such a mutant can only fail loudly in production. */
const reached = (o: MutantOutcome) => !(o.status === 'unexecuted' && o.errorPath);

type LineVerdict = { is: 'untested'; by: MutantOutcome; kindOnly?: boolean } | { is: 'caught' | 'uncaught' | 'unmeasured' };

/**
 * One changed line's verdict, from its mutants' outcomes (those reached, at least one) and
 * from coverage: whether the line never ran, and whether it only raises an error.
 */
function lineVerdict(os: MutantOutcome[], unrun: boolean, errorPath: boolean): LineVerdict {
  // Part of a line no test ever runs is untested, whatever the rest of the line does; where
  // the runner cannot say which mutants ran, coverage says which lines did.
  const neverRun = os.find((o) => o.status === 'unexecuted') ?? (unrun && !errorPath ? { ...os[0]!, mutant: { ...os[0]!.mutant, mutator: 'coverage' }, status: 'unexecuted' as const } : undefined);
  // A value of the same kind returned in its place (a number one more, a string longer) and
  // no test noticing, while other mutants of the line are caught: the tests look at what kind
  // of value the line gives (a type check, an object equal to anything of a type), not at
  // the value itself.
  const kindOnly = os.find((o) => o.mutant.mutator === 'ReturnValueShift' && o.status === 'survived');
  const caught = os.some((o) => o.status === 'killed' || o.status === 'timeout');
  if (neverRun) return { is: 'untested', by: neverRun };
  // In Go every value a line's mutants give has the line's type, so a test an assertion of
  // which caught one of them looks at the value itself: a shift by one it lets pass is inside
  // what it accepts (a bound, a tolerance), not a kind. A mutant caught only by a crash shows
  // the line ran, not that its value was judged.
  const judged = /\.go$/.test(os[0]!.mutant.file) && os.some((o) => (o.status === 'killed' || o.status === 'timeout') && !o.crashed);
  if (kindOnly && caught && !judged) return { is: 'untested', by: kindOnly, kindOnly: true };
  if (caught) return { is: 'caught' };
  // A returned value replaced (by nothing, or by another of its kind) and no test noticing:
  // the line's result is never looked at, which no equivalence explains.
  const unseen = os.find((o) => returnsValue(o) && o.status === 'survived');
  if (unseen) return { is: 'untested', by: unseen };
  // Run but never caught: weak tests, or mutants that change nothing (equivalent). The rule
  // cannot tell them apart, so the reviewer is shown them rather than the change rejected.
  return os.every((o) => o.status === 'survived') ? { is: 'uncaught' } : { is: 'unmeasured' };
}

/** What a line of unlisted ones stands for: one outcome for each way its mutants did not run. */
function unlistedOutcomes(u: UnlistedLines): MutantOutcome[] {
  const mutant = { file: '', line: 0, mutator: '', original: '', replacement: '', origin: 'changed' as const };
  return [
    ...(u.notRun ? [{ mutant, status: 'notRun' as const, killedBy: [] }] : []),
    ...(u.unexecuted ? [{ mutant, status: 'unexecuted' as const, killedBy: [] }] : []),
    ...(u.errorPath ? [{ mutant, status: 'unexecuted' as const, killedBy: [], errorPath: true }] : []),
  ];
}

/**
 * The verdict as the record keeps it: each list cut to `max` entries, the last saying how
 * many more there were. A generated file of many lines would otherwise list every one of
 * them, and the record travels through the workflow's history, which holds only bounded payloads.
 */
export function boundedVerdict(v: MutationVerdict, max = LISTED): MutationVerdict {
  const { unlisted, ...named } = v;
  const cut = (xs: string[], more = 0) => (xs.length + more <= max ? xs : [...xs.slice(0, max - 1), `… and ${xs.length + more - max + 1} more`]);
  return { ...named, vacuous: cut(v.vacuous), notMeasured: cut(v.notMeasured), untestedLines: cut(v.untestedLines, unlisted?.untestedLines), uncaughtLines: cut(v.uncaughtLines, unlisted?.uncaughtLines), unmeasuredLines: cut(v.unmeasuredLines, unlisted?.unmeasuredLines) };
}

/** Survivors for the record, a few per file. */
export function survivors(outcomes: MutantOutcome[], max = 10): string[] {
  return outcomes.filter((o) => o.status === 'survived').slice(0, max).map((o) => describeMutant(o.mutant));
}
