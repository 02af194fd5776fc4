import { expect, it } from 'vitest';
import { startGeneration } from '../../client/generations';
import { startScriptedModelServer } from '../../model/scriptedModelServer';
import { calcWith, docker, expectPromoted, git, headSha, leftoverContainers, pollUntil, scriptedModels, workerProcess } from './harness';
import { APPROVE, labScript, MULTIPLY_EDIT } from './scripts';
import { describeWorkerCrashes } from './suite';
import { LABEL_ROLE, LABEL_RUN } from '../../lab/containerLabels';

// The held-out run and the mutation stage, each with its worker SIGKILLed while its
// container is running: one outcome, one promotion, nothing left behind.
const SLOW_BASE_TEST = "import { test } from 'node:test';\n\ntest('takes its time', async () => {\n  await new Promise((r) => setTimeout(r, 3000));\n});\n";
const SLOW_MULTIPLY_TEST = {
  tool: 'write',
  input: {
    path: 'test/multiply.test.js',
    content: "import { test } from 'node:test';\nimport assert from 'node:assert/strict';\nimport { multiply } from '../src/calc.js';\n\ntest('multiply', async () => {\n  await new Promise((r) => setTimeout(r, 1500));\n  assert.equal(multiply(3, 4), 12);\n});\n",
  },
};

/** Whether a shell probe succeeds in a running container (false when it is gone). */
async function execInContainer(id: string, probe: string): Promise<boolean> {
  try {
    const exec = await docker.getContainer(id).exec({ Cmd: ['sh', '-c', probe], AttachStdout: false, AttachStderr: false });
    await exec.start({ Detach: true });
    for (let i = 0; i < 50; i++) {
      const info = await exec.inspect();
      if (!info.Running) return info.ExitCode === 0;
      await new Promise((r) => setTimeout(r, 20));
    }
    return false;
  } catch {
    return false;
  }
}

describeWorkerCrashes('verification stages survive a worker crash', (run) => {

  // The held-out run and the mutation stage each have a container of their own; the mutants
  // are running once Loom has put them in place (/loom/mutants).
  const PHASES = { 'the held-out run': { role: 'heldout', probe: 'true' }, 'the mutants': { role: 'mutation', probe: 'test -d /loom/mutants' } };
  it.each(Object.keys(PHASES))('worker killed during %s: one outcome, one promotion, nothing left', async (phase) => {
    const { role, probe } = PHASES[phase as keyof typeof PHASES];
    const repo = await calcWith({ 'test/slow.test.js': SLOW_BASE_TEST });
    const base = await headSha(repo);
    const reflog = async () => (await git(repo, 'reflog', 'show', '--format=%H', 'refs/heads/main')).trim().split('\n').length;
    const movesBefore = await reflog();
    // A retried stage may reach the reviewer's turn again.
    const model = await startScriptedModelServer(labScript([MULTIPLY_EDIT, SLOW_MULTIPLY_TEST], [APPROVE, APPROVE]));
    const queue = `verify-crash-${role}-${process.pid}`;
    const doomed = workerProcess(queue);
    run.workers.push(doomed);
    const handle = await startGeneration(run.client, queue, {
      repoPath: repo,
      baseRef: 'main',
      generation: 1,
      program: '# Add multiply\n\n## Task\nAdd multiply(a, b) to src/calc.js with a test.\n\n## Acceptance criteria\n- tested\n',
      settings: { models: scriptedModels(model), testCommand: 'npm test', heartbeatTimeout: '4s' },
    });
    const inPhase = async () => {
      const [running] = await docker.listContainers({ filters: { label: [`${LABEL_ROLE}=${role}`, `${LABEL_RUN}=${handle.workflowId}`] } });
      return running && (await execInContainer(running.Id, probe)) ? running : undefined;
    };
    const container = await pollUntil(`the ${role} container in its phase`, inPhase, 120_000);
    await new Promise((r) => setTimeout(r, 800)); // inside its run, not at its start
    await doomed.crash();
    expect(container.Names[0]).toMatch(new RegExp(`-${role}$`));
    run.workers.push(workerProcess(queue));

    const record = await handle.result();
    await model.close();
    await expectPromoted(repo, record);
    expect((await git(repo, 'rev-list', '--count', `${base}..main`)).trim()).toBe('1');
    expect(await reflog()).toBe(movesBefore + 1); // the branch moved exactly once
    expect(record.verification!.heldOut).toMatchObject({ stillPassing: 3, basePassed: 3 });
    expect(record.verification!.mutation!.control).toBe('passed');
    expect(await git(repo, 'for-each-ref', 'refs/loom/tmp/')).toBe('');
    expect(await leftoverContainers(handle.workflowId)).toBe(0);
  });
});

describeWorkerCrashes('the setup step survives a worker crash', (run) => {
  it('worker killed while the setup command runs: retried in a fresh container, one snapshot, one promotion, nothing left', async () => {
    const repo = await calcWith({ '.gitignore': 'node_modules/\n' });
    const model = await startScriptedModelServer(labScript([MULTIPLY_EDIT, SLOW_MULTIPLY_TEST], [APPROVE, APPROVE]));
    const queue = `setup-crash-${process.pid}`;
    const doomed = workerProcess(queue);
    run.workers.push(doomed);
    // Slow enough to be killed inside; what it installs is a module the tests do not need.
    const setup = 'sleep 3 && mkdir -p node_modules/installed && echo "module.exports = 1;" > node_modules/installed/index.js';
    const handle = await startGeneration(run.client, queue, {
      repoPath: repo,
      baseRef: 'main',
      generation: 1,
      program: '# Add multiply\n\n## Task\nAdd multiply(a, b) to src/calc.js with a test.\n\n## Acceptance criteria\n- tested\n',
      settings: { models: scriptedModels(model), testCommand: 'npm test', setup, heartbeatTimeout: '4s' },
    });
    await pollUntil('the setup container', async () => (await docker.listContainers({ filters: { label: [`${LABEL_ROLE}=setup`, `${LABEL_RUN}=${handle.workflowId}`] } }))[0], 120_000);
    await new Promise((r) => setTimeout(r, 1000)); // inside the setup command
    await doomed.crash();
    run.workers.push(workerProcess(queue));

    const record = await handle.result();
    await model.close();
    await expectPromoted(repo, record);
    expect(record.setup).toMatchObject({ reused: false, paths: ['node_modules/'] });
    expect(await leftoverContainers(handle.workflowId)).toBe(0);
    await docker.getImage(record.setup!.image).remove({ force: true });
  });
});
