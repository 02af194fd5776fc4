// loom run and loom generate: start the work with the effective settings, then follow it.
import type { Client, WorkflowHandle } from '@temporalio/client';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { budgetsOf, workSettingsOf, type LoomConfig } from '../config/loomConfig';
import { checkBase } from '../git/gitWorkspace';
import { nextGenerationNumber } from '../ledger/nextGeneration';
import { readProgramFile } from '../program/programFile';
import { checkSettingFlags, effectiveConfig, JSON_FLAG, positiveNumber, REPO, repoFrom, settingOptions, withClient } from './cliArgs';
import { formatRecord } from './formatRecord';
import { followEvents, startGeneration, watchSteps, type GenerationEvent } from './generations';
import { followLoop, loopStatus, startLoop } from './loops';
import { Progress } from './progress';

/** checkBase, saying so when the base came from loom.config.json (its error names only --base). */
async function checkConfiguredBase(repo: string, config: LoomConfig): Promise<void> {
  try {
    await checkBase(repo, config.baseBranch.value, config.maxRepoMb.value);
  } catch (err) {
    if (config.baseBranch.source === 'file') (err as Error).message += ` (the base "${config.baseBranch.value}" comes from baseBranch in ${config.file})`;
    throw err;
  }
}

export async function generate(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { ...REPO, ...JSON_FLAG, ...settingOptions(['work']), program: { type: 'string' }, generation: { type: 'string' }, events: { type: 'boolean', default: false } } });
  if (!values.repo || !values.program) throw new Error('generate needs --repo PATH and --program FILE (the task, a program.md)');
  checkSettingFlags(values);
  const repo = await repoFrom(values.repo as string, 'generate');
  const config = effectiveConfig(repo, values);
  await checkConfiguredBase(repo, config);
  const program = readProgramFile(resolve(values.program as string));
  const generation = positiveNumber('generation', values.generation as string | undefined, true) ?? (await nextGenerationNumber(repo));
  return withClient(async (client, taskQueue) => {
    const handle = await startGeneration(client, taskQueue, { repoPath: repo, baseRef: config.baseBranch.value, generation, program, settings: workSettingsOf(config) });
    const result = handle.result();
    if (values.events) {
      // One JSON document per line as the generation moves, the record last.
      const emit = (e: GenerationEvent) => console.log(JSON.stringify(e));
      emit({ event: 'started', workflowId: handle.workflowId, generation, taskQueue });
      await followEvents(handle, result, emit);
      const record = await result;
      emit({ event: 'record', record });
      return record.outcome.kind === 'promoted' ? 0 : 1;
    }
    if (!values.json) {
      console.log(`generation ${generation} started: workflow ${handle.workflowId} on task queue ${taskQueue}`);
      const progress = new Progress(process.stdout);
      await watchSteps(handle, result, (line) => progress.setStep(line.replace(/^\s*→\s*/, '')), 250, (text) => progress.detail(text));
      progress.stop();
    }
    const record = await result;
    console.log(values.json ? JSON.stringify(record, null, 2) : formatRecord(record));
    return record.outcome.kind === 'promoted' ? 0 : 1;
  });
}

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { ...REPO, ...settingOptions(['work', 'loop']), detach: { type: 'boolean', default: false } } });
  checkSettingFlags(values);
  const repo = await repoFrom(values.repo as string | undefined, 'run');
  const config = effectiveConfig(repo, values);
  await checkConfiguredBase(repo, config);
  return withClient(async (client, taskQueue) => {
    const handle = await startLoop(client, taskQueue, { repoPath: repo, baseRef: config.baseBranch.value, budgets: budgetsOf(config), settings: workSettingsOf(config) });
    console.log(`loop started: workflow ${handle.workflowId} on task queue ${taskQueue}`);
    if (values.detach) return 0;
    // On a terminal, one live line shows the loop's step (and the generation's activity) as it moves.
    const progress = new Progress(process.stdout, { keepSteps: false });
    let following = true;
    const live = progress.live ? showLoopSteps(client, handle, progress, () => following) : Promise.resolve();
    const result = await followLoop(handle, (line) => progress.line(line)).finally(() => (following = false));
    await live;
    progress.stop();
    const t = result.state.totals;
    console.log(`loop ended (${result.stopReason}): ${t.generations} generations, ${t.promoted} promoted, ${t.rejected} rejected, ${t.failed} failed, $${t.costUsd.toFixed(4)}`);
    return 0;
  });
}

/** The loop's step, and the running generation's activity, for the live line. */
async function showLoopSteps(client: Client, handle: WorkflowHandle, progress: Progress, going: () => boolean): Promise<void> {
  while (going()) {
    try {
      const s = await loopStatus(handle);
      let text = s.step;
      if (s.currentGeneration) {
        const d = await client.workflow.getHandle(s.currentGeneration.workflowId).describe();
        const activity = d.raw.pendingActivities?.[0]?.activityType?.name;
        if (activity) text = `${s.step}: ${activity}`;
      }
      if (going()) progress.setStep(text);
    } catch {
      // Best effort: a query can miss between runs of a continue-as-new chain.
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}
