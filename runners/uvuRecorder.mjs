// Loom's recorder for uvu, loaded into every node process of a test run through
// NODE_OPTIONS (--import) and active only in uvu's own CLI process. uvu has no reporter and
// prints no name for a passing test, so the recorder follows what uvu itself exposes:
// - its queue (globalThis.UVU_QUEUE, one group per test file), to know each test's file;
// - the state object each suite sets __suite__ and __test__ on before every test;
// - the mark uvu writes after each test (• passed, ✘ failed), and its closing totals.
// At exit it writes one JSON line per test, then uvu's own totals, into
// $LOOM_REPORT_DIR/uvu.jsonl; the parser checks the two agree. The tests run in this same
// process (as mocha's do), so what they could forge here is what they could forge there.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const CLI = /(\.bin[\\/]uvu$|uvu[\\/]bin\.js$)/i;
const dir = process.env.LOOM_REPORT_DIR;

if (dir && process.argv.slice(1, 2).some((a) => CLI.test(a))) {
  const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]/g;
  // uvu [dir] [pattern] -b -c -i X -r X -C X: test names are paths under cwd/dir.
  const args = process.argv.slice(2);
  const valued = new Set(['-i', '--ignore', '-r', '--require', '-C', '--cwd']);
  const positional = [];
  let cwd = '.';
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-C' || a === '--cwd') cwd = args[++i] ?? '.';
    else if (a.startsWith('--cwd=')) cwd = a.slice(6);
    else if (valued.has(a)) i++;
    else if (!a.startsWith('-')) positional.push(a);
  }
  const root = resolve(process.cwd(), cwd, positional[0] ?? '.');

  const tests = [];
  const totals = {};
  let file = '(unknown)';
  let current;
  const suites = new WeakMap();

  // The queue: each group starts with its file's name; each suite's run is wrapped to say which file it is in.
  const queue = [];
  const push = queue.push.bind(queue);
  queue.push = (...groups) => {
    for (const group of groups) {
      if (!Array.isArray(group)) continue;
      const name = group[0];
      const add = group.push.bind(group);
      group.push = (...runs) => add(...runs.map((run) => (typeof run === 'function' ? async (...a) => ((file = name == null ? '(unknown)' : resolve(root, String(name))), run(...a)) : run)));
    }
    return push(...groups);
  };
  globalThis.UVU_QUEUE = queue;

  // uvu sets these on each suite's state object: the suite's name once, the test's before it runs.
  const slot = (key, onSet) => ({
    configurable: true,
    get() {
      return suites.get(this)?.[key];
    },
    set(value) {
      const s = suites.get(this) ?? Object.create(null);
      s[key] = value;
      suites.set(this, s);
      onSet?.(this, value);
    },
  });
  Object.defineProperty(Object.prototype, '__suite__', slot('__suite__'));
  Object.defineProperty(Object.prototype, '__test__', slot('__test__', (state, name) => {
    if (name) {
      current = { file, suite: suites.get(state)?.__suite__ ?? '', name: String(name), status: 'unknown' };
      tests.push(current);
    } else current = undefined;
  }));

  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (chunk, ...rest) => {
    const text = String(chunk).replace(ANSI, '');
    if (current && text === '• ') current.status = 'passed';
    else if (current && text === '✘ ') current.status = 'failed';
    else {
      const total = /^\n {2}(Total|Passed|Skipped): +(\d+)$/.exec(text);
      if (total) totals[total[1].toLowerCase()] = Number(total[2]);
      // A failure as uvu prints it:  FAIL  [suite] "name" / message.
      for (const m of text.matchAll(/ FAIL (?: (.+?) )? "(.+)"\n {4}(.*)((?:\n {8}.*){0,6})/g)) {
        const t = tests.find((x) => x.status === 'failed' && !x.message && x.name === m[2] && (m[1] === undefined || x.suite === m[1]));
        if (t) t.message = [m[3], ...m[4].split('\n').map((l) => l.trim()).filter(Boolean)].join('\n');
      }
    }
    return write(chunk, ...rest);
  };

  process.on('exit', () => {
    const lines = [...tests.map((t) => JSON.stringify({ type: 'test', ...t })), JSON.stringify({ type: 'totals', ...totals })];
    // An uvu that ran tests the recorder never saw begin keeps its queue and state elsewhere (before 0.5).
    if (!tests.length && totals.total > 0) {
      let version = 'unknown';
      try {
        // uvu's exports hide its package.json from require: read it beside the module's entry.
        const entry = createRequire(`${process.cwd()}/`).resolve('uvu');
        version = JSON.parse(readFileSync(resolve(entry, '..', '..', 'package.json'), 'utf8')).version;
      } catch {}
      lines.push(JSON.stringify({ type: 'unfollowed', version }));
    }
    try {
      writeFileSync(`${dir}/uvu.jsonl`, lines.join('\n') + '\n');
    } catch (err) {
      process.stderr.write(`loom: could not write the uvu report: ${err.message}\n`);
    }
  });
}
