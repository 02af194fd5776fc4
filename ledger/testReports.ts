import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ledgerPath } from './generationLedger';
import { caseMap, testId, type TestRun, type TestStatus } from '../verify/testResults';

// Every test's result in each run of a generation (the base, the Lab's tree, the held-out
// tree), beside the ledger in .git/loom/reports/: `loom show N --tests` reads it.

export type GenerationRuns = Partial<Record<'baseline' | 'lab' | 'heldOut', TestRun>>;

async function reportFile(repoPath: string, workflowId: string): Promise<string> {
  return join(dirname(await ledgerPath(repoPath)), 'reports', `${workflowId.replace(/[^A-Za-z0-9._-]/g, '_')}.json`);
}

export async function writeTestReports(repoPath: string, workflowId: string, runs: GenerationRuns): Promise<void> {
  const file = await reportFile(repoPath, workflowId);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(runs));
}

export async function readTestReports(repoPath: string, workflowId: string): Promise<GenerationRuns | undefined> {
  const file = await reportFile(repoPath, workflowId);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as GenerationRuns) : undefined;
}

/** One row per test: its result in each run ("-" where it did not run). */
export function testTable(runs: GenerationRuns): string {
  const kinds = (['baseline', 'lab', 'heldOut'] as const).filter((k) => runs[k]);
  const maps = kinds.map((k) => caseMap(runs[k]!));
  const ids = [...new Set(maps.flatMap((m) => [...m.keys()]))].sort();
  const head = { baseline: 'base', lab: 'Lab', heldOut: 'held-out' };
  const mark = (s: TestStatus | undefined) => s ?? '-';
  const width = Math.max(4, ...ids.map((i) => i.length));
  const lines = [`  ${'test'.padEnd(width)}  ${kinds.map((k) => head[k].padEnd(8)).join('  ')}`];
  for (const id of ids) lines.push(`  ${id.padEnd(width)}  ${maps.map((m) => mark(m.get(id)?.status).padEnd(8)).join('  ')}`);
  for (const [i, k] of kinds.entries()) {
    for (const c of maps[i]!.values()) if (c.status === 'failed' && c.message) lines.push(`  ${head[k]} ${testId(c.file, c.name)}: ${c.message.split('\n').slice(0, 3).join(' / ')}`);
  }
  return lines.join('\n');
}
