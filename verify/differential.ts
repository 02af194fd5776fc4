// The differential check: where program.md declares that behaviour does not change (a
// refactor), each function the change touched is called, on the base's code and on the
// Lab's, with the inputs the base's own tests give it and with inputs near those, hundreds
// of times in one process, and the answers must be the same. A change that passes the tests
// by recognising their inputs (a table of the tested cases, a fast path exact only in the
// tested range), or that behaves differently after many calls, answers differently near
// them. Python, JavaScript (not TypeScript, which Node cannot load as it is) and Go
// (differentialGo.ts); the calls run in the sealed container (differentialHarness.mjs,
// differential_harness.py, a Go test Loom writes). Pure but for the parsers.
import { parse } from '@babel/parser';
import { callableDeclarations } from './jsDeclarations';
import { goCallable, goLiteralCalls } from './differentialGo';
import { parseTree, walk, type SyntaxNode } from './treeSitter';

import type { DifferentialTarget, Value } from './differentialVerdict';

export type { DifferentialAnswers, DifferentialTarget, Value } from './differentialVerdict';

/** Calls per function at the least, repeating its inputs: a function that changes after many calls shows it. */
export const MIN_CALLS = 300;
const MAX_INPUTS = 120;

export const differentialLanguage = (file: string): 'js' | 'python' | 'go' | undefined => (/\.(?:c|m)?js$/.test(file) ? 'js' : /\.py$/.test(file) ? 'python' : /\.go$/.test(file) ? 'go' : undefined);

/** Top-level functions a file exports (JS) or defines publicly (Python), by name. */
export async function publicFunctions(file: string, content: string): Promise<string[]> {
  if (differentialLanguage(file) === 'js') return [...callableDeclarations(content, file).keys()];
  if (differentialLanguage(file) === 'go') return [...(await goCallable(content)).keys()];
  if (differentialLanguage(file) !== 'python') return [];
  const tree = await parseTree('python', content);
  try {
    return tree.rootNode.namedChildren.filter((c) => c?.type === 'function_definition').map((c) => c!.childForFieldName('name')!.text).filter((n) => !n.startsWith('_'));
  } finally {
    tree.delete();
  }
}

/** Literal argument lists of calls to `names` in a test file, by function name. */
export async function literalCalls(testFile: string, content: string, names: ReadonlySet<string>): Promise<Map<string, Value[][]>> {
  const out = new Map<string, Value[][]>();
  const put = (name: string, args: Value[]) => out.set(name, [...(out.get(name) ?? []), args]);
  if (/\.(?:c|m)?[jt]sx?$/.test(testFile)) {
    let ast;
    try {
      ast = parse(content, { sourceType: 'unambiguous', errorRecovery: true, plugins: /\.[cm]?tsx?$/.test(testFile) ? ['typescript'] : ['jsx'] });
    } catch {
      return out;
    }
    const visit = (n: unknown): void => {
      if (!n || typeof n !== 'object') return;
      if (Array.isArray(n)) return void n.forEach(visit);
      const node = n as { type?: string; callee?: { type: string; name?: string; property?: { name?: string } }; arguments?: unknown[] };
      if (node.type === 'CallExpression' && node.callee) {
        const name = node.callee.type === 'Identifier' ? node.callee.name : node.callee.type === 'MemberExpression' ? node.callee.property?.name : undefined;
        if (name && names.has(name)) {
          const args = (node.arguments ?? []).map(jsLiteral);
          if (args.every((a) => a !== undefined)) put(name, args as Value[]);
        }
      }
      for (const [k, v] of Object.entries(node)) if (k !== 'loc' && v && typeof v === 'object') visit(v);
    };
    visit(ast.program);
    return out;
  }
  if (/_test\.go$/.test(testFile)) return goLiteralCalls(content, names);
  if (!/\.py$/.test(testFile)) return out;
  const tree = await parseTree('python', content);
  try {
    for (const n of walk(tree.rootNode)) {
      if (n.type !== 'call') continue;
      const fn = n.childForFieldName('function');
      const name = fn?.type === 'identifier' ? fn.text : fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
      if (!name || !names.has(name)) continue;
      const argNodes = n.childForFieldName('arguments')?.namedChildren ?? [];
      if (argNodes.some((a) => a?.type === 'keyword_argument' || a?.type === 'list_splat' || a?.type === 'dictionary_splat')) continue;
      const args = argNodes.map((a) => (a ? pyLiteral(a) : undefined));
      if (args.every((a) => a !== undefined)) put(name, args as Value[]);
    }
  } finally {
    tree.delete();
  }
  return out;
}

function jsLiteral(n: unknown): Value | undefined {
  const node = n as { type: string; value?: unknown; operator?: string; argument?: unknown; elements?: unknown[]; properties?: Array<{ type: string; key: { type: string; name?: string; value?: unknown }; value: unknown; computed?: boolean }>; expressions?: unknown[]; quasis?: Array<{ value: { cooked?: string } }> };
  switch (node.type) {
    case 'NumericLiteral':
    case 'StringLiteral':
    case 'BooleanLiteral':
      return node.value as Value;
    case 'NullLiteral':
      return null;
    case 'TemplateLiteral':
      return node.expressions?.length ? undefined : (node.quasis ?? []).map((q) => q.value.cooked ?? '').join('');
    case 'UnaryExpression': {
      const v = jsLiteral(node.argument);
      return node.operator === '-' && typeof v === 'number' ? -v : undefined;
    }
    case 'ArrayExpression': {
      const items = (node.elements ?? []).map(jsLiteral);
      return items.every((x) => x !== undefined) ? (items as Value[]) : undefined;
    }
    case 'ObjectExpression': {
      const o: Record<string, Value> = {};
      for (const p of node.properties ?? []) {
        if (p.type !== 'ObjectProperty' || p.computed) return undefined;
        const key = p.key.type === 'Identifier' ? p.key.name : String(p.key.value);
        const v = jsLiteral(p.value);
        if (key === undefined || v === undefined) return undefined;
        o[key] = v;
      }
      return o;
    }
    default:
      return undefined;
  }
}

function pyLiteral(n: SyntaxNode): Value | undefined {
  switch (n.type) {
    case 'integer':
    case 'float': {
      const v = Number(n.text.replace(/_/g, ''));
      return Number.isFinite(v) && Math.abs(v) < 2 ** 53 ? v : undefined;
    }
    case 'true':
      return true;
    case 'false':
      return false;
    case 'none':
      return null;
    case 'string': {
      if (n.namedChildren.some((c) => c?.type === 'interpolation')) return undefined;
      if (/^[rbuRBU]*[bB]/.test(n.text)) return undefined;
      return n.namedChildren.filter((c) => c?.type === 'string_content').map((c) => c!.text).join('');
    }
    case 'unary_operator': {
      const v = n.namedChildren[0] ? pyLiteral(n.namedChildren[0]) : undefined;
      return n.text.startsWith('-') && typeof v === 'number' ? -v : undefined;
    }
    case 'list':
    case 'tuple': {
      const items = n.namedChildren.map((c) => (c ? pyLiteral(c) : undefined));
      return items.every((x) => x !== undefined) ? (items as Value[]) : undefined;
    }
    case 'parenthesized_expression':
      return n.namedChildren[0] ? pyLiteral(n.namedChildren[0]) : undefined;
    default:
      return undefined;
  }
}

/** Values near one value: its neighbours, its negation, zero, a larger one; for text and lists, shorter, longer, reordered. */
function near(v: Value): Value[] {
  if (typeof v === 'number') {
    // Near: a step either way, a half step, twice as much; not the sign or far values, where an honest refactor may differ on inputs the code never meant to take.
    const out = [v + 1, v - 1, v * 2, v + 2];
    if (!Number.isInteger(v)) out.push(Math.round(v), v / 3);
    else out.push(v + 0.5, v - 2);
    return out;
  }
  if (typeof v === 'string') return ['', v + v, v.slice(1), v.toUpperCase(), `${v}1`, [...v].reverse().join('')];
  if (typeof v === 'boolean') return [!v];
  if (Array.isArray(v)) return [[], [...v].reverse(), [...v, ...v], v.slice(1), ...(v.length && typeof v[0] === 'number' ? [v.map((x) => (typeof x === 'number' ? x + 1 : x)), [...v, (v[0] as number) + 7]] : [])];
  return [];
}

/** The tests' own inputs, then inputs that differ from them in one argument, at most MAX_INPUTS, deduplicated. */
export function inputsNear(seen: Value[][]): Value[][] {
  return inputsNearFrom(seen, false).inputs;
}

/**
 * The tests' own inputs (`tested` of them, first), then inputs near them: one argument
 * changed, and with `joint` every argument changed alike (so that a branch on their relation,
 * such as a === b, is reached near the tests too). `parents[i]` is the tested input that
 * input i was made from.
 */
export function inputsNearFrom(seen: Value[][], joint: boolean): { inputs: Value[][]; tested: number; parents: number[] } {
  const out: Value[][] = [];
  const parents: number[] = [];
  const keys = new Map<string, number>();
  const push = (args: Value[], parent?: number) => {
    const k = JSON.stringify(args);
    if (keys.has(k) || out.length >= MAX_INPUTS) return;
    keys.set(k, out.length);
    parents.push(parent ?? out.length);
    out.push(args);
  };
  for (const args of seen) push(args);
  const tested = out.length;
  const from = (args: Value[]) => keys.get(JSON.stringify(args))!;
  for (let round = 0; out.length < MAX_INPUTS && round < 8; round++) {
    for (const args of seen) {
      args.forEach((a, i) => {
        const n = near(a)[round];
        if (n !== undefined) push(args.map((x, j) => (j === i ? n : x)), from(args));
      });
      if (joint && args.length > 1) {
        const all = args.map((a) => near(a)[round]);
        if (all.every((x) => x !== undefined)) push(all as Value[], from(args));
      }
    }
  }
  return { inputs: out, tested, parents };
}
