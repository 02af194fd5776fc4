import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleRepo, git, type Harness, headSha, integrationReady, leftoverContainers, reasonOf, removeTempRepos, runGeneration, skipReason, startHarness } from './harness';
import { bash, labScript } from './scripts';

// Mounting the small tmpfs needs root (CI is root); elsewhere the test skips, and says so.
const rootless = process.getuid?.() !== 0 && !process.env.CI;
const skip = !integrationReady ? skipReason : rootless ? 'mounting a tmpfs needs root' : '';

// The worker's bundle folder on a 256 KiB tmpfs: a Lab branch that does not fit.
describe.skipIf(Boolean(skip))(`a full disk while fetching a branch${skip ? ` (SKIPPED: ${skip})` : ''}`, () => {
  let h: Harness;
  const small = mkdtempSync(join(tmpdir(), 'loom-small-'));
  beforeAll(async () => {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', small]);
    h = await startHarness('diskfull', { tmpDir: small });
  });
  afterAll(async () => {
    await h?.close();
    execFileSync('umount', [small]);
    rmSync(small, { recursive: true, force: true });
    removeTempRepos();
  });

  it('fails the generation at fetchBranch with the reason, leaving nothing behind', async () => {
    const repo = await exampleRepo();
    const base = await headSha(repo);
    // Made by a command: a write this long would not fit in one reply (the model's output limit).
    const big = bash('mkdir -p data && head -c 786432 /dev/urandom | base64 > data/blob.txt');
    const { record, workflowId } = await runGeneration(h, repo, labScript([big]));
    expect(record.outcome).toMatchObject({ kind: 'failed', stage: 'fetchBranch' });
    expect(reasonOf(record)).toMatch(/^no space left on the host in .* for the \d+-byte bundle of lab\/gen-1: free disk space/);
    expect(await headSha(repo)).toBe(base);
    expect(await git(repo, 'for-each-ref', 'refs/heads/lab/', 'refs/loom/')).toBe('');
    expect(readdirSync(small)).toEqual([]);
    expect(await leftoverContainers(workflowId)).toBe(0);
  });
});
