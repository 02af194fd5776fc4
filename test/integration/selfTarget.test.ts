import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SELF_SETTINGS } from '../../bench/selfLoop';
import { LOOM_ROOT } from '../../provision/state';
import { expectPromoted, git, runGeneration, startHarness, type Harness } from './harness';
import { labScript } from './scripts';
import { describeIntegration } from './suite';

const NEW_TEST = `import { describe, expect, it } from 'vitest';
import { failureBackoffMs } from '../../../generation/loop';

describe('failureBackoffMs, as the Lab sees it', () => {
  it('doubles the wait with each failure', () => {
    expect(failureBackoffMs(3, 100)).toBe(400);
  });
});
`;

// Loom pointed at its own repository as the README says: a clone of this repo's committed
// main, the type check and unit tests as the test command (no Docker or Temporal needed), and
// a setup step that installs the dependencies and warms the type check's incremental state.
describeIntegration('Loom improving itself', () => {
  let h: Harness;
  const dir = mkdtempSync(join(tmpdir(), 'loom-self-'));
  const repo = join(dir, 'loom');
  beforeAll(async () => {
    h = await startHarness('self');
    execFileSync('git', ['clone', '-q', '--branch', 'main', LOOM_ROOT, repo]);
  });
  afterAll(async () => {
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('promotes a new unit test of its own code, verified by its own unit tests', async () => {
    const { record } = await runGeneration(h, repo, labScript([{ tool: 'write', input: { path: 'test/unit/generation/selfImprove.test.ts', content: NEW_TEST } }]), {
      // Its own type check and unit suite take tens of seconds on a quiet machine and minutes on a
      // loaded one: the harness's 120 s per run is for the small examples.
      settings: { ...SELF_SETTINGS, testTimeoutSec: 400 },
    });
    // What ran is what the README tells a person to run.
    expect(readFileSync(join(LOOM_ROOT, 'README.md'), 'utf8')).toContain(`--test-command "${SELF_SETTINGS.testCommand}" --setup "${SELF_SETTINGS.setup}"`);
    expect(record.setup?.paths).toEqual(expect.arrayContaining(['node_modules/', '.tsbuildinfo']));
    await expectPromoted(repo, record);
    expect(record.tests!.runner).toBe('vitest');
    expect(record.verification!.how).toMatch(/^vitest's JSON reporter/);
    expect(record.verification!.lab!.added).toEqual([expect.stringMatching(/^test\/unit\/generation\/selfImprove\.test\.ts > /)]);
    expect(record.verification!.mutation!.killed).toBeGreaterThan(0);
    expect(record.tests!.passed).toBe(record.baselineTests!.passed + 1);
    expect(await git(repo, 'ls-tree', '-r', '--name-only', 'main')).toContain('test/unit/generation/selfImprove.test.ts');
    // The installed dependencies never become part of the change.
    expect(record.diffStat).not.toContain('node_modules');
    // The install, then its own type check and unit suite a dozen times over: minutes under
    // load, so the limit is generous.
  }, 900_000);
});
