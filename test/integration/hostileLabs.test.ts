import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { ScriptStep } from '../../model/modelScript';
import { exampleRepo, expectPromoted, git, headSha, leftoverContainers, reasonOf, runGeneration, toolResults } from './harness';
import { bash, labScript, MULTIPLY_EDIT, MULTIPLY_TEST } from './scripts';
import { describeWithWorker } from './suite';


// Labs that misbehave: none harms the host, none is promoted by it, each outcome has its reason.
describeWithWorker('hostile or broken Labs', 'hostile', (h) => {

  it('contains writes outside the workspace, a background process, gigabytes of output and a memory hog', async () => {
    const repo = await exampleRepo();
    const started = Date.now();
    const { record, model, workflowId } = await runGeneration(
      h,
      repo,
      labScript([
        { tool: 'write', input: { path: '/etc/loom-owned', content: 'x' } },
        bash('echo x > /etc/loom-owned; echo "rc=$?"; echo x > /tmp/loom-owned-by-lab && echo tmp-ok'),
        bash('sleep 600 & echo started-in-background'),
        bash('yes loom | head -c 300000000; echo'),
        bash('node -e "const a = []; for (;;) a.push(Buffer.alloc(5e7, 1))"; echo "node-rc=$?"', 60),
        MULTIPLY_EDIT,
        MULTIPLY_TEST,
      ]),
    );
    const [write, etc, background, flood, hog] = toolResults(model);
    expect(write).toBe('path /etc/loom-owned is outside /workspace; the Lab may only touch its workspace');
    expect(etc).toContain('rc=1');
    expect(etc).toContain('Permission denied');
    expect(existsSync('/tmp/loom-owned-by-lab')).toBe(false); // the Lab's /tmp is its own
    // The turn ends when the command does, not when its background child would.
    expect(background).toContain('started-in-background');
    expect(flood!.length).toBeLessThan(40_000);
    expect(flood).toContain('[output truncated]');
    expect(hog).toMatch(/node-rc=(137|134)/); // killed at the memory limit
    expect(Date.now() - started).toBeLessThan(120_000);
    // Nothing the Lab left running reaches verification, which runs in a fresh container.
    await expectPromoted(repo, record);
    expect(await leftoverContainers(workflowId)).toBe(0);
  });

  it('rejects a test run that hangs past its timeout, names the test still running then, and kills it', async () => {
    const repo = await exampleRepo();
    const hang = {
      tool: 'write',
      input: { path: 'test/hang.test.js', content: "import { test } from 'node:test';\n\ntest('never ends', () => new Promise(() => setInterval(() => {}, 1000)));\n" },
    };
    const { record, workflowId } = await runGeneration(h, repo, labScript([hang]), { settings: { testTimeoutSec: 5 } });
    expect(record.outcome).toMatchObject({ kind: 'rejected', stage: 'runTests' });
    expect(reasonOf(record)).toMatch(/^`npm test` timed out/);
    // The reason names the test file whose process was still running at the limit.
    expect(reasonOf(record)).toMatch(/still running at the limit: [^\n]*test\/hang\.test\.js/);
    expect(record.tests).toMatchObject({ timedOut: true });
    expect(record.durationsMs.runTests!).toBeLessThan(30_000);
    expect(await leftoverContainers(workflowId)).toBe(0);
  });

  it("does not promote a Lab that rewrites the base's history", async () => {
    const repo = await exampleRepo();
    const base = await headSha(repo);
    const rewrite = bash('git checkout -q --orphan fresh && git commit -q -m "history, rewritten" && git branch -f lab/gen-1 fresh && git checkout -q lab/gen-1 && echo rewritten');
    const { record } = await runGeneration(h, repo, labScript([rewrite]));
    expect(record.outcome).toMatchObject({ kind: 'failed', stage: 'fetchBranch' });
    expect(reasonOf(record)).toMatch(/does not build on the base .*: the Lab rewrote history/);
    expect(await headSha(repo)).toBe(base);
  });

  it('a git hook written by the Lab never reaches or runs on the host, and a committed one is rejected', async () => {
    const repo = await exampleRepo();
    const marker = join(tmpdir(), `loom-hook-ran-${process.pid}`);
    const hook = `#!/bin/sh\ntouch ${marker}\n`;
    const plant = bash(
      `printf '${hook.replace(/\n/g, '\\n')}' > .git/hooks/post-merge && chmod +x .git/hooks/post-merge && mkdir -p .githooks && cp .git/hooks/post-merge .githooks/post-merge && git config core.hooksPath .githooks && echo planted`,
    );
    const { record, model } = await runGeneration(h, repo, labScript([plant, MULTIPLY_EDIT, MULTIPLY_TEST]));
    expect(toolResults(model)[0]).toContain('planted');
    // The hook committed under .githooks/ is rejected like a CI script; the one in the Lab's .git never leaves it.
    expect(record.outcome).toMatchObject({ kind: 'rejected', stage: 'checkChange' });
    expect(reasonOf(record)).toMatch(/protected: \.githooks\/post-merge is a CI definition or git hook/);
    expect(existsSync(marker)).toBe(false);
    expect(existsSync(join(repo, '.git', 'hooks', 'post-merge'))).toBe(false);
    expect(await git(repo, 'config', '--get', 'core.hooksPath').catch(() => '')).toBe('');
  });
});
