import { describe, expect, it } from 'vitest';
import { AGENT_TOOLS, applyEdit, sliceLines } from '../../../lab/agentTools';

describe('applyEdit', () => {
  it('replaces a unique occurrence', () => {
    expect(applyEdit('const a = 1;\nconst b = 2;\n', 'b = 2', 'b = 3')).toBe('const a = 1;\nconst b = 3;\n');
    expect(applyEdit('abc', 'abc', '')).toBe('');
  });

  it('refuses a missing, repeated or empty old_text', () => {
    expect(() => applyEdit('abc', 'xyz', 'q')).toThrow('old_text not found in the file');
    expect(() => applyEdit('x = 1; x = 1;', 'x = 1', 'y')).toThrow('old_text occurs more than once; include more context');
    expect(() => applyEdit('aaa', 'aa', 'b')).toThrow('occurs more than once');
    expect(() => applyEdit('abc', '', 'q')).toThrow('old_text is empty');
  });
});

describe('sliceLines', () => {
  const text = ['l1', 'l2', 'l3', 'l4', 'l5'].join('\n');

  it('returns the whole file without a note when it fits', () => {
    expect(sliceLines(text)).toBe(text);
    expect(sliceLines(text, 3)).toBe('l3\nl4\nl5');
  });

  it('applies offset and limit and notes the shown range', () => {
    expect(sliceLines(text, 2, 2)).toBe('l2\nl3\n[lines 2-3 of 5]');
    expect(sliceLines(text, undefined, 1)).toBe('l1\n[lines 1-1 of 5]');
    expect(sliceLines(text, 0, 2)).toBe('l1\nl2\n[lines 1-2 of 5]');
    expect(sliceLines(text, 4, 10)).toBe('l4\nl5');
  });

  it('caps an unlimited read at 2000 lines', () => {
    const big = Array.from({ length: 2500 }, (_, i) => `line ${i + 1}`).join('\n');
    const out = sliceLines(big).split('\n');
    expect(out).toHaveLength(2001);
    expect(out[1999]).toBe('line 2000');
    expect(out[2000]).toBe('[lines 1-2000 of 2500]');
  });
});

describe('AGENT_TOOLS', () => {
  it('is exactly read, write, edit and bash, each with an object schema', () => {
    expect(AGENT_TOOLS.map((t) => t.name)).toEqual(['read', 'write', 'edit', 'bash']);
    for (const t of AGENT_TOOLS) {
      expect(t.input_schema.type).toBe('object');
      expect(t.input_schema.required?.length).toBeGreaterThan(0);
    }
    expect(AGENT_TOOLS.find((t) => t.name === 'edit')!.input_schema.required).toEqual(['path', 'old_text', 'new_text']);
  });
});
