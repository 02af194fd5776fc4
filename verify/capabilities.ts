// Ambient capabilities: what code can learn or change about the process it runs in,
// beyond its own inputs. Code that reads the environment, the arguments, the call stack,
// its own source or the runner's modules, that builds code from strings, or that reaches
// into the process's internals can tell a test run from production, or change the judge
// from inside. A change whose new code gains such a capability is rejected unless
// program.md declares it (## Capabilities), and every one is shown to the reviewer.
// Each language's analyser (capabilitiesJs, capabilitiesPython, capabilitiesGo) names the
// capabilities a file's code reaches by what its names are bound to (an import, a
// built-in, an alias of either), not by how a line is spelled; reflection that could reach
// any of them (computed names, eval, dunder walks) is a capability itself. Pure.

import { CAPABILITIES, type Capability } from '../program/capabilityNames';

export { CAPABILITIES, declaredCapabilities, type Capability } from '../program/capabilityNames';

/** What each capability means, for reasons and the reviewer. */
export const CAPABILITY_MEANING: Record<Capability, string> = {
  environment: 'reads the environment (variables, working folder, host, user, terminal)',
  arguments: "reads the process's arguments or executable",
  'call stack': 'inspects the call stack',
  'source files': 'reads the source code of the project or its own',
  'test runner': "reaches the test runner's or assertion library's modules",
  'dynamic code': 'builds code from strings or bytes, or loads code from a file that is not code',
  'process internals': "reaches into the process's internals (module loader, exit paths, built-ins, interpreter state)",
};

/** One place where a file's code reaches a capability. */
export interface CapabilityUse {
  capability: Capability;
  file: string;
  /** 1-based line of the use. */
  line: number;
  /** What is reached, as the code names it after aliases are resolved: "process.env.CI", "os.environ", "runtime.Caller". */
  what: string;
  /** A program's own arguments or exit, in a file that is a program if nothing imports it (a shebang file). */
  ofProgram?: boolean;
}

/** A file's capabilities, or why it could not be read as code (which is itself a reason to reject). */
export interface FileCapabilities {
  uses: CapabilityUse[];
  unreadable?: string;
}

const key = (u: Pick<CapabilityUse, 'capability' | 'what'>) => `${u.capability}\0${u.what}`;

/**
 * What the change's new code reaches that the base's version of the same files did not:
 * uses on added lines whose capability and target the base's files never had. Code moved
 * within or between the changed files keeps what it had.
 */
export function newCapabilities(base: CapabilityUse[], lab: CapabilityUse[], addedLines: ReadonlyMap<string, ReadonlySet<number>>): CapabilityUse[] {
  const had = new Set(base.map(key));
  const seen = new Set<string>();
  const out: CapabilityUse[] = [];
  for (const u of lab) {
    if (!addedLines.get(u.file)?.has(u.line) || had.has(key(u))) continue;
    const k = `${key(u)}\0${u.file}:${u.line}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(u);
  }
  return out;
}

export interface CapabilityJudgement {
  /** Every new use, declared or not: for the record and the reviewer. */
  reported: CapabilityUse[];
  /** Rejection reasons: undeclared capabilities, and files that could not be read as code. */
  violations: string[];
}

const where = (u: CapabilityUse) => `${u.file}:${u.line} (${u.what})`;

/**
 * The words that name one use and nothing broader: the texts it is given ('beforeExit', a
 * variable's name, a file's), its dotted name (process.exit, Math.sumPrecise, os.environ),
 * and a variable's name in capitals at its end (process.env.CALC_MODE: CALC_MODE).
 */
export function useNames(what: string): string[] {
  // A file of code is not named by a task that says where its change goes ("Add X to calc.go").
  const quoted = [...what.matchAll(/'([^'\n]{3,})'|"([^"\n]{3,})"/g)].map((m) => (m[1] ?? m[2])!).filter((q) => !/\.(?:[cm]?[jt]sx?|py|go)$/.test(q));
  // The whole leading name: a Go import path's (example.com/calc.Mode) is not its host's.
  const lead = /^[^\s(=]+/.exec(what)?.[0] ?? '';
  const dotted = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(lead) ? lead : undefined;
  const variable = dotted && /\.([A-Z][A-Z0-9_]{2,})$/.exec(dotted)?.[1];
  // A use given a text is named by that text (the event, not every listener).
  return [...(quoted.length ? quoted : dotted ? [dotted] : []), ...(variable ? [variable] : [])];
}

/**
 * Whether the task names this use: a task that asks for a 'beforeExit' warning, or says which
 * variable its configuration is read from, declares that use in its own words, and that use
 * only (another variable, another event, is still undeclared). The task is written outside
 * the Lab, so its words are not the change's.
 */
export function namedByTask(u: CapabilityUse, task: string): boolean {
  // What a task can ask for by name: a variable, a file, an event, an argument. Not its own
  // source, the runner, the call stack or code built from data, whatever its words.
  if (!['environment', 'arguments', 'process internals'].includes(u.capability)) return false;
  const escape = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // A plain lowercase word ('exit', 'message') names the use only where the task quotes it; prose uses it for other things.
  const word = (n: string) => (/^[a-z]+$/.test(n) ? `['"\`]${escape(n)}['"\`]` : `(?<![\\w$.])${escape(n)}(?![\\w$])`);
  return useNames(u.what).some((n) => new RegExp(word(n)).test(task));
}

/** New capabilities judged against what program.md declares, under ## Capabilities or by naming the use in its text. */
export function judgeCapabilities(reported: CapabilityUse[], declared: ReadonlySet<Capability>, unreadable: Array<{ file: string; why: string }> = [], task = ''): CapabilityJudgement {
  const violations: string[] = [];
  for (const cap of CAPABILITIES) {
    if (declared.has(cap)) continue;
    const uses = reported.filter((u) => u.capability === cap && !(task && namedByTask(u, task)));
    if (!uses.length) continue;
    const shown = uses.slice(0, 4).map(where).join('; ');
    violations.push(`the change's code ${CAPABILITY_MEANING[cap]}: ${shown}${uses.length > 4 ? `; and ${uses.length - 4} more` : ''}. Code that can tell a test run from production, or change the judge, is not promoted unless program.md declares it under "## Capabilities" (- ${cap}: why)`);
  }
  for (const u of unreadable) violations.push(`${u.file} cannot be read as code (${u.why}), so what it reaches cannot be known`);
  return { reported, violations };
}

/** One line per use, for the record and the reviewer's evidence. */
export const describeUse = (u: CapabilityUse): string => `${u.capability}: ${where(u)}`;
