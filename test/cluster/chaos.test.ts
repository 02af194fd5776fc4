import type { Client } from '@temporalio/client';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleGit } from 'simple-git';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLoop } from '../../client/loops';
import { LAB_ACTIVITIES } from '../../generation/activityRoutes';
import { LABEL_GENERATION, LABEL_REPO } from '../../lab/containerLabels';
import { readLedger } from '../../ledger/generationLedger';
import { startScriptedModelServer } from '../../model/scriptedModelServer';
import type { LoopResult } from '../../workflows/loop';
import { canStartDockerd, exampleRepo, git, ownDockerEngine, pollUntil, removeTempRepos, scriptedModels, workerProcess, type OwnEngine, type WorkerProcess } from '../integration/harness';
import { APPROVE, program, write } from '../integration/scripts';
import { describeIntegration } from '../integration/suite';
import { prng } from '../../bench/prng';
import { cluster, clusterClient, killServer, report, serverAnswers } from './clusterHelpers';

// Everything people combine, on the production-shaped server, with faults thrown in while
// generations run: a loop run twice on one repository, Labs on another machine (a Lab
// worker on its own Docker engine, commits through the exchange), a setup step, best-of-2,
// continue-as-new, and, once per generation at a random moment, one of: the Prime worker
// or the Lab worker SIGKILLed, the Temporal server SIGKILLed, the Prime's Docker engine
// restarted, PostgreSQL restarted. Nothing may be lost, repeated or called a verdict.
//
// The suite runs a short one; the outside chaos run is the same file with more generations:
//   LOOM_CHAOS_GENERATIONS=50 npx vitest run --config vitest.cluster.config.ts test/cluster/chaos.test.ts
// LOOM_CHAOS_SEED replays a run's choice of faults and moments (the seed is printed).
const GENERATIONS = Number(process.env.LOOM_CHAOS_GENERATIONS || 8);
const SEED = Number(process.env.LOOM_CHAOS_SEED || Date.now() % 1e9);
const FAULTS = ['prime worker SIGKILL', 'Temporal server SIGKILL', 'Lab worker SIGKILL', 'Docker engine restart', 'PostgreSQL restart'] as const;
type Fault = (typeof FAULTS)[number];


/**
 * The model, answering from the request rather than from a sequence: a Lab tried again after
 * its worker died asks again from the start, as it would ask a real model. Prime writes a
 * program and approves; each Lab writes one new note and is done.
 */
function chaosModel() {
  let notes = 0;
  return (channel: string, request: Record<string, any>) => {
    const tools: string[] = (request.tools ?? []).map((t: { name: string }) => t.name);
    if (tools.includes('submit_program')) return program('Write a note', 'Add one new Markdown note under docs/chaos/ saying what this generation is.', 'feature');
    if (tools.includes('submit_verdict')) return APPROVE;
    const last = request.messages.at(-1)?.content;
    if (Array.isArray(last) && last.some((b: { type: string }) => b.type === 'tool_result')) return { text: 'Done.' };
    notes += 1;
    return write(`docs/chaos/${channel}-${notes}.md`, `# Note ${notes}\n\nWritten by ${channel}.\n`);
  };
}

const skip = !canStartDockerd ? 'two more Docker engines need root' : '';
(skip ? describe.skip : describeIntegration)(`chaos: ${GENERATIONS} generations with a fault in each${skip ? ` (SKIPPED: ${skip})` : ''}`, () => {
  const primeQueue = `chaos-prime-${process.pid}`;
  const labQueue = `chaos-lab-${process.pid}`;
  const dir = mkdtempSync(join(tmpdir(), 'loom-chaos-'));
  const exchange = join(dir, 'exchange.git');
  let client: Client;
  let primeEngine: OwnEngine;
  let labEngine: OwnEngine;
  const workers: WorkerProcess[] = [];
  const live = (w: WorkerProcess) => w.proc.exitCode === null && w.proc.signalCode === null;
  const startPrime = async () => {
    const w = workerProcess(primeQueue, { DOCKER_HOST: `unix://${primeEngine.socket}` });
    workers.push(w);
    await w.waitFor(`task queue ${primeQueue}`);
  };
  const startLab = async () => {
    const w = workerProcess('unused', { LOOM_WORKER_ROLE: 'lab', LOOM_LAB_TASK_QUEUE: labQueue, LOOM_MIRRORS_DIR: join(dir, 'mirrors'), DOCKER_HOST: `unix://${labEngine.socket}` });
    workers.push(w);
    await w.waitFor(`(Lab only: ${LAB_ACTIVITIES.join(', ')}): task queue ${labQueue}`);
  };

  beforeAll(async () => {
    await simpleGit().raw(['init', '--quiet', '--bare', exchange]);
    [primeEngine, labEngine] = await Promise.all([ownDockerEngine(), ownDockerEngine()]);
    await startPrime();
    await startLab();
    client = await clusterClient();
  });
  afterAll(async () => {
    for (const w of workers) await w.crash();
    await client?.connection.close();
    await primeEngine?.remove();
    await labEngine?.remove();
    removeTempRepos();
    rmSync(dir, { recursive: true, force: true });
  });

  // Seeded, so a failing run's faults can be played again.
  const next = prng(SEED);
  const order: Fault[] = [];
  /** Every kind of fault once in a random order, then again: even a short run meets each. */
  const pickFault = (): Fault => {
    if (!order.length) order.push(...[...FAULTS].sort(() => next() - 0.5));
    return order.shift()!;
  };
  const thrown: Array<{ generation: number; fault: Fault; afterMs: number; recoveredMs: number }> = [];

  async function throwFault(fault: Fault): Promise<void> {
    if (fault === 'prime worker SIGKILL' || fault === 'Lab worker SIGKILL') {
      const lab = fault === 'Lab worker SIGKILL';
      const w = workers.find((x) => live(x) && x.output().includes(`task queue ${lab ? labQueue : primeQueue}`));
      await w?.crash();
      await (lab ? startLab() : startPrime());
    } else if (fault === 'Temporal server SIGKILL') {
      killServer();
      cluster('start');
      await serverAnswers(client);
    } else if (fault === 'Docker engine restart') {
      await primeEngine.stop();
      await primeEngine.start();
    } else {
      cluster('restart-postgres');
      await serverAnswers(client);
    }
  }

  /** Generation `n` has a container on either machine (its Labs, setup, baseline or verification). */
  const generationAtWork = async (repo: string, n: number) => {
    const filter = { filters: { label: [`${LABEL_REPO}=${repo}`, `${LABEL_GENERATION}=${n}`] } };
    const found = await Promise.all([primeEngine, labEngine].map((e) => e.engine.listContainers(filter).catch(() => [])));
    return found.flat().length > 0;
  };

  /** Throws one fault into each generation from `first` to `last`, at a random moment of its work. */
  async function faults(repo: string, first: number, last: number, done: () => boolean): Promise<void> {
    for (let n = first; n <= last && !done(); n++) {
      // Wait for the generation's first container; a generation that ends unseen is passed by.
      const seen = await pollUntil(`generation ${n} at work`, async () => (done() ? 'done' : (await generationAtWork(repo, n)) ? 'seen' : (await generationAtWork(repo, n + 1)) ? 'passed' : undefined), 600_000, 200);
      if (seen !== 'seen') continue;
      const afterMs = Math.round(next() * 6000);
      await new Promise((r) => setTimeout(r, afterMs));
      if (done()) return;
      const fault = pickFault();
      const at = Date.now();
      console.log(`[chaos] generation ${n}: ${fault} after ${afterMs} ms`);
      await throwFault(fault);
      thrown.push({ generation: n, fault, afterMs, recoveredMs: Date.now() - at });
    }
  }

  async function runLoop(repo: string, first: number, count: number): Promise<LoopResult> {
    const model = await startScriptedModelServer({}, { respond: chaosModel() });
    try {
      const models = scriptedModels(model);
      const handle = await startLoop(client, primeQueue, {
        repoPath: repo,
        baseRef: 'main',
        budgets: { maxGenerations: count, maxConsecutiveFailures: 3 },
        failureBackoffMs: 200,
        continueAsNewEvery: 2,
        settings: {
          models,
          labModels: ['lab1', 'lab2'].map((c) => ({ model: models.lab.model, baseURL: model.baseUrl(c) })),
          testCommand: 'npm test',
          labTaskQueue: labQueue,
          exchange,
          setup: 'mkdir -p .deps && echo ready > .deps/ok',
          heartbeatTimeout: '6s',
          verification: { maxMutants: 0 },
        },
      });
      let done = false;
      const result = handle.result().finally(() => (done = true)) as Promise<LoopResult>;
      await faults(repo, first, first + count - 1, () => done);
      return await result;
    } finally {
      await model.close();
    }
  }

  it('numbers, records and promotes every generation once and leaves nothing behind', async () => {
    console.log(`[chaos] ${GENERATIONS} generations, seed ${SEED}`);
    const started = Date.now();
    const repo = await exampleRepo();
    const half = Math.ceil(GENERATIONS / 2);
    const runs = [await runLoop(repo, 1, half), await runLoop(repo, half + 1, GENERATIONS - half)];
    const minutes = (Date.now() - started) / 60_000;

    // No fault became a verdict or a lost generation: each run promoted all it ran.
    expect(runs.map((r) => [r.state.totals.generations, r.state.totals.promoted])).toEqual([[half, half], [GENERATIONS - half, GENERATIONS - half]]);

    // Every generation once, under its own number, with both Labs' branches kept.
    const ledger = await readLedger(repo);
    expect(ledger.map((e) => e.record.generation)).toEqual(Array.from({ length: GENERATIONS }, (_, i) => i + 1));
    expect(new Set(ledger.map((e) => e.workflowId)).size).toBe(GENERATIONS);
    expect(ledger.every((e) => e.record.outcome.kind === 'promoted')).toBe(true);
    const branches = (await git(repo, 'branch', '--list', 'lab/*', '--format=%(refname:short)')).trim().split('\n').sort();
    expect(branches).toEqual(Array.from({ length: GENERATIONS }, (_, i) => [`lab/gen-${i + 1}-c1`, `lab/gen-${i + 1}-c2`]).flat().sort());
    // Main moved once per generation, by one note each.
    expect(Number((await git(repo, 'rev-list', '--count', 'main')).trim())).toBe(GENERATIONS + 1);
    expect((await git(repo, 'ls-tree', '--name-only', 'main', 'docs/chaos/')).trim().split('\n')).toHaveLength(GENERATIONS);

    // Nothing left on either engine, in the exchange or under refs/loom.
    const filter = { all: true, filters: { label: [`${LABEL_REPO}=${repo}`] } };
    expect(await primeEngine.engine.listContainers(filter)).toEqual([]);
    expect(await labEngine.engine.listContainers(filter)).toEqual([]);
    expect((await simpleGit().raw(['ls-remote', exchange])).trim()).toBe('');
    expect((await git(repo, 'for-each-ref', 'refs/loom/')).trim()).toBe('');

    // What the faults cost: activities that had to run again, per generation.
    const again = await Promise.all(
      ledger.map(async (e) => {
        const events = (await client.workflow.getHandle(e.workflowId).fetchHistory()).events ?? [];
        return events.filter((ev) => (ev.activityTaskStartedEventAttributes?.attempt ?? 1) > 1).length;
      }),
    );
    const byKind = Object.fromEntries(FAULTS.map((f) => [f, thrown.filter((t) => t.fault === f).length]));
    report('chaos', {
      generations: GENERATIONS,
      seed: SEED,
      minutes: Math.round(minutes * 10) / 10,
      faults: thrown.length,
      byKind,
      recoveryMsMedian: thrown.map((t) => t.recoveredMs).sort((a, b) => a - b)[Math.floor(thrown.length / 2)] ?? 0,
      activitiesRunAgain: again.reduce((a, b) => a + b, 0),
      generationsWithARerun: again.filter((n) => n > 0).length,
      promoted: ledger.filter((e) => e.record.outcome.kind === 'promoted').length,
    });
    // The short run meets every kind of fault at least once.
    if (GENERATIONS >= FAULTS.length) for (const f of FAULTS) expect(byKind[f], `${f} was never thrown`).toBeGreaterThan(0);
  });
});
