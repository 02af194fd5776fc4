import { appendLedger, type LedgerEntry } from '../ledger/generationLedger';
import { writeTestReports, type GenerationRuns } from '../ledger/testReports';

/** Writes a finished generation to the repository's ledger (.git/loom/generations.jsonl), and its per-test results beside it. */
export async function recordGeneration(input: { repoPath: string; entry: Omit<LedgerEntry, 'recordedAt'>; runs?: GenerationRuns }): Promise<{ written: boolean }> {
  try {
    if (input.runs && Object.keys(input.runs).length) await writeTestReports(input.repoPath, input.entry.workflowId, input.runs);
    return { written: await appendLedger(input.repoPath, { ...input.entry, recordedAt: new Date().toISOString() }) };
  } catch (err) {
    // A path that is not a repository has no ledger; the record is still the workflow's result.
    if (/not a git repository|ENOENT/i.test((err as Error).message)) return { written: false };
    throw err;
  }
}
