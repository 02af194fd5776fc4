// Loom's differential harness for JavaScript, run in a verification container as the Lab
// user: imports each target function from a tree (the base's or the Lab's), calls it with
// each input in turn until it has answered at least `minCalls` times, and writes one
// canonical string per answer. argv: the spec file (root, targets, minCalls), the answers file.
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const spec = JSON.parse(readFileSync(process.argv[2], 'utf8'));
// Taken before any project code is imported, which could replace Date.now.
const now = Date.now;
const outFile = process.argv[3];

// Which of the change's added code each call of the first two rounds runs (verify/specialPaths.ts): V8's block
// coverage, switched on before any of the project's code is compiled, and read (and reset)
// after each call.
const coverage = spec.targets.some((t) => t.added) ? new Session() : undefined;
if (coverage) {
  coverage.connect();
  await coverage.post('Profiler.enable');
  await coverage.post('Profiler.startPreciseCoverage', { callCount: true, detailed: true });
}

/** The intervals of `added` that the code at `url` ran since the last reading. */
async function addedRun(url, added) {
  const { result } = await coverage.post('Profiler.takePreciseCoverage');
  const ranges = (result.find((r) => r.url === url)?.functions ?? []).flatMap((f) => f.ranges).filter((r) => added.some(([s, e]) => r.startOffset < e && s < r.endOffset));
  // Ranges nest; the innermost one holding a point says whether it ran.
  const cuts = [...new Set([...ranges.flatMap((r) => [r.startOffset, r.endOffset]), ...added.flatMap(([s, e]) => [s, e])])].sort((a, b) => a - b);
  const ran = [];
  for (let k = 0; k + 1 < cuts.length; k++) {
    const [s, e] = [cuts[k], cuts[k + 1]];
    if (!added.some(([as, ae]) => as <= s && e <= ae)) continue;
    let inner;
    for (const r of ranges) if (r.startOffset <= s && e <= r.endOffset && (!inner || r.endOffset - r.startOffset <= inner.endOffset - inner.startOffset)) inner = r;
    if (!inner || inner.count === 0) continue;
    const last = ran.at(-1);
    if (last && last[1] === s) last[1] = e;
    else ran.push([s, e]);
  }
  return ran;
}

/** Whether f is one of the runtime's own functions. */
function native(f) {
  try {
    return typeof f === 'function' && /\{\s*\[native code\]\s*\}$/.test(Function.prototype.toString.call(f));
  } catch {
    return true;
  }
}

/** Whether f is a class, which can only be constructed. */
function isClass(f) {
  try {
    return /^class[\s{]/.test(Function.prototype.toString.call(f));
  } catch {
    return false;
  }
}

/**
 * What an object of a class shows its callers beyond its own fields: the getters of its
 * classes (a private field's value is read through one) and its own string form.
 */
function shown(v, depth, seen) {
  const parts = [];
  const names = new Set();
  // Classes written in JavaScript only: a built-in's getters are its internals.
  for (let p = Object.getPrototypeOf(v); p && p !== Object.prototype && !native(p.constructor); p = Object.getPrototypeOf(p)) {
    for (const [k, d] of Object.entries(Object.getOwnPropertyDescriptors(p))) if (d.get && !names.has(k) && !Object.hasOwn(v, k)) names.add(k);
  }
  for (const k of [...names].sort()) {
    let x;
    try {
      x = canon(v[k], depth + 1, seen);
    } catch (err) {
      x = `throws ${err?.constructor?.name ?? typeof err}`;
    }
    parts.push(`get ${JSON.stringify(k)}:${x}`);
  }
  if (typeof v.toString === 'function' && v.toString !== Object.prototype.toString) {
    try {
      parts.push(`string:${JSON.stringify(String(v))}`);
    } catch (err) {
      parts.push(`string:throws ${err?.constructor?.name ?? typeof err}`);
    }
  }
  return parts;
}

function canon(v, depth = 0, seen = new Set()) {
  if (depth > 6) return '…';
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  switch (typeof v) {
    case 'number':
      return Object.is(v, -0) ? '-0' : String(v);
    case 'bigint':
      return `${v}n`;
    case 'string':
      return JSON.stringify(v);
    case 'boolean':
      return String(v);
    case 'function':
      return `function ${v.name}`;
    case 'symbol':
      return String(v);
  }
  if (seen.has(v)) return '<cycle>';
  seen.add(v);
  if (Array.isArray(v)) return `[${v.map((x) => canon(x, depth + 1, seen)).join(',')}]`;
  if (v instanceof Date) return `Date(${v.getTime()})`;
  if (v instanceof Error) return `${v.constructor?.name ?? 'Error'}(${JSON.stringify(v.message)})`;
  if (v instanceof Map) return `Map{${[...v].map(([k, x]) => `${canon(k, depth + 1, seen)}=>${canon(x, depth + 1, seen)}`).join(',')}}`;
  if (v instanceof Set) return `Set{${[...v].map((x) => canon(x, depth + 1, seen)).join(',')}}`;
  const keys = Object.keys(v).sort();
  const proto = Object.getPrototypeOf(v);
  // A typed array or Buffer is its bytes: a pooled Buffer's getters tell where it was allocated.
  const more = proto && proto !== Object.prototype && !native(proto.constructor) && !ArrayBuffer.isView(v) ? shown(v, depth, seen) : [];
  return `${v.constructor?.name ?? 'Object'}{${[...keys.map((k) => `${JSON.stringify(k)}:${canon(v[k], depth + 1, seen)}`), ...more].join(',')}}`;
}

/** An answer as a plain value (JSON), for the task's examples: lists, maps and records as they read. */
function plain(v, depth = 0) {
  if (depth > 8 || v === undefined || v === null) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  // Past 2^53 a number in JSON loses digits: a big integer keeps them as text (program/taskExamples.ts reads such examples alike).
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : { $bigint: String(v) };
  if (typeof v !== 'object') return typeof v === 'function' ? `function ${v.name}` : v;
  // A typed array (a Uint8Array of bytes) is a list of numbers, as an example writes it.
  if (Array.isArray(v) || v instanceof Set || (ArrayBuffer.isView(v) && !(v instanceof DataView))) return [...v].map((x) => plain(x, depth + 1));
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [String(k), plain(x, depth + 1)]));
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Error) return { error: v.message };
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x, depth + 1)]));
}

/**
 * Which input each call gets: every input once, then each twice in a row, then revisits
 * drawn by a fixed generator, until at least minCalls (the same order on every side, so a
 * cache that answers the second time from a stale entry shows it). Mirrors the Python harness.
 */
function callOrder(n, minCalls) {
  const order = [];
  for (let i = 0; i < n; i++) order.push(i);
  for (let i = 0; i < n; i++) order.push(i, i);
  let x = 12345;
  while (order.length < minCalls) {
    x = (x * 1103515245 + 12345) % 2147483648;
    order.push(x % n);
  }
  return order;
}

/** What a promise that has not settled within 2 s answers. */
const NO_ANSWER = '<no answer in 2 s>';

/** A target's function: by its export name, as a member of the default export, or as the default export itself under its own name; a class's static method through its class (`Money.parse`); a class constructed with `new`, as its callers do. */
async function targetFunction(t) {
  let mod;
  try {
    mod = await import(pathToFileURL(join(spec.root, t.file)).href);
  } catch (err) {
    return { error: `could not load ${t.file}: ${String(err?.message ?? err).split('\n')[0]}` };
  }
  const [head, member] = t.name.split('.');
  const owner = typeof mod[head] === 'function' ? mod[head] : typeof mod.default?.[head] === 'function' ? mod.default[head] : typeof mod.default === 'function' && mod.default.name === head ? mod.default : undefined;
  const found = member ? (typeof owner?.[member] === 'function' ? owner[member].bind(owner) : undefined) : owner;
  const fn = found && !member && isClass(found) ? (...args) => new found(...args) : found;
  return fn ? { fn } : { error: `${t.name} is not a function ${t.file} exports` };
}

/** A call's answer, awaited for at most 2 s, its example's methods called on it. */
async function answerOf(fn, args, then = []) {
  let r = fn(...args);
  if (r && typeof r.then === 'function') r = await Promise.race([r, new Promise((resolve) => setTimeout(() => resolve(NO_ANSWER), 2000).unref())]);
  for (const m of then) r = r[m]();
  return r;
}

const out = [];
// The time spent calling across tested ranges, shared by every target of this run.
let acrossSpent = 0;
// Under LOOM_DIFFERENTIAL_PAIRS, each input is asked right after each input of every other
// target: an answer that holds only before (or after) another function was called (shared
// defaults one call writes) is wrong for some caller.
const everyCall = [];
if (process.env.LOOM_DIFFERENTIAL_PAIRS) {
  for (const t of spec.targets) {
    const { fn } = await targetFunction(t);
    if (fn) for (const args of t.inputs) everyCall.push({ t, fn, args });
  }
}
for (const t of spec.targets) {
  const { fn, error } = await targetFunction(t);
  if (!fn) {
    out.push({ file: t.file, name: t.name, answers: [], error });
    continue;
  }
  if (process.env.LOOM_DIFFERENTIAL_PAIRS) {
    const others = everyCall.filter((c) => c.t !== t);
    const values = [];
    const order = [];
    for (const [i, args] of t.inputs.entries()) {
      for (const o of others.length ? others : [undefined]) {
        if (o) await answerOf(o.fn, structuredClone(o.args)).catch(() => undefined);
        try {
          values.push({ value: plain(await answerOf(fn, structuredClone(args), t.then?.[i])) });
        } catch (err) {
          values.push({ throws: err?.constructor?.name ?? typeof err });
        }
        order.push(i);
      }
    }
    out.push({ file: t.file, name: t.name, answers: [], order, values });
    continue;
  }
  if (process.env.LOOM_DIFFERENTIAL_OVERLAP) {
    // Every input once, each call started before any has finished, as a server's requests are.
    const settle = async (args) => {
      try {
        let r = fn(...args);
        if (r && typeof r.then === 'function') r = await Promise.race([r, new Promise((resolve) => setTimeout(() => resolve(NO_ANSWER), 2000).unref())]);
        return canon(r);
      } catch (err) {
        return `throws ${err?.constructor?.name ?? typeof err}`;
      }
    };
    // First one at a time, twice, then all at once, in this one process: what earlier calls
    // (another target's) left behind is the same for each, and answers that change when asked
    // again (a random draw, a counter) show it.
    const alone = [];
    for (const pass of [0, 1]) for (const args of t.inputs) alone.push(await settle(structuredClone(args)));
    out.push({ file: t.file, name: t.name, answers: await Promise.all(t.inputs.map((args) => settle(structuredClone(args)))), alone, order: t.inputs.map((_, i) => i) });
    continue;
  }
  const answers = [];
  const values = [];
  const paths = [];
  const url = pathToFileURL(join(spec.root, t.file)).href;
  if (t.added) await addedRun(url, t.added);
  // What a call did to the arguments it was given is part of its answer: a caller sees it.
  const leaving = (given, args) => {
    const left = canon(args);
    return left === given ? '' : `, leaving its arguments ${left}`;
  };
  const call = async (args, then = []) => {
    const given = canon(args);
    try {
      // An example may ask its answer's own methods, as the task writes it: toISOString().
      const r = await answerOf(fn, args, then);
      answers.push(canon(r) + leaving(given, args));
      if (t.values) values.push({ value: plain(r) });
    } catch (err) {
      answers.push(`throws ${err?.constructor?.name ?? typeof err}${leaving(given, args)}`);
      if (t.values) values.push({ throws: err?.constructor?.name ?? typeof err });
    }
  };
  const order = callOrder(t.inputs.length, spec.minCalls);
  for (const [k, i] of order.entries()) {
    await call(structuredClone(t.inputs[i]), t.then?.[i]);
    // Every input once, then each twice in a row (callOrder): what the second calls run shows code that runs on state.
    if (t.added && k < 3 * t.inputs.length) paths.push(await addedRun(url, t.added));
  }
  // Then each input across the tested range once, for as long as the budget allows.
  const started = now();
  across: for (const g of t.across ?? []) {
    for (const v of g.values) {
      if (acrossSpent + now() - started > (spec.acrossBudgetMs ?? 10000)) break across;
      const args = structuredClone(g.args);
      args[g.position] = v;
      await call(args);
    }
  }
  acrossSpent += now() - started;
  out.push({ file: t.file, name: t.name, answers, order, ...(t.values ? { values } : {}), ...(t.added ? { paths } : {}) });
}
writeFileSync(outFile, JSON.stringify(out));
process.exit(0);
