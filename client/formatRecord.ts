import { describeOutcome, type GenerationRecord, type Stage } from '../generation/record';

const STAGES: Stage[] = ['baseline', 'spawnLab', 'fetchBranch', 'runTests', 'checkChange', 'llmReview', 'promote'];

function seconds(ms: number | undefined): string {
  return ms === undefined ? '-' : `${(ms / 1000).toFixed(2)}s`;
}

/** The record as a person reads it after a generation. */
export function formatRecord(r: GenerationRecord): string {
  const lines = [
    `generation ${r.generation} of ${r.repoPath} (${r.baseRef})`,
    `  outcome   ${describeOutcome(r.outcome).split('\n')[0]}`,
    `  base      ${r.baseSha ?? '-'}`,
    `  lab       ${r.labSha ?? '-'} on ${r.labBranch}${r.labTurns !== undefined ? `, ${r.labTurns} agent turns` : ''}`,
  ];
  if (r.diffStat) lines.push(`  change    ${r.diffStat.trim().split('\n').pop()}`);
  if (r.tests) {
    const t = r.tests;
    lines.push(`  tests     ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped of ${t.total} (${t.runner}, \`${t.command}\`, exit ${t.exitCode})${t.assertions !== undefined ? `, ${t.assertions} assertions` : ''}`);
  }
  if (r.fitness) lines.push(`  fitness   ${r.fitness.score} (${r.fitness.testsAdded >= 0 ? '+' : ''}${r.fitness.testsAdded} tests)${r.fitness.penalties.length ? `; ${r.fitness.penalties.join('; ')}` : ''}`);
  if (r.review) lines.push(`  review    ${r.review.verdict} (confidence ${r.review.confidence}): ${r.review.reasoning}`);
  for (const role of ['lab', 'prime'] as const) {
    const u = r.usage[role];
    if (u) lines.push(`  ${(role === 'lab' ? 'Lab' : 'Prime').padEnd(9)} ${u.model}: ${u.inputTokens} in / ${u.outputTokens} out tokens, ${u.requests} requests, $${u.costUsd.toFixed(4)}`);
  }
  lines.push(`  cost      $${r.costUsd.toFixed(4)}`);
  lines.push(`  steps     ${STAGES.filter((s) => r.durationsMs[s] !== undefined).map((s) => `${s} ${seconds(r.durationsMs[s])}`).join(', ')}`);
  return lines.join('\n');
}
