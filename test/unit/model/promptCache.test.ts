import { describe, expect, it } from 'vitest';
import { cacheBreakpoints, LOOKBACK_BLOCKS, minCacheableTokens, TTL_MS, usePromptCache, type PromptCacheState } from '../../../model/promptCache';
import { blockTokens, requestTokens } from '../../../model/tokenEstimate';

const MINUTE = 60_000;
const EPHEMERAL = { type: 'ephemeral' };
// About 1,500 tokens: cacheable for a 1,024-token model.
const BIG = { type: 'text', text: 'Follow the project rules exactly. '.repeat(180) };
const text = (t: string, cache_control?: object) => ({ type: 'text', text: t, ...(cache_control && { cache_control }) });

describe('minCacheableTokens', () => {
  it.each([
    ['claude-opus-4-6', 4096],
    ['claude-opus-4-5-20251101', 4096],
    ['claude-haiku-4-5-20251001', 4096],
    ['claude-sonnet-4-6', 2048],
    ['claude-opus-4-7', 2048],
    ['claude-3-5-haiku-20241022', 2048],
    ['claude-3-haiku-20240307', 2048],
    ['claude-opus-4-8', 1024],
    ['claude-opus-4-1-20250805', 1024],
    ['claude-opus-4-20250514', 1024],
    ['claude-sonnet-4-5', 1024],
    ['claude-sonnet-4-20250514', 1024],
    ['claude-3-7-sonnet-latest', 1024],
    ['some-other-model', 1024],
  ])('%s: %i', (model, min) => {
    expect(minCacheableTokens(model)).toBe(min);
  });
});

describe('cacheBreakpoints', () => {
  it('finds marked blocks in prompt order, and puts the automatic one on the last block', () => {
    const body = {
      tools: [{ name: 'a', input_schema: { type: 'object' }, cache_control: EPHEMERAL }],
      system: [text('s', { type: 'ephemeral', ttl: '1h' })],
      messages: [{ role: 'user', content: [text('q'), text('r')] }],
    };
    expect(cacheBreakpoints(body)).toEqual([
      { index: 0, ttl: '5m' },
      { index: 1, ttl: '1h' },
    ]);
    expect(cacheBreakpoints({ ...body, cache_control: EPHEMERAL }).at(-1)).toEqual({ index: 3, ttl: '5m' });
    // A last block with its own marker is not marked twice.
    const marked = { messages: [{ role: 'user', content: [text('q', { type: 'ephemeral', ttl: '1h' })] }], cache_control: EPHEMERAL };
    expect(cacheBreakpoints(marked)).toEqual([{ index: 0, ttl: '1h' }]);
  });
});

describe('usePromptCache', () => {
  const MODEL = 'claude-sonnet-4-5';
  const conversation = (turns: number, cachedAt: number = turns - 1) => ({
    model: MODEL,
    system: [BIG],
    messages: Array.from({ length: turns }, (_, i) => ({ role: i % 2 ? 'assistant' : 'user', content: [text(`turn ${i}`, i === cachedAt ? EPHEMERAL : undefined)] })),
  });
  const sumsToTotal = (u: ReturnType<typeof usePromptCache>, body: object) =>
    expect(u.input_tokens + u.cache_creation_input_tokens + u.cache_read_input_tokens).toBe(requestTokens(body));

  it('bills everything as input without breakpoints, and caches nothing', () => {
    const state: PromptCacheState = new Map();
    const body = conversation(1, -1);
    expect(usePromptCache(state, body, 0)).toEqual({
      input_tokens: requestTokens(body),
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
    });
    expect(state.size).toBe(0);
  });

  it('rolls: each turn reads the previous prefix and writes only what was added', () => {
    const state: PromptCacheState = new Map();
    const one = conversation(1);
    const first = usePromptCache(state, one, 0);
    // A message's role turn is part of the prefix: everything up to the breakpoint is written.
    expect(first).toMatchObject({ cache_read_input_tokens: 0, cache_creation_input_tokens: requestTokens(one), input_tokens: 0 });
    const three = conversation(3);
    const second = usePromptCache(state, three, 1000);
    expect(second).toMatchObject({
      cache_read_input_tokens: first.cache_creation_input_tokens,
      cache_creation_input_tokens: blockTokens(text('turn 1')) + blockTokens(text('turn 2')) + 6,
      input_tokens: 0,
    });
    sumsToTotal(second, three);
    // Nothing new: all read.
    expect(usePromptCache(state, three, 2000)).toMatchObject({ cache_read_input_tokens: requestTokens(three), cache_creation_input_tokens: 0, input_tokens: 0 });
  });

  it('keys by model and by every earlier block', () => {
    const state: PromptCacheState = new Map();
    usePromptCache(state, conversation(1), 0);
    expect(usePromptCache(state, { ...conversation(1), model: 'claude-opus-4-1' }, 0).cache_read_input_tokens).toBe(0);
    const edited = { ...conversation(1), system: [{ ...BIG, text: `${BIG.text} ` }] };
    expect(usePromptCache(state, edited, 0).cache_read_input_tokens).toBe(0);
    // A block moved to another message is a different prompt, even with the same blocks in order.
    const merged = { model: MODEL, system: [BIG], messages: [{ role: 'user', content: [text('a'), text('b', EPHEMERAL)] }] };
    const split = { model: MODEL, system: [BIG], messages: [{ role: 'user', content: [text('a')] }, { role: 'assistant', content: [text('b', EPHEMERAL)] }] };
    usePromptCache(state, merged, 0);
    expect(usePromptCache(state, split, 0).cache_read_input_tokens).toBe(0);
  });

  it('writes no entry for a prefix below the model minimum', () => {
    const state: PromptCacheState = new Map();
    const small = { model: MODEL, messages: [{ role: 'user', content: [text('short', EPHEMERAL)] }] };
    expect(usePromptCache(state, small, 0)).toMatchObject({ cache_creation_input_tokens: 0, input_tokens: requestTokens(small) });
    expect(state.size).toBe(0);
    // Of two breakpoints, only the cacheable one is written.
    const two = { model: MODEL, system: [text('tiny', EPHEMERAL)], messages: [{ role: 'user', content: [BIG, text('q', EPHEMERAL)] }] };
    expect(usePromptCache(state, two, 0).cache_creation_input_tokens).toBe(requestTokens(two));
    expect(state.size).toBe(1);
  });

  it('expires 5 minutes after the last use; a hit renews it', () => {
    const state: PromptCacheState = new Map();
    const body = conversation(1);
    const written = usePromptCache(state, body, 0).cache_creation_input_tokens;
    expect(usePromptCache(state, body, 4 * MINUTE).cache_read_input_tokens).toBe(written);
    expect(usePromptCache(state, body, 8 * MINUTE).cache_read_input_tokens).toBe(written);
    expect(usePromptCache(state, body, 8 * MINUTE + TTL_MS['5m']).cache_read_input_tokens).toBe(0);
  });

  it('keeps a 1h entry for 30 minutes and attributes each written span to its breakpoint ttl', () => {
    const state: PromptCacheState = new Map();
    const body = { model: MODEL, system: [{ ...BIG, cache_control: { type: 'ephemeral', ttl: '1h' } }], messages: [{ role: 'user', content: [text('q', EPHEMERAL)] }] };
    const written = usePromptCache(state, body, 0);
    expect(written.cache_creation).toEqual({ ephemeral_1h_input_tokens: blockTokens(BIG), ephemeral_5m_input_tokens: blockTokens(text('q')) + 3 });
    const later = usePromptCache(state, body, 30 * MINUTE);
    // The 5m entry is gone, the 1h one read; the 5m breakpoint is written again.
    expect(later).toMatchObject({ cache_read_input_tokens: blockTokens(BIG), cache_creation_input_tokens: blockTokens(text('q')) + 3 });
    expect(later.cache_creation).toEqual({ ephemeral_1h_input_tokens: 0, ephemeral_5m_input_tokens: blockTokens(text('q')) + 3 });
    expect(usePromptCache(state, body, 34 * MINUTE).cache_read_input_tokens).toBe(blockTokens(BIG) + blockTokens(text('q')) + 3);
    expect(usePromptCache(state, body, 200 * MINUTE).cache_read_input_tokens).toBe(0);
  });

  it(`looks back ${LOOKBACK_BLOCKS} blocks from a breakpoint, no further`, () => {
    const readAfter = (gap: number) => {
      const state: PromptCacheState = new Map();
      usePromptCache(state, { model: MODEL, system: [{ ...BIG, cache_control: EPHEMERAL }], messages: [{ role: 'user', content: 'q' }] }, 0);
      const notes = Array.from({ length: gap }, (_, i) => text(`note ${i}`, i === gap - 1 ? EPHEMERAL : undefined));
      return usePromptCache(state, { model: MODEL, system: [BIG], messages: [{ role: 'user', content: notes }] }, 0).cache_read_input_tokens;
    };
    expect(readAfter(LOOKBACK_BLOCKS)).toBe(blockTokens(BIG));
    expect(readAfter(LOOKBACK_BLOCKS + 1)).toBe(0);
  });

  it('reads the longest cached prefix any breakpoint finds', () => {
    const state: PromptCacheState = new Map();
    const body = { model: MODEL, system: [{ ...BIG, cache_control: EPHEMERAL }], messages: [{ role: 'user', content: [BIG, text('q', EPHEMERAL)] }] };
    usePromptCache(state, body, 0);
    expect(usePromptCache(state, body, 0)).toMatchObject({ cache_read_input_tokens: requestTokens(body), cache_creation_input_tokens: 0 });
  });
});
