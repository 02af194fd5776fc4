import { Client, Connection } from '@temporalio/client';
import { afterAll, afterEach, beforeAll, describe } from 'vitest';
import { integrationReady, ready, removeTempRepos, skipReason, startHarness, type Harness, type WorkerProcess } from './harness';

type HarnessOptions = Parameters<typeof startHarness>[1];

/**
 * Integration tests that need real Temporal and Docker. Outside CI they skip when either is
 * missing, saying so in the suite's title; under CI they run or fail. Their temp repos go with them.
 */
export function describeIntegration(title: string, body: () => void): void {
  describe.skipIf(!integrationReady)(`${title}${integrationReady ? '' : ` (SKIPPED: ${skipReason})`}`, () => {
    afterAll(() => removeTempRepos());
    body();
  });
}

/** The same, with a worker of the suite's own on its own task queue; `h` is ready in every test. */
export function describeWithWorker(title: string, name: string, body: (h: Harness) => void, options?: HarnessOptions): void {
  describeIntegration(title, () => {
    const h = {} as Harness;
    beforeAll(async () => void Object.assign(h, await startHarness(name, options)));
    afterAll(async () => await h.close?.());
    body(h);
  });
}

export interface CrashRun {
  client: Client;
  /** Worker processes a test starts; each is killed after the test, if still alive. */
  workers: WorkerProcess[];
}

/** Tests that kill real worker processes: a client for the suite, and no worker outliving its test. */
export function describeWorkerCrashes(title: string, body: (run: CrashRun) => void): void {
  describeIntegration(title, () => {
    const run = { workers: [] } as unknown as CrashRun;
    beforeAll(async () => void (run.client = new Client({ connection: await Connection.connect({ address: ready().temporalAddress }) })));
    afterEach(async () => {
      for (const w of run.workers.splice(0)) await w.crash();
    });
    afterAll(async () => await run.client?.connection.close());
    body(run);
  });
}
