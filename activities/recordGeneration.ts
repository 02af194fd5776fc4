import { appendLedger, type LedgerEntry } from '../ledger/generationLedger';

/** Writes a finished generation to the repository's ledger (.git/loom/generations.jsonl). */
export async function recordGeneration(input: { repoPath: string; entry: Omit<LedgerEntry, 'recordedAt'> }): Promise<{ written: boolean }> {
  try {
    return { written: await appendLedger(input.repoPath, { ...input.entry, recordedAt: new Date().toISOString() }) };
  } catch (err) {
    // A path that is not a repository has no ledger; the record is still the workflow's result.
    if (/not a git repository|ENOENT/i.test((err as Error).message)) return { written: false };
    throw err;
  }
}
