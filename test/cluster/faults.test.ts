import type { Client } from '@temporalio/client';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { startLoop } from '../../client/loops';
import { readLedger } from '../../ledger/generationLedger';
import { startScriptedModelServer } from '../../model/scriptedModelServer';
import type { LoopResult } from '../../workflows/loop';
import { LABEL_ROLE, LABEL_RUN } from '../../lab/containerLabels';
import { docker, exampleRepo, git, leftoverContainers, pollUntil, removeTempRepos, scriptedModels, workerProcess, type WorkerProcess } from '../integration/harness';
import { loopScript, noteGeneration } from '../integration/scripts';
import { describeIntegration } from '../integration/suite';
import { cluster, clusterClient, descendants, killServer, serverAnswers } from './clusterHelpers';

/** Every generation ended once, main moved once per promotion, and nothing is left on the engine or in the repository. */
async function expectCleanLoop(repo: string, result: LoopResult, generations: number): Promise<void> {
  expect(result.state.totals.generations).toBe(generations);
  const ledger = await readLedger(repo);
  expect(ledger.map((e) => e.record.generation)).toEqual(Array.from({ length: generations }, (_, i) => i + 1));
  const promoted = ledger.filter((e) => e.record.outcome.kind === 'promoted').length;
  expect(promoted).toBe(result.state.totals.promoted);
  expect((await git(repo, 'rev-list', '--count', 'main')).trim()).toBe(String(1 + promoted));
  for (const e of ledger) expect(await leftoverContainers(e.workflowId)).toBe(0);
  expect((await git(repo, 'for-each-ref', 'refs/loom/')).trim()).toBe('');
}

describeIntegration('faults on the PostgreSQL-backed Temporal server', () => {
  let client: Client;
  const workers: WorkerProcess[] = [];
  let queue = '';
  const start = () => {
    const w = workerProcess(queue);
    workers.push(w);
    return w.waitFor(`task queue ${queue}`).then(() => w);
  };
  beforeAll(async () => {
    client = await clusterClient();
  });
  afterEach(async () => {
    for (const w of workers.splice(0)) await w.crash();
  });
  afterAll(async () => {
    await client?.connection.close();
    removeTempRepos();
  });

  async function loop(generations: number, testCommand = 'sleep 2 && npm test') {
    const repo = await exampleRepo();
    const model = await startScriptedModelServer(loopScript(Array.from({ length: generations }, (_, i) => noteGeneration(i + 1))));
    const handle = await startLoop(client, queue, {
      repoPath: repo,
      baseRef: 'main',
      budgets: { maxGenerations: generations },
      failureBackoffMs: 200,
      settings: { testCommand, models: scriptedModels(model), heartbeatTimeout: '6s' },
    });
    const gen = (n: number) => `${handle.workflowId.replace(/-loop$/, '')}-gen-${n}`;
    const inVerification = (n: number) =>
      pollUntil(`generation ${n}'s verification container`, async () => (await docker.listContainers({ filters: { label: [`${LABEL_ROLE}=verify`, `${LABEL_RUN}=${gen(n)}`] } }))[0], 180_000, 200);
    return { repo, model, handle, inVerification };
  }

  it('the Temporal server SIGKILLed mid-loop and started again: every generation ends once, nothing is left', async () => {
    queue = `cluster-faults-server-${process.pid}`;
    await start();
    const { repo, model, handle, inVerification } = await loop(3);
    await inVerification(2);
    killServer();
    cluster('start');
    await serverAnswers(client);
    const result = (await handle.result()) as LoopResult;
    await model.close();
    await expectCleanLoop(repo, result, 3);
  });

  it('PostgreSQL restarted mid-loop: the server rides it out and every generation ends once', async () => {
    queue = `cluster-faults-pg-${process.pid}`;
    await start();
    const { repo, model, handle, inVerification } = await loop(3);
    await inVerification(2);
    cluster('restart-postgres');
    const result = (await handle.result()) as LoopResult;
    await model.close();
    await expectCleanLoop(repo, result, 3);
  });

  it('a Prime worker SIGKILLed mid-generation: the other finishes it, once', async () => {
    queue = `cluster-faults-worker-${process.pid}`;
    const both = await Promise.all([start(), start()]);
    const { repo, model, handle, inVerification } = await loop(3);
    await inVerification(2);
    // The worker running generation 2's tests dies (its identity is pid@host of the node process under bin/loom).
    const gen2 = client.workflow.getHandle(`${handle.workflowId.replace(/-loop$/, '')}-gen-2`);
    const identity = await pollUntil('the worker running the tests', async () => (await gen2.describe()).raw.pendingActivities?.find((a) => a.lastWorkerIdentity)?.lastWorkerIdentity ?? undefined, 30_000, 200);
    const pid = Number(identity.split('@')[0]);
    const holder = both.find((w) => [w.proc.pid!, ...descendants(w.proc.pid!)].includes(pid));
    expect(holder, `no worker of this test has pid ${pid}`).toBeDefined();
    await holder!.crash();
    const result = (await handle.result()) as LoopResult;
    await model.close();
    await expectCleanLoop(repo, result, 3);
  });
});
