// The surviving mutants of changed lines, called like the function they sit in
// (verify/differentialVerdict.ts › judgeSurvivors says why), in the container where the
// mutants just ran: one harness run per mutant, with that mutant put in place. The change's
// own answers to the same calls are the differential check's, from the held-out run.
import type Docker from 'dockerode';
import { callTargets, harnessSpecs } from './differentialRun';
import { withHeartbeat } from './heartbeat';
import { placeFile } from './probeRun';
import { functionRanges } from '../verify/functionRanges';
import { describeMutant } from '../verify/mutationVerdict';
import type { Mutant } from '../verify/mutants';
import type { DifferentialTarget, SurvivorAnswers } from '../verify/differentialVerdict';

export interface SurvivorCalls {
  targets: DifferentialTarget[];
  /** Each mutant's answers; the change's own come from the differential check's two fresh processes. */
  mutants: SurvivorAnswers[];
  durationMs: number;
}

/** Surviving mutants called per generation at most: each is one harness run. */
const MAX_SURVIVORS_CALLED = 8;
/** The time the survivors' calls may take, after which the rest are left uncalled. */
const SURVIVOR_BUDGET_MS = 90_000;

/**
 * Each surviving mutant that sits in one of the change's callable functions, called like that
 * function (the inputs the tests give it and inputs near them): what the tests let pass, seen
 * at the function's boundary.
 */
export async function callSurvivors(container: Docker.Container, targets: DifferentialTarget[], survived: Array<{ mutant: Mutant; file: string }>, read: (p: string) => string | undefined, reset: string): Promise<SurvivorCalls | undefined> {
  if (!targets.length || !survived.length) return undefined;
  const started = Date.now();
  const ranges = new Map<string, Awaited<ReturnType<typeof functionRanges>>>();
  for (const f of new Set(targets.map((t) => t.file))) ranges.set(f, await functionRanges(f, read(f) ?? ''));
  const placed = survived
    .map(({ mutant, file }) => {
      const within = ranges.get(mutant.file)?.filter((r) => mutant.line >= r.start && mutant.line <= r.end) ?? [];
      // The innermost function holding the line, if the change's targets call it.
      const fn = within.sort((a, b) => a.end - a.start - (b.end - b.start)).find((r) => targets.some((t) => t.file === mutant.file && t.name === r.name));
      const target = fn && targets.find((t) => t.file === mutant.file && t.name === fn.name);
      return target ? { mutant, file, target } : undefined;
    })
    .filter((x): x is NonNullable<typeof x> => !!x)
    .slice(0, MAX_SURVIVORS_CALLED);
  if (!placed.length) return undefined;
  const called = [...new Set(placed.map((p) => p.target))];
  let done = 0;
  return withHeartbeat(
    () => ({ step: 'survivors called like their function', done, of: placed.length }),
    (async () => {
      const mutants: SurvivorAnswers[] = [];
      // One harness run per mutant (a Go one builds the package), while the budget lasts.
      for (const [k, p] of placed.entries()) {
        if (Date.now() - started > SURVIVOR_BUDGET_MS) break;
        const got = await callTargets(container, harnessSpecs(`mutant-${k}`, [p.target], '/workspace').map((x) => ({ ...x, before: `${reset} && ${placeFile(p.file, p.mutant.file)}` })));
        mutants.push({ mutant: describeMutant(p.mutant), answers: got[`mutant-${k}`] ?? [] });
        done++;
      }
      return { targets: called, mutants, durationMs: Date.now() - started };
    })(),
  );
}

