// The task's own worked examples as an oracle. program.md is written outside the Lab (by
// Prime or the user), and a task that adds a function usually says what it returns for a
// few inputs: "median([1, 2, 3, 4]) is 2.5". The Lab cannot change that text, and its new
// tests cannot weaken it. So a new function that passes tests of its own making, while
// answering wrong where the task says what it must answer, is caught whatever its tests
// look like: the function itself is called with the example's arguments in the sealed
// container, and its answer compared with the task's value. Visible examples are asked only
// of functions the change adds (a sentence about an existing function may describe what it
// does today); held-out ones, which the Lab never saw, of the changed files' functions too.
// Pure, so the workflow can judge.
import { isBigInteger, shownValue, type TaskExample, type Value } from '../program/taskExamples';
import type { DifferentialAnswers } from './differentialVerdict';

/** Whether a called function's answer (as a plain value: lists for tuples, maps for dicts) is the example's value. */
export function answerMatches(expected: Value, got: unknown, tolerance: number): boolean {
  if (typeof expected === 'number') {
    if (typeof got !== 'number') return false;
    // An integer answering an integer example is exact: the relative allowance is for a
    // fraction's rounding, and fib(78) off by 24 is within 1e-9 of it.
    if (tolerance === 0 && Number.isInteger(expected) && Number.isInteger(got)) return got === expected;
    return Math.abs(got - expected) <= Math.max(tolerance, 1e-9 * Math.max(1, Math.abs(expected)));
  }
  if (expected === null || typeof expected !== 'object') return got === expected;
  if (Array.isArray(expected)) return Array.isArray(got) && got.length === expected.length && expected.every((e, k) => answerMatches(e, got[k], tolerance));
  if (!got || typeof got !== 'object' || Array.isArray(got)) return false;
  const keys = Object.keys(expected);
  return keys.length === Object.keys(got).length && keys.every((k) => k in got && answerMatches(expected[k]!, (got as Record<string, unknown>)[k], tolerance));
}

export interface ExampleTarget {
  file: string;
  name: string;
  inputs: Value[][];
  examples: TaskExample[];
  go?: { package: string; params: string[]; /** A generic function's parameters' types for each input, as that call instantiates it. */ inputParams?: string[][] };
  /** For each input, the methods of no arguments its example calls on the answer (JavaScript and Python). */
  then?: string[][];
}

/**
 * The change's new functions must answer the task's examples, and the functions its held-out
 * examples name must answer those. A Go function's answer is its
 * results; one result, or a value and an error, is compared by its first.
 */
export function judgeExamples(targets: ExampleTarget[], answers: DifferentialAnswers[], elsewhere: DifferentialAnswers[] = []): { compared: number; heldOut: number; violations: string[]; unchecked: string[] } {
  const violations: string[] = [];
  const unchecked: string[] = [];
  let compared = 0;
  let heldOut = 0;
  for (const t of targets) {
    const a = answers.find((x) => x.file === t.file && x.name === t.name);
    if (!a || a.error || !a.values) {
      unchecked.push(`${t.file}: ${t.name} (${a?.error ?? 'no answer'})`);
      continue;
    }
    t.examples.forEach((e, k) => {
      // Every time the example was asked (the harness asks each more than once): an answer the
      // task states holds on every call, not on the first or on most.
      const asked = (a.values ?? []).flatMap((got, j) => ((a.order?.[j] ?? j) === k ? [got] : []));
      const got = asked[0];
      if (!got) return;
      if ('throws' in got && e.fromArgument) {
        unchecked.push(`${t.file}: ${e.name} with ${e.text} (throws ${got.throws})`);
        return;
      }
      // A Go function's answer is its first result where the rest is a nil error.
      // Unless the example states every result, as `DecodeID("AD4") == (62, nil)` does.
      const answer = (g: (typeof asked)[number]) => {
        const v = 'value' in g ? g.value : undefined;
        if (Array.isArray(v) && t.go && Array.isArray(e.expected) && v.length >= 2 && e.expected.length === v.length && e.expected[v.length - 1] === null) return v;
        return Array.isArray(v) && t.go ? (v.length === 1 || (v.length === 2 && isErrorOrNil(v[1])) ? v[0] : v) : v;
      };
      const value = answer(got);
      // An integer past 2^53 is compared only with an answer that keeps its digits (Python's
      // int, a BigInt, Go's integers), not with a number past 2^53 that may have lost them; a
      // safe integer is exact, and wrong.
      if (isBigInteger(e.expected) && 'value' in got && typeof value === 'number' && !Number.isSafeInteger(value)) {
        unchecked.push(`${t.file}: ${e.name} with ${e.text} (answers a number, which cannot hold every digit)`);
        return;
      }
      compared++;
      if (e.heldOut) heldOut++;
      const chained = (e.then ?? []).map((m) => `.${m}()`).join('');
      const says = `${e.heldOut ? "the task's held-out example says" : e.documented ? 'its own docstring says' : 'program.md says'} \`${e.text}\``;
      const said = (g: (typeof asked)[number]) => {
        const v = answer(g);
        return 'throws' in g ? `throws ${g.throws}` : `returns ${isBigInteger(v) ? v.$bigint : JSON.stringify(v)}`;
      };
      const wrong = asked.findIndex((g) => !('value' in g && answerMatches(e.expected, answer(g), e.tolerance)));
      if (wrong >= 0) {
        const when = wrong === 0 ? '' : ` when asked again (asking ${wrong + 1} of ${asked.length}; the first matched)`;
        violations.push(`${t.file}: ${e.name}(${e.args.map(shownValue).join(', ')})${chained} ${said(asked[wrong]!)}${when}, and ${says}`);
        return;
      }
      // Asked by a program started in another folder, right after each of the other
      // functions' examples, the answer is the same. An error there is not held against it: code may read a
      // file relative to where it runs, as the base may; a different value is an answer right
      // only in the project's folder, or only before (or after) another function was called.
      const there = elsewhere.find((x) => x.file === t.file && x.name === t.name);
      const away = (there?.values ?? []).find((g, j) => (there?.order?.[j] ?? j) === k && 'value' in g && !answerMatches(e.expected, answer(g), e.tolerance));
      if (away) violations.push(`${t.file}: ${e.name}(${e.args.map(shownValue).join(', ')})${chained} ${said(away)} in another program (started in another folder, each example asked right after each of the other functions'; it matched in the first), and ${says}`);
    });
  }
  return { compared, heldOut, violations, unchecked };
}

const isErrorOrNil = (v: unknown) => v === null || (typeof v === 'object' && v !== null && 'error' in v);
