import { describe, expect, it } from 'vitest';
import { docstringExamples } from '../../../program/docstringExamples';

const FILE = `def human_size(n):
    """n bytes as text.

    >>> human_size(1023)
    '1023 B'
    >>> human_size(1048575)
    '1.0 MiB'
    >>> human_size(5 * 1024)  # doctest: +SKIP
    '5.0 KiB'
    >>> sizes = [1, 2]
    >>> human_size(2048)
    '2.0 KiB'
    and more prose
    >>> human_size(1)
    ...
    """
`;
const lines = (from: number, to: number) => new Set(Array.from({ length: to - from + 1 }, (_, k) => from + k));

describe('the examples a change writes in its own docstrings', () => {
  it('reads each one-line doctest the change added, as a call and a value', () => {
    const found = docstringExamples(FILE, lines(1, 18));
    expect(found.map((e) => [e.name, e.args, e.expected])).toEqual([
      ['human_size', [1023], '1023 B'],
      ['human_size', [1048575], '1.0 MiB'],
    ]);
    expect(found.every((e) => e.documented)).toBe(true);
    expect(found[1]!.text).toBe("human_size(1048575) is '1.0 MiB'");
  });

  it('leaves out a directive, output on more than one line, and a doctest the change did not touch', () => {
    // Only the 1048575 pair's output line is the change's: the 1023 pair is the base's.
    expect(docstringExamples(FILE, new Set([7])).map((e) => e.args)).toEqual([[1048575]]);
    expect(docstringExamples(FILE, lines(8, 18))).toEqual([]);
    expect(docstringExamples(FILE, new Set())).toEqual([]);
  });
});
