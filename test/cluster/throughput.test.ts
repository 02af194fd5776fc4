import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { startLoop } from '../../client/loops';
import { readLedger } from '../../ledger/generationLedger';
import { startScriptedModelServer } from '../../model/scriptedModelServer';
import type { LoopResult } from '../../workflows/loop';
import { exampleRepo, ORCHESTRATION_ONLY, scriptedModels } from '../integration/harness';
import { loopScript, noteGeneration } from '../integration/scripts';
import { describeWithClusterWorker, report } from './clusterHelpers';

const LEVELS = [1, 2, 5, 10, 20];
const GENERATIONS_PER_LOOP = 3;

/** Busy and total CPU time of the machine so far (jiffies), from /proc/stat. */
function cpuTimes(): { busy: number; total: number } {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  const n = fields.map(Number);
  const idle = n[3]! + n[4]!;
  const total = n.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))]! : NaN;
};

const ms = (t: { seconds?: unknown; nanos?: number | null } | null | undefined) => Number(t?.seconds ?? 0) * 1000 + (t?.nanos ?? 0) / 1e6;

describeWithClusterWorker('throughput of the PostgreSQL-backed server on this machine', 'throughput', (run) => {
  it(`runs 1, 2, 5, 10 and 20 loops at once (${GENERATIONS_PER_LOOP} generations each) and reports generations per minute, workflow-task latency and CPU use`, async () => {
    const rows: Array<{ loops: number; generations: number; generationsPerMinute: number; workflowTaskMsMedian: number; workflowTaskMsP99: number; scheduleToStartMsP99: number; cpuBusyPercent: number }> = [];
    for (const loops of LEVELS) {
      const repos = await Promise.all(Array.from({ length: loops }, () => exampleRepo()));
      const models = await Promise.all(repos.map(() => startScriptedModelServer(loopScript(Array.from({ length: GENERATIONS_PER_LOOP }, (_, i) => noteGeneration(i + 1))))));
      const cpu0 = cpuTimes();
      const started = Date.now();
      // The server's throughput, not verification's, whose cost is the repository's.
      const handles = await Promise.all(
        repos.map((repo, k) =>
          startLoop(run.client, run.taskQueue, { repoPath: repo, baseRef: 'main', budgets: { maxGenerations: GENERATIONS_PER_LOOP }, failureBackoffMs: 200, settings: { testCommand: 'npm test', models: scriptedModels(models[k]!), verification: ORCHESTRATION_ONLY } }),
        ),
      );
      const results = (await Promise.all(handles.map((h) => h.result()))) as LoopResult[];
      const minutes = (Date.now() - started) / 60_000;
      const cpu1 = cpuTimes();
      await Promise.all(models.map((m) => m.close()));
      for (const r of results) expect(r.state.totals).toMatchObject({ generations: GENERATIONS_PER_LOOP, promoted: GENERATIONS_PER_LOOP });

      // Workflow-task latency, scheduled to completed, over every generation's history.
      const latencies: number[] = [];
      const waits: number[] = [];
      for (const repo of repos) {
        for (const e of await readLedger(repo)) {
          const events = (await run.client.workflow.getHandle(e.workflowId).fetchHistory()).events ?? [];
          let scheduled = 0;
          let startedAt = 0;
          for (const ev of events) {
            if (ev.workflowTaskScheduledEventAttributes) scheduled = ms(ev.eventTime);
            if (ev.workflowTaskStartedEventAttributes) {
              startedAt = ms(ev.eventTime);
              waits.push(startedAt - scheduled);
            }
            if (ev.workflowTaskCompletedEventAttributes) latencies.push(ms(ev.eventTime) - scheduled);
          }
        }
      }
      const row = {
        loops,
        generations: loops * GENERATIONS_PER_LOOP,
        generationsPerMinute: Math.round(((loops * GENERATIONS_PER_LOOP) / minutes) * 10) / 10,
        workflowTaskMsMedian: Math.round(quantile(latencies, 0.5)),
        workflowTaskMsP99: Math.round(quantile(latencies, 0.99)),
        scheduleToStartMsP99: Math.round(quantile(waits, 0.99)),
        cpuBusyPercent: Math.round(((cpu1.busy - cpu0.busy) / (cpu1.total - cpu0.total)) * 100),
      };
      rows.push(row);
      console.log(`[throughput] ${JSON.stringify(row)}`);
    }
    // Saturation: the first level past which more loops at once add under 10% more generations per minute.
    const saturatedAt = rows.find((r, i) => i + 1 < rows.length && rows[i + 1]!.generationsPerMinute < r.generationsPerMinute * 1.1)?.loops ?? null;
    report('throughput', { generationsPerLoop: GENERATIONS_PER_LOOP, rows, saturatedAt });
    expect(rows.at(-1)!.generations).toBe(20 * GENERATIONS_PER_LOOP);
  });
});
