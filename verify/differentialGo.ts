// The differential check for Go (differential.ts says what the check is). Go is typed, so a
// function is called only where its parameters are of kinds a literal can give (numbers,
// text, booleans, slices of those), with inputs of the right kind; the calls are a test file
// Loom writes into the function's package and runs with `go test`, once on the base's tree and
// once on the Lab's. The inputs come from the tests' calls, written out or taken from the
// table of cases a test ranges over (Go's usual form). Pure but for the parser.
import { parseTree, walk, type SyntaxNode } from './treeSitter';
import { isBigInteger } from '../program/taskExamples';
import type { Value } from './differentialVerdict';

const INTS = new Set(['int', 'int8', 'int16', 'int32', 'int64', 'rune']);
const UINTS = new Set(['uint', 'uint8', 'uint16', 'uint32', 'uint64', 'byte', 'uintptr']);
const FLOATS = new Set(['float32', 'float64']);
const BASIC = new Set([...INTS, ...UINTS, ...FLOATS, 'string', 'bool']);

export interface GoSignature {
  /** Each parameter's type, one per argument (`a, b int` is two). */
  params: string[];
  results: number;
}

/** A map type's key and value types: `map[string]int`. */
export const mapTypes = (t: string): [string, string] | undefined => {
  const m = /^map\[(\w+)\](.+)$/.exec(t);
  return m ? [m[1]!, m[2]!] : undefined;
};

/** A type a literal can give: a basic type, a slice of one, or a map from one to one (a task's `map[string]int{"ann": 5}`). */
const literalType = (t: string): boolean => {
  const m = mapTypes(t);
  return BASIC.has(t) || (t.startsWith('[]') && BASIC.has(t.slice(2))) || (!!m && BASIC.has(m[0]) && BASIC.has(m[1]));
};

/** The exported top-level functions (not methods) of a Go file that Loom can call with literals, by name. */
export async function goCallable(content: string): Promise<Map<string, GoSignature>> {
  const out = new Map<string, GoSignature>();
  for (const [name, { params, results, typeParams }] of await goSignatures(content)) if (!typeParams.length) out.set(name, { params, results });
  return out;
}

/** A generic function's signature: its type parameters' names, which its parameters' types name. */
export interface GoGenericSignature extends GoSignature {
  typeParams: string[];
}

/**
 * The exported generic functions of a Go file whose parameters are literal types once their
 * type parameters are given ([]T, T, map[K]V): asked only with an instantiation an example's own
 * arguments decide (goInstantiation), as Go infers it from the same call.
 */
export async function goGenericCallable(content: string): Promise<Map<string, GoGenericSignature>> {
  const out = new Map<string, GoGenericSignature>();
  for (const [name, sig] of await goSignatures(content)) if (sig.typeParams.length) out.set(name, sig);
  return out;
}

async function goSignatures(content: string): Promise<Map<string, GoGenericSignature>> {
  const out = new Map<string, GoGenericSignature>();
  const tree = await parseTree('go', content);
  try {
    for (const fn of tree.rootNode.namedChildren) {
      if (fn?.type !== 'function_declaration') continue;
      const name = fn.childForFieldName('name')?.text ?? '';
      if (!/^[A-Z]/.test(name)) continue;
      const typeParams = (fn.childForFieldName('type_parameters')?.namedChildren ?? []).flatMap((d) => (d?.type === 'type_parameter_declaration' ? d.namedChildren.filter((c) => c?.type === 'identifier').map((c) => c!.text) : []));
      const params: string[] = [];
      let ok = true;
      for (const p of fn.childForFieldName('parameters')?.namedChildren ?? []) {
        if (p?.type !== 'parameter_declaration') {
          ok = false; // variadic
          break;
        }
        const type = p.childForFieldName('type')?.text ?? '';
        const names = p.namedChildren.filter((c) => c?.type === 'identifier').length || 1;
        for (let k = 0; k < names; k++) params.push(type);
      }
      const result = fn.childForFieldName('result');
      const results = !result ? 0 : result.type === 'parameter_list' ? result.namedChildren.reduce((n, p) => n + Math.max(1, p?.namedChildren.filter((c) => c?.type === 'identifier').length ?? 0), 0) : 1;
      // A type parameter stands for any basic type here: which one, an example decides.
      const literal = (t: string) => literalType(typeParams.reduce((x, tp) => x.replace(new RegExp(`\\b${tp}\\b`, 'g'), 'int'), t));
      if (ok && results > 0 && params.every(literal)) out.set(name, { params, results, typeParams });
    }
    return out;
  } finally {
    tree.delete();
  }
}

/**
 * The parameters' types for one call of a generic function, as Go infers them from the call's
 * arguments: a typed literal (`[]uint8{200, 100}`) binds the type parameters its type lines up
 * with; an untyped constant gives its default type (int, float64, string, bool; float64 where
 * the same parameter also takes a float). Undefined where the arguments do not decide every type
 * parameter, or two of them disagree.
 */
export function goInstantiation(sig: GoGenericSignature, args: Value[], types: Array<string | undefined> = []): string[] | undefined {
  const bound = new Map<string, string>();
  const untyped = new Map<string, string>();
  const bind = (param: string, given: string): boolean => {
    if (sig.typeParams.includes(param)) {
      if (bound.has(param) && bound.get(param) !== given) return false;
      bound.set(param, given);
      return true;
    }
    if (param.startsWith('[]')) return given.startsWith('[]') && bind(param.slice(2), given.slice(2));
    const [pm, gm] = [mapTypes(param), mapTypes(given)];
    if (pm) return !!gm && bind(pm[0], gm[0]) && bind(pm[1], gm[1]);
    return param === given;
  };
  for (const [k, param] of sig.params.entries()) {
    const type = types[k];
    if (type) {
      if (!bind(param, type)) return undefined;
    } else if (sig.typeParams.includes(param)) {
      const v = args[k];
      const kind = typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'bool' : isBigInteger(v) || (typeof v === 'number' && Number.isInteger(v)) ? 'int' : typeof v === 'number' ? 'float64' : undefined;
      if (!kind) return undefined;
      const had = untyped.get(param);
      if (had && had !== kind && !(['int', 'float64'].includes(had) && ['int', 'float64'].includes(kind))) return undefined;
      untyped.set(param, had === 'float64' ? had : kind);
    } else if (sig.typeParams.some((tp) => new RegExp(`\\b${tp}\\b`).test(param))) return undefined; // an untyped list or map: Go writes them typed
  }
  for (const tp of sig.typeParams) if (!bound.has(tp) && untyped.has(tp)) bound.set(tp, untyped.get(tp)!);
  if (sig.typeParams.some((tp) => !bound.has(tp))) return undefined;
  return sig.params.map((p) => sig.typeParams.reduce((x, tp) => x.replace(new RegExp(`\\b${tp}\\b`, 'g'), bound.get(tp)!), p));
}

/** The package a Go file belongs to. */
export function goPackage(content: string): string | undefined {
  return /^\s*package\s+([A-Za-z_]\w*)/m.exec(content.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, ''))?.[1];
}

function goLiteral(n: SyntaxNode | null | undefined): Value | undefined {
  if (!n) return undefined;
  switch (n.type) {
    case 'literal_element':
    case 'parenthesized_expression':
      return goLiteral(n.namedChildren[0]);
    case 'int_literal':
    case 'float_literal': {
      const v = Number(n.text.replace(/_/g, ''));
      return Number.isFinite(v) && Math.abs(v) < 2 ** 53 ? v : undefined;
    }
    case 'interpreted_string_literal':
      try {
        return JSON.parse(n.text) as string;
      } catch {
        return undefined;
      }
    case 'raw_string_literal':
      return n.text.slice(1, -1);
    case 'true':
      return true;
    case 'false':
      return false;
    case 'unary_expression': {
      const v = goLiteral(n.childForFieldName('operand'));
      return n.text.startsWith('-') && typeof v === 'number' ? -v : undefined;
    }
    case 'composite_literal': {
      if (n.childForFieldName('type')?.type !== 'slice_type') return undefined;
      const items = (n.childForFieldName('body')?.namedChildren ?? []).map((c) => goLiteral(c));
      return items.every((x) => x !== undefined) ? (items as Value[]) : undefined;
    }
    default:
      return undefined;
  }
}

/** Each table of cases in a file (a slice or map of an anonymous struct), as field name -> literal, per case. */
function caseTables(root: SyntaxNode): Array<Array<Map<string, Value>>> {
  const tables: Array<Array<Map<string, Value>>> = [];
  for (const n of walk(root)) {
    if (n.type !== 'composite_literal') continue;
    const type = n.childForFieldName('type');
    const struct = type?.type === 'slice_type' ? type.childForFieldName('element') : type?.type === 'map_type' ? type.childForFieldName('value') : undefined;
    if (struct?.type !== 'struct_type') continue;
    const fields = (struct.namedChildren[0]?.namedChildren ?? []).flatMap((f) => (f?.type === 'field_declaration' ? f.namedChildren.filter((c) => c?.type === 'field_identifier').map((c) => c!.text) : []));
    const cases: Array<Map<string, Value>> = [];
    for (const el of n.childForFieldName('body')?.namedChildren ?? []) {
      const body = el?.type === 'keyed_element' ? el.namedChildren[1]?.namedChildren[0] : el?.namedChildren[0];
      if (body?.type !== 'literal_value') continue;
      const row = new Map<string, Value>();
      body.namedChildren.forEach((item, k) => {
        if (item?.type === 'keyed_element') {
          const key = item.namedChildren[0]?.text;
          const v = goLiteral(item.namedChildren[1]);
          if (key && v !== undefined) row.set(key, v);
        } else if (fields[k] !== undefined) {
          const v = goLiteral(item);
          if (v !== undefined) row.set(fields[k]!, v);
        }
      });
      cases.push(row);
    }
    tables.push(cases);
  }
  return tables;
}

/**
 * A call's argument lists when its arguments are literals and the value variable of one
 * enclosing `range` over a slice of literals: one list per element.
 */
function rangedValues(call: SyntaxNode, args: SyntaxNode[]): Value[][] | undefined {
  const names = new Set(args.filter((a) => a.type === 'identifier').map((a) => a.text));
  if (names.size !== 1 || args.some((a) => a.type !== 'identifier' && goLiteral(a) === undefined)) return undefined;
  const [name] = names;
  for (let up = call.parent; up; up = up.parent) {
    if (up.type === 'function_declaration' || up.type === 'func_literal') return undefined;
    if (up.type !== 'for_statement') continue;
    const clause = up.namedChildren.find((c) => c?.type === 'range_clause');
    const vars = clause?.childForFieldName('left')?.namedChildren.map((c) => c?.text) ?? [];
    if (vars[1] !== name) continue;
    const right = clause!.childForFieldName('right');
    if (right?.type !== 'composite_literal' || right.childForFieldName('type')?.type !== 'slice_type') return undefined;
    const rows = (right.childForFieldName('body')?.namedChildren ?? []).map((el) => goLiteral(el));
    if (!rows.length || rows.some((r) => r === undefined)) return undefined;
    return rows.map((row) => args.map((a) => (a.type === 'identifier' ? row! : goLiteral(a)!)));
  }
  return undefined;
}

/** Literal argument lists of calls to `names` in a Go test file: written out, each case of a table the call reads its arguments from, or each value of a range over a literal slice. */
export async function goLiteralCalls(content: string, names: ReadonlySet<string>): Promise<Map<string, Value[][]>> {
  const out = new Map<string, Value[][]>();
  const put = (name: string, args: Value[]) => out.set(name, [...(out.get(name) ?? []), args]);
  const tree = await parseTree('go', content);
  try {
    const tables = caseTables(tree.rootNode);
    for (const n of walk(tree.rootNode)) {
      if (n.type !== 'call_expression') continue;
      const fn = n.childForFieldName('function');
      const name = fn?.type === 'identifier' ? fn.text : fn?.type === 'selector_expression' ? fn.childForFieldName('field')?.text : undefined;
      if (!name || !names.has(name)) continue;
      const argNodes = (n.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is SyntaxNode => !!a);
      const literal = argNodes.map((a) => goLiteral(a));
      if (literal.every((a) => a !== undefined)) {
        put(name, literal as Value[]);
        continue;
      }
      // The value of a range over a literal slice: for _, n := range []int{2, 3, 5} { F(n) }.
      const ranged = rangedValues(n, argNodes);
      if (ranged) {
        for (const args of ranged) put(name, args);
        continue;
      }
      // Fields of one case variable: c.base, c.exp.
      const fields = argNodes.map((a) => (a.type === 'selector_expression' && a.childForFieldName('operand')?.type === 'identifier' ? a.childForFieldName('field')?.text : undefined));
      const operands = new Set(argNodes.map((a) => a.childForFieldName('operand')?.text));
      if (!fields.length || fields.some((f) => f === undefined) || operands.size !== 1) continue;
      for (const table of tables) {
        for (const row of table) {
          const args = fields.map((f) => row.get(f!));
          if (args.every((a) => a !== undefined)) put(name, args as Value[]);
        }
      }
    }
    return out;
  } finally {
    tree.delete();
  }
}

/** Whether a value can be given as a literal of a Go type (whole numbers for integers, none below zero for unsigned). */
export function fitsGoType(v: Value, type: string): boolean {
  if (type.startsWith('[]')) return Array.isArray(v) && v.every((x) => fitsGoType(x, type.slice(2)));
  const m = mapTypes(type);
  if (m) {
    if (!v || typeof v !== 'object' || Array.isArray(v) || isBigInteger(v)) return false;
    // A map's keys are text as an example is read; a number key is its digits.
    return Object.entries(v).every(([k, x]) => (m[0] === 'string' ? true : fitsGoType(/^-?\d+$/.test(k) ? Number(k) : k, m[0])) && fitsGoType(x, m[1]));
  }
  const bits = /(\d+)$/.exec(type)?.[1];
  // int, uint and uintptr are 64 bits wide on the 64-bit platforms Lab images run on.
  const size = type === 'byte' ? 8 : type === 'rune' ? 32 : bits ? Number(bits) : 64;
  // An integer past 2^53, kept as its digits, is given as a typed constant.
  const whole = isBigInteger(v) ? BigInt(v.$bigint) : typeof v === 'number' && Number.isInteger(v) ? BigInt(v) : undefined;
  if (INTS.has(type)) return whole !== undefined && whole >= -(2n ** BigInt(size - 1)) && whole < 2n ** BigInt(size - 1);
  if (UINTS.has(type)) return whole !== undefined && whole >= 0n && whole < 2n ** BigInt(size);
  if (FLOATS.has(type)) return typeof v === 'number';
  if (type === 'string') return typeof v === 'string';
  if (type === 'bool') return typeof v === 'boolean';
  return false;
}
