// The differential check for Go (differential.ts says what the check is). Go is typed, so a
// function is called only where its parameters are of kinds a literal can give (numbers,
// text, booleans, slices of those), with inputs of the right kind; the calls are a test file
// Loom writes into the function's package and runs with `go test`, once on the base's tree and
// once on the Lab's. The inputs come from the tests' calls, written out or taken from the
// table of cases a test ranges over (Go's usual form). Pure but for the parser.
import { parseTree, walk, type SyntaxNode } from './treeSitter';
import type { AcrossInputs, Value } from './differentialVerdict';

const INTS = new Set(['int', 'int8', 'int16', 'int32', 'int64', 'rune']);
const UINTS = new Set(['uint', 'uint8', 'uint16', 'uint32', 'uint64', 'byte', 'uintptr']);
const FLOATS = new Set(['float32', 'float64']);
const BASIC = new Set([...INTS, ...UINTS, ...FLOATS, 'string', 'bool']);

export interface GoSignature {
  /** Each parameter's type, one per argument (`a, b int` is two). */
  params: string[];
  results: number;
}

/** A type a literal can give: a basic type, or a slice of one. */
const literalType = (t: string): boolean => BASIC.has(t) || (t.startsWith('[]') && BASIC.has(t.slice(2)));

/** The exported top-level functions (not methods) of a Go file that Loom can call with literals, by name. */
export async function goCallable(content: string): Promise<Map<string, GoSignature>> {
  const out = new Map<string, GoSignature>();
  const tree = await parseTree('go', content);
  try {
    for (const fn of tree.rootNode.namedChildren) {
      if (fn?.type !== 'function_declaration' || fn.childForFieldName('type_parameters')) continue;
      const name = fn.childForFieldName('name')?.text ?? '';
      if (!/^[A-Z]/.test(name)) continue;
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
      if (ok && results > 0 && params.every(literalType)) out.set(name, { params, results });
    }
    return out;
  } finally {
    tree.delete();
  }
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
  const bits = /(\d+)$/.exec(type)?.[1];
  // int, uint and uintptr are 64 bits wide on the 64-bit platforms Lab images run on.
  const size = type === 'byte' ? 8 : type === 'rune' ? 32 : bits ? Number(bits) : 64;
  if (INTS.has(type)) return typeof v === 'number' && Number.isInteger(v) && v >= -(2 ** (size - 1)) && v < 2 ** (size - 1);
  if (UINTS.has(type)) return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 2 ** size;
  if (FLOATS.has(type)) return typeof v === 'number';
  if (type === 'string') return typeof v === 'string';
  if (type === 'bool') return typeof v === 'boolean';
  return false;
}

function goValue(v: Value, type: string): string {
  if (type.startsWith('[]')) return `${type}{${(v as Value[]).map((x) => goValue(x, type.slice(2))).join(', ')}}`;
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') return `${type}(${Object.is(v, -0) ? 0 : v})`;
  return String(v);
}

/** Which input each call gets, as the JavaScript and Python harnesses order them: each once, each twice in a row, then revisits drawn by a fixed generator. */
export function callOrder(n: number, minCalls: number): number[] {
  const order: number[] = [];
  for (let i = 0; i < n; i++) order.push(i);
  for (let i = 0; i < n; i++) order.push(i, i);
  let x = 12345;
  while (n > 0 && order.length < minCalls) {
    x = (x * 1103515245 + 12345) % 2147483648;
    order.push(x % n);
  }
  return order;
}

export interface GoHarnessTarget {
  file: string;
  name: string;
  params: string[];
  inputs: Value[][];
  order: number[];
  /** Also write each input's answer as a plain value (the task's examples), once per input. */
  values?: boolean;
  /**
   * Record which of these added lines each first call runs (verify/specialPaths.ts), from the
   * counters of \`go tool cover -mode=count -var=<variable>\`, which instrumented the function's
   * file for this run: reset before each first call, read after it.
   */
  cover?: { variable: string; added: number[] };
  /** Calls across the tested range, each once after `order`, within `acrossBudgetMs` (differential.ts). */
  across?: AcrossInputs[];
  acrossBudgetMs?: number;
}

/** The test Loom writes into a package: calls each of its targets in `order` and writes one canonical string per answer. */
export function goHarness(pkg: string, targets: GoHarnessTarget[]): string {
  const blocks = targets.map((t) => {
    const calls = t.inputs.map((args) => `\t\t\tfunc() string { return loomCanon(${t.name}(${args.map((a, k) => goValue(a, t.params[k]!)).join(', ')})) },`).join('\n');
    const plain = t.values ? `\t\tvalues := []any{\n${t.inputs.map((args) => `\t\t\tloomValue(func() any { return loomPlain(${t.name}(${args.map((a, k) => goValue(a, t.params[k]!)).join(', ')})) }),`).join('\n')}\n\t\t}\n` : '';
    const c = t.cover;
    // The first len(calls) calls are each input once, in order (callOrder).
    const before = c ? `\t\t\tif j < 3*len(calls) {\n\t\t\t\tfor k := range ${c.variable}.Count {\n\t\t\t\t\t${c.variable}.Count[k] = 0\n\t\t\t\t}\n\t\t\t}\n` : '';
    const after = c
      ? `\t\t\tif j < 3*len(calls) {\n\t\t\t\tran := [][2]uint32{}\n\t\t\t\tfor _, l := range added {\n\t\t\t\t\tfor k, n := range ${c.variable}.Count {\n\t\t\t\t\t\tif n > 0 && ${c.variable}.Pos[3*k] <= l && l <= ${c.variable}.Pos[3*k+1] {\n\t\t\t\t\t\t\tran = append(ran, [2]uint32{l, l + 1})\n\t\t\t\t\t\t\tbreak\n\t\t\t\t\t\t}\n\t\t\t\t\t}\n\t\t\t\t}\n\t\t\t\tpaths = append(paths, ran)\n\t\t\t}\n`
      : '';
    const declare = c ? `\t\tadded := []uint32{${c.added.join(', ')}}\n\t\tpaths := [][][2]uint32{}\n` : '';
    // Then each input across the tested range once, while the budget lasts.
    const across = (t.across ?? []).map((g) => `\t\tfor _, v := range []int64{${g.values.join(', ')}} {\n\t\t\tif loomAcrossSpent+loomtime.Since(started) > ${t.acrossBudgetMs ?? 10_000}*loomtime.Millisecond {\n\t\t\t\tbreak\n\t\t\t}\n\t\t\tanswers = append(answers, loomCall(func() string { return loomCanon(${t.name}(${g.args.map((a, k) => (k === g.position ? `${t.params[k]!}(v)` : goValue(a, t.params[k]!))).join(', ')})) }))\n\t\t}\n`).join('');
    const acrossPart = across ? `\t\tstarted := loomtime.Now()\n${across}\t\tloomAcrossSpent += loomtime.Since(started)\n` : '';
    // Under LOOM_DIFFERENTIAL_OVERLAP, every input one at a time, twice, then each call on a goroutine of its own, all at once.
    const overlap = `\t\tif loomOverlap {\n\t\t\talone := make([]string, 0, 2*len(calls))\n\t\t\tfor pass := 0; pass < 2; pass++ {\n\t\t\t\tfor i := range calls {\n\t\t\t\t\talone = append(alone, loomCall(calls[i]))\n\t\t\t\t}\n\t\t\t}\n\t\t\tanswers := make([]string, len(calls))\n\t\t\torder := make([]int, len(calls))\n\t\t\tvar wg loomsync.WaitGroup\n\t\t\tfor i := range calls {\n\t\t\t\torder[i] = i\n\t\t\t\twg.Add(1)\n\t\t\t\tgo func(i int) {\n\t\t\t\t\tdefer wg.Done()\n\t\t\t\t\tanswers[i] = loomCall(calls[i])\n\t\t\t\t}(i)\n\t\t\t}\n\t\t\twg.Wait()\n\t\t\tout = append(out, map[string]any{"file": ${JSON.stringify(t.file)}, "name": ${JSON.stringify(t.name)}, "answers": answers, "alone": alone, "order": order})\n\t\t} else {\n`;
    return `\t{\n\t\tcalls := []func() string{\n${calls}\n\t\t}\n${overlap}${plain}${declare}\t\torder := []int{${t.order.join(', ')}}\n\t\tanswers := make([]string, 0, len(order))\n\t\tfor j, i := range order {\n\t\t\t_ = j\n${before}\t\t\tanswers = append(answers, loomCall(calls[i]))\n${after}\t\t}\n${acrossPart}\t\tout = append(out, map[string]any{"file": ${JSON.stringify(t.file)}, "name": ${JSON.stringify(t.name)}, "answers": answers, "order": order${t.values ? ', "values": values' : ''}${c ? ', "paths": paths' : ''}})\n\t\t}\n\t}`;
  });
  return `package ${pkg}

// Written by Loom's differential check; never committed.

import (
	loomjson "encoding/json"
	loomfmt "fmt"
	loomos "os"
	loomregexp "regexp"
	loomsync "sync"
	loomtesting "testing"
	loomtime "time"
)

var loomAddress = loomregexp.MustCompile(\`0x[0-9a-f]+\`)

// The time spent calling across tested ranges, shared by every target of this run.
var loomAcrossSpent loomtime.Duration

// Each input once, all calls at once (differentialRun.ts, the overlapped side).
var loomOverlap = loomos.Getenv("LOOM_DIFFERENTIAL_OVERLAP") != ""

func loomCanon(vs ...any) string {
	return loomAddress.ReplaceAllString(loomfmt.Sprintf("%#v", vs), "0x")
}

func loomCall(f func() string) (s string) {
	defer func() {
		if r := recover(); r != nil {
			s = loomAddress.ReplaceAllString(loomfmt.Sprintf("panics: %v", r), "0x")
		}
	}()
	return f()
}

// loomPlain is a call's results as plain values: an error as its message, a float that JSON cannot hold as text.
func loomPlain(vs ...any) any {
	out := make([]any, len(vs))
	for k, v := range vs {
		switch x := v.(type) {
		case error:
			out[k] = map[string]any{"error": x.Error()}
		case float64:
			if x != x || x > 1e308 || x < -1e308 {
				out[k] = loomfmt.Sprint(x)
			} else {
				out[k] = x
			}
		default:
			out[k] = v
		}
	}
	return out
}

func loomValue(f func() any) (v map[string]any) {
	defer func() {
		if r := recover(); r != nil {
			v = map[string]any{"throws": loomfmt.Sprint(r)}
		}
	}()
	return map[string]any{"value": f()}
}

func TestLoomDifferential(t *loomtesting.T) {
	out := []map[string]any{}
${blocks.join('\n')}
	b, err := loomjson.Marshal(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := loomos.WriteFile(loomos.Getenv("LOOM_DIFFERENTIAL_OUT"), b, 0o644); err != nil {
		t.Fatal(err)
	}
}
`;
}
