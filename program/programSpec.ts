// The program.md protocol: the task spec Prime writes for each generation, or that a user
// hands in with `loom generate --program FILE`. Pure and free of node: imports so that
// workflow code can use it. The format is documented in docs/program-md.md.
// Its parser is parseProgram.ts, its checks on a structured spec validateSpec.ts, its canonical
// markdown programMarkdown.ts; this module holds the spec's shape, limits and problem messages.
import { taskExamples } from './taskExamples';
import { CAPABILITIES } from './capabilityNames';

export interface ProgramSpec {
  /** The '# ' heading. */
  title: string;
  /** '## Task' section body (required, non-empty). */
  task: string;
  /** '## Context' section body. */
  context?: string;
  /** '## Acceptance criteria' bullet items (required, at least one). */
  acceptanceCriteria: string[];
  /** '## Success conditions' bullets (optional, may be empty). */
  successConditions: string[];
  /** '## Constraints', '## Constraints and out of scope' and '## Out of scope' bullets, merged in document order. */
  constraints: string[];
  /** Optional '## Risk' section whose body is one of these words. */
  risk?: 'tests' | 'refactor' | 'feature';
  /**
   * '## Tests that may change' bullets: base tests whose result this task may change
   * (a test file or glob, a test's full name, or `file > full name`). Present only when given.
   */
  testsThatMayChange?: string[];
  /**
   * '## Capabilities' bullets: what the task's new code may legitimately reach beyond its
   * inputs (the environment, the arguments, the call stack, its source, the test runner,
   * dynamic code, process internals), each starting with the capability's name.
   */
  capabilities?: string[];
  /**
   * '## Held-out examples' bullets: worked examples (`name(literal arguments) is literal value`)
   * that verification asks of the change's functions and the Lab never sees. Present only when given.
   */
  heldOutExamples?: string[];
}

/** A problem names what is wrong and how to fix it; line is 1-based in the program.md text. */
export interface ProgramProblem {
  line?: number;
  message: string;
}

export const MAX_PROGRAM_CHARS = 20_000;
export const MIN_TITLE_CHARS = 3;
export const MAX_TITLE_CHARS = 120;
export const MIN_TASK_CHARS = 10;
export const RISKS = ['tests', 'refactor', 'feature'] as const;

/** Whether a held-out example states at least one call and its value in a form verification reads. */
/** An example some language reads (program/integerExpression.ts: `1<<63 + 1` reads one way in Go, another elsewhere). */
export const readableExample = (item: string): boolean => (['js', 'python', 'go'] as const).some((lang) => taskExamples(item, lang).length > 0);

export const isRisk = (v: unknown): v is NonNullable<ProgramSpec['risk']> => (RISKS as readonly unknown[]).includes(v);
export const quote = (s: string) => `"${s.length > 60 ? `${s.slice(0, 57)}...` : s}"`;

export const msg = {
  empty: 'program.md is empty: write a "# " title, a "## Task" section and an "## Acceptance criteria" section with at least one "- " bullet',
  tooLong: (n: number) => `program.md is ${n} characters, over the limit of ${MAX_PROGRAM_CHARS}: shorten it`,
  titleLength: (n: number) => `the title is ${n} characters: make it ${MIN_TITLE_CHARS} to ${MAX_TITLE_CHARS} characters`,
  taskShort: (n: number) => `the task is ${n} characters: describe the change in at least ${MIN_TASK_CHARS} characters, naming the files and functions involved`,
  mayHeading: (heading: string) => `the section "## ${heading}" declares no capability Loom knows: write "## May read the environment" (or the arguments, the call stack, its own source, the test runner, code from strings, process internals), or list them under "## Capabilities"`,
  capability: (item: string) => `the capability ${quote(item)} ("## Capabilities") names none Loom knows: start the bullet with one of ${CAPABILITIES.join(', ')}, then say why the code needs it`,
  heldOut: (item: string) => `the held-out example ${quote(item)} states no call and value Loom can read: write it as "name(literal arguments) is literal value", e.g. "median([1, 2, 3, 4]) is 2.5"`,
  risk: (found: string) => `the risk ("## Risk") is ${quote(found)}: make it exactly one of ${RISKS.join(', ')}, or leave it out`,
};

/** One line per problem: 'line N: message', or just the message when it has no line. */
export function formatProblems(problems: ProgramProblem[]): string {
  return problems.map((p) => (p.line === undefined ? p.message : `line ${p.line}: ${p.message}`)).join('\n');
}

/** A stable key for "the same task": lower-cased, whitespace-collapsed title + task, to detect a rejected task proposed again unchanged. */
export function taskKey(spec: Pick<ProgramSpec, 'title' | 'task'>): string {
  const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();
  return `${norm(spec.title)}\n${norm(spec.task)}`;
}
