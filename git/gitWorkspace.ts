import { gitIn, type GitRunner } from './gitCommand';
import { existsSync, realpathSync, statSync } from 'node:fs';
import { PermanentError } from '../generation/errors';
import { artifactExclusions, sourceOnlyDiff } from './reviewDiff';

// Host-side git. Nothing here checks out files in the user's working copy: refs and
// bundles only, so a person's local edits are never touched.

function git(repoPath: string): GitRunner {
  return gitIn(repoPath);
}

/** Checks the target is a usable repository and returns its top-level path. */
export async function openRepo(repoPath: string): Promise<string> {
  if (!existsSync(repoPath) || !statSync(repoPath).isDirectory()) {
    throw new PermanentError(`${repoPath} is not a directory: pass --repo the path of a git repository`);
  }
  const g = git(repoPath);
  if (!(await g.checkIsRepo())) {
    throw new PermanentError(`${repoPath} is not a git repository: run \`git init\` there and commit, or pass another --repo`);
  }
  return realpathSync(await g.revparse(['--show-toplevel']));
}

export async function resolveCommit(repoPath: string, ref: string): Promise<string> {
  const sha = await refSha(repoPath, ref);
  if (!sha) throw new PermanentError(`${ref} is not a commit in ${repoPath}: pass an existing branch as the base (see \`git branch\`)`);
  return sha;
}

/** Size of the repository's object store (packed and loose), in MB. */
export async function repoSizeMb(repoPath: string): Promise<number> {
  const out = await git(repoPath).raw(['count-objects', '-v']);
  const kib = (key: string) => Number(new RegExp(`^${key}: (\\d+)$`, 'm').exec(out)?.[1] ?? 0);
  return (kib('size') + kib('size-pack')) / 1024;
}

/**
 * The base a generation promotes into must be a local branch with history, in a
 * repository Loom can copy whole into a sealed container.
 */
export async function checkBase(repoPath: string, baseRef: string, maxRepoMb: number): Promise<string> {
  const g = git(repoPath);
  // Independent reads, at once: this runs at the start of every generation.
  const [mb, head, base] = await Promise.all([repoSizeMb(repoPath), refSha(repoPath, 'HEAD'), refSha(repoPath, `refs/heads/${baseRef}`)]);
  if (mb > maxRepoMb) {
    throw new PermanentError(`${repoPath} holds ${mb.toFixed(1)} MB of git objects, over the limit of ${maxRepoMb} MB (each generation copies the history into two sealed containers): raise --max-repo-mb, or point Loom at a smaller repository`);
  }
  if (!head && (await g.raw(['for-each-ref', '--count=1', 'refs/heads/'])).trim() === '') {
    throw new PermanentError(`${repoPath} has no commits yet: commit your code first (git add -A && git commit), then run Loom`);
  }
  if (!base) {
    const hint = (await refSha(repoPath, baseRef)) ? `${baseRef} is not a local branch, and promotion fast-forwards a branch` : `there is no branch ${baseRef}`;
    throw new PermanentError(`${hint}: pass --base one of: ${(await g.raw(['for-each-ref', '--format=%(refname:short)', 'refs/heads/'])).split('\n').filter((b) => b && !b.startsWith('lab/')).slice(0, 8).join(', ')}`);
  }
  const sha = base;
  // .gitmodules lives at the top of the tree; no need to list the whole tree.
  const [tree, attributes = ''] = await Promise.all([g.raw(['ls-tree', '--name-only', sha]), fileAt(repoPath, sha, '.gitattributes')]);
  if (tree.split('\n').includes('.gitmodules')) {
    throw new PermanentError(`${baseRef} uses git submodules, which the sealed Lab cannot fetch without network: Loom does not support submodules yet; vendor them or point Loom at the submodule's own repository`);
  }
  if (/filter=lfs/.test(attributes)) {
    throw new PermanentError(`${baseRef} stores files in Git LFS, which the sealed Lab cannot download without network: Loom does not support LFS yet; point it at a repository without LFS files`);
  }
  return sha;
}

/** The SHA a ref points at, or undefined when it does not exist. */
export async function refSha(repoPath: string, ref: string): Promise<string | undefined> {
  try {
    // --quiet makes git exit 1 silently, which simple-git does not always treat as an error.
    const sha = await git(repoPath).revparse(['--verify', '--quiet', `${ref}^{commit}`]);
    return /^[0-9a-f]{40,64}$/.test(sha) ? sha : undefined;
  } catch {
    return undefined;
  }
}

export async function isAncestor(repoPath: string, ancestor: string, descendant: string): Promise<boolean> {
  // Not `merge-base --is-ancestor`: it answers by exit code alone, which simple-git
  // does not always turn into an error. The merge base itself is unambiguous.
  const base = await git(repoPath).raw(['merge-base', ancestor, descendant]).catch(() => '');
  return base.trim() === (await refSha(repoPath, ancestor));
}

/**
 * Writes a bundle holding `sha` and returns the ref name it carries. A bundle needs a
 * ref, so a temporary one is made under refs/loom/tmp/ and always deleted again.
 */
export async function bundleCommit(repoPath: string, sha: string, bundleRef: string, outFile: string): Promise<string> {
  const tmpRef = `refs/loom/tmp/${bundleRef.replace(/[^A-Za-z0-9._-]/g, '_')}`;
  const g = git(repoPath);
  await g.raw(['update-ref', tmpRef, sha]);
  try {
    await g.raw(['bundle', 'create', '--quiet', outFile, tmpRef]);
    return tmpRef;
  } finally {
    await g.raw(['update-ref', '-d', tmpRef]);
  }
}

export const BUNDLE_TMP_REF_PREFIX = 'refs/loom/tmp/';

/** A run's temporary ref for `what` (held-out trees, bundles): cleanup deletes it with the rest. */
export function tempRef(runId: string, what: string): string {
  return `${BUNDLE_TMP_REF_PREFIX}${runId.replace(/[^A-Za-z0-9._-]/g, '_')}-${what}`;
}

/** Deletes the temporary bundle refs a run may have left (a crash between create and delete). */
export async function deleteTempRefs(repoPath: string, runId: string): Promise<number> {
  const g = git(repoPath);
  const prefix = `${BUNDLE_TMP_REF_PREFIX}${runId.replace(/[^A-Za-z0-9._-]/g, '_')}-`;
  const refs = (await g.raw(['for-each-ref', '--format=%(refname)', BUNDLE_TMP_REF_PREFIX])).split('\n').filter((r) => r.startsWith(prefix));
  for (const ref of refs) await g.raw(['update-ref', '-d', ref]);
  return refs.length;
}

/** Fetches `srcRef` out of a bundle into the host as `dstRef`, and returns its SHA. */
export async function fetchBundle(repoPath: string, bundleFile: string, srcRef: string, dstRef: string): Promise<string> {
  const g = git(repoPath);
  await g.raw(['fetch', '--quiet', '--no-tags', '--no-write-fetch-head', bundleFile, `+${srcRef}:${dstRef}`]);
  return g.revparse(['--verify', `${dstRef}^{commit}`]);
}

/** The Lab's change for the reviewer: source files only, no Loom artifacts. */
export async function reviewDiff(repoPath: string, base: string, sha: string, excludes: string[] = []): Promise<string> {
  const diff = await git(repoPath).raw(['diff', '--no-color', '--no-ext-diff', '--no-renames', base, sha, '--', '.', ...artifactExclusions(excludes)]);
  return sourceOnlyDiff(diff, excludes);
}

export async function diffStat(repoPath: string, base: string, sha: string): Promise<string> {
  return git(repoPath).raw(['diff', '--stat', '--no-renames', base, sha, '--', '.', ...artifactExclusions()]);
}

/** The worktree that has `branch` checked out, if any. */
export async function worktreeOf(repoPath: string, branch: string): Promise<string | undefined> {
  const list = await git(repoPath).raw(['worktree', 'list', '--porcelain']);
  let current: string | undefined;
  for (const line of list.split('\n')) {
    if (line.startsWith('worktree ')) current = line.slice('worktree '.length);
    if (line === `branch refs/heads/${branch}` && current) return current;
  }
  return undefined;
}

export type PromoteResult = { promoted: true; how: string } | { promoted: false; reason: string };

/**
 * Fast-forwards `branch` from `base` to `sha`, only if it still points at `base`.
 * A branch nobody has checked out moves by compare-and-swap; a checked-out one moves
 * by `git merge --ff-only` in its worktree, which refuses rather than overwrite local edits.
 */
export async function fastForward(repoPath: string, branch: string, base: string, sha: string): Promise<PromoteResult> {
  const current = await refSha(repoPath, `refs/heads/${branch}`);
  if (current === sha) return { promoted: true, how: 'already at the verified commit' };
  if (current !== base) {
    return { promoted: false, reason: `${branch} moved during the generation (now ${current?.slice(0, 12) ?? 'deleted'}, verified base ${base.slice(0, 12)}); the change stays on its lab branch` };
  }
  const worktree = await worktreeOf(repoPath, branch);
  if (!worktree) {
    try {
      await git(repoPath).raw(['update-ref', '-m', 'loom: promote verified generation', `refs/heads/${branch}`, sha, base]);
      return { promoted: true, how: 'ref updated' };
    } catch (err) {
      return { promoted: false, reason: `${branch} moved while promoting: ${(err as Error).message.trim()}` };
    }
  }
  try {
    await git(worktree).raw(['merge', '--ff-only', '--quiet', sha]);
    return { promoted: true, how: `fast-forwarded the checked-out worktree ${worktree}` };
  } catch (err) {
    const msg = (err as Error).message.trim().split('\n').slice(0, 6).join(' ');
    return { promoted: false, reason: `${branch} is checked out in ${worktree} and git refused to fast-forward it without touching local changes (${msg}); commit or stash them, then run git merge --ff-only ${sha.slice(0, 12)}` };
  }
}

export const NOTES_REF = 'refs/notes/loom';

/** Attaches the task spec to a commit under refs/notes/loom; rewriting it is idempotent. */
export async function attachNote(repoPath: string, sha: string, text: string): Promise<void> {
  await git(repoPath).raw(['-c', 'user.name=Loom', '-c', 'user.email=loom@loom.invalid', 'notes', `--ref=${NOTES_REF}`, 'add', '-f', '-m', text, sha]);
}

/** Reads a file at a commit; undefined when it does not exist there. */
export async function fileAt(repoPath: string, sha: string, path: string): Promise<string | undefined> {
  try {
    return await git(repoPath).text(['show', `${sha}:${path}`]);
  } catch {
    return undefined;
  }
}
