import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMultiply } from './scripts';
import { exampleRepo, git, type Harness, leftoverContainers, reasonOf, removeTempRepos, runGeneration, startHarness } from './harness';
import { describeIntegration } from './suite';

/** Everything a user could lose: refs, HEAD, index and working tree state. */
async function snapshot(repo: string): Promise<string> {
  const refs = await git(repo, 'for-each-ref', '--format=%(refname) %(objectname)').catch(() => '');
  const head = await git(repo, 'symbolic-ref', '-q', 'HEAD').catch(() => git(repo, 'rev-parse', 'HEAD').catch(() => 'unborn'));
  return [refs, head, await git(repo, 'status', '--porcelain', '--untracked-files=all')].join('\n--\n');
}

// Bad input fails the generation at once with a reason naming the problem and the fix,
// before any Lab starts, and leaves the repository exactly as it was.
describeIntegration('bad input', () => {
  let h: Harness;
  const dir = mkdtempSync(join(tmpdir(), 'loom-bad-'));
  beforeAll(async () => {
    h = await startHarness('bad');
  });
  afterAll(async () => {
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
    removeTempRepos();
  });

  async function expectRefused(repo: string, reason: RegExp, overrides: Parameters<typeof runGeneration>[3] = {}) {
    const before = await snapshot(repo);
    const { record, model, workflowId } = await runGeneration(h, repo, addMultiply(), overrides);
    expect(record.outcome).toMatchObject({ kind: 'failed' });
    expect(reasonOf(record)).toMatch(reason);
    expect(model.requests).toHaveLength(0); // no model was paid for
    expect(await leftoverContainers(workflowId)).toBe(0);
    expect(await snapshot(repo)).toBe(before);
  }

  it('a path that is not a git repository', async () => {
    const plain = mkdtempSync(join(dir, 'plain-'));
    const { record } = await runGeneration(h, plain, addMultiply());
    expect(reasonOf(record)).toBe(`${plain} is not a git repository: run \`git init\` there and commit, or pass another --repo`);
  });

  it('a repository with no commits', async () => {
    const empty = mkdtempSync(join(dir, 'empty-'));
    execFileSync('git', ['init', '-q', '-b', 'main', empty]);
    writeFileSync(join(empty, 'a.js'), 'x\n');
    await expectRefused(empty, /has no commits yet: commit your code first/);
  });

  it('a base that is a tag or a detached commit, not a branch', async () => {
    const repo = await exampleRepo();
    await git(repo, 'tag', 'v1');
    await git(repo, 'checkout', '-q', '--detach');
    await expectRefused(repo, /^v1 is not a local branch, and promotion fast-forwards a branch: pass --base one of: main$/, { baseRef: 'v1' });
  });

  it('a test command that fails on the base: the baseline must be green first, and the failing test is named', async () => {
    const repo = await exampleRepo();
    writeFileSync(join(repo, 'src/calc.js'), readFileSync(join(repo, 'src/calc.js'), 'utf8').replace('return a - b;', 'return a - b + 1;'));
    await git(repo, 'commit', '-qam', 'break subtract');
    await expectRefused(repo, /^the tests are not green on the base [0-9a-f]{12} \(`npm test`: 1 of 2 tests failed: test\/calc\.test\.js > subtract \(Expected values to be strictly equal: 3 !== 2\)\); fix them or choose another --test-command/);
  });

  it('a test command naming a script the repository does not have', async () => {
    const repo = await exampleRepo();
    await expectRefused(repo, /^Loom cannot read the results of `npm run nope`: `npm run nope` runs a script package.json does not have \(script "nope"; its scripts: test\)/, { settings: { testCommand: 'npm run nope' } });
  });

  it('a test runner Loom cannot read is refused, never guessed at', async () => {
    const repo = await exampleRepo();
    writeFileSync(join(repo, 'package.json'), readFileSync(join(repo, 'package.json'), 'utf8').replace('"test": "node --test"', '"test": "jasmine"'));
    await git(repo, 'commit', '-qam', 'jasmine');
    await expectRefused(repo, /^Loom cannot read the results of `npm test`: `npm test` runs jasmine \(package.json scripts\["test"\]: jasmine\), whose results Loom cannot read yet\. Loom reads per-test results from node:test, vitest, jest, mocha, ava, tap, uvu, pytest, unittest, go test and cargo test, or from JUnit XML/);
  });

  it('a repository with submodules or LFS files', async () => {
    const sub = await exampleRepo();
    writeFileSync(join(sub, '.gitmodules'), '[submodule "lib"]\n\tpath = lib\n\turl = ../lib\n');
    await git(sub, 'add', '.gitmodules');
    await git(sub, 'commit', '-q', '-m', 'submodule');
    await expectRefused(sub, /uses git submodules, which the sealed Lab cannot fetch without network/);

    const lfs = await exampleRepo();
    writeFileSync(join(lfs, '.gitattributes'), '*.bin filter=lfs diff=lfs merge=lfs -text\n');
    await git(lfs, 'add', '.gitattributes');
    await git(lfs, 'commit', '-q', '-m', 'lfs');
    await expectRefused(lfs, /stores files in Git LFS/);
  });

  it('a repository over the size limit', async () => {
    const repo = await exampleRepo();
    writeFileSync(join(repo, 'blob.bin'), randomBytes(200 * 1024));
    await git(repo, 'add', 'blob.bin');
    await git(repo, 'commit', '-q', '-m', 'a big file');
    await expectRefused(repo, /holds 0\.\d MB of git objects, over the limit of 0\.1 MB .*: raise --max-repo-mb, or point Loom at a smaller repository/, { settings: { maxRepoMb: 0.1 } });
  });
});
