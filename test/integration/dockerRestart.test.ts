import { execSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleRepo, git, integrationReady, ready, removeTempRepos, runGeneration, skipReason, startHarness, waitForLab, type Harness } from './harness';
import { labScript, MULTIPLY_EDIT, MULTIPLY_TEST } from './scripts';

// A Docker engine of the test's own (its own socket and data), so restarting it in the
// middle of a generation disturbs nothing else. Starting one needs root (CI is root).
const rootless = process.getuid?.() !== 0 && !process.env.CI;
const skip = !integrationReady ? skipReason : rootless ? 'starting a second dockerd needs root' : '';

describe.skipIf(Boolean(skip))(`a Docker engine restart during a generation${skip ? ` (SKIPPED: ${skip})` : ''}`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'loom-dockerd-'));
  const socket = join(dir, 'docker.sock');
  const engine = new Docker({ socketPath: socket });
  let daemon: ChildProcess | undefined;
  let h: Harness;

  const start = async () => {
    daemon = spawn('dockerd', ['--bridge=none', '--iptables=false', '--ip-masq=false', '--ip-forward=false', '-H', `unix://${socket}`, '--data-root', join(dir, 'data'), '--exec-root', join(dir, 'exec'), '--pidfile', join(dir, 'pid')], {
      stdio: 'ignore',
      detached: true,
    });
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        await engine.ping();
        return;
      } catch {
        if (Date.now() > deadline) throw new Error('the test dockerd did not answer within 60 s');
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  };
  const stop = async () => {
    if (!daemon || daemon.exitCode !== null) return;
    const exited = new Promise((r) => daemon!.once('exit', r));
    daemon.kill('SIGTERM');
    await exited;
  };

  beforeAll(async () => {
    await start();
    execSync(`docker save ${ready().labImage} | DOCKER_HOST=unix://${socket} docker load -q`, { stdio: 'ignore' });
    h = await startHarness('dockerd', { docker: engine });
  });
  afterAll(async () => {
    await h?.close();
    await stop();
    rmSync(dir, { recursive: true, force: true });
    removeTempRepos();
  });

  it('survives the engine restarting under the Lab: a fresh Lab is retried and the change promoted', async () => {
    const repo = await exampleRepo();
    // Attempt 1 is cut off during its sleep; its later tools fail against a dead Lab. Attempt 2 does the work.
    const script = labScript([{ tool: 'bash', input: { command: 'sleep 20; echo slept' } }, MULTIPLY_EDIT, MULTIPLY_TEST, { text: 'Done.' }, MULTIPLY_EDIT, MULTIPLY_TEST]);
    const { record } = await runGeneration(h, repo, script, {}, async (workflowId) => {
      await waitForLab(workflowId, 60_000, engine);
      await new Promise((r) => setTimeout(r, 1500));
      await stop();
      await start();
    });
    expect(record.outcome).toEqual({ kind: 'promoted', sha: record.labSha });
    expect(await git(repo, 'show', 'main:src/calc.js')).toContain('multiply');
    expect(await engine.listContainers({ all: true, filters: { label: ['loom.run'] } })).toEqual([]);
  });
});
