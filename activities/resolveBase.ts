import { exchangeRef, publishCommit } from '../git/exchange';
import { checkBase, openRepo } from '../git/gitWorkspace';

export interface ResolveBaseInput {
  repoPath: string;
  baseRef: string;
  maxRepoMb?: number;
  /** When the Lab works apart: the base is published here for it. */
  exchange?: string;
  runId?: string;
}

export interface ResolveBaseResult {
  /** The repository's top level, as every later step names it. */
  repoPath: string;
  baseSha: string;
}

/** Pins the generation to one exact base commit, or says clearly why it cannot start. */
export async function resolveBase(input: ResolveBaseInput): Promise<ResolveBaseResult> {
  const repoPath = await openRepo(input.repoPath);
  const baseSha = await checkBase(repoPath, input.baseRef, input.maxRepoMb);
  if (input.exchange) await publishCommit(repoPath, input.exchange, baseSha, exchangeRef(input.runId!, 'base'));
  return { repoPath, baseSha };
}
