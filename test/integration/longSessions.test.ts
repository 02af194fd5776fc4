import { expect, it } from 'vitest';
import type { ScriptStep } from '../../model/modelScript';
import { requestTokens } from '../../model/tokenEstimate';
import { costUsd } from '../../model/pricing';
import { calcWith, expectPromoted, reasonOf, runGeneration, runLoom, type GenerationRun } from './harness';
import { labScript, MULTIPLY_EDIT, MULTIPLY_TEST } from './scripts';
import { describeWithWorker } from './suite';

// A 36 KB source file: about 9,000 tokens each time the Lab reads it.
const BIG = Array.from({ length: 900 }, (_, i) => `export const value${String(i).padStart(4, '0')} = ${i}; // ${'x'.repeat(12)}`).join('\n') + '\n';
const WINDOW = 200_000;

/** Nine turns of ten calls each, then one honest change with its test. */
function heavySession(call: (k: number) => ScriptStep['tools']): ScriptStep[] {
  const turns: ScriptStep[] = Array.from({ length: 9 }, (_, t) => ({ tools: call(t) }));
  return [...turns, MULTIPLY_EDIT, MULTIPLY_TEST, { text: 'Added multiply with a test; the tests pass.' }];
}

const labRequests = (run: GenerationRun) => run.model.requests.filter((r) => r.channel === 'lab' && r.path === 'messages');

/** What the server said each Lab reply used, summed. */
function reported(run: GenerationRun) {
  const sum = { inputTokens: 0, outputTokens: 0, cacheWriteTokens: 0, cacheReadTokens: 0 };
  for (const r of labRequests(run)) {
    const u = r.reply?.body?.usage;
    if (!u) continue;
    sum.inputTokens += u.input_tokens;
    sum.outputTokens += u.output_tokens;
    sum.cacheWriteTokens += u.cache_creation_input_tokens;
    sum.cacheReadTokens += u.cache_read_input_tokens;
  }
  return sum;
}

describeWithWorker('long Lab sessions against a model with a context window', 'long', (h) => {
  it('a session that reads a 36 KB file ten times a turn for nine turns is promoted, no request over the window, the re-reads referenced and the prefix read from the cache', async () => {
    const repo = await calcWith({ 'src/big.js': BIG });
    const run = await runGeneration(h, repo, labScript(heavySession(() => Array.from({ length: 10 }, () => ({ name: 'read', input: { path: 'src/big.js' } })))));
    expect(run.record.outcome, reasonOf(run.record)).toMatchObject({ kind: 'promoted' });
    await expectPromoted(repo, run.record);
    const lab = labRequests(run);
    expect(lab.every((r) => r.reply?.status === 200)).toBe(true);
    for (const r of lab) expect(requestTokens(r.body)).toBeLessThanOrEqual(WINDOW);
    const tokens = reported(run);
    // The record carries exactly what the server reported, priced with cache writes at 1.25x and reads at 0.1x.
    expect(run.record.usage.lab).toMatchObject({ ...tokens, requests: lab.length });
    expect(run.record.usage.lab!.costUsd).toBeCloseTo(costUsd('claude-opus-4-6', tokens), 10);
    expect(tokens.cacheReadTokens).toBeGreaterThan(0.7 * (tokens.inputTokens + tokens.cacheWriteTokens + tokens.cacheReadTokens));
    expect(run.record.labSession).toMatchObject({ stop: 'done', summary: 'Added multiply with a test; the tests pass.' });

    // The trajectory is on the host, and `loom show --transcript` prints it turn by turn.
    const shown = await runLoom(['show', '1', '--repo', repo, '--transcript'], { PATH: process.env.PATH, HOME: process.env.HOME });
    expect(shown.code, shown.out).toBe(0);
    expect(shown.out).toContain('Lab session of generation 1, claude-opus-4-6');
    expect(shown.out.match(/^turn \d+ /gm)).toHaveLength(lab.length);
    expect(shown.out).toContain('> read src/big.js');
    expect(shown.out).toContain('identical to the earlier output of `read src/big.js` above');
    expect(shown.out).toContain('session ended: done');
    // The record says how the session went, with the Lab's own summary and its cached tokens.
    const record = await runLoom(['show', '1', '--repo', repo], { PATH: process.env.PATH, HOME: process.env.HOME });
    expect(record.out).toContain('Lab said  Added multiply with a test; the tests pass.');
    expect(record.out).toMatch(/session {3}done; largest prompt [\d,]+ tokens; transcript .*gen-1\.jsonl \(loom show 1 --transcript\)/);
    expect(record.out).toMatch(/Lab {7}claude-opus-4-6: \d+ in \(\+ \d+ cache write, \d+ cache read\)/);
  });

  it('a session whose every read differs elides old outputs as it nears its budget, keeps the cache reading between steps, and is promoted with no request over the window', async () => {
    const repo = await calcWith({ 'src/big.js': BIG });
    // Each output differs (a counter on the first line), so nothing can be referenced: only masking keeps the prompt small.
    const reads = (t: number) => Array.from({ length: 10 }, (_, k) => ({ name: 'bash', input: { command: `echo read ${t}-${k}; head -c 30000 src/big.js` } }));
    // Writing 75,000 new tokens to the cache every turn costs more than the default $3 on Opus pricing: this session may spend $10.
    const run = await runGeneration(h, repo, labScript(heavySession(reads)), { settings: { labBudget: { usd: 10 } } });
    expect(run.record.outcome, reasonOf(run.record)).toMatchObject({ kind: 'promoted' });
    const lab = labRequests(run);
    expect(lab.every((r) => r.reply?.status === 200)).toBe(true);
    const sizes = lab.map((r) => requestTokens(r.body));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(0.6 * WINDOW);
    // Unmasked, the ninth turn alone would send about 700,000 tokens.
    expect(run.record.labSession!.maskedResults).toBeGreaterThan(40);
    expect(run.record.labSession!.largestPrompt).toBe(Math.max(...lab.map((r) => r.reply!.body.usage.input_tokens + r.reply!.body.usage.cache_creation_input_tokens + r.reply!.body.usage.cache_read_input_tokens)));
    const body = JSON.stringify(lab.at(-1)!.body.messages);
    expect(body).toContain('elided to keep the conversation within its context budget');
    // Near its budget the agent asked the provider to count the prompt rather than trust its estimate.
    expect(run.model.requests.filter((r) => r.channel === 'lab' && r.path === 'count_tokens' && r.reply?.status === 200).length).toBeGreaterThan(0);
    expect(run.record.usage.lab).toMatchObject(reported(run));
  });

  it('a prompt the API refuses as too long is masked and sent again, and the generation is promoted', async () => {
    const repo = await calcWith({ 'src/big.js': BIG });
    const reads = (t: number) => Array.from({ length: 8 }, (_, k) => ({ name: 'bash', input: { command: `echo read ${t}-${k}; head -c 30000 src/big.js` } }));
    // The Lab's budget is set above the window, as if the window were misjudged: the API's refusal is what stops the overflow.
    const run = await runGeneration(h, repo, labScript(heavySession(reads).slice(3)), { settings: { labBudget: { contextTokens: 1_000_000, usd: 10 } } });
    expect(run.record.outcome, reasonOf(run.record)).toMatchObject({ kind: 'promoted' });
    const refused = run.model.requests.filter((r) => r.channel === 'lab' && r.reply?.status === 400);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]!.reply!.body.error.message).toMatch(/^prompt is too long: \d+ tokens > 200000 maximum$/);
    expect(run.record.labSession!.maskedResults).toBeGreaterThan(0);
  });
}, { modelTimeoutMs: 60_000 });
