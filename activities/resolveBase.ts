import { exchangeRef, publishCommit } from '../git/exchange';
import { checkBase, openRepo } from '../git/gitWorkspace';
import type { ActivityScope } from '../generation/activityScope';
import type { ReportMode } from '../runners/runner';
import { runnerPlanAt } from './runTests';

export interface ResolveBaseInput {
  /** Its repository as given; its exchange, when the Lab works apart, is where the base is published for it. */
  scope: ActivityScope;
  baseRef: string;
  maxRepoMb: number;
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
  const { scope } = input;
  const repoPath = await openRepo(scope.repoPath);
  const baseSha = await checkBase(repoPath, input.baseRef, input.maxRepoMb);
  const planned = input.testCommand ? await runnerPlanAt(repoPath, baseSha, input.testCommand, input.report) : undefined;
  if (planned && 'refused' in planned) return { repoPath, baseSha, refused: planned.refused };
  if (scope.exchange) await publishCommit(repoPath, scope.exchange, baseSha, exchangeRef(scope.runId, 'base'));
  return { repoPath, baseSha };
}
