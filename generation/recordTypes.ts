// What a generation takes and what it records: shapes shared by the client, the workflow
// and the activities. Types only (and the order of the stages), so the workflow bundle can
// import it deterministically.
import type { ChangedExpectation, RunSummary, TestRun } from '../verify/testResults';
import type { ResolvedWorkSettings, WorkSettings } from '../config/workSettings';

export interface GenerationInput {
  /** Absolute path of the target repository on the worker host. */
  repoPath: string;
  /** Branch that is promoted into, e.g. "main". */
  baseRef: string;
  generation: number;
  /** The task: program.md text. Kept in the record, never in the tracked tree. */
  program: string;
  /** How the work is done and verified: test command, models, mounts, limits, every default applied. */
  settings: ResolvedWorkSettings;
  /** Workflow-unique id, used to label containers and temporary refs. */
  runId?: string;
  /** The base's per-test results when already known (the previous generation verified that tree). */
  baseline?: { sha: string; run: TestRun };
  /** Prime's usage so far for this generation (the reflect step), added to the record. */
  primeUsage?: Usage;
  /** The loop this generation belongs to, for its record. */
  loopId?: string;
}

/** What a caller asks for: a generation's input with its settings as given, before the defaults (client/generations.ts applies them). */
export type GenerationRequest = Omit<GenerationInput, 'settings'> & { settings: WorkSettings };

/** What verification found, stage by stage, for the record, `loom show` and the Web UI. */
export interface VerificationRecord {
  /** The runner whose reports were read, and how. */
  runner: string;
  how: string;
  /** Checks that could not see anything, and why (exit-code mode). */
  blind?: string[];
  baseline?: RunSummary;
  /** Ambient capabilities the change's new code gains ("environment: src/x.js:3 (process.env.CI)"), declared in program.md or not. */
  capabilities?: string[];
  lab?: RunSummary & { added: string[]; lost: string[] };
  heldOut?: RunSummary & { sameAsLab: boolean; sameAsBase?: boolean; restored: number; removed: number; stillPassing: number; basePassed: number; changed: ChangedExpectation[]; surface?: { baseRead: number; heldOutRead: number; entryPoints: number; traceMs: number } };
  /** The held-out run once more in another environment: tests whose verdict changed, blamed on the change when the base's code keeps them there. */
  perturbed?: {
    environment: string;
    agreed: number;
    differing: string[];
    blamed: string[];
    environmental: string[];
    durationMs: number;
    /** The Lab's new tests in that environment: how many ran there (beside another held-out run, on the Lab's tree; else within the run above), and those that failed only there. */
    newTests?: { run: number; blamed: string[] };
  };
  /** A refactor's changed functions called on the base's code and the Lab's, near the tests' inputs: the calls compared and any difference. */
  differential?: { functions: string[]; calls: number; differences: string[]; durationMs: number };
  /** The change's new functions called with the examples program.md states (and the changed ones with its held-out examples): how many were compared, how many of those were held out, any that answered otherwise, and functions that could not be called. */
  examples?: { functions: string[]; checked: number; heldOut?: number; differences: string[]; unchecked: string[] };
  /** Each Go vendor folder the change touched, made again with `go mod vendor` beside the judged run: the same files, others, or not made offline. */
  vendor?: Array<{ root: string; outcome: 'same' | 'differs' | 'unmade' }>;
  /** Faults planted in unchanged code after the held-out run: how many the tests caught (a fault the base misses too says nothing). */
  planted?: { tried: number; caught: number; uncaughtOnBoth: number; skipped?: string; faults: string[]; durationMs: number };
  mutation?: {
    engine: string;
    skipped?: string;
    generated: number;
    ran: number;
    killed: number;
    /** Changed lines with a mutant a test must catch, and those where a test caught one. */
    changedLines?: { caught: number; total: number };
    /** Changed lines part of which no test runs ("file:line"), rejected; lines run but none of whose mutants any test caught, shown to the reviewer; lines the budget left unmeasured. */
    untestedLines?: string[];
    uncaughtLines?: string[];
    unmeasuredLines?: string[];
    survivors: string[];
    /** Changed TypeScript files judged through their committed JavaScript, the same program with its types erased ("src/a.ts → src/a.js"). */
    judgedThrough?: string[];
    /** Surviving mutants of changed lines called like their function: those that answer differently near the tests' inputs. */
    survivorsCalled?: { mutants: number; calls: number; differing: string[]; durationMs: number };
    /** New tests that caught no mutant (rejected where no new test of their file catches one). */
    vacuous: string[];
    notMeasured: string[];
    control: string;
    durationMs: number;
  };
}

/** One Lab of a best-of-K generation: what it did and how far it got. */
export interface CandidateRecord {
  candidate: number;
  labModel: string;
  labBranch: string;
  labSha?: string;
  labTurns?: number;
  diffStat?: string;
  labSession?: LabSession;
  tests?: GenerationRecord['tests'];
  fitness?: GenerationRecord['fitness'];
  verification?: VerificationRecord;
  review?: ReviewVerdict;
  /** approved: passed every gate (only the best of those is promoted). */
  outcome: { kind: 'approved' } | Exclude<Outcome, { kind: 'promoted' }>;
  usage: Partial<Record<Role, Usage>>;
  costUsd: number;
  durationsMs: Partial<Record<Stage, number>>;
}

export type Role = 'prime' | 'lab';

/** How a Lab's session went: what the model said at the end, and where its trajectory is. */
export interface LabSession {
  /** The model's last text: its summary of the work. */
  summary: string;
  stop: 'done' | 'turn_limit' | 'refusal' | 'budget';
  /** The transcript (one JSON line per turn) on the host that ran the Lab: `loom show N --transcript` prints it. */
  transcript?: string;
  truncatedReplies?: number;
  /** Tool results elided to keep the prompt within its context budget. */
  maskedResults?: number;
  /** The largest prompt sent, in tokens. */
  largestPrompt?: number;
}

export interface Usage {
  /** Input billed at the full price (not read from or written to the prompt cache). */
  inputTokens: number;
  outputTokens: number;
  /** Prompt tokens written to the cache (billed at 1.25 times the input price) and read from it (0.1 times). */
  cacheWriteTokens?: number;
  cacheReadTokens?: number;
  costUsd: number;
  model: string;
  requests: number;
}

export interface TestCountsRecord {
  runner: string;
  passed: number;
  failed: number;
  skipped: number;
  total: number;
  assertions?: number;
  /** The runner's own closing count, where its report states one. */
  runnerTotal?: number;
  /** Loom's count and the runner's differ. */
  countWarning?: string;
}

export interface ReviewVerdict {
  verdict: 'APPROVED' | 'REJECTED';
  confidence: number;
  reasoning: string;
}

export type Stage = 'reflect' | 'resolveBase' | 'setup' | 'baseline' | 'spawnLab' | 'fetchBranch' | 'checkChange' | 'runTests' | 'heldOut' | 'mutation' | 'llmReview' | 'promote';

/** The stages in the order a generation passes them. */
export const STAGES: Stage[] = ['resolveBase', 'setup', 'baseline', 'spawnLab', 'fetchBranch', 'checkChange', 'runTests', 'heldOut', 'mutation', 'llmReview', 'promote'];

export type Outcome =
  | { kind: 'promoted'; sha: string }
  | { kind: 'rejected'; stage: Stage; reason: string }
  | { kind: 'failed'; stage: Stage; reason: string };

export interface GenerationRecord {
  generation: number;
  repoPath: string;
  baseRef: string;
  labBranch: string;
  program: string;
  outcome: Outcome;
  baseSha?: string;
  /** The setup step's snapshot, when the repository has a setup command. */
  setup?: { image: string; reused: boolean; paths: string[]; inputs: string[]; changed: string[] };
  labSha?: string;
  /** Files changed by the Lab (source only), from `git diff --stat`. */
  diffStat?: string;
  tests?: TestCountsRecord & { exitCode: number; timedOut: boolean; command: string };
  /** The base's test report, the yardstick for lost or skipped tests. */
  baselineTests?: TestCountsRecord;
  /** What the change's tests catch: mutants killed (score), with tests added beside it. */
  fitness?: { score: number; testsAdded: number; mutantsKilled?: number; mutantsTotal?: number; assertionsAdded?: number; penalties: string[] };
  verification?: VerificationRecord;
  /** The tree promoted: byte-identical to the Lab's tree that was tested. */
  promotedTree?: string;
  /** Promoted only: the per-test results of the promoted tree, the next generation's baseline. Not kept in the ledger. */
  promotedRun?: TestRun;
  review?: ReviewVerdict;
  usage: Partial<Record<Role, Usage>>;
  costUsd: number;
  /** Milliseconds per step, as measured by the activities. */
  durationsMs: Partial<Record<Stage, number>>;
  labTurns?: number;
  labSession?: LabSession;
  /** Best-of-K: every Lab, in order, and which one was promoted (or came closest). */
  candidates?: CandidateRecord[];
  chosenCandidate?: number;
}
