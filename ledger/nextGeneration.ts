// Generations are numbered once per repository, forever: the next one is after the highest
// number the repository records anywhere, its ledger or its Lab branches. A loop run again, a
// loop after `loom generate`, a ledger on a clone without the branches or branches without the
// ledger: none reuses a number, so no Lab branch is overwritten and no record is shadowed.
import { labBranchGenerations } from '../git/labBranches';
import { readLedger } from './generationLedger';

/** The pure rule: one after the highest number recorded, 1 when there is none. */
export function nextAfter(recorded: number[]): number {
  return recorded.reduce((a, b) => Math.max(a, b), 0) + 1;
}

export async function nextGenerationNumber(repo: string): Promise<number> {
  const [branches, ledger] = await Promise.all([labBranchGenerations(repo), readLedger(repo)]);
  return nextAfter([...branches, ...ledger.map((e) => e.record.generation).filter((n) => Number.isInteger(n))]);
}
