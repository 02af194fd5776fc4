import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containerName, labels } from '../../lab/containerLabels';
import { workflowIsRunning } from '../../config/temporalConfig';
import { reapOrphans } from '../../lab/reaper';
import { scopeOf } from '../../worker/worker';
import { createSealedContainer, removeContainer } from '../../lab/labContainer';
import { docker, exampleRepo, git, ready, removeTempRepos, runLoom } from './harness';
import { describeIntegration } from './suite';

const exists = async (name: string) => (await docker.listContainers({ all: true, filters: { name: [`^/${name}$`] } })).length === 1;

// What a crashed worker leaves behind is found by its labels and removed only when no
// running workflow owns it.
describeIntegration('the reaper', () => {
  let client: Client;
  beforeAll(async () => {
    client = new Client({ connection: await Connection.connect({ address: ready().temporalAddress }) });
  });
  afterAll(async () => {
    await client?.connection.close();
    removeTempRepos();
  });

  it('removes orphaned containers and temporary refs, and keeps those of running workflows', async () => {
    const repo = await exampleRepo();
    const orphanRun = `loom-orphan-${process.pid}`;
    // A workflow that stays running: nothing polls its task queue.
    const owner = await client.workflow.start('loopWorkflow', { taskQueue: `nobody-${process.pid}`, workflowId: `loom-owner-${process.pid}`, args: [{}] });
    const image = ready().labImage;
    const orphan = containerName(orphanRun, 'lab');
    const owned = containerName(owner.workflowId, 'lab');
    await createSealedContainer(docker, { image, name: orphan, labels: labels(orphanRun, 1, 'lab', repo) });
    await createSealedContainer(docker, { image, name: owned, labels: labels(owner.workflowId, 1, 'lab', repo) });
    // Another Temporal's container on the same engine: not ours to judge, however old.
    const foreign = containerName(`loom-foreign-${process.pid}`, 'lab');
    await createSealedContainer(docker, { image, name: foreign, labels: labels(`loom-foreign-${process.pid}`, 1, 'lab', repo, '10.0.0.9:7233/default') });
    // A temporary bundle ref the crashed attempt never deleted.
    await git(repo, 'update-ref', `refs/loom/tmp/${orphanRun}-base`, 'main');

    // Through the loom command, as a person would run it.
    const { out } = await runLoom(['reap', '--grace-seconds', '0'], { PATH: process.env.PATH, HOME: process.env.HOME, TEMPORAL_ADDRESS: ready().temporalAddress });
    expect(out).toMatch(new RegExp(`removed \\d+ orphaned container\\(s\\): .*${orphan}`));
    expect(await exists(orphan)).toBe(false);
    expect(await exists(owned)).toBe(true);
    expect(await exists(foreign)).toBe(true);
    await removeContainer(docker, foreign);
    expect(await git(repo, 'for-each-ref', 'refs/loom/tmp/')).toBe('');

    // Young containers are spared by the grace period, whoever owns them.
    expect((await reapOrphans(docker, async () => false, 60_000)).kept).toContain(owned);

    await owner.terminate('test over');
    expect(await workflowIsRunning(client, owner.workflowId)).toBe(false);
    // Scoped to this server, as a worker reaps: containers of suites on other servers are not its to judge.
    const r = await reapOrphans(docker, (id) => workflowIsRunning(client, id), 0, Date.now(), scopeOf({ address: ready().temporalAddress, namespace: 'default' }));
    expect(r.removed).toContain(owned);
    expect(await exists(owned)).toBe(false);
  });
});
