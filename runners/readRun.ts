// The one reading of a run's report folder, for every run Loom makes: the baseline, the
// Lab's run, the held-out and perturbed runs, each mutant and planted fault. The runner
// parses its report, places its tests among the commit's files where the report alone
// cannot, and a report naming files the commit does not have was not written by the runner
// alone.
import { runnerNamed } from './registry';
import type { CommitFiles, ParsedReport, RunnerPlan } from './runner';

/** The report files of a run as its runner reads them, before any test is placed in the commit. */
export function parseRunReports(runner: string, files: Record<string, string>, workspace = '/workspace', expectedRuns?: number, goModule?: string): ParsedReport {
  return runnerNamed(runner)?.parse(files, { workspace, expectedRuns, goModule }) ?? { cases: [], problems: [] };
}

export interface ReadOptions {
  /** The folder the commit was checked out in (/workspace unless the run is perturbed). */
  workspace?: string;
  /** How many runner processes may have written a report, when not the plan's count (a direct run is one). */
  runs?: number;
}

/** The per-test results of one run, from the files it left in its report folder. */
export async function readRun(plan: RunnerPlan, reports: Record<string, string>, commit: CommitFiles, opts: ReadOptions = {}): Promise<ParsedReport> {
  const runner = runnerNamed(plan.runner);
  if (!runner) return { cases: [], problems: [`Loom has no reader for the ${plan.runner} runner`] };
  let parsed = runner.parse(reports, { workspace: opts.workspace ?? '/workspace', expectedRuns: opts.runs ?? plan.runs, goModule: plan.goModule });
  if (runner.place) parsed = await runner.place(parsed, commit, reports);
  if (runner.names === 'files' && parsed.cases.length) {
    const paths = await commit.paths();
    const ghosts = [...new Set(parsed.cases.map((c) => c.file))].filter((f) => f !== '(unknown)' && !paths.has(f));
    if (ghosts.length) parsed = { ...parsed, problems: [...parsed.problems, `the report names tests in files the commit does not have: ${ghosts.slice(0, 5).join(', ')}${ghosts.length > 5 ? ` and ${ghosts.length - 5} more` : ''}`] };
  }
  return parsed;
}
