import Anthropic from '@anthropic-ai/sdk';
import Docker from 'dockerode';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GenerationInput } from '../generation/record';
import { modelSettingsFromEnv } from '../model/modelSettings';
import { loadModelScript, startScriptedModelServer } from '../model/scriptedModelServer';
import { labImageTag, STATE_DIR } from '../provision/state';
import { connectWorker, createLoomWorker, depsFromEnv } from '../worker/worker';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { ensureDevServer } from './devServer';
import { EXAMPLES_DIR, createExampleRepo } from './exampleRepo';
import { formatRecord } from './formatRecord';
import { connectClient, startGeneration, watchSteps } from './generations';
import { temporalConfigFromEnv } from './temporalConfig';

/**
 * The main job on the embedded default: one generation against the bundled example
 * repository, on the Temporal dev server, with a worker in this process. Without an
 * API key the models are played by the scripted model server, and it says so.
 */
export async function runDemo(env: Record<string, string | undefined>): Promise<number> {
  const config = temporalConfigFromEnv(env);
  // The record tells the story; worker lifecycle chatter would bury it.
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const [host, port] = config.address.split(':');
  const embedded = !env.TEMPORAL_ADDRESS;
  if (embedded) {
    const server = await ensureDevServer({ dir: join(STATE_DIR, 'temporal'), port: Number(port), uiPort: Number(env.LOOM_UI_PORT || 8233), detached: true });
    console.log(`Temporal dev server ${server.started ? 'started' : 'already running'} at ${server.address} (pid ${server.pid}); Web UI ${server.uiUrl}`);
  } else {
    console.log(`Temporal at ${host}:${port} (TEMPORAL_ADDRESS)`);
  }

  const repo = await createExampleRepo('calc', join(STATE_DIR, 'demo', 'calc'));
  console.log(`example repository: ${repo}`);

  const scripted = !env.ANTHROPIC_API_KEY;
  const modelServer = scripted ? await startScriptedModelServer(loadModelScript(join(EXAMPLES_DIR, 'calc.script.json'))) : undefined;
  const models = modelSettingsFromEnv(env);
  if (modelServer) {
    models.prime.baseURL = modelServer.baseUrl('prime');
    models.lab.baseURL = modelServer.baseUrl('lab');
    console.log(`ANTHROPIC_API_KEY is not set: the Lab and the reviewer are played by the scripted model server at ${modelServer.url} (examples/calc.script.json)`);
  } else {
    console.log(`models: Prime ${models.prime.model}, Lab ${models.lab.model}`);
  }

  const deps = scripted
    ? { docker: new Docker(), labImage: labImageTag(), anthropicFor: (_r: unknown, m: { baseURL?: string }) => new Anthropic({ apiKey: 'scripted', baseURL: m.baseURL, maxRetries: 0 }) }
    : depsFromEnv(env);
  // A queue of its own, so the demo's worker is the one that runs the demo.
  const taskQueue = `loom-demo-${process.pid}`;
  const connection = await connectWorker(config);
  const worker = await createLoomWorker({ connection, namespace: config.namespace, taskQueue, deps });
  const client = await connectClient(config);
  const input: GenerationInput = {
    repoPath: repo,
    baseRef: 'main',
    generation: 1,
    program: readFileSync(join(EXAMPLES_DIR, 'calc.program.md'), 'utf8'),
    models,
    testCommand: 'npm test',
  };
  try {
    const record = await worker.runUntil(async () => {
      const handle = await startGeneration(client, taskQueue, input);
      console.log(`generation 1 started: workflow ${handle.workflowId}`);
      const result = handle.result();
      await watchSteps(handle, result, (line) => console.log(line));
      return result;
    });
    console.log(formatRecord(record));
    return record.outcome.kind === 'promoted' ? 0 : 1;
  } finally {
    await client.connection.close();
    await connection.close();
    await modelServer?.close();
  }
}
