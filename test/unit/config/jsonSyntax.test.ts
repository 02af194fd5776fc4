import { describe, expect, it } from 'vitest';
import { jsonSyntaxError } from '../../../config/jsonSyntax';

describe('helpers', () => {
  it('jsonSyntaxError finds nothing wrong in valid JSON', () => {
    for (const t of ['{}', '[1, -2.5e3, "a\\"b", true, null, {"x": [false]}]', ' 3 ']) expect(jsonSyntaxError(t)).toBeUndefined();
    expect(jsonSyntaxError('[1, 2] x')).toEqual({ line: 1, column: 8, expected: 'expected the end of the file' });
  });
});
