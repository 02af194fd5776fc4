// Which mutants a mutation run tries, and in what order: per changed line the kinds most
// likely to be caught first, lines in random order so a change cannot know which run first.
import { randomInt } from 'node:crypto';
import { parseDiff } from './diffParse';
import { mustBeCaught } from './mutantKinds';
import type { Mutant } from './mutants';

/** Added lines of each changed source file, as ranges. */
export function changedRanges(diff: string, isSource: (p: string) => boolean): Map<string, Array<{ start: number; end: number }>> {
  const out = new Map<string, Array<{ start: number; end: number }>>();
  for (const c of parseDiff(diff)) {
    if (!c.newPath || !isSource(c.newPath)) continue;
    const ranges: Array<{ start: number; end: number }> = [];
    for (const l of c.added) {
      if (!l.text.trim()) continue;
      const last = ranges[ranges.length - 1];
      if (last && l.line === last.end + 1) last.end = l.line;
      else ranges.push({ start: l.line, end: l.line });
    }
    if (ranges.length) out.set(c.newPath, ranges);
  }
  return out;
}

/** The kinds of mutant most likely to be caught when the line is tested, first. */
const LIKELY = ['ConditionalExpression', 'EqualityOperator', 'ArithmeticOperator', 'LogicalOperator', 'BooleanLiteral', 'UnaryOperator', 'UpdateOperator', 'MethodExpression', 'NumberLiteral', 'Regex', 'StringLiteral', 'ObjectLiteral', 'ArrayDeclaration', 'AssignmentOperator', 'OptionalChaining', 'ArrowFunction', 'BlockStatement'];
const likelihood = (m: Mutant) => {
  const i = LIKELY.indexOf(m.mutator);
  return i < 0 ? LIKELY.length : i;
};

/** Per changed line, the mutants a test must be able to catch, likeliest first, at most `max`; lines in random order. */
export function lineQueues(changedMutants: Mutant[], max: number): Mutant[][] {
  const byLine = new Map<string, Mutant[]>();
  for (const m of changedMutants.filter(mustBeCaught)) byLine.set(`${m.file}:${m.line}`, [...(byLine.get(`${m.file}:${m.line}`) ?? []), m]);
  const queues = [...byLine.values()].map((ms) => [...ms].sort((a, b) => likelihood(a) - likelihood(b)).slice(0, max));
  for (let i = queues.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [queues[i], queues[j]] = [queues[j]!, queues[i]!];
  }
  return queues;
}
