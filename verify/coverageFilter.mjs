// Loom's reader of V8 coverage, run in a verification container after a run with
// NODE_V8_COVERAGE set: keeps, of every process's coverage file, only the block ranges of the
// files asked for, and prints them as one JSON object { file: [ranges of one process, ...] }.
// argv: the coverage folder, the workspace, then the repository-relative files.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [dir, workspace, ...files] = process.argv.slice(2);
const wanted = new Map(files.flatMap((f) => [[pathToFileURL(join(workspace, f)).href, f], [join(workspace, f), f]]));
const out = {};
let names = [];
try {
  names = readdirSync(dir).filter((n) => n.endsWith('.json'));
} catch {
  // no coverage written at all
}
for (const name of names) {
  let data;
  try {
    data = JSON.parse(readFileSync(join(dir, name), 'utf8'));
  } catch {
    continue;
  }
  for (const script of data?.result ?? []) {
    const file = wanted.get(script?.url);
    if (!file || !Array.isArray(script.functions)) continue;
    const ranges = script.functions.flatMap((fn) => (Array.isArray(fn?.ranges) ? fn.ranges : [])).filter((r) => Number.isInteger(r?.startOffset) && Number.isInteger(r?.endOffset) && Number.isInteger(r?.count)).map((r) => [r.startOffset, r.endOffset, r.count]);
    (out[file] ??= []).push(ranges);
  }
}
process.stdout.write(JSON.stringify(out));
