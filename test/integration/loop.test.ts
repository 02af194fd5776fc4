import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readLedger } from '../../ledger/generationLedger';
import { startScriptedModelServer } from '../../model/scriptedModelServer';
import { temporalBin } from '../../provision/state';
import type { LoopResult } from '../../workflows/loop';
import type { ScriptStep } from '../../model/modelScript';
import { startLoop } from '../../client/loops';
import { exampleRepo, git, headSha, leftoverContainers, ORCHESTRATION_ONLY, ready, runLoom, scriptedModels, startScriptedLoop, waitForStatus } from './harness';

/** The loom command as a person runs it, against the test's Temporal. */
const loom = (args: string[]) => runLoom(args, { PATH: process.env.PATH, HOME: process.env.HOME, TEMPORAL_ADDRESS: ready().temporalAddress });
import { edit, loopScript, noteGeneration, program, write } from './scripts';
import { describeWithWorker } from './suite';
import { addCounts, costUsd, countsOf } from '../../model/pricing';

const testFile = (name: string, imports: string, body: string) =>
  `import { test } from 'node:test';\nimport assert from 'node:assert/strict';\nimport { ${imports} } from '../src/calc.js';\n\n${body}`;

const heldOut = (step: ScriptStep, examples: string[]): ScriptStep => ({ ...step, input: { ...(step.input as object), held_out_examples: examples } });

const SUB = 'export function subtract(a, b) {\n  return a - b;\n}\n';
const DIVIDE = '\nexport function divide(a, b) {\n  return a / b;\n}\n';
const DIVIDE_SAFE = '\nexport function divide(a, b) {\n  if (b === 0) throw new RangeError("divide by zero");\n  return a / b;\n}\n';
const MULTIPLY = '\nexport function multiply(a, b) {\n  return a * b;\n}\n';

// Five generations, each building on what the previous one promoted: generation 3
// edits the divide() that generation 2 added, generation 5 builds square() on generation 4's multiply().
const FIVE = loopScript([
  {
    program: program('Add tests for clamp', 'Add tests for clamp(value, min, max) in src/calc.js.', 'tests'),
    lab: [write('test/clamp.test.js', testFile('clamp', 'clamp', "test('clamp inside', () => {\n  assert.equal(clamp(5, 0, 10), 5);\n});\n\ntest('clamp below', () => {\n  assert.equal(clamp(-1, 0, 10), 0);\n});\n\ntest('clamp above', () => {\n  assert.equal(clamp(11, 0, 10), 10);\n});\n"))],
  },
  {
    program: program('Add divide', 'Add divide(a, b) to src/calc.js with a test.', 'feature'),
    lab: [edit('src/calc.js', SUB, SUB + DIVIDE), write('test/divide.test.js', testFile('divide', 'divide', "test('divide', () => {\n  assert.equal(divide(6, 3), 2);\n});\n"))],
  },
  {
    program: program('Make divide reject zero', 'Make divide in src/calc.js throw RangeError when b is 0, with a test.', 'refactor'),
    lab: [
      edit('src/calc.js', DIVIDE, DIVIDE_SAFE),
      edit('test/divide.test.js', "test('divide', () => {\n  assert.equal(divide(6, 3), 2);\n});\n", "test('divide', () => {\n  assert.equal(divide(6, 3), 2);\n});\n\ntest('divide by zero throws', () => {\n  assert.throws(() => divide(1, 0), RangeError);\n});\n"),
    ],
  },
  {
    // Prime writes examples the Lab never sees; verification asks them of multiply.
    program: heldOut(program('Add multiply', 'Add multiply(a, b) to src/calc.js with a test.', 'feature'), ['multiply(-7, 6) is -42', '`multiply(2.5, 4)` is 10']),
    lab: [edit('src/calc.js', DIVIDE_SAFE, DIVIDE_SAFE + MULTIPLY), write('test/multiply.test.js', testFile('multiply', 'multiply', "test('multiply', () => {\n  assert.equal(multiply(3, 4), 12);\n});\n"))],
  },
  {
    program: program('Add square', 'Add square(x) built on multiply in src/calc.js, with a test.', 'feature'),
    lab: [edit('src/calc.js', MULTIPLY, MULTIPLY + '\nexport function square(x) {\n  return multiply(x, x);\n}\n'), write('test/square.test.js', testFile('square', 'square', "test('square', () => {\n  assert.equal(square(-3), 9);\n});\n"))],
  },
]);

// A budget the stop always arrives within: the loop must end on the request, however fast its
// generations are on this machine, and never run to the budget.
const PAUSED_BUDGET = 40;

describeWithWorker('the unattended loop', 'loop', (h) => {

  it('runs five generations, each building on the last, across continue-as-new, with five records', async () => {
    const repo = await exampleRepo();
    const base = await headSha(repo);
    const loop = await startScriptedLoop(h, repo, FIVE, { continueAsNewEvery: 2 });
    const result = await loop.result();
    await loop.model.close();

    expect(result.stopReason).toBe('generation budget reached: 5 of 5');
    expect(result.state.totals).toMatchObject({ generations: 5, promoted: 5, rejected: 0, failed: 0 });
    // Continued as new after generations 2 and 4, carrying its state intact.
    expect(result.state.continuedAsNew).toBe(2);
    expect(result.state.recent.map((g) => g.generation)).toEqual([1, 2, 3, 4, 5]);
    expect(result.state.recent.map((g) => g.tests?.passed)).toEqual([5, 6, 7, 8, 9]);
    expect(result.state.totals.costUsd).toBeCloseTo(result.state.recent.reduce((s, g) => s + g.costUsd, 0), 10);

    // Main advanced generation by generation: five Loom commits on top of the base, in order,
    // each titled by its task; the Lab's own commits stay on the lab branches.
    const log = (await git(repo, 'log', '--format=%s|%an|%(trailers:key=Loom-Generation,valueonly,separator=)', `${base}..main`)).trim().split('\n').reverse();
    expect(log).toEqual(['Add tests for clamp', 'Add divide', 'Make divide reject zero', 'Add multiply', 'Add square'].map((t, i) => `${t}|Loom|${i + 1}`));
    // Each generation after the first started from the per-test results the last one verified.
    expect(result.state.recent.map((g) => g.tests?.passed)).toEqual([5, 6, 7, 8, 9]);
    expect(await git(repo, 'show', 'main:src/calc.js')).toContain('if (b === 0) throw new RangeError');
    // Each promoted commit carries its spec as a git note, never as a tracked file.
    expect(await git(repo, 'notes', '--ref=loom', 'show', 'main~2')).toContain('# Make divide reject zero');
    expect(await git(repo, 'ls-tree', '-r', '--name-only', 'main')).not.toContain('program.md');

    const ledger = await readLedger(repo);
    expect(ledger.map((e) => [e.record.generation, e.record.outcome.kind])).toEqual([1, 2, 3, 4, 5].map((n) => [n, 'promoted']));
    expect(ledger[2]!.record.program).toContain('## Acceptance criteria');
    expect(ledger[2]!.record.usage.prime!.requests).toBe(2); // reflect + review
    for (const e of ledger) expect(await leftoverContainers(e.workflowId)).toBe(0);
    // Generation 4's held-out examples were asked of multiply and answered; no Lab of the loop saw them.
    expect(ledger[3]!.record.verification?.examples).toMatchObject({ functions: ['src/calc.js: multiply'], checked: 2, heldOut: 2, differences: [] });
    const labSaw = JSON.stringify(loop.model.requests.filter((r) => r.channel === 'lab').map((r) => r.body));
    expect(labSaw).toContain('Add multiply(a, b) to src/calc.js with a test.');
    expect(labSaw).not.toMatch(/held-out|multiply\(-7, 6\)|multiply\(2\.5, 4\)/i);

    // What a person reads when they come back: the table, then one generation in full.
    const history = await loom(['history', '--repo', repo]);
    expect(history.code).toBe(0);
    const lines = history.out.trim().split('\n');
    expect(lines[0]).toMatch(/^gen +outcome +stage +tests +verdict +cost +duration +task$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/).slice(0, 4))).toEqual([
      ['1', 'promoted', '-', '2→5/5'],
      ['2', 'promoted', '-', '5→6/6'],
      ['3', 'promoted', '-', '6→7/7'],
      ['4', 'promoted', '-', '7→8/8'],
      ['5', 'promoted', '-', '8→9/9'],
    ]);
    expect(lines[3]).toMatch(/APPROVED 0\.9 +\$0\.\d{4} +\d+\.\ds +Make divide reject zero$/);
    const shown = await loom(['show', '3', '--repo', repo]);
    expect(shown.out).toContain(`${loop.handle.workflowId.replace(/-loop$/, '')}-gen-3 (loop ${loop.handle.workflowId})`);
    expect(shown.out).toContain('review    APPROVED (confidence 0.9)');
    expect(shown.out).toMatch(/change:\n *src\/calc\.js +\| +\d+ \+/);
    expect(shown.out).toContain('## Task\nMake divide in src/calc.js throw RangeError when b is 0, with a test.');
    expect(JSON.parse((await loom(['show', '3', '--repo', repo, '--json'])).out).record.generation).toBe(3);
    const missing = await loom(['show', '9', '--repo', repo]);
    expect(missing.code).toBe(2);
    expect(missing.out).toContain('no generation 9 is recorded for this repository: see loom history');

    // The report of these five generations, kept as a CI artifact next to the Web UI screenshots.
    const out = resolve('.loom/test-output/loom-report.md');
    mkdirSync(dirname(out), { recursive: true });
    const report = await loom(['report', '--repo', repo, '--out', out]);
    expect(report.code).toBe(0);
    const md = readFileSync(out, 'utf8');
    expect(md).toContain('**5 promoted (100%), 0 rejected, 0 failed;');
    expect(md).toMatch(/\| claude-opus-4-6 \| 5 \| 5 \| 100% \|/);
    expect(md).toContain('![fitness over time](loom-report-fitness.svg)');
    expect(readFileSync(join(dirname(out), 'loom-report-fitness.svg'), 'utf8')).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    console.log(`loom report of the five-generation loop (CI artifact): ${out}`);
  });

  it('pauses after the current step, resumes, and stops gracefully after the current generation, through the loom command', async () => {
    const repo = await exampleRepo();
    const loop = await startScriptedLoop(h, repo, loopScript(Array.from({ length: PAUSED_BUDGET }, (_, i) => noteGeneration(i + 1))), { budgets: { maxGenerations: PAUSED_BUDGET }, settings: { verification: ORCHESTRATION_ONLY } });
    expect((await loom(['pause', '--repo', repo])).out).toContain('pauses after the current step');
    const paused = await waitForStatus(loop.handle, (s) => s.step === 'paused');
    expect(paused.state.paused).toBe(true);
    const during = paused.state.totals.generations;
    await new Promise((r) => setTimeout(r, 1500));
    const status = await loom(['status', '--repo', repo, '--json']);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.out)).toMatchObject({ step: 'paused', state: { paused: true, totals: { generations: during } } });
    const plain = (await loom(['status', '--repo', repo])).out;
    expect(plain).toMatch(/: paused \(paused\)\n {2}generations \d+ .*spent \$/);
    expect(plain).toContain(`  left: ${PAUSED_BUDGET - during} of ${PAUSED_BUDGET} generations, USD: no limit, time: no limit,`);

    await loom(['resume', '--repo', repo]);
    await waitForStatus(loop.handle, (s) => s.state.totals.generations >= during + 1);
    // Watching follows the loop until it ends, one JSON line at a time.
    const watching = loom(['status', '--repo', repo, '--watch', '--json']);
    await loom(['stop', '--repo', repo]);
    const result = await loop.result();
    const watched = (await watching).out.trim().split('\n').map((l) => JSON.parse(l));
    expect(watched.at(-1)).toMatchObject({ running: false, state: { stopRequested: true } });
    expect(watched.slice(0, -1).every((w) => w.running)).toBe(true);
    await loop.model.close();
    expect(result.stopReason).toBe('stopped on request');
    expect(result.state.totals.generations).toBeGreaterThanOrEqual(during + 1);
    expect(result.state.totals.generations).toBeLessThan(PAUSED_BUDGET);
    // Stopping never cuts a generation short: every one that began has its record.
    expect((await readLedger(repo)).length).toBe(result.state.recent.filter((g) => g.stage !== 'reflect').length);
  });

  it('numbers generations once per repository: a loop run again goes on from the last, a second one at once is refused, nothing is overwritten', async () => {
    const repo = await exampleRepo();
    const first = await startScriptedLoop(h, repo, loopScript([1, 2].map(noteGeneration)), { budgets: { maxGenerations: 2 }, settings: { verification: ORCHESTRATION_ONLY } });
    await expect(startLoop(h.client, h.taskQueue, { repoPath: repo, baseRef: 'main', budgets: {}, settings: { testCommand: 'npm test', models: scriptedModels(first.model) } })).rejects.toThrow(
      new RegExp(`a loop is already running on ${repo}: workflow ${first.handle.workflowId}\\.`),
    );
    expect((await first.result()).state.recent.map((g) => [g.generation, g.outcome])).toEqual([[1, 'promoted'], [2, 'promoted']]);
    await first.model.close();
    const gen1 = await git(repo, 'rev-parse', 'lab/gen-1');

    const again = await startScriptedLoop(h, repo, loopScript([3, 4].map(noteGeneration)), { budgets: { maxGenerations: 2 } });
    const result = await again.result();
    await again.model.close();
    expect(result.state.recent.map((g) => [g.generation, g.outcome])).toEqual([[3, 'promoted'], [4, 'promoted']]);
    expect(await git(repo, 'rev-parse', 'lab/gen-1')).toBe(gen1);
    expect((await git(repo, 'ls-tree', '--name-only', 'main', 'docs/')).trim().split('\n')).toEqual(['docs/note-1.md', 'docs/note-2.md', 'docs/note-3.md', 'docs/note-4.md']);
    // Every promotion on main has its record, each under its own number.
    const ledger = await readLedger(repo);
    expect(ledger.map((e) => e.record.generation)).toEqual([1, 2, 3, 4]);
    expect(new Set(ledger.map((e) => e.workflowId)).size).toBe(4);
    const history = (await loom(['history', '--repo', repo])).out.trim().split('\n').slice(1);
    expect(history.map((l) => l.split(/\s+/).slice(0, 2))).toEqual([1, 2, 3, 4].map((n) => [String(n), 'promoted']));
  });

  it('stops after too many unpromoted generations in a row, backing off between them', async () => {
    const repo = await exampleRepo();
    const idle = (n: number) => ({ program: program(`Look around ${n}`, `Read src/calc.js and change nothing, pass ${n}.`), lab: [{ tool: 'read', input: { path: 'src/calc.js' } }], review: null });
    const loop = await startScriptedLoop(h, repo, loopScript([1, 2, 3].map(idle)), { budgets: { maxGenerations: 3, maxConsecutiveFailures: 2 }, failureBackoffMs: 300 });
    const result = await loop.result();
    await loop.model.close();
    expect(result.stopReason).toBe('2 generations in a row did not promote (limit 2)');
    expect(result.state.recent.map((g) => [g.outcome, g.reason])).toEqual([
      ['rejected', 'the Lab made no change'],
      ['rejected', 'the Lab made no change'],
    ]);
  });

  it('stops at the USD budget with the reason recorded, and budgets can change while it runs', async () => {
    const repo = await exampleRepo();
    const loop = await startScriptedLoop(h, repo, loopScript([1, 2, 3].map(noteGeneration)), { budgets: { maxGenerations: 3, maxUsd: 0.000001 } });
    const result = await loop.result();
    await loop.model.close();
    expect(result.state.totals.generations).toBe(1);
    expect(result.stopReason).toMatch(/^USD budget reached: \$0\.\d{4} spent of \$0\.000001$/);

    // The README's way to start a loop with the plain Temporal CLI, budgets and models changed while it runs.
    const repo2 = await exampleRepo();
    const model2 = await startScriptedModelServer(loopScript([1, 2, 3].map(noteGeneration)));
    const input = {
      repoPath: repo2,
      baseRef: 'main',
      workflowIdPrefix: 'loom-cli-started',
      budgets: { maxGenerations: 3 },
      failureBackoffMs: 200,
      settings: { testCommand: 'npm test', models: scriptedModels(model2) },
    };
    const e = ready();
    execFileSync(temporalBin(), ['workflow', 'start', '--address', e.temporalAddress, '--task-queue', h.taskQueue, '--type', 'loopWorkflow', '--workflow-id', 'loom-cli-started-loop', '--input', JSON.stringify(input)]);
    const handle2 = h.client.workflow.getHandle('loom-cli-started-loop');
    expect(await handle2.executeUpdate('setBudgets', { args: [{ maxGenerations: 2 }] })).toMatchObject({ maxGenerations: 2 });
    expect(await handle2.executeUpdate('setModels', { args: [{ lab: { model: 'claude-haiku-4-5' } }] })).toMatchObject({ lab: { model: 'claude-haiku-4-5', baseURL: model2.baseUrl('lab') } });
    const result2 = (await handle2.result()) as LoopResult;
    await model2.close();
    expect(result2.state.totals.generations).toBe(2);
    // Generation 1 may have started before the update; generation 2 certainly did not.
    expect((await readLedger(repo2))[1]!.record.usage.lab!.model).toBe('claude-haiku-4-5');
    expect(result2.stopReason).toBe('generation budget reached: 2 of 2');
  });

  it("counts what failed reflect attempts cost against the loop's USD budget", async () => {
    const repo = await exampleRepo();
    const bad = { tool: 'submit_program', input: { title: 'x', task: 'y', acceptance_criteria: [], risk: 'tests' } };
    // Three invalid programs: generation 1 fails at reflect, having paid for three calls.
    const loop = await startScriptedLoop(h, repo, { prime: [bad, bad, bad], lab: [] }, { budgets: { maxGenerations: 1 } });
    const result = await loop.result();
    await loop.model.close();
    const paid = loop.model.requests.filter((r) => r.channel === 'prime' && r.reply?.status === 200).map((r) => r.reply!.body.usage);
    expect(paid).toHaveLength(3);
    const expected = costUsd('claude-sonnet-4-6', paid.reduce((t, u) => addCounts(t, countsOf(u)), { inputTokens: 0, outputTokens: 0 }));
    expect(expected).toBeGreaterThan(0);
    expect(result.state.recent[0]).toMatchObject({ outcome: 'failed', stage: 'reflect' });
    expect(result.state.totals.costUsd).toBeCloseTo(expected, 10);
  });
});
