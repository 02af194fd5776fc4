import type { Client } from '@temporalio/client';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleGit } from 'simple-git';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startLoop } from '../../client/loops';
import { readLedger } from '../../ledger/generationLedger';
import { startScriptedModelServer } from '../../model/scriptedModelServer';
import { LOOM_ROOT, temporalBin } from '../../provision/state';
import type { LoopResult, LoopStatus } from '../../workflows/loop';
import { exampleRepo, git, leftoverContainers, pollUntil, ready, removeTempRepos, runLoom, scriptedModels, workerProcess, type WorkerProcess } from '../integration/harness';
import { loopScript, noteGeneration } from '../integration/scripts';
import { describeIntegration } from '../integration/suite';
import { clusterClient } from './clusterHelpers';

/** The `temporal` lines docs/cluster.md gives operators, in order. */
export function operatorLines(): string[] {
  const doc = readFileSync(join(LOOM_ROOT, 'docs', 'cluster.md'), 'utf8');
  const block = /<!-- temporal lines: run by test\/cluster\/cluster.test.ts -->\n```sh\n([\s\S]*?)```/.exec(doc);
  if (!block) throw new Error('docs/cluster.md has no block of temporal lines');
  return block[1]!.split('\n').filter((l) => l.startsWith('temporal '));
}

describeIntegration('Loom on the PostgreSQL-backed Temporal server', () => {
  let client: Client;
  const workers: WorkerProcess[] = [];
  beforeAll(async () => {
    client = await clusterClient();
  });
  afterAll(async () => {
    for (const w of workers.splice(0)) await w.crash();
    await client?.connection.close();
    removeTempRepos();
  });

  it("promotes a loop's generations with two Prime workers and a Lab worker on its own queue, and finds them through the visibility store by Loom's search attributes", async () => {
    const primeQueue = `cluster-prime-${process.pid}`;
    const labQueue = `cluster-lab-${process.pid}`;
    const dir = mkdtempSync(join(tmpdir(), 'loom-cluster-'));
    const exchange = join(dir, 'exchange.git');
    await simpleGit().raw(['init', '--quiet', '--bare', exchange]);
    workers.push(workerProcess(primeQueue), workerProcess(primeQueue), workerProcess('unused', { LOOM_WORKER_ROLE: 'lab', LOOM_LAB_TASK_QUEUE: labQueue, LOOM_MIRRORS_DIR: join(dir, 'mirrors') }));
    await Promise.all([workers[0]!.waitFor(`task queue ${primeQueue}`), workers[1]!.waitFor(`task queue ${primeQueue}`), workers[2]!.waitFor(`task queue ${labQueue}`)]);

    const repo = await exampleRepo();
    const model = await startScriptedModelServer(loopScript([1, 2, 3].map(noteGeneration)));
    const handle = await startLoop(client, primeQueue, {
      repoPath: repo,
      baseRef: 'main',
      budgets: { maxGenerations: 3 },
      failureBackoffMs: 200,
      settings: { testCommand: 'npm test', models: scriptedModels(model), labTaskQueue: labQueue, exchange },
    });
    const result = (await handle.result()) as LoopResult;
    await model.close();
    expect(result.state.totals).toMatchObject({ generations: 3, promoted: 3 });
    expect((await git(repo, 'rev-list', '--count', 'main')).trim()).toBe('4');
    const ledger = await readLedger(repo);
    expect(ledger.map((e) => e.record.generation)).toEqual([1, 2, 3]);
    for (const e of ledger) expect(await leftoverContainers(e.workflowId)).toBe(0);

    // The visibility store (PostgreSQL) answers list filters on Loom's own attributes.
    const promoted = async () => {
      const ids: string[] = [];
      for await (const w of client.workflow.list({ query: `LoomOutcome = 'promoted' AND LoomRepo = '${repo}'` })) ids.push(w.workflowId);
      return ids.length === 3 ? ids.sort() : undefined;
    };
    expect(await pollUntil('three promoted generations in the visibility store', promoted, 30_000, 500)).toEqual(ledger.map((e) => e.workflowId).sort());
    let rejected = 0;
    for await (const _ of client.workflow.list({ query: `LoomOutcome = 'rejected' AND LoomRepo = '${repo}'` })) rejected++;
    expect(rejected).toBe(0);
  });

  it('bin/loom cluster status says what runs and where, as a person asks it', async () => {
    const r = await runLoom(['cluster', 'status'], { PATH: process.env.PATH, HOME: process.env.HOME });
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain(`running on ${ready().temporalAddress}`);
    expect(r.out).toMatch(/PostgreSQL: running on 127\.0\.0\.1:\d+/);
    const bad = await runLoom(['cluster', 'restart'], { PATH: process.env.PATH, HOME: process.env.HOME });
    expect(bad.code).not.toBe(0);
    expect(bad.out).toContain('cluster needs start, stop or status');
  });

  it('takes the operator lines of docs/cluster.md: start, pause, resume, query, list, result and stop with the temporal CLI', async () => {
    const taskQueue = `cluster-cli-${process.pid}`;
    const worker = workerProcess(taskQueue);
    workers.push(worker);
    await worker.waitFor(`task queue ${taskQueue}`);
    const repo = await exampleRepo();
    const model = await startScriptedModelServer(loopScript([1, 2, 3, 4].map(noteGeneration)));
    const LOOP_ID = `loom-cli-${process.pid}-loop`;
    const GEN_ID = `loom-cli-${process.pid}-gen-1`;
    const env = {
      ...process.env,
      TEMPORAL_ADDRESS: ready().temporalAddress,
      LOOM_TASK_QUEUE: taskQueue,
      REPO: repo,
      LOOP_ID,
      GEN_ID,
      LOOP_INPUT: JSON.stringify({ repoPath: repo, baseRef: 'main', workflowIdPrefix: `loom-cli-${process.pid}`, budgets: { maxGenerations: 4 }, failureBackoffMs: 200, settings: { testCommand: 'npm test', models: scriptedModels(model) } }),
    };
    const lines = operatorLines();
    const line = (re: RegExp) => {
      const l = lines.find((x) => re.test(x));
      if (!l) throw new Error(`docs/cluster.md has no line matching ${re}`);
      return l;
    };
    const sh = (l: string) => execFileSync('bash', ['-c', l.replace(/^temporal /, `${temporalBin()} `)], { env, encoding: 'utf8' });
    const status = (): LoopStatus => JSON.parse(sh(line(/workflow query .*--name status/)).trim()).queryResult[0];

    sh(line(/workflow start .*--type loopWorkflow/));
    await pollUntil('generation 1 to be promoted', async () => (await readLedger(repo)).length >= 1 || undefined, 120_000, 500);
    sh(line(/workflow signal .*--name pause/));
    expect((await pollUntil('the loop to pause', () => (status().state.paused ? status() : undefined), 60_000, 500)).state.paused).toBe(true);
    sh(line(/workflow signal .*--name resume/));
    await pollUntil('the loop to resume', () => !status().state.paused || undefined, 60_000, 500);
    // A generation's own result, by its workflow id.
    const result = JSON.parse(sh(line(/workflow result/)));
    expect(result).toMatchObject({ status: 'COMPLETED', result: { generation: 1, outcome: { kind: 'promoted' } } });
    // A closed generation still answers its step query, from its history.
    expect(sh(line(/workflow query .*GEN_ID.*--name step/))).toMatch(/done|promot/i);
    sh(line(/workflow signal .*--name stop/));
    const final = (await client.workflow.getHandle(LOOP_ID).result()) as LoopResult;
    await model.close();
    expect(final.stopReason).toBe('stopped on request');
    const listed = sh(line(/workflow list .*LoomOutcome/));
    const ledger = await readLedger(repo);
    expect(ledger.length).toBeGreaterThanOrEqual(1);
    await pollUntil('the list line to show every promoted generation', () => {
      const out = sh(line(/workflow list .*LoomOutcome/));
      return ledger.every((e) => out.includes(e.workflowId)) || undefined;
    }, 30_000, 500);
    expect(listed).toContain(GEN_ID);
  });
});
