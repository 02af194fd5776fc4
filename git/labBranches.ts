import { simpleGit } from 'simple-git';

/** The generation after the highest lab/gen-N branch of the repository (1 when there is none). */
export async function nextGenerationNumber(repo: string): Promise<number> {
  const branches = await simpleGit(repo).raw(['for-each-ref', '--format=%(refname:short)', 'refs/heads/lab/']);
  const numbers = branches.split('\n').map((b) => /^lab\/gen-(\d+)$/.exec(b)?.[1]).filter(Boolean).map(Number);
  return numbers.length ? Math.max(...numbers) + 1 : 1;
}
