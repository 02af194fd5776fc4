import { checkBase, openRepo } from '../git/gitWorkspace';

export interface ResolveBaseInput {
  repoPath: string;
  baseRef: string;
  maxRepoMb?: number;
}

export interface ResolveBaseResult {
  /** The repository's top level, as every later step names it. */
  repoPath: string;
  baseSha: string;
}

/** Pins the generation to one exact base commit, or says clearly why it cannot start. */
export async function resolveBase(input: ResolveBaseInput): Promise<ResolveBaseResult> {
  const repoPath = await openRepo(input.repoPath);
  return { repoPath, baseSha: await checkBase(repoPath, input.baseRef, input.maxRepoMb) };
}
