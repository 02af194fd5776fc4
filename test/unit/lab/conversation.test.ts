import { describe, expect, it } from 'vitest';
import type Anthropic from '@anthropic-ai/sdk';
import { applyTurn, latestWillBeElided, placeholder, planMasking, requestView, startConversation, type Conversation, type TurnEntry } from '../../../lab/conversation';
import { requestTokens } from '../../../model/tokenEstimate';

const frame = { system: 'You are a test.', tools: [] as Anthropic.Tool[] };
const big = (k: number) => `${'x'.repeat(4000)} file ${k}`; // about 1000 tokens

/** A turn that read one file and got `content` back. */
function readTurn(turn: number, content: string, extra: Partial<TurnEntry> = {}): TurnEntry {
  return {
    turn,
    at: '2026-12-01T00:00:00Z',
    masked: [],
    reply: [{ type: 'tool_use', id: `toolu_${turn}`, name: 'read', input: { path: `src/f${turn}.js` } }],
    stopReason: 'tool_use',
    usage: { inputTokens: 10, outputTokens: 5, cacheWriteTokens: 0, cacheReadTokens: 0 },
    requests: 1,
    estimated: 10,
    results: [{ tool_use_id: `toolu_${turn}`, content, is_error: false }],
    ...extra,
  };
}

function session(turns: number): Conversation {
  const c = startConversation('# Task\nAdd a test.');
  for (let t = 1; t <= turns; t++) applyTurn(c, readTurn(t, big(t)));
  return c;
}

const tokensOf = (c: Conversation) => requestTokens({ ...frame, messages: requestView(c, false) } as never);

describe('a conversation built from turns', () => {
  it('alternates assistant replies and tool results, and sums usage', () => {
    const c = session(3);
    expect(c.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant', 'user', 'assistant', 'user']);
    expect(c.turns).toBe(3);
    expect(c.tokens).toEqual({ inputTokens: 30, outputTokens: 15, cacheWriteTokens: 0, cacheReadTokens: 0 });
  });

  it('continues a paused reply in the same assistant message', () => {
    const c = startConversation('task');
    applyTurn(c, { ...readTurn(1, ''), reply: [{ type: 'text', text: 'searching' }], stopReason: 'pause_turn', results: [] });
    applyTurn(c, { ...readTurn(2, 'ok'), continued: true });
    expect(c.messages).toHaveLength(3);
    expect((c.messages[1]!.content as Anthropic.ContentBlockParam[]).map((b) => b.type)).toEqual(['text', 'tool_use']);
  });

  it('is rebuilt identically from the same entries', () => {
    const entries = [1, 2, 3].map((t) => readTurn(t, big(t), t === 3 ? { masked: ['toolu_1'] } : {}));
    const a = startConversation('p');
    const b = startConversation('p');
    for (const e of entries) applyTurn(a, e);
    for (const e of structuredClone(entries)) applyTurn(b, e);
    expect(JSON.stringify(requestView(b, true))).toBe(JSON.stringify(requestView(a, true)));
  });
});

describe('the request view', () => {
  it('puts a breakpoint on the last message and on the last message of the previous request, and nowhere else', () => {
    const c = session(3);
    const marked = requestView(c, true).flatMap((m, i) => (Array.isArray(m.content) && m.content.some((b) => 'cache_control' in b && b.cache_control) ? [i] : []));
    expect(marked).toEqual([4, 6]);
    expect(requestView(c, false).some((m) => Array.isArray(m.content) && m.content.some((b) => 'cache_control' in b))).toBe(false);
  });

  it('leaves outputs the next step will elide out of the cache: the breakpoint stops before them', () => {
    const c = session(3);
    const marked = (view: Anthropic.MessageParam[]) => view.flatMap((m, i) => (Array.isArray(m.content) && m.content.some((b) => 'cache_control' in b && b.cache_control) ? [i] : []));
    expect(marked(requestView(c, true, { latestUncached: true }))).toEqual([4, 5]);
    // A turn as large as the latest one would pass the budget: it will be elided, so it is not cached.
    const size = tokensOf(c);
    expect(latestWillBeElided(c, frame, size + 500)).toBe(true);
    expect(latestWillBeElided(c, frame, size * 2)).toBe(false);
  });

  it('marks the program itself on the first request', () => {
    const view = requestView(startConversation('task'), true);
    expect(view[0]!.content).toEqual([{ type: 'text', text: 'program.md:\n\ntask', cache_control: { type: 'ephemeral' } }]);
  });

  it('replaces an elided result by a placeholder naming the call', () => {
    const c = session(2);
    c.masked.add('toolu_1');
    const result = (requestView(c, false)[2]!.content as Anthropic.ToolResultBlockParam[])[0]!;
    expect(result.content).toBe(placeholder('read src/f1.js'));
    expect(result.content).toContain('output of `read src/f1.js` elided');
    // The conversation itself keeps the output: only the view elides it.
    expect((c.messages[2]!.content as Anthropic.ToolResultBlockParam[])[0]!.content).toBe(big(1));
  });
});

describe('masking', () => {
  it('does nothing while the prompt fits its budget', () => {
    const c = session(5);
    expect(planMasking(c, frame, tokensOf(c) + 1)).toEqual([]);
  });

  it('elides the oldest results down to half the budget, keeping the latest turn whole', () => {
    const c = session(10);
    const budget = Math.floor(tokensOf(c) * 0.8);
    const ids = planMasking(c, frame, budget);
    expect(ids[0]).toBe('toolu_1');
    expect(ids).toEqual(ids.slice().sort((x, y) => Number(x.split('_')[1]) - Number(y.split('_')[1])));
    expect(ids).not.toContain('toolu_10');
    for (const id of ids) c.masked.add(id);
    expect(tokensOf(c)).toBeLessThanOrEqual(budget / 2 + 1100);
    expect(tokensOf(c)).toBeLessThanOrEqual(budget);
    // Masking in steps: one more turn of the same size needs no further masking.
    applyTurn(c, readTurn(11, big(11)));
    expect(planMasking(c, frame, budget)).toEqual([]);
  });

  it("elides the latest turn's results too when they alone exceed the budget", () => {
    const c = startConversation('p');
    applyTurn(c, { ...readTurn(1, ''), reply: [1, 2, 3].map((k) => ({ type: 'tool_use' as const, id: `t${k}`, name: 'read', input: { path: `f${k}` } })), results: [1, 2, 3].map((k) => ({ tool_use_id: `t${k}`, content: big(k), is_error: false })) });
    const ids = planMasking(c, frame, 2000);
    expect(ids.length).toBeGreaterThanOrEqual(2);
    for (const id of ids) c.masked.add(id);
    expect(tokensOf(c)).toBeLessThanOrEqual(2000);
  });

  it('follows the calibration of the last request: a prompt the API counted twice as large is masked sooner', () => {
    const c = session(6);
    const budget = Math.floor(tokensOf(c) * 0.9);
    expect(planMasking(c, frame, budget)).not.toEqual([]);
    const d = session(6);
    d.lastPrompt = { actual: 100, estimated: 200 }; // the estimator counted double
    expect(planMasking(d, frame, budget)).toEqual([]);
  });

  it('leaves short outputs alone: eliding them saves nothing', () => {
    const c = startConversation('p');
    for (let t = 1; t <= 20; t++) applyTurn(c, readTurn(t, 'ok'));
    expect(planMasking(c, frame, 10)).toEqual([]);
  });
});
