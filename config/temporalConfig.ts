import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import { readFileSync } from 'node:fs';

// Where Temporal is and how to reach it: read by the worker and the loom command alike.

type Env = Record<string, string | undefined>;

export interface TemporalConfig {
  address: string;
  namespace: string;
  taskQueue: string;
  tls?: { clientCertPair?: { crt: Buffer; key: Buffer } } | boolean;
  apiKey?: string;
}

export const DEFAULT_ADDRESS = '127.0.0.1:7233';
export const DEFAULT_TASK_QUEUE = 'loom';

/** Where Temporal is: the embedded dev server by default, any cluster by configuration. */
export function temporalConfigFromEnv(env: Env): TemporalConfig {
  const cert = env.TEMPORAL_TLS_CERT;
  const key = env.TEMPORAL_TLS_KEY;
  if (Boolean(cert) !== Boolean(key)) {
    throw new Error('TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY go together: set both paths, or neither');
  }
  let tls: TemporalConfig['tls'];
  if (cert && key) tls = { clientCertPair: { crt: readFileSync(cert), key: readFileSync(key) } };
  else if (env.TEMPORAL_TLS === 'true' || env.TEMPORAL_API_KEY) tls = true;
  return {
    address: env.TEMPORAL_ADDRESS || DEFAULT_ADDRESS,
    namespace: env.TEMPORAL_NAMESPACE || 'default',
    taskQueue: env.LOOM_TASK_QUEUE || DEFAULT_TASK_QUEUE,
    tls,
    apiKey: env.TEMPORAL_API_KEY || undefined,
  };
}

export async function connectClient(config: TemporalConfig): Promise<Client> {
  const connection = await Connection.connect({ address: config.address, tls: config.tls, apiKey: config.apiKey });
  return new Client({ connection, namespace: config.namespace });
}

/** Whether a workflow is running: the reaper's test of ownership. */
export async function workflowIsRunning(client: Client, workflowId: string): Promise<boolean> {
  try {
    return (await client.workflow.getHandle(workflowId).describe()).status.name === 'RUNNING';
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return false;
    throw err;
  }
}
