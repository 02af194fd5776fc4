import { afterAll, beforeAll, describe, it } from 'vitest';
import { ATTACKS } from './attacks';
import { expectStopped } from './attackRun';
import { integrationReady, removeTempRepos, skipReason, startHarness, type Harness } from './harness';

// Hostile Labs against everything around the tests: the run's setup, history, bytes, links, words, program.md, runners. The reviewer approves everything; each form must be
// stopped by a mechanical gate, with a reason that names the problem.
const CLASSES = [3,6,7,8,9,10,11];

describe.skipIf(!integrationReady)(`attacks on verification: everything around the tests: the run's setup, history, bytes, links, words, program.md, runners${integrationReady ? '' : ` (SKIPPED: ${skipReason})`}`, () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('attacks-surface');
  });
  afterAll(async () => {
    await h?.close();
    removeTempRepos();
  });

  it.each(ATTACKS.filter((f) => CLASSES.includes(f.cls)).map((f) => [`class ${f.cls}: ${f.name}`, f] as const))('%s', async (_name, form) => {
    await expectStopped(h, form);
  });
});
