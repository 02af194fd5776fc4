// The differential check's verdict (differential.ts says what it is): the Lab's answers must
// be the base's, call for call. Pure and free of parsers, so the workflow can judge.

export type Value = null | boolean | number | string | Value[] | { [k: string]: Value };

export interface DifferentialTarget {
  file: string;
  name: string;
  /** Argument lists to call it with, in order. */
  inputs: Value[][];
  /** Go only: the function's package and its parameters' types, which the calls are written in. */
  go?: { package: string; params: string[] };
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
    const n = Math.min(b.answers.length, l.answers.length);
    compared += n;
    const at = [...Array(n).keys()].find((i) => b.answers[i] !== l.answers[i]);
    if (at !== undefined) {
      const index = l.order?.[at] ?? at % t.inputs.length;
      const args = t.inputs[index]!;
      const again = at >= t.inputs.length;
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
export function judgeRepetition(targets: DifferentialTarget[], first: DifferentialAnswers[], second: DifferentialAnswers[]): DifferentialVerdict {
  const violations: string[] = [];
  let compared = 0;
  for (const t of targets) {
    const a = first.find((x) => x.file === t.file && x.name === t.name);
    const b = second.find((x) => x.file === t.file && x.name === t.name);
    if (!a || !b || a.error || b.error) continue;
    const n = t.inputs.length;
    if (a.answers.length < n || b.answers.length < n) continue;
    if (a.answers.slice(0, n).some((x, i) => x !== b.answers[i])) continue; // not a function of its inputs alone
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
