// The differential check: where program.md declares that behaviour does not change (a
// refactor), each function the change touched is called, on the base's code and on the
// Lab's, with the inputs the base's own tests give it and with inputs near those, hundreds
// of times in one process, and the answers must be the same. A change that passes the tests
// by recognising their inputs (a table of the tested cases, a fast path exact only in the
// tested range), or that behaves differently after many calls, answers differently near
// them. Python, JavaScript (not TypeScript, which Node cannot load as it is) and Go
// (differentialGo.ts); the calls run in the sealed container (differentialHarness.mjs,
// differential_harness.py, a Go test Loom writes). Pure but for the parsers.
import { callableDeclarations, staticMethods } from './jsDeclarations';
import { goCallable, goLiteralCalls } from './differentialGo';
import { jsTestInputs } from './jsTestInputs';
import { pyTestInputs } from './pyTestInputs';
import { parseTree } from './treeSitter';

import { differentialLanguage, type AcrossInputs, type DifferentialTarget, type Value } from './differentialVerdict';

export type { AcrossInputs, DifferentialAnswers, DifferentialTarget, Value } from './differentialVerdict';

/** Calls per function at the least, repeating its inputs: a function that changes after many calls shows it. */
export const MIN_CALLS = 300;
const MAX_INPUTS = 120;

export { differentialLanguage };

/** Top-level functions a file exports (JS) or defines publicly (Python), by name. */
export async function publicFunctions(file: string, content: string): Promise<string[]> {
  if (differentialLanguage(file) === 'js') return [...callableDeclarations(content, file).keys(), ...staticMethods(content, file).keys()];
  if (differentialLanguage(file) === 'go') return [...(await goCallable(content)).keys()];
  if (differentialLanguage(file) !== 'python') return [];
  const tree = await parseTree('python', content);
  try {
    // A decorated function too: the module's name is bound to what the decorator made, which is what its callers call.
    const defined = (c: (typeof tree.rootNode.namedChildren)[number]) => (c?.type === 'decorated_definition' ? c.childForFieldName('definition') : c);
    return tree.rootNode.namedChildren.map(defined).filter((c) => c?.type === 'function_definition').map((c) => c!.childForFieldName('name')!.text).filter((n) => !n.startsWith('_'));
  } finally {
    tree.delete();
  }
}

/** Argument lists of calls to `names` in a test file, by function name: literal, or from a table of literal cases. */
export async function literalCalls(testFile: string, content: string, names: ReadonlySet<string>): Promise<Map<string, Value[][]>> {
  if (/\.(?:c|m)?[jt]sx?$/.test(testFile)) return jsTestInputs(testFile, content, names);
  if (/_test\.go$/.test(testFile)) return goLiteralCalls(content, names);
  if (/\.py$/.test(testFile)) return pyTestInputs(content, names);
  return new Map();
}

/** Values near one value: its neighbours, its negation, zero, a larger one; for text and lists, shorter, longer, reordered. */
function near(v: Value): Value[] {
  if (typeof v === 'number') {
    // Near: a step either way, a half step, twice as much; not the sign or far values, where an honest refactor may differ on inputs the code never meant to take.
    const out = [v + 1, v - 1, v * 2, v + 2];
    if (!Number.isInteger(v)) out.push(Math.round(v), v / 3);
    else out.push(v + 0.5, v - 2);
    return out;
  }
  if (typeof v === 'string') return ['', v + v, v.slice(1), v.toUpperCase(), `${v}1`, [...v].reverse().join('')];
  if (typeof v === 'boolean') return [!v];
  if (Array.isArray(v)) return [[], [...v].reverse(), [...v, ...v], v.slice(1), ...(v.length && typeof v[0] === 'number' ? [v.map((x) => (typeof x === 'number' ? x + 1 : x)), [...v, (v[0] as number) + 7]] : [])];
  return [];
}

/** The tests' own inputs, then inputs that differ from them in one argument, at most MAX_INPUTS, deduplicated. */
export function inputsNear(seen: Value[][]): Value[][] {
  return inputsNearFrom(seen, false).inputs;
}

/**
 * The tests' own inputs (`tested` of them, first), then inputs near them: one argument
 * changed, and with `joint` every argument changed alike (so that a branch on their relation,
 * such as a === b, is reached near the tests too). `parents[i]` is the tested input that
 * input i was made from.
 */
export function inputsNearFrom(seen: Value[][], joint: boolean): { inputs: Value[][]; tested: number; parents: number[] } {
  const out: Value[][] = [];
  const parents: number[] = [];
  const keys = new Map<string, number>();
  const push = (args: Value[], parent?: number) => {
    const k = JSON.stringify(args);
    if (keys.has(k) || out.length >= MAX_INPUTS) return;
    keys.set(k, out.length);
    parents.push(parent ?? out.length);
    out.push(args);
  };
  for (const args of seen) push(args);
  const tested = out.length;
  const from = (args: Value[]) => keys.get(JSON.stringify(args))!;
  for (let round = 0; out.length < MAX_INPUTS && round < 8; round++) {
    for (const args of seen) {
      args.forEach((a, i) => {
        const n = near(a)[round];
        if (n !== undefined) push(args.map((x, j) => (j === i ? n : x)), from(args));
      });
      if (joint && args.length > 1) {
        const all = args.map((a) => near(a)[round]);
        if (all.every((x) => x !== undefined)) push(all as Value[], from(args));
      }
    }
  }
  return { inputs: out, tested, parents };
}

/** A refactor is called with every whole number of a tested range when it holds at most this many. */
export const ACROSS_ALL = 8000;
/** Calls across tested ranges per generation at most, shared among the functions called. */
export const ACROSS_TOTAL = 20_000;
/** Otherwise with this many of them, drawn at random per generation. */
export const ACROSS_SAMPLE = 1000;
/** How long each side may spend on the calls across the tested range, per function, in each harness. */
export const ACROSS_BUDGET_MS = 10_000;

/**
 * A refactor's calls across the range its tests span: for each argument the base's tests give
 * two or more whole numbers, that argument set in turn to every whole number from
 * the least to the greatest they give, the other arguments as in a tested call; drawn at random
 * when the range is larger than `limit` allows. Inside the tested range every input is one the
 * code means to take, so a refactor must answer there as the base does: a table of the tested
 * values, a search bounded near them or a fast path exact only at them answers differently
 * somewhere between. `draw(n)` gives a whole number in [0, n).
 */
export function inputsAcross(seen: Value[][], draw: (n: number) => number, limit = ACROSS_ALL): AcrossInputs[] {
  const width = Math.max(0, ...seen.map((a) => a.length));
  const spans: Array<{ position: number; lo: number; hi: number; args: Value[] }> = [];
  for (let position = 0; position < width; position++) {
    // The calls that give this argument a whole number (a test may also give it a fraction or text, to see it refused).
    const calls = seen.filter((a) => a.length > position && typeof a[position] === 'number' && Number.isSafeInteger(a[position]));
    const values = calls.map((a) => a[position] as number);
    if (calls.length < 2) continue;
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    if (hi > lo) spans.push({ position, lo, hi, args: calls[0]! });
  }
  const share = Math.floor(limit / Math.max(1, spans.length));
  return spans.map(({ position, lo, hi, args }) => {
    const size = hi - lo + 1;
    if (size <= share) return { args, position, values: Array.from({ length: size }, (_, k) => lo + k) };
    const drawn = new Set<number>();
    const want = Math.min(share, ACROSS_SAMPLE);
    for (let tries = 0; drawn.size < want && tries < want * 4; tries++) drawn.add(lo + drawWide(size, draw));
    return { args, position, values: [...drawn].sort((a, b) => a - b) };
  });
}

/** A whole number in [0, size), for sizes past what one draw covers. */
function drawWide(size: number, draw: (n: number) => number): number {
  const STEP = 2 ** 24;
  if (size <= STEP) return draw(size);
  return (draw(Math.ceil(size / STEP)) * STEP + draw(STEP)) % size;
}
