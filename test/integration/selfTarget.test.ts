import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

// Loom pointed at its own repository: a clone of this repo's committed HEAD, the unit
// tests as the test command (no Docker or Temporal needed), node_modules mounted read-only.
describeIntegration('Loom improving itself', () => {
  let h: Harness;
  const dir = mkdtempSync(join(tmpdir(), 'loom-self-'));
  const repo = join(dir, 'loom');
  beforeAll(async () => {
    h = await startHarness('self');
    execFileSync('git', ['clone', '-q', '--branch', 'main', LOOM_ROOT, repo]);
    // Installed dependencies as a real folder (hard links, so it is quick): a dependency mount
    // never follows a symlink out of the repository.
    execFileSync('cp', ['-al', join(LOOM_ROOT, 'node_modules'), join(repo, 'node_modules')]);
  });
  afterAll(async () => {
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('promotes a new unit test of its own code, verified by its own unit tests', async () => {
    const { record } = await runGeneration(h, repo, labScript([{ tool: 'write', input: { path: 'test/unit/generation/selfImprove.test.ts', content: NEW_TEST } }]), {
      // Its own type check and unit suite take about a minute on a quiet machine and several on a
      // loaded one: the harness's 120 s per run is for the small examples.
      settings: { testCommand: 'npm run test:unit', mounts: ['node_modules'], testTimeoutSec: 400 },
    });
    await expectPromoted(repo, record);
    expect(record.tests!.runner).toBe('vitest');
    expect(record.verification!.how).toMatch(/^vitest's JSON reporter/);
    expect(record.verification!.lab!.added).toEqual([expect.stringMatching(/^test\/unit\/generation\/selfImprove\.test\.ts > /)]);
    expect(record.verification!.mutation!.killed).toBeGreaterThan(0);
    expect(record.tests!.passed).toBe(record.baselineTests!.passed + 1);
    expect(await git(repo, 'ls-tree', '-r', '--name-only', 'main')).toContain('test/unit/generation/selfImprove.test.ts');
    // The mounted dependencies never become part of the change.
    expect(record.diffStat).not.toContain('node_modules');
    // Its own type check and unit suite, a dozen times over on one core: about three minutes
    // here, more under load, so the limit is generous.
  }, 900_000);
});
