import { Client, Connection } from '@temporalio/client';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleGit } from 'simple-git';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLoop } from '../../client/loops';
import { LAB_ACTIVITIES } from '../../generation/activityRoutes';
import { LABEL_GENERATION, LABEL_REPO, LABEL_ROLE } from '../../lab/containerLabels';
import { readLedger } from '../../ledger/generationLedger';
import type { ScriptStep } from '../../model/modelScript';
import { startScriptedModelServer } from '../../model/scriptedModelServer';
import type { LoopResult } from '../../workflows/loop';
import { canStartDockerd, docker, exampleRepo, git, integrationReady, ownDockerEngine, pollUntil, ready, removeTempRepos, scriptedModels, skipReason, workerProcess, type OwnEngine, type WorkerProcess } from './harness';
import { APPROVE, program, write } from './scripts';

// The features people combine, together: a loop run twice on one repository, Lab work on
// another machine (a Lab worker on its own Docker engine, commits through the exchange), a
// setup step, best-of-2, continue-as-new after every generation, and the Prime worker
// SIGKILLed and started again in the middle of the second run.
const skip = !integrationReady ? skipReason : !canStartDockerd ? 'a second dockerd for the Lab worker needs root' : '';
describe.skipIf(Boolean(skip))(`features together${skip ? ` (SKIPPED: ${skip})` : ''}`, () => {
  const primeQueue = `seams-prime-${process.pid}-${Date.now()}`;
  const labQueue = `seams-lab-${process.pid}-${Date.now()}`;
  const dir = mkdtempSync(join(tmpdir(), 'loom-seams-'));
  const exchange = join(dir, 'exchange.git');
  let client: Client;
  const workers: WorkerProcess[] = [];
  let labEngine: OwnEngine;
  const startPrime = async () => {
    const w = workerProcess(primeQueue);
    workers.push(w);
    await w.waitFor(`task queue ${primeQueue}`);
    return w;
  };
  beforeAll(async () => {
    await simpleGit().raw(['init', '--quiet', '--bare', exchange]);
    labEngine = await ownDockerEngine();
    const lab = workerProcess('unused', { LOOM_WORKER_ROLE: 'lab', LOOM_LAB_TASK_QUEUE: labQueue, LOOM_MIRRORS_DIR: join(dir, 'mirrors'), DOCKER_HOST: `unix://${labEngine.socket}` });
    workers.push(lab);
    await Promise.all([startPrime(), lab.waitFor(`(Lab only: ${LAB_ACTIVITIES.join(', ')}): task queue ${labQueue}`)]);
    client = new Client({ connection: await Connection.connect({ address: ready().temporalAddress }) });
  });
  afterAll(async () => {
    for (const w of workers) await w.crash();
    await client?.connection.close();
    await labEngine?.remove();
    removeTempRepos();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Per generation: Prime writes the program and reviews both Labs; each Lab writes its own note. */
  const script = (ns: number[]) => ({
    prime: ns.flatMap((n): ScriptStep[] => [program(`Write note ${n}`, `Add docs/note-${n}.md describing generation ${n}.`, 'feature'), APPROVE, APPROVE]),
    lab1: ns.flatMap((n): ScriptStep[] => [write(`docs/note-${n}.md`, `# Note ${n}\n\nWritten by the first Lab.\n`), { text: 'Done.' }]),
    lab2: ns.flatMap((n): ScriptStep[] => [write(`docs/note-${n}.md`, `# Note ${n}\n\nWritten by the second Lab, at more length.\n`), { text: 'Done.' }]),
  });

  async function runLoop(repo: string, ns: number[], during?: (workflowId: string) => Promise<void>): Promise<LoopResult> {
    const model = await startScriptedModelServer(script(ns));
    try {
      const models = scriptedModels(model);
      const handle = await startLoop(client, primeQueue, {
        repoPath: repo,
        baseRef: 'main',
        budgets: { maxGenerations: ns.length, maxConsecutiveFailures: 1 },
        continueAsNewEvery: 1,
        settings: {
          models,
          labModels: ['lab1', 'lab2'].map((c) => ({ model: models.lab.model, baseURL: model.baseUrl(c) })),
          testCommand: 'npm test',
          labTaskQueue: labQueue,
          exchange,
          setup: 'mkdir -p .deps && echo ready > .deps/ok',
        },
      });
      await during?.(handle.workflowId);
      return (await handle.result()) as LoopResult;
    } finally {
      await model.close();
    }
  }

  it('numbers, records and promotes every generation once, and leaves nothing behind on either machine', async () => {
    const repo = await exampleRepo();
    const first = await runLoop(repo, [1, 2]);
    expect(first.state.recent.map((g) => [g.generation, g.outcome])).toEqual([[1, 'promoted'], [2, 'promoted']]);
    expect(first.state.continuedAsNew).toBeGreaterThanOrEqual(1);

    // The second run: the Prime worker (which holds the workflows) is killed while both Labs of
    // generation 4 work on the other machine, and started again.
    const second = await runLoop(repo, [3, 4], async () => {
      await pollUntil('the Labs of generation 4 at work', async () => (await labEngine.engine.listContainers({ filters: { label: [`${LABEL_REPO}=${repo}`, `${LABEL_GENERATION}=4`, `${LABEL_ROLE}=lab`] } })).length > 0, 300_000, 200);
      await workers.find((w) => w.output().includes(`task queue ${primeQueue}`) && w.proc.exitCode === null && w.proc.signalCode === null)!.crash();
      await startPrime();
    });
    expect(second.state.recent.map((g) => [g.generation, g.outcome])).toEqual([[3, 'promoted'], [4, 'promoted']]);
    // The first Prime worker died by SIGKILL mid-generation; its successor finished the loop.
    expect(workers.map((w) => w.proc.signalCode).sort()).toEqual(['SIGKILL', null, null]);

    // Every generation once, under its own number, each Lab's branch kept; main has each note once.
    const ledger = await readLedger(repo);
    expect(ledger.map((e) => e.record.generation)).toEqual([1, 2, 3, 4]);
    expect(new Set(ledger.map((e) => e.workflowId)).size).toBe(4);
    for (const e of ledger) expect(e.record.candidates?.map((c) => c.labBranch)).toEqual([`lab/gen-${e.record.generation}-c1`, `lab/gen-${e.record.generation}-c2`]);
    expect((await git(repo, 'branch', '--list', 'lab/*', '--format=%(refname:short)')).trim().split('\n').sort()).toEqual([1, 2, 3, 4].flatMap((n) => [`lab/gen-${n}-c1`, `lab/gen-${n}-c2`]));
    expect((await git(repo, 'ls-tree', '--name-only', 'main', 'docs/')).trim().split('\n')).toEqual([1, 2, 3, 4].map((n) => `docs/note-${n}.md`));
    expect(Number((await git(repo, 'rev-list', '--count', 'main')).trim())).toBe(5);

    // Nothing left on either engine, nor in the exchange.
    const filter = { all: true, filters: { label: [`${LABEL_REPO}=${repo}`] } };
    expect(await docker.listContainers(filter)).toEqual([]);
    expect(await labEngine.engine.listContainers(filter)).toEqual([]);
    expect((await simpleGit().raw(['ls-remote', exchange])).trim()).toBe('');
  });
});
