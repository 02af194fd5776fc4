// Which test runner a test command ends in, and how Loom makes it write a machine-readable
// report: a reporter module through NODE_OPTIONS for node:test, report flags appended to
// the command for vitest, jest, mocha, ava and tap (TAP), pytest (JUnit XML) and go test (its
// -json stream). A runner Loom cannot read is refused, never
// guessed at: without per-test results the lost-test and skip checks would be blind.
// Pure: the caller supplies the test command and the base's package.json scripts.

export type RunnerName = 'node' | 'vitest' | 'jest' | 'mocha' | 'ava' | 'tap' | 'uvu' | 'pytest' | 'go' | 'cargo' | 'junit' | 'exit-code';

/** How the repository's results are read: by runner (the default), JUnit XML the command writes, or the exit code alone. */
export type ReportMode = 'auto' | 'junit' | 'exit-code';

export interface RunnerPlan {
  runner: RunnerName;
  /** Where the runner was found, for the record: "package.json scripts.test: node --test". */
  via: string;
  /** How the results are read, for the record. */
  how: string;
  /** Extra environment for the run. REPORT_DIR stands for the run's report folder. */
  env: Record<string, string>;
  /** Appended to the test command (already quoted). REPORT_DIR stands for the report folder. */
  args: string;
  /** How many runner processes the command starts, when that can be counted (no loops or scripts Loom cannot see). */
  runs?: number;
  /**
   * The runner's own command, when it can run alone (no `cd` or `source` before it in its
   * script): mutation runs call it directly with chosen test files, skipping the build and
   * lint steps a test script may also hold.
   */
  direct?: string[];
  /** go test: the module path go.mod declares, which package paths start with. */
  goModule?: string;
  /** A shell step before each run, after the checkout (go test: a warm build cache from the image). */
  prepare?: string;
}

/** The image's seed of compiled standard packages, copied into a run's empty Go cache. */
export const GO_CACHE_SEED = '/usr/local/share/loom/go-build-seed';
const GO_PREPARE = `if [ -d ${GO_CACHE_SEED} ] && [ ! -d "$HOME/.cache/go-build" ]; then mkdir -p "$HOME/.cache" && cp -r ${GO_CACHE_SEED} "$HOME/.cache/go-build"; fi`;

/** The module path a go.mod declares. */
export function goModulePath(goMod: string | undefined): string | undefined {
  return goMod ? /^\s*module\s+"?([^\s"]+)"?/m.exec(goMod)?.[1] : undefined;
}

export const REPORT_DIR = '{LOOM_REPORT_DIR}';
/** The test files a direct ava run was given, one a line, beside its report. */
export const AVA_FILES = 'ava-files.txt';
/** Where the node:test reporter module sits in verification containers (root-owned, read-only to the tests). */
export const NODE_REPORTER_PATH = '/loom/node-reporter.mjs';

export const READABLE_RUNNERS = 'node:test, vitest, jest, mocha, ava, tap, uvu, pytest, go test and cargo test';
/** Where the uvu recorder module sits in verification containers (root-owned, read-only to the tests). */
export const UVU_RECORDER_PATH = '/loom/uvu-recorder.mjs';

/** A shell command split at unquoted `&&`, `||`, `;`, `|` and `&`, each part as words. */
export function segments(command: string): string[][] {
  const out: string[][] = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: string | undefined;
  const endWord = () => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  const endSegment = () => {
    endWord();
    if (words.length) out.push(words);
    words = [];
  };
  for (let i = 0; i < command.length; i++) {
    const c = command[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < command.length) word += command[++i];
      else word += c;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < command.length) {
      word += command[++i];
      inWord = true;
    } else if (/\s/.test(c)) endWord();
    else if (c === ';' || c === '|' || c === '&') {
      endSegment();
      if ((c === '|' || c === '&') && command[i + 1] === c) i++;
    } else {
      word += c;
      inWord = true;
    }
  }
  endSegment();
  return out;
}

/** Wrappers that run the next word as the command: npx vitest, cross-env X=1 jest, c8 node --test. */
const WRAPPERS = new Set(['npx', 'cross-env', 'env', 'c8', 'nyc', 'time', 'exec', 'dotenv', 'nice']);
const PACKAGE_MANAGERS = new Set(['npm', 'pnpm', 'yarn', 'bun']);
/** Runners Loom knows by name but cannot read yet: refused with their name. */
const UNREADABLE = new Set(['tape', 'jasmine', 'karma', 'playwright', 'cypress', 'bun', 'deno', 'lab', 'qunit', 'zora', 'brittle']);

interface Found {
  runner: RunnerName | string;
  /** The words of the runner's own segment, assignments included; undefined when it cannot run alone. */
  direct?: string[];
  via: string;
  /** How many `npm run` levels lead to it: args need one `--` per level to get through. */
  depth: number;
  /** The runner is the last command at every level, so appended args reach it. */
  last: boolean;
  /** The runner's own words, for checks such as an explicit --test-reporter. */
  words: string[];
}

const base = (w: string) => w.slice(w.lastIndexOf('/') + 1);

/** A package manager's options that take the next word as their value (`pnpm --filter @scope/* run build`). */
const PM_VALUE_OPTIONS: Record<string, Set<string>> = {
  npm: new Set(['--prefix', '-w', '--workspace', '--loglevel', '--userconfig', '--cache']),
  pnpm: new Set(['--filter', '-F', '--dir', '-C', '--filter-prod', '--test-pattern', '--changed-files-ignore-pattern', '--reporter', '--loglevel', '--workspace-concurrency']),
  yarn: new Set(['--cwd', '--cache-folder', '--modules-folder', '--mutex']),
  bun: new Set(['--cwd', '--filter', '-F', '--config', '-c']),
};

/** A package manager's words past its options: its verb first. */
function pmWords(words: string[]): string[] {
  const takesValue = PM_VALUE_OPTIONS[base(words[0] ?? '')] ?? new Set<string>();
  const out: string[] = [];
  for (let i = 1; i < words.length; i++) {
    const w = words[i]!;
    if (w === '--' || !w.startsWith('-')) out.push(w);
    else if (takesValue.has(w)) i++;
  }
  return out;
}

/** The command word of a segment, past variable assignments and wrappers (`pnpm exec` and `npm exec` among them). */
function commandWords(words: string[]): string[] {
  let i = 0;
  for (;;) {
    while (i < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i]!)) i++;
    const w = words[i];
    if (w !== undefined && PACKAGE_MANAGERS.has(base(w))) {
      // pnpm exec vitest, npm exec -- jest, yarn dlx mocha: the package manager runs the next word as a command.
      const verb = pmWords(words.slice(i))[0];
      if (verb !== 'exec' && verb !== 'dlx' && verb !== 'x') return words.slice(i);
      i = words.indexOf(verb, i + 1) + 1;
      while (i < words.length && words[i]!.startsWith('-')) i++;
      continue;
    }
    if (w === undefined || !WRAPPERS.has(base(w))) return words.slice(i);
    i++;
    // Wrapper options (c8 --reporter=lcov, npx --yes, npx -p x): words starting with '-'.
    while (i < words.length && words[i]!.startsWith('-')) i++;
  }
}

/** The script a package-manager invocation runs, if it runs one. */
function scriptInvoked(words: string[]): string | undefined {
  const pm = base(words[0] ?? '');
  if (!PACKAGE_MANAGERS.has(pm)) return undefined;
  const rest = pmWords(words);
  const verb = rest[0];
  if (verb === 'test' || verb === 't' || verb === 'tst') return 'test';
  if (verb === 'run' || verb === 'run-script') return rest[1];
  if (pm !== 'npm' && verb && !['install', 'add', 'exec', 'dlx', 'x', 'ci', 'i'].includes(verb)) return verb;
  return undefined;
}

function findRunners(command: string, scripts: Record<string, unknown>, via: string, depth: number, lastSoFar: boolean, seen: Set<string>): Found[] {
  const found: Found[] = [];
  const segs = segments(command);
  // A runner can be called on its own only if nothing before it changes the shell's state.
  const standalone = !segs.some((w) => ['cd', 'pushd', 'source', '.', 'export', 'set', 'ulimit', 'umask', 'nvm'].includes(commandWords(w)[0] ?? ''));
  segs.forEach((words, i) => {
    const last = lastSoFar && i === segs.length - 1;
    const cmd = commandWords(words);
    const head = base(cmd[0] ?? '');
    const script = scriptInvoked(cmd);
    if (script !== undefined) {
      const body = scripts[script];
      if (body === undefined) found.push({ runner: `no script "${script}"`, via, depth, last, words: cmd });
      if (typeof body === 'string' && !seen.has(script)) {
        const inner = new Set([...seen, script]);
        // npm runs pre<name> and post<name> around a script, and they may start runners too.
        for (const hook of [`pre${script}`, `post${script}`]) {
          const h = scripts[hook];
          if (typeof h === 'string') found.push(...findRunners(h, scripts, `package.json scripts["${hook}"]: ${h}`, depth + 1, false, inner));
        }
        found.push(...findRunners(body, scripts, `package.json scripts["${script}"]: ${body}`, depth + 1, last, inner));
      }
      return;
    }
    if (/\b(?:for|while|until|xargs|find|parallel)\b/.test(words.join(' '))) found.push({ runner: 'uncountable', via, depth, last, words: cmd });
    const direct = standalone ? words : undefined;
    // python -m pytest, python3 -m unittest: the module is the runner.
    if (/^python[\d.]*$/.test(head) && cmd[1] === '-m' && cmd[2]) {
      found.push({ runner: cmd[2] === 'pytest' ? 'pytest' : cmd[2], via, depth, last, words: cmd, ...(cmd[2] === 'pytest' ? { direct } : {}) });
      return;
    }
    if (head === 'pytest' || head === 'py.test') {
      found.push({ runner: 'pytest', via, depth, last, words: cmd, direct });
      return;
    }
    if (head === 'go' && cmd[1] === 'test') {
      found.push({ runner: 'go', via, depth, last, words: cmd, direct });
      return;
    }
    if (head === 'cargo' && cmd[1] === 'test') {
      found.push({ runner: 'cargo', via, depth, last, words: cmd });
      return;
    }
    if (head === 'node' && cmd.slice(1).some((w) => w === '--test' || w.startsWith('--test='))) found.push({ runner: 'node', via, depth, last, words: cmd, direct });
    else if (head === 'vitest') found.push({ runner: 'vitest', via, depth, last, words: cmd, direct });
    else if (head === 'jest') found.push({ runner: 'jest', via, depth, last, words: cmd, direct });
    else if (head === 'mocha' || head === '_mocha') found.push({ runner: 'mocha', via, depth, last, words: cmd, direct });
    else if (head === 'uvu') found.push({ runner: 'uvu', via, depth, last, words: cmd });
    else if (head === 'ava' || head === 'tap') found.push({ runner: head, via, depth, last, words: cmd, direct });
    else if (UNREADABLE.has(head)) found.push({ runner: head, via, depth, last, words: cmd });
  });
  return found;
}

const SUGGESTED: Record<string, string> = { cargo: 'cargo test', vitest: 'npx vitest run', jest: 'npx jest', mocha: 'npx mocha', ava: 'npx ava', tap: 'npx tap', pytest: 'python3 -m pytest', go: 'go test ./...' };

const HOW: Record<string, string> = {
  node: "node:test, Loom's reporter module through NODE_OPTIONS",
  vitest: "vitest's JSON reporter (--reporter=json)",
  jest: "jest's JSON results (--json --outputFile)",
  mocha: "mocha's JSON reporter (--reporter=json)",
  ava: "ava's TAP (--tap, written by ava's main process into a report file; test files run in child processes, whose output ava passes to stderr), each test placed in its file by the shortened path ava prefixes its title with",
  uvu: "uvu through Loom's recorder module (NODE_OPTIONS --import; uvu has no reporter): each test's file from uvu's queue, its name from the suite state uvu sets, its result from uvu's pass and fail marks, checked against uvu's own totals",
  cargo: "cargo test's own output, cargo's and libtest's, into a report file (each test by its target's source file and name, doc-tests without their line numbers), checked against libtest's counts for each test binary",
  tap: "tap's raw TAP stream (--reporter=tap --reporter-file, written by tap's main process), a test per subtest and assertions counted apart",
  pytest: "pytest's JUnit XML (--junitxml, in the xunit1 family that names each test's file)",
  go: "go test's JSON event stream (-json)",
};

const ARGS: Record<string, string> = {
  vitest: `--reporter=default --reporter=json --outputFile.json=${REPORT_DIR}/vitest.json`,
  jest: `--json --outputFile=${REPORT_DIR}/jest.json`,
  mocha: `--reporter=json --reporter-option=output=${REPORT_DIR}/mocha.json`,
  // ava has no report file option: its stdout goes to the report file. In child processes
  // (not worker threads, which share ava's stdout) the tests cannot write to it; ava passes their output to stderr.
  ava: `--tap --no-worker-threads > ${REPORT_DIR}/ava.tap`,
  // The raw stream as tap's reporter writes it, plan first (--output-file starts after the plan).
  tap: `--reporter=tap --reporter-file=${REPORT_DIR}/tap.tap`,
  // No cache folder in the workspace, and the file and line of each test in the report.
  pytest: `--junitxml=${REPORT_DIR}/pytest.xml -o junit_family=xunit1 -p no:cacheprovider`,
  // The stream goes to the report file; go test keeps its exit code through a redirect.
  go: `-json > ${REPORT_DIR}/go.jsonl`,
};


function refusal(what: string): string {
  return (
    `${what}. Loom reads per-test results from ${READABLE_RUNNERS}, or from JUnit XML the test command writes: ` +
    `make the command write JUnit XML into the folder in $LOOM_REPORT_DIR (for example \`pytest --junitxml=$LOOM_REPORT_DIR/junit.xml\`, ` +
    'or a JUnit reporter of your runner) and set "verification": { "report": "junit" } in loom.config.json. ' +
    'To verify by the exit code alone, set "verification": { "report": "exit-code" }: lost, skipped and vacuous tests then go unseen'
  );
}

/** How to run the test command so that its results can be read, or why they cannot. */
export function planRunner(testCommand: string, scripts: Record<string, unknown>, mode: ReportMode = 'auto'): { plan: RunnerPlan } | { refused: string } {
  if (mode === 'exit-code') return { plan: { runner: 'exit-code', via: testCommand, how: 'the exit code only (verification.report is "exit-code"): lost, skipped and vacuous tests go unseen', env: {}, args: '' } };
  if (mode === 'junit') return { plan: { runner: 'junit', via: testCommand, how: 'JUnit XML the test command writes into $LOOM_REPORT_DIR', env: { LOOM_REPORT_DIR: REPORT_DIR }, args: '' } };
  const found = findRunners(testCommand, scripts, `the test command: ${testCommand}`, 0, true, new Set());
  const countable = !found.some((f) => f.runner === 'uncountable');
  const known = found.filter((f) => ['node', 'vitest', 'jest', 'mocha', 'ava', 'tap', 'uvu', 'pytest', 'go', 'cargo'].includes(f.runner));
  const unknown = found.filter((f) => !known.includes(f) && f.runner !== 'uncountable');
  const missing = unknown.find((f) => f.runner.startsWith('no script'));
  if (missing) return { refused: `\`${testCommand}\` runs a script package.json does not have (${missing.runner.slice(3)}; its scripts: ${Object.keys(scripts).join(', ') || 'none'}): pass an existing one with --test-command, or testCommand in loom.config.json` };
  if (unknown.length) return { refused: refusal(`\`${testCommand}\` runs ${unknown[0]!.runner} (${unknown[0]!.via}), whose results Loom cannot read yet`) };
  if (!known.length) return { refused: refusal(`Loom found no test runner it knows in \`${testCommand}\`${typeof scripts.test === 'string' && /^\s*npm\s/.test(testCommand) ? ` (package.json scripts: ${JSON.stringify(scripts.test)})` : ''}`) };
  const kinds = [...new Set(known.map((f) => f.runner))];
  if (kinds.length > 1) return { refused: refusal(`\`${testCommand}\` runs several test runners (${kinds.join(', ')}); give a test command that runs one of them`) };
  const runner = kinds[0] as RunnerName;
  const via = known[known.length - 1]!.via;
  if (runner === 'uvu') {
    // uvu has no reporter: Loom's recorder module is loaded into its process, as node:test's reporter is.
    const options = `--import=file://${UVU_RECORDER_PATH}`;
    return { plan: { runner, via, how: HOW.uvu!, env: { NODE_OPTIONS: options, npm_config_node_options: options, LOOM_REPORT_DIR: REPORT_DIR }, args: '', ...(countable && known.length === 1 ? { runs: 1 } : {}) } };
  }
  if (runner === 'node') {
    if (known.some((f) => f.words.some((w) => w.startsWith('--test-reporter')))) {
      return { refused: refusal(`\`${testCommand}\` sets its own --test-reporter (${via}), and node refuses the extra reporter Loom adds through NODE_OPTIONS; drop that flag from the script, or give a --test-command without it`) };
    }
    const options = `--test-reporter=${NODE_REPORTER_PATH} --test-reporter-destination=/dev/null --test-reporter=spec --test-reporter-destination=stdout`;
    // npm sets NODE_OPTIONS from its node-options setting for scripts, so both say the same.
    const direct = known.length === 1 ? known[0]!.direct : undefined;
    return { plan: { runner, via, how: HOW.node!, env: { NODE_OPTIONS: options, npm_config_node_options: options, LOOM_REPORT_DIR: REPORT_DIR }, args: '', ...(countable ? { runs: known.length } : {}), ...(direct ? { direct } : {}) } };
  }
  const target = known[known.length - 1]!;
  if (known.length > 1 || !target.last) {
    return { refused: refusal(`Loom appends its report flags to the end of the test command, but in \`${testCommand}\` ${runner} is not the last command (${via}); give a --test-command that ends with the runner, such as \`${SUGGESTED[runner]}\``) };
  }
  // Each `npm run` level between the command and the runner takes one `--` before passing arguments on.
  const separators = Array.from({ length: target.depth }, () => '--').join(' ');
  // pytest, go test, ava and tap each write one report from their one main process, and it is all there may be.
  const runs = countable && ['pytest', 'go', 'ava', 'tap', 'cargo'].includes(runner) ? { runs: 1 } : {};
  const prepare = runner === 'go' ? { prepare: GO_PREPARE } : {};
  if (runner === 'cargo' && target.words.some((w) => w === '-q' || w === '--quiet')) {
    return { refused: refusal(`\`${testCommand}\` runs cargo test quietly (${via}), which prints a dot for each test instead of its name; drop -q from the command`) };
  }
  // cargo: --no-fail-fast (every test binary runs) must come before a `--` the command already has; the test binaries' own flags after it.
  const args = runner === 'cargo' ? (target.words.includes('--') ? `> ${REPORT_DIR}/cargo.txt 2>&1` : `--no-fail-fast > ${REPORT_DIR}/cargo.txt 2>&1`) : ARGS[runner]!;
  const env: Record<string, string> = runner === 'cargo' ? { LOOM_REPORT_DIR: REPORT_DIR, CARGO_NET_OFFLINE: 'true', CARGO_TERM_COLOR: 'never' } : { LOOM_REPORT_DIR: REPORT_DIR };
  return { plan: { runner, via, how: HOW[runner]!, env, args: [separators, args].filter(Boolean).join(' '), ...runs, ...prepare, ...(target.direct ? { direct: target.direct } : {}) } };
}

/** Options of each runner that take the next word as their value. */
const VALUE_OPTIONS: Record<string, Set<string>> = {
  node: new Set(['--import', '--require', '-r', '--loader', '--experimental-loader', '--test-name-pattern', '--test-skip-pattern', '--test-concurrency', '--test-timeout', '--env-file', '--conditions', '-C', '--test-shard']),
  vitest: new Set(['--config', '-c', '--project', '--dir', '--root', '-r', '--environment', '--pool', '--shard', '-t', '--testNamePattern', '--mode', '--configLoader', '--exclude', '--workspace', '--browser']),
  jest: new Set(['--config', '-c', '--selectProjects', '-t', '--testNamePattern', '--rootDir', '--roots', '--testPathIgnorePatterns', '--maxWorkers', '-w', '--shard', '--testEnvironment', '--setupFiles']),
  mocha: new Set(['--config', '--require', '-r', '--grep', '-g', '--fgrep', '-f', '--ui', '-u', '--timeout', '-t', '--slow', '-s', '--extension', '--ignore', '--exclude', '--file', '--package', '--reporter', '-R', '--reporter-option', '-O', '--spec', '--jobs', '-j']),
  // -m is python's module flag before `pytest` and pytest's marker option after it: both take the next word.
  pytest: new Set(['-m', '-k', '-c', '-p', '-o', '-W', '--rootdir', '--basetemp', '--confcutdir', '--deselect', '--ignore', '--ignore-glob', '--import-mode', '--maxfail', '--tb', '-r']),
  ava: new Set(['--match', '-m', '--timeout', '-T', '--concurrency', '-c', '--config', '--node-arguments']),
  tap: new Set(['--reporter', '-R', '--reporter-file', '-f', '--reporter-arg', '-r', '--output-file', '-o', '--output-dir', '-d', '--timeout', '-t', '--jobs', '-j', '--grep', '-g', '--include', '-i', '--exclude', '-x', '--node-arg', '--plugin', '--before', '--after', '--coverage-map', '-M', '--coverage-report', '--test-env', '--test-arg', '--tsconfig', '--save', '-s', '--changed-since']),
  go: new Set(['-run', '-skip', '-timeout', '-count', '-tags', '-parallel', '-p', '-cpu', '-bench', '-benchtime', '-coverprofile', '-exec', '-mod', '-ldflags', '-gcflags']),
};
const SUBCOMMANDS: Record<string, Set<string>> = { vitest: new Set(['run', 'watch', 'dev', 'related']), node: new Set(), jest: new Set(), mocha: new Set(), ava: new Set(), tap: new Set(['run']), pytest: new Set(), go: new Set(['test']) };

const quote = (w: string) => (/^[\w./:=@%+,-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`);

/**
 * The runner's own command with its file arguments replaced by `files`, plus Loom's report
 * flags: a run of just those test files. Undefined when the runner cannot run alone.
 */
export function directCommand(plan: RunnerPlan, files: string[], reportDir: string): { command: string; env: Record<string, string> } | undefined {
  if (!plan.direct) return undefined;
  const words = [...plan.direct];
  let i = 0;
  const out: string[] = [];
  // Assignments and wrappers stay as they are.
  while (i < words.length && (/^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i]!) || WRAPPERS.has(base(words[i]!)))) {
    out.push(words[i]!);
    i++;
    while (WRAPPERS.has(base(out[out.length - 1]!)) && i < words.length && words[i]!.startsWith('-')) out.push(words[i++]!);
  }
  out.push(words[i++]!);
  const valued = VALUE_OPTIONS[plan.runner] ?? new Set<string>();
  const subs = SUBCOMMANDS[plan.runner] ?? new Set<string>();
  for (; i < words.length; i++) {
    const w = words[i]!;
    if (w.startsWith('-')) {
      // --spec is mocha's way of naming files: dropped with its value.
      if (w === '--spec') {
        i++;
        continue;
      }
      if (w.startsWith('--spec=')) continue;
      out.push(w);
      if (valued.has(w) && i + 1 < words.length) out.push(words[++i]!);
    } else if (subs.has(w) && out.length === 1 + out.findIndex((x) => base(x) === plan.runner)) out.push(w);
    // Any other word is a file, folder or pattern of the script's own: replaced by `files`.
  }
  const filled = commandFor('', { ...plan, args: plan.args.replace(/^(?:--\s+)+/, '') }, reportDir);
  const run = ['PATH="$PWD/node_modules/.bin:$PATH"', out.map(quote).join(' '), filled.command.trim(), files.map(quote).join(' ')].filter(Boolean).join(' ');
  // ava names no file when it runs one, and shortens the names when it runs more: the report says which it was given.
  const command = plan.runner === 'ava' ? `printf '%s\\n' ${files.map(quote).join(' ')} > ${reportDir}/${AVA_FILES} && ${run}` : run;
  return { command, env: filled.env };
}

/** The command and environment of one run, with the report folder filled in. */
export function commandFor(testCommand: string, plan: RunnerPlan, reportDir: string): { command: string; env: Record<string, string> } {
  const fill = (s: string) => s.split(REPORT_DIR).join(reportDir);
  const env = Object.fromEntries(Object.entries(plan.env).map(([k, v]) => [k, fill(v)]));
  return { command: plan.args ? `${testCommand} ${fill(plan.args)}` : testCommand, env };
}
