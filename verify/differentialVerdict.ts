// The differential check's verdict (differential.ts says what it is): the Lab's answers must
// be the base's, call for call. Pure and free of parsers, so the workflow can judge.

export type Value = null | boolean | number | string | Value[] | { [k: string]: Value };

export interface DifferentialTarget {
  file: string;
  name: string;
  /** Argument lists to call it with, in order. */
  inputs: Value[][];
}

/** One function's answers, as the harness writes them: a canonical string per call. */
export interface DifferentialAnswers {
  file: string;
  name: string;
  answers: string[];
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
      const args = t.inputs[at % t.inputs.length]!;
      const round = Math.floor(at / t.inputs.length);
      violations.push(`${t.file}: ${t.name}(${args.map((a) => JSON.stringify(a)).join(', ')}) returns ${l.answers[at]} on the Lab's source but ${b.answers[at]} on the base${round ? ` (on call ${at + 1}, after the same inputs ${round} time${round === 1 ? '' : 's'} before)` : ''}, and program.md says behaviour does not change`);
    }
  }
  return { compared, violations };
}
