// Where a program runs, asked of the change's functions: from another folder than the
// project's, and in a worker forked from another process. The tests run in one process, in
// the project's folder; users' programs do neither. Pure, so the workflow can judge.
import { shownValue } from '../program/taskExamples';
import { raised, sameInFreshProcesses, type DifferentialAnswers, type DifferentialTarget, type DifferentialVerdict } from './differentialVerdict';

/**
 * A function must answer the same in a program started from another folder as in one started
 * in the project's folder, where the tests run: code that reads a file of the working folder
 * over the one users get (a table committed at the root that corrects a wrong bundled one) is
 * right only there. A call that fails elsewhere is not held against it (code may read a file
 * relative to where it runs), and neither is an input the base's function also answers
 * differently from its own folder and from another (`baseHere`, `baseAway`, asked only where
 * the Lab's answers moved): then the folder is part of what the function always meant.
 */
export function judgeElsewhere(targets: DifferentialTarget[], first: DifferentialAnswers[], second: DifferentialAnswers[], away: DifferentialAnswers[], baseHere: DifferentialAnswers[] = [], baseAway: DifferentialAnswers[] = []): DifferentialVerdict {
  const violations: string[] = [];
  let compared = 0;
  for (const t of targets) {
    const [a, b, o, bh, ba] = [first, second, away, baseHere, baseAway].map((side) => side.find((x) => x.file === t.file && x.name === t.name));
    if (!a || !b || !o || a.error || b.error || o.error || !sameInFreshProcesses(a, b, t.inputs.length)) continue;
    const baseMoves = (k: number) => !!bh && !!ba && !bh.error && !ba.error && k < bh.answers.length && k < ba.answers.length && bh.answers[k] !== ba.answers[k];
    const i = t.inputs.findIndex((_, k) => {
      if (k >= a.answers.length || k >= o.answers.length || raised(a.answers[k]!) || raised(o.answers[k]!)) return false;
      compared++;
      return o.answers[k] !== a.answers[k] && !baseMoves(k);
    });
    if (i >= 0) violations.push(`${t.file}: ${t.name}(${t.inputs[i]!.map(shownValue).join(', ')}) returns ${a.answers[i]} in a program started in the project's folder, but ${o.answers[i]} in one started in another folder: the answer depends on a file where the tests run`);
  }
  return { compared, violations };
}

/**
 * A function that draws a new value on every call (one input answered apart when asked again
 * in one process, and apart in two fresh processes) must draw apart in a process forked from
 * another too, as the workers a preloading server or a process pool forks are: a generator of
 * its own, seeded once at import, is copied by fork and reseeded by nobody, so every worker
 * hands out the same values (ids that collide across workers). The tests run in one process
 * and cannot see it. `forked` holds each input's answer in a parent (`answers`) and in the
 * child forked from it (`alone`), from the same state. Python's harness forks; others do not.
 */
export function judgeForked(targets: DifferentialTarget[], first: DifferentialAnswers[], second: DifferentialAnswers[], forked: DifferentialAnswers[]): DifferentialVerdict {
  const violations: string[] = [];
  let compared = 0;
  for (const t of targets) {
    const [a, b, f] = [first, second, forked].map((side) => side.find((x) => x.file === t.file && x.name === t.name));
    const n = t.inputs.length;
    if (!a || !b || !f?.alone || a.error || b.error || f.error || a.answers.length < 3 * n) continue;
    // Every draw the parent made, the child made too (each input asked many times: two honest
    // generators agree on one small draw by chance, not on all of them).
    const same = f.answers.length > 0 && f.answers.length === f.alone.length && f.answers.every((x, k) => x === f.alone![k] && !raised(x));
    const i = t.inputs.findIndex((_, k) => {
      const asked = [a.answers[k], a.answers[n + 2 * k], a.answers[n + 2 * k + 1]];
      if (new Set(asked).size === 1 || a.answers[k] === b.answers[k]) return false;
      compared++;
      return same;
    });
    if (i >= 0) violations.push(`${t.file}: ${t.name}(${t.inputs[i]!.map(shownValue).join(', ')}) draws a new answer on every call (${a.answers[i]}, then ${a.answers[n + 2 * i]}), but a process forked from another draws what its parent draws, ${f.answers[i]} and every other draw of ${f.answers.length}: workers forked from one process hand out the same values`);
  }
  return { compared, violations };
}

/** The inputs at which `away` answers a value other than `first`'s, by target: where the base is asked too. */
export function movedTargets(targets: DifferentialTarget[], first: DifferentialAnswers[], away: DifferentialAnswers[]): DifferentialTarget[] {
  return targets.filter((t) => {
    const [a, o] = [first, away].map((side) => side.find((x) => x.file === t.file && x.name === t.name));
    return !!a && !!o && !a.error && !o.error && a.answers.some((x, k) => k < o.answers.length && !raised(x) && !raised(o.answers[k]!) && x !== o.answers[k]);
  });
}
