import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { WorkerOptions } from '@temporalio/worker';
import { describe, expect, it, vi } from 'vitest';
import { LAB_ACTIVITIES } from '../../../generation/activityRoutes';
import { createActivities, type LoomDeps } from '../../../activities';
import { generationActivities } from '../../../workflows/activities';
import { createLoomWorker } from '../../../worker/worker';
// Every workflow module, so the proxies they make as they load are recorded too.
import '../../../workflows';

// generation/activityRoutes.ts is the one list of what runs on a Lab worker. The workflows'
// proxies and the workers' registrations are recorded here instead of run: which queue each
// activity call is sent to, and which activities each worker would take from its queue. A
// call sent to a queue where no worker registers it waits forever; the two must agree.
const proxies = vi.hoisted(() => [] as Array<{ local: boolean; taskQueue?: string; called: string[] }>);
const workers = vi.hoisted(() => [] as Array<{ taskQueue: string; activities: string[]; runsWorkflows: boolean }>);

vi.mock('@temporalio/workflow', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@temporalio/workflow')>();
  const recorder = (local: boolean) => (options: { taskQueue?: string }) => {
    const proxy = { local, taskQueue: options.taskQueue, called: [] as string[] };
    proxies.push(proxy);
    return new Proxy({}, { get: (_, name) => (typeof name === 'string' ? (proxy.called.push(name), { executeWithOptions: () => undefined }) : undefined) });
  };
  return { ...actual, proxyActivities: recorder(false), proxyLocalActivities: recorder(true) };
});

vi.mock('@temporalio/worker', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@temporalio/worker')>();
  const create = async (o: WorkerOptions) => {
    const activities = Object.entries(o.activities ?? {}).filter(([, fn]) => typeof fn === 'function').map(([name]) => name);
    workers.push({ taskQueue: o.taskQueue, activities, runsWorkflows: !!(o.workflowsPath || o.workflowBundle) });
    return {};
  };
  return { ...actual, Worker: { ...actual.Worker, create } };
});

describe('activity routes', () => {
  it('sends every activity a workflow calls to a queue whose worker registers it, and to the Lab queue exactly the Lab activities', async () => {
    // Proxies made as the workflow code loads (the loop's, for reflect): called later, by name.
    const atLoad = proxies.splice(0);
    const PRIME = 'loom';
    const LAB = 'labs';
    await createLoomWorker({ connection: {} as never, namespace: 'default', taskQueue: PRIME, deps: {} as LoomDeps });
    await createLoomWorker({ connection: {} as never, namespace: 'default', taskQueue: LAB, deps: {} as LoomDeps, role: 'lab' });
    const registeredOn = (queue: string) => workers.filter((w) => w.taskQueue === queue).flatMap((w) => w.activities).sort();
    // Local activities run on the worker that runs the workflow.
    const workflowQueue = workers.find((w) => w.runsWorkflows)!.taskQueue;

    for (const labTaskQueue of [undefined, LAB]) generationActivities({ heartbeatTimeout: '1m', labTaskQueue });
    const sent = proxies.flatMap((p) => p.called.map((activity) => ({ activity, queue: p.local ? workflowQueue : (p.taskQueue ?? workflowQueue) })));
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.filter((s) => !registeredOn(s.queue).includes(s.activity)).map((s) => `${s.activity} is sent to ${s.queue}, where no worker registers it`)).toEqual([]);
    // The Lab queue: what activityRoutes.ts lists, no more and no less, both as sent and as registered.
    expect([...new Set(sent.filter((s) => s.queue === LAB).map((s) => s.activity))].sort()).toEqual([...LAB_ACTIVITIES].sort());
    expect(registeredOn(LAB)).toEqual([...LAB_ACTIVITIES].sort());
    // The proxies made at load name no queue, so their calls go to the workflow's own, whose worker registers every activity.
    expect(atLoad.filter((p) => p.taskQueue !== undefined)).toEqual([]);
    expect(registeredOn(workflowQueue)).toEqual(Object.keys(createActivities({} as LoomDeps)).sort());
  });
});

describe('what Lab workers run, as the docs say it', () => {
  it('README and docs/cluster.md name every activity of the one list', () => {
    const read = (rel: string) => readFileSync(fileURLToPath(new URL(`../../../${rel}`, import.meta.url)), 'utf8');
    for (const doc of ['README.md', 'docs/cluster.md']) {
      const text = read(doc).replace(/\s+/g, ' ');
      const listed = /\(`?setupImage`?(?:, `?\w+`?)*:/.exec(text);
      expect(listed?.[0].replace(/`/g, ''), doc).toBe(`(${LAB_ACTIVITIES.join(', ')}:`);
    }
  });
});
