import { afterAll, beforeAll, describe } from 'vitest';
import { integrationReady, removeTempRepos, skipReason, startHarness, type Harness } from './harness';

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
