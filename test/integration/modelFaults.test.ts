import { expect, it } from 'vitest';
import type { ScriptStep } from '../../model/modelScript';
import type { ScriptedModelServer } from '../../model/scriptedModelServer';
import { exampleRepo, git, headSha, ORCHESTRATION_ONLY, reasonOf, runGeneration as runFullGeneration, scriptedModels, toolResults } from './harness';
import { TRUNCATED_CALL } from '../../lab/agent';
import { addMultiply, bash, labScript, MULTIPLY_EDIT, MULTIPLY_TEST, write } from './scripts';
import { describeWithWorker } from './suite';

const fault = (status: number): ScriptStep => ({ error: { status } });

/** What these tests show is the model API's side: each generation's verification is the orchestration's only. */
const runGeneration = (...[h, repo, script, overrides = {}]: Parameters<typeof runFullGeneration>) => {
  const given = overrides.settings;
  return runFullGeneration(h, repo, script, { ...overrides, settings: (model: ScriptedModelServer) => ({ verification: ORCHESTRATION_ONLY, ...(typeof given === 'function' ? given(model) : given) }) });
};

// The model API misbehaving, injected by the scripted server: retries where they help,
// a bounded repair where they do not, and never a promotion on an uncertain review.
describeWithWorker('model API faults', 'faults', (h) => {
  it('rides out 529, 500 and 429 answers with retries and still promotes', async () => {
    const repo = await exampleRepo();
    const script = addMultiply();
    const lab = script.lab!;
    // Faults before the first Lab turn, between turns and before the review: the SDK
    // retries each in place, within its limit of 2.
    script.lab = [fault(529), fault(500), ...lab.slice(0, 1), fault(429), ...lab.slice(1)];
    script.prime = [fault(529), ...script.prime!];
    const { record, model } = await runGeneration(h, repo, script);
    expect(record.outcome.kind).toBe('promoted');
    expect(model.requests.filter((r) => r.channel === 'lab')).toHaveLength(script.lab.length);
    expect(model.remaining('lab')).toBe(0);
    expect(model.remaining('prime')).toBe(0);
  });

  it('restarts the Lab on a fresh attempt when the API stays down past the SDK retries', async () => {
    const repo = await exampleRepo();
    const script = addMultiply();
    script.lab = [fault(529), fault(529), fault(529), ...script.lab!];
    const { record } = await runGeneration(h, repo, script);
    expect(record.outcome.kind).toBe('promoted');
    expect(record.usage.lab!.requests).toBe(4); // the successful attempt's requests only
  });

  it('fails at once, without retries, on an answer that asking again cannot change', async () => {
    const repo = await exampleRepo();
    const base = await headSha(repo);
    const invalid: ScriptStep = { error: { status: 400, message: 'model: the endpoint has no model claude-opus-4-6' } };
    const lab = await runGeneration(h, repo, { lab: [invalid, ...addMultiply().lab!], prime: [] });
    expect(lab.record.outcome).toMatchObject({ kind: 'failed', stage: 'spawnLab' });
    expect(reasonOf(lab.record)).toMatch(/^the Lab model claude-opus-4-6 at http:\/\/127\.0\.0\.1:\d+\/lab answered 400 \(model: the endpoint has no model claude-opus-4-6\), which asking again cannot change: /);
    // One request: neither the SDK nor the activity's retry policy asked again.
    expect(lab.model.requests.filter((r) => r.channel === 'lab')).toHaveLength(1);

    const review = await runGeneration(h, repo, addMultiply([{ error: { status: 401, type: 'authentication_error', message: 'invalid x-api-key' } }, ...addMultiply().prime!]));
    expect(review.record.outcome).toMatchObject({ kind: 'failed', stage: 'llmReview', reason: expect.stringMatching(/answered 401 \(invalid x-api-key\).*set the right key in the worker's environment/) });
    expect(review.model.requests.filter((r) => r.channel === 'prime')).toHaveLength(1);
    expect(await headSha(repo)).toBe(base);
  });

  it('never promotes when the reviewer answers without a verdict call', async () => {
    const repo = await exampleRepo();
    const base = await headSha(repo);
    const { record } = await runGeneration(h, repo, addMultiply([{ text: 'Looks good to me, ship it!' }]));
    expect(record.outcome).toEqual({ kind: 'rejected', stage: 'llmReview', reason: 'the reviewer gave no submit_verdict call' });
    expect(await headSha(repo)).toBe(base);
  });

  it('answers a call to an unknown tool with an error result and carries on', async () => {
    const repo = await exampleRepo();
    const { record, model } = await runGeneration(h, repo, labScript([{ tool: 'browse', input: { url: 'https://example.com' } }, MULTIPLY_EDIT, MULTIPLY_TEST]));
    expect(toolResults(model)[0]).toBe('unknown tool "browse"; the tools are read, write, edit and bash');
    expect(record.outcome.kind).toBe('promoted');
  });

  it('times out a model request that hangs, and retries it', async () => {
    const repo = await exampleRepo();
    const script = addMultiply();
    // The reviewer hangs for 6 s on the first request; the SDK gives up at 2 s and asks again.
    script.prime = [{ ...script.prime![0]!, delayMs: 6000 }, ...script.prime!];
    const started = Date.now();
    const { record, model } = await runGeneration(h, repo, script);
    expect(record.outcome.kind).toBe('promoted');
    expect(model.requests.filter((r) => r.channel === 'prime')).toHaveLength(2);
    expect(record.durationsMs.llmReview!).toBeGreaterThanOrEqual(2000);
    expect(Date.now() - started).toBeLessThan(60_000);
  });
  it('a reply cut off at max_tokens runs none of its calls: the half-written file never reaches the tree, the Lab is told and goes on', async () => {
    const repo = await exampleRepo();
    // A write longer than the Lab's 8,192 output tokens: the server cuts it inside its content, as the API does.
    const huge = write('src/table.js', `// A table.\nexport const TABLE = [\n${'  0,\n'.repeat(9000)}];\n`);
    const marker = bash('test -e src/table.js && echo "table exists" || echo "no table"');
    const { record, model } = await runGeneration(h, repo, labScript([huge, marker, MULTIPLY_EDIT, MULTIPLY_TEST]));
    expect(record.outcome, reasonOf(record)).toMatchObject({ kind: 'promoted' });
    const lab = model.requests.filter((r) => r.channel === 'lab');
    // The request after the cut-off reply answers its call with the notice, and the next shows the file was never written.
    const results = toolResults(model);
    expect(results).toContain(TRUNCATED_CALL);
    expect(results.some((r) => r.includes('no table'))).toBe(true);
    expect(lab).toHaveLength(5);
    expect(await git(repo, 'ls-tree', '-r', '--name-only', 'main')).not.toMatch(/src\/table\.js/);
  });

  it('a paused turn is sent back as it is and the model goes on; a refusal stops the Lab and nothing is promoted', async () => {
    const repo = await exampleRepo();
    const paused = await runGeneration(h, repo, labScript([{ text: 'Looking at the code first.', stop_reason: 'pause_turn' }, MULTIPLY_EDIT, MULTIPLY_TEST]));
    expect(paused.record.outcome, reasonOf(paused.record)).toMatchObject({ kind: 'promoted' });
    // The request after the pause ends with the paused reply itself.
    const afterPause = paused.model.requests.filter((r) => r.channel === 'lab')[1]!.body.messages as Array<{ role: string }>;
    expect(afterPause.at(-1)!.role).toBe('assistant');

    const base = await headSha(repo);
    const refused = await runGeneration(h, repo, { lab: [{ text: 'I will not do this.', stop_reason: 'refusal' }], prime: [] });
    expect(refused.record.outcome).toMatchObject({ kind: 'rejected', stage: 'spawnLab', reason: "the Lab's model refused the task (stop_reason refusal) without a change" });
    expect(refused.model.requests.filter((r) => r.channel === 'lab')).toHaveLength(1);
    expect(await headSha(repo)).toBe(base);
  });

  it('a Lab past its per-generation budget stops between turns, and nothing of it is promoted', async () => {
    const repo = await exampleRepo();
    const base = await headSha(repo);
    // The edit is made, then the next reply carries the session past $0.05 (the scripted Lab model is priced as claude-opus-4-6, $5 per million input tokens).
    const byUsd = await runGeneration(h, repo, labScript([{ ...MULTIPLY_EDIT, usage: { input_tokens: 1000 } }, { ...MULTIPLY_TEST, usage: { input_tokens: 20_000 } }]), { settings: { labBudget: { usd: 0.05 } } });
    expect(byUsd.record.outcome).toMatchObject({ kind: 'rejected', stage: 'spawnLab', reason: expect.stringMatching(/^Lab budget: the Lab stopped after 21,\d{3} tokens \(\$0\.1\d\), past its limit of 3,000,000 tokens or \$0\.05 per generation; nothing of it is promoted/) });
    // The reply that crossed the line did not run: its test file was never written, and nothing was reviewed.
    expect(byUsd.model.requests.filter((r) => r.channel === 'lab')).toHaveLength(2);
    expect(byUsd.model.requests.filter((r) => r.channel === 'prime')).toHaveLength(0);
    const byTokens = await runGeneration(h, repo, labScript([{ ...MULTIPLY_EDIT, usage: { input_tokens: 6000 } }, MULTIPLY_TEST]), { settings: { labBudget: { tokens: 5000 } } });
    expect(byTokens.record.outcome).toMatchObject({ kind: 'rejected', stage: 'spawnLab', reason: expect.stringMatching(/^Lab budget: the Lab stopped after 6,\d{3} tokens .* limit of 5,000 tokens/) });
    expect(await headSha(repo)).toBe(base);
  });

  it('with extended thinking on for both roles, the signed thinking blocks go back as the API requires and the change is promoted', async () => {
    const repo = await exampleRepo();
    const script = labScript([{ ...MULTIPLY_EDIT, thinking: 'multiply belongs next to subtract' }, { ...MULTIPLY_TEST, thinking: 'now a test' }]);
    const thinking = (model: ScriptedModelServer) => {
      const m = scriptedModels(model);
      return { models: { prime: { ...m.prime, thinkingTokens: 2048 }, lab: { ...m.lab, thinkingTokens: 1024 } } };
    };
    const run = await runGeneration(h, repo, script, { settings: thinking });
    expect(run.record.outcome, reasonOf(run.record)).toMatchObject({ kind: 'promoted' });
    const lab = run.model.requests.filter((r) => r.channel === 'lab');
    // Every request asked for thinking; each after the first sent the earlier thinking back, signature and all, first in its message.
    expect(lab.every((r) => r.body.thinking?.budget_tokens === 1024 && r.reply?.status === 200)).toBe(true);
    expect(lab[1]!.body.messages[1].content[0]).toMatchObject({ type: 'thinking', thinking: 'multiply belongs next to subtract', signature: expect.any(String) });
    const review = run.model.requests.filter((r) => r.channel === 'prime');
    expect(review.every((r) => r.body.thinking?.budget_tokens === 2048 && r.body.tool_choice?.type === 'auto')).toBe(true);
  });
}, { maxRetries: 2, modelTimeoutMs: 2000 });
