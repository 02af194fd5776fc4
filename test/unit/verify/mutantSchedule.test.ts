import { describe, expect, it } from 'vitest';
import type { Mutant } from '../../../verify/mutants';
import { changedRanges, lineQueues } from '../../../verify/mutantSchedule';

const mutant = (line: number, mutator: string, extra: Partial<Mutant> = {}): Mutant => ({ id: `${line}-${mutator}`, file: 'src/calc.js', line, mutator, start: 0, end: 1, original: 'a', replacement: 'b', origin: 'changed', ...extra });

describe('which mutants a mutation run tries', () => {
  it('reads the added, non-blank lines of each source file as ranges, and nothing of other files', () => {
    const diff = [
      'diff --git a/src/calc.js b/src/calc.js',
      '--- a/src/calc.js',
      '+++ b/src/calc.js',
      '@@ -1,2 +1,6 @@',
      ' export const a = 1;',
      '+export const b = 2;',
      '+export const c = 3;',
      '+',
      '+export const d = 4;',
      ' export const e = 5;',
      '+export const f = 6;',
      'diff --git a/README.md b/README.md',
      '--- a/README.md',
      '+++ b/README.md',
      '@@ -1 +1,2 @@',
      ' # calc',
      '+more',
      '',
    ].join('\n');
    const ranges = changedRanges(diff, (p) => p.endsWith('.js'));
    expect([...ranges.keys()]).toEqual(['src/calc.js']);
    expect(ranges.get('src/calc.js')).toEqual([
      { start: 2, end: 3 },
      { start: 5, end: 5 },
      { start: 7, end: 7 },
    ]);
  });

  it('queues per line the kinds most likely to be caught first, at most max, and never a message string', () => {
    const queues = lineQueues(
      [mutant(3, 'StringLiteral'), mutant(3, 'BlockStatement'), mutant(3, 'ConditionalExpression'), mutant(3, 'ArithmeticOperator'), mutant(7, 'StringLiteral', { inMessage: true })],
      2,
    );
    expect(queues).toHaveLength(1);
    expect(queues[0]!.map((m) => m.mutator)).toEqual(['ConditionalExpression', 'ArithmeticOperator']);
  });

  it('puts the lines in an order the change cannot know in advance', () => {
    const ms = Array.from({ length: 8 }, (_, i) => mutant(i + 1, 'ConditionalExpression'));
    const orders = new Set(Array.from({ length: 20 }, () => lineQueues(ms, 1).map((q) => q[0]!.line).join(',')));
    expect(orders.size).toBeGreaterThan(1);
  });
});
