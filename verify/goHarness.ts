// The test file Loom writes into a Go package to call its functions (the differential check,
// the task's examples): each target called in a given order, every answer written as one
// canonical string, and where asked as a plain value. Pure: it returns the file's text.
import { isBigInteger } from '../program/taskExamples';
import type { AcrossInputs, Value } from './differentialVerdict';
import { mapTypes } from './differentialGo';

function goValue(v: Value, type: string): string {
  if (type.startsWith('[]')) return `${type}{${(v as Value[]).map((x) => goValue(x, type.slice(2))).join(', ')}}`;
  const m = mapTypes(type);
  if (m) return `${type}{${Object.entries(v as Record<string, Value>).map(([k, x]) => `${m[0] === 'string' ? JSON.stringify(k) : `${m[0]}(${k})`}: ${goValue(x, m[1])}`).join(', ')}}`;
  if (isBigInteger(v)) return `${type}(${v.$bigint})`;
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
  /** A generic function's parameters' types for each input, as that call instantiates it. */
  inputParams?: string[][];
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
    const call = (args: Value[], i: number) => `${t.name}(${args.map((a, k) => goValue(a, (t.inputParams?.[i] ?? t.params)[k]!)).join(', ')})`;
    const calls = t.inputs.map((args, i) => `\t\t\tfunc() string { return loomCanon(${call(args, i)}) },`).join('\n');
    // Each call's answer as a plain value, in `order` as the other harnesses give them: an example is asked more than once.
    const plain = t.values ? `\t\tplains := []func() any{\n${t.inputs.map((args, i) => `\t\t\tfunc() any { return loomPlain(${call(args, i)}) },`).join('\n')}\n\t\t}\n\t\tvalues := make([]any, 0, len(plains))\n` : '';
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
    return `\t{\n\t\tcalls := []func() string{\n${calls}\n\t\t}\n${overlap}${plain}${declare}\t\torder := []int{${t.order.join(', ')}}\n\t\tanswers := make([]string, 0, len(order))\n\t\tfor j, i := range order {\n\t\t\t_ = j\n${before}\t\t\tanswers = append(answers, loomCall(calls[i]))\n${t.values ? '\t\t\tvalues = append(values, loomValue(plains[i]))\n' : ''}${after}\t\t}\n${acrossPart}\t\tout = append(out, map[string]any{"file": ${JSON.stringify(t.file)}, "name": ${JSON.stringify(t.name)}, "answers": answers, "order": order${t.values ? ', "values": values' : ''}${c ? ', "paths": paths' : ''}})\n\t\t}\n\t}`;
  });
  return `package ${pkg}

// Written by Loom's differential check; never committed.

import (
	loomjson "encoding/json"
	loomfmt "fmt"
	loomos "os"
	loomreflect "reflect"
	loomregexp "regexp"
	loomsync "sync"
	loomtesting "testing"
	loomtime "time"
)

// An address, as %#v shows a pointer: (*int)(0xc000012345). An unsigned integer it shows in hex
// too (0x8000000000000000), and that is an answer, so only an address in brackets goes.
var loomAddress = loomregexp.MustCompile(\`\\(0x[0-9a-f]+\\)\`)

// In a panic's text any hex number may be an address.
var loomAnyHex = loomregexp.MustCompile(\`0x[0-9a-f]+\`)

// The time spent calling across tested ranges, shared by every target of this run.
var loomAcrossSpent loomtime.Duration

// Each input once, all calls at once (differentialRun.ts, the overlapped side).
var loomOverlap = loomos.Getenv("LOOM_DIFFERENTIAL_OVERLAP") != ""

func loomCanon(vs ...any) string {
	return loomAddress.ReplaceAllString(loomfmt.Sprintf("%#v", vs), "(0x)")
}

func loomCall(f func() string) (s string) {
	defer func() {
		if r := recover(); r != nil {
			s = loomAnyHex.ReplaceAllString(loomfmt.Sprintf("panics: %v", r), "0x")
		}
	}()
	return f()
}

// loomPlain is a call's results as plain values: an error as its message, a float that JSON cannot hold as text,
// an integer past 2^53 as its digits (a JSON number would lose them), inside slices and maps too.
func loomPlain(vs ...any) any {
	out := make([]any, len(vs))
	for k, v := range vs {
		out[k] = loomPlainOne(v)
	}
	return out
}

func loomPlainOne(v any) any {
	switch x := v.(type) {
	case int:
		return loomWhole(x >= 1<<53 || x <= -(1<<53), v)
	case int64:
		return loomWhole(x >= 1<<53 || x <= -(1<<53), v)
	case uint:
		return loomWhole(x >= 1<<53, v)
	case uint64:
		return loomWhole(x >= 1<<53, v)
	case error:
		return map[string]any{"error": x.Error()}
	case float64:
		if x != x || x > 1e308 || x < -1e308 {
			return loomfmt.Sprint(x)
		}
		return x
	case []byte:
		return v
	}
	r := loomreflect.ValueOf(v)
	switch r.Kind() {
	case loomreflect.Slice, loomreflect.Array:
		// A nil slice is an empty one, as slices.Equal and len see it.
		out := make([]any, r.Len())
		for i := range out {
			out[i] = loomPlainOne(r.Index(i).Interface())
		}
		return out
	case loomreflect.Map:
		out := make(map[string]any, r.Len())
		for it := r.MapRange(); it.Next(); {
			out[loomfmt.Sprint(it.Key().Interface())] = loomPlainOne(it.Value().Interface())
		}
		return out
	}
	return v
}

func loomWhole(big bool, v any) any {
	if big {
		return map[string]any{"$bigint": loomfmt.Sprint(v)}
	}
	return v
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
	// Asked from another folder when Loom names one, as a program started elsewhere is.
	if dir := loomos.Getenv("LOOM_DIFFERENTIAL_CWD"); dir != "" {
		if err := loomos.Chdir(dir); err != nil {
			t.Fatal(err)
		}
	}
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
