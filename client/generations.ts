import { defaultPayloadConverter } from '@temporalio/common';
import { Client, WorkflowIdReusePolicy, type WorkflowHandle } from '@temporalio/client';
import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { basename } from 'node:path';
import type { GenerationInput, GenerationRecord, GenerationRequest } from '../generation/recordTypes';
import { resolveWorkSettings } from '../config/resolvedSettings';
import { tooManyLabs } from '../generation/bestOfK';
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

/** Starts one generation under its id; its settings are resolved here, so the workflow and its activities never apply a default. */
export async function startGeneration(client: Client, taskQueue: string, request: GenerationRequest) {
  const input: GenerationInput = { ...request, settings: resolveWorkSettings(request.settings) };
  const refused = tooManyLabs(input.settings);
  if (refused) throw new Error(refused);
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

export type GenerationEvent =
  | { event: 'started'; workflowId: string; generation: number; taskQueue: string }
  | { event: 'step'; step: string; /** When the workflow entered it. */ at: string }
  | { event: 'turn'; turn: number; elapsedMs: number }
  | { event: 'record'; record: GenerationRecord };

/**
 * The generation's progress as events, for scripts (`loom generate --events`): each step the
 * workflow enters (its own account, local activities included) and each Lab turn, as they
 * happen; the caller emits the record last. Stops when `done` settles.
 */
export async function followEvents(handle: WorkflowHandle, done: Promise<unknown>, emit: (e: GenerationEvent) => void, everyMs = 250): Promise<void> {
  let finished = false;
  void done.finally(() => (finished = true)).catch(() => {});
  const started = Date.now();
  let stepsSeen = 0;
  let turn = 0;
  const emitSteps = async () => {
    const steps = await handle.query<Array<{ step: string; atMs: number }>>('steps');
    for (const s of steps.slice(stepsSeen)) emit({ event: 'step', step: s.step, at: new Date(s.atMs).toISOString() });
    stepsSeen = steps.length;
  };
  while (!finished) {
    try {
      await emitSteps();
      const lab = (await handle.describe()).raw.pendingActivities?.find((a) => a.activityType?.name === 'spawnLab');
      const beat = heartbeatOf(lab?.heartbeatDetails?.payloads?.[0]);
      if (typeof beat?.turn === 'number' && beat.turn > turn) emit({ event: 'turn', turn: (turn = beat.turn), elapsedMs: Date.now() - started });
    } catch {
      // Best effort, as for the step lines: the record is what matters.
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  // The steps entered since the last look, up to the end.
  await emitSteps().catch(() => undefined);
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
