import { programTitle } from '../generation/naming';
import { commitTree, treeOf } from '../git/gitObjects';
import { attachNote, fastForward, refSha } from '../git/gitWorkspace';
import { gitIn } from '../git/gitCommand';
import type { ActivityScope } from '../generation/activityScope';

export interface PromoteInput {
  scope: ActivityScope;
  baseRef: string;
  baseSha: string;
  /** The Lab's commit whose tree was verified. */
  labSha: string;
  /** The task spec: its title is the commit's subject, and it is attached as a git note (never a tracked file). */
  program: string;
  /** When the workflow promoted (workflow time, so a retry makes the very same commit). */
  committedAtMs: number;
}

export interface PromoteResult {
  promoted: boolean;
  /** The commit the branch now points at. */
  sha: string;
  /** Its tree: the Lab's tree, byte for byte. */
  tree: string;
  detail: string;
  durationMs: number;
}

export const LOOM_IDENTITY = { name: 'Loom', email: 'loom@loom.invalid' };

/** The message of a promoted commit: the task's title, then trailers that lead back to the evidence. */
export function promotedMessage(program: string, generation: number, labSha: string, tree: string): string {
  return `${programTitle(program).slice(0, 120)}\n\nLoom-Generation: ${generation}\nLoom-Lab-Commit: ${labSha}\nLoom-Verified-Tree: ${tree}\n`;
}

/**
 * Promotes one new commit of the verified tree on top of the verified base, with Loom's
 * identity: the Lab's own commits, messages and authors stay on its branch for audit.
 * The branch moves only if it still points at the base.
 */
export async function promote(input: PromoteInput): Promise<PromoteResult> {
  const started = Date.now();
  const { scope } = input;
  const tree = await treeOf(scope.repoPath, input.labSha);
  // A rerun after a crash (whose clock differs) finds the commit it already promoted.
  const done = await alreadyPromoted(input, tree);
  if (done) {
    await attachNote(scope.repoPath, done, input.program);
    return { promoted: true, sha: done, tree, detail: 'already promoted', durationMs: Date.now() - started };
  }
  const date = `${Math.floor(input.committedAtMs / 1000)} +0000`;
  const sha = await commitTree(scope.repoPath, tree, [input.baseSha], promotedMessage(input.program, scope.generation, input.labSha, tree), { ...LOOM_IDENTITY, date });
  const promotedTree = await treeOf(scope.repoPath, sha);
  if (promotedTree !== tree) throw new Error(`the commit made for promotion has tree ${promotedTree}, not the verified ${tree}`);
  const r = await fastForward(scope.repoPath, input.baseRef, input.baseSha, sha);
  if (r.promoted) await attachNote(scope.repoPath, sha, input.program);
  return { promoted: r.promoted, sha, tree, detail: r.promoted ? r.how : r.reason, durationMs: Date.now() - started };
}

/** The branch tip, if it is this generation's Loom commit of this tree on this base. */
async function alreadyPromoted(input: PromoteInput, tree: string): Promise<string | undefined> {
  const { scope } = input;
  const tip = await refSha(scope.repoPath, `refs/heads/${input.baseRef}`);
  if (!tip || tip === input.baseSha) return undefined;
  const [parents, tipTree, message] = (await gitIn(scope.repoPath).text(['show', '-s', '--format=%P%x00%T%x00%B', tip])).split('\0');
  const ours = parents?.trim() === input.baseSha && tipTree?.trim() === tree && message?.includes(`Loom-Lab-Commit: ${input.labSha}`) && message.includes(`Loom-Generation: ${scope.generation}\n`);
  return ours ? tip : undefined;
}
