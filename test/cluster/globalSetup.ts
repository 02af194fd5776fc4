import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import type { TestProject } from 'vitest/node';
import { labImageTag, LOOM_ROOT, STATE_DIR, temporalBin } from '../../provision/state';
import { cachedWorkflowBundle } from '../../worker/workflowBundle';
import { WORKFLOWS_PATH } from '../../worker/worker';

declare module 'vitest' {
  export interface ProvidedContext {
    integration: { ready: true; temporalAddress: string; uiUrl: string; labImage: string; workflowBundlePath: string } | { ready: false; reason: string };
  }
}

const CLUSTER = join(LOOM_ROOT, 'provision', 'cluster.sh');

// The production path for the whole suite: PostgreSQL and the Temporal server built from its
// Go module, started by provision/cluster.sh (built once per version, reused after), and
// stopped at the end. The integration harness reads the same context as in the main suite,
// so its helpers (workers, loops, scripted models) run against this server unchanged.
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'loom-cluster-test-'));
  let started = false;
  try {
    temporalBin();
    const labImage = labImageTag();
    await new Docker().ping();
    const missing = ['go', 'pg_ctl'].filter((tool) => spawnSync('bash', ['-c', `command -v ${tool} || ls /usr/lib/postgresql/*/bin/${tool}`], { stdio: 'ignore' }).status !== 0);
    if (missing.length && !process.env.CI) throw new Error(`${missing.join(' and ')} not found (the server is built with Go; PostgreSQL comes from Debian's postgresql package)`);
    const r = spawnSync('bash', [CLUSTER, 'start'], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`provision/cluster.sh start failed (exit ${r.status}); its logs are in .loom/cluster/`);
    started = true;
    const temporalAddress = readFileSync(join(STATE_DIR, 'cluster-address'), 'utf8').trim();
    const bundle = await cachedWorkflowBundle(WORKFLOWS_PATH);
    project.provide('integration', { ready: true, temporalAddress, uiUrl: '', labImage, workflowBundlePath: bundle.codePath });
  } catch (err) {
    const reason = `cluster dependencies missing: ${(err as Error).message}`;
    if (process.env.CI) throw new Error(`${reason} (CI must provision them: bash provision/cluster.sh start)`);
    console.warn(`\n!!! SKIPPING THE CLUSTER SUITE: ${reason}. Install Go and PostgreSQL, then npm run test:cluster. !!!\n`);
    project.provide('integration', { ready: false, reason });
  }
  return async () => {
    if (started) spawnSync('bash', [CLUSTER, 'stop'], { stdio: 'inherit' });
    rmSync(dir, { recursive: true, force: true });
  };
}
