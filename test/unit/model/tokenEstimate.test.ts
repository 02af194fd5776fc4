import { describe, expect, it } from 'vitest';
import { blockTokens, estimateTokens, promptBlocks, requestTokens } from '../../../model/tokenEstimate';

const EPHEMERAL = { type: 'ephemeral' };
const text = (t: string, cache_control?: object) => ({ type: 'text', text: t, ...(cache_control && { cache_control }) });

describe('tokenEstimate', () => {
  it('estimateTokens is a quarter of the JSON length, rounded up, at least 1', () => {
    expect(estimateTokens(undefined)).toBe(1); // '""'
    expect(estimateTokens('abcdef')).toBe(2); // '"abcdef"', 8 chars
    expect(estimateTokens('abcdefg')).toBe(3); // 9 chars
    expect(estimateTokens({ a: 'x'.repeat(400) })).toBe(Math.ceil(408 / 4));
  });

  it('promptBlocks lists tools, then system, then message content, strings as one text block', () => {
    const tool = { name: 'write', input_schema: { type: 'object' } };
    const blocks = promptBlocks({
      tools: [tool],
      system: 'sys',
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: [text('a'), { type: 'tool_use', id: 't', name: 'write', input: {} }] },
      ],
    });
    expect(blocks).toEqual([tool, text('sys'), text('hi'), text('a'), { type: 'tool_use', id: 't', name: 'write', input: {} }]);
    expect(promptBlocks({ system: [text('s1'), text('s2')], messages: [] })).toEqual([text('s1'), text('s2')]);
  });

  it('blockTokens ignores cache_control, requestTokens adds 3 per message', () => {
    expect(blockTokens(text('x'.repeat(100), { type: 'ephemeral', ttl: '1h' }))).toBe(blockTokens(text('x'.repeat(100))));
    expect(blockTokens(text('x'.repeat(100)))).toBe(estimateTokens(text('x'.repeat(100))));
    const body = { system: 'sys', messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: [text('yo', EPHEMERAL)] }] };
    expect(requestTokens(body)).toBe(blockTokens(text('sys')) + blockTokens(text('hi')) + blockTokens(text('yo')) + 6);
  });
});
