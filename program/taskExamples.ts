// The worked examples a task states: "median([1, 2, 3, 4]) is 2.5", read as a call, its
// literal arguments and the value it must give. Verification asks them of the change's
// functions (verify/exampleVerdict.ts). Only literal examples are read (numbers, strings,
// booleans, null, lists, tuples, maps, integer constant expressions), in the spellings of
// JavaScript, Python and Go, as the language the example is asked in reads them. Pure, and free
// of parsers, so the workflow can use it.
import { readIntegerExpression, type ExampleLanguage } from './integerExpression';

/** A plain value, as an example writes it and as a called function's answer is compared. */
export type Value = null | boolean | number | string | Value[] | { [k: string]: Value };

export interface TaskExample {
  name: string;
  args: Value[];
  expected: Value;
  /** How far a number may be from the written one: 0 unless the task rounds ("about", or three or more decimals). */
  tolerance: number;
  /** The example as the task wrote it, for messages. */
  text: string;
  /** Written as argument and value, the function named elsewhere: a call that throws is not asked. */
  fromArgument?: boolean;
  /** From program.md's held-out examples, which the Lab never saw. */
  heldOut?: boolean;
  /** From a doctest the change wrote in the code's own docstring (program/docstringExamples.ts). */
  documented?: boolean;
  /** Methods of no arguments the example calls on the answer, in order: `to_local(...).isoformat() == "..."`. */
  then?: string[];
  /** Go: each argument's type where it is written typed (`[]uint8{200, 100}`), which decides a generic function's instantiation. */
  goTypes?: Array<string | undefined>;
}

const APPROX = String.raw`(?:is|are|gives|returns|equals)\s+(?:about|approximately|roughly|around|close\s+to)|≈|~=`;
const EXACT = String.raw`(?:should|must|will)\s+(?:be|return|give|equal)|is|gives|returns|yields|equals|evaluates\s+to|===?|=>|->|→|;?[ \t]*(?:\/\/|#)[ \t]*(?:=>|->|→|returns|is)?`;
const VERB = new RegExp(String.raw`^\`?\s*(?:(${APPROX})|(${EXACT}))\s*\`?\s*`);
const CALL = /(?<![\w.$])([A-Za-z_$][\w$]*)\(/g;
// What may follow a value for it to be the whole answer: the end, punctuation, or a word that
// starts another clause ("is 28 and ...", "is 12 for example"), not "is 4 times f(1)" or "is 5 minutes".
const ENDS_VALUE = /^(?:[ \t]*(?:\r?\n|$)|`|[,;:)!?\]]|\.(?:\s|$)|\s+(?:(?:and|or|but|while|whereas|when|so|then|because|since|for|as|if|in|on|with|where|which|not|to|e\.g\.|i\.e\.)(?![\w-])|[(—–]|-\s))/;

// A condition earlier in an example's clause (an environment variable's value, "when", "if",
// "after", "with CALC_MODE set", "on 2025-06-02"): the example describes that case, not what the call answers
// as verification makes it, so it is not read.
const CONDITION_WORD = /\b(?:when|whenever|if|unless|under|once|after)\b/i;
const ENVIRONMENT = /\b[A-Z][A-Z0-9_]{2,}=|\b[Ww]ith\s+`?[A-Z][A-Z0-9_]{2,}\b/;
// A day or a time the example holds on ("on 2025-06-02, daysUntil(...) is 1"): the answer is the clock's too.
const MOMENT = /\b(?:on|at|as\s+of)\s+`?\d{4}-\d{2}-\d{2}|\b(?:on|at)\s+`?\d{1,2}:\d{2}/i;
// A clause starts after a sentence's punctuation, a line break or an opening parenthesis (an aside).
const CLAUSE_END = /[.;:!?](?=\s)|\n|(?<![\w$])\(|^/g;

/** Whether the clause before position i sets a condition on what follows. */
function conditional(text: string, i: number): boolean {
  const head = text.slice(Math.max(0, i - 300), i);
  let start = 0;
  for (const m of head.matchAll(CLAUSE_END)) start = m.index! + m[0].length;
  const clause = head.slice(start);
  return CONDITION_WORD.test(clause) || ENVIRONMENT.test(clause) || MOMENT.test(clause);
}

/**
 * Every literal example the text states, as name, arguments and value; contradicting examples
 * of one call are dropped. `lang` is the language the examples are asked in, which decides how
 * an expression such as `1<<63+1` reads; without it, only expressions every language reads alike.
 */
export function taskExamples(text: string, lang?: ExampleLanguage): TaskExample[] {
  const found: TaskExample[] = [];
  for (const m of text.matchAll(CALL)) {
    const name = m[1]!;
    if (conditional(text, m.index!)) continue;
    const open = m.index! + name.length;
    const args = readList(text, open, ')', lang);
    if (!args) continue;
    let rest = text.slice(args.end);
    // Methods of no arguments called on the answer, as a task writes them: `.isoformat()`.
    const chain = /^(?:\s*\.\s*[A-Za-z_$][\w$]*\(\s*\))+/.exec(rest)?.[0];
    const then = chain ? [...chain.matchAll(/([A-Za-z_$][\w$]*)\(/g)].map((c) => c[1]!) : undefined;
    if (chain) rest = rest.slice(chain.length);
    const doctest = /^[ \t]*\r?\n[ \t]*(?!>>>)/.exec(rest);
    let tolerance = 0;
    if (doctest && /^\s*>>>\s*$/.test(text.slice(text.lastIndexOf('\n', m.index!) + 1, m.index!))) rest = rest.slice(doctest[0].length);
    else {
      const verb = VERB.exec(rest);
      if (!verb) continue;
      if (verb[1]) tolerance = -1;
      rest = rest.slice(verb[0].length);
    }
    const value = readExpected(rest, lang);
    if (!value || !ENDS_VALUE.test(rest.slice(value.end))) continue;
    const written = rest.slice(0, value.end);
    const goTypes = lang === 'go' ? typedArguments(text.slice(open + 1, args.end - 1)) : undefined;
    found.push({ name, args: args.value, expected: value.value, tolerance: toleranceOf(written, value.value, tolerance < 0), text: `${name}(${text.slice(open + 1, args.end - 1)})${chain ? chain.replace(/\s+/g, '') : ''} is ${written}`, ...(goTypes?.some(Boolean) ? { goTypes } : {}), ...(then ? { then } : {}) });
  }
  found.push(...argumentExamples(text, lang));
  const key = (e: TaskExample) => `${e.name}\u0000${JSON.stringify(e.args)}\u0000${JSON.stringify(e.goTypes ?? [])}\u0000${(e.then ?? []).join('.')}`;
  const byCall = new Map<string, TaskExample[]>();
  for (const e of found) byCall.set(key(e), [...(byCall.get(key(e)) ?? []), e]);
  return [...byCall.values()].filter((es) => es.every((e) => JSON.stringify(e.expected) === JSON.stringify(es[0]!.expected))).map((es) => es[0]!);
}

/** The type of each Go argument written as a typed slice or map literal, in an argument list's text. */
export function typedArguments(list: string): Array<string | undefined> {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i]!;
    if (c === '"' || c === '`' || c === "'") {
      // A string: to its closing quote, past escapes.
      for (i++; i < list.length && list[i] !== c; i++) if (list[i] === '\\' && c !== '`') i++;
    } else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === ',' && depth === 0) {
      parts.push(list.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(list.slice(start));
  return parts.map((p) => /^\s*(\[\][\w.]+|map\[[\w.]+\][\w.[\]]+?)\{/.exec(p)?.[1]);
}

// A function of one parameter, as a task names it: `slugify(title)`, `ISqrt(n int) int`.
const ONE_PARAMETER = /(?<![\w.$])([A-Za-z_$][\w$]*)\(\s*[A-Za-z_$][\w$]*(?:\s+[\w.*[\]]+)?\s*\)/g;
const MAPS_TO = /^\s*(?:→|->|=>|gives|becomes|maps\s+to|turns\s+into)\s*/;

/**
 * Examples written as argument and value ("0 → 32", "'Top 10 Tips' gives 'top-10-tips'"),
 * read only when the task names exactly one function of one parameter, whose examples
 * they then are. Such an example whose call throws is not asked (judgeExamples): the
 * sentence may be about something else.
 */
function argumentExamples(text: string, lang?: ExampleLanguage): TaskExample[] {
  const names = new Set([...text.matchAll(ONE_PARAMETER)].map((m) => m[1]!));
  if (names.size !== 1) return [];
  const name = [...names][0]!;
  const out: TaskExample[] = [];
  for (let i = 0; i < text.length && i < 20_000; i++) {
    if (!/[-\d'"[({]/.test(text[i]!) || /[\w$)\]]/.test(text[i - 1] ?? ' ')) continue;
    const arg = readValue(text, i, lang);
    if (!arg || conditional(text, i)) continue;
    const verb = MAPS_TO.exec(text.slice(arg.end, arg.end + 32));
    if (!verb) continue;
    const rest = text.slice(arg.end + verb[0].length);
    const value = readExpected(rest, lang);
    if (!value || !ENDS_VALUE.test(rest.slice(value.end))) continue;
    const written = rest.slice(0, value.end);
    out.push({ name, args: [arg.value], expected: value.value, tolerance: toleranceOf(written, value.value, false), text: `${text.slice(i, arg.end)}${verb[0]}${written}`.trim(), fromArgument: true });
    i = arg.end - 1;
  }
  return out;
}

/** A number written with three or more decimals, or said to be "about" a value, is taken as rounded to what it shows. */
function toleranceOf(written: string, v: Value, about: boolean): number {
  if (typeof v !== 'number') return 0;
  const decimals = /\.(\d+)/.exec(written.replace(/[eE].*$/, ''))?.[1]?.length ?? 0;
  if (!about && decimals < 3) return 0;
  return 0.5 * 10 ** -decimals + 1e-12;
}

interface Read<T> {
  value: T;
  end: number;
}

const skipSpace = (s: string, i: number) => {
  while (i < s.length && /\s/.test(s[i]!)) i++;
  return i;
};

/** A comma-separated list of literals from s[open] (an opening bracket) to its `close`; a trailing comma is allowed. */
function readList(s: string, open: number, close: string, lang?: ExampleLanguage, inAnswer = false): (Read<Value[]> & { trailingComma: boolean }) | undefined {
  const values: Value[] = [];
  let i = skipSpace(s, open + 1);
  let trailingComma = false;
  while (i < s.length && s[i] !== close) {
    const v = readValue(s, i, lang, false, inAnswer);
    if (!v) return undefined;
    values.push(v.value);
    i = skipSpace(s, v.end);
    trailingComma = false;
    if (s[i] === ',') {
      i = skipSpace(s, i + 1);
      trailingComma = true;
    } else if (s[i] !== close) return undefined;
  }
  return s[i] === close ? { value: values, end: i + 1, trailingComma } : undefined;
}

const WORDS: Record<string, Value> = { true: true, false: false, True: true, False: false, null: null, None: null, nil: null };

/** A Python tuple given as an argument (the harness makes it a tuple again). */
export type Tuple = { $tuple: Value[] };
export const isTuple = (v: unknown): v is Tuple => !!v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && Array.isArray((v as Tuple).$tuple);

/** An integer past 2^53, kept exactly as its digits: only a big integer's answer (Python's int, a BigInt) is compared with it. */
export type BigInteger = { $bigint: string };
export const isBigInteger = (v: unknown): v is BigInteger => !!v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as BigInteger).$bigint === 'string';

/** The value an example says a call gives: any literal, or an integer past 2^53 as its digits. */
function readExpected(s: string, lang?: ExampleLanguage): Read<Value> | undefined {
  const big = /^\s*([-+]?)(\d[\d_]*)(?![\w.])/.exec(s.slice(0, 128));
  if (big && !/^0\d/.test(big[2]!)) {
    const digits = big[2]!.replace(/_/g, '');
    if (!Number.isSafeInteger(Number(digits))) return { value: { $bigint: `${big[1] === '-' ? '-' : ''}${BigInt(digits).toString()}` }, end: big[0].length };
  }
  return readValue(s, 0, lang, true);
}

/** An exact integer as a value: a number while it is a safe one, else its digits. */
const integerValue = (v: bigint): Value => (v >= -(2n ** 53n - 1n) && v <= 2n ** 53n - 1n ? Number(v) : { $bigint: v.toString() });

/**
 * One literal at s[i]: a number, an integer constant expression, a string, a word constant, a
 * list, a tuple, a map, or a Go slice or map literal. An integer past 2^53 is kept as its digits
 * where it can be given exactly: as the value a call gives, and as an argument in Python (an
 * int) and Go (a typed constant), not as a JavaScript number.
 */
export function readValue(s: string, i: number, lang?: ExampleLanguage, expected = false, inAnswer = expected): Read<Value> | undefined {
  i = skipSpace(s, i);
  const expr = /[-+(\dA-Za-z]/.test(s[i] ?? '') ? readIntegerExpression(s, i, lang) : undefined;
  if (expr) {
    const safe = expr.value >= -(2n ** 53n - 1n) && expr.value <= 2n ** 53n - 1n;
    const exact = safe || expected || lang === 'python' || lang === 'go';
    if (expr.composite || !safe) return exact ? { value: integerValue(expr.value), end: expr.end } : undefined;
  }
  const num = /^[-+]?(?:\d[\d_]*(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?(?!\w)/.exec(s.slice(i, i + 64));
  if (num && !/^[-+]?0\d/.test(num[0])) {
    const v = Number(num[0].replace(/_/g, ''));
    // An integer past 2^53 cannot be compared exactly here: not read.
    return Number.isFinite(v) && !(Number.isInteger(v) && Math.abs(v) > 2 ** 53) ? { value: v, end: i + num[0].length } : undefined;
  }
  const c = s[i];
  if (c === '"' || c === "'" || c === '`') return readString(s, i);
  const word = /^[A-Za-z_]\w*/.exec(s.slice(i, i + 64))?.[0];
  if (word && word in WORDS) return { value: WORDS[word]!, end: i + word.length };
  if (c === '[') {
    // Go: []T{...} is a list.
    const slice = /^\[\]\*?[\w.]+(?:\[\][\w.]+)*\{/.exec(s.slice(i, i + 64));
    if (slice) {
      const l = readList(s, i + slice[0].length - 1, '}', lang, inAnswer);
      return l && { value: l.value, end: l.end };
    }
    const l = readList(s, i, ']', lang, inAnswer);
    return l && { value: l.value, end: l.end };
  }
  if (c === '(') {
    // Python: (x) is x, (x,) and (x, y) are tuples. A tuple given as an argument stays one
    // (a list is not hashable: a cached function cannot take it); an answer's tuple is compared as a list.
    const l = readList(s, i, ')', lang, inAnswer);
    if (!l) return undefined;
    if (l.value.length === 1 && !l.trailingComma) return { value: l.value[0]!, end: l.end };
    return { value: lang === 'python' && !inAnswer ? { $tuple: l.value } : l.value, end: l.end };
  }
  const map = /^map\[[\w.]+\][\w.[\]]+\{/.exec(s.slice(i, i + 64));
  if (c === '{' || map) return readMap(s, map ? i + map[0].length - 1 : i, lang, inAnswer);
  return undefined;
}

function readMap(s: string, open: number, lang?: ExampleLanguage, inAnswer = false): Read<Value> | undefined {
  const out: Record<string, Value> = {};
  let i = skipSpace(s, open + 1);
  while (i < s.length && s[i] !== '}') {
    const ident = /^[A-Za-z_$][\w$]*(?=\s*:)/.exec(s.slice(i, i + 64))?.[0];
    const key = ident && !(ident in WORDS) ? { value: ident, end: i + ident.length } : readValue(s, i, lang);
    if (!key || (typeof key.value !== 'string' && typeof key.value !== 'number')) return undefined;
    i = skipSpace(s, key.end);
    if (s[i] !== ':') return undefined;
    const v = readValue(s, i + 1, lang, false, inAnswer);
    if (!v) return undefined;
    out[String(key.value)] = v.value;
    i = skipSpace(s, v.end);
    if (s[i] === ',') i = skipSpace(s, i + 1);
    else if (s[i] !== '}') return undefined;
  }
  return s[i] === '}' ? { value: out, end: i + 1 } : undefined;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0', '\\': '\\', "'": "'", '"': '"', '`': '`' };

function readString(s: string, i: number): Read<Value> | undefined {
  const q = s[i]!;
  let out = '';
  for (let j = i + 1; j < s.length; j++) {
    const c = s[j]!;
    if (c === q) return { value: out, end: j + 1 };
    if (c === '\n' && q !== '`') return undefined;
    if (q === '`' && c === '$' && s[j + 1] === '{') return undefined;
    if (c === '\\') {
      const e = s[++j];
      if (e === undefined) return undefined;
      const hex = e === 'u' ? /^[0-9a-fA-F]{4}/.exec(s.slice(j + 1))?.[0] : undefined;
      if (hex) {
        out += String.fromCharCode(parseInt(hex, 16));
        j += 4;
      } else if (e in ESCAPES) out += ESCAPES[e];
      else return undefined;
    } else out += c;
  }
  return undefined;
}

/** A value as a message shows it: JSON, an integer past 2^53 as its digits, a tuple as Python writes it. */
const hasTuple = (v: Value): boolean => isTuple(v) || (Array.isArray(v) ? v.some(hasTuple) : !!v && typeof v === 'object' && Object.values(v).some(hasTuple));
export const shownValue = (v: Value): string =>
  !hasTuple(v) ? JSON.stringify(v, (_, x) => (isBigInteger(x) ? `\u0000${x.$bigint}\u0000` : x)).replace(/"\\u0000(-?\d+)\\u0000"/g, '$1')
  : isTuple(v) ? `(${v.$tuple.map(shownValue).join(', ')}${v.$tuple.length === 1 ? ',' : ''})`
  : Array.isArray(v) ? `[${v.map(shownValue).join(', ')}]`
  : `{${Object.entries(v as Record<string, Value>).map(([k, x]) => `${JSON.stringify(k)}: ${shownValue(x)}`).join(', ')}}`;
