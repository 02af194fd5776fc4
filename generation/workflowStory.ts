// What the Temporal Web UI shows for a generation without opening a payload: search
// attribute values, one-line summaries of the workflow and each activity, and the
// workflow's current details (Markdown). Pure and workflow-safe.
import type { SearchAttributePair } from '@temporalio/common';
import { LoomCostUsd, LoomGeneration, LoomLabModel, LoomLoopId, LoomOutcome, LoomRepo, LoomStage, LoomVerdict } from './searchAttributes';
import type { GenerationRecord, GenerationRequest } from './recordTypes';
import type { WorkSettings } from '../config/workSettings';
import { programTitle } from './naming';
import type { LoopState } from './loop';

/** What is known when the generation starts: filters work while it runs. */
export function startAttributes(input: Pick<GenerationRequest, 'generation' | 'repoPath' | 'loopId'> & { settings: Pick<WorkSettings, 'models'> }): SearchAttributePair[] {
  const pairs: SearchAttributePair[] = [
    { key: LoomGeneration, value: input.generation },
    { key: LoomRepo, value: input.repoPath },
    { key: LoomOutcome, value: 'running' },
    { key: LoomLabModel, value: input.settings.models.lab.model },
  ];
  if (input.loopId) pairs.push({ key: LoomLoopId, value: input.loopId });
  return pairs;
}

/** What the finished record adds: outcome, the stage that decided it, verdict, cost. */
export function endAttributes(record: GenerationRecord): SearchAttributePair[] {
  const pairs: SearchAttributePair[] = [
    { key: LoomOutcome, value: record.outcome.kind },
    { key: LoomCostUsd, value: Math.round(record.costUsd * 1e6) / 1e6 },
  ];
  // A promoted generation passed every stage; "promote" keeps the column filled and filterable.
  pairs.push({ key: LoomStage, value: record.outcome.kind === 'promoted' ? 'promote' : record.outcome.stage });
  if (record.review) pairs.push({ key: LoomVerdict, value: record.review.verdict });
  // The repository path may have been resolved to its real path by resolveBase.
  pairs.push({ key: LoomRepo, value: record.repoPath });
  return pairs;
}

const oneLine = (s: string, max = 120) => {
  const line = s.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

/** The workflow's one-line summary in the list and on its page. */
export function generationSummary(input: Pick<GenerationRequest, 'generation' | 'program' | 'repoPath'>): string {
  const repo = input.repoPath.split('/').filter(Boolean).at(-1) ?? input.repoPath;
  return oneLine(`Loom gen ${input.generation} of ${repo}: ${programTitle(input.program)}`);
}

/** Static details: the task and the settings it runs under. */
export function generationDetails(input: Pick<GenerationRequest, 'generation' | 'program' | 'repoPath' | 'baseRef'> & { settings: Pick<WorkSettings, 'models' | 'testCommand'> }): string {
  const program = input.program.length > 3000 ? `${input.program.slice(0, 3000)}\n…` : input.program;
  return [
    `**Repository** \`${input.repoPath}\` · base \`${input.baseRef}\` · tests \`${input.settings.testCommand}\``,
    `**Lab model** \`${input.settings.models.lab.model}\` · **Prime model** \`${input.settings.models.prime.model}\``,
    '',
    '**program.md**',
    '',
    program,
  ].join('\n');
}

export function loopSummary(repoPath: string): string {
  return oneLine(`Loom loop on ${repoPath}`);
}

/** One line per activity, shown on the event in the workflow's timeline. */
export const activitySummary = {
  setup: (command: string, sha: string) => oneLine(`setup: \`${command}\` on ${sha.slice(0, 10)} with network, snapshotted for the sealed containers (reused while the lockfiles stay the same)`),
  baseline: (branch: string, sha: string, command: string) => oneLine(`baseline: \`${command}\` on ${branch}@${sha.slice(0, 10)}`),
  spawnLab: (model: string, maxTurns: number) => oneLine(`Lab: ${model} edits the code in a sealed container, at most ${maxTurns} turns`),
  fetchBranch: (labBranch: string, sha: string) => oneLine(`fetch ${labBranch}@${sha.slice(0, 10)} from the Lab, check its SHA`),
  runTests: (branch: string, sha: string, command: string) => oneLine(`verify: \`${command}\` on ${branch}@${sha.slice(0, 10)} in a fresh container`),
  mutation: (sha: string, maxMutants: number) => oneLine(`mutants: the changed lines of ${sha.slice(0, 10)} and up to ${maxMutants} of the code its new tests exercise`),
  heldOut: (sha: string) => oneLine(`held-out: the base's own tests on the Lab's source (${sha.slice(0, 10)}) in a fresh container, once more in another environment, then with faults planted in unchanged code`),
  checkChange: () => 'inspect the change: diff hygiene, protected test setup, dependencies, program.md paths, ambient capabilities, text to the reviewer; build the held-out tree',
  llmReview: (model: string) => oneLine(`review: ${model} reads the diff and answers APPROVED or REJECTED`),
  promote: (baseRef: string) => oneLine(`promote: one Loom commit of the verified tree onto ${baseRef}, program.md as a git note`),
};

/** The story so far, as Markdown: the "current details" of the workflow page. */
export function currentDetails(record: GenerationRecord, step: string): string {
  const lines = [`**Step** ${step}`];
  const o = record.outcome;
  if (step === 'done') {
    lines[0] = o.kind === 'promoted' ? `**Promoted** \`${o.sha.slice(0, 12)}\` into \`${record.baseRef}\`` : `**${o.kind === 'rejected' ? 'Rejected' : 'Failed'} at ${o.stage}**: ${oneLine(o.reason, 400)}`;
  }
  if (record.baseSha) lines.push(`**Base** \`${record.baseSha.slice(0, 12)}\``);
  if (record.baselineTests) lines.push(`**Tests before** ${record.baselineTests.passed}/${record.baselineTests.total}`);
  if (record.labSha) lines.push(`**Lab commit** \`${record.labSha.slice(0, 12)}\` after ${record.labTurns ?? '?'} turns`);
  if (record.diffStat) lines.push(`**Change** ${changeLine(record.diffStat)}`);
  if (record.tests) lines.push(`**Tests after** ${record.tests.passed}/${record.tests.total}${record.tests.failed ? `, ${record.tests.failed} failed` : ''}${record.verification?.lab?.added.length ? ` (new: ${oneLine(record.verification.lab.added.join(', '), 200)})` : ''}`);
  const h = record.verification?.heldOut;
  if (h) lines.push(`**Held-out** ${h.stillPassing}/${h.basePassed} of the base's tests pass on the Lab's source${h.changed.length ? `, ${h.changed.length} changed as declared` : ''}`);
  const p = record.verification?.perturbed;
  if (p) lines.push(`**Perturbed run** ${p.differing.length ? `${p.blamed.length} test${p.blamed.length === 1 ? '' : 's'} pass only in the usual environment${p.environmental.length ? `, ${p.environmental.length} depend on it on the base too` : ''}` : 'every verdict the same in another environment'}${p.newTests ? (p.newTests.blamed.length ? `; ${p.newTests.blamed.length} of the Lab's ${p.newTests.run} new tests fail there` : `, the Lab's ${p.newTests.run} new test${p.newTests.run === 1 ? '' : 's'} included`) : ''}`);
  const f = record.verification?.planted;
  if (f) lines.push(f.skipped ? `**Planted faults** none: ${f.skipped}` : `**Planted faults caught** ${f.caught}/${f.tried}${f.uncaughtOnBoth ? ` (${f.uncaughtOnBoth} the base misses too)` : ''}`);
  const d = record.verification?.differential;
  if (d) lines.push(`**Asked again** ${d.calls} calls of ${d.functions.length} function${d.functions.length === 1 ? '' : 's'}${d.differences.length ? `, answered differently: ${oneLine(d.differences[0]!, 200)}` : ', the same answers'}`);
  const e = record.verification?.examples;
  if (e) lines.push(`**Task's examples** ${e.differences.length ? `answered otherwise: ${oneLine(e.differences[0]!, 200)}` : `${e.checked} answered as program.md says${e.heldOut ? ` (${e.heldOut} held out from the Lab)` : ''}`}${e.unchecked.length ? `; not asked: ${oneLine(e.unchecked.join('; '), 120)}` : ''}`);
  for (const x of record.verification?.vendor ?? []) lines.push(`**Vendor** \`${x.root ? `${x.root}/` : ''}vendor/\` ${x.outcome === 'same' ? 'is what go mod vendor makes' : x.outcome === 'differs' ? 'differs from what go mod vendor makes' : 'could not be made again offline'}`);
  const caps = record.verification?.capabilities;
  if (caps?.length) lines.push(`**Capabilities** ${oneLine(caps.join('; '), 300)}`);
  const m = record.verification?.mutation;
  if (m) lines.push(m.skipped ? `**Mutants** none: ${m.skipped}` : `**Mutants killed** ${m.killed}/${m.ran}${m.changedLines?.total ? `, ${m.changedLines.caught}/${m.changedLines.total} changed lines caught` : ''}${m.vacuous.length ? `, vacuous: ${oneLine(m.vacuous.join('; '), 200)}` : ''}`);
  if (record.verification?.blind?.length) lines.push(`**Blind** ${record.verification.blind.join('; ')}`);
  if (record.review) lines.push(`**Review** ${record.review.verdict} (confidence ${record.review.confidence}): ${oneLine(record.review.reasoning, 400)}`);
  if (step === 'done') lines.push(`**Cost** $${record.costUsd.toFixed(4)}`);
  return lines.join('  \n');
}

/** The loop's page: totals, budgets and the last generations, as Markdown. */
export function loopDetails(state: LoopState, step: string): string {
  const t = state.totals;
  const b = state.budgets;
  const lines = [
    `**Step** ${step}${state.paused ? ' (paused)' : ''}${state.stopRequested ? ' (stopping)' : ''}`,
    `**Generations** ${t.generations}: ${t.promoted} promoted, ${t.rejected} rejected, ${t.failed} failed · **spent** $${t.costUsd.toFixed(4)}`,
    `**Budgets** ${b.maxGenerations ?? '∞'} generations · $${b.maxUsd ?? '∞'} · ${b.maxConsecutiveFailures ?? '∞'} failures in a row`,
  ];
  for (const g of state.recent.slice(-5)) {
    lines.push(`gen ${g.generation} ${g.outcome}${g.stage && g.outcome !== 'promoted' ? ` at ${g.stage}` : ''}: ${oneLine(g.title, 80)}`);
  }
  return lines.join('  \n');
}

/** `git diff --stat` in one line: the files, then git's summary (2 files changed, 15 insertions(+)). */
export function changeLine(diffStat: string): string {
  const lines = diffStat.split('\n').map((l) => l.trim()).filter(Boolean);
  const files = lines.filter((l) => l.includes('|')).map((l) => l.split('|')[0]!.trim());
  const summary = lines.find((l) => /\bchanged\b/.test(l)) ?? '';
  return oneLine(`${files.slice(0, 8).join(', ')}${files.length > 8 ? ', …' : ''}${summary ? ` (${summary})` : ''}`, 300);
}
