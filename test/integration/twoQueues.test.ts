import { Client, Connection } from '@temporalio/client';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleGit } from 'simple-git';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGeneration } from '../../client/generations';
import { startScriptedModelServer } from '../../model/scriptedModelServer';
import { canStartDockerd, docker, exampleRepo, expectPromoted, git, integrationReady, leftoverContainers, ownDockerEngine, ready, removeTempRepos, scriptedModels, skipReason, workerProcess, type OwnEngine, type WorkerProcess } from './harness';
import { addMultiply } from './scripts';
import { LABEL_RUN } from '../../lab/containerLabels';
import { LAB_ACTIVITIES } from '../../generation/activityRoutes';

// Prime's worker and a Lab-only worker as two processes on two task queues, the Lab worker
// on a Docker engine of its own (as on another machine); the only way commits pass between
// them is the exchange repository.
const skip = !integrationReady ? skipReason : !canStartDockerd ? 'a second dockerd for the Lab worker needs root' : '';
describe.skipIf(Boolean(skip))(`a generation across a Prime worker and a Lab worker${skip ? ` (SKIPPED: ${skip})` : ''}`, () => {
  const primeQueue = `prime-${process.pid}-${Date.now()}`;
  const labQueue = `lab-${process.pid}-${Date.now()}`;
  const dir = mkdtempSync(join(tmpdir(), 'loom-two-queues-'));
  const exchange = join(dir, 'exchange.git');
  const mirrors = join(dir, 'lab-mirrors');
  let client: Client;
  let prime: WorkerProcess;
  let lab: WorkerProcess;
  let labEngine: OwnEngine;
  beforeAll(async () => {
    await simpleGit().raw(['init', '--quiet', '--bare', exchange]);
    labEngine = await ownDockerEngine();
    prime = workerProcess(primeQueue);
    lab = workerProcess('unused', { LOOM_WORKER_ROLE: 'lab', LOOM_LAB_TASK_QUEUE: labQueue, LOOM_MIRRORS_DIR: mirrors, DOCKER_HOST: `unix://${labEngine.socket}` });
    await Promise.all([prime.waitFor(`task queue ${primeQueue}`), lab.waitFor(`(Lab only: ${LAB_ACTIVITIES.join(', ')}): task queue ${labQueue}`)]);
    client = new Client({ connection: await Connection.connect({ address: ready().temporalAddress }) });
  });
  afterAll(async () => {
    await prime?.crash();
    await lab?.crash();
    await client?.connection.close();
    await labEngine?.remove();
    removeTempRepos();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs the Lab work, its setup step among it, on the Lab queue, the rest on Prime, and promotes through the exchange', async () => {
    const repo = await exampleRepo();
    const model = await startScriptedModelServer(addMultiply());
    try {
      const handle = await startGeneration(client, primeQueue, {
        repoPath: repo, baseRef: 'main', generation: 1, program: '# Add multiply\n\nAdd multiply(a, b) with tests.\n',
        // A setup step: its image is made on the Lab's engine, where the Lab and the test runs start from it.
        settings: { models: scriptedModels(model), testCommand: 'npm test', labTaskQueue: labQueue, exchange, setup: 'mkdir -p .deps && echo ready > .deps/ok' },
      });
      // Watch both engines while it runs (bounded by the generation): the containers are the Lab engine's only.
      const seen = { prime: new Set<string>(), lab: new Set<string>() };
      const result = handle.result();
      let running = true;
      void result.finally(() => (running = false)).catch(() => undefined);
      while (running) {
        const filter = { all: true, filters: { label: [`${LABEL_RUN}=${handle.workflowId}`] } };
        for (const c of await docker.listContainers(filter)) seen.prime.add(c.Names[0]!);
        for (const c of await labEngine.engine.listContainers(filter)) seen.lab.add(c.Names[0]!);
        await new Promise((r) => setTimeout(r, 50));
      }
      const record = await result;
      await expectPromoted(repo, record);
      expect([...seen.prime]).toEqual([]);
      expect([...seen.lab].sort()).toEqual(expect.arrayContaining([expect.stringMatching(/-lab$/), expect.stringMatching(/-verify$/)]));
      expect(record.tests).toMatchObject({ passed: 4, failed: 0 });

      // Where each activity was scheduled, and which process ran it.
      const history = await handle.fetchHistory();
      const scheduled = new Map<number, { name: string; queue: string }>();
      const ranBy: Array<{ name: string; queue: string; identity: string }> = [];
      const workflowTaskIdentities: string[] = [];
      let localActivities = 0;
      for (const e of history.events ?? []) {
        if (e.workflowTaskStartedEventAttributes?.identity) workflowTaskIdentities.push(e.workflowTaskStartedEventAttributes.identity);
        if (e.markerRecordedEventAttributes) localActivities++;
        const s = e.activityTaskScheduledEventAttributes;
        if (s) scheduled.set(Number(e.eventId), { name: s.activityType!.name!, queue: s.taskQueue!.name! });
        const st = e.activityTaskStartedEventAttributes;
        if (st) ranBy.push({ ...scheduled.get(Number(st.scheduledEventId))!, identity: st.identity! });
      }
      // An identity is pid@host; each worker process leads its own process group.
      const group = (identity: string) => Number(readFileSync(`/proc/${identity.split('@')[0]}/stat`, 'utf8').split(') ')[1]!.split(' ')[2]);
      const onLab = ranBy.filter((r) => group(r.identity) === lab.proc.pid).map((r) => r.name);
      const onPrime = ranBy.filter((r) => group(r.identity) === prime.proc.pid).map((r) => r.name);
      // The baseline, the Lab's tree and the held-out tree are three runs of the tests; the mutants run after them, in a step of their own.
      expect(onLab.sort()).toEqual(['cleanupGeneration', 'mutationTests', 'prepareLab', 'runTests', 'runTests', 'runTests', 'setupImage', 'spawnLab']);
      // Everything the workflow sent to the Lab queue is what a Lab worker registers.
      expect(ranBy.filter((r) => r.queue === labQueue).every((r) => (LAB_ACTIVITIES as readonly string[]).includes(r.name))).toBe(true);
      expect((await labEngine.engine.listImages()).flatMap((i) => i.RepoTags ?? []).some((t) => t.startsWith('loom-setup:'))).toBe(true);
      expect(record.setup).toMatchObject({ image: expect.stringMatching(/^loom-setup:/) });
      expect(onPrime.sort()).toEqual(['fetchBranch', 'llmReview']);
      // resolveBase, checkChange, promote, cleanup and the record are local activities: they
      // run inside the workflow's tasks, and every one of those ran in Prime's process.
      expect(localActivities).toBe(5);
      expect(workflowTaskIdentities.length).toBeGreaterThan(0);
      expect(workflowTaskIdentities.every((i) => group(i) === prime.proc.pid)).toBe(true);
      expect(onPrime).not.toContain('spawnLab');
      expect(ranBy.filter((r) => r.name === 'spawnLab').every((r) => r.queue === labQueue)).toBe(true);

      // The Lab's commit reached Prime through the exchange, which keeps nothing afterwards.
      expect(existsSync(mirrors)).toBe(true);
      expect((await simpleGit().raw(['ls-remote', exchange])).trim()).toBe('');
      expect(await leftoverContainers(handle.workflowId)).toBe(0);
      expect(await labEngine.engine.listContainers({ all: true, filters: { label: [`${LABEL_RUN}=${handle.workflowId}`] } })).toEqual([]);
    } finally {
      await model.close();
    }
  });

  it('refuses a Lab queue without an exchange, with the setting to fix', async () => {
    const repo = await exampleRepo();
    const model = await startScriptedModelServer(addMultiply());
    try {
      const handle = await startGeneration(client, primeQueue, {
        repoPath: repo, baseRef: 'main', generation: 2, program: '# Add multiply\n\nAdd multiply(a, b).\n',
        settings: { models: scriptedModels(model), testCommand: 'npm test', labTaskQueue: labQueue },
      });
      const record = await handle.result();
      expect(record.outcome).toMatchObject({ kind: 'failed', reason: expect.stringContaining('set LOOM_EXCHANGE') });
      expect(model.requests).toHaveLength(0);
    } finally {
      await model.close();
    }
  });
});
