import Docker from 'dockerode';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureDevServer, freePort, type DevServer } from '../client/devServer';
import { labImageTag, temporalBin } from '../provision/state';
import { WORKFLOWS_PATH } from '../worker/worker';
import { cachedWorkflowBundle } from '../worker/workflowBundle';

declare module 'vitest' {
  export interface ProvidedContext {
    integration: { ready: true; temporalAddress: string; uiUrl: string; labImage: string; workflowBundlePath: string } | { ready: false; reason: string };
  }
}

// One Temporal dev server (fresh SQLite file) and one workflow bundle for the whole run;
// each integration file brings its own worker on its own task queue.
export default async function setup(project: TestProject) {
  let server: DevServer | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'loom-test-'));
  try {
    temporalBin();
    const labImage = labImageTag();
    await new Docker().ping();
    await new Docker().getImage(labImage).inspect();
    server = await ensureDevServer({ dir, port: await freePort(), uiPort: await freePort() });
    // The same cached bundle the worker processes load (built once per version of the workflow code).
    const workflowBundlePath = (await cachedWorkflowBundle(WORKFLOWS_PATH)).codePath;
    project.provide('integration', { ready: true, temporalAddress: server.address, uiUrl: server.uiUrl, labImage, workflowBundlePath });
  } catch (err) {
    const reason = `integration dependencies missing: ${(err as Error).message}`;
    if (process.env.CI) throw new Error(`${reason} (CI must provision them: bash provision/setup.sh)`);
    console.warn(`\n!!! SKIPPING INTEGRATION TESTS: ${reason}. Run \`npm run setup\` to provision them. !!!\n`);
    project.provide('integration', { ready: false, reason });
  }
  return async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
