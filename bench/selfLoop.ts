// The seed's own case: Loom improving its own repository, five scripted generations in a row,
// each building on what the last promoted, with a zero-latency model. A clone of Loom's
// committed main, set up and tested as the README's "Pointing Loom at itself" says. Prints
// each generation's steps; the aim is under a minute of pipeline time per generation.
import type { Client } from '@temporalio/client';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startLoop } from '../client/loops';
import type { GenerationRecord, Stage } from '../generation/recordTypes';
import { readLedger } from '../ledger/generationLedger';
import type { ScriptStep } from '../model/modelScript';
import { startScriptedModelServer } from '../model/scriptedModelServer';
import { LOOM_ROOT } from '../provision/state';
import type { LoopResult } from '../workflows/loop';
import { bash, edit, loopScript, program, write } from '../test/integration/scripts';
import type { Table } from './tableText';

/** The README's own settings for Loom on itself (README.md, "Pointing Loom at itself"). */
export const SELF_SETTINGS = { testCommand: 'npm run test:unit', setup: 'npm ci && npm run typecheck' };

const TEST_FILE = 'test/unit/generation/selfLoop.test.ts';
const HEAD = "import { describe, expect, it } from 'vitest';\n";
const backoffTests = (more = '') =>
  `${HEAD}import { failureBackoffMs${more ? ', backoffSeconds' : ''} } from '../../../generation/loop';\n\n` +
  "describe('failureBackoffMs', () => {\n  it('doubles the wait with each failure', () => {\n    expect(failureBackoffMs(3, 100)).toBe(400);\n  });\n\n  it('waits not at all before a failure', () => {\n    expect(failureBackoffMs(0, 100)).toBe(0);\n  });\n\n  it('stops at the cap', () => {\n    expect(failureBackoffMs(30, 100, 5_000)).toBe(5_000);\n  });\n});\n" +
  more;
const SECONDS_V1 = '\n/** The loop\'s wait after `failures` failures, in whole seconds, for a person reading `loom status`. */\nexport function backoffSeconds(failures: number, baseMs: number): number {\n  return Math.round(failureBackoffMs(failures, baseMs) / 1000);\n}\n';
const SECONDS_V2 = '\n/** The loop\'s wait after `failures` failures, in whole seconds, for a person reading `loom status`. */\nexport function backoffSeconds(failures: number, baseMs: number): number {\n  const waitMs = failureBackoffMs(failures, baseMs);\n  return Math.round(waitMs / 1000);\n}\n';
const secondsTests = (extra = '') =>
  `\ndescribe('backoffSeconds', () => {\n  it('says the wait in seconds', () => {\n    expect(backoffSeconds(2, 1_000)).toBe(2);\n  });\n\n  it('rounds to the nearest second', () => {\n    expect(backoffSeconds(1, 1_400)).toBe(1);\n  });\n${extra}});\n`;

/** Five generations on Loom's own code, each building on the last: tests, a feature, a fix of it, more tests, and a test of the edge. */
export function selfLoopScript() {
  const gens: Array<{ program: ScriptStep; lab: ScriptStep[] }> = [
    { program: program('Test failureBackoffMs', 'Add unit tests for failureBackoffMs in generation/loop.ts.', 'tests', ['npm run test:unit passes']), lab: [write(TEST_FILE, backoffTests())] },
    {
      program: program('Add backoffSeconds', 'Add backoffSeconds(failures, baseMs) to generation/loop.ts with tests.', 'feature', ['npm run test:unit passes']),
      lab: [bash(`cat >> generation/loop.ts <<'EOF'${SECONDS_V1}EOF`), write(TEST_FILE, backoffTests(secondsTests()))],
    },
    {
      program: program('Name the wait in backoffSeconds', 'Refactor backoffSeconds to name the wait it rounds; behaviour stays the same.', 'refactor', ['npm run test:unit passes']),
      lab: [edit('generation/loop.ts', SECONDS_V1, SECONDS_V2)],
    },
    {
      program: program('Test backoffSeconds at zero', 'Add a test of backoffSeconds before any failure.', 'tests', ['npm run test:unit passes']),
      lab: [write(TEST_FILE, backoffTests(secondsTests("\n  it('is zero before a failure', () => {\n    expect(backoffSeconds(0, 1_000)).toBe(0);\n  });\n")))],
    },
    {
      program: program('Test backoffSeconds at the cap', 'Add a test that backoffSeconds stays at the 30-minute cap.', 'tests', ['npm run test:unit passes']),
      lab: [write(TEST_FILE, backoffTests(secondsTests("\n  it('is zero before a failure', () => {\n    expect(backoffSeconds(0, 1_000)).toBe(0);\n  });\n\n  it('stays at the cap', () => {\n    expect(backoffSeconds(40, 1_000)).toBe(1_800);\n  });\n")))],
    },
  ];
  return loopScript(gens);
}

const STEPS: Stage[] = ['setup', 'baseline', 'spawnLab', 'fetchBranch', 'checkChange', 'runTests', 'heldOut', 'mutation', 'llmReview', 'promote'];
const CHECKS = ['planted', 'perturbed', 'differential'] as const;
type Check = (typeof CHECKS)[number];

/** How long each check after a test run took, from the record's verification. */
export function checkDurations(record: Pick<GenerationRecord, 'verification'> | undefined): Partial<Record<Check, number>> {
  const v = record?.verification;
  const out: Partial<Record<Check, number>> = {};
  for (const c of CHECKS) if (v?.[c]?.durationMs !== undefined) out[c] = v[c]!.durationMs;
  return out;
}

export interface SelfLoopGeneration {
  generation: number;
  outcome: string;
  /** The workflow's own start to close, orchestration included. */
  wallMs: number;
  durationsMs: Partial<Record<Stage, number>>;
  /** The checks that follow a test run and are not in its step's time: planted faults, the perturbed run, the functions asked again. */
  checksMs: Partial<Record<Check, number>>;
  tests?: number;
  /** Why it was not promoted. */
  reason?: string;
}

/** Clones Loom's committed main into `dir` and runs the five scripted generations on it through `taskQueue`'s worker. */
export async function runSelfLoop(client: Client, taskQueue: string, dir: string, log: (line: string) => void): Promise<SelfLoopGeneration[]> {
  const repo = join(dir, 'loom');
  execFileSync('git', ['clone', '-q', '--branch', 'main', LOOM_ROOT, repo]);
  const model = await startScriptedModelServer(selfLoopScript());
  const started = performance.now();
  try {
    const handle = await startLoop(client, taskQueue, {
      repoPath: repo,
      baseRef: 'main',
      budgets: { maxGenerations: 5, maxConsecutiveFailures: 1 },
      settings: { ...SELF_SETTINGS, models: { prime: { model: 'claude-sonnet-4-6', baseURL: model.baseUrl('prime') }, lab: { model: 'claude-opus-4-6', baseURL: model.baseUrl('lab') } } },
    });
    const result = (await handle.result()) as LoopResult;
    log(`  self-loop: ${result.stopReason} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    const records = new Map((await readLedger(repo)).map((e) => [e.record.generation, e.record as GenerationRecord]));
    const out: SelfLoopGeneration[] = [];
    for (const g of result.state.recent) {
      const record = records.get(g.generation);
      const described = g.workflowId ? await client.workflow.getHandle(g.workflowId).describe() : undefined;
      const wallMs = described?.closeTime && described.startTime ? described.closeTime.getTime() - described.startTime.getTime() : NaN;
      out.push({ generation: g.generation, outcome: g.stage ? `${g.outcome} at ${g.stage}` : g.outcome, wallMs, durationsMs: record?.durationsMs ?? {}, checksMs: checkDurations(record), tests: g.tests?.total, ...(g.reason ? { reason: g.reason.split('\n')[0]!.slice(0, 300) } : {}) });
    }
    return out;
  } finally {
    await model.close();
  }
}

/** The self-loop's table: one row per generation, a column per step, in seconds; and the mean of the generations after the first. */
export function selfLoopTable(gens: SelfLoopGeneration[]): { table: Table; summary: string } {
  const s = (ms: number | undefined) => (ms === undefined || Number.isNaN(ms) ? '-' : (ms / 1000).toFixed(1));
  const shown = STEPS.filter((st) => gens.some((g) => g.durationsMs[st] !== undefined));
  const checks = CHECKS.filter((c) => gens.some((g) => g.checksMs[c] !== undefined));
  const rows = gens.map((g) => [String(g.generation), g.outcome, String(g.tests ?? '-'), ...shown.map((st) => s(g.durationsMs[st])), ...checks.map((c) => s(g.checksMs[c])), s(g.wallMs)]);
  const later = gens.slice(1).filter((g) => !Number.isNaN(g.wallMs));
  const mean = later.length ? later.reduce((t, g) => t + g.wallMs, 0) / later.length : NaN;
  const head = ['gen', 'outcome', 'tests', ...shown.map((st) => `${st} s`), ...checks.map((c) => `${c} s`), 'wall s'];
  return {
    table: { head, rows, align: head.map((_, i) => (i === 1 ? 'l' : 'r')) },
    summary: [`generations 2-5 (the baseline reused from the last promoted tree): mean wall ${s(mean)} s per generation; the aim is under 60 s`, ...gens.filter((g) => g.reason).map((g) => `generation ${g.generation} ${g.outcome}: ${g.reason}`)].join('\n'),
  };
}
