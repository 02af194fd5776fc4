// Loom's reporter for node:test, loaded through NODE_OPTIONS in verification containers.
// It writes one JSON line per test (file, full name, status, failure message) to its own
// file in $LOOM_REPORT_DIR, named by process id, so several `node --test` commands in one
// test script each leave a complete report. A `node --test` that a test itself starts
// inherits the marker below and stays silent: its tests are not the repository's.
//
// Every line is numbered and signed with a key made in this process, whose private half
// never leaves its memory: a test that appends to, edits or cuts this file breaks the
// chain, and Loom refuses the report.
import { appendFileSync } from 'node:fs';
import { relative } from 'node:path';
import { generateKeyPairSync, sign } from 'node:crypto';

const MARK = 'LOOM_NODE_REPORTER_PID';
const dir = process.env.LOOM_REPORT_DIR;
const active = Boolean(dir) && !process.env[MARK];
if (active) process.env[MARK] = String(process.pid);
const out = `${dir}/node-${process.pid}.jsonl`;
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]/g;
const root = process.env.LOOM_WORKSPACE ?? '/workspace';
const rel = (file) => (file ? relative(root, file) : '(unknown)');

const { publicKey, privateKey } = generateKeyPairSync('ed25519');
let seq = 0;

/** Any value as text, without throwing: an error from a child process may be an object with no toString. */
function asText(v) {
  if (typeof v === 'string') return v;
  if (v === undefined || v === null) return '';
  try {
    return String(v);
  } catch {
    try {
      return JSON.stringify(v) ?? '';
    } catch {
      return Object.prototype.toString.call(v);
    }
  }
}

function messageOf(details) {
  const err = details?.error;
  if (!err) return undefined;
  const inner = err.cause ?? err;
  const text = asText(inner?.message ?? err.message ?? inner).replace(ANSI, '');
  return text.slice(0, 1000) || undefined;
}

function write(entry) {
  if (!active) return;
  const signed = { seq: ++seq, ...entry };
  const sig = sign(null, Buffer.from(JSON.stringify(signed)), privateKey).toString('base64');
  appendFileSync(out, `${JSON.stringify({ ...signed, sig })}\n`);
}

export default async function* loomReporter(source) {
  if (active) appendFileSync(out, `${JSON.stringify({ loom: 1, pid: process.pid, key: publicKey.export({ type: 'spki', format: 'der' }).toString('base64') })}\n`);
  const names = new Map(); // file -> test names by nesting, from test:start
  // The last test started at each nesting, whatever its file: a test a helper declares (a table
  // helper's it()) is nested in a describe of the file that called the helper, where its own
  // file's names have a hole. A file run on its own (its file-level test) is no one's parent,
  // so a test's name is the same whichever other files ran.
  const last = [];
  const stderr = new Map(); // file -> its last lines of stderr, to explain a file that fails to load
  let results = 0;
  for await (const event of source) {
    const d = event.data ?? {};
    if (event.type === 'test:start') {
      if (d.nesting === 0 && d.file && d.name === d.file) continue;
      const stack = names.get(d.file) ?? [];
      stack.length = d.nesting;
      stack.push(d.name);
      names.set(d.file, stack);
      last.length = d.nesting;
      last.push(d.name);
      continue;
    }
    if (event.type === 'test:stderr' && d.file) {
      const lines = [...(stderr.get(d.file) ?? []), ...String(d.message ?? '').replace(ANSI, '').split('\n').filter((l) => l.trim() && !/^\s+at\s/.test(l))];
      stderr.set(d.file, lines.slice(-8));
      continue;
    }
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const failed = event.type === 'test:fail';
    // A describe block is not a test; one that fails by itself (a hook) still counts.
    if (d.details?.type === 'suite' && !(failed && d.details?.error?.failureType !== 'subtestsFailed')) continue;
    const file = rel(d.file);
    const isFile = d.nesting === 0 && d.file && d.name === d.file;
    const own = names.get(d.file) ?? [];
    const stack = Array.from({ length: d.nesting }, (_, k) => own[k] ?? last[k]).filter((x) => x !== undefined);
    const name = isFile ? '(file)' : [...stack, d.name].join(' > ');
    const status = d.todo ? 'todo' : d.skip ? 'skipped' : failed ? 'failed' : 'passed';
    const message = failed ? (isFile ? [messageOf(d.details), ...(stderr.get(d.file) ?? [])].filter(Boolean).join('\n').slice(0, 1000) : messageOf(d.details)) : undefined;
    write({ file, name, status, ...(message ? { message } : {}) });
    results++;
  }
  write({ end: true, count: results });
}
