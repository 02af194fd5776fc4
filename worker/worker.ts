import Anthropic from '@anthropic-ai/sdk';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import Docker from 'dockerode';
import { fileURLToPath } from 'node:url';
import { createActivities, type LoomDeps } from '../activities';
import type { Role } from '../generation/recordTypes';
import type { RoleModel } from '../config/workSettings';
import { PermanentError } from '../generation/errors';
import { LAB_ACTIVITIES } from '../generation/activityRoutes';
import { apiKeyFor, endpointMismatch } from '../model/modelSettings';
import { labImageTag } from '../provision/state';
import { loadConfig } from '../config/loomConfig';
import { connectClient, temporalConfigFromEnv, temporalConfigOf, workflowIsRunning, type TemporalConfig } from '../config/temporalConfig';
import { reapOrphans } from '../lab/reaper';
import { ensureSearchAttributes } from './registerSearchAttributes';
import { cachedWorkflowBundle } from './workflowBundle';

export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

type Env = Record<string, string | undefined>;

export const LOOM_SDK_MAX_RETRIES = 4;
/** A model request that has not answered in 5 minutes is abandoned and retried. */
const MODEL_TIMEOUT_MS = 5 * 60_000;

/** Dependencies from the environment: the default Docker engine, the provisioned image, keys per role. */
export function depsFromEnv(env: Env): LoomDeps {
  const config = loadConfig({ env });
  return {
    docker: new Docker(),
    labImage: labImageTag(),
    anthropicFor(role: Role, model: RoleModel) {
      const mismatch = endpointMismatch(role, model.baseURL, config);
      if (mismatch) throw new PermanentError(mismatch);
      const apiKey = apiKeyFor(role, env);
      if (!apiKey) {
        throw new Error(`no API key for the ${role === 'lab' ? 'Lab' : 'Prime'} model: set ANTHROPIC_API_KEY${role === 'lab' ? ' or LOOM_LAB_API_KEY' : ''} in the worker's environment`);
      }
      // The SDK retries 408/409/429/5xx (529 overloaded included) with backoff; past
      // that, the activity's own retry policy takes over.
      return new Anthropic({ apiKey, baseURL: model.baseURL, maxRetries: LOOM_SDK_MAX_RETRIES, timeout: MODEL_TIMEOUT_MS });
    },
    testTimeoutSec: config.testTimeoutSec.value,
    crashWindow: crashWindowFrom(env.LOOM_CRASH_WINDOW),
    mirrorsDir: env.LOOM_MIRRORS_DIR || undefined,
    scope: scopeOf(temporalConfigOf(config)),
  };
}

/** Which Temporal a container belongs to: its server address and namespace. */
export function scopeOf(config: Pick<TemporalConfig, 'address' | 'namespace'>): string {
  return `${config.address}/${config.namespace}`;
}

/** all: workflows and every activity; lab: only the container work, for Lab machines. */
export type WorkerRole = 'all' | 'lab';

/** LOOM_ACTIVITY_SLOTS: how many activities (Labs, test runs) a worker runs at once. */
export function activitySlotsFrom(env: Env): number | undefined {
  const v = env.LOOM_ACTIVITY_SLOTS;
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`LOOM_ACTIVITY_SLOTS must be a whole number of at least 1 (activities this worker runs at once; about one per core on a Lab host), got "${v}"`);
  return n;
}

export function workerRoleFrom(env: Env): { role: WorkerRole; taskQueue?: string } {
  const role = env.LOOM_WORKER_ROLE || 'all';
  if (role === 'all') return { role };
  if (role !== 'lab') throw new Error(`LOOM_WORKER_ROLE must be "all" (the default) or "lab", got "${role}"`);
  if (!env.LOOM_LAB_TASK_QUEUE) throw new Error('a Lab worker (LOOM_WORKER_ROLE=lab) needs LOOM_LAB_TASK_QUEUE: the queue its generations send Lab work to');
  return { role, taskQueue: env.LOOM_LAB_TASK_QUEUE };
}


function crashWindowFrom(value: string | undefined): LoomDeps['crashWindow'] {
  if (!value) return undefined;
  const [activity, ms] = value.split(':');
  if (!activity || !(Number(ms) > 0)) throw new Error(`LOOM_CRASH_WINDOW must be activity:milliseconds (a crash-test setting), got "${value}"`);
  return { activity, ms: Number(ms) };
}

export async function connectWorker(config: TemporalConfig): Promise<NativeConnection> {
  return NativeConnection.connect({ address: config.address, tls: config.tls, apiKey: config.apiKey });
}

/** Wires the workflows and the activities onto a task queue; nothing more. */
export async function createLoomWorker(opts: {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: LoomDeps;
  workflowBundle?: WorkerOptions['workflowBundle'];
  role?: WorkerRole;
  /** Activities this worker runs at once (each Lab holds one); the SDK's 100 by default. */
  activitySlots?: number;
}): Promise<Worker> {
  const activities = createActivities(opts.deps);
  const slots = opts.activitySlots ? { maxConcurrentActivityTaskExecutions: opts.activitySlots } : {};
  if (opts.role === 'lab') {
    // No workflows and none of Prime's activities: this machine only runs containers.
    return Worker.create({
      connection: opts.connection,
      namespace: opts.namespace,
      taskQueue: opts.taskQueue,
      ...slots,
      activities: Object.fromEntries(LAB_ACTIVITIES.map((name) => [name, activities[name]])),
    });
  }
  return Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    ...(opts.workflowBundle ? { workflowBundle: opts.workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
    ...slots,
    activities,
  });
}

export async function runWorker(env: Env): Promise<void> {
  const config = temporalConfigFromEnv(env);
  const { role, taskQueue = config.taskQueue } = workerRoleFrom(env);
  const activitySlots = activitySlotsFrom(env);
  const connection = await connectWorker(config);
  const deps = depsFromEnv(env);
  // What a crashed worker left behind, no running generation owns: clear it first.
  const client = await connectClient(config);
  // Workflows upsert the attributes; a Lab worker runs none.
  const added = role === 'all' ? await ensureSearchAttributes(client, config.namespace) : [];
  if (added.length) console.log(`loom worker: registered search attributes ${added.join(', ')} on namespace ${config.namespace}`);
  const reaped = await reapOrphans(deps.docker, (id) => workflowIsRunning(client, id), undefined, undefined, deps.scope);
  await client.connection.close();
  if (reaped.removed.length) console.log(`loom worker: removed ${reaped.removed.length} orphaned container(s): ${reaped.removed.join(', ')}`);
  // Bundled once per version of the workflow code, not at every start.
  const bundle = role === 'all' ? await cachedWorkflowBundle(WORKFLOWS_PATH) : undefined;
  const worker = await createLoomWorker({ connection, namespace: config.namespace, taskQueue, deps, role, activitySlots, workflowBundle: bundle && { codePath: bundle.codePath } });
  console.log(`loom worker${role === 'lab' ? ` (Lab only: ${LAB_ACTIVITIES.join(', ')})` : ''}: task queue ${taskQueue} on ${config.address} (namespace ${config.namespace})`);
  await worker.run();
  await connection.close();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  runWorker(process.env).catch((err) => {
    console.error(`loom worker: ${(err as Error).message}`);
    process.exit(1);
  });
}
