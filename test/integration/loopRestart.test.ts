import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLoop } from '../../client/loops';
import { readLedger } from '../../ledger/generationLedger';
import { startScriptedModelServer } from '../../model/scriptedModelServer';
import { LOOM_ROOT } from '../../provision/state';
import type { LoopResult } from '../../workflows/loop';
import { docker, exampleRepo, git, integrationReady, leftoverContainers, ready, removeTempRepos, skipReason } from './harness';
import { loopScript, noteGeneration } from './scripts';

const LOOM = join(LOOM_ROOT, 'bin', 'loom');

// The worker runs as its own process, so it can really be killed (SIGKILL) mid-generation.
describe.skipIf(!integrationReady)(`the loop across a worker crash${integrationReady ? '' : ` (SKIPPED: ${skipReason})`}`, () => {
  let client: Client;
  const workers: ChildProcess[] = [];
  const taskQueue = `restart-${process.pid}`;
  const startWorker = () => {
    const e = ready();
    const w = spawn(LOOM, ['worker'], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, TEMPORAL_ADDRESS: e.temporalAddress, LOOM_TASK_QUEUE: taskQueue, LOOM_LAB_IMAGE: e.labImage, ANTHROPIC_API_KEY: 'scripted' },
      stdio: 'ignore',
    });
    workers.push(w);
    return w;
  };
  beforeAll(async () => {
    client = new Client({ connection: await Connection.connect({ address: ready().temporalAddress }) });
  });
  afterAll(async () => {
    for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
    await client?.connection.close();
    removeTempRepos();
  });

  it('finishes every generation with exactly one outcome after its worker is killed during runTests', async () => {
    const repo = await exampleRepo();
    const model = await startScriptedModelServer(loopScript([1, 2, 3].map(noteGeneration)));
    const first = startWorker();
    const handle = await startLoop(client, taskQueue, {
      repoPath: repo,
      baseRef: 'main',
      testCommand: 'sleep 2 && npm test',
      models: { prime: { model: 'claude-sonnet-4-6', baseURL: model.baseUrl('prime') }, lab: { model: 'claude-opus-4-6', baseURL: model.baseUrl('lab') } },
      budgets: { maxGenerations: 3 },
      heartbeatTimeout: '4s',
    });

    // Wait (bounded) for generation 2's verification container, then kill the worker.
    const deadline = Date.now() + 90_000;
    let killedDuring = '';
    while (Date.now() < deadline && !killedDuring) {
      const verify = await docker.listContainers({ filters: { label: ['loom.role=verify', `loom.run=${handle.workflowId.replace(/-loop$/, '')}-gen-2`] } });
      if (verify.length) {
        first.kill('SIGKILL');
        killedDuring = verify[0]!.Names[0]!;
      } else await new Promise((r) => setTimeout(r, 100));
    }
    expect(killedDuring).toMatch(/gen-2-verify$/);
    await new Promise((r) => first.once('exit', r));
    startWorker();

    const result = (await handle.result()) as LoopResult;
    await model.close();
    expect(result.state.totals).toMatchObject({ generations: 3, promoted: 3 });
    const ledger = await readLedger(repo);
    expect(ledger.map((e) => e.record.generation)).toEqual([1, 2, 3]);
    // Main moved once per generation, no more.
    expect((await git(repo, 'rev-list', '--count', 'main')).trim()).toBe('4');
    for (const e of ledger) expect(await leftoverContainers(e.workflowId)).toBe(0);
  });
});
