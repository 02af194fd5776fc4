// The inputs a Python test file gives a function, as its source states them: literal
// arguments, module constants, and arguments taken row by row from a table of literal cases
// (`for a, b in CASES:`, `@pytest.mark.parametrize("a, b", [...])`), read through the loop
// variables, their unpacking or a subscript. Inputs a test computes at run time are not read.
import type { Value } from './differentialVerdict';
import { argumentLists, fieldOf, type TableArgument } from './tableArguments';
import { parseTree, walk, type SyntaxNode } from './treeSitter';

/** A literal's value: numbers, strings, booleans, None, and lists, tuples and dicts of them. */
export function pyLiteral(n: SyntaxNode): Value | undefined {
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
    case 'dictionary': {
      const o: Record<string, Value> = {};
      for (const pair of n.namedChildren) {
        const key = pair?.type === 'pair' && pair.childForFieldName('key') ? pyLiteral(pair.childForFieldName('key')!) : undefined;
        const value = pair?.childForFieldName('value') ? pyLiteral(pair.childForFieldName('value')!) : undefined;
        if (typeof key !== 'string' || value === undefined) return undefined;
        o[key] = value;
      }
      return o;
    }
    case 'parenthesized_expression':
      return n.namedChildren[0] ? pyLiteral(n.namedChildren[0]) : undefined;
    default:
      return undefined;
  }
}


/** Argument lists of calls to `names` in a Python test file, by function name. */
export async function pyTestInputs(content: string, names: ReadonlySet<string>): Promise<Map<string, Value[][]>> {
  const out = new Map<string, Value[][]>();
  const tree = await parseTree('python', content);
  try {
    const constants = moduleConstants(tree.rootNode);
    for (const n of walk(tree.rootNode)) {
      if (n.type !== 'call') continue;
      const fn = n.childForFieldName('function');
      const name = fn?.type === 'identifier' ? fn.text : fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
      if (!name || !names.has(name)) continue;
      const argNodes = n.childForFieldName('arguments')?.namedChildren ?? [];
      if (argNodes.some((a) => !a || a.type === 'keyword_argument' || a.type === 'list_splat' || a.type === 'dictionary_splat')) continue;
      const args = argNodes.map((a) => argOf(a!, constants));
      if (args.some((a) => a === undefined)) continue;
      for (const list of argumentLists(args as TableArgument[])) out.set(name, [...(out.get(name) ?? []), list]);
    }
  } finally {
    tree.delete();
  }
  return out;
}

/** Names assigned a literal exactly once at the top of the module. */
function moduleConstants(root: SyntaxNode): Map<string, SyntaxNode> {
  const seen = new Map<string, SyntaxNode | null>();
  for (const stmt of root.namedChildren) {
    const a = stmt?.type === 'expression_statement' ? stmt.namedChildren[0] : undefined;
    const left = a?.type === 'assignment' ? a.childForFieldName('left') : undefined;
    if (left?.type !== 'identifier') continue;
    seen.set(left.text, seen.has(left.text) ? null : a!.childForFieldName('right'));
  }
  return new Map([...seen].filter((e): e is [string, SyntaxNode] => !!e[1]));
}

function argOf(n: SyntaxNode, constants: Map<string, SyntaxNode>): TableArgument | undefined {
  const literal = pyLiteral(n);
  if (literal !== undefined) return { value: literal };
  if (n.type === 'subscript') {
    const key = n.childForFieldName('subscript') ? pyLiteral(n.childForFieldName('subscript')!) : undefined;
    const of = n.childForFieldName('value') ? argOf(n.childForFieldName('value')!, constants) : undefined;
    if ((typeof key !== 'number' && typeof key !== 'string') || !of) return undefined;
    if ('value' in of) return fieldOf(of.value, key) === undefined ? undefined : { value: fieldOf(of.value, key)! };
    return { ...of, read: (row) => fieldOf(of.read(row), key) };
  }
  if (n.type !== 'identifier') return undefined;
  const name = n.text;
  for (let up = n.parent; up; up = up.parent) {
    if (up.type === 'for_statement' && up.childForFieldName('body') && within(n, up.childForFieldName('body')!)) {
      const read = reader(up.childForFieldName('left')!, name);
      if (!read) continue;
      const rows = rowsOf(up.childForFieldName('right')!, constants);
      return rows ? { table: up.id, rows, read } : undefined;
    }
    if (up.type === 'function_definition') {
      const params = up.childForFieldName('parameters')?.namedChildren.map((p) => p?.text) ?? [];
      if (!params.includes(name)) return constants.has(name) && !assignedIn(up, name) ? constantOf(name, constants) : undefined;
      return parametrized(up, name, constants);
    }
  }
  return constantOf(name, constants);
}

function constantOf(name: string, constants: Map<string, SyntaxNode>): TableArgument | undefined {
  const node = constants.get(name);
  const v = node ? pyLiteral(node) : undefined;
  return v === undefined ? undefined : { value: v };
}

/** A test function's parameter, given by a `@pytest.mark.parametrize` above it. */
function parametrized(fn: SyntaxNode, name: string, constants: Map<string, SyntaxNode>): TableArgument | undefined {
  const decorated = fn.parent?.type === 'decorated_definition' ? fn.parent : undefined;
  for (const d of decorated?.namedChildren ?? []) {
    const call = d?.type === 'decorator' ? d.namedChildren[0] : undefined;
    if (call?.type !== 'call' || !/(?:^|\.)parametrize$/.test(call.childForFieldName('function')?.text ?? '')) continue;
    const [first, second] = (call.childForFieldName('arguments')?.namedChildren ?? []).filter((a) => a?.type !== 'keyword_argument');
    const spec = first ? pyLiteral(first) : undefined;
    const argnames = typeof spec === 'string' ? spec.split(',').map((s) => s.trim()) : Array.isArray(spec) && spec.every((s) => typeof s === 'string') ? (spec as string[]) : undefined;
    const index = argnames?.indexOf(name) ?? -1;
    if (index < 0) continue;
    const rows = second ? rowsOf(second, constants) : undefined;
    if (!rows) return undefined;
    return { table: d!.id, rows, read: (row) => (argnames!.length === 1 ? row : Array.isArray(row) ? row[index] : undefined) };
  }
  return undefined;
}

/** The rows of a table: a list or tuple of literal cases, written in place or in a module constant. */
function rowsOf(n: SyntaxNode, constants: Map<string, SyntaxNode>): Value[] | undefined {
  const node = n.type === 'identifier' ? constants.get(n.text) : n;
  if (!node || (node.type !== 'list' && node.type !== 'tuple')) return undefined;
  const rows = node.namedChildren.map((c) => (c ? pyLiteral(c) : undefined)).filter((v): v is Value => v !== undefined);
  return rows.length ? rows : undefined;
}

/** How `name`, bound in a loop's target (`x`, `a, b`, `(a, (b, c))`), reads its value from a row. */
function reader(target: SyntaxNode, name: string): ((row: Value) => Value | undefined) | undefined {
  if (target.type === 'identifier') return target.text === name ? (row) => row : undefined;
  if (['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list'].includes(target.type)) {
    for (const [k, el] of target.namedChildren.entries()) {
      const inner = el ? reader(el, name) : undefined;
      if (inner) return (row) => (Array.isArray(row) ? inner(row[k] as Value) : undefined);
    }
  }
  return undefined;
}

const within = (n: SyntaxNode, outer: SyntaxNode) => n.startIndex >= outer.startIndex && n.endIndex <= outer.endIndex;

/** Whether a function assigns the name itself (then it is not the module's constant). */
const assignedIn = (fn: SyntaxNode, name: string) => [...walk(fn)].some((x) => x.type === 'assignment' && x.childForFieldName('left')?.text === name);
