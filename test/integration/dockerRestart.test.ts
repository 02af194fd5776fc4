import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canStartDockerd, exampleRepo, expectPromoted, git, integrationReady, ownDockerEngine, removeTempRepos, runGeneration, skipReason, startHarness, waitForLab, type Harness, type OwnEngine } from './harness';
import { labScript, MULTIPLY_EDIT, MULTIPLY_TEST } from './scripts';
import { LABEL_RUN } from '../../lab/containerLabels';

// A Docker engine of the test's own (its own socket and data), so restarting it in the
// middle of a generation disturbs nothing else.
const skip = !integrationReady ? skipReason : !canStartDockerd ? 'starting a second dockerd needs root' : '';

describe.skipIf(Boolean(skip))(`a Docker engine restart during a generation${skip ? ` (SKIPPED: ${skip})` : ''}`, () => {
  let own: OwnEngine;
  let engine: Docker;
  let h: Harness;
  const start = () => own.start();
  const stop = () => own.stop();

  beforeAll(async () => {
    own = await ownDockerEngine();
    engine = own.engine;
    h = await startHarness('dockerd', { docker: engine });
  });
  afterAll(async () => {
    await h?.close();
    await own?.remove();
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
    await expectPromoted(repo, record);
    expect(await git(repo, 'show', 'main:src/calc.js')).toContain('multiply');
    expect(await engine.listContainers({ all: true, filters: { label: [LABEL_RUN] } })).toEqual([]);
  });
});
