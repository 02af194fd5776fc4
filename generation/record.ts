// Shapes shared by the client, the workflow and the activities. Types only, plus tiny
// pure helpers, so the workflow bundle can import it deterministically.

/** Model settings that may travel in workflow history: never an API key. */
export interface RoleModel {
  model: string;
  /** Anthropic-compatible endpoint; undefined means the SDK default (api.anthropic.com). */
  baseURL?: string;
}

export interface ModelSettings {
  prime: RoleModel;
  lab: RoleModel;
}

export interface GenerationInput {
  /** Absolute path of the target repository on the worker host. */
  repoPath: string;
  /** Branch that is promoted into, e.g. "main". */
  baseRef: string;
  generation: number;
  /** The task: program.md text. Kept in the record, never in the tracked tree. */
  program: string;
  models: ModelSettings;
  /** Command run in the verification container, e.g. "npm test". */
  testCommand: string;
  /** Limits for the Lab's agent loop. */
  maxTurns?: number;
  /** Workflow-unique id, used to label containers and temporary refs. */
  runId?: string;
}

export type Role = 'prime' | 'lab';

export interface Usage {
  inputTokens: number;
  outputTokens: number;
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
}

export interface ReviewVerdict {
  verdict: 'APPROVED' | 'REJECTED';
  confidence: number;
  reasoning: string;
}

export type Stage = 'spawnLab' | 'fetchBranch' | 'runTests' | 'llmReview' | 'promote';

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
  labSha?: string;
  /** Files changed by the Lab (source only), from `git diff --stat`. */
  diffStat?: string;
  tests?: TestCountsRecord & { exitCode: number; timedOut: boolean; command: string };
  review?: ReviewVerdict;
  usage: Partial<Record<Role, Usage>>;
  costUsd: number;
  /** Milliseconds per step, as measured by the activities. */
  durationsMs: Partial<Record<Stage, number>>;
  labTurns?: number;
}

export function labBranchName(generation: number): string {
  return `lab/gen-${generation}`;
}

export function totalCost(usage: Partial<Record<Role, Usage>>): number {
  return Object.values(usage).reduce((sum, u) => sum + (u?.costUsd ?? 0), 0);
}

export function describeOutcome(o: Outcome): string {
  if (o.kind === 'promoted') return `promoted ${o.sha.slice(0, 12)}`;
  return `${o.kind} at ${o.stage}: ${o.reason}`;
}
