// Code whose only effect when it runs is to raise an error cannot make a wrong answer look
// right: reached in production, it fails loudly. A never-run error path (a defensive guard no
// test reaches) is shown to the reviewer rather than rejected as untested. Any other never-run
// code is still untested. Pure.
import { parse } from '@babel/parser';

/** The [start, end) offsets of every throw statement in a JavaScript or TypeScript source. */
export function throwSpans(source: string, path: string): Array<[number, number]> {
  let ast;
  try {
    ast = parse(source, { sourceType: 'unambiguous', errorRecovery: true, plugins: [...(/\.[cm]?tsx?$/.test(path) ? (['typescript'] as const) : []), 'jsx'] });
  } catch {
    return [];
  }
  const spans: Array<[number, number]> = [];
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    const n = node as { type?: string; start?: number; end?: number };
    if (n.type === 'ThrowStatement' && n.start !== undefined && n.end !== undefined) spans.push([n.start, n.end]);
    for (const [k, v] of Object.entries(node)) if (k !== 'loc' && k !== 'leadingComments' && k !== 'trailingComments') walk(v);
  };
  walk(ast.program);
  return spans;
}

/** Whether [start, end) lies inside one of `spans`. */
export const inside = (spans: Array<[number, number]>, start: number, end: number): boolean => spans.some(([s, e]) => s <= start && end <= e);

/** The lines (1-based) of a source that lie wholly inside a statement that only raises (JavaScript's `throw`, Python's `raise`, Go's `panic(…)`), continuation lines included. */
export function raisingLines(source: string, file: string): Set<number> {
  const start = /\.pyw?$/.test(file) ? /^\s*raise\b/ : /\.go$/.test(file) ? /^\s*panic\(/ : undefined;
  const out = new Set<number>();
  const lines = source.split('\n');
  if (!start) {
    if (!/\.[cm]?[jt]sx?$/.test(file)) return out;
    const spans = throwSpans(source, file);
    let offset = 0;
    lines.forEach((text, i) => {
      const from = offset + (text.length - text.trimStart().length);
      const to = offset + text.trimEnd().length;
      if (to > from && inside(spans, from, to)) out.add(i + 1);
      offset += text.length + 1;
    });
    return out;
  }
  for (let i = 0; i < lines.length; i++) {
    if (!start.test(lines[i]!)) continue;
    // The statement runs on while its brackets are open (strings aside, a rough count is enough here).
    let depth = 0;
    let j = i;
    for (; j < lines.length; j++) {
      out.add(j + 1);
      depth += (lines[j]!.replace(/(["'`])(?:\\.|(?!\1).)*\1/g, '').match(/[([{]/g) ?? []).length - (lines[j]!.replace(/(["'`])(?:\\.|(?!\1).)*\1/g, '').match(/[)\]}]/g) ?? []).length;
      if (depth <= 0) break;
    }
    i = j;
  }
  return out;
}
