import { expect, it } from 'vitest';
import { startLoop } from '../../client/loops';
import { readLedger } from '../../ledger/generationLedger';
import { startScriptedModelServer } from '../../model/scriptedModelServer';
import type { LoopResult, LoopStatus } from '../../workflows/loop';
import { exampleRepo, git, leftoverContainers, ORCHESTRATION_ONLY, scriptedModels } from '../integration/harness';
import { loopScript, noteGeneration } from '../integration/scripts';
import { databaseBytes, describeWithClusterWorker, report, rssMb } from './clusterHelpers';

// LOOM_SOAK_GENERATIONS shortens it for a quick local try; CI runs the full 200.
const GENERATIONS = Number(process.env.LOOM_SOAK_GENERATIONS || 200);
const SAMPLE_EVERY = 25;
const CONTINUE_AS_NEW_EVERY = 25;

describeWithClusterWorker('a soak on the PostgreSQL-backed server', 'soak', (run) => {
  it(`${GENERATIONS} generations of a zero-latency loop: each recorded once, history bounded per run, worker memory and database growth reported`, async () => {
    const repo = await exampleRepo();
    const model = await startScriptedModelServer(loopScript(Array.from({ length: GENERATIONS }, (_, i) => noteGeneration(i + 1))));
    const dbBefore = databaseBytes();
    const started = Date.now();
    const handle = await startLoop(run.client, run.taskQueue, {
      repoPath: repo,
      baseRef: 'main',
      budgets: { maxGenerations: GENERATIONS, maxConsecutiveFailures: 5 },
      failureBackoffMs: 200,
      continueAsNewEvery: CONTINUE_AS_NEW_EVERY,
      // What grows over a long loop is the orchestration's (history, database, worker memory), not verification's.
      settings: { testCommand: 'npm test', models: scriptedModels(model), verification: ORCHESTRATION_ONLY },
    });
    // Sample the worker's memory and the database each time another 25 generations are done.
    const samples: Array<{ generations: number; workerRssMb: number; databaseMb: number; minutes: number }> = [];
    const sample = (generations: number) => samples.push({ generations, workerRssMb: Math.round(rssMb(run.worker.proc.pid!)), databaseMb: Math.round(databaseBytes() / 1e5) / 10, minutes: Math.round((Date.now() - started) / 600) / 100 });
    sample(0);
    let done = false;
    const result = handle.result().finally(() => (done = true)) as Promise<LoopResult>;
    for (let next = SAMPLE_EVERY; !done && next <= GENERATIONS; ) {
      await new Promise((r) => setTimeout(r, 1000));
      // A query can miss between runs of a continue-as-new chain; the next poll asks again.
      const s = await run.client.workflow.getHandle(handle.workflowId).query<LoopStatus>('status').catch(() => undefined);
      if (s && s.state.totals.generations >= next) {
        sample(s.state.totals.generations);
        next += SAMPLE_EVERY;
      }
    }
    const final = await result;
    await model.close();
    const minutes = (Date.now() - started) / 60_000;
    if (samples.at(-1)!.generations < GENERATIONS) sample(GENERATIONS);

    // Every generation recorded exactly once, and main moved once per promotion.
    expect(final.state.totals.generations).toBe(GENERATIONS);
    const ledger = await readLedger(repo);
    expect(ledger.map((e) => e.record.generation)).toEqual(Array.from({ length: GENERATIONS }, (_, i) => i + 1));
    expect(new Set(ledger.map((e) => e.workflowId)).size).toBe(GENERATIONS);
    const promoted = ledger.filter((e) => e.record.outcome.kind === 'promoted').length;
    expect((await git(repo, 'rev-list', '--count', 'main')).trim()).toBe(String(1 + promoted));
    for (const e of ledger.slice(-3)) expect(await leftoverContainers(e.workflowId)).toBe(0);

    // The loop's history is cut at each continue-as-new: every run of the chain stays small.
    const runs: Array<{ runId: string; events: number }> = [];
    for await (const w of run.client.workflow.list({ query: `WorkflowId = '${handle.workflowId}'` })) runs.push({ runId: w.runId, events: w.historyLength });
    expect(runs.length).toBe(Math.ceil(GENERATIONS / CONTINUE_AS_NEW_EVERY));
    const maxEvents = Math.max(...runs.map((r) => r.events));
    expect(maxEvents).toBeLessThan(CONTINUE_AS_NEW_EVERY * 40);
    const generationEvents = await Promise.all(ledger.slice(0, 5).map(async (e) => (await run.client.workflow.getHandle(e.workflowId).describe()).historyLength));

    const dbAfter = databaseBytes();
    report('soak', {
      generations: GENERATIONS,
      promoted,
      minutes: Math.round(minutes * 10) / 10,
      generationsPerMinute: Math.round((GENERATIONS / minutes) * 10) / 10,
      loopRuns: runs.length,
      loopEventsPerRunMax: maxEvents,
      loopEventsPerRun: runs.map((r) => r.events).sort((a, b) => a - b),
      generationEvents,
      workerRssMbSamples: samples.map((s) => `${s.generations}: ${s.workerRssMb} MB`),
      databaseKbPerGeneration: Math.round((dbAfter - dbBefore) / GENERATIONS / 1024),
      databaseMbSamples: samples.map((s) => `${s.generations}: ${s.databaseMb} MB`),
    });
  });
});
