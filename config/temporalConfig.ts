import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import { readFileSync } from 'node:fs';
import { loadConfig, type LoomConfig } from './loomConfig';
import { settingOf } from './settings';

// Where Temporal is and how to reach it: read by the worker and the loom command alike.

type Env = Record<string, string | undefined>;

export interface TemporalConfig {
  address: string;
  namespace: string;
  taskQueue: string;
  tls?: { clientCertPair?: { crt: Buffer; key: Buffer } } | boolean;
  apiKey?: string;
}

export const DEFAULT_ADDRESS = settingOf('temporalAddress').default as string;
export const DEFAULT_TASK_QUEUE = settingOf('taskQueue').default as string;

/** Where Temporal is: the embedded dev server by default, any cluster by configuration. */
export function temporalConfigOf(config: LoomConfig): TemporalConfig {
  const cert = config.temporalTlsCert.value;
  const key = config.temporalTlsKey.value;
  const apiKey = config.temporalApiKey.value;
  let tls: TemporalConfig['tls'];
  if (cert && key) tls = { clientCertPair: { crt: readFileSync(cert), key: readFileSync(key) } };
  else if (config.temporalTls.value || apiKey) tls = true;
  return { address: config.temporalAddress.value, namespace: config.temporalNamespace.value, taskQueue: config.taskQueue.value, tls, apiKey };
}

/** The same, from the environment alone (the worker, and commands that read no repository). */
export function temporalConfigFromEnv(env: Env): TemporalConfig {
  return temporalConfigOf(loadConfig({ env }));
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
