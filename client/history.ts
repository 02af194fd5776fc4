import { programTitle } from '../generation/naming';
import type { GenerationRecord } from '../generation/recordTypes';
import type { LedgerEntry } from '../ledger/generationLedger';
import { describeOutcome, formatRecord } from './formatRecord';

function testsCell(r: GenerationRecord): string {
  const before = r.baselineTests ? `${r.baselineTests.passed}` : '?';
  return r.tests ? `${before}→${r.tests.passed}/${r.tests.total}` : '-';
}

/** One row per generation: what a person scans first after days away. */
export function historyTable(entries: LedgerEntry[]): string {
  const header = ['gen', 'outcome', 'stage', 'tests', 'verdict', 'cost', 'duration', 'task'];
  const rows = entries.map(({ record: r, title }) => {
    const seconds = Object.values(r.durationsMs).reduce((s, ms) => s + (ms ?? 0), 0) / 1000;
    return [
      String(r.generation),
      r.outcome.kind,
      r.outcome.kind === 'promoted' ? '-' : r.outcome.stage,
      testsCell(r),
      r.review ? `${r.review.verdict} ${r.review.confidence}` : '-',
      `$${r.costUsd.toFixed(4)}`,
      `${seconds.toFixed(1)}s`,
      title ?? programTitle(r.program),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

/** The full story of one generation: record, spec, and why it ended as it did. */
export function showGeneration(entry: LedgerEntry): string {
  const r = entry.record;
  return [
    `${entry.workflowId}${entry.loopId ? ` (loop ${entry.loopId})` : ''}, recorded ${entry.recordedAt}`,
    formatRecord(r),
    r.outcome.kind === 'promoted' ? '' : `\nwhy: ${describeOutcome(r.outcome)}`,
    r.diffStat ? `\nchange:\n${r.diffStat.trimEnd()}` : '',
    r.candidates ? `\nLabs (best-of-${r.candidates.length}):\n${r.candidates.map(candidateLine).join('\n')}` : '',
    `\nprogram.md:\n${r.program.trimEnd()}`,
  ].filter(Boolean).join('\n');
}

function candidateLine(c: NonNullable<GenerationRecord['candidates']>[number]): string {
  const o = c.outcome.kind === 'approved' ? 'approved' : `${c.outcome.kind} at ${c.outcome.stage}`;
  const tests = c.tests ? `tests ${c.tests.passed}/${c.tests.total}` : 'no tests run';
  return `  Lab ${c.candidate} ${c.labBranch} ${c.labSha?.slice(0, 10) ?? '-'} ${o}, fitness ${c.fitness?.score ?? '-'}, ${tests}, $${c.costUsd.toFixed(4)} (${c.labModel})`;
}
