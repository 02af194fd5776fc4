import Anthropic from '@anthropic-ai/sdk';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureDevServer, freePort, type DevServer } from '../../client/devServer';
import { DEFAULT_TEST_TIMEOUT_SEC } from '../../config/workSettings';
import { loopStatus, startLoop } from '../../client/loops';
import { readLedger } from '../../ledger/generationLedger';
import { startScriptedModelServer } from '../../model/scriptedModelServer';
import type { LoopResult } from '../../workflows/loop';
import { createLoomWorker } from '../../worker/worker';
import { docker, exampleRepo, pollUntil, ready, removeTempRepos, scriptedModels } from './harness';
import { loopScript, noteGeneration } from './scripts';
import { describeIntegration } from './suite';

// A Temporal dev server of its own, so it can be stopped and started again on the same
// SQLite file while a loop runs.
describeIntegration('the loop across a Temporal server restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'loom-restart-server-'));
  let server: DevServer | undefined;
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
    removeTempRepos();
  });

  it('carries on after the server restarts mid-loop, with every generation recorded once', async () => {
    const e = ready();
    const opts = { dir, port: await freePort(), uiPort: await freePort() };
    server = await ensureDevServer(opts);
    const native = await NativeConnection.connect({ address: server.address });
    const worker = await createLoomWorker({
      connection: native,
      namespace: 'default',
      taskQueue: 'restart',
      deps: { docker, labImage: e.labImage, testTimeoutSec: DEFAULT_TEST_TIMEOUT_SEC, anthropicFor: (_r, m) => new Anthropic({ apiKey: 'scripted', baseURL: m.baseURL, maxRetries: 0 }) },
      workflowBundle: { codePath: e.workflowBundlePath },
    });
    const running = worker.run();
    const repo = await exampleRepo();
    const model = await startScriptedModelServer(loopScript([1, 2, 3].map(noteGeneration)));
    let client = new Client({ connection: await Connection.connect({ address: server.address }) });
    const handle = await startLoop(client, 'restart', {
      repoPath: repo,
      baseRef: 'main',
      settings: { testCommand: 'npm test', models: scriptedModels(model) },
      budgets: { maxGenerations: 3 },
    });
    await pollUntil('the first generation to finish', async () => (await loopStatus(handle)).state.totals.generations >= 1);

    await server.stop();
    await client.connection.close();
    server = await ensureDevServer(opts);
    expect(server.started).toBe(true);

    client = new Client({ connection: await Connection.connect({ address: server.address }) });
    const result = (await client.workflow.getHandle(handle.workflowId).result()) as LoopResult;
    await model.close();
    worker.shutdown();
    await running;
    await client.connection.close();
    await native.close();
    expect(result.state.totals).toMatchObject({ generations: 3, promoted: 3 });
    expect((await readLedger(repo)).map((l) => l.record.generation)).toEqual([1, 2, 3]);
  });
});
