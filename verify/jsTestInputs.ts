// The inputs a JavaScript or TypeScript test file gives a function, as its source states them:
// literal arguments, and arguments taken row by row from a table of literal cases the test
// loops over (`for (const c of cases)`, `cases.forEach(…)`, `test.each(cases)(…)`), read
// through the loop variable, its destructuring or its fields. Inputs a test computes at run
// time are not read. Pure.
import type { NodePath } from '@babel/traverse';
import { parseJs, traverse } from './jsParse';
import type { Value } from './differentialVerdict';
import { argumentLists, fieldOf, type TableArgument } from './tableArguments';

type AnyNode = { type: string; [k: string]: unknown };

/** A literal's value: numbers, strings, booleans, null, and arrays and plain objects of them. */
export function jsLiteral(n: unknown): Value | undefined {
  const node = n as { type: string; value?: unknown; operator?: string; argument?: unknown; elements?: unknown[]; properties?: Array<{ type: string; key: { type: string; name?: string; value?: unknown }; value: unknown; computed?: boolean }>; expressions?: unknown[]; quasis?: Array<{ value: { cooked?: string } }> };
  switch (node?.type) {
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


/** Argument lists of calls to `names` in a test file, by function name. */
export function jsTestInputs(file: string, content: string, names: ReadonlySet<string>): Map<string, Value[][]> {
  const out = new Map<string, Value[][]>();
  let ast;
  try {
    ast = parseJs(content, file);
  } catch {
    return out;
  }
  const called = (path: NodePath, name: string | undefined) => {
    if (!name || !names.has(name)) return;
    const args = (path.get('arguments') as NodePath[]).map((a) => argOf(a));
    if (args.some((a) => a === undefined)) return;
    for (const list of argumentLists(args as TableArgument[])) out.set(name, [...(out.get(name) ?? []), list]);
  };
  traverse(ast, {
    CallExpression(path) {
      const callee = path.node.callee as AnyNode;
      const property = callee.type === 'MemberExpression' ? ((callee.property as AnyNode).name as string | undefined) : undefined;
      // A static method by its class's name (`Money.parse(…)`), else a function by its own.
      const object = callee.type === 'MemberExpression' && (callee.object as AnyNode).type === 'Identifier' ? ((callee.object as AnyNode).name as string) : undefined;
      const dotted = object && property ? `${object}.${property}` : undefined;
      called(path, dotted && names.has(dotted) ? dotted : callee.type === 'Identifier' ? (callee.name as string) : property);
    },
    // A class, by what its constructor is given.
    NewExpression(path) {
      const callee = path.node.callee as AnyNode;
      called(path, callee.type === 'Identifier' ? (callee.name as string) : undefined);
    },
  });
  return out;
}

function argOf(path: NodePath): TableArgument | undefined {
  const literal = jsLiteral(path.node);
  if (literal !== undefined) return { value: literal };
  if (path.isMemberExpression()) {
    const key = path.node.computed ? jsLiteral(path.node.property) : path.node.property.type === 'Identifier' ? path.node.property.name : undefined;
    const of = argOf(path.get('object') as NodePath);
    if (key === undefined || typeof key === 'boolean' || key === null || typeof key === 'object' || !of) return undefined;
    return 'value' in of ? (fieldOf(of.value, key) === undefined ? undefined : { value: fieldOf(of.value, key)! }) : { ...of, read: (row) => fieldOf(of.read(row), key) };
  }
  if (!path.isIdentifier()) return undefined;
  const binding = path.scope.getBinding(path.node.name);
  if (!binding) return undefined;
  const name = path.node.name;
  if (binding.path.isVariableDeclarator()) {
    const loop = binding.path.parentPath?.parentPath;
    if (loop?.isForOfStatement() && loop.node.left === binding.path.parentPath!.node) {
      const rows = rowsOf(loop.get('right') as NodePath);
      const read = reader(binding.path.node.id as AnyNode, name);
      return rows && read ? { table: loop.node, rows, read } : undefined;
    }
    const init = binding.constant && binding.path.node.id.type === 'Identifier' ? jsLiteral(binding.path.node.init) : undefined;
    return init === undefined ? undefined : { value: init };
  }
  if (binding.kind !== 'param') return undefined;
  // A callback's parameter: cases.forEach((c) => …) or test.each(cases)('…', (a, b) => …).
  const fn = binding.scope.path;
  if (!fn.isFunction()) return undefined;
  const params = fn.node.params as unknown as AnyNode[];
  const index = params.findIndex((p) => reader(p, name));
  const call = fn.parentPath;
  if (index < 0 || !call?.isCallExpression()) return undefined;
  const callee = call.get('callee') as NodePath;
  if (callee.isMemberExpression() && ['forEach', 'map'].includes((callee.node.property as AnyNode).name as string) && call.node.arguments[0] === fn.node && index === 0) {
    const rows = rowsOf(callee.get('object') as NodePath);
    const read = reader(params[0]!, name);
    return rows && read ? { table: call.node, rows, read } : undefined;
  }
  if (callee.isCallExpression() && (callee.node.callee as AnyNode).type === 'MemberExpression' && ((callee.node.callee as AnyNode).property as AnyNode).name === 'each' && call.node.arguments.at(-1) === fn.node) {
    const rows = rowsOf(callee.get('arguments.0') as NodePath);
    if (!rows) return undefined;
    // A row that is a list is spread over the parameters; any other row is the first.
    const spread = rows.every(Array.isArray);
    const read = reader(params[index]!, name);
    if (!read || (!spread && index > 0)) return undefined;
    return { table: call.node, rows, read: (row) => read(spread ? (row as Value[])[index]! : row) };
  }
  return undefined;
}

/** The rows of a table: an array of literal cases, written in place or in a constant. */
function rowsOf(path: NodePath): Value[] | undefined {
  if (path.isIdentifier()) {
    const b = path.scope.getBinding(path.node.name);
    return b?.constant && b.path.isVariableDeclarator() ? rowsOf(b.path.get('init') as NodePath) : undefined;
  }
  if (!path.isArrayExpression()) return undefined;
  const rows = path.node.elements.map((e) => jsLiteral(e)).filter((v): v is Value => v !== undefined);
  return rows.length ? rows : undefined;
}

/** How `name`, bound somewhere inside the pattern, reads its value from a row. */
function reader(pattern: AnyNode, name: string): ((row: Value) => Value | undefined) | undefined {
  if (pattern.type === 'Identifier') return pattern.name === name ? (row) => row : undefined;
  if (pattern.type === 'AssignmentPattern') return reader(pattern.left as AnyNode, name);
  if (pattern.type === 'ArrayPattern') {
    for (const [k, el] of (pattern.elements as Array<AnyNode | null>).entries()) {
      const inner = el ? reader(el, name) : undefined;
      if (inner) return (row) => (Array.isArray(row) ? inner(row[k] as Value) : undefined);
    }
  }
  if (pattern.type === 'ObjectPattern') {
    for (const p of pattern.properties as AnyNode[]) {
      if (p.type !== 'ObjectProperty' || p.computed) continue;
      const key = (p.key as AnyNode).type === 'Identifier' ? ((p.key as AnyNode).name as string) : String((p.key as AnyNode).value);
      const inner = reader(p.value as AnyNode, name);
      if (inner) return (row) => fieldOf(row, key) === undefined ? undefined : inner(fieldOf(row, key)!);
    }
  }
  return undefined;
}
