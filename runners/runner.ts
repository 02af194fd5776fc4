// What Loom knows of one test runner, in one place: how a test command is found to run it,
// how it is made to write a machine-readable report, how that report is read into per-test
// results, how those results are placed among the commit's files, and how a run of it records
// which code ran. Every runner module
// in this folder is one `Runner`; runners/registry.ts lists them. A runner Loom cannot read
// is refused, never guessed at: without per-test results the lost-test and skip checks
// would be blind.
import type { TestCase } from '../verify/testResults';
import type { Reference } from '../verify/exercisedCode';

/** How the repository's results are read: by runner (the default), JUnit XML the command writes, or the exit code alone. */
export type ReportMode = 'auto' | 'junit' | 'exit-code';

/** Stands for the run's report folder in arguments and environment until a run fills it in. */
export const REPORT_DIR = '{LOOM_REPORT_DIR}';

/** Stands in a plan's environment for the base commit's id, which runnerPlanAt fills in. */
export const BASE_SHA = '{LOOM_BASE_SHA}';

export interface RunnerPlan {
  runner: string;
  /** Where the runner was found, for the record: "package.json scripts.test: node --test". */
  via: string;
  /** How the results are read, for the record. */
  how: string;
  /** Extra environment for the run. REPORT_DIR stands for the run's report folder. */
  env: Record<string, string>;
  /** Appended to the test command (already quoted). REPORT_DIR stands for the report folder. */
  args: string;
  /** How many runner processes the command starts, when that can be counted (no loops or scripts Loom cannot see). */
  runs?: number;
  /**
   * The runner's own command, when it can run alone (no `cd` or `source` before it in its
   * script): mutation runs call it directly with chosen test files, skipping the build and
   * lint steps a test script may also hold.
   */
  direct?: string[];
  /**
   * The command run instead of the test command, when the runner is its first command but not
   * its last (`mocha && eslint src`): the runner alone, so that the report flags reach it.
   */
  alone?: string;
  /** go test: the module path go.mod declares, which package paths start with. */
  goModule?: string;
  /** A shell step before each run, after the checkout (go test: a warm build cache from the image). */
  prepare?: string;
}

export interface ParsedReport {
  cases: TestCase[];
  problems: string[];
  /** Assertions, where the runner reports them apart from tests (tap). */
  assertions?: number;
  /** The runner's own count of the tests it ran, where its report states one. */
  runnerTotal?: number;
}

/** One command of the test command that runs a test runner. */
export interface Found {
  runner: string;
  /** The words of the runner's own segment, assignments included; undefined when it cannot run alone. */
  direct?: string[];
  via: string;
  /** How many `npm run` levels lead to it: args need one `--` per level to get through. */
  depth: number;
  /** The runner is the last command at every level, so appended args reach it. */
  last: boolean;
  /** Nothing runs before the runner at any level (no earlier command, no pre-script hook). */
  first: boolean;
  /** The runner's own words, for checks such as an explicit --test-reporter. */
  words: string[];
}

/** What the planner knows when a runner says how it reports. */
export interface PlanContext {
  testCommand: string;
  /** Where the runner was found (its last command), for refusals. */
  via: string;
  /** Whether the runner processes the command starts can be counted. */
  countable: boolean;
}

/** How a runner is made to write its report. */
export interface ReportRequest {
  /** Appended to the runner's command, after one `--` per `npm run` level. REPORT_DIR stands for the report folder. */
  args?: string;
  env: Record<string, string>;
  /** How many report-writing processes the command starts, where that can be counted. */
  runs?: number;
  prepare?: string;
}

/** What a run's report folder is read with. */
export interface ReadContext {
  /** The folder the commit was checked out in: report paths are made relative to it. */
  workspace: string;
  /** How many runner processes may have written a report. */
  expectedRuns?: number;
  goModule?: string;
}

/** A commit's files, as the host reads them: tests are placed in them after parsing. */
export interface CommitFiles {
  /** Every path of the commit's tree. */
  paths(): Promise<ReadonlySet<string>>;
  /** The contents of these paths; absent ones are left out. */
  read(paths: string[]): Promise<Map<string, string>>;
}

/** What a runner reads to tell which code a test reaches. */
export interface ReachContext {
  read: (path: string) => string | undefined;
  files: ReadonlySet<string>;
  isSource: (path: string) => boolean;
  goModule?: string;
}

/** The code one test reaches, and why Loom may not see all of it. */
export interface Reach {
  references: Reference[];
  unresolved: string[];
}

/**
 * How a run of the runner records which lines of code ran, for the coverage run before the
 * mutants (activities/coverageRun.ts runs it and reads the record in `dir`).
 */
export interface Coverage {
  /** The record: V8's block coverage (JavaScript under Node), the trace module's .cover files (Python), or a cover profile (Go). */
  format: 'v8' | 'trace' | 'profile';
  /** The file in `dir` that holds the record, where the tool writes one. */
  record?: string;
  /** The changed files the record can speak for. */
  covers(path: string): boolean;
  /** The run that writes the record into `dir`, or undefined where this command cannot be made to. */
  run(dir: string, plan: RunnerPlan): CoverageRun | undefined;
}

export type CoverageRun =
  /** The tests as a mutant's run has them (only the chosen test files, where the runner can run alone), with more environment. */
  | { asMutant: true; env: Record<string, string> }
  /**
   * The test command with its report arguments, or `command` in its place; `slower` times a
   * mutant's time limit, since recording slows the run; `makeDir` when the tool does not make
   * the folder itself.
   */
  | { asMutant?: false; command?: string; env: Record<string, string>; slower: number; makeDir?: boolean };

export interface Runner {
  /** The name in plans and records: node, vitest, pytest, go, junit, exit-code. */
  name: string;
  /** The name shown to people in the list of runners Loom reads; absent for the report modes. */
  label?: string;
  /** How the results are read, for the record. */
  how: string;
  /** The report mode this runner is (junit, exit-code): chosen by setting, never found in a command. */
  mode?: Exclude<ReportMode, 'auto'>;
  /** Whether a command segment runs this runner, from its words past assignments and wrappers. */
  detect?(words: string[]): boolean;
  /** Loom appends report arguments to the command, so the runner must be its last and only runner. */
  appends?: boolean;
  /** A command to suggest when the runner is not the command's last. */
  suggested?: string;
  /** The runner can be called alone on chosen test files (mutation runs). */
  runsAlone?: boolean;
  /** Options that take the next word as their value, so a direct run keeps them paired. */
  valueOptions?: ReadonlySet<string>;
  /** Options whose value names test files (mocha's --spec): a direct run names its own. */
  fileOptions?: ReadonlySet<string>;
  /** Words after the runner's name that are its subcommand, not a file (`vitest run`). */
  subcommands?: ReadonlySet<string>;
  /** A shell step before a direct run of chosen files (ava: the files it was given). */
  beforeDirect?(files: string[], reportDir: string): string;
  /** The arguments and environment that make it write its report, or why it cannot. */
  report(found: Found[], ctx: PlanContext): ReportRequest | { refused: string };
  /** A module Loom puts in every verification container (root-owned, read-only to the tests): its source in this folder, its path there. */
  recorder?: { source: string; path: string };
  /** A base file the plan needs (go: go.mod's module path). */
  baseFile?: { path: string; apply(plan: RunnerPlan, content: string | undefined): void };
  /** Environment for a run under Loom's time limit, so the runner names the test it stopped in. */
  timeLimitEnv?(timeoutSec: number, env: Record<string, string>): Record<string, string>;
  /** Reads the files a run left in its report folder. */
  parse(files: Record<string, string>, ctx: ReadContext): ParsedReport;
  /** What a test's `file` names: a file of the commit (checked), a package folder, or anything (JUnit: a class). */
  names: 'files' | 'folders' | 'anything';
  /** Places the tests in the commit's files, or checks them against it, where the report alone cannot. */
  place?(parsed: ParsedReport, commit: CommitFiles, reports: Record<string, string>): Promise<ParsedReport>;
  /**
   * The tests the change (commit against baseCommit) wrote that the Lab's run never ran, as
   * failed tests, where the runner can tell (go: a file a build constraint leaves out).
   */
  unrun?(parsed: ParsedReport, commit: CommitFiles, baseCommit: CommitFiles, testCommand: string): Promise<TestCase[]>;
  /** The file a test is written in, where its `file` names something else (go: the _test.go file declaring it). */
  sourceFiles?(tests: Array<Pick<TestCase, 'file' | 'name'>>, commit: CommitFiles): Promise<Array<string | undefined>>;
  /** Which code each test of a test file reaches, where the runner can tell; undefined for a file it cannot. */
  reaches?(testFile: string, tests: Array<{ id: string; name: string }>, ctx: ReachContext): Promise<Map<string, Reach> | undefined>;
  /** How a run records which code ran; a runner without it gives no coverage, and its changed lines are judged by their mutants alone. */
  coverage?: Coverage;
}
