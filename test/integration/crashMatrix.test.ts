import { expect, it } from 'vitest';
import { startGeneration } from '../../client/generations';
import { startScriptedModelServer } from '../../model/scriptedModelServer';
import { APPROVE, addMultiply } from './scripts';
import { exampleRepo, expectPromoted, git, headSha, leftoverContainers, scriptedModels, workerProcess } from './harness';
import { describeWorkerCrashes } from './suite';

const STEPS = ['spawnLab', 'fetchBranch', 'runTests', 'llmReview', 'promote'] as const;

// The worst moment to die: an activity has done its work (the Lab committed, the branch
// was fetched, the tests ran, the reviewer answered, the branch moved) and the worker is
// SIGKILLed before reporting it. A new worker must finish with exactly one outcome.
describeWorkerCrashes('worker killed in each activity', (run) => {

  it.each(STEPS)('%s: the generation finishes once, the branch moves once, nothing is left', async (step) => {
    const repo = await exampleRepo();
    const base = await headSha(repo);
    const script = addMultiply();
    // A retried step may ask its model again: a resumed Lab its last turn, a reviewer its verdict.
    script.lab!.push({ text: 'Done, again.' });
    script.prime!.push(APPROVE);
    const model = await startScriptedModelServer(script);
    const queue = `crash-${step}-${process.pid}`;
    const doomed = workerProcess(queue, { LOOM_CRASH_WINDOW: `${step}:30000` });
    run.workers.push(doomed);
    const handle = await startGeneration(run.client, queue, {
      repoPath: repo,
      baseRef: 'main',
      generation: 1,
      program: '# Add multiply\n\n## Task\nAdd multiply(a, b) to src/calc.js.\n\n## Acceptance criteria\n- tested\n',
      settings: { models: scriptedModels(model), testCommand: 'npm test', heartbeatTimeout: '4s' },
    });
    await doomed.waitFor(`crash window open: ${step}`);
    // Heartbeats are throttled to 80% of the 4 s timeout: give the last one time to reach
    // the server, as it would in a real run where the crash comes later.
    await new Promise((r) => setTimeout(r, 4000));
    await doomed.crash();
    run.workers.push(workerProcess(queue));

    const record = await handle.result();
    await model.close();
    await expectPromoted(repo, record);
    expect((await git(repo, 'rev-list', '--count', `${base}..main`)).trim()).toBe('1');
    // The branch moved exactly once: its reflog holds the first commit and one promotion.
    expect((await git(repo, 'reflog', 'show', '--format=%H', 'refs/heads/main')).trim().split('\n')).toHaveLength(2);
    expect(await git(repo, 'for-each-ref', 'refs/loom/tmp/')).toBe('');
    expect(await leftoverContainers(handle.workflowId)).toBe(0);
    // A committed Lab is not asked again: its result was in the last heartbeat.
    if (step === 'spawnLab') expect(model.remaining('lab')).toBe(1);
    // A reviewer whose answer was lost is asked again: one extra review is the price.
    if (step === 'llmReview') expect(model.remaining('prime')).toBe(0);
  });
});
