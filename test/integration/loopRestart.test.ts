import { Client, Connection } from '@temporalio/client';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startGeneration } from '../../client/generations';
import { startLoop } from '../../client/loops';
import { readLedger } from '../../ledger/generationLedger';
import { startScriptedModelServer } from '../../model/scriptedModelServer';
import type { LoopResult } from '../../workflows/loop';
import { calcWith, docker, exampleRepo, git, leftoverContainers, pollUntil, ready, removeTempRepos, scriptedModels, type WorkerProcess, workerProcess } from './harness';
import { bash, labScript, loopScript, MULTIPLY_EDIT, MULTIPLY_TEST, noteGeneration } from './scripts';
import { describeIntegration } from './suite';
import { LABEL_ROLE, LABEL_RUN } from '../../lab/containerLabels';

// The worker runs as its own process, so it can really be killed (SIGKILL) mid-generation.
describeIntegration('the loop across a worker crash', () => {
  let client: Client;
  const workers: WorkerProcess[] = [];
  let taskQueue = '';
  const startWorker = () => {
    const w = workerProcess(taskQueue);
    workers.push(w);
    return w;
  };
  // Each test has its own queue, so a worker left from one test cannot take the next one's work.
  beforeEach(({ task }) => {
    taskQueue = `restart-${process.pid}-${task.id}`;
  });
  afterEach(async () => {
    for (const w of workers.splice(0)) await w.crash();
  });
  beforeAll(async () => {
    client = new Client({ connection: await Connection.connect({ address: ready().temporalAddress }) });
  });
  afterAll(async () => {
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
      settings: { testCommand: 'sleep 2 && npm test', models: scriptedModels(model), heartbeatTimeout: '4s' },
      budgets: { maxGenerations: 3 },
    });

    // Wait (bounded) for generation 2's verification container, then kill the worker.
    const gen2 = `${handle.workflowId.replace(/-loop$/, '')}-gen-2`;
    const verify = await pollUntil("generation 2's verification container", async () => (await docker.listContainers({ filters: { label: [`${LABEL_ROLE}=verify`, `${LABEL_RUN}=${gen2}`] } }))[0], 90_000);
    await first.crash();
    expect(verify.Names[0]).toMatch(/gen-2-verify$/);
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

  it('resumes the Lab conversation from its checkpoint after the worker is killed mid-agent, not paying for it again', async () => {
    const repo = await exampleRepo();
    const model = await startScriptedModelServer(labScript([{ tool: 'read', input: { path: 'src/calc.js' } }, { tool: 'bash', input: { command: 'sleep 8; echo slept' } }, MULTIPLY_EDIT, MULTIPLY_TEST]));
    const first = startWorker();
    const handle = await startGeneration(client, taskQueue, {
      repoPath: repo,
      baseRef: 'main',
      generation: 1,
      program: '# Add multiply\n\n## Task\nAdd multiply(a, b).\n\n## Acceptance criteria\n- tested\n',
      settings: { models: scriptedModels(model), testCommand: 'npm test', heartbeatTimeout: '4s' },
    });
    // Kill the worker 5 s into the Lab's second turn (the sleep): the checkpoint after turn 1 has been sent by then.
    await pollUntil("the Lab's second turn", () => model.requests.filter((r) => r.channel === 'lab').length >= 2, 60_000, 50);
    await new Promise((r) => setTimeout(r, 5000));
    await first.crash();
    startWorker();

    const record = await handle.result();
    await model.close();
    const lab = model.requests.filter((r) => r.channel === 'lab');
    expect(record.outcome.kind).toBe('promoted');
    expect(lab).toHaveLength(5);
    // The first request after the crash carries the conversation so far: it resumed rather than restarted.
    expect(lab[2]!.body.messages).toHaveLength(3);
    expect(JSON.stringify(lab[2]!.body.messages)).toContain('export function subtract');
    expect(record.usage.lab!.requests).toBe(4); // turn 1 (checkpointed) + 3 after the resume
    expect(await leftoverContainers(handle.workflowId)).toBe(0);
  });

  it('resumes a long session from its transcript after the worker is killed past turn 20, its heartbeat a few hundred bytes', async () => {
    // 20 KB of distinct output a turn: after 20 turns the conversation is about 400 KB, which no heartbeat should carry.
    const repo = await calcWith({ 'src/big.js': `${'// filler line of the big file, forty-odd bytes\n'.repeat(500)}` });
    const turns = Array.from({ length: 20 }, (_, k) => bash(`echo turn ${k + 1}; head -c 20000 src/big.js`));
    const model = await startScriptedModelServer(labScript([...turns, bash('sleep 8; echo slept'), MULTIPLY_EDIT, MULTIPLY_TEST]));
    const first = startWorker();
    const handle = await startGeneration(client, taskQueue, {
      repoPath: repo,
      baseRef: 'main',
      generation: 1,
      program: '# Add multiply\n\n## Task\nAdd multiply(a, b).\n\n## Acceptance criteria\n- tested\n',
      settings: { models: scriptedModels(model), testCommand: 'npm test', heartbeatTimeout: '4s', labBudget: { usd: 10 } },
    });
    const lab = () => model.requests.filter((r) => r.channel === 'lab' && r.path === 'messages');
    // Turn 21 is the sleep: its request is the 21st, and its heartbeat names the transcript of the 20 turns before.
    await pollUntil("the Lab's 21st turn", () => lab().length >= 21, 120_000, 50);
    // The SDK sends heartbeats throttled: on a loaded machine the one naming turn 20 can reach the server seconds later.
    const heartbeat = async () => {
      const pending = (await handle.describe()).raw.pendingActivities ?? [];
      const beat = pending.find((a) => a.activityType?.name === 'spawnLab')?.heartbeatDetails?.payloads ?? [];
      return { beatBytes: beat.reduce((n, p) => n + (p.data?.length ?? 0), 0), details: beat[0]?.data ? JSON.parse(Buffer.from(beat[0].data).toString('utf8')) : undefined };
    };
    await pollUntil('a heartbeat naming the transcript of 20 turns', async () => (await heartbeat()).details?.transcript?.turns >= 20, 60_000, 200);
    const { beatBytes, details } = await heartbeat();
    await first.crash();
    startWorker();

    const record = await handle.result();
    await model.close();
    expect(record.outcome.kind).toBe('promoted');
    expect(details.transcript).toMatchObject({ turns: 20, path: expect.stringMatching(/\.git\/loom\/transcripts\/gen-1\.jsonl$/) });
    expect(beatBytes).toBeGreaterThan(0);
    expect(beatBytes).toBeLessThan(100_000);
    expect(JSON.stringify(lab()[20]!.body.messages).length).toBeGreaterThan(300_000);
    // The first request after the restart asks turn 21 again with all 20 turns before it: it continued the conversation.
    const all = lab();
    expect(all).toHaveLength(24);
    expect(all[21]!.body.messages).toHaveLength(41);
    expect(JSON.stringify(all[21]!.body.messages.at(-2))).toContain('turn 20');
    expect(record.usage.lab!.requests).toBe(23); // the reply lost with the worker is not in the transcript
    expect(await leftoverContainers(handle.workflowId)).toBe(0);
  });
});
