import { attachNote, fastForward } from '../git/gitWorkspace';

export interface PromoteInput {
  repoPath: string;
  baseRef: string;
  baseSha: string;
  labSha: string;
  /** The task spec, attached to the promoted commit as a git note (never a tracked file). */
  program: string;
}

export interface PromoteResult {
  promoted: boolean;
  detail: string;
  durationMs: number;
}

/** Fast-forwards the target branch to the verified SHA, only from the verified base. */
export async function promote(input: PromoteInput): Promise<PromoteResult> {
  const started = Date.now();
  const r = await fastForward(input.repoPath, input.baseRef, input.baseSha, input.labSha);
  if (r.promoted) await attachNote(input.repoPath, input.labSha, input.program);
  return { promoted: r.promoted, detail: r.promoted ? r.how : r.reason, durationMs: Date.now() - started };
}
