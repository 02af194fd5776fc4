// The exchange: a git repository that Prime's and the Lab's workers can both reach (a
// path on shared storage, or any URL git can push to). When the Lab runs on another
// machine, commits travel through it instead of through a shared disk.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { gitIn as simpleGit } from './gitCommand';

const safe = (runId: string) => runId.replace(/[^A-Za-z0-9._-]/g, '_');

export { exchangeRef } from '../generation/naming';

/** Pushes `sha` from a local repository to the exchange as `ref`. */
export async function publishCommit(repoPath: string, exchange: string, sha: string, ref: string): Promise<void> {
  await simpleGit(repoPath).raw(['push', '--quiet', '--no-verify', '--force', exchange, `${sha}:${ref}`]);
}

/** Fetches `ref` from the exchange into a local repository as `dstRef`; returns its SHA. */
export async function fetchFromExchange(repoPath: string, exchange: string, ref: string, dstRef: string): Promise<string> {
  const g = simpleGit(repoPath);
  await g.raw(['fetch', '--quiet', '--no-tags', '--no-write-fetch-head', exchange, `+${ref}:${dstRef}`]);
  return g.revparse(['--verify', `${dstRef}^{commit}`]);
}

/** The Lab worker's own bare copy of an exchange, under `mirrorsDir`; made on first use. */
export async function mirrorOf(mirrorsDir: string, exchange: string): Promise<string> {
  const dir = join(mirrorsDir, createHash('sha256').update(exchange).digest('hex').slice(0, 16));
  if (!existsSync(join(dir, 'HEAD'))) {
    mkdirSync(dir, { recursive: true });
    await simpleGit(dir).raw(['init', '--quiet', '--bare']);
  }
  return dir;
}

/** Removes a run's refs from the exchange (its objects go with the next gc). */
export async function deleteExchangeRefs(repoPath: string, exchange: string, runId: string): Promise<number> {
  const prefix = `refs/loom/exchange/${safe(runId)}/`;
  const listed = await simpleGit(repoPath).raw(['ls-remote', exchange, `${prefix}*`]);
  const refs = listed.split('\n').map((l) => l.split('\t')[1]).filter((r): r is string => !!r && r.startsWith(prefix));
  if (refs.length) await simpleGit(repoPath).raw(['push', '--quiet', '--no-verify', exchange, ...refs.map((r) => `:${r}`)]);
  return refs.length;
}
