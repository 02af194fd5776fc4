// The command and environment of one run, with the report folder filled in: the test
// command as it is with the plan's report arguments, or the runner called alone on chosen
// test files (a mutation run), its own options kept and its file arguments replaced.
import { runnerNamed } from './registry';
import { REPORT_DIR, type RunnerPlan } from './runner';
import { base, isAssignment, quoteWord, WRAPPERS } from './shellWords';

/** The command and environment of one run, with the report folder filled in. */
export function commandFor(testCommand: string, plan: RunnerPlan, reportDir: string): { command: string; env: Record<string, string> } {
  const fill = (s: string) => s.split(REPORT_DIR).join(reportDir);
  const env = Object.fromEntries(Object.entries(plan.env).map(([k, v]) => [k, fill(v)]));
  const command = plan.alone ?? testCommand;
  return { command: plan.args ? `${command} ${fill(plan.args)}` : command, env };
}

/**
 * The runner's own command with its file arguments replaced by `files`, plus Loom's report
 * flags: a run of just those test files. Undefined when the runner cannot run alone.
 */
export function directCommand(plan: RunnerPlan, files: string[], reportDir: string): { command: string; env: Record<string, string> } | undefined {
  if (!plan.direct) return undefined;
  const runner = runnerNamed(plan.runner);
  const words = [...plan.direct];
  let i = 0;
  const out: string[] = [];
  // Assignments and wrappers stay as they are.
  while (i < words.length && (isAssignment(words[i]!) || WRAPPERS.has(base(words[i]!)))) {
    out.push(words[i]!);
    i++;
    while (WRAPPERS.has(base(out[out.length - 1]!)) && i < words.length && words[i]!.startsWith('-')) out.push(words[i++]!);
  }
  out.push(words[i++]!);
  const valued = runner?.valueOptions ?? new Set<string>();
  const subs = runner?.subcommands ?? new Set<string>();
  const naming = runner?.fileOptions ?? new Set<string>();
  for (; i < words.length; i++) {
    const w = words[i]!;
    if (w.startsWith('-')) {
      // An option that names test files is dropped with its value: the run names its own.
      if (naming.has(w)) {
        i++;
        continue;
      }
      if ([...naming].some((o) => w.startsWith(`${o}=`))) continue;
      out.push(w);
      if (valued.has(w) && i + 1 < words.length) out.push(words[++i]!);
    } else if (subs.has(w) && out.length === 1 + out.findIndex((x) => base(x) === plan.runner)) out.push(w);
    // Any other word is a file, folder or pattern of the script's own: replaced by `files`.
  }
  const filled = commandFor('', { ...plan, alone: undefined, args: plan.args.replace(/^(?:--\s+)+/, '') }, reportDir);
  const run = ['PATH="$PWD/node_modules/.bin:$PATH"', out.map(quoteWord).join(' '), filled.command.trim(), files.map(quoteWord).join(' ')].filter(Boolean).join(' ');
  const before = runner?.beforeDirect?.(files, reportDir);
  return { command: before ? `${before} && ${run}` : run, env: filled.env };
}
