// The differential check's verdict (differential.ts says what it is): the Lab's answers must
// be the base's, call for call. Pure and free of parsers, so the workflow can judge.

import { shownValue, type Value } from '../program/taskExamples';

export type { Value };

/** The languages Loom's harnesses call functions in, by file name. */
export const differentialLanguage = (file: string): 'js' | 'python' | 'go' | undefined => (/\.(?:c|m)?js$/.test(file) ? 'js' : /\.py$/.test(file) ? 'python' : /\.go$/.test(file) ? 'go' : undefined);

export interface DifferentialTarget {
  file: string;
  name: string;
  /** Argument lists to call it with, in order. */
  inputs: Value[][];
  /** Go only: the function's package and its parameters' types, which the calls are written in. */
  go?: { package: string; params: string[]; /** A generic function's parameters' types for each input, as that call instantiates it. */ inputParams?: string[][] };
  /** For each input, methods of no arguments called on its answer (a task's example: `.isoformat()`). */
  then?: string[][];
  /** Also write each answer as a plain value (the task's examples are compared with those). */
  values?: boolean;
  /** How many of the first inputs are the tests' own (the rest are near them). */
  tested?: number;
  /** For each input, the tested input it was made from (a tested input's is its own index). */
  parents?: number[];
  /** The change's added code in the file, as [start, end, line]: character offsets (JavaScript) or [line, line + 1, line] (Python). Each first call reports which of it ran (specialPaths.ts). */
  added?: Array<[number, number, number]>;
  /** A refactor's calls across the tested range, each once after the calls of `inputs` (differential.ts, inputsAcross). */
  across?: AcrossInputs[];
}

/** A tested input with one whole-number argument set, in turn, to each of `values`. */
export interface AcrossInputs {
  args: Value[];
  position: number;
  values: number[];
}

/** The k-th input of a target's calls across the tested range, in the order the harnesses make them. */
export function acrossInput(across: AcrossInputs[], k: number): Value[] | undefined {
  for (const g of across) {
    if (k < g.values.length) return g.args.map((a, i) => (i === g.position ? g.values[k]! : a));
    k -= g.values.length;
  }
  return undefined;
}

/** One function's answers, as the harness writes them: a canonical string per call. */
export interface DifferentialAnswers {
  file: string;
  name: string;
  answers: string[];
  /** Which input each answer is for (its index in the target's inputs). */
  order?: number[];
  /** The function could not be loaded or called at all (say why). */
  error?: string;
  /** For a target with `added`: per input, in order, the intervals of added code its first call ran. */
  paths?: Array<Array<[number, number]>>;
  /** The overlapped side: each input's answer one at a time, twice over (all inputs, then all again), in the same process just before the calls at once. */
  alone?: string[];
  /** For a target that asks for them: each call's answer as a plain value, or what it threw. */
  values?: Array<{ value: unknown } | { throws: string }>;
}

export interface DifferentialVerdict {
  compared: number;
  violations: string[];
}

/** The Lab's answers must be the base's, call for call. */
export function judgeDifferential(targets: DifferentialTarget[], base: DifferentialAnswers[], lab: DifferentialAnswers[]): DifferentialVerdict {
  const violations: string[] = [];
  let compared = 0;
  for (const t of targets) {
    const b = base.find((x) => x.file === t.file && x.name === t.name);
    const l = lab.find((x) => x.file === t.file && x.name === t.name);
    if (!b || !l || b.error) continue; // nothing to compare: the base's own function could not be called this way
    if (l.error) {
      violations.push(`${t.file}: ${t.name} could be called on the base but not on the Lab's source (${l.error})`);
      continue;
    }
    // Each side answers as many calls across the tested range as its time allowed: the calls both made are compared.
    const n = Math.min(b.answers.length, l.answers.length);
    compared += n;
    const at = [...Array(n).keys()].find((i) => b.answers[i] !== l.answers[i]);
    if (at !== undefined) {
      const ordered = l.order?.length ?? b.order?.length ?? Infinity;
      const args = (at >= ordered ? acrossInput(t.across ?? [], at - ordered) : t.inputs[l.order?.[at] ?? at % t.inputs.length]) ?? [];
      const again = at >= t.inputs.length && at < ordered;
      violations.push(`${t.file}: ${t.name}(${args.map((a) => JSON.stringify(a)).join(', ')}) returns ${l.answers[at]} on the Lab's source but ${b.answers[at]} on the base${again ? ` (on call ${at + 1}, asked again)` : ''}, and program.md says behaviour does not change`);
    }
  }
  return { compared, violations };
}

/**
 * A function the tests pin down by its inputs answers the same when asked again. One that
 * answers the same in two fresh processes but differently after many calls in one (a
 * counter, a cache that goes stale past the tests' scale) behaves one way under test and
 * another in a long-lived program. One that differs between fresh processes (a random id,
 * the time) is not pinned down by its inputs at all, and says nothing.
 */
/**
 * Whether a function answered as one of its inputs alone in two fresh processes: every answer of
 * the fixed calls (each input once, twice, then revisits in a set order) the same in both. A
 * random draw that happens to give the same first answers is not such a function.
 */
export function sameInFreshProcesses(a: DifferentialAnswers, b: DifferentialAnswers, n: number): boolean {
  const fixed = Math.max(n, Math.min(a.order?.length ?? n, b.order?.length ?? n, a.answers.length, b.answers.length));
  return a.answers.length >= n && b.answers.length >= n && a.answers.slice(0, fixed).every((x, k) => x === b.answers[k]);
}

export function judgeRepetition(targets: DifferentialTarget[], first: DifferentialAnswers[], second: DifferentialAnswers[]): DifferentialVerdict {
  const violations: string[] = [];
  let compared = 0;
  for (const t of targets) {
    const a = first.find((x) => x.file === t.file && x.name === t.name);
    const b = second.find((x) => x.file === t.file && x.name === t.name);
    if (!a || !b || a.error || b.error) continue;
    const n = t.inputs.length;
    if (!sameInFreshProcesses(a, b, n)) continue; // not a function of its inputs alone
    compared += a.answers.length;
    // Every call's input is given once first (calls 0..n-1), so the first answer to input i is answers[i].
    const order = a.order ?? a.answers.map((_, k) => k % n);
    const at = a.answers.findIndex((x, k) => x !== a.answers[order[k]!]);
    if (at >= 0) {
      const i = order[at]!;
      const args = t.inputs[i]!;
      violations.push(`${t.file}: ${t.name}(${args.map((x) => JSON.stringify(x)).join(', ')}) returns ${a.answers[i]} when first asked but ${a.answers[at]} on call ${at + 1}, though it answers the same in every fresh process: it behaves differently in a program that runs longer than the tests`);
    }
  }
  return { compared, violations };
}

/**
 * The answers a Python function gives with assert statements dropped (`python -O`) must be the
 * ones it gives with them: a change that computes inside an assert is right only where
 * asserts run, as under the test runner. Only inputs it answers the same in two fresh processes,
 * and returns from normally (a guard's assert may well raise), count.
 */
export function judgeOptimized(targets: DifferentialTarget[], first: DifferentialAnswers[], second: DifferentialAnswers[], optimized: DifferentialAnswers[]): DifferentialVerdict {
  return judgeAlike(targets, first, second, optimized, false, (call, plain, other) => `${call} returns ${plain}, but ${other} when Python runs with -O (PYTHONOPTIMIZE), which drops assert statements: part of the answer is computed inside an assert`);
}

/**
 * The answers a Python function gives when a pytest test asks (its warning filters, its
 * modules loaded, a test on the call stack) must be the ones a program gets: code that tells
 * the test runner apart is right only under test. Only inputs it answers the same in two fresh
 * processes count; an error is an answer too.
 */
export function judgeUnderRunner(targets: DifferentialTarget[], first: DifferentialAnswers[], second: DifferentialAnswers[], underRunner: DifferentialAnswers[]): DifferentialVerdict {
  return judgeAlike(targets, first, second, underRunner, true, (call, plain, other) => `${call} ${said(other)} when a pytest test calls it, but ${said(plain)} in a Python program: the code answers differently under the test runner`);
}

/**
 * A Python function must answer the same whether its arguments are given by position or by
 * their parameters' names, as callers may give them: a wrapper that tells the two apart (a memo
 * keyed on the keywords' names, not their values) is wrong for half its callers. Each input is
 * given both ways in one process; only inputs answered the same in two fresh processes count.
 */
export function judgeByName(targets: DifferentialTarget[], first: DifferentialAnswers[], second: DifferentialAnswers[], byName: DifferentialAnswers[]): DifferentialVerdict {
  const violations: string[] = [];
  let compared = 0;
  for (const t of targets) {
    const [a, b, n] = [first, second, byName].map((side) => side.find((x) => x.file === t.file && x.name === t.name));
    if (!a || !b || !n?.alone || a.error || b.error || n.error || !sameInFreshProcesses(a, b, t.inputs.length)) continue;
    const i = t.inputs.findIndex((_, k) => {
      if (k >= n.answers.length || k >= n.alone!.length || n.answers[k] === NOT_BY_NAME) return false;
      compared++;
      return n.answers[k] !== n.alone![k];
    });
    if (i >= 0) violations.push(`${t.file}: ${t.name}(${t.inputs[i]!.map(shownValue).join(', ')}) ${said(n.alone[i]!)} with its arguments given by position, but ${said(n.answers[i]!)} with the same values given by name: the function answers callers apart by how they call it`);
  }
  return { compared, violations };
}

/** The harness's answer where an input cannot be given by name (positional-only parameters, *args). */
const NOT_BY_NAME = '<not by name>';

const said = (answer: string) => (raised(answer) ? answer : `returns ${answer}`);

/** Each target's first input (in the order asked) that `other` answers differently from two fresh processes that agree. */
function judgeAlike(targets: DifferentialTarget[], first: DifferentialAnswers[], second: DifferentialAnswers[], other: DifferentialAnswers[], withRaised: boolean, say: (call: string, plain: string, other: string) => string): DifferentialVerdict {
  const violations: string[] = [];
  let compared = 0;
  for (const t of targets) {
    const [a, b, o] = [first, second, other].map((side) => side.find((x) => x.file === t.file && x.name === t.name));
    if (!a || !b || !o || a.error || b.error || o.error || !sameInFreshProcesses(a, b, t.inputs.length)) continue;
    const i = t.inputs.findIndex((_, k) => {
      if (k >= a.answers.length || k >= o.answers.length || (!withRaised && raised(a.answers[k]!))) return false;
      compared++;
      return o.answers[k] !== a.answers[k];
    });
    if (i >= 0) violations.push(say(`${t.file}: ${t.name}(${t.inputs[i]!.map(shownValue).join(', ')})`, a.answers[i]!, o.answers[i]!));
  }
  return { compared, violations };
}

/** How each language's harness makes its calls at once (differentialRun.ts, the overlapped side). */
const AT_ONCE: Record<string, string> = { js: 'with all its calls in flight at once', python: 'called from several threads at once', go: 'called from a goroutine per call, all at once' };

/**
 * A function must answer the calls a program makes at once as it answers them one at a time:
 * the tests call it one at a time, and a server, a thread pool or a Promise.all does not. Code
 * that keeps a call's state where another call can change it (a shared record across an await,
 * a setting of one thread) is right only under test. Both ways are asked in one process, one
 * at a time first, so what earlier calls left behind is the same for both. Only a function that
 * answers every input the same in two fresh processes and when asked again (not a random draw,
 * not a counter) is judged, at inputs it returns from normally; a call that did not answer in
 * time says nothing.
 */
export function judgeOverlapped(targets: DifferentialTarget[], first: DifferentialAnswers[], second: DifferentialAnswers[], overlapped: DifferentialAnswers[]): DifferentialVerdict {
  const violations: string[] = [];
  let compared = 0;
  for (const t of targets) {
    const [a, b, o] = [first, second, overlapped].map((side) => side.find((x) => x.file === t.file && x.name === t.name));
    if (!a || !b || !o?.alone || a.error || b.error || o.error) continue;
    const n = t.inputs.length;
    // A function of its inputs alone: the same answers in two fresh processes, and asked again in this one.
    if (o.answers.length < n || o.alone.length < 2 * n || !sameInFreshProcesses(a, b, n)) continue;
    if (o.alone.slice(0, n).some((x, k) => x !== o.alone![n + k])) continue;
    const alone = o.alone.slice(n);
    const i = t.inputs.findIndex((_, k) => {
      if (raised(alone[k]!) || alone[k] === NO_ANSWER || o.answers[k] === NO_ANSWER) return false;
      compared++;
      return o.answers[k] !== alone[k];
    });
    if (i >= 0) violations.push(`${t.file}: ${t.name}(${t.inputs[i]!.map((x) => JSON.stringify(x)).join(', ')}) returns ${clip(alone[i]!)} called one at a time, as the tests call it, but ${clip(o.answers[i]!)} ${AT_ONCE[differentialLanguage(t.file) ?? ''] ?? 'with its calls at once'} (${t.inputs.length} calls): it is right only when nothing else calls it meanwhile`);
  }
  return { compared, violations };
}

/** What the JavaScript harness answers for a promise that did not settle in time. */
const NO_ANSWER = JSON.stringify('<no answer in 2 s>');

/** One surviving mutant of a changed line, called like the function it sits in. */
export interface SurvivorAnswers {
  /** The mutant, described as the record names it. */
  mutant: string;
  answers: DifferentialAnswers[];
}

/**
 * A mutant of a changed line that takes code away or swaps an operation (CALLED_MUTATORS),
 * that every test let pass, yet that answers differently from the change on an input near the
 * tests' own, is a behaviour of the change no test looks at: whatever that line computes there
 * is unchecked, the defect a trick hides and the mutant that undoes it alike. A mutant that
 * answers the same everywhere near the tests says nothing (it may be equivalent). Only inputs on which the change answers the same in two
 * fresh processes count, and only answers both sides gave.
 */
export function judgeSurvivors(targets: DifferentialTarget[], first: DifferentialAnswers[], second: DifferentialAnswers[], mutants: SurvivorAnswers[]): DifferentialVerdict {
  const violations: string[] = [];
  let compared = 0;
  for (const m of mutants) {
    for (const got of m.answers) {
      const t = targets.find((x) => x.file === got.file && x.name === got.name);
      const a = first.find((x) => x.file === got.file && x.name === got.name);
      const b = second.find((x) => x.file === got.file && x.name === got.name);
      if (!t || !a || !b || a.error || b.error || got.error) continue;
      const n = Math.min(t.inputs.length, a.answers.length, b.answers.length, got.answers.length);
      // The first n calls give each input once, in order, on every side. Two failures are no
      // difference: each fails loudly, whatever its type or message.
      const at = [...Array(n).keys()].find((i) => a.answers[i] === b.answers[i] && got.answers[i] !== a.answers[i] && !(raised(a.answers[i]!) && raised(got.answers[i]!)));
      compared += n;
      if (at === undefined) continue;
      const args = t.inputs[at]!.map((x) => JSON.stringify(x)).join(', ');
      violations.push(`${m.mutant} survives every test, yet ${t.name}(${args}) returns ${clip(a.answers[at]!)} with the change and ${clip(got.answers[at]!)} with the mutant: no test looks at what that line computes near the tests' own inputs`);
      break;
    }
  }
  return { compared, violations };
}

/** An answer that is a failure: a JavaScript throw, a Python raise, a Go panic. */
export const raised = (answer: string) => /^(?:throws|raises|panics)\b/.test(answer);

/**
 * The mutants asked: those that take something away (a condition forced, a block or a function
 * emptied, a pattern loosened, a value or a string emptied) and those that swap an operation
 * (an arithmetic or logical operator, a sign, a method, a flag). Either changes what the line
 * computes for nearly every input, so one surviving, yet answering differently near the tests'
 * inputs, means the tests look at that computation only where it cannot matter (a factor of
 * zero, a check that only the type is right). A mutant that moves a single point (another
 * number in a table, a comparison's boundary) shows only that the tests would miss that one
 * bug, which is not asked of a change.
 */
export const CALLED_MUTATORS = new Set([
  'ConditionalExpression', 'BlockStatement', 'Regex', 'ArrowFunction', 'ObjectLiteral', 'ArrayDeclaration', 'StringLiteral', 'OptionalChaining', 'ReturnValue',
  'ArithmeticOperator', 'LogicalOperator', 'UnaryOperator', 'UpdateOperator', 'AssignmentOperator', 'MethodExpression', 'BooleanLiteral',
]);

const clip = (s: string) => (s.length > 80 ? `${s.slice(0, 79)}…` : s);
