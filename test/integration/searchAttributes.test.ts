import { Client, Connection } from '@temporalio/client';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, portAnswers } from '../../client/devServer';
import { LoomCostUsd, LoomGeneration, LoomLabModel, LoomLoopId, LoomOutcome, LoomRepo, LoomStage, LoomVerdict, LOOM_SEARCH_ATTRIBUTES } from '../../generation/searchAttributes';
import { temporalBin } from '../../provision/state';
import { ensureSearchAttributes } from '../../worker/registerSearchAttributes';
import { addMultiply, verdict } from './scripts';
import { exampleRepo, git, headSha, runGeneration } from './harness';
import { describeIntegration, describeWithWorker } from './suite';

/** Visibility is eventually consistent: poll a list query, in a bounded loop. */
async function listIds(client: Client, query: string, expected: number, timeoutMs = 15_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let ids: string[] = [];
  while (Date.now() < deadline) {
    ids = [];
    for await (const w of client.workflow.list({ query })) ids.push(w.workflowId);
    if (ids.length >= expected) return ids.sort();
    await new Promise((r) => setTimeout(r, 300));
  }
  return ids.sort();
}

describeWithWorker('search attributes and summaries in the Web UI', 'search-attributes', (h) => {

  it('filters generations by repository, outcome and rejecting stage, and shows what each was', async () => {
    const repo = await exampleRepo();
    // Rejected first, so main is unchanged for the same change to be promoted next.
    const rejected = await runGeneration(h, repo, addMultiply([verdict('REJECTED', 'multiply ignores the documented integer contract', 0.8)]), { generation: 1 });
    expect(rejected.record.outcome).toMatchObject({ kind: 'rejected', stage: 'llmReview' });
    const promoted = await runGeneration(h, repo, addMultiply(), { generation: 2, loopId: 'loop-under-test' });
    expect(promoted.record.outcome.kind).toBe('promoted');
    const realRepo = promoted.record.repoPath;

    // The list filters a person would type in the Web UI.
    expect(await listIds(h.client, `LoomRepo = "${realRepo}"`, 2)).toEqual([promoted.workflowId, rejected.workflowId].sort());
    expect(await listIds(h.client, `LoomRepo = "${realRepo}" AND LoomOutcome = "promoted"`, 1)).toEqual([promoted.workflowId]);
    expect(await listIds(h.client, `LoomRepo = "${realRepo}" AND LoomStage = "llmReview" AND LoomVerdict = "REJECTED"`, 1)).toEqual([rejected.workflowId]);
    expect(await listIds(h.client, `LoomLoopId = "loop-under-test" AND LoomGeneration = 2`, 1)).toEqual([promoted.workflowId]);

    const d = await h.client.workflow.getHandle(promoted.workflowId).describe();
    const attrs = d.typedSearchAttributes;
    expect(attrs.get(LoomGeneration)).toBe(2);
    expect(attrs.get(LoomOutcome)).toBe('promoted');
    expect(attrs.get(LoomStage)).toBe('promote');
    expect(attrs.get(LoomVerdict)).toBe('APPROVED');
    expect(attrs.get(LoomLabModel)).toBe(promoted.record.usage.lab!.model);
    expect(attrs.get(LoomCostUsd)).toBeCloseTo(promoted.record.costUsd, 6);
    expect(attrs.get(LoomRepo)).toBe(realRepo);
    expect(attrs.get(LoomLoopId)).toBe('loop-under-test');

    // The page tells the story without opening a payload.
    expect(await d.staticSummary()).toBe('Loom gen 2 of calc: Add multiply');
    expect(await d.staticDetails()).toContain('Add multiply(a, b) to src/calc.js');
    const summaries: string[] = [];
    for (const e of (await h.client.workflow.getHandle(promoted.workflowId).fetchHistory()).events ?? []) {
      // Activities, and local activities (recorded as markers).
      if ((e.activityTaskScheduledEventAttributes || e.markerRecordedEventAttributes) && e.userMetadata?.summary?.data) {
        summaries.push(JSON.parse(Buffer.from(e.userMetadata.summary.data).toString()));
      }
    }
    const sha = await headSha(repo);
    expect(summaries).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^baseline: `npm test` on main@[0-9a-f]{10}$/),
        expect.stringMatching(/^Lab: claude-opus-4-6 edits the code in a sealed container/),
        expect.stringMatching(/^inspect the change: diff hygiene, protected test setup/),
        `verify: \`npm test\` on lab/gen-2@${promoted.record.labSha!.slice(0, 10)} in a fresh container`,
        `mutants: the changed lines of ${promoted.record.labSha!.slice(0, 10)} and up to 12 of the code its new tests exercise`,
        expect.stringMatching(/^held-out: the base's own tests on the Lab's source \([0-9a-f]{10}\) in a fresh container, once more in another environment/),
        expect.stringMatching(/^review: claude-sonnet-4-6 reads the diff/),
        'promote: one Loom commit of the verified tree onto main, program.md as a git note',
      ]),
    );
    expect(sha).toBe((promoted.record.outcome as { sha: string }).sha);
    const rd = await h.client.workflow.getHandle(rejected.workflowId).describe();
    expect(rd.typedSearchAttributes.get(LoomOutcome)).toBe('rejected');
  });
});

describeIntegration('a worker registers missing search attributes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'loom-bare-server-'));
  let pid = 0;
  let port = 0;
  beforeAll(async () => {
    // A dev server started without Loom's flags, like a fresh cluster namespace.
    port = await freePort();
    const child = spawn(temporalBin(), ['server', 'start-dev', '--headless', '--ip', '127.0.0.1', '--port', String(port), '--db-filename', join(dir, 'db'), '--log-level', 'error'], { stdio: 'ignore' });
    pid = child.pid!;
    const deadline = Date.now() + 30_000;
    while (!(await portAnswers(port)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  });
  afterAll(async () => {
    if (pid) process.kill(pid, 'SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    rmSync(dir, { recursive: true, force: true });
  });

  it('adds every one of them, once, with its type', async () => {
    const connection = await Connection.connect({ address: `127.0.0.1:${port}` });
    try {
      const client = new Client({ connection });
      const before = await connection.operatorService.listSearchAttributes({ namespace: 'default' });
      expect(Object.keys(before.customAttributes ?? {}).filter((n) => n.startsWith('Loom'))).toEqual([]);
      expect((await ensureSearchAttributes(client, 'default')).sort()).toEqual(LOOM_SEARCH_ATTRIBUTES.map((k) => k.name).sort());
      const after = await connection.operatorService.listSearchAttributes({ namespace: 'default' });
      // IndexedValueType: Keyword 2, Int 3, Double 4.
      expect(after.customAttributes).toMatchObject({ LoomGeneration: 3, LoomCostUsd: 4, LoomOutcome: 2, LoomRepo: 2 });
      expect(await ensureSearchAttributes(client, 'default')).toEqual([]);
    } finally {
      await connection.close();
    }
  });
});
