import { describe, expect, it } from 'vitest';
import { truncateToMaxTokens } from '../../../model/scriptedReply';

describe('a reply longer than max_tokens', () => {
  const call = { type: 'tool_use', id: 'toolu_1', name: 'write', input: { path: 'src/a.js', content: 'x'.repeat(4000) } };

  it('is cut where the API stops: the call is there, its input cut inside its last string', () => {
    const cut = truncateToMaxTokens([{ type: 'text', text: 'Writing it.' }, call], 200)!;
    expect(cut).toHaveLength(2);
    const input = (cut[1] as { input: { path: string; content: string } }).input;
    expect(input.path).toBe('src/a.js');
    expect(input.content.length).toBeGreaterThan(0);
    expect(input.content.length).toBeLessThan(800);
    // Text alone is cut short too; blocks after the cut are gone.
    expect(truncateToMaxTokens([{ type: 'text', text: 'y'.repeat(4000) }, call], 100)).toEqual([{ type: 'text', text: expect.stringMatching(/^y+$/) }]);
  });

  it('is left whole when it fits', () => {
    expect(truncateToMaxTokens([call], 8192)).toBeUndefined();
  });
});

describe('extended thinking', () => {
  it('truncateToMaxTokens counts a thinking block and cuts inside it', () => {
    const thinking = { type: 'thinking', thinking: 't'.repeat(2000), signature: 's'.repeat(44) };
    const text = { type: 'text', text: 'after' };
    expect(truncateToMaxTokens([text], 500)).toBeUndefined();
    const cut = truncateToMaxTokens([thinking, text], 500)!;
    expect(cut).toHaveLength(1);
    expect((cut[0] as { thinking: string }).thinking).toMatch(/^t{1800,1999}$/);
  });
});
