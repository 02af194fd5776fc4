import { loopSummary } from '../generation/workflowStory';
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy, type Client, type WorkflowHandle } from '@temporalio/client';
import { nextGenerationNumber } from '../ledger/nextGeneration';
import type { GenerationSummary } from '../generation/loop';
import type { LoopInput, LoopResult, LoopStatus } from '../workflows/loop';
import { loopWorkflowId, repoWorkflowPrefix } from './generations';

/** Starts the repository's loop at its next generation number; a loop already running there is refused by name. */
export async function startLoop(client: Client, taskQueue: string, input: Omit<LoopInput, 'workflowIdPrefix' | 'firstGeneration'>): Promise<WorkflowHandle> {
  const workflowId = loopWorkflowId(input.repoPath);
  const firstGeneration = await nextGenerationNumber(input.repoPath);
  try {
    return await client.workflow.start('loopWorkflow', {
      taskQueue,
      workflowId,
      staticSummary: loopSummary(input.repoPath),
      args: [{ ...input, workflowIdPrefix: repoWorkflowPrefix(input.repoPath), firstGeneration } satisfies LoopInput],
      // A finished loop may be run again under its id; a running one may not.
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
    });
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) {
      throw new Error(`a loop is already running on ${input.repoPath}: workflow ${workflowId}. Follow it with \`loom status --repo ${input.repoPath}\`, or stop it with \`loom stop --repo ${input.repoPath}\` before starting another`);
    }
    throw err;
  }
}

export function loopHandle(client: Client, repoPath: string): WorkflowHandle {
  return client.workflow.getHandle(loopWorkflowId(repoPath));
}

export async function loopStatus(handle: WorkflowHandle): Promise<LoopStatus> {
  return handle.query<LoopStatus>('status');
}

export function generationLine(g: GenerationSummary): string {
  const tests = g.tests ? `tests ${g.tests.passed}/${g.tests.total}` : 'tests -';
  const where = g.outcome === 'promoted' ? (g.labSha ?? '').slice(0, 10) : `at ${g.stage}`;
  const why = g.reason ? `: ${g.reason.split('\n')[0]!.slice(0, 100)}` : '';
  return `gen ${String(g.generation).padStart(3)}  ${g.outcome.padEnd(8)} ${where.padEnd(16)} ${tests.padEnd(12)} $${g.costUsd.toFixed(4)}  "${g.title}"${why}`;
}

/**
 * Prints one line per finished generation while the loop runs, by polling its status
 * query; returns the loop's result. Queries keep working across continue-as-new, since
 * the handle follows the run chain.
 */
export async function followLoop(handle: WorkflowHandle, print: (line: string) => void, everyMs = 500): Promise<LoopResult> {
  const result = handle.result() as Promise<LoopResult>;
  let finished = false;
  void result.finally(() => (finished = true)).catch(() => {});
  let printed = 0;
  const flush = (recent: GenerationSummary[]) => {
    for (const g of recent) {
      if (g.generation > printed) {
        print(generationLine(g));
        printed = g.generation;
      }
    }
  };
  while (!finished) {
    try {
      flush((await loopStatus(handle)).state.recent);
    } catch {
      // Between runs of a continue-as-new chain a query can miss; the next one catches up.
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  const r = await result;
  flush(r.state.recent);
  return r;
}
