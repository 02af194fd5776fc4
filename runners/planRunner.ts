// Which test runner a test command ends in, and how Loom makes it write a machine-readable
// report: the command's words are searched for every registered runner, through npm
// scripts and their pre and post hooks, and the one runner found says how it reports.
// Several runners, a runner Loom cannot read, or report flags that could not reach the
// runner are refused with the way out. Pure: the caller supplies the test command and the
// base's package.json scripts.
import { FOUND_RUNNERS, READABLE_RUNNERS, RUNNERS, runnerNamed } from './registry';
import type { Found, ReportMode, RunnerPlan } from './runner';
import { base, commandWords, pythonModule, quoteWord, scriptInvoked, segments } from './shellWords';

/** Runners Loom knows by name but cannot read yet: refused with their name. */
const UNREADABLE = new Set(['tape', 'jasmine', 'karma', 'playwright', 'cypress', 'bun', 'deno', 'lab', 'qunit', 'zora', 'brittle']);

/** Commands that change the shell's state: a runner after one cannot be called on its own. */
const STATEFUL = ['cd', 'pushd', 'source', '.', 'export', 'set', 'ulimit', 'umask', 'nvm'];

function findRunners(command: string, scripts: Record<string, unknown>, via: string, depth: number, lastSoFar: boolean, seen: Set<string>, firstSoFar = true): Found[] {
  const found: Found[] = [];
  const segs = segments(command);
  const standalone = !segs.some((w) => STATEFUL.includes(commandWords(w)[0] ?? ''));
  segs.forEach((words, i) => {
    const last = lastSoFar && i === segs.length - 1;
    const first = firstSoFar && i === 0;
    const cmd = commandWords(words);
    const script = scriptInvoked(cmd);
    if (script !== undefined) {
      const body = scripts[script];
      if (body === undefined) found.push({ runner: `no script "${script}"`, via, depth, last, first, words: cmd });
      if (typeof body === 'string' && !seen.has(script)) {
        const inner = new Set([...seen, script]);
        // npm runs pre<name> and post<name> around a script, and they may start runners too.
        for (const hook of [`pre${script}`, `post${script}`]) {
          const h = scripts[hook];
          if (typeof h === 'string') found.push(...findRunners(h, scripts, `package.json scripts["${hook}"]: ${h}`, depth + 1, false, inner, false));
        }
        found.push(...findRunners(body, scripts, `package.json scripts["${script}"]: ${body}`, depth + 1, last, inner, first && typeof scripts[`pre${script}`] !== 'string'));
      }
      return;
    }
    if (/\b(?:for|while|until|xargs|find|parallel)\b/.test(words.join(' '))) found.push({ runner: 'uncountable', via, depth, last, first, words: cmd });
    const runner = FOUND_RUNNERS.find((r) => r.detect!(cmd));
    const module = pythonModule(cmd);
    const head = base(cmd[0] ?? '');
    if (runner) found.push({ runner: runner.name, via, depth, last, first, words: cmd, ...(runner.runsAlone ? { direct: standalone ? words : undefined } : {}) });
    // python -m <module>: a module no runner claims is a runner Loom cannot read.
    else if (module) found.push({ runner: module, via, depth, last, first, words: cmd });
    else if (UNREADABLE.has(head)) found.push({ runner: head, via, depth, last, first, words: cmd });
  });
  return found;
}

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
  if (mode !== 'auto') {
    const chosen = RUNNERS.find((r) => r.mode === mode);
    if (!chosen) throw new Error(`no report mode ${mode}`);
    const r = chosen.report([], { testCommand, via: testCommand, countable: false });
    if ('refused' in r) return { refused: refusal(r.refused) };
    return { plan: { runner: chosen.name, via: testCommand, how: chosen.how, env: r.env, args: r.args ?? '' } };
  }
  const found = findRunners(testCommand, scripts, `the test command: ${testCommand}`, 0, true, new Set());
  const countable = !found.some((f) => f.runner === 'uncountable');
  const known = found.filter((f) => FOUND_RUNNERS.some((r) => r.name === f.runner));
  const unknown = found.filter((f) => !known.includes(f) && f.runner !== 'uncountable');
  const missing = unknown.find((f) => f.runner.startsWith('no script'));
  if (missing) return { refused: `\`${testCommand}\` runs a script package.json does not have (${missing.runner.slice(3)}; its scripts: ${Object.keys(scripts).join(', ') || 'none'}): pass an existing one with --test-command, or testCommand in loom.config.json` };
  if (unknown.length) return { refused: refusal(`\`${testCommand}\` runs ${unknown[0]!.runner} (${unknown[0]!.via}), whose results Loom cannot read yet`) };
  if (!known.length) return { refused: refusal(`Loom found no test runner it knows in \`${testCommand}\`${typeof scripts.test === 'string' && /^\s*npm\s/.test(testCommand) ? ` (package.json scripts: ${JSON.stringify(scripts.test)})` : ''}`) };
  const kinds = [...new Set(known.map((f) => f.runner))];
  if (kinds.length > 1) return { refused: refusal(`\`${testCommand}\` runs several test runners (${kinds.join(', ')}); give a test command that runs one of them`) };
  const runner = runnerNamed(kinds[0]!)!;
  const target = known[known.length - 1]!;
  const via = target.via;
  // A runner followed by other commands (`mocha && eslint src`), with nothing before it, runs
  // alone: the report flags then reach it, and what follows it (lint, vet) is no test result.
  const alone = runner.appends && known.length === 1 && !target.last && target.first && target.direct ? target.direct : undefined;
  if (runner.appends && (known.length > 1 || !target.last) && !alone) {
    return { refused: refusal(`Loom appends its report flags to the end of the test command, but in \`${testCommand}\` ${runner.name} is not the last command (${via}); give a --test-command that ends with the runner, such as \`${runner.suggested}\``) };
  }
  const r = runner.report(known, { testCommand, via, countable });
  if ('refused' in r) return { refused: refusal(r.refused) };
  // Each `npm run` level between the command and the runner takes one `--` before passing arguments on.
  const separators = r.args && !alone ? Array.from({ length: target.depth }, () => '--').join(' ') : '';
  const direct = known.length === 1 ? target.direct : undefined;
  const plan: RunnerPlan = { runner: runner.name, via: alone ? `${via}; run alone, without the commands after ${runner.name}` : via, how: runner.how, env: r.env, args: [separators, r.args].filter(Boolean).join(' ') };
  return { plan: { ...plan, ...(r.runs !== undefined ? { runs: r.runs } : {}), ...(r.prepare ? { prepare: r.prepare } : {}), ...(direct ? { direct } : {}), ...(alone ? { alone: runAlone(alone) } : {}) } };
}

/** The runner's own words as a command of their own, with the repository's installed binaries first on the path. */
export const runAlone = (words: string[]): string => `PATH="$PWD/node_modules/.bin:$PATH" ${words.map(quoteWord).join(' ')}`;
