import { simpleGit } from 'simple-git';

/** The generation numbers the repository's lab/gen-N branches (and best-of-K's lab/gen-N-cK) carry. */
export async function labBranchGenerations(repo: string): Promise<number[]> {
  const branches = await simpleGit(repo).raw(['for-each-ref', '--format=%(refname:short)', 'refs/heads/lab/']);
  return branches.split('\n').map((b) => /^lab\/gen-(\d+)(?:-c\d+)?$/.exec(b)?.[1]).filter(Boolean).map(Number);
}
