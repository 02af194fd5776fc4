import { STAGES, type GenerationRecord, type Outcome } from '../generation/recordTypes';

/** The outcome in words: the promoted commit, or where and why it stopped. */
export function describeOutcome(o: Outcome): string {
  if (o.kind === 'promoted') return `promoted ${o.sha.slice(0, 12)}`;
  return `${o.kind} at ${o.stage}: ${o.reason}`;
}

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
  const ls = r.labSession;
  if (ls) {
    const notes = [ls.truncatedReplies && `${ls.truncatedReplies} replies cut off at max_tokens`, ls.maskedResults && `${ls.maskedResults} old tool results elided`, ls.largestPrompt && `largest prompt ${ls.largestPrompt.toLocaleString('en-US')} tokens`].filter(Boolean);
    lines.push(`  session   ${ls.stop}${notes.length ? `; ${notes.join(', ')}` : ''}${ls.transcript ? `; transcript ${ls.transcript} (loom show ${r.generation} --transcript)` : ''}`);
    if (ls.summary) lines.push(`  Lab said  ${(ls.summary.split('\n').find((l) => l.trim()) ?? '').slice(0, 300)}`);
  }
  if (r.setup) {
    const s = r.setup;
    lines.push(`  setup     ${s.image}, ${s.reused ? 'reused' : 'made'} (installs ${s.paths.join(', ') || 'nothing in the workspace'}; key from ${s.inputs.join(', ') || 'the command and image only'})`);
    if (s.changed.length) lines.push(`            changed tracked files, not kept: ${s.changed.join(', ')}`);
  }
  if (r.diffStat) lines.push(`  change    ${r.diffStat.trim().split('\n').pop()}`);
  if (r.tests) {
    const t = r.tests;
    lines.push(`  tests     ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped of ${t.total} (${t.runner}, \`${t.command}\`, exit ${t.exitCode})${t.assertions !== undefined ? `, ${t.assertions} assertions` : ''}${t.runnerTotal !== undefined && !t.countWarning ? `; ${t.runner} counted ${t.runnerTotal} too` : ''}`);
    if (t.countWarning) lines.push(`  WARNING   ${t.countWarning}`);
  }
  const v = r.verification;
  if (v) {
    lines.push(`  read as   ${v.how}`);
    for (const b of v.blind ?? []) lines.push(`  BLIND     ${b}`);
    if (v.lab?.added.length) lines.push(`  new tests ${v.lab.added.join('; ')}`);
    if (v.lab?.lost.length) lines.push(`  lost      ${v.lab.lost.join('; ')}`);
    if (v.heldOut) {
      const h = v.heldOut;
      lines.push(`  held-out  ${h.stillPassing} of the base's ${h.basePassed} passing tests pass on the Lab's source${h.sameAsLab ? ' (the Lab changed no test: the held-out tree is its own)' : h.sameAsBase ? ' (the Lab changed only tests: the held-out tree is the base, run as the baseline)' : ` (${h.restored} evaluation file${h.restored === 1 ? '' : 's'} restored from the base, ${h.removed} of the Lab's removed)`}`);
      for (const c of h.changed) lines.push(`            changed as declared: ${c.id}: ${c.status}${c.message ? ` (${c.message})` : ''}`);
      for (const f of h.failedTests) lines.push(`            failed: ${f}`);
      if (h.surface) lines.push(`  reads     the base's tests read ${h.surface.baseRead} file${h.surface.baseRead === 1 ? '' : 's'}, ${h.surface.heldOutRead} on the Lab's source; ${h.surface.entryPoints} entry point${h.surface.entryPoints === 1 ? '' : 's'} held to what the tests loaded (${(h.surface.traceMs / 1000).toFixed(1)}s tracing)`);
    }
    if (v.perturbed) {
      const p = v.perturbed;
      lines.push(`  perturbed ${p.differing.length ? `${p.differing.length} test${p.differing.length === 1 ? '' : 's'} changed verdict` : 'every verdict the same'} in another environment (${p.environment}; ${(p.durationMs / 1000).toFixed(1)}s)${p.newTests ? `; the Lab's new tests there: ${p.newTests.run - p.newTests.blamed.length} of ${p.newTests.run} pass${p.newTests.blamed.length ? ` (failing: ${p.newTests.blamed.slice(0, 3).join(', ')})` : ''}` : ''}`);
      for (const t of p.blamed) lines.push(`            passes only in the usual environment: ${t}`);
      for (const t of p.environmental) lines.push(`            depends on the environment on the base too: ${t}`);
    }
    if (v.planted) {
      const p = v.planted;
      lines.push(p.skipped ? `  planted   none: ${p.skipped}` : `  planted   ${p.caught} of ${p.tried} faults planted in unchanged code caught by the base's tests${p.uncaughtOnBoth ? ` (${p.uncaughtOnBoth} the base misses too)` : ''} (${(p.durationMs / 1000).toFixed(1)}s)`);
      for (const f of p.faults) lines.push(`            fault: ${f}`);
    }
    if (v.differential) {
      const d = v.differential;
      lines.push(`  asked     ${d.calls} calls of ${d.functions.join(', ')} ${d.differences.length ? `answered differently: ${d.differences[0]}` : 'answered the same (again, and on the base for a refactor)'} (${(d.durationMs / 1000).toFixed(1)}s)`);
    }
    if (v.examples) {
      const e = v.examples;
      lines.push(`  examples  ${e.checked} of program.md's examples${e.heldOut ? ` (${e.heldOut} held out from the Lab)` : ''} asked of ${e.functions.join(', ')}: ${e.differences.length ? `answered otherwise: ${e.differences[0]}` : 'each answered as the task says'}`);
      for (const u of e.unchecked) lines.push(`            not asked: ${u}`);
    }
    for (const x of v.vendor ?? []) lines.push(`  vendor    ${x.root ? `${x.root}/` : ''}vendor/ ${x.outcome === 'same' ? 'is what go mod vendor makes, file for file' : x.outcome === 'differs' ? 'differs from what go mod vendor makes' : 'could not be made again offline'}`);
    if (v.capabilities?.length) for (const c of v.capabilities) lines.push(`  reaches   ${c}`);
    if (v.mutation) {
      const m = v.mutation;
      lines.push(m.skipped ? `  mutants   none run: ${m.skipped}` : `  mutants   ${m.killed}/${m.ran} killed${m.changedLines?.total ? `; ${m.changedLines.caught}/${m.changedLines.total} changed lines caught` : ''} (${m.generated} generated; control run ${m.control}; ${(m.durationMs / 1000).toFixed(1)}s)`);
      for (const l of m.untestedLines ?? []) lines.push(`            untested line: ${l}`);
      for (const l of m.uncaughtLines ?? []) lines.push(`            run, never caught: ${l}`);
      if (m.unmeasuredLines?.length) lines.push(`            not measured (budget): ${m.unmeasuredLines.join(', ')}`);
      for (const s of m.survivors) lines.push(`            survived: ${s}`);
      for (const t of m.judgedThrough ?? []) lines.push(`            judged through its compiled JavaScript: ${t}`);
      if (m.survivorsCalled) lines.push(`            ${m.survivorsCalled.mutants} survivor${m.survivorsCalled.mutants === 1 ? '' : 's'} of changed lines called like their function (${m.survivorsCalled.calls} calls): ${m.survivorsCalled.differing.length ? `${m.survivorsCalled.differing.length} answer differently` : 'each answers as the change does'}`);
      for (const t of m.vacuous) lines.push(`            vacuous: ${t}`);
    }
  }
  if (r.fitness) lines.push(`  fitness   ${r.fitness.score}${r.fitness.mutantsTotal !== undefined ? ` (${r.fitness.mutantsKilled}/${r.fitness.mutantsTotal} mutants killed` : ' ('}${r.fitness.mutantsTotal !== undefined ? ', ' : ''}${r.fitness.testsAdded >= 0 ? '+' : ''}${r.fitness.testsAdded} tests)`);
  if (r.promotedTree) lines.push(`  promoted  tree ${r.promotedTree} (the tested tree, byte for byte), as one Loom commit`);
  if (r.review) lines.push(`  review    ${r.review.verdict} (confidence ${r.review.confidence}): ${r.review.reasoning}`);
  for (const role of ['lab', 'prime'] as const) {
    const u = r.usage[role];
    const cached = u && (u.cacheWriteTokens || u.cacheReadTokens) ? ` (+ ${u.cacheWriteTokens ?? 0} cache write, ${u.cacheReadTokens ?? 0} cache read)` : '';
    if (u) lines.push(`  ${(role === 'lab' ? 'Lab' : 'Prime').padEnd(9)} ${u.model}: ${u.inputTokens} in${cached} / ${u.outputTokens} out tokens, ${u.requests} requests, $${u.costUsd.toFixed(4)}`);
  }
  lines.push(`  cost      $${r.costUsd.toFixed(4)}`);
  lines.push(`  steps     ${STAGES.filter((s) => r.durationsMs[s] !== undefined).map((s) => `${s} ${seconds(r.durationsMs[s])}`).join(', ')}`);
  return lines.join('\n');
}
