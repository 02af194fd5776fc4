import { realpathSync } from 'node:fs';
import { ensureSearchAttributes } from '../worker/registerSearchAttributes';
import { workflowsLink } from './webUi';
import Anthropic from '@anthropic-ai/sdk';
import Docker from 'dockerode';
import { join } from 'node:path';
import { loadConfig, modelSettingsOf } from '../config/loomConfig';
import { loadModelScript } from '../model/modelScript';
import { startScriptedModelServer } from '../model/scriptedModelServer';
import { labImageTag, STATE_DIR } from '../provision/state';
import { connectWorker, createLoomWorker, depsFromEnv } from '../worker/worker';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { ensureDevServer } from './devServer';
import { EXAMPLES_DIR, createExampleRepo } from './exampleRepo';
import { followLoop, startLoop } from './loops';
import { connectClient, temporalConfigOf } from '../config/temporalConfig';

/**
 * The main job on the embedded default: a three-generation loop on the bundled example
 * repository, on the Temporal dev server, with a worker in this process. Without an
 * API key the models are played by the scripted model server, and it says so.
 */
export async function runDemo(env: Record<string, string | undefined>): Promise<number> {
  const settings = loadConfig({ env });
  const config = temporalConfigOf(settings);
  // The record tells the story; worker lifecycle chatter would bury it.
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const [host, port] = config.address.split(':');
  const embedded = settings.temporalAddress.source === 'default';
  if (embedded) {
    const server = await ensureDevServer({ dir: join(STATE_DIR, 'temporal'), port: Number(port), uiPort: settings.uiPort.value, detached: true });
    console.log(`Temporal dev server ${server.started ? 'started' : 'already running'} at ${server.address} (pid ${server.pid}); Web UI ${server.uiUrl}`);
  } else {
    console.log(`Temporal at ${host}:${port} (TEMPORAL_ADDRESS)`);
  }

  const repo = await createExampleRepo('calc', join(STATE_DIR, 'demo', 'calc'));
  console.log(`example repository: ${repo}`);

  const scripted = !settings.anthropicApiKey.value;
  const modelServer = scripted ? await startScriptedModelServer(loadModelScript(join(EXAMPLES_DIR, 'calc.script.json'))) : undefined;
  const models = modelSettingsOf(settings);
  if (modelServer) {
    models.prime.baseURL = modelServer.baseUrl('prime');
    models.lab.baseURL = modelServer.baseUrl('lab');
    console.log(`ANTHROPIC_API_KEY is not set: the Lab and the reviewer are played by the scripted model server at ${modelServer.url} (examples/calc.script.json)`);
  } else {
    console.log(`models: Prime ${models.prime.model}, Lab ${models.lab.model}`);
  }

  const deps = scripted
    ? { docker: new Docker(), labImage: labImageTag(), testTimeoutSec: settings.testTimeoutSec.value, anthropicFor: (_r: unknown, m: { baseURL?: string }) => new Anthropic({ apiKey: 'scripted', baseURL: m.baseURL, maxRetries: 0 }) }
    : depsFromEnv(env);
  // A queue of its own, so the demo's worker is the one that runs the demo.
  const taskQueue = `loom-demo-${process.pid}`;
  const connection = await connectWorker(config);
  const worker = await createLoomWorker({ connection, namespace: config.namespace, taskQueue, deps });
  const client = await connectClient(config);
  // The generations set Loom's search attributes; a server started without them gets them now.
  await ensureSearchAttributes(client, config.namespace);
  const uiBase = embedded ? `http://127.0.0.1:${settings.uiPort.value}` : settings.uiUrl.value;
  try {
    const result = await worker.runUntil(async () => {
      const handle = await startLoop(client, taskQueue, {
        repoPath: repo,
        baseRef: 'main',
        settings: { testCommand: 'npm test', models },
        budgets: { maxGenerations: Number(env.LOOM_DEMO_GENERATIONS || 3), maxConsecutiveFailures: 3 },
        failureBackoffMs: 1000,
      });
      console.log(`loop started: workflow ${handle.workflowId}; one line per generation:`);
      return followLoop(handle, (line) => console.log(line));
    });
    const t = result.state.totals;
    console.log(`loop ended (${result.stopReason}): ${t.generations} generations, ${t.promoted} promoted, ${t.rejected} rejected, ${t.failed} failed, $${t.costUsd.toFixed(4)}`);
    console.log(`see the promoted history: git -C ${repo} log --oneline --notes=loom`);
    if (uiBase) console.log(`see the generations in the Web UI: ${workflowsLink(uiBase.replace(/\/+$/, ''), config.namespace, realpathSync(repo))}`);
    return t.promoted > 0 ? 0 : 1;
  } finally {
    await client.connection.close();
    await connection.close();
    await modelServer?.close();
  }
}
