// The loop's state and rules, pure so the loop workflow stays deterministic and the
// rules are unit-tested on their own.
import type { TestRun } from '../verify/testResults';
import type { GenerationRecord, Outcome, TestCountsRecord } from './recordTypes';
import type { ModelSettings } from '../config/workSettings';

export interface Budgets {
  /** Generations in the whole loop (across continue-as-new). */
  maxGenerations?: number;
  maxUsd?: number;
  /** Wall-clock limit from the loop's start, in milliseconds. */
  maxWallClockMs?: number;
  /** Consecutive failed or rejected generations before the loop gives up. */
  maxConsecutiveFailures?: number;
}

export interface GenerationSummary {
  generation: number;
  title: string;
  taskKey: string;
  outcome: Outcome['kind'];
  stage?: string;
  reason?: string;
  costUsd: number;
  labSha?: string;
  tests?: TestCountsRecord;
  fitness?: number;
  workflowId?: string;
}

export interface LoopTotals {
  generations: number;
  promoted: number;
  rejected: number;
  failed: number;
  costUsd: number;
}

export interface LoopState {
  nextGeneration: number;
  startedAtMs: number;
  totals: LoopTotals;
  consecutiveFailures: number;
  /** The most recent generations, for reflect and status; older ones live in the ledger. */
  recent: GenerationSummary[];
  /** Task keys of every rejected or failed task, so none is proposed again unchanged. */
  rejectedTaskKeys: string[];
  paused: boolean;
  stopRequested: boolean;
  budgets: Budgets;
  models: ModelSettings;
  continuedAsNew: number;
  /** The verified per-test results of the base's tip, passed to the next generation. */
  baseline?: { sha: string; run: TestRun };
}

export const RECENT_KEPT = 20;
export const REJECTED_KEYS_KEPT = 200;

export function initialState(startedAtMs: number, budgets: Budgets, models: ModelSettings, firstGeneration = 1): LoopState {
  return {
    nextGeneration: firstGeneration,
    startedAtMs,
    totals: { generations: 0, promoted: 0, rejected: 0, failed: 0, costUsd: 0 },
    consecutiveFailures: 0,
    recent: [],
    rejectedTaskKeys: [],
    paused: false,
    stopRequested: false,
    budgets,
    models,
    continuedAsNew: 0,
  };
}

/** Why the loop must stop before another generation, or undefined to go on. */
export function budgetStop(s: LoopState, nowMs: number): string | undefined {
  const b = s.budgets;
  if (b.maxGenerations !== undefined && s.totals.generations >= b.maxGenerations) {
    return `generation budget reached: ${s.totals.generations} of ${b.maxGenerations}`;
  }
  if (b.maxUsd !== undefined && s.totals.costUsd >= b.maxUsd) {
    return `USD budget reached: $${s.totals.costUsd.toFixed(4)} spent of $${b.maxUsd}`;
  }
  if (b.maxWallClockMs !== undefined && nowMs - s.startedAtMs >= b.maxWallClockMs) {
    return `time budget reached: ${Math.round((nowMs - s.startedAtMs) / 1000)} s of ${Math.round(b.maxWallClockMs / 1000)} s`;
  }
  if (b.maxConsecutiveFailures !== undefined && s.consecutiveFailures >= b.maxConsecutiveFailures) {
    return `${s.consecutiveFailures} generations in a row did not promote (limit ${b.maxConsecutiveFailures})`;
  }
  return undefined;
}

/** What is left of each budget, in words, for `loom status`. */
export function budgetsLeft(s: LoopState, nowMs: number): string {
  const b = s.budgets;
  const parts = [
    b.maxGenerations === undefined ? 'generations: no limit' : `${Math.max(0, b.maxGenerations - s.totals.generations)} of ${b.maxGenerations} generations`,
    b.maxUsd === undefined ? 'USD: no limit' : `$${Math.max(0, b.maxUsd - s.totals.costUsd).toFixed(4)} of $${b.maxUsd}`,
    b.maxWallClockMs === undefined ? 'time: no limit' : `${(Math.max(0, b.maxWallClockMs - (nowMs - s.startedAtMs)) / 3_600_000).toFixed(1)} h of ${(b.maxWallClockMs / 3_600_000).toFixed(1)} h`,
    b.maxConsecutiveFailures === undefined ? 'failures: no limit' : `${Math.max(0, b.maxConsecutiveFailures - s.consecutiveFailures)} of ${b.maxConsecutiveFailures} failures in a row`,
  ];
  return parts.join(', ');
}

/** Backoff before the next try after k consecutive failures: 0 after a success, then doubling, capped. */
export function failureBackoffMs(consecutiveFailures: number, baseMs: number, capMs = 30 * 60_000): number {
  if (consecutiveFailures <= 0) return 0;
  return Math.min(capMs, baseMs * 2 ** (consecutiveFailures - 1));
}

export type RiskRung = 'tests' | 'refactor' | 'feature';

/**
 * The ladder of risk: tests for untested pure functions first, small refactors once
 * one change has been promoted, features after three. Reflect may stay lower.
 */
export function riskRung(promoted: number): RiskRung {
  if (promoted < 1) return 'tests';
  if (promoted < 3) return 'refactor';
  return 'feature';
}

export function summarize(record: GenerationRecord, title: string, taskKey: string, workflowId?: string): GenerationSummary {
  const o = record.outcome;
  return {
    generation: record.generation,
    title,
    taskKey,
    outcome: o.kind,
    stage: o.kind === 'promoted' ? undefined : o.stage,
    reason: o.kind === 'promoted' ? undefined : o.reason.slice(0, 400),
    costUsd: record.costUsd,
    labSha: record.labSha,
    tests: record.tests && { runner: record.tests.runner, passed: record.tests.passed, failed: record.tests.failed, skipped: record.tests.skipped, total: record.tests.total, assertions: record.tests.assertions },
    fitness: record.fitness?.score,
    workflowId,
  };
}

/** Folds one finished generation into the loop's state. */
export function afterGeneration(s: LoopState, summary: GenerationSummary): LoopState {
  const ok = summary.outcome === 'promoted';
  const totals = {
    generations: s.totals.generations + 1,
    promoted: s.totals.promoted + (ok ? 1 : 0),
    rejected: s.totals.rejected + (summary.outcome === 'rejected' ? 1 : 0),
    failed: s.totals.failed + (summary.outcome === 'failed' ? 1 : 0),
    costUsd: s.totals.costUsd + summary.costUsd,
  };
  const rejectedTaskKeys = ok || !summary.taskKey ? s.rejectedTaskKeys : [...s.rejectedTaskKeys, summary.taskKey].slice(-REJECTED_KEYS_KEPT);
  return {
    ...s,
    nextGeneration: summary.generation + 1,
    totals,
    consecutiveFailures: ok ? 0 : s.consecutiveFailures + 1,
    recent: [...s.recent, summary].slice(-RECENT_KEPT),
    rejectedTaskKeys,
  };
}
