import { describe, expect, it } from 'vitest';
import type { Value } from '../../../verify/differentialVerdict';
import { argumentLists, fieldOf } from '../../../verify/tableArguments';

describe("a call's arguments from a test's tables of cases", () => {
  it('gives one list per row, literal arguments beside the row fields, and drops a row that lacks a field', () => {
    const rows: Value[] = [{ n: 3 }, { n: 5 }, { m: 1 }];
    const table = { table: 'loop', rows, read: (r: Value) => fieldOf(r, 'n') };
    expect(argumentLists([{ value: 2 }, table])).toEqual([[2, 3], [2, 5]]);
    expect(argumentLists([{ value: 2 }, { value: 'x' }])).toEqual([[2, 'x']]);
  });

  it('gives nothing for arguments from two tables at once', () => {
    const a = { table: 'outer', rows: [1, 2], read: (r: Value) => r };
    const b = { table: 'inner', rows: [3, 4], read: (r: Value) => r };
    expect(argumentLists([a, b])).toEqual([]);
  });

  it('reads a list item by position and an object field by name, nothing else', () => {
    expect(fieldOf([1, 2], 1)).toBe(2);
    expect(fieldOf({ a: 1 }, 'a')).toBe(1);
    expect(fieldOf([1, 2], 'length')).toBeUndefined();
    expect(fieldOf({ a: 1 }, 'toString')).toBeUndefined();
  });
});
