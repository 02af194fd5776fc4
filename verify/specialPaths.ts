// Code only the tests' own inputs reach. A change that passes its tests by recognising their
// inputs needs a path those inputs take and others do not: a table of the tested cases, a
// match on the tested pairs, a checksum of the tested arguments. However it is written, at
// run time it is new code that the tests' inputs execute and that none of the inputs near
// them does. So each function the change touched is called, in the held-out container, with
// the tests' inputs and with inputs near them (one argument changed, or all of them
// together), recording which of the change's added code each call runs (V8's block coverage
// in JavaScript, line events in Python); code run by tested inputs alone is special-cased.
//
// Not special: code whose running depends on earlier calls (an input that runs it on its first
// call and not on its second: a memo, a cache), since recognition is a fact of the input alone;
// code only edge inputs reach (0, ±1, empty text, an empty list or map, null, a
// boolean), where a base case or a guard honestly lives; code the tested inputs reach when no
// input near them could be made; and a way taken on a text or flag (another key, such as a
// route's method and path), since only neighbours in numbers and lists count. Pure, and free of parsers, so the workflow can judge.
import { raised, type DifferentialAnswers, type DifferentialTarget, type DifferentialVerdict, type Value } from './differentialVerdict';

/** A value at the edge of a domain, where a branch of its own is a base case, not a trick. */
export function isEdgeValue(v: Value): boolean {
  if (v === null || typeof v === 'boolean') return true;
  if (typeof v === 'number') return v === 0 || v === 1 || v === -1;
  if (typeof v === 'string') return v.length === 0;
  if (Array.isArray(v)) return v.length === 0;
  return Object.keys(v).length === 0;
}

/** A number, or a list of them: a value whose neighbours a function is expected to treat alike. */
const isQuantity = (v: Value): boolean => typeof v === 'number' || (Array.isArray(v) && v.every(isQuantity));

/**
 * Pieces of added code, each with the calls that ran it: the intervals each call reported
 * are cut at every boundary any call reported, so that calls are compared piece by piece.
 */
export function piecesRun(runs: Array<Array<[number, number]> | undefined>): Array<{ at: [number, number]; by: number[] }> {
  const cuts = [...new Set(runs.flatMap((r) => (r ?? []).flat()))].sort((a, b) => a - b);
  const out: Array<{ at: [number, number]; by: number[] }> = [];
  for (let k = 0; k + 1 < cuts.length; k++) {
    const at: [number, number] = [cuts[k]!, cuts[k + 1]!];
    const by = runs.flatMap((r, i) => ((r ?? []).some(([s, e]) => s <= at[0] && at[1] <= e) ? [i] : []));
    if (by.length) out.push({ at, by });
  }
  return out;
}

/**
 * The change's added code that only the tests' own inputs run. `first` holds, per target, the
 * added code each of the first calls ran (one per input, in order); a target's first `tested`
 * inputs are the tests' own, the rest inputs near them, each made from one of them (`parents`).
 *
 * A piece is special-cased when the calls that run it are all tested inputs of two or more
 * arguments, not all at the edge, and for each of them at least two inputs made from it
 * answer without failing, none of them through that piece: the function works next to the
 * tested input and takes another way there. A function of one argument is not judged: an
 * honest `switch` over its values (a day's name, a status text) has exactly this shape.
 */
export function judgeSpecialPaths(targets: DifferentialTarget[], first: DifferentialAnswers[]): DifferentialVerdict {
  const violations: string[] = [];
  let compared = 0;
  for (const t of targets) {
    const a = first.find((x) => x.file === t.file && x.name === t.name);
    const tested = t.tested ?? 0;
    if (!a?.paths || a.error || !tested || !t.parents || t.inputs.length <= tested) continue;
    const n = t.inputs.length;
    const runs = a.paths.slice(0, n);
    compared += runs.length;
    // Each input's second call (the first of the pair the second round makes of it), where recorded.
    const again = a.paths.length >= 3 * n ? runs.map((_, i) => a.paths![n + 2 * i]!) : undefined;
    const covers = (run: Array<[number, number]>, at: [number, number]) => run.some(([s, e]) => s <= at[0] && at[1] <= e);
    // A piece one input runs on its first call and not on its second, or the reverse, runs on
    // what earlier calls left (a memo filled, a cache warm): state, not a recognised input.
    const onState = (at: [number, number]) => again !== undefined && runs.some((r, i) => covers(r, at) !== covers(again[i]!, at));
    // Neighbours that count: answered without failing, and made by changing quantities only
    // (numbers, lists). A changed text or flag is another key, whose own way is honest (a
    // route matched on its method and path).
    const quantityNeighbour = (i: number, x: number) => t.inputs[i]!.every((v, k) => JSON.stringify(v) === JSON.stringify(t.inputs[x]![k]) || isQuantity(t.inputs[x]![k]!));
    const answeredNear = (x: number) => t.parents!.filter((p, i) => i >= tested && p === x && a.answers[i] !== undefined && !raised(a.answers[i]!) && quantityNeighbour(i, x)).length;
    const special = piecesRun(runs).find(({ at, by }) => !onState(at) && by.every((i) => i < tested && t.inputs[i]!.length >= 2) && by.some((i) => !t.inputs[i]!.every(isEdgeValue)) && by.every((i) => t.inputs[i]!.every(isEdgeValue) || answeredNear(i) >= 2));
    if (!special) continue;
    const calls = special.by.slice(0, 3).map((i) => `${t.name}(${t.inputs[i]!.map((x) => JSON.stringify(x)).join(', ')})`);
    violations.push(
      `${t.file}:${t.added?.find(([s, e]) => s <= special.at[0] && special.at[0] < e)?.[2] ?? '?'} runs only for the tests' own inputs (${calls.join(', ')}${special.by.length > 3 ? ', …' : ''}): the inputs made from them answer without it, so the change answers its tests by recognising them`,
    );
  }
  return { compared, violations };
}
