import Anthropic from '@anthropic-ai/sdk';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import Docker from 'dockerode';
import { fileURLToPath } from 'node:url';
import { createActivities, type LoomDeps } from '../activities';
import type { Role, RoleModel } from '../generation/record';
import { apiKeyFor } from '../model/modelSettings';
import { labImageTag } from '../provision/state';
import { temporalConfigFromEnv, type TemporalConfig } from '../client/temporalConfig';
import { connectClient, workflowIsRunning } from '../client/generations';
import { reapOrphans } from '../lab/reaper';
import { ensureSearchAttributes } from './registerSearchAttributes';

export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

type Env = Record<string, string | undefined>;

export const LOOM_SDK_MAX_RETRIES = 4;
/** A model request that has not answered in 5 minutes is abandoned and retried. */
const MODEL_TIMEOUT_MS = 5 * 60_000;

/** Dependencies from the environment: the default Docker engine, the provisioned image, keys per role. */
export function depsFromEnv(env: Env): LoomDeps {
  return {
    docker: new Docker(),
    labImage: labImageTag(),
    anthropicFor(role: Role, model: RoleModel) {
      const apiKey = apiKeyFor(role, env);
      if (!apiKey) {
        throw new Error(`no API key for the ${role === 'lab' ? 'Lab' : 'Prime'} model: set ANTHROPIC_API_KEY${role === 'lab' ? ' or LOOM_LAB_API_KEY' : ''} in the worker's environment`);
      }
      // The SDK retries 408/409/429/5xx (529 overloaded included) with backoff; past
      // that, the activity's own retry policy takes over.
      return new Anthropic({ apiKey, baseURL: model.baseURL, maxRetries: LOOM_SDK_MAX_RETRIES, timeout: MODEL_TIMEOUT_MS });
    },
    testTimeoutSec: env.LOOM_TEST_TIMEOUT_SEC ? Number(env.LOOM_TEST_TIMEOUT_SEC) : undefined,
    crashWindow: crashWindowFrom(env.LOOM_CRASH_WINDOW),
  };
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
}): Promise<Worker> {
  return Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    ...(opts.workflowBundle ? { workflowBundle: opts.workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
    activities: createActivities(opts.deps),
  });
}

export async function runWorker(env: Env): Promise<void> {
  const config = temporalConfigFromEnv(env);
  const connection = await connectWorker(config);
  const deps = depsFromEnv(env);
  // What a crashed worker left behind, no running generation owns: clear it first.
  const client = await connectClient(config);
  const added = await ensureSearchAttributes(client, config.namespace);
  if (added.length) console.log(`loom worker: registered search attributes ${added.join(', ')} on namespace ${config.namespace}`);
  const reaped = await reapOrphans(deps.docker, (id) => workflowIsRunning(client, id));
  await client.connection.close();
  if (reaped.removed.length) console.log(`loom worker: removed ${reaped.removed.length} orphaned container(s): ${reaped.removed.join(', ')}`);
  const worker = await createLoomWorker({ connection, namespace: config.namespace, taskQueue: config.taskQueue, deps });
  console.log(`loom worker: task queue ${config.taskQueue} on ${config.address} (namespace ${config.namespace})`);
  await worker.run();
  await connection.close();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  runWorker(process.env).catch((err) => {
    console.error(`loom worker: ${(err as Error).message}`);
    process.exit(1);
  });
}
