// The runners Loom reads, in the order people are told them, then the report modes a
// setting chooses. A new runner is a module of its own in this folder and its line here:
// the planner, the readers, the containers' recorder files and every list shown to people
// come from this one list.
import { ava } from './ava';
import { cargo } from './cargo';
import { exitCode } from './exitCode';
import { go } from './go';
import { jest } from './jest';
import { junit } from './junit';
import { mocha } from './mocha';
import { node } from './node';
import { pytest } from './pytest';
import type { Runner } from './runner';
import { tap } from './tap';
import { unittest } from './unittest';
import { uvu } from './uvu';
import { vitest } from './vitest';

export const RUNNERS: readonly Runner[] = [
  node,
  vitest,
  jest,
  mocha,
  ava,
  tap,
  uvu,
  pytest,
  unittest,
  go,
  cargo,
  junit,
  exitCode,
];

/** The runner or report mode of this name. */
export function runnerNamed(name: string): Runner | undefined {
  return RUNNERS.find((r) => r.name === name);
}

/** The runners a test command is searched for (the report modes are chosen by setting, never found). */
export const FOUND_RUNNERS: readonly Runner[] = RUNNERS.filter((r) => r.detect);

const listed = (names: string[]): string => (names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names.join(''));

/** The runners Loom reads per test, as people are told: "node:test, vitest, … and cargo test". */
export const READABLE_RUNNERS = listed(FOUND_RUNNERS.map((r) => r.label ?? r.name));

/** The modules verification containers get, for the runners that load one into the tests' process. */
export const RECORDERS: ReadonlyArray<{ source: string; path: string }> = RUNNERS.flatMap((r) => (r.recorder ? [r.recorder] : []));
