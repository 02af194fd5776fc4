// Mutants of the code a change touches or a new test exercises. JavaScript and TypeScript
// go through Stryker's instrumenter (the field's standard mutators, with its exclusions
// of code that cannot matter); other languages through the small line mutator. Each
// mutant is one textual replacement, applied to a copy of its file.
import { Instrumenter } from '@stryker-mutator/instrumenter';
import type { LineRange } from './jsDeclarations';
import { isJsLike } from './jsImports';
import { jsReturnValueMutants } from './jsReturnValue';
import { goNumericReturnLines, mutateLine, returnValueMutant, returnValueShift } from './lineMutator';
import { isBehavioural } from './mutantKinds';

export type MutantOrigin = 'changed' | 'exercised';

export interface Mutant {
  id: string;
  file: string;
  /** 1-based line of the mutated code. */
  line: number;
  mutator: string;
  /** Byte-free offsets into the file's text: the replaced span. */
  start: number;
  end: number;
  original: string;
  replacement: string;
  origin: MutantOrigin;
  /** Set on a string mutant in a line that writes a message (MESSAGE_LINE). */
  inMessage?: boolean;
}

export interface MutationTarget {
  file: string;
  content: string;
  ranges: Array<LineRange & { origin: MutantOrigin }>;
}

const quietLogger = {
  isTraceEnabled: () => false,
  isDebugEnabled: () => false,
  isInfoEnabled: () => false,
  isWarnEnabled: () => false,
  isErrorEnabled: () => false,
  isFatalEnabled: () => false,
  trace() {},
  debug() {},
  info() {},
  warn() {},
  error() {},
  fatal() {},
};

/** Offsets of each line's start in a text. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

const originOf = (t: MutationTarget, line: number): MutantOrigin | undefined => {
  const hits = t.ranges.filter((r) => line >= r.start && line <= r.end);
  if (!hits.length) return undefined;
  return hits.some((r) => r.origin === 'changed') ? 'changed' : 'exercised';
};

async function strykerMutants(t: MutationTarget): Promise<Mutant[]> {
  const instrumenter = new Instrumenter(quietLogger as never);
  // Stryker counts lines and columns from 0.
  const mutate = t.ranges.map((r) => ({ start: { line: r.start - 1, column: 0 }, end: { line: r.end - 1, column: Number.MAX_SAFE_INTEGER } }));
  let result;
  try {
    result = await instrumenter.instrument([{ name: t.file, content: t.content, mutate }], { plugins: null, excludedMutations: [], ignorers: [] });
  } catch {
    return lineMutants(t); // a file Stryker cannot parse still has lines
  }
  const starts = lineStarts(t.content);
  const out: Mutant[] = [];
  // A `// Stryker disable` comment is the code's own say over which mutants count: the
  // code under judgement does not get it, so mutants it switched off are made all the same.
  for (const m of result.mutants) {
    const start = (starts[m.location.start.line] ?? 0) + m.location.start.column;
    const end = (starts[m.location.end.line] ?? 0) + m.location.end.column;
    const line = m.location.start.line + 1;
    const origin = originOf(t, line);
    if (!origin) continue;
    out.push({ id: `${t.file}:${line}:${out.length}`, file: t.file, line, mutator: m.mutatorName, start, end, original: t.content.slice(start, end), replacement: m.replacement, origin });
  }
  // Stryker has no mutator for numbers; a table of constants or a magic number still gets one.
  // Nor one that changes a returned value without emptying the function (jsReturnValue.ts says why).
  const shifted = jsReturnValueMutants(t.content, t.file, (line) => originOf(t, line) === 'changed').map((m, k): Mutant => ({ id: `${t.file}:${m.line}:r${k}`, file: t.file, line: m.line, mutator: 'ReturnValueShift', start: m.start, end: m.end, original: m.original, replacement: m.replacement, origin: 'changed' }));
  return [...out, ...lineMutants(t).filter((m) => m.mutator === 'NumberLiteral').map((m, k) => ({ ...m, id: `${m.id}:n${k}` })), ...shifted];
}

function lineMutants(t: MutationTarget): Mutant[] {
  const lines = t.content.split('\n');
  const starts = lineStarts(t.content);
  const out: Mutant[] = [];
  const returns = /\.pyw?$/.test(t.file) ? 'python' : /\.(?:go|rs|java|kt|cs|swift|c|cc|cpp|h|hpp)$/.test(t.file) ? 'typed' : undefined;
  const numeric = t.file.endsWith('.go') ? goNumericReturnLines(lines) : new Set<number>();
  lines.forEach((text, i) => {
    const origin = originOf(t, i + 1);
    if (!origin) return;
    const value = returns ? returnValueMutant(text, returns) : undefined;
    // As in JavaScript, only a changed line's value is shifted (jsReturnValue.ts says why).
    const shift = returns && origin === 'changed' ? returnValueShift(text, returns, numeric.has(i)) : undefined;
    for (const m of [...mutateLine(text), ...(value ? [value] : []), ...(shift ? [shift] : [])]) {
      const start = starts[i]! + m.column;
      out.push({ id: `${t.file}:${i + 1}:${out.length}`, file: t.file, line: i + 1, mutator: m.mutator, start, end: start + m.length, original: m.original, replacement: m.replacement, origin });
    }
  });
  return out;
}

/** Source code in a language the line mutator reads; prose, data and configuration are not mutated. */
const CODE = /\.(?:py|go|rs|java|kt|kts|scala|rb|php|c|h|cc|cpp|cxx|hpp|hh|cs|swift|m|mm|ex|exs|erl|clj|cljs|cljc|lua|dart|hs|ml|fs|jl|r|pl|pm|sh|bash|zig|nim|v|sol)$/i;
export const isMutable = (path: string): boolean => isJsLike(path) || CODE.test(path);

export async function generateMutants(targets: MutationTarget[]): Promise<Mutant[]> {
  const all: Mutant[] = [];
  for (const t of targets) {
    if (!isMutable(t.file)) continue;
    const lines = t.content.split('\n');
    const made = isJsLike(t.file) ? await strykerMutants(t) : lineMutants(t);
    // One at a time: a generated table can give hundreds of thousands, too many to spread as arguments.
    for (const m of made) all.push(m.mutator === 'StringLiteral' && MESSAGE_LINE.test(lines[m.line - 1] ?? '') ? { ...m, inMessage: true } : m);
  }
  return all;
}

export function applyMutant(content: string, m: Pick<Mutant, 'start' | 'end' | 'replacement'>): string {
  return content.slice(0, m.start) + m.replacement + content.slice(m.end);
}

/** A line that writes a message: an error, a log line, a print. Its strings are words, not logic. */
export const MESSAGE_LINE = /\b(?:throw|Error|Exception|console\.\w+|log(?:ger)?\.\w+|logging\.\w+|print|printf|Printf|Println|Print|Fprintf|Fprintln|Fprint|Errorf|Fatalf?|Sprintf|New|panic|raise|warn(?:ings)?|debug|assert|usage)\b/;

/**
 * At most `max` mutants, spread fairly: every group (a file's changed lines, each
 * exercised declaration) gets its turn in round robin, behavioural mutants first within
 * each group and changed code before exercised code. Deterministic.
 */
export function selectMutants(all: Mutant[], max: number, groupOf: (m: Mutant) => string = (m) => `${m.origin}:${m.file}`): Mutant[] {
  const groups = new Map<string, Mutant[]>();
  for (const m of all) groups.set(groupOf(m), [...(groups.get(groupOf(m)) ?? []), m]);
  const queues = [...groups.entries()]
    .sort(([a], [b]) => (a.startsWith('changed') === b.startsWith('changed') ? a.localeCompare(b) : a.startsWith('changed') ? -1 : 1))
    .map(([, ms]) => {
      const behavioural = ms.filter(isBehavioural);
      // Spread over the group's lines: one per line first, then the rest.
      const byLine = new Map<number, Mutant[]>();
      for (const m of behavioural) byLine.set(m.line, [...(byLine.get(m.line) ?? []), m]);
      const spread: Mutant[] = [];
      for (let round = 0; spread.length < behavioural.length; round++) for (const ls of byLine.values()) if (ls[round]) spread.push(ls[round]!);
      return [...spread, ...ms.filter((m) => !isBehavioural(m))];
    });
  const out: Mutant[] = [];
  const seen = new Set<string>();
  for (let round = 0; out.length < max && queues.some((q) => q.length > round); round++) {
    for (const q of queues) {
      const m = q[round];
      if (!m || out.length >= max) continue;
      const key = `${m.file}:${m.start}:${m.end}:${m.replacement}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(m);
    }
  }
  return out;
}
