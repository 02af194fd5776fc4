import { appendLedger, type LedgerEntry } from '../ledger/generationLedger';

/** Writes a finished generation to the repository's ledger (.git/loom/generations.jsonl). */
export async function recordGeneration(input: { repoPath: string; entry: Omit<LedgerEntry, 'recordedAt'> }): Promise<{ written: boolean }> {
  const written = await appendLedger(input.repoPath, { ...input.entry, recordedAt: new Date().toISOString() });
  return { written };
}
