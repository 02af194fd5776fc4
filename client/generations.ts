import { defaultPayloadConverter } from '@temporalio/common';
import { Client, WorkflowIdReusePolicy, type WorkflowHandle } from '@temporalio/client';
import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { basename } from 'node:path';
import type { GenerationInput, GenerationRecord } from '../generation/record';
import { generationDetails, generationSummary } from '../generation/workflowStory';

/** Every workflow of a repository starts with loom-<repo>-<path hash>. */
export function repoWorkflowPrefix(repoPath: string): string {
  const real = realpathSync(repoPath);
  const slug = basename(real).replace(/[^A-Za-z0-9_.-]/g, '-').slice(0, 40) || 'repo';
  const hash = createHash('sha256').update(real).digest('hex').slice(0, 8);
  return `loom-${slug}-${hash}`;
}

/** Generation 72 of a repo is found by its id: loom-<repo>-<path hash>-gen-72. */
export function generationWorkflowId(repoPath: string, generation: number): string {
  return `${repoWorkflowPrefix(repoPath)}-gen-${generation}`;
}

/** The repository's loop: loom-<repo>-<path hash>-loop. */
export function loopWorkflowId(repoPath: string): string {
  return `${repoWorkflowPrefix(repoPath)}-loop`;
}

export async function startGeneration(client: Client, taskQueue: string, input: GenerationInput) {
  const workflowId = generationWorkflowId(input.repoPath, input.generation);
  return client.workflow.start('generationWorkflow', {
    taskQueue,
    workflowId,
    staticSummary: generationSummary(input),
    staticDetails: generationDetails(input),
    args: [input],
    // A finished generation may be run again under its id; a running one may not.
    workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
  }) as Promise<import('@temporalio/client').WorkflowHandle<(i: GenerationInput) => Promise<GenerationRecord>>>;
}

/**
 * Prints each activity as it starts, by polling the workflow's pending activities,
 * so a person watching sees the generation move. Stops when `done` settles.
 */
export async function watchSteps(handle: WorkflowHandle, done: Promise<unknown>, print: (line: string) => void, everyMs = 250, detail?: (text: string) => void): Promise<void> {
  let finished = false;
  void done.finally(() => (finished = true)).catch(() => {});
  const seen = new Set<string>();
  while (!finished) {
    try {
      const d = await handle.describe();
      for (const a of d.raw.pendingActivities ?? []) {
        // By activity id: the baseline and the verification are both runTests.
        const key = `${a.activityId}#${a.attempt}`;
        if (a.activityType?.name && !seen.has(key)) {
          seen.add(key);
          print(`  → ${a.activityType.name}${(a.attempt ?? 1) > 1 ? ` (attempt ${a.attempt})` : ''}`);
        }
        const beat = heartbeatOf(a.heartbeatDetails?.payloads?.[0]);
        if (detail && a.activityType?.name === 'spawnLab' && typeof beat?.turn === 'number' && beat.turn > 0) detail(`agent turn ${beat.turn}`);
      }
    } catch {
      // Describe is best effort: the result is what matters.
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** The Lab's progress from its heartbeat ({ step, turn, … }); undefined when there is none. */
function heartbeatOf(payload: Parameters<typeof defaultPayloadConverter.fromPayload>[0] | undefined): { turn?: unknown } | undefined {
  if (!payload) return undefined;
  try {
    return defaultPayloadConverter.fromPayload(payload) as { turn?: unknown };
  } catch {
    return undefined;
  }
}
