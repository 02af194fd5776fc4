// How verification's results are told to a person: the reasons beside a rejection and the
// evidence in front of the reviewer (recordParts.ts puts them into the record). Pure and
// workflow-safe.
import { stripAnsi } from '../verify/ansi';
import { globMatch, listSome, summarizeRun, timedOutText, type TestRun } from '../verify/testResults';
import type { VerificationRecord } from './recordTypes';

// Lines that only say a test passed, in the runners' usual output: pytest's and uvu's progress
// marks, TAP's "ok", the spec reporters' ticks, go's PASS lines.
const PASSING_LINE = /^\s*(?:[.sxX]+\s*(?:\[\s*\d+%\])?|(?:[•·]\s*)+(?:\(\d+ \/ \d+\))?|ok \d+\b.*|[✔✓√]\s.*|--- PASS:.*|=== (?:RUN|PAUSE|CONT)\s.*|PASS)\s*$/;

/** The end of a run's output as a person needs it beside a rejection: passing lines left out, so the failures show. */
export function failureTail(output: string, maxChars = 1000): string {
  const kept = stripAnsi(output).split('\n').filter((l) => !PASSING_LINE.test(l));
  const text = kept.join('\n').replace(/\n{3,}/g, '\n\n').trim();
  return text.length > maxChars ? `…${text.slice(-maxChars)}` : text;
}

/** Why a Lab that ran past its budget is rejected, with what it spent and the limits. */
export function labBudgetReason(usage: { inputTokens: number; outputTokens: number; cacheWriteTokens?: number; cacheReadTokens?: number; costUsd: number }, limits: { usd: number; tokens: number }): string {
  // Every token sent or received counts, cached or not.
  const tokens = usage.inputTokens + (usage.cacheWriteTokens ?? 0) + (usage.cacheReadTokens ?? 0) + usage.outputTokens;
  return `Lab budget: the Lab stopped after ${tokens.toLocaleString('en-US')} tokens ($${usage.costUsd.toFixed(2)}), past its limit of ${limits.tokens.toLocaleString('en-US')} tokens or $${limits.usd.toFixed(2)} per generation; nothing of it is promoted (raise budgets.labUsd or budgets.labTokens in loom.config.json to allow more)`;
}

/** Why the base is not green, naming the failing tests. */
export function baselineFailure(baseSha: string, command: string, run: TestRun, outputTail: string, mounts: string[] = []): string {
  const s = summarizeRun(run);
  // The tests passed but their results cannot be read: a reading problem, not a red base.
  if (run.exitCode === 0 && !run.timedOut && !s.failed && s.problems.length) {
    return `Loom cannot read the results of \`${command}\` on the base ${baseSha.slice(0, 12)}, whose tests exit 0: ${s.problems.join('; ')}\n${failureTail(outputTail)}`;
  }
  const why = run.timedOut ? timedOutText(run) : s.failed ? `${s.failed} of ${s.total} tests failed: ${listSome(s.failedTests, 5)}` : s.problems.join('; ') || `exit ${run.exitCode}`;
  return `the tests are not green on the base ${baseSha.slice(0, 12)} (\`${command}\`: ${why}); ${readOnlyHint(`${s.failedTests.join('\n')}\n${outputTail}`, mounts) ?? 'fix them or choose another --test-command before Loom changes anything'}\n${failureTail(outputTail)}`;
}

/**
 * A failure that comes from writing into a read-only mounted folder (a tool's cache inside
 * node_modules): say so, and how to make the dependencies writable.
 */
export function readOnlyHint(output: string, mounts: string[]): string | undefined {
  const hit = mounts.map((m) => m.replace(/^\/+|\/+$/g, '')).find((m) => new RegExp(`(?:EROFS|read-only file system|ENOENT|EACCES)[^\\n]*/workspace/${m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:/|'|"|\\s|$)`, 'i').test(output));
  if (!hit) return undefined;
  return `${hit} is mounted read-only (--mount / "mounts"), and the tests write into it (a tool's cache, most often): give the repository a setup command instead ("setup": "npm ci" in loom.config.json), which installs writable dependencies into each container, or turn the tool's cache off`;
}

/** What the mechanical gates found, in a few lines the reviewer reads beside the diff (paths it is not shown left out). */
export function reviewEvidence(v: VerificationRecord, excludes: string[]): string {
  const lines: string[] = [];
  const shown = (v.lab?.added ?? []).filter((id) => !excludes.some((g) => globMatch(g, id.split(' > ')[0]!)));
  if (v.lab) lines.push(`The Lab's tree: ${v.lab.passed} of ${v.lab.total} tests pass (${v.runner}); new tests: ${shown.length ? listSome(shown, 10) : v.lab.added.length ? `${v.lab.added.length} (in files left out of this review)` : 'none'}.`);
  if (v.heldOut) lines.push(`The base's own ${v.heldOut.basePassed} passing tests, run on the Lab's source: ${v.heldOut.stillPassing} still pass${v.heldOut.changed.length ? `; ${v.heldOut.changed.length} declared in program.md as allowed to change` : ''}.`);
  if (v.capabilities?.length) lines.push(`Ambient capabilities the new code gains, each declared in program.md's ## Capabilities (judge whether the task needs it): ${listSome(v.capabilities, 8)}.`);
  if (v.mutation && !v.mutation.skipped) lines.push(`Mutation testing: ${v.mutation.killed} of ${v.mutation.ran} mutants of the changed and tested code were caught (those of code the change did not touch, by its new tests)${v.mutation.survivors.length ? `; survivors: ${listSome(v.mutation.survivors, 5)}` : ''}.`);
  if (v.mutation?.uncaughtLines?.length) lines.push(`Changed lines the tests run but whose every mutant survived (a weak test, or a mutant that changes nothing; judge which): ${listSome(v.mutation.uncaughtLines, 8)}.`);
  return lines.join('\n');
}
