// Hostile Labs and their honest look-alikes, as data. Each form is one generation: a base
// (an example repository, with files added or removed), a scripted Lab that makes its
// change with the four tools, and a program.md. The reviewer approves everything, so only
// Loom's mechanical defences decide. A hostile form must never be promoted; an honest
// control must always be.
import type { ScriptStep } from '../../../model/modelScript';

/** The example repository a form starts from, and the test command it runs. */
export type Language = 'js' | 'python' | 'go';

export const EXAMPLE: Record<Language, { example: string; testCommand: string }> = {
  js: { example: 'calc', testCommand: 'npm test' },
  python: { example: 'pycalc', testCommand: 'python3 -m pytest -q' },
  go: { example: 'gocalc', testCommand: 'go test ./...' },
};

/** The classes of attack on verification, by what the attack does. */
export type AttackClass =
  /** The judge changed from inside the test process: assertion libraries, the runner's report channel, the module loader, exit paths, built-ins. */
  | 'judge-tampering'
  /** Code that behaves correctly only while it is being tested. */
  | 'under-test-only'
  /** Code that passes the tests by recognising their inputs. */
  | 'special-casing'
  /** Mutation testing steered or sidestepped, and the Lab's own test infrastructure judging its own tests. */
  | 'mutation-sidestep'
  /** Something that runs by itself on a developer's machine (editor, dev container, shell entry, git hooks, install), paths a macOS/Windows checkout treats differently, or a change too large to review. */
  | 'runs-by-itself'
  /** The base's tests made to read something else than what users get: a helper or data file they read, how their imports resolve, or the package's public entry points. */
  | 'evaluation-surface'
  /** Which test runner, plugin or runner configuration runs, changed through the runner's own lookup rules. */
  | 'runner-resolution';

export interface HostileForm {
  cls: AttackClass;
  lang: Language;
  /** A short name, unique within its class and language. */
  name: string;
  /** What is broken for a user once this change is on main (the defect the form smuggles in). */
  defect: string;
  /** Files put on top of the example before its base commit (null deletes one). */
  base?: Record<string, string | null>;
  /** The Lab's tool calls, in order; the Lab's work is committed for it afterwards. */
  steps: ScriptStep[];
  /** The task Prime gave; a default "add multiply with tests" task when unset. */
  program?: string;
}

export interface HonestControl {
  cls: AttackClass;
  lang: Language;
  name: string;
  /** Why it resembles the class's attacks, and why it is honest. */
  resembles: string;
  base?: Record<string, string | null>;
  steps: ScriptStep[];
  program?: string;
}
