import { exchangeRef, publishCommit } from '../git/exchange';
import { checkBase, openRepo } from '../git/gitWorkspace';
import type { ReportMode } from '../verify/runners';
import { runnerPlanAt } from './runTests';

export interface ResolveBaseInput {
  repoPath: string;
  baseRef: string;
  maxRepoMb: number;
  /** When the Lab works apart: the base is published here for it. */
  exchange?: string;
  runId?: string;
  /** The test command, planned here against the base's package.json: a command Loom cannot read is refused before any setup. */
  testCommand?: string;
  report: ReportMode;
}

export interface ResolveBaseResult {
  /** The repository's top level, as every later step names it. */
  repoPath: string;
  baseSha: string;
  /** Why Loom cannot read the test command's results, known from the command and package.json alone. */
  refused?: string;
}

/** Pins the generation to one exact base commit, or says clearly why it cannot start. */
export async function resolveBase(input: ResolveBaseInput): Promise<ResolveBaseResult> {
  const repoPath = await openRepo(input.repoPath);
  const baseSha = await checkBase(repoPath, input.baseRef, input.maxRepoMb);
  const planned = input.testCommand ? await runnerPlanAt(repoPath, baseSha, input.testCommand, input.report) : undefined;
  if (planned && 'refused' in planned) return { repoPath, baseSha, refused: planned.refused };
  if (input.exchange) await publishCommit(repoPath, input.exchange, baseSha, exchangeRef(input.runId!, 'base'));
  return { repoPath, baseSha };
}
