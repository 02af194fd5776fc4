// The bench's Loom worker, run as its own process so its memory can be measured alone.
// It is `npm run worker` (worker/worker.ts runWorker) without the start-up reaper: the reaper
// removes any Loom container whose workflow is not running on *this* Temporal, and on a
// shared Docker engine that would include other people's test containers.
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { temporalConfigFromEnv } from '../config/temporalConfig';
import { createLoomWorker, depsFromEnv, WORKFLOWS_PATH } from '../worker/worker';
import { cachedWorkflowBundle } from '../worker/workflowBundle';

Runtime.install({ logger: new DefaultLogger('WARN') });

async function main(): Promise<void> {
  const config = temporalConfigFromEnv(process.env);
  const connection = await NativeConnection.connect({ address: config.address, tls: config.tls, apiKey: config.apiKey });
  const started = Date.now();
  // As `npm run worker` does: the workflow bundle from the cache, unless the bench measures bundling at start.
  const bundle = process.env.LOOM_BENCH_BUNDLE === 'fresh' ? undefined : await cachedWorkflowBundle(WORKFLOWS_PATH);
  const worker = await createLoomWorker({ connection, namespace: config.namespace, taskQueue: config.taskQueue, deps: depsFromEnv(process.env), workflowBundle: bundle && { codePath: bundle.codePath } });
  process.once('SIGTERM', () => worker.shutdown());
  process.once('SIGINT', () => worker.shutdown());
  const running = worker.run();
  console.log(`bench worker ready in ${Date.now() - started} ms`);
  await running;
  await connection.close();
}

main().catch((err) => {
  console.error(`bench worker: ${(err as Error).stack ?? err}`);
  process.exit(1);
});
