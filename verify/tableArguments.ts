// A call's arguments as a test's source gives them: each a literal value, or a value read from
// every row of one table of literal cases the test loops over. Shared by the JavaScript and
// Python readers (jsTestInputs.ts, pyTestInputs.ts). Pure.
import type { Value } from './differentialVerdict';

export type TableArgument = { value: Value } | { table: unknown; rows: Value[]; read: (row: Value) => Value | undefined };

/**
 * The argument lists a call is made with: one, or one per row when arguments come from a
 * table. Arguments from two tables at once (nested loops, stacked parametrize) give none.
 */
export function argumentLists(args: TableArgument[]): Value[][] {
  const tables = [...new Set(args.flatMap((a) => ('table' in a ? [a.table] : [])))];
  if (tables.length > 1) return [];
  const rows = tables.length ? (args.find((a) => 'table' in a) as { rows: Value[] }).rows : [undefined];
  return rows.flatMap((row) => {
    const list = args.map((a) => ('value' in a ? a.value : a.read(row as Value)));
    return list.every((v) => v !== undefined) ? [list as Value[]] : [];
  });
}

/** A field of a row: a list's item by position, an object's by name. */
export function fieldOf(v: Value | undefined, key: string | number): Value | undefined {
  if (Array.isArray(v)) return typeof key === 'number' ? v[key] : undefined;
  return v && typeof v === 'object' && Object.hasOwn(v, key) ? (v as Record<string, Value>)[key] : undefined;
}
