import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appendLedger, readLedger, type LedgerEntry } from '../../../ledger/generationLedger';
import { nextAfter, nextGenerationNumber } from '../../../ledger/nextGeneration';
import type { GenerationRecord } from '../../../generation/recordTypes';

const root = mkdtempSync(join(tmpdir(), 'loom-numbers-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const git = (repo: string, ...args: string[]) => execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8' });
function repo(name: string): string {
  const dir = join(root, name);
  execFileSync('git', ['init', '-q', '-b', 'main', dir]);
  git(dir, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '--allow-empty', '-m', 'base');
  return dir;
}
const entry = (generation: number, workflowId: string, runId?: string): LedgerEntry => ({ workflowId, ...(runId ? { runId } : {}), record: { generation } as GenerationRecord, recordedAt: '2026-12-05T00:00:00Z' });

describe('generation numbers, once per repository', () => {
  it('go on after the highest number recorded anywhere', () => {
    expect(nextAfter([])).toBe(1);
    expect(nextAfter([3, 1, 7])).toBe(8);
  });

  it('count the Lab branches (best-of-K ones too) and the ledger, whichever is higher', async () => {
    const r = repo('both');
    expect(await nextGenerationNumber(r)).toBe(1);
    git(r, 'branch', 'lab/gen-2');
    git(r, 'branch', 'lab/gen-4-c2');
    git(r, 'branch', 'lab/other');
    expect(await nextGenerationNumber(r)).toBe(5);
    await appendLedger(r, entry(9, 'loom-x-gen-9'));
    expect(await nextGenerationNumber(r)).toBe(10);
  });

  it('the ledger keeps each run of a workflow id, and a retry of one run finds its own line', async () => {
    const r = repo('ledger');
    expect(await appendLedger(r, entry(1, 'loom-x-gen-1', 'run-a'))).toBe(true);
    expect(await appendLedger(r, entry(1, 'loom-x-gen-1', 'run-a'))).toBe(false);
    expect(await appendLedger(r, entry(1, 'loom-x-gen-1', 'run-b'))).toBe(true);
    expect((await readLedger(r)).map((e) => e.runId)).toEqual(['run-a', 'run-b']);
  });
});
