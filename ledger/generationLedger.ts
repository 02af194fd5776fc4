import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { simpleGit } from 'simple-git';
import type { GenerationRecord } from '../generation/recordTypes';

// Every generation's record, one JSON line each, inside the repository's .git folder:
// it survives worker and server restarts, travels with the repo, and is never tracked.

export interface LedgerEntry {
  workflowId: string;
  /** The workflow run that wrote it: a generation run again under its id is another record. */
  runId?: string;
  loopId?: string;
  title?: string;
  record: GenerationRecord;
  recordedAt: string;
}

export async function ledgerPath(repoPath: string): Promise<string> {
  const common = (await simpleGit(repoPath).raw(['rev-parse', '--git-common-dir'])).trim();
  const dir = isAbsolute(common) ? common : join(repoPath, common);
  return join(dir, 'loom', 'generations.jsonl');
}

export function readLedgerFile(path: string): LedgerEntry[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as LedgerEntry);
}

export async function readLedger(repoPath: string): Promise<LedgerEntry[]> {
  return readLedgerFile(await ledgerPath(repoPath));
}

/** Appends an entry once per workflow run: a retried activity finds its own line already there. */
export async function appendLedger(repoPath: string, entry: LedgerEntry): Promise<boolean> {
  const path = await ledgerPath(repoPath);
  if (readLedgerFile(path).some((e) => e.workflowId === entry.workflowId && e.runId === entry.runId)) return false;
  mkdirSync(join(path, '..'), { recursive: true });
  appendFileSync(path, JSON.stringify(entry) + '\n');
  return true;
}
