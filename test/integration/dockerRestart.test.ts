import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canStartDockerd, exampleRepo, expectPromoted, git, integrationReady, ownDockerEngine, pollUntil, removeTempRepos, runGeneration, skipReason, startHarness, waitForLab, type Harness, type OwnEngine } from './harness';
import { labScript, MULTIPLY_EDIT, MULTIPLY_TEST } from './scripts';
import { LABEL_ROLE, LABEL_RUN } from '../../lab/containerLabels';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

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

  it('survives the engine restarting during the baseline: the run is tried again, not called red', async () => {
    const repo = await exampleRepo();
    writeFileSync(join(repo, 'test/machine.test.js'), "import { test } from 'node:test';\nimport { execSync } from 'node:child_process';\n\ntest('the machine', () => {\n  execSync('sleep 4');\n});\n");
    await git(repo, 'add', '-A');
    await git(repo, 'commit', '-qm', 'a test that takes a while');
    const { record } = await runGeneration(h, repo, labScript([MULTIPLY_EDIT, MULTIPLY_TEST]), {}, async (workflowId) => {
      await pollUntil('the baseline running its tests', async () => {
        const [info] = await engine.listContainers({ filters: { label: [`${LABEL_RUN}=${workflowId}`, `${LABEL_ROLE}=baseline`], status: ['running'] } });
        const top = info ? await engine.getContainer(info.Id).top().catch(() => undefined) : undefined;
        return top?.Processes?.some((p: string[]) => p.join(' ').includes('sleep 4'));
      }, 120_000);
      await stop();
      await start();
    });
    await expectPromoted(repo, record);
    expect(record.baselineTests).toMatchObject({ passed: 3, failed: 0 });
  });
});
