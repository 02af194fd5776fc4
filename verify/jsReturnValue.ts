// The returned value shifted: a JavaScript or TypeScript function's `return x` made to return
// another value of the same kind (a number one more, a string of as many other characters, a
// boolean negated, an object null). Unlike an emptied body, it is caught only by a test that
// looks at what the function returned, not merely that it returned something serialisable: a
// test that compares a result with itself, or with a snapshot it wrote from the same call,
// lets it through, and the line's result is then looked at by no test. Returns whose value is often ignored by
// design (a call handed on, `this`, a generator's) get none. Pure.
import { parseModule } from './jsImports';

export interface ReturnValueMutant {
  line: number;
  start: number;
  end: number;
  original: string;
  replacement: string;
}

/** The shifted value of `expr`, as source: one expression, valid in JavaScript and (with `typed`) TypeScript. */
export function shiftedValue(expr: string, typed: boolean): string {
  return `((v${typed ? ': any' : ''}) => typeof v === 'number' ? (v !== v || v + 1 === v ? 0 : v + 1) : typeof v === 'string' ? (v ? Array.from(v, (c${typed ? ': string' : ''}) => (c === '~' ? '!' : '~')).join('') : '~') : typeof v === 'boolean' ? !v : v === null || v === undefined ? 0 : null)(${expr})`;
}

const HANDED_ON = new Set(['CallExpression', 'OptionalCallExpression', 'NewExpression', 'AwaitExpression', 'YieldExpression', 'ThisExpression', 'Identifier:undefined', 'NullLiteral', 'UnaryExpression:void']);

type Node = { type: string; start?: number | null; end?: number | null; loc?: { start: { line: number } } | null; [k: string]: unknown };

/** Shifted-value mutants of the `return` statements that start on `lines` (1-based). */
export function jsReturnValueMutants(content: string, path: string, lines: (line: number) => boolean): ReturnValueMutant[] {
  let ast: Node;
  try {
    ast = parseModule(content, path) as unknown as Node;
  } catch {
    return [];
  }
  const typed = /\.[cm]?tsx?$/.test(path);
  const out: ReturnValueMutant[] = [];
  const visit = (node: unknown, inGenerator: boolean): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const n of node) visit(n, inGenerator);
      return;
    }
    const n = node as Node;
    if (typeof n.type !== 'string') return;
    const fn = /Function|Method/.test(n.type);
    const generator = fn ? n.generator === true : inGenerator;
    if (n.type === 'ReturnStatement' && n.argument && !generator) {
      const arg = n.argument as Node;
      const kind = arg.type === 'Identifier' ? `Identifier:${String(arg.name)}` : arg.type === 'UnaryExpression' ? `UnaryExpression:${String(arg.operator)}` : arg.type;
      const line = n.loc?.start.line ?? 0;
      if (!HANDED_ON.has(kind) && lines(line) && arg.start != null && arg.end != null) {
        const original = content.slice(arg.start, arg.end);
        out.push({ line, start: arg.start, end: arg.end, original, replacement: shiftedValue(original, typed) });
      }
    }
    for (const [k, v] of Object.entries(n)) if (k !== 'loc' && k !== 'leadingComments' && k !== 'trailingComments' && k !== 'innerComments') visit(v, generator);
  };
  visit((ast as { program?: unknown }).program ?? ast, false);
  return out;
}
